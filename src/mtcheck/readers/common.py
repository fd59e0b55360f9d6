"""Shared input normalisation and validation for every reader."""
from __future__ import annotations

import os
import re
from pathlib import Path

from mtcheck.locales import SUPPORTED
from mtcheck.model import Article, InputError, Text
from mtcheck.store.userfile import SURROGATE, TooLarge, cut, printable, read_bytes

MAX_TEXT_CHARS = 1_000_000  # about 200 long news articles: anything larger is not one article
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 3  # a longer file has more characters (4 bytes each at most, a BOM)
MAX_ID_CHARS = 1_000  # a slug, a URL, a path: an id is a name, and it is repeated in every report line
SHOWN = 5  # values of a list quoted in an error message, at most


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode's control characters (category Cc)


def displayable(item: Article | InputError) -> Article | InputError:
    """``item``, or an input error if a name in it is not valid UTF-8 (Linux allows any bytes in a file
    name; no UTF-8 writer, results.json or stderr, takes them): every name leaves the readers printable."""
    if isinstance(item, InputError):  # its message may quote the input (an unknown language code)
        return InputError(printable(item.path), printable(item.message))
    for name in (item.origin, item.source.path, *(t.path for t in item.targets.values())):
        if SURROGATE.search(name):
            return InputError(printable(name), "file or folder name is not valid UTF-8")
    return item


def normalise(text: str) -> str:
    """Remove a BOM and turn CRLF/CR line ends into LF: offsets in results refer to this form."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> str:
    """Strict UTF-8 (BOM allowed); raises ValueError with a reader-friendly message."""
    if b"\x00" in data:
        raise ValueError("binary data (NUL bytes), not UTF-8 text")
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start})") from None


def too_large(what: str, size: str) -> str:
    """The one wording of a text over the limit: ``what`` ("en text", "reference") and its ``size``."""
    return f"{what} too large ({size}; the limit is {MAX_TEXT_CHARS:,} characters)"


def read_text(path: Path, what: str) -> str:
    """The text of a file read as an article's text (never beyond the limit; strict UTF-8); ValueError with
    the reason it cannot be used, naming it as ``what`` ("en text", "reference")."""
    try:
        data = read_bytes(path, MAX_TEXT_BYTES)
    except TooLarge:
        raise ValueError(too_large(what, f"over {MAX_TEXT_BYTES:,} bytes")) from None
    except ValueError as exc:
        raise ValueError(f"cannot read the {what} ({exc})") from None
    try:
        text = decode(data)
    except ValueError as exc:
        raise ValueError(f"{what} is {exc}") from None
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(too_large(what, f"{len(text):,} characters"))
    return text


def list_folder(path: Path) -> list[Path]:
    """The entries of a folder, sorted; ValueError naming why it cannot be listed (pathlib's ``glob`` and
    ``iterdir`` hid an unreadable folder, or raised PermissionError through the batch)."""
    try:
        return sorted(path / name for name in os.listdir(path))
    except OSError as exc:
        raise ValueError(f"cannot list the folder ({exc.strerror or exc})") from None


def build_article(
    article_id: str, source_lang: str, texts: dict[str, Text], origin: str
) -> Article | InputError:
    """Validate an article's texts and assemble it; every problem becomes one InputError line (a short
    one: input quoted in it is cut)."""
    if not article_id.strip():
        return InputError(origin, "empty article id")
    if len(article_id) > MAX_ID_CHARS:
        return InputError(origin, f"article id too long ({len(article_id):,} characters; the limit is {MAX_ID_CHARS:,})")
    if _CONTROL.search(article_id):  # C0, DEL and C1 (U+0085 NEL): a raw one reached --format github lines
        return InputError(origin, "article id contains control characters")
    if SURROGATE.search(article_id):
        return InputError(origin, "article id is not valid Unicode (a JSON escape or a folder name that is not UTF-8)")
    if source_lang not in SUPPORTED:
        return InputError(origin, f"unknown source language {cut(source_lang)} (supported: {', '.join(SUPPORTED)})")
    unknown = sorted(lang for lang in texts if lang not in SUPPORTED)
    if unknown:
        more = f" and {len(unknown) - SHOWN:,} more" if len(unknown) > SHOWN else ""
        return InputError(origin, f"unknown language code(s) {', '.join(cut(u, 20, quote=False) for u in unknown[:SHOWN])}"
                                  f"{more} (supported: {', '.join(SUPPORTED)})")
    source = texts.get(source_lang)
    if source is None:
        return InputError(origin, f"no source text ({source_lang})")
    for text in texts.values():
        if not text.content.strip():
            return InputError(text.path or origin, f"empty {text.lang} text")
        if len(text.content) > MAX_TEXT_CHARS:
            return InputError(text.path or origin, too_large(f"{text.lang} text", f"{len(text.content):,} characters"))
        if (nul := text.content.find("\x00")) >= 0:  # an escape (JSON's "\u0000", XLIFF's <cp hex="0"/>)
            return InputError(text.path or origin,
                              f"{text.lang} text holds a NUL character (at character {nul}): binary data")
        if (lone := SURROGATE.search(text.content)) is not None:  # JSON's "\ud800": valid JSON, not Unicode
            return InputError(text.path or origin, (
                f"{text.lang} text is not valid Unicode (a lone surrogate U+{ord(lone.group()):04X} "
                f"at character {lone.start()})"
            ))
    targets = {lang: t for lang, t in texts.items() if lang != source_lang}
    if not targets:
        return InputError(origin, "only the source is present: no translation to check")
    return Article(article_id, source, targets, origin)
