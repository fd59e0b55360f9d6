"""Names, acronyms and links in a text, with exact offsets, and how to find them again in a translation.

A translator carries some strings over unchanged: people's and organisations' names, most acronyms,
web and e-mail addresses, @handles and #hashtags. This module finds them in the source and matches
them in a target. Names are found conservatively, because Indonesian capitalises far more than names
(sentence starts, titles, institutions, month and day names, its own spelling of foreign places): what
the ``Locale`` lists as common, what the article itself also writes in lower case, and a lone
capitalised word at a sentence start are not names. Matching tolerates case, diacritics, possessives,
elision, doubled letters, vowels and the target locale's transliteration rewrites (Prigozhin/Prigojine),
because those are legitimate renderings; only a clear misspelling next to a correct part of the same
name (Prabowo Subiyanto for Prabowo Subianto) counts as a near miss.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from mtcheck.locales import Locale, get_locale
from mtcheck.text.caching import text_cache
from mtcheck.text.matching import Pool
from mtcheck.text.sentences import split_sentences
from mtcheck.text.words import occurrence_bits
from mtcheck.text.words import ratio as text_ratio

# --- links --------------------------------------------------------------------------------------

_TLDS = r"(?:com|id|org|net|gov|edu|int|io|info|news|tv|me|ly|uk|au|sg|my|co|biz|asia|go\.id|co\.id|or\.id|ac\.id)"
_LINK = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"“”«»「」（）\u3000-\u30ff\u4e00-\u9fff\u060c\u061b\u061f\uff01-\uff0f\uff1a-\uff20]+)"
    r"|(?P<email>(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
    rf"|(?P<domain>(?<![A-Za-z0-9_@./-])(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.{_TLDS}"
    r"(?![A-Za-z0-9-])(?:/[^\s<>\"“”«»]*)?)"
    r"|(?P<handle>(?<![A-Za-z0-9_@.])@[A-Za-z0-9_]{2,30}(?![A-Za-z0-9_@]))"
    r"|(?P<hashtag>(?<![A-Za-z0-9_&#/])#[A-Za-z\u00c0-\u024f][A-Za-z0-9_\u00c0-\u024f]+)",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'’\"”»)]}،؛؟。、，"  # Latin, Arabic and CJK sentence marks
# Something every _LINK alternative contains; one scan of it rules out nearly every paragraph (8x cheaper).
_LINK_PROBE = re.compile(rf"://|www\.|@|#|\.{_TLDS}", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    kind: str  # "url" (web address or bare domain), "email", "handle", "hashtag"
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """Comparison form: case-insensitive scheme, host, handle and hashtag; exact path."""
        if self.kind == "url":
            match = re.match(r"(?i)((?:https?://)?[^/]+)(.*)", self.text)
            assert match is not None
            host = re.sub(r"(?i)^https?://", "", match.group(1)).lower().removeprefix("www.")
            return host + match.group(2).rstrip("/")
        if self.kind == "email":
            local, _, host = self.text.rpartition("@")
            return f"{local}@{host.lower()}"
        return self.text.lower()


def _trim(text: str) -> str:
    """Drop sentence punctuation after an address; keep a ``)`` the address opened itself."""
    while text and text[-1] in _TRAILING:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    return text


def find_links(text: str) -> list[Link]:
    """Web addresses, bare domains, e-mail addresses, @handles and #hashtags, in text order."""
    links: list[Link] = []
    if not _LINK_PROBE.search(text):
        return links
    for m in _LINK.finditer(text):
        kind = m.lastgroup or ""
        value = _trim(m.group()) if kind in ("url", "domain") else m.group()
        if not value:
            continue
        links.append(Link("url" if kind == "domain" else kind, value, m.start(), m.start() + len(value)))
    return links


def link_mask(text: str) -> list[bool]:
    """Per character: is it part of a link (punctuation rules never judge inside an address)?"""
    mask = [False] * len(text)
    for link in find_links(text):
        for i in range(link.start, link.end):
            mask[i] = True
    return mask


# --- words and name forms -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*", re.UNICODE)
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLES = re.compile(r"(.)\1+")
# Spellings that alternate between romanisations of one name in every Latin-script language.
_GENERIC_REWRITES = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("w", "v"), ("dj", "j"), ("tj", "c"))


@lru_cache(maxsize=65536)  # every word of every version is folded; vocabularies repeat
def fold(word: str) -> str:
    """Case- and diacritic-insensitive form; hyphens dropped (Al-Assad = Al Assad = AlAssad)."""
    if word.isascii() and word.isalnum():  # nothing to decompose or drop
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum())


@lru_cache(maxsize=65536)
def skeleton(word: str, rewrites: tuple[tuple[str, str], ...] = ()) -> str:
    """Transliteration-tolerant form: folded, rewrites applied, doubled letters and vowels dropped.

    Muhammad/Mohammed, Zelensky/Zelenskyy, Putin/Poutine, Bakhmut/Bakhmout share a skeleton; so do
    Prigozhin/Prigojine once the French rewrite zh -> j is applied. Subianto/Subiyanto do not (y is kept).
    """
    form = fold(word)
    for old, new in rewrites:
        form = form.replace(old, new)
    for old, new in _GENERIC_REWRITES:
        form = form.replace(old, new)
    form = _DOUBLES.sub(r"\1", form)
    return form[:1] + _VOWELS.sub("", form[1:])


def similarity(a: str, b: str) -> float:
    return _folded_similarity(fold(a), fold(b))


@lru_cache(maxsize=65536)
def _folded_similarity(a: str, b: str) -> float:
    return text_ratio(a, b)


_OCCURRENCE_BITS: dict[tuple[str, int], int] = {}  # (character, its n-th occurrence in a word) -> bit


@lru_cache(maxsize=65536)
def _occurrences(word: str) -> int:
    """The word's ``text.occurrence_bits``: ``(a & b).bit_count()`` is the characters a and b share."""
    return occurrence_bits(word, _OCCURRENCE_BITS)


def _may_reach_length(a: int, b: int, threshold: float) -> bool:
    """Whether strings of lengths ``a`` and ``b`` can have a ``ratio()`` of ``threshold`` or more."""
    total = a + b
    return not total or 2.0 * min(a, b) / total >= threshold


class Token(NamedTuple):
    """A word and its offsets. A named tuple: every word of every version becomes one (cheap to build)."""

    text: str
    start: int
    end: int


def words(text: str) -> list[Token]:
    """Letter words with offsets; apostrophes split (l’Indonésie, Indonesia’s), hyphens do not."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


# --- names and acronyms in the source ----------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    kind: str  # "name" or "acronym"
    text: str
    start: int
    end: int
    parts: tuple[str, ...]  # the words of the name (an acronym has one)


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9]$|^[A-Z]{2,}$")
_CAPITALISED = re.compile(r"^[^\W\d_][^\W_]*$")
_CLAUSE_START = re.compile(r"[:;]\s+[\"'“‘«(]?")
_OPENERS = "\"'“‘«(「『[—–- "
MIN_HEADLINE_WORDS = 3


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and bool(_ACRONYM.match(word))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and bool(_CAPITALISED.match(word.replace("-", "")))


def _is_headline(tokens: list[Token], function_words: frozenset[str]) -> bool:
    """A title-case headline: capitalised words, and no lower-case word but function words.

    Indonesian sentences are full of capitals too (titles, institutions, names), but they always
    have lower-case content words ("bertemu", "merilis"); a headline has none.
    """
    long = [t.text for t in tokens if len(t.text) >= 4]
    caps = sum(1 for w in long if w[:1].isupper())
    lower_content = [w for w in long if w.islower() and w not in function_words]
    return caps >= MIN_HEADLINE_WORDS and not lower_content


def _sentence_starts(paragraph: str, offset: int, lang: str) -> set[int]:
    """Offsets of the first word of each sentence (after opening quotes, brackets and dashes)."""
    starts: set[int] = set()
    for sentence in split_sentences(paragraph, lang, offset):
        lead = len(sentence.text) - len(sentence.text.lstrip(_OPENERS))
        starts.add(sentence.start + lead)
    for m in _CLAUSE_START.finditer(paragraph):  # "Judul: Apakah ...", "berkata: “Hasilnya ..."
        starts.add(offset + m.end())
    return starts


@dataclass
class _Lexicon:
    """What the source article itself says about its words (lower-case uses, mid-sentence capitals)."""

    lower: set[str]
    mid_capitals: set[str]


class _CommonWords:
    def __init__(self, locale: Locale) -> None:
        self.locale = locale
        self.stop = locale.name_stopwords | set(locale.months) | set(locale.weekdays)
        self.abbreviations = frozenset(locale.name_abbreviations)
        self.pattern = re.compile(locale.common_word_pattern) if locale.common_word_pattern else None

    def __call__(self, word: str, lexicon: _Lexicon) -> bool:
        low = word.casefold()
        parts = low.replace("‐", "-").split("-")
        if low in self.stop or all(p in self.stop for p in parts):
            return True
        if low in lexicon.lower:
            return True
        return bool(self.pattern and self.pattern.fullmatch(low))


def lower_case_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case (case-folded), evidence that they are common words."""
    return frozenset(w.casefold() for w in _WORD.findall(text) if w.islower())


def _lexicon(paragraphs: list[list[Token]], starts: set[int], function_words: frozenset[str]) -> _Lexicon:
    """Lower-case words of the text, and words capitalised mid-sentence outside title-case headlines."""
    lower: set[str] = set()
    mid: set[str] = set()
    for tokens in paragraphs:
        headline = _is_headline(tokens, function_words)
        for token in tokens:
            if token.text.islower():
                lower.add(token.text.casefold())
            elif not headline and token.start not in starts and _capitalised(token.text):
                mid.add(token.text)
    return _Lexicon(lower, mid)


def find_names(text: str, lang: str, common_elsewhere: frozenset[str] = frozenset()) -> list[Name]:
    """Names a translation should carry over, and acronyms, in text order (repeats included).

    ``common_elsewhere``: lower-case words of the other versions; a capitalised source word that a
    translation writes in lower case is a common word there (Fashion Week -> fashion week).
    """
    return list(_find_names(text, lang, common_elsewhere))


@text_cache(maxsize=16)  # the source's names are asked by NAME001, and per version by NAME003 (6 times an article)
def _find_names(text: str, lang: str, common_elsewhere: frozenset[str]) -> tuple[Name, ...]:
    locale = get_locale(lang)
    common = _CommonWords(locale)
    paragraphs = _paragraphs(text)
    starts: set[int] = set()
    for start, para in paragraphs:
        starts |= _sentence_starts(para, start, lang)
    tokens_by_paragraph = [[Token(t.text, t.start + start, t.end + start) for t in words(para)] for start, para in paragraphs]
    lexicon = _lexicon(tokens_by_paragraph, starts, locale.name_stopwords)
    own_lower = frozenset(lexicon.lower)  # before other versions' words: English "who" must not hide WHO
    lexicon.lower |= common_elsewhere
    names: list[Name] = []
    for tokens in tokens_by_paragraph:
        headline = _is_headline(tokens, locale.name_stopwords)
        names.extend(_acronyms(text, tokens, locale, own_lower))
        for run in _capitalised_runs(text, tokens, locale):
            for piece in _without_titles(run, locale.title_phrases):
                names.extend(_names_in_run(text, piece, common, lexicon, starts, headline))
    return tuple(sorted(names, key=lambda n: n.start))


def _paragraphs(text: str) -> list[tuple[int, str]]:
    from mtcheck.text.segment import split_paragraphs

    return [(p.start, p.text) for p in split_paragraphs(text)]


def _acronyms(text: str, tokens: list[Token], locale: Locale, lower: frozenset[str] = frozenset()) -> list[Name]:
    """Acronyms a translation owes; a currency prefix (``US$``, ``S$``) is the number rules' business,
    and shouted words are not acronyms (see ``_shouted``)."""
    found = []
    loud = _loud_runs(text, tokens)
    for k, token in enumerate(tokens):
        if text.startswith("$", token.end) or _shouted(token.text, loud[k], lower):
            continue
        if is_acronym(token.text) and locale.acronym_translations.get(token.text) != ():
            found.append(Name("acronym", token.text, token.start, token.end, (token.text,)))
    return found


_STRETCHED = re.compile(r"([A-Z])\1\1")  # TIDAAAKKK


def _shouted(word: str, in_loud_run: bool, lower: frozenset[str]) -> bool:
    """An all-capital word written for emphasis, not an acronym: the text also uses it in lower case
    (TIDAK / tidak, from three letters), its letters are stretched (TIDAAAKKK), or it stands in a run of
    capitalised words one of which is five letters or more (TERIMA KASIH TELAH MEMBELA RAKYAT)."""
    if not word.isupper():
        return False
    if (len(word) >= 3 and word.casefold() in lower) or _STRETCHED.search(word):
        return True
    return len(word) >= 3 and word.isalpha() and in_loud_run


def _loud_runs(text: str, tokens: list[Token]) -> list[bool]:
    """Whether each token stands in a run of two or more all-capital words, one of five letters or more, with
    only spaces, commas and "!" between them: found in one pass (each word scanning its own run made a list
    of 16,000 tickers "BBCA BBRI ..." take 84 s)."""
    loud = [False] * len(tokens)
    k = 0
    while k < len(tokens):
        if not (tokens[k].text.isupper() and tokens[k].text.isalpha()):
            k += 1
            continue
        j = k
        while j + 1 < len(tokens) and tokens[j + 1].text.isupper() and tokens[j + 1].text.isalpha() \
                and not text[tokens[j].end:tokens[j + 1].start].strip(" ,!"):
            j += 1
        if j > k and max(len(t.text) for t in tokens[k:j + 1]) >= 5:
            loud[k:j + 1] = [True] * (j + 1 - k)
        k = j + 1
    return loud


def _capitalised_runs(text: str, tokens: list[Token], locale: Locale) -> list[list[Token]]:
    """Maximal runs of capitalised words separated by one space (particles like "bin" may join them)."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    pending: list[Token] = []  # particles waiting for a capitalised word to follow
    for token in tokens:
        gap = text[(pending or current)[-1].end:token.start] if current else ""
        adjacent = bool(current) and (gap == " " or (gap == ". " and current[-1].text in locale.name_abbreviations))
        if _capitalised(token.text):
            if adjacent:
                current.extend(pending)
            else:
                if current:
                    runs.append(current)
                current = []
            current.append(token)
            pending = []
        elif adjacent and token.text in locale.name_particles and not pending:
            pending = [token]
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return runs


def _without_titles(run: list[Token], phrases: tuple[tuple[str, ...], ...]) -> list[list[Token]]:
    """The run cut where an honorific of several words stands (Sri Paduka, Yang Terhormat): its words are
    not a name, though each alone may be part of one (Sri Mulyani)."""
    pieces: list[list[Token]] = [[]]
    k = 0
    while k < len(run):
        folded = [t.text.casefold() for t in run[k:k + 4]]
        size = next((len(p) for p in phrases if tuple(folded[:len(p)]) == p), 0)
        if size:
            pieces.append([])
            k += size
            continue
        pieces[-1].append(run[k])
        k += 1
    return [p for p in pieces if p]


def _names_in_run(
    text: str, run: list[Token], common: _CommonWords, lexicon: _Lexicon, starts: set[int], headline: bool
) -> list[Name]:
    """Split a capitalised run at its common words; keep what is left if it is clearly a name.

    In a title-case headline every word is capitalised, so only words the body also capitalises
    mid-sentence count; a lone capitalised word at a sentence start needs the same evidence.
    """
    names: list[Name] = []
    group: list[Token] = []
    for token in [*run, None]:
        if token is not None and _name_word(token, common, lexicon, headline):
            group.append(token)
            continue
        while group and group[-1].text.islower():  # a particle never ends a name
            group.pop()
        while group and group[0].text.islower():
            group.pop(0)
        if len(group) == 1 and group[0].start in starts and group[0].text not in lexicon.mid_capitals:
            group = []
        if group:
            start, end = group[0].start, group[-1].end
            # "St." and "Mt." belong to the name but a translation spells them out (Saint, Mont): not parts
            parts = tuple(t.text for t in group if not t.text.islower() and t.text not in common.abbreviations)
            if parts:
                names.append(Name("name", text[start:end], start, end, parts))
        group = []
    return names


def _name_word(token: Token, common: _CommonWords, lexicon: _Lexicon, headline: bool) -> bool:
    if token.text.islower():
        return True  # a particle; trimmed if it ends up at an edge
    if len(token.text) < 2 or common(token.text, lexicon):
        return False
    return not headline or token.text in lexicon.mid_capitals


# --- finding source names in a target -----------------------------------------------------------------


MIN_DERIVED = 5  # a target word starting with a name this long derives from it (Hollywood -> hollywoodien)
MATCH_RATIO = 0.75  # a single-word name this close to a target word is taken as a spelling variant
NEAR_MISS_RATIO = 0.6  # below this a word is not a rendering of the name at all
_PHRASE_SPLIT = re.compile(r"[\s\-‐/'’]+")


@dataclass(frozen=True)
class NameMatch:
    status: str  # "found", "variant", "near-miss", "missing"; "unchecked": not found, not told apart further
    target: Token | None = None  # the misspelt word for a near miss


@dataclass
class TargetIndex:
    """The words of a target with their folded and skeleton forms, built once per version."""

    text: str
    tokens: list[Token]
    folded: list[str]
    skeletons: list[str]
    by_folded: dict[str, list[int]] = field(default_factory=dict)  # token positions per folded form
    by_skeleton: dict[str, list[int]] = field(default_factory=dict)
    sorted_folded: list[str] = field(default_factory=list)  # distinct folded forms, for prefix look-ups
    by_length: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # (first position, form), lazily
    _near: dict[int, list[tuple[int, str, int]]] = field(default_factory=dict)  # see forms_near_length
    _folded_text: str | None = None
    # Per name part, computed once: a part many names share ("Muhammad" in a list of 16,000 candidates)
    # was looked up, and its every occurrence walked, once per name (quadratic: 16,000 names took 20 s).
    _parts: dict[str, tuple[list[int], set[int]]] = field(default_factory=dict)  # see part_positions
    _anchors: dict[str, Pool] = field(default_factory=dict)  # see anchors

    def __post_init__(self) -> None:
        for i, (f, k) in enumerate(zip(self.folded, self.skeletons)):
            self.by_folded.setdefault(f, []).append(i)
            self.by_skeleton.setdefault(k, []).append(i)
        self.sorted_folded = sorted(self.by_folded)

    def forms_near_length(self, size: int) -> list[tuple[int, str, int]]:
        """(first position, form, character occurrence bits) of the distinct folded forms whose length
        allows a ``MATCH_RATIO`` with a word of ``size`` letters, in text order (computed once per size)."""
        near = self._near.get(size)
        if near is None:
            if not self.by_length:  # built on first use: only versions that are reported ask
                for f, positions in self.by_folded.items():
                    self.by_length.setdefault(len(f), []).append((positions[0], f))
            near = self._near[size] = [
                (first, form, _occurrences(form))
                for first, form in sorted(
                    pair for length, pairs in self.by_length.items() if _may_reach_length(size, length, MATCH_RATIO)
                    for pair in pairs
                )
            ]
        return near

    def part_positions(self, part: str, rewrites: tuple[tuple[str, str], ...]) -> tuple[list[int], set[int]]:
        """The positions of the tokens that render a name part (``_part_positions``), as a list and a set."""
        if part not in self._parts:
            hits = _part_positions(part, self, rewrites)
            self._parts[part] = hits, set(hits)
        return self._parts[part]

    def anchors(self, part: str, rewrites: tuple[tuple[str, str], ...]) -> Pool:
        """The positions where a name part is written exactly (folded), by relative position in the text."""
        if part not in self._anchors:
            exact = fold(part)
            size = max(len(self.text), 1)
            self._anchors[part] = Pool((a for a in self.part_positions(part, rewrites)[0] if self.folded[a] == exact),
                                       [t.start / size for t in self.tokens])
        return self._anchors[part]

    @property
    def folded_text(self) -> str:
        """The whole text folded word by word, for phrase look-ups (built on first use: few versions ask)."""
        if self._folded_text is None:
            self._folded_text = " ".join(fold(w) for w in _PHRASE_SPLIT.split(self.text))
        return self._folded_text

    def starting_with(self, prefix: str) -> list[int]:
        """Positions of the tokens whose folded form starts with ``prefix`` (unsorted)."""
        out: list[int] = []
        forms = self.sorted_folded
        i = bisect_left(forms, prefix)
        while i < len(forms) and forms[i].startswith(prefix):
            out.extend(self.by_folded[forms[i]])
            i += 1
        return out

    @classmethod
    def build(cls, text: str, lang: str, cased_only: bool = False) -> TargetIndex:
        """``cased_only``: leave out words without a cased letter (Arabic, Chinese, Japanese). Source names
        always have a capital, so such words never match one; only the near-miss search, which reads token
        positions, needs them in place (it is not asked of versions built this way)."""
        rewrites = get_locale(lang).name_rewrites
        tokens = [piece for token in words(text) for piece in _pieces(token)]
        if cased_only:
            tokens = [t for t in tokens if t.text.lower() != t.text.upper()]
        return cls(
            text,
            tokens,
            [fold(t.text) for t in tokens],
            [skeleton(t.text, rewrites) for t in tokens],
        )


def _pieces(token: Token) -> list[Token]:
    """A hyphenated target word and its pieces are all candidates (Al-Qaeda-linked has Al-Qaeda)."""
    if "-" not in token.text and "‐" not in token.text:  # a word without hyphens is one piece
        return [token]
    pieces = [Token(m.group(), token.start + m.start(), token.start + m.end()) for m in _PIECE.finditer(token.text)]
    return pieces if len(pieces) > 1 else [token]


_PIECE = re.compile(r"[^\W\d_]+")


def _part_positions(part: str, index: TargetIndex, rewrites: tuple[tuple[str, str], ...]) -> list[int]:
    folded, skel = fold(part), skeleton(part, rewrites)
    pieces = [fold(p) for p in re.split(r"[-‐]", part) if p]
    found = set(index.by_folded.get(folded, ()))
    if len(skel) >= 2:
        found.update(index.by_skeleton.get(skel, ()))
    if len(folded) >= MIN_DERIVED:  # Hollywood -> hollywoodienne
        found.update(index.starting_with(folded))
    hits = sorted(found)
    if not hits and len(pieces) > 1:  # Al-Assad written "al-Assad" or "Assad"
        hits = list(index.by_folded.get(pieces[-1], ()))
    return hits


def match_name(name: Name, index: TargetIndex, lang: str, position: float | None = None) -> NameMatch:
    """Is the name in the target: found, a looser variant, a near miss, or missing?

    "found": every part is there as written or as a transliteration variant; "variant": only some
    parts are (Warren for Elizabeth Warren), or a single-word name has a close capitalised look-alike
    (a translated place name); neither is reported, but only "found" is evidence for other versions.
    ``position``: the name's relative position in the source; of a part written more than
    ``NEAREST_ANCHORS`` times, the near-miss search looks beside the nearest occurrences only.
    """
    rewrites = get_locale(lang).name_rewrites
    positions = [index.part_positions(p, rewrites)[0] for p in name.parts]
    if all(positions):
        return NameMatch("found")
    if any(positions):
        return _near_miss(name, index, rewrites, position) or NameMatch("variant")
    best = _closest_token(name, index)
    if best is not None and best.text[:1].isupper():
        return NameMatch("variant")
    return NameMatch("missing")


def name_found(name: Name, index: TargetIndex, lang: str) -> bool:
    """``match_name(...).status == "found"``, without telling the other outcomes apart (cheaper)."""
    rewrites = get_locale(lang).name_rewrites
    return all(index.part_positions(p, rewrites)[0] for p in name.parts)


def _closest_token(name: Name, index: TargetIndex) -> Token | None:
    """The first target token most similar to a part of the name, if that similarity is >= MATCH_RATIO.

    Only the best pair matters and only when it reaches the threshold, so pairs whose lengths already
    rule that out are skipped, and each distinct folded word is compared once (its first occurrence
    wins ties, as scanning every token in order would).
    """
    best, best_token = 0.0, None
    for part in name.parts:
        folded = fold(part)
        bits, size = _occurrences(folded), len(folded)
        floor = max(best, MATCH_RATIO)
        for first, form, form_bits in index.forms_near_length(size):
            # Only a strictly better pair counts. The shared characters (what quick_ratio counts) bound
            # the matching blocks, so this upper bound of ratio() skips SequenceMatcher exactly.
            if 2.0 * (bits & form_bits).bit_count() < floor * (size + len(form)):
                continue
            ratio = _folded_similarity(folded, form)
            if ratio > best:
                best, best_token = ratio, index.tokens[first]
                floor = max(best, MATCH_RATIO)
    return best_token if best >= MATCH_RATIO else None


NEAREST_ANCHORS = 64  # of a name part written more often, the near-miss search looks beside the nearest


def _near_miss(
    name: Name, index: TargetIndex, rewrites: tuple[tuple[str, str], ...], position: float | None
) -> NameMatch | None:
    """A missing part misspelt where the name's word order puts it, next to a part that is there.

    "Prabowo Subiyanto" for "Prabowo Subianto" is a near miss; "l'université Carnegie Mellon" for
    "Carnegie Mellon University" is not (the similar word is elsewhere, a translation, not a typo).
    """
    taken = [index.part_positions(p, rewrites)[1] for p in name.parts]  # sets: a list scan was quadratic
    for j, part in enumerate(name.parts):
        if taken[j]:
            continue
        for k, other in enumerate(name.parts):
            step = 1 if j > k else -1
            pool = index.anchors(other, rewrites)  # a transliterated anchor proves nothing
            anchors = pool.members if position is None or len(pool.members) <= NEAREST_ANCHORS else \
                sorted(pool.nearest(position, NEAREST_ANCHORS))
            for anchor in anchors:
                for i in (anchor + (j - k), anchor + (j - k) + step):  # one particle may sit between
                    if not 0 <= i < len(index.tokens) or any(i in hits for hits in taken):
                        continue
                    token = index.tokens[i]
                    if token.text[:1].isupper() and similarity(part, token.text) >= NEAR_MISS_RATIO:
                        return NameMatch("near-miss", token)
    return None


def acronym_found(acronym: str, index: TargetIndex, locale: Locale) -> bool:
    """The acronym as written (case-insensitive from four letters: NATO/Nato), with dots (N.F.L.), or a
    known rendering."""
    if len(acronym) >= 4:
        if fold(acronym) in index.folded:
            return True
    elif acronym in index.text and re.search(rf"(?<![\w]){re.escape(acronym)}(?![^\W\d_])", index.text):  # HER2 keeps HER
        return True
    if acronym.isalpha() and re.search(r"(?<![\w.])" + r"\.".join(acronym) + r"\.?(?![^\W\d_])", index.text):
        return True
    return any(_phrase_in(alt, index) for alt in locale.acronym_translations.get(acronym, ()))


_PARENTHESIS = re.compile(r"\(([^()]{2,120})\)")
_EXPANSION_REACH = 160  # characters before "(ACR)" searched for the full name


def acronym_expansions(text: str, lang: str) -> dict[str, tuple[str, ...]]:
    """Acronyms the text itself spells out, "Full Name (ACR)" or "ACR (Full Name)": acronym -> the full
    name's capitalised words, when their initials spell the acronym (Los Angeles (LA), Komisi
    Pemberantasan Korupsi (KPK)). A translation may write either."""
    particles = get_locale(lang).name_stopwords
    out: dict[str, tuple[str, ...]] = {}
    for m in _PARENTHESIS.finditer(text):
        inner = m.group(1).strip()
        if is_acronym(inner):
            before = [t.text for t in words(text[max(0, m.start() - _EXPANSION_REACH):m.start()])]
            parts = _spelled(inner[::-1], before[::-1], particles)  # read backwards from the parenthesis
            if parts:
                out.setdefault(inner, parts[::-1])
            continue
        before = words(text[max(0, m.start() - 16):m.start()])
        if before and is_acronym(before[-1].text) and not text[before[-1].end:m.start()].strip():
            parts = _spelled(before[-1].text, [t.text for t in words(inner)], particles)
            if parts:
                out.setdefault(before[-1].text, parts)
    return out


def _spelled(letters: str, candidates: list[str], particles: frozenset[str]) -> tuple[str, ...] | None:
    """The capitalised words, taken in order from ``candidates``, whose initials are ``letters`` in
    the same order (small words such as "of", "dan" may stand between them)."""
    wanted = [c for c in letters if c.isalpha()]
    parts: list[str] = []
    for word in candidates:
        if len(parts) == len(wanted):
            break
        if word[:1].upper() == wanted[len(parts)].upper() and word[:1].isupper():
            parts.append(word)
        elif not (word.islower() and (word in particles or len(word) <= 3)):
            return None
    return tuple(parts) if parts and len(parts) == len(wanted) else None


def expansion_found(parts: tuple[str, ...], index: TargetIndex, lang: str) -> bool:
    """Every word of an acronym's full name is in the target (as a name is looked for)."""
    return name_found(Name("name", " ".join(parts), 0, 0, parts), index, lang)


@lru_cache(maxsize=8)
def _cldr_keys(lang: str) -> dict[str, frozenset[str]]:
    """CLDR place and language names of ``lang`` by their transliteration skeleton, to their keys."""
    from mtcheck.locales import cldr

    rewrites = get_locale(lang).name_rewrites
    table: dict[str, set[str]] = {}
    for key, names in cldr.names(lang).items():
        for name in names:
            table.setdefault(_skeleton_key(name, rewrites), set()).add(key)
    return {k: frozenset(v) for k, v in table.items() if k}


def _skeleton_key(text: str, rewrites: tuple[tuple[str, str], ...] = ()) -> str:
    return " ".join(skeleton(t.text, rewrites) for t in words(text))


def exonym_found(name: Name, index: TargetIndex, source_lang: str, target_lang: str) -> bool:
    """The name is a country, territory, language or big city that the target writes in its own way,
    and one of its CLDR names in the target language is there (Jerman -> Germany/German/allemand,
    Moskow -> Moscou). A derived word counts (allemand -> allemande, German -> Germans)."""
    keys = _cldr_keys(source_lang).get(_skeleton_key(name.text, get_locale(source_lang).name_rewrites))
    if not keys:
        return False
    from mtcheck.locales import cldr

    for rendering in cldr.renderings(keys, target_lang):
        folded = fold(rendering)
        if _phrase_in(rendering, index) or (len(folded) >= MIN_DERIVED and " " not in rendering
                                            and index.starting_with(folded)):
            return True
    return False


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> tuple[str, re.Pattern[str]]:
    """The folded phrase, and the pattern that finds it as whole words (after a plain substring test)."""
    folded = " ".join(fold(w) for w in _PHRASE_SPLIT.split(phrase) if fold(w))
    return folded, re.compile(rf"(?<![\w]){re.escape(folded)}(?![\w])")


def _phrase_in(phrase: str, index: TargetIndex) -> bool:
    if is_acronym(phrase.replace(".", "")) and len(phrase.replace(".", "")) < 4:
        return phrase in index.text and bool(re.search(rf"(?<![\w.]){re.escape(phrase)}(?![\w])", index.text))
    folded, pattern = _phrase_pattern(phrase)
    return folded in index.folded_text and bool(pattern.search(index.folded_text))
