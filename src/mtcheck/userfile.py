"""Reading the files a user hands mtcheck: articles' texts, XLIFF, config, glossary, baseline, results, references.

Every failure is a ``ValueError`` whose message is one short reason, for the caller to put after the file's
name: a folder, something that is not a regular file (opening a pipe blocks until a writer comes, reading
a device like /dev/zero never ends), an unreadable file, a file over the caller's size limit (read no
further than the limit: memory stays bounded), bytes that are not UTF-8, and, for JSON, malformed or too
deeply nested text (``json`` recurses once per level, so a file of 100,000 ``[`` would exhaust the stack).
"""
from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any


class TooLarge(ValueError):
    """The file is longer than the limit its reader allows."""


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, at most ``limit`` of them (TooLarge beyond)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    except ValueError:  # a NUL in the path (a config file can name one)
        raise ValueError("a path cannot contain a NUL character") from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode) else \
            "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise ValueError(f"{kind}, not a file")
    try:
        with path.open("rb") as handle:
            data = handle.read(-1 if limit is None else limit + 1)
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    if limit is not None and len(data) > limit:
        raise TooLarge(f"larger than {limit:,} bytes")
    return data


def read_text(path: Path) -> str:
    """The file's UTF-8 text, a BOM removed."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 at byte {exc.start}") from None


def read_json(path: Path) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
