"""Numbers written as words, read as values in every language with word numerals (id, en, fr, ar).

Why: a translator may write "75%" for "tujuh puluh lima persen", "forty-one" for "41", "ألفين" (the
Arabic dual: two thousand) for "2.000", "two-thirds" for "dua pertiga". Reading only single words
("tujuh puluh" and "lima" apart) left such numbers unpaired or, worse, paired with the wrong value.

A numeral is a run of the locale's number words (``number_words``, ``ordinal_words``, multipliers such as
"puluh"/"hundred"/"cent", ``scale_words`` such as "ribu"/"million"/"آلاف", denominators such as
"pertiga"/"thirds") joined by spaces, hyphens or a joiner ("and", "et", "و"). It is read left to right:
a unit after a round number adds ("forty-one", "seratus dua puluh"), a multiplier multiplies the units
before it ("dua ratus"), a scale word closes a group ("dua ribu lima ratus"), a denominator makes a
fraction ("dua pertiga"). Units that cannot add ("satu dua", a list) end one numeral and start the next.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mtcheck.locales import get_locale

UNIT, MULT, SCALE, DENOM, FRACTION = "unit", "mult", "scale", "denom", "fraction"
# Arabic writers often drop the hamza (اربعون for أربعون): words are matched with every alef as a bare alef
# (one character for one, so offsets stay).
_ALEF = str.maketrans("أإآ", "ااا")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_ORDINAL = re.compile(r"(?<![^\W\d_])([IVXLC]+)(?:e|ᵉ|ème|er)(?![^\W\d_])")
_GAP = re.compile(r"[\s\-‐]*")


@dataclass(frozen=True)
class WordNumeral:
    start: int
    end: int
    value: float
    ordinal: bool = False
    fraction: bool = False


@dataclass(frozen=True)
class _Item:
    role: str
    value: float
    ordinal: bool


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    item: _Item
    joined: bool  # a joiner stands before it ("and", or the Arabic و prefix)


@dataclass(frozen=True)
class _Lexicon:
    items: dict[str, _Item]
    pattern: re.Pattern[str] | None
    joiner_gap: re.Pattern[str]
    joiners: frozenset[str]


def _words_alternation(words: object) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@cache
def _lexicon(lang: str) -> _Lexicon:
    loc = get_locale(lang)
    items: dict[str, _Item] = {}
    for words, role, ordinal in (
        (loc.number_words, UNIT, False), (loc.ordinal_words, UNIT, True), (loc.fraction_words, FRACTION, False),
        (loc.fraction_denominators, DENOM, False), (loc.number_word_multipliers, MULT, False),
        # scale words spelled out (not "jt", "bn", "Md": those follow digits)
        ({} if loc.cjk else {w: v for w, v in loc.scale_words.items() if len(w) >= 4}, SCALE, False),
    ):
        items.update({_key(w): _Item(role, v, ordinal) for w, v in words.items()})
    joiners = frozenset(loc.number_word_joiners)
    pattern = None
    if items:
        prefixes = _words_alternation(loc.number_word_prefixes)
        pattern = re.compile(
            r"(?<![^\W\d_])(" + (f"(?:{prefixes})?" if prefixes else "") + r")(" + _words_alternation(items)
            + r")(?![^\W\d_])"
        )
    gap = r"[\s\-‐]*(?:(?:" + _words_alternation(joiners) + r")[\s\-‐]+)?" if joiners else r"[\s\-‐]*"
    return _Lexicon(items, pattern, re.compile(gap), joiners)


def _tokens(lowered: str, lex: _Lexicon) -> list[list[_Token]]:
    """Runs of number words separated only by spaces, hyphens and joiners."""
    runs: list[list[_Token]] = []
    assert lex.pattern is not None
    for m in lex.pattern.finditer(lowered):
        item = lex.items[_key(m.group(2))]
        prev = runs[-1][-1] if runs else None
        gap = lowered[prev.end:m.start()] if prev else ""
        joined = bool(m.group(1)) and m.group(1)[0] in lex.joiners or any(j in gap.split() for j in lex.joiners)
        token = _Token(m.start(2) if not joined else m.start(), m.end(), item, joined)
        if prev is not None and (not gap or lex.joiner_gap.fullmatch(gap) and "\n" not in gap):
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


class _Reader:
    """Reads one run of tokens into numerals (left to right)."""

    def __init__(self) -> None:
        self.out: list[WordNumeral] = []
        self._reset(None)

    def _reset(self, start: int | None) -> None:
        self.start, self.end = start, start or 0
        self.total = self.group = 0.0
        self.last: float | None = None
        self.ordinal = False
        self.counted = False  # a unit, multiplier or fraction was read (a scale word alone is no number)

    def _emit(self) -> None:
        if self.start is not None and self.counted:
            value = self.total + self.group + (self.last or 0.0)
            self.out.append(WordNumeral(self.start, self.end, value, self.ordinal))
        self._reset(None)

    def _adds(self, v: float, joined: bool) -> bool:
        last = self.last
        if last is None:
            return True
        if last >= 10 and last % 10 == 0 and v < last and (last >= 100 or v < 20):
            return True  # forty-one, seratus dua puluh, soixante-quinze
        return joined and last < 10 and v % 10 == 0 and 20 <= v <= 90  # Arabic ثلاثة وعشرون

    def read(self, t: _Token) -> None:
        role, v = t.item.role, t.item.value
        if role == FRACTION:
            self._emit()
            self.out.append(WordNumeral(t.start, t.end, v, fraction=True))
            return
        if self.start is None:
            if role == DENOM:
                return
            self._reset(t.start)
        if role == UNIT:
            if not self._adds(v, t.joined):
                self._emit()
                self._reset(t.start)
            if self.last is not None:
                self.group, self.last = self.group + (self.last if self.last % 10 == 0 else 0), (
                    v if self.last % 10 == 0 else self.last + v
                )
            else:
                self.last = v
            self.counted = True
        elif role == MULT:
            if self.last is None and self.group:
                self._emit()
                self._reset(t.start)
            self.group += (self.last if self.last is not None else 1.0) * v
            self.last, self.counted = None, True
        elif role == SCALE:
            self.total += (self.group + (self.last or 0.0) or 1.0) * v
            self.group, self.last = 0.0, None
        elif role == DENOM:
            numerator = self.total + self.group + (self.last or 0.0)
            if self.counted and numerator:
                self.out.append(WordNumeral(self.start, t.end, numerator / v, fraction=True))
            self._reset(None)
            return
        self.ordinal = self.ordinal or t.item.ordinal
        self.end = t.end


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().translate(_ALEF))


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0]))


def roman_ordinals(text: str) -> list[WordNumeral]:
    """French centuries and ranks in Roman numerals: "XIXe siècle" = 19th, "IIIe République" = 3rd."""
    return [WordNumeral(m.start(), m.end(), _roman(m.group(1)), ordinal=True) for m in _ROMAN_ORDINAL.finditer(text)
            if m.group(1) not in ("C", "L")]  # "Ce", "Le" are words


def find_numerals(lowered: str, lang: str) -> list[WordNumeral]:
    """Every numeral written in words in ``lowered`` (a lower-cased text), with its value, in text order."""
    lex = _lexicon(lang)
    if lex.pattern is None:
        return []
    out: list[WordNumeral] = []
    for run in _tokens(lowered.translate(_ALEF), lex):
        reader = _Reader()
        for token in run:
            reader.read(token)
        reader._emit()
        out += reader.out
    return out
