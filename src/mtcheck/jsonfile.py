"""Reading a JSON file a user hands mtcheck (a results file, a baseline): every failure is one short reason.

``json`` recurses once per nesting level, so a file of 100,000 ``[`` exhausts the stack; that, a folder,
bytes that are not UTF-8 and malformed JSON all become a ``ValueError`` whose message fits in a line.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json(path: Path) -> Any:
    """The parsed content of ``path`` (a UTF-8 BOM allowed); ValueError with a one-line reason otherwise."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ValueError("a folder, not a file") from None
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
