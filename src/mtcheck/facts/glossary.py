"""The termbase: source terms and their approved translations, loaded from CSV or TBX and matched in text.

A CSV glossary has one column per language code (``id,en,zh,ja,ar,fr``), one concept per row and
``|`` between approved variants. A TBX glossary has one ``termEntry``/``conceptEntry`` per concept with
a ``langSet`` per language. The shipped newsroom glossary (``data/glossary.csv``) is always loaded;
a user glossary (``Config.glossary``) extends it, and a row whose source term is already known replaces
the shipped row. Files are parsed once per path and modification time.

Matching is asymmetric on purpose: a source term must occur as a whole word, with its case (``AS`` is the
United States, ``as`` is not), so the rule only fires on real occurrences; a target variant may be the
start of a longer word (``americaine``, ``American``) or, in CJK and Arabic, any substring after
normalisation, so correct inflected text is never flagged.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from mtcheck.locales import get_locale
from mtcheck.model import Span
from mtcheck.store.userfile import GLOSSARY_BYTES, read_bytes, read_text
from mtcheck.store.xmlsafe import parse_untrusted
from mtcheck.text.caching import text_cache
from mtcheck.text.scan import Probed

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Entry:
    """One concept: approved terms per language code (the first term of a language is the preferred one)."""

    terms: tuple[tuple[str, tuple[str, ...]], ...]

    def get(self, lang: str) -> tuple[str, ...]:
        return dict(self.terms).get(lang, ())


_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits: what a whole-word term cannot start inside


@dataclass(frozen=True)
class _FirstWords:
    """A language's terms (entry, variant) in glossary order, indexed by the first run of letters and digits
    of each (case-folded): a text can hold a term only if it holds that run."""

    terms: list[tuple[Entry, str]]
    by_run: dict[str, list[int]]
    always: list[int]  # terms without a letter or digit: always tried


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    _first_words: dict[str, _FirstWords] = field(default_factory=dict, compare=False, repr=False)

    def first_words(self, lang: str) -> _FirstWords:
        if lang not in self._first_words:
            terms = [(entry, variant) for entry in self.entries for variant in entry.get(lang)]
            by_run: dict[str, list[int]] = {}
            always = []
            for k, (_, variant) in enumerate(terms):
                run = _RUN.search(variant)
                if run is None:
                    always.append(k)
                else:
                    by_run.setdefault(run.group().casefold(), []).append(k)
            self._first_words[lang] = _FirstWords(terms, by_run, always)
        return self._first_words[lang]


@dataclass(frozen=True)
class TermHit:
    entry: Entry
    variant: str
    span: Span


def _variants(cell: str) -> tuple[str, ...]:
    return tuple(_term(v) for v in cell.split("|") if v.strip())


def _term(text: str) -> str:
    """A term as written in a glossary, its spaces made single (a column-aligned export pads "Bank    Dunia")."""
    return " ".join(text.split())


def parse_csv(text: str) -> Glossary:
    """Entries from a CSV with a column per language. A language named twice in the header, or a row with
    more cells than the header (a comma inside an unquoted term shifts every later language) is an error
    naming it, never a term silently given to the wrong language."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    names = [name.strip() for name in _csv_rows(reader, 0, lambda: reader.fieldnames) or () if name.strip()]
    if twice := next((name for i, name in enumerate(names) if name in names[:i]), None):
        raise GlossaryError(f"glossary header names the column {twice[:40]!r} twice")
    if len(names) == 1 and (other := next((c for c in "\t;|" if c in names[0]), None)):
        raise GlossaryError(f"glossary header is one column holding {other!r}: a glossary CSV is comma-separated")
    concepts = _Concepts()
    line = reader.line_num
    while (row := _csv_rows(reader, line, lambda: next(reader, None))) is not None:
        if reader.line_num > line + 1 and any("\n" in (cell or "") for cell in row.values()):
            raise GlossaryError(f"glossary line {line + 1}: a quoted cell runs over lines {line + 1}-{reader.line_num} "
                                "(a quote not closed?)")
        line = reader.line_num
        if None in row:
            raise GlossaryError(f"glossary line {reader.line_num} has {len(reader.fieldnames or ()) + len(row[None])} "
                                f"cells, the header {len(reader.fieldnames or ())} (a comma in an unquoted term?)")
        terms = tuple((lang.strip(), _variants(cell or "")) for lang, cell in row.items() if lang)
        terms = tuple((lang, vs) for lang, vs in terms if vs and not lang.startswith("#"))
        if terms:
            concepts.add(terms, f"glossary line {reader.line_num}")
    return concepts.glossary()


# A glossary's size in bytes did not bound its work: a TBX of 4.8 MB whose one concept had 150,000 English
# variants took 46 s an article (a pattern each), one term of 300,000 words 18 s, and a CSV of 3 million rows
# 65 s and 2.5 GB to load (64 MB allowed 6 million). A newsroom's termbase has some thousands of concepts.
MAX_TERMS = 200_000  # terms (every variant of every language) in one glossary file
MAX_VARIANTS = 50  # variants of one concept in one language
MAX_TERM_CHARS = 200  # characters of one term


class _Concepts:
    """The concepts of one glossary file as they are read; GlossaryError past the limits above."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.count = 0

    def add(self, terms: tuple[tuple[str, tuple[str, ...]], ...], where: str) -> None:
        """The concept ``terms``, read at ``where`` (a line, a term entry)."""
        for lang, variants in terms:
            if len(variants) > MAX_VARIANTS:
                raise GlossaryError(f"{where}: {len(variants):,} {lang} terms in one concept (at most {MAX_VARIANTS})")
            if long := next((v for v in variants if len(v) > MAX_TERM_CHARS), None):
                raise GlossaryError(f"{where}: a {lang} term of {len(long):,} characters (at most {MAX_TERM_CHARS})")
        self.count += sum(len(variants) for _, variants in terms)
        if self.count > MAX_TERMS:
            raise GlossaryError(f"{where}: more than {MAX_TERMS:,} terms (at most {MAX_TERMS:,} in a glossary)")
        self.entries.append(Entry(terms))

    def glossary(self) -> Glossary:
        return Glossary(tuple(self.entries))


def _csv_rows(reader: Any, line: int, read: Callable[[], Any]) -> Any:
    """``read()`` of the CSV ``reader``, its errors named by the line where the row starts. The csv module,
    lenient, took the rest of the file after an unclosed quote as one cell: strict, it says so."""
    try:
        return read()
    except csv.Error as exc:
        reason = "a quote is opened and never closed" if "end of data" in str(exc) else str(exc)
        raise GlossaryError(f"glossary is not valid CSV (line {line + 1}: {reason})") from None


def parse_tbx(text: str | bytes) -> Glossary:
    root = parse_untrusted(text)  # ValueError if malformed or with a DOCTYPE
    concepts = _Concepts()
    for concept in root.iter():
        if _local(concept.tag) not in ("termEntry", "conceptEntry"):
            continue
        terms: dict[str, list[str]] = {}
        for lang_set in concept:
            if _local(lang_set.tag) != "langSet":
                continue
            lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
            for node in lang_set.iter():
                if _local(node.tag) == "term" and node.text and node.text.strip():
                    terms.setdefault(lang, []).append(_term(node.text))
        if terms:
            where = f"glossary term entry {len(concepts.entries) + 1}"
            concepts.add(tuple((lang, tuple(vs)) for lang, vs in terms.items()), where)
    return concepts.glossary()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message follows the file's name on one line."""


@lru_cache(maxsize=32)
def _load_file(path: str, mtime: float) -> Glossary:
    tbx = path.lower().endswith((".tbx", ".xml"))
    try:  # XML says its own encoding (a TBX in UTF-16 is valid): the parser decodes it
        data = read_bytes(Path(path), GLOSSARY_BYTES) if tbx else read_text(Path(path), GLOSSARY_BYTES)
    except ValueError as exc:
        raise GlossaryError(f"cannot read the glossary ({exc})") from None
    try:
        return parse_tbx(data) if isinstance(data, bytes) else parse_csv(data)
    except csv.Error as exc:
        raise GlossaryError(f"glossary is not valid CSV ({exc})") from None
    except GlossaryError:
        raise
    except ValueError as exc:
        raise GlossaryError(f"glossary is not valid TBX: {exc}") from None


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return parse_csv(resources.files("mtcheck").joinpath("data/glossary.csv").read_text(encoding="utf-8"))


def load_glossary(path: str | Path | None = None, source_lang: str = "id") -> Glossary:
    """The shipped glossary, extended (and overridden per source term) by the file at ``path``.

    GlossaryError if the file cannot be read or parsed, or has no term in the source language (a CSV
    without an ``id`` column would otherwise check nothing, silently).
    """
    if not path:
        return default_glossary()
    try:
        mtime = Path(path).stat().st_mtime
    except OSError as exc:
        raise GlossaryError("glossary file not found" if isinstance(exc, FileNotFoundError)
                            else f"cannot read the glossary: {exc.strerror or exc}") from None
    return _merged(str(path), mtime, source_lang)


@lru_cache(maxsize=8)
def _merged(path: str, mtime: float, source_lang: str) -> Glossary:
    """The shipped glossary with the file's entries (one object per file version: its term index is built
    once, not once per article)."""
    base = default_glossary()
    user = _load_file(path, mtime)
    replaced = {t for e in user.entries for t in e.get(source_lang)}
    if not replaced:
        raise GlossaryError(f"glossary has no {source_lang!r} terms (a CSV needs a column per language code, as in "
                            f"{source_lang},en,fr; a TBX a langSet xml:lang=\"{source_lang}\")")
    kept = tuple(e for e in base.entries if not replaced & set(e.get(source_lang)))
    return Glossary(kept + user.entries)


# --- matching --------------------------------------------------------------------------------------

_ARABIC_MARKS = re.compile(r"[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def _fold(text: str, lang: str) -> tuple[str, tuple[int, ...]]:
    """Text folded for lenient matching, with the original offset of every folded character.

    Latin: lower-case without accents; Arabic: alef/ta marbuta/ya variants unified, vowel marks dropped.
    Cached: every glossary entry searches the same version text.
    """
    return _fold_script(text, get_locale(lang).script)


@text_cache(256)
def _fold_script(text: str, script: str) -> tuple[str, tuple[int, ...]]:
    if script == "latin":  # one character for one: a translation table, filled as characters come
        return text.translate(_LATIN_TABLE), tuple(range(len(text) + 1))
    if script not in ("latin", "arabic"):
        return text, tuple(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch, script)
        if folded:
            out.append(folded)
            index.append(i)
    index.append(len(text))
    return "".join(out), tuple(index)


class _LatinTable(dict[int, str]):
    """``str.translate`` table folding each Latin-script character (computed once per character)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code), "latin")
        return folded


_LATIN_TABLE = _LatinTable()


@lru_cache(maxsize=65536)
def _fold_char(ch: str, script: str) -> str:
    """One character folded ("" when Arabic drops it); Latin always gives exactly one character."""
    if script == "arabic":
        return "" if _ARABIC_MARKS.match(ch) else ch.translate(_ARABIC_FOLD)
    ch = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
    ch = ch[:1] or " "
    return "'" if ch == "’" else ch


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


@lru_cache(maxsize=4096)
def _strict_pattern(term: str) -> Probed:
    """Whole-word source pattern; a lower-case term also matches capitalised; "-nya" may follow.
    (Probed: the look-behind is checked only where the term itself occurs.)"""
    body = r"\s+".join(re.escape(word) for word in term.split())  # one \s+ a gap: "\s+\s+" backtracks
    flags = 0 if any(c.isupper() for c in term) else re.IGNORECASE
    return Probed.compile(rf"(?<![^\W_]){body}(?:-?nya)?(?![^\W_])", flags)


def find_source_terms(text: str, glossary: Glossary, lang: str) -> list[TermHit]:
    """Whole-word occurrences of the glossary's ``lang`` terms; a longer term hides those inside it.

    Only the terms whose first word occurs in the text are searched for (a word, or a word before "nya"):
    a termbase of 20,000 entries compiled and ran 20,000 patterns per text (3 s an article)."""
    index = glossary.first_words(lang)
    present = set(index.always)
    for run in _RUN.findall(text):
        run = run.casefold()
        present.update(index.by_run.get(run, ()))
        if run.endswith("nya"):
            present.update(index.by_run.get(run[:-3], ()))
    candidates = [
        (m.start(), m.end(), entry, variant)
        for entry, variant in (index.terms[k] for k in sorted(present))
        for m in _strict_pattern(variant).finditer(text)
    ]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(len(text))  # characters already inside a (longer) hit
    hits = []
    for start, end, entry, variant in candidates:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        hits.append(TermHit(entry, variant, Span.of(text, start, end)))
    return sorted(hits, key=lambda h: h.span.start)


@lru_cache(maxsize=8192)
def _lenient_pattern(term: str, lang: str) -> Probed:
    """The target pattern of a term (``scan.Probed``: the look-behind is checked only where the body occurs)."""
    script = get_locale(lang).script
    if script == "latin" and _is_acronym(term):
        # acronyms keep their case and stand alone ("UE", "U.S."), against the unfolded text
        return Probed.compile(rf"(?<![^\W_]){re.escape(term)}(?![^\W\d_])")
    for prefix in get_locale(lang).term_strip_prefixes:  # "الأمم" also matches "للأمم", "بالأمم"
        if term.startswith(prefix) and len(term) > len(prefix) + 2:
            term = term[len(prefix):]
    folded, _ = _fold(term, lang)
    # Some texts lose the space ("مجلسالأمن"). One separator a gap, a lone dash taken into it: two in a row
    # ("[\s\-]*[\s\-]*") backtrack over a long run of blanks or dashes from every position.
    words = [word for word in folded.split() if word.strip("-")] or folded.split()
    body = r"[\s\-]*".join(re.escape(word) for word in words)
    if script == "latin":
        return Probed.compile(rf"(?<![^\W_]){body}")  # the start of a word: "americain" in "americaines"
    return Probed.compile(body)  # CJK and Arabic: substring (Arabic clitics and suffixes attach)


def find_target_terms(text: str, variants: tuple[str, ...], lang: str) -> list[tuple[str, Span]]:
    """Every lenient occurrence of any of ``variants`` in ``text`` (overlaps allowed)."""
    folded, index = _fold(text, lang)
    found = []
    for variant in variants:
        pattern = _lenient_pattern(variant, lang)
        acronym = get_locale(lang).script == "latin" and _is_acronym(variant)
        subject = text if acronym else folded
        for m in pattern.finditer(subject):
            start, end = (m.start(), m.end()) if acronym else (index[m.start()], index[m.end()])
            found.append((variant, Span.of(text, start, end)))
    return found
