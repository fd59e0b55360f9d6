"""Reading dates and weekdays in every supported language, and writing them back for suggestions.

``parse_dates(text, lang)`` finds calendar facts a translation must keep: day, month, year and weekday
(``9 Maret 2023``, ``Kamis (16/3/2023)``, ``March 9, 2023``, ``jeudi 1er mars``, ``2023年3月16日（木）``,
``الخميس 16 مارس/آذار``), plus bare weekdays, month names introduced by a cue word and standalone years.
Names, cue words and look-alikes come from the ``Locale``; the parser only knows the shapes of dates.
Times (``10.30 WIB``) and quantities are never read: a number only becomes a date next to a month name,
in a slash/ISO date, or as a four-digit year that is not part of a quantity.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from mtcheck.locales import Locale, get_locale
from mtcheck.model import Span
from mtcheck.text.caching import text_cache
from mtcheck.text.scan import Probed, Spans, lower_same_length

Reading = tuple[int | None, int | None, int | None, int | None]  # day, month, year, weekday

# Arabic-Indic, Persian and full-width digits -> ASCII; one character each, so offsets are kept.
_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3
)
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?P<ord>er|st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)(?!\d)"
_NO_NUM_BEFORE = r"(?<![\d.,/:$€£¥])"
# CJK dates are written with 年/月/日 in both Chinese and Japanese, in Arabic or kanji numerals.
_KNUM = r"[一二三四五六七八九十]{1,3}"
_CJK_DATE = (
    r"(?<![\d.,])(?:(?P<y>(?:1[89]|20)\d\d)\s*年\s*)?"
    rf"(?P<m>1[0-2]|0?[1-9]|{_KNUM})\s*月"
    rf"(?:\s*(?P<d>3[01]|[12]\d|0?[1-9]|{_KNUM})\s*[日号])?"
)
_CJK_DAY = r"(?<![\d.,月年])(?P<d>3[01]|[12]\d|0?[1-9])日(?![間间后後前以連连本])"
_CJK_YEAR = r"(?<![\d.,])(?P<y>(?:1[89]|20)\d\d)\s*年(?!代|間|间|度)"
_NUMERIC_DMY = r"(?<![\d/.,])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)?\d\d)(?![\d/])"
_NUMERIC_YMD = r"(?<![\d/.,-])(?P<y>(?:19|20)\d\d)[-/](?P<b>\d{1,2})[-/](?P<a>\d{1,2})(?![\d/-])"
_NUMERIC_DM = r"[(（]\s*(?P<a>\d{1,2})/(?P<b>\d{1,2})\s*[)）]"
_JOIN = re.compile(r"[\s,،、，(（]*")


@dataclass(frozen=True)
class DateMention:
    """One calendar fact in a text. Any of day/month/year/weekday may be unknown (None).

    ``numeric`` marks slash/ISO forms and ``order`` their field order ("dmy", "dm", "ymd"); ``ambiguous``
    marks a numeric date whose day and month could be swapped (both <= 12) for a reader of ``lang``.
    """

    span: Span
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    numeric: bool = False
    order: str = ""
    ambiguous: bool = False
    ordinal: str = ""  # the suffix written after the day ("er" in "1er mars")
    kind: str = "date"  # "date", "weekday", "month", "year", "day", "dm" (day/month needing a weekday)

    @property
    def reading(self) -> Reading:
        return (self.day, self.month, self.year, self.weekday)

    def readings(self) -> list[Reading]:
        """Every way the mention may be read (numeric dates with both parts <= 12 read both ways)."""
        if self.ambiguous and self.day != self.month:
            return [self.reading, (self.month, self.day, self.year, self.weekday)]
        return [self.reading]

    def fields(self) -> set[int]:
        return {i for i, v in enumerate(self.reading) if v is not None}


def _names(keys: dict[str, int]) -> str:
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(keys, key=len, reverse=True))


def _cjk_int(value: str) -> int:
    if value.isdigit():
        return int(value)
    if "十" not in value:
        return _KANJI_DIGITS.get(value, 0)
    tens, _, ones = value.partition("十")
    return (_KANJI_DIGITS.get(tens, 0) if tens else 1) * 10 + (_KANJI_DIGITS.get(ones, 0) if ones else 0)


@dataclass(frozen=True)
class _Patterns:
    """The compiled regexes of one language, built once from its ``Locale``."""

    locale: Locale
    named: tuple[tuple[str, Probed], ...]
    weekday: Probed | None
    false_friends: tuple[Probed, ...]
    # The forms that need a month name; they and ``weekday`` are lower-case words without re.IGNORECASE,
    # run on the lower-cased text (scan.lower_same_length).
    by_month: tuple[tuple[str, Probed], ...] = ()
    # The lower-case first words of the month and weekday names: a text with none of them cannot match
    # ``by_month`` (or ``weekday``), which is then not scanned.
    month_words: tuple[str, ...] = ()
    weekday_words: tuple[str, ...] = ()


@cache
def _patterns(lang: str) -> _Patterns:
    loc = get_locale(lang)
    flags = 0  # the month and weekday forms run on the lower-cased text; every word in them is lower case
    named: list[tuple[str, Probed]] = []
    by_month: list[tuple[str, Probed]] = []
    if loc.months:
        pre = "|".join(re.escape(p) for p in sorted(loc.clitic_prefixes, key=len, reverse=True))
        edge = rf"(?<![^\W\d_])(?:{pre})?" if pre else r"(?<![^\W\d_])"
        month = rf"{edge}(?P<mname>{_names(loc.months)})\.?(?![^\W\d_])"
        month2 = rf"(?:\s*[/(]\s*(?:{_names(loc.months)})(?:\s*\))?)?"  # "مارس/آذار", "Maret (March)"
        year_tail = rf"(?:,?\s+(?:de\s+)?{_YEAR}(?:م(?![^\W\d_]))?)?"
        by_month.append(("date", Probed.compile(rf"{_NO_NUM_BEFORE}{_DAY}\.?\s*(?:de\s+)?{month}{month2}{year_tail}", flags)))
        by_month.append(("date", Probed.compile(rf"{month}{month2}\s+{_DAY}(?![^\W\d_])(?:,?\s+{_YEAR})?", flags, False)))
        by_month.append(("month", Probed.compile(rf"{month}{month2},?\s+{_YEAR}", flags, False)))
        if loc.month_cues:
            cues = "|".join(re.escape(c) for c in sorted(loc.month_cues, key=len, reverse=True))
            # the year is taken along ("pada Maret 2023"): left to the plain month-year form, a longer
            # cue match ("sejak Maret") would win and leave the year a separate, unchecked mention
            by_month.append(("month", Probed.compile(rf"(?<![^\W\d_])(?:{cues})[\s-]*{month}{month2}(?:,?\s+{_YEAR})?", flags, False)))
    if loc.cjk:
        named.append(("date", Probed.compile(_CJK_DATE)))
        named.append(("day", Probed.compile(_CJK_DAY)))
        named.append(("year", Probed.compile(_CJK_YEAR)))
    named.append(("numeric", Probed.compile(_NUMERIC_YMD)))
    named.append(("numeric", Probed.compile(_NUMERIC_DMY)))
    named.append(("dm", Probed.compile(_NUMERIC_DM)))
    if not loc.cjk:
        named.append(("year", Probed.compile(
            rf"(?<![^\W_])(?<![$€£¥.,/:\-]){_YEAR}(?:م)?(?![^\W_])(?!-an|'s|[.,]\d|\s?%)"
        )))
    weekday = None
    if loc.weekdays:
        if loc.cjk:
            weekday = Probed.compile(_names(loc.weekdays))
        else:
            pre = "|".join(re.escape(p) for p in sorted(loc.clitic_prefixes, key=len, reverse=True))
            prefix = f"(?:{pre})?" if pre else ""
            weekday = Probed.compile(rf"(?<![^\W\d_]){prefix}(?P<wname>{_names(loc.weekdays)})(?![^\W\d_])", flags, False)
    friends = tuple(Probed.compile(p) for p in loc.date_false_friends)
    return _Patterns(loc, tuple(named), weekday, friends, tuple(by_month), _first_words(loc.months),
                     _first_words(loc.weekdays))


def _first_words(names: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted({name.lower().split()[0] for name in names if name.strip()}))


def _capital_ok(loc: Locale, name: str) -> bool:
    return not loc.date_names_capitalised or name[:1].isupper()


def _lookup(table: dict[str, int], name: str) -> int | None:
    return table.get(re.sub(r"\s+", " ", name.lower()))


def _numeric(kind: str, m: re.Match[str], text: str, lang: str) -> DateMention | None:
    a, b = int(m.group("a")), int(m.group("b"))  # a: day position, b: month position (d/m or y-m-d)
    year = None
    if "y" in m.groupdict() and m.group("y"):
        year = int(m.group("y"))
        year = year + 2000 if year < 100 else year
    order = "ymd" if m.re.pattern == _NUMERIC_YMD else ("dm" if kind == "dm" else "dmy")
    ambiguous = False
    if order != "ymd" and "dmy" not in get_locale(lang).numeric_date_orders:
        ambiguous = a <= 12 and b <= 12  # a reader not used to day-first may take 3/9 as March 9
        if b > 12 >= a:
            a, b = b, a  # only month/day makes sense: 3/16/2023
    if not (1 <= a <= 31 and 1 <= b <= 12):
        return None
    start, end = m.span()
    return DateMention(Span.of(text, start, end), a, b, year, None, True, order, ambiguous,
                       kind="dm" if kind == "dm" else "date")


def _from_match(kind: str, m: re.Match[str], text: str, written: str, pats: _Patterns, lang: str) -> DateMention | None:
    """The mention a match stands for; its groups are read from ``written`` (the text with ASCII digits), as
    the month and weekday forms match the lower-cased text."""
    loc = pats.locale
    if kind in ("numeric", "dm"):
        return _numeric(kind, m, text, lang)
    g: dict[str, Any] = {key: written[m.start(key):m.end(key)] if m.start(key) >= 0 else None for key in m.re.groupindex}
    if loc.cjk and kind in ("date", "day", "year"):
        day = _cjk_int(g["d"]) if g.get("d") else None
        month = _cjk_int(g["m"]) if g.get("m") else None
        year = int(g["y"]) if g.get("y") else None
        if (day is not None and not 1 <= day <= 31) or (month is not None and not 1 <= month <= 12):
            return None
        return DateMention(Span.of(text, *m.span()), day, month, year, kind=kind)
    if kind == "year":
        return DateMention(Span.of(text, *m.span("y")), year=int(g["y"]), kind="year")
    name = g["mname"]
    if not _capital_ok(loc, name):
        return None
    month = _lookup(loc.months, name)
    day = int(g["d"]) if g.get("d") else None
    year = int(g["y"]) if g.get("y") else None
    if kind == "month":  # the span starts at the month name (a cue word before it is not the date)
        end = m.end() if year is not None else m.end("mname")
        return DateMention(Span.of(text, m.start("mname"), end), month=month, year=year, kind="month")
    return DateMention(Span.of(text, *m.span()), day, month, year, ordinal=g.get("ord") or "",
                       kind="date" if day else "month")


class _Taken:
    """Disjoint spans already claimed, sorted: does a new one overlap any? A binary search, not a scan
    (a text of thousands of dates made the scans quadratic: 5,000 dates, 13 s)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # sorted too: the spans are disjoint

    def overlaps(self, span: Span) -> bool:
        k = bisect.bisect_left(self.starts, span.end) - 1  # the last span starting before this one ends
        return k >= 0 and self.ends[k] > span.start

    def add(self, span: Span) -> None:
        k = bisect.bisect_left(self.starts, span.start)
        self.starts.insert(k, span.start)
        self.ends.insert(k, span.end)


_CLOSERS = {"(": ")", "（": "）"}


def _balanced_end(text: str, start: int, end: int) -> int:
    """The end of ``text[start:end]`` moved past the closing brackets its opened brackets wait for.

    A weekday joined to the date inside its brackets ("Kamis (16/3/2023", "15日（日") must take the
    ")" too, so the reported span reads as written: "Kamis (16/3/2023)".
    """
    waiting = [_CLOSERS[c] for c in text[start:end] if c in _CLOSERS]
    waiting = waiting[sum(text[start:end].count(c) for c in set(_CLOSERS.values())):]
    for closer in reversed(waiting):
        m = re.compile(r"\s*" + re.escape(closer)).match(text, end)
        if m is None:
            break
        end = m.end()
    return end


def _merge(mentions: list[DateMention], text: str) -> list[DateMention]:
    """Join a weekday with the date right before or after it ("Kamis (16/3)", "3月16日（木）")."""
    out: list[DateMention] = []
    for m in sorted(mentions, key=lambda x: x.span.start):
        prev = out[-1] if out else None
        if prev is not None and _JOIN.fullmatch(text[prev.span.end:m.span.start]):
            pair = {prev.kind, m.kind}
            if "weekday" in pair and pair & {"date", "dm", "day"} and (prev.weekday is None) != (m.weekday is None):
                date, wd = (m, prev) if prev.kind == "weekday" else (prev, m)
                span = Span.of(text, prev.span.start, _balanced_end(text, prev.span.start, m.span.end))
                out[-1] = DateMention(span, date.day, date.month, date.year, wd.weekday, date.numeric,
                                      date.order, date.ambiguous, date.ordinal, "date")
                continue
        out.append(m)
    return [m for m in out if m.kind != "dm"]  # "(16/3)" alone may be a score or a fraction


@text_cache(2048)
def _parse(text: str, lang: str) -> tuple[DateMention, ...]:
    pats = _patterns(lang)
    ascii_text = text.translate(_DIGITS)
    blocked = Spans(f.span() for p in pats.false_friends for f in p.finditer(ascii_text))
    taken = _Taken()
    found: list[DateMention] = []

    def add(mention: DateMention | None) -> None:
        if mention is None or taken.overlaps(mention.span) or blocked.touches(mention.span.start, mention.span.end):
            return
        taken.add(mention.span)
        found.append(mention)

    # Longest forms first: "Kamis, 16 Maret 2023" before "16 Maret" before "Maret" before "2023".
    lowered = lower_same_length(ascii_text)
    by_month = pats.by_month if any(w in lowered for w in pats.month_words) else ()
    candidates: list[tuple[str, re.Match[str]]] = [
        (kind, m) for kind, pattern in by_month for m in pattern.finditer(lowered)
    ] + [(kind, m) for kind, pattern in pats.named for m in pattern.finditer(ascii_text)]
    candidates.sort(key=lambda km: (-(km[1].end() - km[1].start()), km[1].start()))
    for kind, m in candidates:
        add(_from_match(kind, m, text, ascii_text, pats, lang))
    if pats.weekday is not None and any(w in lowered for w in pats.weekday_words):
        for m in pats.weekday.finditer(lowered):
            start, end = m.span("wname") if "wname" in m.groupdict() else m.span()
            name = ascii_text[start:end]  # as written: capitals matter to _capital_ok
            if not _capital_ok(pats.locale, name):
                continue
            add(DateMention(Span.of(text, start, end), weekday=_lookup(pats.locale.weekdays, name), kind="weekday"))
    return tuple(_merge(found, text))


def parse_dates(text: str, lang: str) -> list[DateMention]:
    """Every date, weekday, cued month name and standalone year in ``text``, in reading order; none in a text
    of more than ``numbers.MAX_NUMBERS`` digit runs (30,000 dates took 26 s: read and paired as numbers are)."""
    from mtcheck.facts.numbers import MAX_NUMBERS, number_count

    if number_count(text) > MAX_NUMBERS:
        return []
    return list(_parse(text, lang))


def _year_with_weekday(day: int, month: int, weekday: int) -> int | None:
    """A year in which ``day``/``month`` falls on ``weekday``, so Babel can write the weekday for us."""
    for year in range(2000, 2030):
        try:
            if _dt.date(year, month, day).isoweekday() == weekday:
                return year
        except ValueError:
            return None
    return None


def format_date(lang: str, day: int | None = None, month: int | None = None, year: int | None = None,
                weekday: int | None = None) -> str:
    """The date written the way readers of ``lang`` expect (Babel's CLDR patterns), for suggestions."""
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton, get_day_names

    loc = get_locale(lang)
    if month is None or (weekday and day is None):
        if weekday:
            return str(get_day_names("wide", locale=lang)[weekday - 1])
        return str(year) if year else ""
    try:
        when = _dt.date(year or 2000, month, day or 1)
    except ValueError:
        return ""
    if day and weekday:
        shown = year or _year_with_weekday(day, month, weekday)
        if shown is None:
            return ""
        text = babel_format_date(_dt.date(shown, month, day), "full", locale=lang)
        if year is None:  # drop the helper year together with its separator ("Thursday, March 16")
            text = re.sub(rf"[\s,،]*{shown}\s*年?", "", text, count=1).strip()
    elif day and year:
        text = babel_format_date(when, "long", locale=lang)
    elif day:
        text = format_skeleton("MMMMd", when, locale=lang)
    elif year:
        text = format_skeleton("yMMMM", when, locale=lang)
    else:
        text = format_skeleton("MMMM", when, locale=lang)
    if day == 1 and loc.first_day_suffix:
        text = re.sub(r"(?<!\d)1(?!\d)", "1" + loc.first_day_suffix, text, count=1)
    return str(text)
