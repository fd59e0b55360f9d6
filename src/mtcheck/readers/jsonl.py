"""JSONL batches: one article per line, ``{"id", "source_lang", "texts": {lang: text}}``.

The file is read line by line, so a batch of any size costs the memory of one line (one article, at most
``MAX_LINE_BYTES``). It may be a pipe (``mtcheck check <(producer)``, ``/dev/stdin``):
the first article is yielded before the rest of the file has been read. A bad line is one input error
and the batch goes on; bytes that are not UTF-8 text (NUL, invalid UTF-8) end the file with one error
naming the byte offset, as a file that is not text at all should not produce an error per line.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from mtcheck.model import Article, InputError, Text
from mtcheck.readers.common import build_article, decode, normalise
from mtcheck.store.userfile import parse_json

# Memory is bounded by one line: seven texts at the 1,000,000-character limit, JSON-escaped at 6 bytes a
# character (ensure_ascii), take 42 MB; a longer line is not an article, and /dev/zero has no line end.
MAX_LINE_BYTES = 64 * 2**20


class Opener(Protocol):
    """A file that is not a local path (``readers.remote``): opened for reading bytes, named by ``str``."""

    def open(self, mode: str) -> IO[bytes]: ...


def article_from_object(obj: object, where: str, default_source: str = "id") -> Article | InputError:
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


def _lines(path: Path | Opener) -> Iterator[tuple[int, str] | InputError]:
    """(line number, text) for every line, numbered as in the whole file after CR/CRLF -> LF; an
    unreadable or non-text file ends with one InputError."""
    number, offset = 0, 0
    try:
        with path.open("rb") as handle:
            while raw := handle.readline(MAX_LINE_BYTES + 1):  # a line never read whole beyond the limit
                if len(raw) > MAX_LINE_BYTES:
                    yield InputError(f"{path}:{number + 1}", f"line longer than {MAX_LINE_BYTES:,} bytes (the "
                                     "limit of an article); the rest of the file is not read")
                    return
                try:
                    text = decode(raw)  # strict UTF-8; a BOM is dropped, CR and CRLF become LF
                except ValueError as exc:
                    yield InputError(f"{path}:{number + 1}", _in_file(str(exc), offset))
                    return
                offset += len(raw)
                parts = text.split("\n")
                if len(parts) > 1 and parts[-1] == "":
                    parts.pop()  # the line's own terminator
                for part in parts:
                    number += 1
                    yield number, part
    except OSError as exc:
        yield InputError(str(path), f"cannot read ({exc.strerror or exc})")


def _in_file(message: str, offset: int) -> str:
    """``decode`` counts bytes from the start of the line; the message names the offset in the file."""
    head, sep, tail = message.rpartition("(byte ")
    return f"{head}(byte {offset + int(tail.rstrip(')'))})" if sep else message


def parse_line(line: str, where: str, default_source: str = "id") -> Article | InputError | None:
    """One JSONL line (``where`` names it: ``file:line``) as an article or an input error; None for a blank
    line. Also what a cluster worker runs on the lines of a ``dask.bag`` (``mtcheck.distributed``)."""
    if not line.strip():
        return None
    try:
        obj = parse_json(line, unique_keys=True)  # which of two "en" texts is meant cannot be known
    except ValueError as exc:
        return InputError(where, str(exc))
    return article_from_object(obj, where, default_source)


def read_jsonl(path: Path | Opener, default_source: str = "id") -> Iterator[Article | InputError]:
    """The articles of a JSONL file, a pipe, or a remote file (``Opener``: anything with ``open("rb")``). A file
    with no line at all but blank ones is an input error, as an empty folder is (it passed silently)."""
    empty = True
    for item in _lines(path):
        if isinstance(item, InputError):
            yield item
            return
        number, line = item
        parsed = parse_line(line, f"{path}:{number}", default_source)
        if parsed is not None:
            empty = False
            yield parsed
    if empty:
        yield InputError(str(path), "no article in it (an empty file)")
