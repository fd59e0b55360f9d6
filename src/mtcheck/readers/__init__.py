"""Readers turn inputs (article folders, JSONL files or pipes, XLIFF files, JSONL by URL) into ``Article`` objects.

Every reader yields ``Article | InputError``: a bad input is reported and the batch goes on.
``read_paths`` dispatches each command-line path to the reader family that understands it. XLIFF files
hold one language pair each, so they are collected over all paths and merged per article at the end.
A ``<lang>.txt`` file inside an article folder stands for its folder (pre-commit passes changed files).
May import facts (markup), config, model, text, store and locales; never align, rules or above.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from mtcheck.model import Article, InputError
from mtcheck.readers.common import displayable, list_folder
from mtcheck.readers.folder import is_article_folder, read_article_folder
from mtcheck.readers.jsonl import read_jsonl
from mtcheck.readers.remote import is_url, read_url
from mtcheck.readers.xliff import SUFFIXES, XliffPart, is_xliff, merge_parts, read_xliff
from mtcheck.store.userfile import file_mode

Item = Article | InputError
INPUT_SUFFIXES = (".txt", ".jsonl", *SUFFIXES)  # the files the readers read, named or inside a folder


def _read_file(path: Path, raw: str, source_lang: str, xliff: list[XliffPart], folders: set[Path]) -> Iterator[Item]:
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(path, source_lang)
    elif is_xliff(path):
        parts = read_xliff(path)
        if isinstance(parts, InputError):
            yield parts
        else:
            xliff.extend(parts)
    elif path.suffix == ".txt" and is_article_folder(path.parent, source_lang):
        folder = path.parent.resolve()
        if folder not in folders:
            folders.add(folder)
            yield read_article_folder(path.parent, source_lang)
    else:
        yield InputError(raw, "not an article folder, a .jsonl file, an XLIFF file or a text file of an article folder")


def _read_folder(path: Path, raw: str, source_lang: str, xliff: list[XliffPart], folders: set[Path]) -> Iterator[Item]:
    try:
        children = sorted(p for p in list_folder(path) if p.is_dir())
    except ValueError as exc:
        yield InputError(raw, str(exc))
        return
    articles = [c for c in children if is_article_folder(c, source_lang)]
    xliff_files: list[Path] = []
    unreadable: list[InputError] = []
    for folder in (path, *children):
        try:
            xliff_files += [p for p in list_folder(folder) if p.is_file() and is_xliff(p)]
        except ValueError as exc:  # a subfolder that cannot be listed: an input error naming it, the rest goes on
            unreadable.append(InputError(str(folder), str(exc)))
    xliff_files.sort()
    if not articles and not xliff_files and not unreadable:
        yield InputError(raw, f"no article folders (folders with {source_lang}.txt) or XLIFF files found")
    yield from unreadable
    failed = {Path(e.path) for e in unreadable}
    for child in children:
        if child in failed and child not in articles:
            continue
        if child in articles:
            if child.resolve() not in folders:
                folders.add(child.resolve())
                yield read_article_folder(child, source_lang)
        elif any(p.suffix == ".txt" for p in list_folder(child)):
            yield InputError(str(child), f"no source file {source_lang}.txt")
    for file in xliff_files:
        yield from _read_file(file, str(file), source_lang, xliff, folders)


def _missing(path: Path) -> str:
    """Why ``path`` does not exist as far as reading goes: a loop of links, a link to nothing, nothing."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):  # before is_symlink, which raises these (ENAMETOOLONG)
            return f"cannot be read ({exc.strerror or exc})"
        if path.is_symlink():
            return "a symbolic link to nothing"
    except ValueError:
        return "a path cannot contain a NUL character"
    return "no such file or folder"


def read_paths(paths: list[str], source_lang: str = "id") -> Iterator[Item]:
    """Expand each path (article folder, folder of article folders, .jsonl, XLIFF, a URL of .jsonl files) into
    articles; every name in them printable (``displayable``)."""
    for item in _read_paths(paths, source_lang):
        yield displayable(item)


def _read_paths(paths: list[str], source_lang: str) -> Iterator[Item]:
    xliff: list[XliffPart] = []
    folders: set[Path] = set()  # article folders already read (a folder and its files may both be named)
    for raw in paths:
        path = Path(raw)
        if not raw.strip():  # Path("") is ".": an unset variable checked, and with --fix changed, the working folder
            yield InputError(repr(raw), "an empty path (an unset variable?): name an article folder or file")
        elif is_url(raw):
            yield from read_url(raw, source_lang)
        elif file_mode(path) is None:
            yield InputError(raw, _missing(path))
        elif path.is_fifo():  # a pipe: JSONL streamed by another program (process substitution, /dev/stdin)
            yield from read_jsonl(path, source_lang)
        elif not path.is_file() and not path.is_dir():
            yield InputError(raw, "not a file, a folder or a pipe (a device or a socket)")
        elif path.is_file():
            yield from _read_file(path, raw, source_lang, xliff, folders)
        elif is_article_folder(path, source_lang):
            if path.resolve() not in folders:
                folders.add(path.resolve())
                yield read_article_folder(path, source_lang)
        else:
            yield from _read_folder(path, raw, source_lang, xliff, folders)
    yield from merge_parts(xliff, source_lang)


__all__ = ["INPUT_SUFFIXES", "Item", "is_article_folder", "read_article_folder", "read_jsonl", "read_paths", "read_xliff"]
