"""JSONL batches: one article per line, ``{"id", "source_lang", "texts": {lang: text}}``."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..model import Article, InputError, Text
from .common import build_article, decode, normalise


def _article(obj: object, where: str, default_source: str) -> Article | InputError:
    if not isinstance(obj, dict):
        return InputError(where, "line is not a JSON object")
    article_id, texts = obj.get("id"), obj.get("texts")
    source_lang = obj.get("source_lang", default_source)
    if not isinstance(article_id, str):
        return InputError(where, 'missing or non-string "id"')
    if not isinstance(source_lang, str):
        return InputError(where, '"source_lang" must be a string')
    if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
        return InputError(where, '"texts" must be an object mapping language codes to strings')
    return build_article(
        article_id, source_lang, {k: Text(k, normalise(v), f"{where}#{k}") for k, v in texts.items()}, where
    )


def read_jsonl(path: Path, default_source: str = "id") -> Iterator[Article | InputError]:
    try:
        raw = decode(path.read_bytes())
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    except ValueError as exc:
        yield InputError(str(path), str(exc))
        return
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg})")
            continue
        yield _article(obj, where, default_source)
