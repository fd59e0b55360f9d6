"""The locale-aware number engine: find the quantities of a text and read them as values.

Why: a translation must keep every quantity's *value* while writing it the way its readers expect
(Indonesian ``80.000`` is English ``80,000``, French ``80 000``, Chinese ``8万``). So each number token is
read under both separator conventions ("dot": ``.`` decimal, ``,`` group; "comma": ``,`` decimal, ``.``
or space group); the locale's own convention gives the value a reader gets, the other one tells the rules
what the writer probably meant. Years, times, dates, ordinals, codes (``G20``, ``COVID-19``), phone
numbers and numbers inside URLs are not quantities and are skipped (a bare year in a target is kept as
*optional*: it may stand for a source quantity, but is never reported on its own).

Every language fact (scale words, percent and currency words, number words, time patterns) comes from
the ``Locale``; separators come from the locale too (filled from Babel's data). Regexes are compiled once
per language.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache

from mtcheck.facts.number_words import find_numerals, roman_ordinals
from mtcheck.facts.phones import Phone, find_phones
from mtcheck.facts.units import SYMBOLS
from mtcheck.locales import Locale, get_locale
from mtcheck.text.caching import text_cache
from mtcheck.text.scan import Spans, lower_same_length

DOT = "dot"  # "." (or U+066B) is the decimal mark; "," and spaces group
COMMA = "comma"  # "," (or U+066B) is the decimal mark; "." and spaces group

SPACES = " \u00a0\u202f\u2009"
_SPACE_CLASS = "[ \u00a0\u202f\u2009]"
_DECIMAL_MARKS = {DOT: frozenset(".\u066b"), COMMA: frozenset(",\u066b")}

# One-to-one character mapping, so offsets into the normalised text are offsets into the original.
_DIGIT_MAP = str.maketrans(
    {
        **{chr(0x660 + i): str(i) for i in range(10)},  # Arabic-Indic
        **{chr(0x6F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic (Persian)
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width
        "\uff05": "%",
        "\uff0e": ".",
    }
)

# A number token: digit groups joined by separators; a space, or the Arabic comma U+060C that some writers
# use as a thousands mark ("30،000"), joins only a following group of exactly 3 (never a list "3،4").
_TOKEN = re.compile(r"\d+(?:(?:[.,\u066b\u066c]|(?:\u060c|" + _SPACE_CLASS + r")(?=\d{3}(?!\d)))\d+)*")
_SEP = re.compile(r"(\D)")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NON_ASCII_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\uff05\uff0e]")
# Versions and dotted dates (1.2.3, 21.06.2024) need no pattern: no convention reads them (read_as).
_UNIVERSAL_EXCLUDES = (
    r"\d+(?:[-‐]\d+){2,}",  # phone numbers, ISO dates
    r"\+\d[\d\s-]{6,}",  # international phone numbers
    r"\d+(?:/\d+)+",  # dates and fractions: 21/6/2024, 16/3, 2/3
    r"\d{1,2}:\d{2}(?::\d{2})?",  # times, match clocks, ratios
)
# A match of these may start inside a run of digits only near its end (where "123:45" reads "23:45"): from
# every other position of a long run, their ``\d+`` scanned to its end in vain (30,000 digits took 78 s).
# Whatever matches from there also matches from the run's start (``\d+`` takes more digits), so the same
# numbers are excluded; a match with a bounded start (``\d{1,2}:``) starts within its last digits.
_RUN_GUARD = r"(?:(?<!\d)|(?!\d{32}))"
_UNIVERSAL = re.compile(_RUN_GUARD + "(?:" + "|".join(_UNIVERSAL_EXCLUDES) + ")")
_YEAR_RANGE_TAIL = re.compile(r"(?:19|20)\d\d\s?[-–]\s?$")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTERS_AFTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1d49]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_GAP = re.compile(r"[ \u00a0\u202f\u2009]?")

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}

REL_TOL = 1e-9
_WINDOW = 24  # characters around a number searched for time/date context
_DASHES = {"-", "‐", "–", "—", "~", "〜", "～"}


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text: its value(s), kind, where it is and how its number was written.

    ``values`` are the readings a reader of this locale gets from a well-formed number (a range's
    first number may also carry the shared scale: "3,5 hingga 4,2 juta"); ``lenient_values`` what the
    reader gets from separators that are not the locale's (French "80.000"); ``foreign_values`` the
    readings under the other separator convention, which the reader does not get (English "80.000").
    ``optional`` quantities (bare years in a target, numbers written as words, ordinals and clock-like
    tokens in the source) may stand for a counterpart but are never reported alone.
    """

    value: float
    kind: str  # "plain", "percent" or "currency"
    start: int
    end: int
    text: str
    num_start: int
    num_end: int
    token: str
    scale: float = 1.0
    values: tuple[float, ...] = ()
    lenient_values: tuple[float, ...] = ()
    foreign_values: tuple[float, ...] = ()
    form_ok: bool = True
    optional: bool = False
    word: bool = False
    currency: str | None = None
    separators: str = ""  # the separator characters of the number token, in order
    number: Decimal | None = None  # the token alone, read the locale's way (None: malformed for it)
    unit: str | None = None  # a physical unit (facts/units.py code): "60 mil" is 60 "mi"
    unit_end: int = 0  # where the unit word ends (the span and text stop before it)
    ordinal: bool = False  # a rank ("ke-13", "13th", "第13"): stands for a rank or a plain number
    approx: tuple[float, float] | None = None  # 300多万: any value in [low, high] is the same quantity
    lookalike: str | None = None  # "憶" in "1憶": read as the scale word it resembles, and reported
    phone: bool = False  # a phone number: its value is its digit groups in sorted order (RTL reorders them)

    @property
    def small(self) -> bool:
        """A small integer (0-10) without scale: often a word in translation ("three", "one dollar").

        Percentages stay reportable: "3 persen" is a figure a translation must keep.
        """
        return self.kind != "percent" and self.scale == 1 and not self.separators and self.value <= 10


def close(a: float, b: float) -> bool:
    """Equal values, with a tiny relative tolerance for float arithmetic (2.1 * 1e12)."""
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b), 1.0)


def normalise_digits(text: str) -> str:
    """Arabic-Indic, Persian and full-width digits (and ％ ．) to ASCII, keeping every offset."""
    return text.translate(_DIGIT_MAP) if _NON_ASCII_DIGIT.search(text) else text


def convention(locale: Locale) -> str:
    """The separator convention of a locale: which mark its readers take as the decimal point."""
    return COMMA if locale.decimal == "," else DOT


def read_as(token: str, conv: str) -> Decimal | None:
    """The value of a (digit-normalised) number token under a convention; None if malformed for it.

    Groups must be 1-3 digits then exactly 3 digits, all joined by the same kind of separator; at most
    one decimal mark, last. ``read_as("80.000", COMMA) == 80000``; ``read_as("80.000", DOT) == 80``.
    """
    parts = _SEP.split(token)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return Decimal(token)
    marks = _DECIMAL_MARKS[conv]
    frac = None
    if seps[-1] in marks:
        frac = digits[-1]
        digits, seps = digits[:-1], seps[:-1]
    if seps:
        if any(s in marks for s in seps):
            return None
        kinds = {" " if s in SPACES else s for s in seps}
        if len(kinds) != 1 or not 1 <= len(digits[0]) <= 3 or any(len(d) != 3 for d in digits[1:]):
            return None
    return Decimal("".join(digits) + ("." + frac if frac is not None else ""))


def form_ok(token: str, locale: Locale) -> bool:
    """Whether the token's separators are the ones this locale's readers expect."""
    conv = convention(locale)
    if read_as(token, conv) is None:
        return False
    seps = _SEP.split(token)[1::2]
    if not seps:
        return True
    decimals = {locale.decimal, *locale.decimal_alternatives}
    groups = {locale.group, *locale.group_alternatives}
    last_is_decimal = seps[-1] in _DECIMAL_MARKS[conv]
    if last_is_decimal and seps[-1] not in decimals:
        return False
    group_seps = seps[:-1] if last_is_decimal else seps
    return all(s in groups for s in group_seps)


def format_number(value: float | Decimal, lang: str) -> str:
    """The locale-correct way to write a number (the suggestion of NUM001); fr groups with U+202F."""
    from babel.numbers import format_decimal

    dec = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if not dec.is_finite():  # a run of 400 digits overflows a float
        return str(dec)
    with localcontext() as context:  # quantize (ours, and babel's to 3 decimals) needs every digit: 1E+25 has 29
        context.prec = max(context.prec, max(1, dec.adjusted() + 1) + max(3, -int(dec.as_tuple().exponent)) + 2)
        if dec == dec.to_integral_value():
            dec = dec.quantize(Decimal(1))
        return str(format_decimal(dec, locale=lang, decimal_quantization=False))


def _alternation(words: object, boundary: bool) -> str:
    """A regex alternation of words, longest first; word-bounded where the word ends in a letter."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    out = []
    for w in items:
        pat = re.escape(w).replace(r"\ ", _SPACE_CLASS)
        if boundary and re.search(r"[^\W\d_]$", w) and not _CJK.search(w[-1]):
            pat += r"(?![^\W\d_])"
        if boundary and re.match(r"[^\W\d_]", w) and not _CJK.search(w[0]):
            pat = r"(?<![^\W\d_])" + pat
        out.append(pat)
    return "|".join(out) if out else r"(?!x)x"


@dataclass(frozen=True)
class _Grammar:
    """The compiled regexes of one language."""

    locale: Locale
    excludes: re.Pattern[str]
    scale: re.Pattern[str]
    scale_values: dict[str, float]
    percent_after: re.Pattern[str]
    percent_before: re.Pattern[str]
    currency_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    reference_before: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    range_between: re.Pattern[str]
    idioms: tuple[re.Pattern[str], ...]
    kanji: re.Pattern[str] | None
    unit: re.Pattern[str]
    unit_codes: dict[str, str]
    approx_infix: re.Pattern[str]
    approx_before: re.Pattern[str]
    lookalike: re.Pattern[str]


def _month_names(locale: Locale) -> set[str]:
    """Month names from Babel plus the locale's own list (dates next to them are not quantities)."""
    from babel.dates import get_month_names

    names = {m.lower() for m in locale.months}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            names |= {n.lower().rstrip(".") for n in get_month_names(width, context, locale.code).values()}
    return {n for n in names if not re.search(r"\d", n) and len(n) >= 3}


def _spaced(words: str) -> str:
    """A unit's words with any space as a plain space (how the unit table is keyed)."""
    return re.sub(_SPACE_CLASS, " ", words)


@cache
def _grammar(lang: str) -> _Grammar:
    loc = get_locale(lang)
    excludes = "|".join(f"(?:{p})" for p in loc.number_exclude_patterns) or r"(?!x)x"
    months = _alternation(_month_names(loc), True)
    gap = _SPACE_CLASS + "?"
    kanji = None
    if loc.kanji_numerals:
        big = "".join(w for w, v in loc.scale_words.items() if len(w) == 1 and v >= 1e4)
        chars = "".join(_KANJI_DIGITS) + "".join(_KANJI_SMALL) + big
        # A numeral is a run of these with a digit or 十百千 in it (万 alone is not one). It starts only where a
        # run starts: from inside a long run of 万 the search scanned to its end from every character.
        kanji = re.compile(f"(?<![{chars}])[{chars}]*[{''.join(_KANJI_DIGITS)}{''.join(_KANJI_SMALL)}][{chars}]*")
    return _Grammar(
        locale=loc,
        excludes=re.compile(f"{_RUN_GUARD}(?:{excludes})"),
        scale=re.compile(gap + "(" + _alternation(loc.scale_words, True) + ")"),
        scale_values={k.lower(): v for k, v in loc.scale_words.items()},
        percent_after=re.compile(gap + "(?:" + _alternation(loc.percent_words, True) + ")"),
        percent_before=re.compile("(?:" + _alternation(loc.percent_prefixes, True) + ")" + gap + "$"),
        currency_after=re.compile(gap + "(" + _alternation(loc.currency_words, True) + ")"),
        currency_before=re.compile("(" + _alternation(loc.currency_words, True) + ")" + gap + "$"),
        reference_before=re.compile(
            r"(?i)(?<![^\W\d_])(?:" + _alternation(loc.reference_words, False) + r")\s*$"
        ),
        month_before=re.compile(r"(?i)(?:" + months + r")\.?\s*,?\s*$"),
        month_after=re.compile(r"(?i)\s*(?:" + months + ")"),
        range_between=re.compile(r"(?i)\s*(?:" + _alternation(loc.range_words, True) + r")\s*"),
        idioms=tuple(re.compile(p) for p in loc.number_word_idioms),
        kanji=kanji,
        unit=re.compile(gap + "(" + _alternation({**SYMBOLS, **loc.unit_words}, True) + ")"),
        unit_codes={_spaced(k): v for k, v in {**SYMBOLS, **loc.unit_words}.items()},
        approx_infix=re.compile("(?:" + _alternation(loc.approx_infixes, False) + ")"),
        approx_before=re.compile("(?:" + _alternation(loc.approx_prefixes, False) + ")" + gap + "$"),
        lookalike=re.compile(gap + "(" + _alternation(loc.scale_lookalikes, False) + ")"),
    )


def _kanji_value(s: str, big: dict[str, float]) -> float | None:
    """三千五百 -> 3500, 两万亿 -> 2e12, 一亿两千万 -> 1.2e8; None for a bare unit run."""
    total = section = 0.0
    num: float | None = None
    for ch in s:
        if ch in _KANJI_DIGITS:
            if num is not None:  # digit after digit (二〇二四): read positionally
                num = num * 10 + _KANJI_DIGITS[ch]
            else:
                num = _KANJI_DIGITS[ch]
        elif ch in _KANJI_SMALL:
            section += (1 if num is None else num) * _KANJI_SMALL[ch]
            num = None
        else:
            unit = big[ch]
            if section == 0 and num is None and total > 0:
                total *= unit
            else:
                total += (section + (num or 0)) * unit
            section, num = 0.0, None
    return total + section + (num or 0)


def _split_token(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """A token that only parses after splitting at its spaces ("2016 300") becomes several tokens."""
    token = norm[start:end]
    if not any(c in SPACES for c in token) or read_as(token, DOT) or read_as(token, COMMA):
        return [(start, end)]
    out, pos = [], start
    for piece in re.split(_SPACE_CLASS, token):
        out.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return out


SKIP, ORDINAL = "skip", "ordinal"


def _role_by_context(norm: str, start: int, end: int, g: _Grammar) -> str | None:
    """Why a number is not a quantity, judged from its neighbours: SKIP (codes, labels) or ORDINAL.

    Ordinals are told apart because a source rank ("menit ke-65") is often rendered as a plain number
    ("65分钟"): in the source they stay as optional quantities.
    """
    loc = g.locale
    for p in loc.ordinal_prefixes:
        lead = norm[start - len(p) - 1 : start - len(p)] if start > len(p) else " "
        if norm[max(0, start - len(p)) : start].lower() == p and not _LATIN.match(lead):
            return ORDINAL  # ke-3, ke 19, 第3
    after = _LETTERS_AFTER.match(norm, end)
    if after and (after.group().lower() in loc.ordinal_suffixes or after.group() == "\u1d49"):
        return ORDINAL  # 3rd, 3e
    if any(norm.startswith(s, end) for s in loc.ordinal_suffixes if _CJK.match(s) or s[0] == " "):
        return ORDINAL  # 3位, "34 kalinya"
    before = norm[start - 1] if start else " "
    if _LATIN.match(before) and not g.currency_before.search(norm, max(0, start - 12), start):
        return SKIP  # G20, HER2, MH370
    if before in "-‐" and start >= 2 and _LATIN.match(norm[start - 2]):
        return SKIP  # COVID-19, F-16
    if before in "#№":
        return SKIP
    if end - start == 2 and _YEAR_RANGE_TAIL.search(norm, max(0, start - 7), start):
        return SKIP  # 1950-53
    if loc.reference_words and g.reference_before.search(norm, max(0, start - 16), start):
        return SKIP  # Pasal 5, No. 3
    if after and after.group()[0].isupper() and not g.scale.match(norm, end) and not g.currency_after.match(norm, end):
        return SKIP  # 5G, 3D
    return None


def _is_date_part(norm: str, start: int, end: int, value: Decimal, g: _Grammar) -> bool:
    """A day or year next to a month name: "21 Juni", "June 21", "Maret 2024"."""
    if not (value <= 31 or 1000 <= value <= 2100) or value != value.to_integral_value():
        return False
    return bool(g.month_after.match(norm, end) or g.month_before.search(norm, max(0, start - 14), start))


@dataclass(frozen=True)
class _Tail:
    """What follows a number: scale, kind, currency or unit, and the end of the quantity."""

    scale: float
    end: int
    kind: str = "plain"
    currency: str | None = None
    unit: str | None = None
    more: bool = False  # 300多万, 3万多: "and more"
    lookalike: str | None = None
    unit_end: int = 0  # the end of the unit word (``end`` stops before it)


def _with_suffixes(norm: str, pos: int, g: _Grammar) -> _Tail:
    """Scale words (chained in CJK: 万亿; 多 may stand before or after them), then percent, currency or unit."""
    scale, kind, currency, unit, lookalike = 1.0, "plain", None, None, None
    more = bool(m := g.approx_infix.match(norm, pos)) and bool(g.scale.match(norm, m.end()))
    if more and m:
        pos = m.end()
    while m := g.scale.match(norm, pos):
        scale *= g.scale_values[m.group(1).lower()]
        pos = m.end()
        if not g.locale.cjk:
            break
    if scale == 1 and (m := g.lookalike.match(norm, pos)):
        lookalike = m.group(1)
        scale, pos = g.scale_values[g.locale.scale_lookalikes[lookalike].lower()], m.end()
    if not more and (m := g.approx_infix.match(norm, pos)):
        more, pos = True, m.end()
    if m := g.percent_after.match(norm, pos):
        kind, pos = "percent", m.end()
    elif m := g.currency_after.match(norm, pos):
        kind, pos, currency = "currency", m.end(), g.locale.currency_words.get(m.group(1), "?")
    elif m := g.unit.match(norm, pos):
        return _Tail(scale, pos, kind, currency, g.unit_codes[_spaced(m.group(1))], more, lookalike, m.end())
    return _Tail(scale, pos, kind, currency, unit, more, lookalike, pos)


def _step(token: str) -> float:
    """The place value of a number's last significant digit: "300" -> 100, "3" -> 1, "3.5" -> 1 (x 0.1 below)."""
    digits = _SEP.split(token)
    if len(digits) > 1 and len(digits[-1]) != 3:
        return 10.0 ** -len(digits[-1])
    whole = "".join(digits)
    return 10.0 ** (len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 1.0


def _approximate(value: float, token: str, tail: _Tail, hedged: bool) -> tuple[float, float] | None:
    """300多万 is [3,000,000, 4,000,000]; 約3万 is [25,000, 35,000]; None for an exact number."""
    step = _step(token) * tail.scale
    if tail.more:
        return value, value + step
    if hedged:
        return value - step / 2, value + step / 2
    return None


def _currency_scale_letter(norm: str, end: int, loc: Locale) -> tuple[float, int]:
    """"£125m" is 125 million: a locale's scale letter right after a money amount, ending the word.
    (scale, end of the quantity); (1.0, ``end``) without one."""
    letter = norm[end:end + 1]
    if letter in loc.currency_scale_letters and not norm[end + 1:end + 2].isalnum():
        return loc.currency_scale_letters[letter], end + 1
    return 1.0, end


def _readings(token: str, loc: Locale, source: bool) -> tuple[Decimal | None, tuple[Decimal, ...], tuple[Decimal, ...], tuple[Decimal, ...]]:
    """The token's own reading and its (correct, lenient, foreign) candidate values, before scaling.

    correct: what a reader of the locale gets from a well-formed number; lenient: what the reader gets
    from a number whose separators are not the locale's (French "80.000", Arabic "20.000");
    foreign: what the other convention would mean, which a reader of the locale does not get.
    """
    conv = convention(loc)
    own, foreign = read_as(token, conv), read_as(token, COMMA if conv == DOT else DOT)
    if source:
        values = tuple(v for v in (own, foreign if own is None or _english_style_in_source(token) else None)
                       if v is not None)
        return own, values, (), ()
    correct: tuple[Decimal, ...] = ()
    lenient: tuple[Decimal, ...] = ()
    if own is not None:
        if form_ok(token, loc):
            correct = (own,)
        else:
            lenient = (own,)
    others = (foreign,) if foreign is not None and foreign != own else ()
    if others and _group_reading_accepted(token, loc):
        return own, correct, lenient + others, ()
    return own, correct, lenient, others


def _finite(readings: tuple[Decimal, ...], scale: float) -> tuple[float, ...]:
    """The readings' values that a float holds (one past 1.8e308 is infinity, equal to every other)."""
    return tuple(v for v in (float(r) * scale for r in readings) if math.isfinite(v))


def _group_reading_accepted(token: str, loc: Locale) -> bool:
    """Arabic lists "." as an alternative group mark: "20.000" is then read as 20000 too."""
    seps = set(_SEP.split(token)[1::2])
    return bool(seps) and seps <= set(loc.group_alternatives) | {loc.group}


def _digit_quantities(text: str, norm: str, source: bool, g: _Grammar) -> list[Quantity]:
    tokens = [span for m in _TOKEN.finditer(norm) for span in _split_token(norm, *m.span())]
    phones = find_phones(norm)
    blocked = Spans(_excluded_spans(norm, tokens, g) + [(p.start, p.end) for p in phones])
    found: list[Quantity] = []
    for start, end in tokens:
        if blocked.touches(start, end):
            continue
        role = _role_by_context(norm, start, end, g)
        if role == SKIP:
            continue
        token = norm[start:end]
        own, correct, lenient, foreign = _readings(token, g.locale, source)
        candidates = correct + lenient + foreign
        if not candidates or _is_date_part(norm, start, end, candidates[0], g):
            continue
        tail = _with_suffixes(norm, end, g)
        scale, q_end, kind, currency = tail.scale, tail.end, tail.kind, tail.currency
        q_start = start
        unit = tail.unit
        if pre := g.currency_before.search(norm, max(0, start - 25), start):
            q_start, kind, unit = pre.start(), "currency", None  # "£125m" is money, not metres
            currency = g.locale.currency_words.get(pre.group(1), "?")
        if pre := g.percent_before.search(norm, max(0, start - 6), start):
            q_start, kind = pre.start(), "percent"
        if kind == "currency" and scale == 1 and q_end == end:
            scale, q_end = _currency_scale_letter(norm, end, g.locale)
        bare = scale == 1 and kind == "plain" and tail.unit is None and not tail.more
        if source and bare and role != ORDINAL and _looks_like_year(token):
            continue  # a year in the source is not a quantity
        # A source rank above ten is a fact to keep ("lap ke-44"); a target rank only answers for one.
        ordinal = role == ORDINAL
        optional = ordinal and (not source or candidates[0] <= 10) or not ordinal and bare and (
            _looks_like_year(token) or source and own is None and _looks_like_clock(token)
        )
        value = float(candidates[0]) * scale
        if not math.isfinite(value):  # past 1.8e308 (309 digits or more): no news quantity, nothing to compare
            continue
        unit = _qualified_unit(norm, start, unit, g.locale)
        hedged = bool(g.approx_before.search(norm, max(0, q_start - 4), q_start))
        found.append(
            Quantity(
                value=value, kind=kind, start=q_start, end=q_end,
                text=text[q_start:q_end], num_start=start, num_end=end, token=text[start:end],
                scale=scale, values=_finite(correct, scale), lenient_values=_finite(lenient, scale),
                foreign_values=_finite(foreign, scale),
                form_ok=bool(correct), optional=optional, currency=currency,
                separators="".join(_SEP.split(token)[1::2]), number=own, unit=unit,
                unit_end=tail.unit_end if unit else q_end, ordinal=ordinal,
                approx=_approximate(value, token, tail, hedged), lookalike=tail.lookalike,
            )
        )
    return sorted(found + _phone_quantities(text, phones), key=lambda q: q.start)


def _qualified_unit(norm: str, start: int, unit: str | None, loc: Locale) -> str | None:
    """A unit word before the number qualifies the unit after it: 华氏75度 is °F, 时速30公里 km/h."""
    before = norm[max(0, start - 8):start].rstrip(SPACES)
    for prefix, rewrites in loc.unit_prefixes.items():
        if unit in rewrites and before.endswith(prefix):
            return rewrites[unit]
    return unit


def _phone_quantities(text: str, phones: list[Phone]) -> list[Quantity]:
    return [
        Quantity(value=p.key, kind="phone", start=p.start, end=p.end, text=text[p.start:p.end],
                 num_start=p.start, num_end=p.end, token=text[p.start:p.end], values=(p.key,), phone=True)
        for p in phones
    ]


def _excluded_spans(norm: str, tokens: list[tuple[int, int]], g: _Grammar) -> list[tuple[int, int]]:
    """Times, dates, phone numbers, URLs: searched only in windows around the number tokens (speed)."""
    windows: list[list[int]] = []
    for start, end in tokens:
        lo, hi = max(0, start - _WINDOW), min(len(norm), end + _WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    patterns = [_UNIVERSAL, g.excludes]
    spans = []
    for lo, hi in windows:
        spans += [m.span() for pattern in patterns for m in pattern.finditer(norm, lo, hi)]
    for pattern, needle in ((_URL, "http"), (_URL, "www."), (_MAIL, "@")):
        if needle in norm:
            spans += [m.span() for m in pattern.finditer(norm)]
    return spans


def _looks_like_clock(token: str) -> bool:
    """An Indonesian "13.00" or "4.40" is not a valid Indonesian number: most likely a time of day."""
    m = re.fullmatch(r"(\d{1,2})\.(\d{2})", token)
    return m is not None and int(m.group(1)) <= 24 and int(m.group(2)) < 60


def _looks_like_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


def _english_style_in_source(token: str) -> bool:
    """A source "1,127" (one comma, three decimals) is most likely English grouping left untranslated."""
    seps = _SEP.split(token)[1::2]
    return seps == [","] and len(token.split(",")[1]) == 3


def _merge_cjk(text: str, qs: list[Quantity]) -> list[Quantity]:
    """1万2000 and 2兆3000億 are one quantity: a larger scale immediately followed by a smaller part."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev and prev.scale >= 1e4 and q.scale < prev.scale and prev.kind == "plain"
            and q.num_start - prev.end <= 1 and not text[prev.end:q.num_start].strip()
        ):
            value = prev.value + q.value
            out[-1] = Quantity(
                value=value, kind=q.kind, start=prev.start, end=q.end, text=text[prev.start:q.end],
                num_start=prev.num_start, num_end=q.num_end, token=prev.token, scale=prev.scale,
                values=(value,), foreign_values=(), form_ok=prev.form_ok and q.form_ok,
                optional=False, currency=q.currency, separators=prev.separators + q.separators, unit=q.unit,
            )
        else:
            out.append(q)
    return out


def _share_scale(norm: str, qs: list[Quantity], g: _Grammar) -> list[Quantity]:
    """In a range ("3,5 hingga 4,2 juta", "70-90%") the first number may share the second's scale/kind."""
    out = list(qs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.scale != 1 or a.kind != "plain" or (b.scale == 1 and b.kind == "plain"):
            continue
        if g.range_between.fullmatch(norm, a.end, b.num_start):
            stop = b.num_start
        elif b.start < b.num_start and g.range_between.fullmatch(norm, a.end, b.start):
            stop = b.start  # "Rp3 hingga Rp5 juta"
        else:
            continue
        extra = tuple(v * b.scale for v in a.values + a.lenient_values) if b.scale != 1 else ()
        dash = norm[a.end:stop].strip() in _DASHES  # "70-90%" shares the kind; "80.000 dan 3 persen" not
        kind, currency = (b.kind, b.currency) if dash else (a.kind, a.currency)
        out[i] = Quantity(**{**a.__dict__, "values": a.values + extra, "kind": kind, "currency": currency})
    return out


def _word_quantities(text: str, norm: str, taken: list[tuple[int, int]], g: _Grammar) -> list[Quantity]:
    """Numbers written as words ("three", "ثلاثة", 三千): optional quantities, never reported alone."""
    found: list[Quantity] = []
    big = {w: v for w, v in g.locale.scale_words.items() if len(w) == 1 and v >= 1e4}
    matches: list[tuple[int, int, float, bool]] = []
    lowered = lower_same_length(norm)  # the number words and idioms are lower case: found case-blind there
    matches += [(n.start, n.end, n.value, n.ordinal) for n in find_numerals(lowered, g.locale.code)]
    if g.locale.roman_ordinals:
        matches += [(n.start, n.end, n.value, True) for n in roman_ordinals(norm)]
    if g.kanji:
        for m in g.kanji.finditer(norm):
            v = _kanji_value(m.group(), big)
            if v is not None:
                matches.append((m.start(), m.end(), v, norm.endswith(tuple(g.locale.ordinal_prefixes), 0, m.start())))
    blocked = Spans([*taken, *(m.span() for pattern in g.idioms for m in pattern.finditer(lowered))])
    for start, end, value, ordinal in matches:
        if blocked.touches(start, end) or any(norm.startswith(f, end) for f in g.locale.fraction_infixes):
            continue
        tail = _with_suffixes(norm, end, g)
        q_start, kind = start, tail.kind
        if pre := g.percent_before.search(norm, max(0, start - 6), start):
            q_start, kind = pre.start(), "percent"
        found.append(
            Quantity(
                value=value * tail.scale, kind=kind, start=q_start, end=tail.end, text=text[q_start:tail.end],
                num_start=start, num_end=end, token=text[start:end], scale=tail.scale,
                values=(value * tail.scale,), optional=True, word=True, currency=tail.currency, unit=tail.unit,
                unit_end=tail.unit_end, ordinal=ordinal,
            )
        )
    return found


def parse_quantities(text: str, lang: str, source: bool = False, words: bool = True) -> list[Quantity]:
    """Every quantity of ``text`` read with the conventions of ``lang``, in text order.

    ``source=True`` reads the text as the source: years are dropped (not kept as optional) and an
    English-looking ``1,127`` also carries its English reading. ``words=False`` leaves out numbers
    written as words (the comparison asks for them only when some quantity is left unpaired).
    """
    g = _grammar(lang)
    norm = normalise_digits(text)
    qs = _digit_quantities(text, norm, source, g)
    if g.locale.cjk:
        qs = _merge_cjk(text, qs)
    qs = _share_scale(norm, qs, g)
    if words:
        qs = sorted(qs + word_quantities(text, lang, qs), key=lambda q: q.start)
    return qs


# Each number costs about 0.5 ms between reading and pairing (the rules, the aligner's anchors, CONS001): a
# text of 100,000 "80.000" took 55 s. A long news article has a few hundred numbers; a text with more than
# this many is not read for numbers at all (decided by counting, before reading any): NUM002 says so.
MAX_NUMBERS = 10_000


@text_cache(32)
def number_count(text: str) -> int:
    """How many digit runs ``text`` holds (what ``digit_quantities`` would read), counted cheaply."""
    return sum(1 for _ in _TOKEN.finditer(normalise_digits(text)))


@text_cache(32)
def digit_quantities(text: str, lang: str, source: bool = False) -> tuple[Quantity, ...]:
    """``parse_quantities(text, lang, source, words=False)``, read once per text for the rules and the aligner;
    none for a text of more than ``MAX_NUMBERS`` numbers."""
    if number_count(text) > MAX_NUMBERS:
        return ()
    return tuple(parse_quantities(text, lang, source, words=False))


def word_quantities(text: str, lang: str, digits: list[Quantity]) -> list[Quantity]:
    """The numbers written as words in ``text`` that do not overlap the ``digits`` quantities."""
    g = _grammar(lang)
    if not (g.locale.number_words or g.locale.ordinal_words or g.kanji or g.locale.roman_ordinals):
        return []
    return _word_quantities(text, normalise_digits(text), [(q.start, q.end) for q in digits], g)
