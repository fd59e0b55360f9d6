"""Reading the files a user hands mtcheck: articles' texts, XLIFF, config, glossary, baseline, results, references.

Every failure is a ``ValueError`` whose message is one short reason, for the caller to put after the file's
name: a folder, something that is not a regular file (opening a pipe blocks until a writer comes, reading
a device like /dev/zero never ends), an unreadable file, a file over the caller's size limit (read no
further than the limit: memory stays bounded), bytes that are not UTF-8, and, for JSON, malformed or too
deeply nested text (``json`` recurses once per level, so a file of 100,000 ``[`` would exhaust the stack),
an integer too long to convert, a number that is not finite (``NaN``, ``Infinity``, ``1e999``: Python's
json takes them, and they reached scores and arithmetic), and where asked, a key repeated in one object.

Every reader names its limit: nothing a user hands mtcheck is read whole whatever its size (a 3 GB
baseline ended in a MemoryError traceback).
"""
from __future__ import annotations

import json
import math
import re
import stat
import sys
from pathlib import Path
from typing import Any

MiB = 2**20
CONFIG_BYTES = 1 * MiB  # a config file (mtcheck.toml, pyproject.toml): settings, a few boilerplate patterns
GLOSSARY_BYTES = 64 * MiB  # a termbase of about a million entries
BASELINE_BYTES = 64 * MiB  # about 200,000 recorded findings (about 300 bytes each)
RESULTS_BYTES = 512 * MiB  # a results.json of about 3,000 long articles; parsed whole, it takes about 10 times that


class TooLarge(ValueError):
    """The file is longer than the limit its reader allows."""


def file_mode(path: Path) -> int | None:
    """``path``'s ``st_mode``, None when nothing can be found there. ``Path.exists()``, ``is_dir()`` and
    ``is_fifo()`` return False only for a missing file or a loop of links: a name longer than the system
    allows (ENAMETOOLONG) raised OSError out of them, a traceback for ``mtcheck check <5,000 characters>``."""
    try:
        return path.stat().st_mode
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return None


def read_bytes(path: Path, limit: int) -> bytes:
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
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    except MemoryError:
        raise TooLarge(f"too large to hold in memory (the limit is {limit:,} bytes)") from None
    if len(data) > limit:
        raise TooLarge(f"larger than {limit:,} bytes")
    return data


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_text(path: Path, limit: int) -> str:
    """The file's UTF-8 text (at most ``limit`` bytes), a BOM removed. UTF-16 (Excel's "Unicode text"), another
    encoding and a NUL character (binary data, or UTF-16 without its BOM, whose every other byte is NUL in
    Latin script) are refused with the line where they show: a NUL reached glossary terms and config values."""
    data = read_bytes(path, limit)
    if data.startswith(_UTF16_BOMS):
        raise ValueError("UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(f"not UTF-8 at byte {exc.start} (line {line}): save it as UTF-8") from None
    if (nul := text.find("\0")) >= 0:
        raise ValueError(f"a NUL character at line {text.count(chr(10), 0, nul) + 1}: binary data, or UTF-16?")
    return text.removeprefix("\ufeff")


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")  # JSON's way to write one half of a pair
SURROGATE = re.compile(r"[\ud800-\udfff]")  # a lone surrogate: only JSON escapes (or undecodable file names) make one


def printable(name: str) -> str:
    """A path or id as it can be shown and written: a byte the file system could not decode (it reaches
    Python as a lone surrogate) as ``\\xff``, any other lone surrogate as ``\\ud800``."""
    if not SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return "".join(f"\\u{ord(c):04x}" if SURROGATE.match(c) else c for c in name)


def read_json(path: Path, limit: int) -> Any:
    """A JSON file's value (at most ``limit`` bytes); one that holds a lone surrogate (valid JSON, not Unicode:
    no UTF-8 writer takes it, so a report of it would end in a traceback) is refused."""
    return parse_unicode_json(read_text(path, limit))


def parse_unicode_json(text: str, unique_keys: bool = False) -> Any:
    """``parse_json``, and a lone surrogate refused: what mtcheck reads back and writes again (results, their
    shards' lines, a baseline) must be text a UTF-8 writer takes."""
    value = parse_json(text, unique_keys)
    if _ESCAPED_SURROGATE.search(text) and (lone := _lone_surrogate(value)) is not None:
        raise ValueError(f"not valid Unicode (an escaped lone surrogate \\u{ord(lone):04x})")
    return value


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in a parsed JSON value's strings and keys (json joins escaped pairs)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if (found := SURROGATE.search(item)) is not None:
                return found.group()
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def cut(value: str, limit: int = 40, quote: bool = True) -> str:
    """``value`` for an error message: at most ``limit`` characters, then an ellipsis."""
    shown = value if len(value) <= limit else value[:limit] + "\u2026"
    return repr(shown) if quote else shown


class _RepeatedKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        raise _RepeatedKey(next(key for key, _ in pairs if key in seen or seen.add(key)))  # type: ignore[func-returns-value]
    return obj


def parse_json(text: str, unique_keys: bool = False) -> Any:
    """``json.loads``, every failure a ``ValueError`` with one short reason. ``unique_keys``: a key that
    repeats in an object is refused (json keeps the last one, other tools the first: which one the
    writer meant is unknowable)."""
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys if unique_keys else None,
                           parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}" if "\n" in text[:exc.pos] else f"column {exc.colno}"
        raise ValueError(f"not valid JSON ({exc.msg}: {where})") from None
    except _RepeatedKey as exc:
        raise ValueError(f"key {cut(str(exc))} appears twice in one object") from None
    except _NotFinite as exc:
        raise ValueError(f"not valid JSON (a number that is not finite: {cut(str(exc), 20, quote=False)})") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except MemoryError:
        raise ValueError("too large to hold in memory") from None
    except ValueError:  # the only other one: an integer too long to convert
        raise ValueError(f"a number of more than {sys.get_int_max_str_digits():,} digits") from None
    return value


class _NotFinite(ValueError):
    pass


def _no_constant(name: str) -> float:
    """``NaN``, ``Infinity``, ``-Infinity``: not JSON (RFC 8259), though Python's json takes them."""
    raise _NotFinite(name)


def _finite(literal: str) -> float:
    """A JSON number with a fraction or exponent; ``1e999`` would be infinity."""
    value = float(literal)
    if not math.isfinite(value):
        raise _NotFinite(literal)
    return value
