"""Readers turn inputs (article folders, JSONL files, ...) into ``Article`` objects.

Every reader yields ``Article | InputError``: a bad input is reported and the batch goes on.
``read_paths`` dispatches each command-line path to the reader family that understands it.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Article, InputError
from .folder import is_article_folder, read_article_folder
from .jsonl import read_jsonl

Item = Article | InputError


def read_paths(paths: list[str], source_lang: str = "id") -> Iterator[Item]:
    """Expand each path (article folder, folder of article folders, .jsonl file) into articles."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(raw, "no such file or folder")
        elif path.is_file():
            if path.suffix.lower() == ".jsonl":
                yield from read_jsonl(path, source_lang)
            else:
                yield InputError(raw, "not an article folder or a .jsonl file")
        elif is_article_folder(path, source_lang):
            yield read_article_folder(path, source_lang)
        else:
            children = sorted(p for p in path.iterdir() if p.is_dir())
            articles = [c for c in children if is_article_folder(c, source_lang)]
            if not articles:
                yield InputError(raw, f"no article folders (folders with {source_lang}.txt) found")
            for child in children:
                if child in articles:
                    yield read_article_folder(child, source_lang)
                elif any(child.glob("*.txt")):
                    yield InputError(str(child), f"no source file {source_lang}.txt")


__all__ = ["Item", "read_paths", "read_article_folder", "read_jsonl", "is_article_folder"]
