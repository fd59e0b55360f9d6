"""XLIFF 1.2 and 2.0 bilingual files: one file (or ``<file>`` element) per language pair.

Each translation unit becomes one paragraph of the source and of the target text, so paragraph-level
rules line up unit by unit. Inline codes (``<g>``, ``<x/>``, ``<bpt>``, ``<pc>``, ``<ph/>`` ...) are kept
out of the text and recorded with their offsets (``markup.MarkupText``) for the markup rule; the native
code inside ``<bpt>``/``<ph>`` is not text. A unit without a translation stays in the source text and is
absent from the target (an omission, which is what it is). ``translate="no"`` units are skipped.

The article id is the ``<file original="...">`` name without folders and extension, else the XLIFF file
name without a trailing language suffix (``story-17.en.xlf`` -> ``story-17``); XLIFF 2.0 ``<file id>``
is not used because tools write ``f1`` there. The pipeline merges files of the same article (one per
target language) into one article.

Security: the files come from outside. They are parsed by ``xmlsafe``, which refuses a DOCTYPE (hence
external entities and entity expansion bombs), and inline codes are walked without recursion.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path, PurePosixPath

from mtcheck.facts.markup import CLOSE, ISOLATED, OPEN, STANDALONE, InlineTag, MarkupText, Unit
from mtcheck.model import Article, InputError, Text
from mtcheck.readers.common import build_article
from mtcheck.store.userfile import read_bytes
from mtcheck.store.xmlsafe import parse_untrusted

SUFFIXES = (".xlf", ".xliff")
MAX_XLIFF_BYTES = 64 * 2**20  # a project file of some hundreds of articles; its tree takes about 10 times that
NAMESPACES = {"urn:oasis:names:tc:xliff:document:1.2": "1.2", "urn:oasis:names:tc:xliff:document:2.0": "2.0"}
CONTAINERS = ("g", "pc", "mrk")  # inline elements whose content is text of the unit (mrk: an annotation)
_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")


def is_xliff(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def _split_tag(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


# --- inline content -----------------------------------------------------------------------------------


@dataclass
class _Inline:
    """Accumulates a unit's text and inline tags while walking its <source> or <target> elements."""

    ns: str
    parts: list[str] = field(default_factory=list)
    length: int = 0
    tags: list[InlineTag] = field(default_factory=list)

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value)
            self.length += len(value)

    def tag(self, kind: str, tag_id: str | None, element: str) -> None:
        self.tags.append(InlineTag(kind, tag_id or "?", element, self.length))

    def walk(self, element: ET.Element) -> None:
        """Text and inline codes of ``element`` in document order. Its own stack, not recursion: inline
        codes may nest as deep as the file likes (``<g>`` inside ``<g>`` ... ten thousand times)."""
        self.text(element.text)
        stack: list[tuple[Iterator[ET.Element], ET.Element | None]] = [(iter(element), None)]
        while stack:
            children, parent = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if parent is not None:  # leaving a <g>, <pc> or <mrk>
                    self._leave(parent)
                continue
            ns, name = _split_tag(child.tag) if isinstance(child.tag, str) else ("", "")
            if ns == self.ns and name in CONTAINERS:
                if name != "mrk":  # paired code around translatable text
                    self.tag(OPEN, child.get("id"), name)
                self.text(child.text)
                stack.append((iter(child), child))
                continue
            if ns == self.ns:
                self._inline(child, name)
            self.text(child.tail)

    def _leave(self, element: ET.Element) -> None:
        name = _split_tag(element.tag)[1]
        if name != "mrk":
            self.tag(CLOSE, element.get("id"), name)
        self.text(element.tail)

    def _inline(self, child: ET.Element, name: str) -> None:
        """An inline element without translatable content."""
        get = child.get
        if name in ("bx", "bpt") or (name == "sc" and get("isolated") != "yes"):
            self.tag(OPEN, get("rid") or get("id"), name)
        elif name in ("ex", "ept") or (name == "ec" and get("isolated") != "yes"):
            self.tag(CLOSE, get("rid") or get("startRef") or get("id"), name)
        elif name in ("x", "ph"):
            self.tag(STANDALONE, get("id"), name)
        elif name in ("it", "sc", "ec"):  # isolated: the partner is in another unit
            self.tag(ISOLATED, get("id") or get("rid"), name)
        elif name == "cp":  # XLIFF 2.0 code point the XML could not carry
            try:
                self.text(chr(int(get("hex", ""), 16)))
            except (ValueError, OverflowError):
                pass
        # sm/em (annotation markers) and sub carry no text of the unit

    def result(self) -> tuple[str, tuple[InlineTag, ...]]:
        """Line breaks (with the indentation around them) become one space; the text is stripped."""
        raw = "".join(self.parts)
        marks = [(m.start(), m.end()) for m in _BREAK.finditer(raw)]
        ends = [end for _, end in marks]
        removed = list(accumulate((end - start - 1 for start, end in marks), initial=0))
        text = _BREAK.sub(" ", raw)
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()

        def move(offset: int) -> int:
            k = bisect_right(ends, offset)  # the breaks before the offset; the next one may hold it
            if k < len(marks) and marks[k][0] < offset:
                return min(max(marks[k][0] - removed[k] + 1 - lead, 0), len(stripped))
            return min(max(offset - removed[k] - lead, 0), len(stripped))

        return stripped, tuple(InlineTag(t.kind, t.id, t.element, move(t.offset)) for t in self.tags)


# --- units and files ----------------------------------------------------------------------------------


@dataclass
class _UnitText:
    id: str
    source: tuple[str, tuple[InlineTag, ...]]
    target: tuple[str, tuple[InlineTag, ...]] | None  # None: not translated


@dataclass
class XliffPart:
    """One <file> element: a source and one target language of one article."""

    article_id: str
    source_lang: str
    target_lang: str
    path: str
    units: list[_UnitText]


def _children(element: ET.Element, ns: str, name: str) -> list[ET.Element]:
    return [c for c in element if c.tag == f"{{{ns}}}{name}"]


def _units_12(file_el: ET.Element, ns: str) -> Iterable[_UnitText]:
    for unit in file_el.iter(f"{{{ns}}}trans-unit"):
        if unit.get("translate") == "no":
            continue
        source, target = _children(unit, ns, "source"), _children(unit, ns, "target")
        if not source:
            continue
        yield _UnitText(unit.get("id", "?"), _read(source[0], ns), _read(target[0], ns) if target else None)


def _units_20(file_el: ET.Element, ns: str) -> Iterable[_UnitText]:
    for unit in file_el.iter(f"{{{ns}}}unit"):
        if unit.get("translate") == "no":
            continue
        source, target = _Inline(ns), _Inline(ns)
        translated = False
        for part in unit:
            if part.tag not in (f"{{{ns}}}segment", f"{{{ns}}}ignorable"):
                continue
            src, tgt = _children(part, ns, "source"), _children(part, ns, "target")
            if src:
                source.walk(src[0])
            if tgt:
                target.walk(tgt[0])
                translated = translated or part.tag.endswith("segment")
            elif part.tag.endswith("ignorable") and src:
                target.walk(src[0])  # an ignorable without target is the same in both languages
        yield _UnitText(unit.get("id", "?"), source.result(), target.result() if translated else None)


def _read(element: ET.Element, ns: str) -> tuple[str, tuple[InlineTag, ...]]:
    inline = _Inline(ns)
    inline.walk(element)
    return inline.result()


def _lang(code: str | None) -> str:
    return (code or "").split("-")[0].split("_")[0].lower()


def _article_id(original: str | None, path: Path, source: str, target: str) -> str:
    if original and original.strip():
        return PurePosixPath(original.strip().replace("\\", "/")).stem or original.strip()
    suffix = re.compile(rf"[._-](?:{re.escape(source)}[._-])?{re.escape(target)}(?:[-_][A-Za-z0-9]+)?$", re.IGNORECASE)
    return suffix.sub("", path.stem) or path.stem


def read_xliff(path: Path) -> list[XliffPart] | InputError:
    """Every <file> element of an XLIFF document, or one InputError for the whole file."""
    try:
        data = read_bytes(path, MAX_XLIFF_BYTES)
    except ValueError as exc:
        return InputError(str(path), f"cannot read ({exc})")
    try:
        root = parse_untrusted(data)
    except ValueError as exc:
        return InputError(str(path), str(exc))
    ns, name = _split_tag(root.tag)
    version = NAMESPACES.get(ns)
    if name != "xliff" or version is None:
        return InputError(str(path), "not an XLIFF 1.2 or 2.0 document (root must be <xliff> in the XLIFF namespace)")
    parts: list[XliffPart] = []
    for file_el in _children(root, ns, "file"):
        if version == "1.2":
            source, target = _lang(file_el.get("source-language")), _lang(file_el.get("target-language"))
            units = list(_units_12(file_el, ns))
        else:
            source, target = _lang(root.get("srcLang")), _lang(root.get("trgLang"))
            units = list(_units_20(file_el, ns))
        if not source or not target:
            return InputError(str(path), "source or target language not declared")
        article_id = _article_id(file_el.get("original"), path, source, target)
        parts.append(XliffPart(article_id, source, target, str(path), units))
    if not parts:
        return InputError(str(path), "no <file> element")
    return parts


# --- building articles --------------------------------------------------------------------------------


def _text(lang: str, path: str, units: list[tuple[str, str, tuple[InlineTag, ...]]]) -> MarkupText:
    """Join unit texts as paragraphs (blank-line separated), recording each unit's span and tags."""
    pieces: list[str] = []
    spans: list[Unit] = []
    pos = 0
    for unit_id, text, tags in units:
        if not text:
            continue
        if pieces:
            pieces.append("\n\n")
            pos += 2
        pieces.append(text)
        spans.append(Unit(unit_id, pos, pos + len(text), tuple(InlineTag(t.kind, t.id, t.element, pos + t.offset)
                                                              for t in tags)))
        pos += len(text)
    return MarkupText(lang, "".join(pieces), f"{path}#{lang}", tuple(spans))


def merge_parts(parts: list[XliffPart], source_lang: str) -> list[Article | InputError]:
    """One article per article id, one target per XLIFF part; disagreeing sources are input errors."""
    results: list[Article | InputError] = []
    groups: dict[str, list[XliffPart]] = {}
    for part in parts:
        groups.setdefault(part.article_id, []).append(part)
    for article_id, group in groups.items():
        first = group[0]
        source = _text(first.source_lang, first.path, [(u.id, *u.source) for u in first.units])
        texts: dict[str, Text] = {first.source_lang: source}
        for part in group:
            where = f"{part.path}#{part.target_lang}"
            if part.source_lang != source_lang:
                results.append(InputError(part.path, f"source language is {part.source_lang!r}, expected {source_lang!r}"))
            elif part.target_lang in texts:
                results.append(InputError(where, f"second {part.target_lang} translation of article {article_id!r}"))
            elif _text(part.source_lang, first.path, [(u.id, *u.source) for u in part.units]).content != source.content:
                results.append(InputError(part.path, f"source text differs from {first.path} (same article {article_id!r})"))
            else:
                texts[part.target_lang] = _text(part.target_lang, part.path,
                                                [(u.id, *u.target) for u in part.units if u.target is not None])
        if len(texts) > 1 or first.source_lang == source_lang:
            results.append(build_article(article_id, source_lang, texts, first.path))
    return results
