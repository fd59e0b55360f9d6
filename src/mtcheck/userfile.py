"""Reading the files a user hands mtcheck besides articles (config, glossary, baseline, results, references).

Every failure is a ``ValueError`` whose message is one short reason, for the caller to put after the file's
name: a folder, an unreadable file, bytes that are not UTF-8, and, for JSON, malformed or too deeply nested
text (``json`` recurses once per level, so a file of 100,000 ``[`` would exhaust the stack).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise ValueError("a folder, not a file") from None
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    except ValueError:  # a NUL in the path (a config file can name one)
        raise ValueError("a path cannot contain a NUL character") from None


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
