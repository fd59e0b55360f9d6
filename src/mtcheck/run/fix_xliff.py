"""Fixes written into an XLIFF file, in place of the ``<target>`` text, every other byte as it was.

The reader (``readers.xliff``) keeps inline codes out of the text and collapses line breaks; to write a fix
back, the file is read again with expat, which gives the byte offset of each run of character data: the
unit's target text is rebuilt the reader's way, each of its characters knowing its byte in the file, or
that it has none to edit (an entity or character reference, a collapsed line break, a ``<cp/>``, the
source of an ``<ignorable>``). A fix is written only where every character it replaces stands literally
in one run of the file; the replacement is escaped; the result is read back and must give the fixed text.
UTF-8 files only.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import escape

from mtcheck.facts.markup import MarkupText
from mtcheck.readers.xliff import _BREAK, CONTAINERS, NAMESPACES, _article_id, _lang
from mtcheck.store.xmlsafe import parse_untrusted

_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

Char = tuple[str, int]  # a character of a unit's target text and its byte offset in the file (-1: none)


class XliffFixError(Exception):
    """A fix that cannot be written into the XLIFF file (one line: why)."""


@dataclass
class _Unit:
    chars: list[Char] = field(default_factory=list)
    translated: bool = False


@dataclass
class _Part:
    article_id: str
    target_lang: str
    units: list[_Unit] = field(default_factory=list)


class _Reader:
    """Walks the document once, collecting each <file>'s translated units as characters with byte offsets."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data, self.path = data, path
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.StartCdataSectionHandler = lambda: setattr(self, "cdata", True)
        self.parser.EndCdataSectionHandler = lambda: setattr(self, "cdata", False)
        self.cdata = False  # text in a CDATA section is not edited (an escaped replacement would show)
        self.stack: list[tuple[str, str]] = []
        self.ns, self.version, self.root_langs = "", "", ("", "")
        self.parts: list[_Part] = []
        self.unit: _Unit | None = None
        self.capture = 0  # depth of the <target> (or ignorable <source>) being read; 0: none
        self.skip = 0  # depth of an inline code whose content is not text; 0: none
        self.literal = True  # False while reading an ignorable's source (not the target's own text)
        self.ignorable: list[Char] | None = None
        self.has_target = False

    def read(self) -> list[_Part]:
        self.parser.Parse(self.data, True)
        return self.parts

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition("}")
        depth = len(self.stack) + 1
        parent = self.stack[-1][1] if self.stack else ""
        self.stack.append((ns, local))
        if depth == 1:
            self.ns, self.version = ns, NAMESPACES.get(ns, "")
            self.root_langs = (_lang(attrs.get("srcLang")), _lang(attrs.get("trgLang")))
        elif self.skip or ns != self.ns:
            self.skip = self.skip or (depth if self.capture else 0)
        elif self.capture:
            if local not in CONTAINERS:
                self.skip = depth
                if local == "cp":
                    try:
                        self._add(chr(int(attrs.get("hex", ""), 16)), -1)
                    except (ValueError, OverflowError):
                        pass
        elif local == "file":
            source, target = (_lang(attrs.get("source-language")), _lang(attrs.get("target-language"))) \
                if self.version == "1.2" else self.root_langs
            self.parts.append(_Part(_article_id(attrs.get("original"), Path(self.path), source, target), target))
        elif local in ("trans-unit", "unit") and self.parts:
            self.unit = _Unit() if attrs.get("translate") != "no" else None
            self.has_target = False
            if self.unit is not None:
                self.parts[-1].units.append(self.unit)
        elif local in ("segment", "ignorable") and self.unit is not None:
            self.ignorable, self.has_target = ([] if local == "ignorable" else None), False
        elif local == "target" and self.unit is not None and parent in ("trans-unit", "segment", "ignorable") \
                and not self.has_target:
            self.capture, self.literal, self.has_target = depth, True, True
            self.unit.translated = self.unit.translated or parent != "ignorable"
        elif local == "source" and self.ignorable is not None and parent == "ignorable":
            self.capture, self.literal = depth, False

    def _end(self, name: str) -> None:
        depth = len(self.stack)
        local = self.stack.pop()[1]
        if self.skip == depth:
            self.skip = 0
        elif self.capture == depth:
            self.capture = 0
        elif local == "ignorable" and self.ignorable is not None and self.unit is not None:
            if not self.has_target:
                self.unit.chars += self.ignorable
            self.ignorable = None
        elif local == "segment":
            self.ignorable = None

    def _text(self, text: str) -> None:
        if not self.capture or self.skip or self.unit is None:
            return
        start = self.parser.CurrentByteIndex
        encoded = text.encode("utf-8")
        literal = self.literal and not self.cdata and self.data[start:start + len(encoded)] == encoded
        offsets = _offsets(text, start) if literal else [-1] * len(text)
        for char, offset in zip(text, offsets):
            self._add(char, offset)

    def _add(self, char: str, offset: int) -> None:
        if self.literal and self.unit is not None:
            self.unit.chars.append((char, offset))
        elif self.ignorable is not None:
            self.ignorable.append((char, -1))


def _offsets(text: str, start: int) -> list[int]:
    out, pos = [], start
    for c in text:
        out.append(pos)
        pos += len(c.encode("utf-8"))
    return out


def unit_text(chars: list[Char]) -> list[Char]:
    """The reader's text of a unit (line breaks with their indentation one space, stripped), per character."""
    raw = "".join(c for c, _ in chars)
    out: list[Char] = []
    pos = 0
    for m in _BREAK.finditer(raw):
        out += chars[pos:m.start()] + [(" ", -1)]
        pos = m.end()
    out += chars[pos:]
    text = "".join(c for c, _ in out)
    lead = len(text) - len(text.lstrip())
    return out[lead:lead + len(text.strip())]


def _units(data: bytes, path: str, article_id: str, lang: str) -> list[list[Char]]:
    """The translated, non-empty target units of ``article_id``'s ``lang`` part, in order."""
    parts = [p for p in _Reader(data, path).read() if p.article_id == article_id and p.target_lang == lang]
    if len(parts) != 1:
        raise XliffFixError(f"{len(parts)} parts for {article_id!r} in {lang}")
    return [text for u in parts[0].units if u.translated and (text := unit_text(u.chars))]


def _splices(old: list[Char], new: str) -> list[tuple[int, int, bytes]]:
    """Byte ranges of the file to replace so that the unit's text ``old`` reads ``new``."""
    text = "".join(c for c, _ in old)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, text, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            span = old[i1:i2]
            if any(b < 0 for _, b in span) or any(span[k + 1][1] != span[k][1] + len(span[k][0].encode("utf-8"))
                                                 for k in range(len(span) - 1)):
                raise XliffFixError("a fix falls on an escape, a line break or an inline code")
            start, end = span[0][1], span[-1][1] + len(span[-1][0].encode("utf-8"))
        elif i1 < len(old) and old[i1][1] >= 0:
            start = end = old[i1][1]
        elif i1 > 0 and old[i1 - 1][1] >= 0:
            start = end = old[i1 - 1][1] + len(old[i1 - 1][0].encode("utf-8"))
        else:
            raise XliffFixError("a fix falls on an escape, a line break or an inline code")
        out.append((start, end, escape(new[j1:j2]).encode("utf-8")))
    return out


def fixed_xliff(data: bytes, path: str, text: MarkupText, article_id: str, fixed: str) -> bytes:
    """``data`` (the XLIFF file) with ``text``'s target units reading as in ``fixed``."""
    declared = _ENCODING.match(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (declared and declared.group(1).lower() not in (b"utf-8", b"utf8")):
        raise XliffFixError("only UTF-8 XLIFF files are fixed")
    try:
        parse_untrusted(data)
        units = _units(data, path, article_id, text.lang)
    except (ValueError, expat.ExpatError) as exc:
        raise XliffFixError(str(exc)) from None
    if ["".join(c for c, _ in u) for u in units] != [text.content[u.start:u.end] for u in text.units]:
        raise XliffFixError("the file changed since it was read")
    wanted = fixed.split("\n\n")
    if len(wanted) != len(units):
        raise XliffFixError("its units changed")
    splices = sorted((s for old, new in zip(units, wanted) for s in _splices(old, new)), reverse=True)
    out = data
    for start, end, replacement in splices:
        out = out[:start] + replacement + out[end:]
    if ["".join(c for c, _ in u) for u in _units(out, path, article_id, text.lang)] != wanted:
        raise XliffFixError("the fixed file does not read as the fixed text")
    return out
