"""Dates and weekdays: a translation must keep the source's calendar facts, written the target's way."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from mtcheck.facts.dates import DateMention, Reading, format_date, parse_dates
from mtcheck.facts.numbers import MAX_NUMBERS
from mtcheck.locales import get_locale
from mtcheck.model import Finding, Fix, Severity, Span
from mtcheck.rules.base import Rule, VersionContext, register
from mtcheck.rules.numbers import over_limit
from mtcheck.text.matching import Pool, max_matching, nearest

_FIELD_NAMES = ("day", "month", "year", "weekday")


def compatible(a: DateMention, b: DateMention) -> bool:
    """True when the two mentions share at least one calendar field and disagree on none."""
    for ra in a.readings():
        for rb in b.readings():
            pairs = [(x, y) for x, y in zip(ra, rb) if x is not None and y is not None]
            if pairs and all(x == y for x, y in pairs):
                return True
    return False


_SPECIFICITY = (0, 1, 3, 2)  # reading indices, finest first: day, month, weekday, year


def _finest(m: DateMention) -> int | None:
    """The most specific field a mention gives (day, else month, else weekday, else year)."""
    return next((i for i in _SPECIFICITY if m.reading[i] is not None), None)


def renders(a: DateMention, b: DateMention) -> bool:
    """``b`` may stand for ``a``: compatible, and it carries ``a``'s most specific field.

    So a month ("akhir Maret 2027", "2027年3月末") or a standalone year never vouches for a full date
    ("Minggu (14/3/2027)"), and a bare weekday never vouches for a dated one; a Japanese "14日" does
    render "14/3/2027" (the month is left out in the same month).
    """
    finest = _finest(a)
    return finest is not None and b.reading[finest] is not None and compatible(a, b)


def _conflicts(src: DateMention, tgt: DateMention) -> list[str]:
    """The fields both mentions give that differ (in the reading closest to the source)."""
    best: list[str] | None = None
    for rt in tgt.readings():
        diff = [_FIELD_NAMES[i] for i, (x, y) in enumerate(zip(src.reading, rt))
                if x is not None and y is not None and x != y]
        if best is None or len(diff) < len(best):
            best = diff
    return best or []


def _relative(text_len: int, mention: DateMention) -> float:
    return mention.span.start / max(text_len, 1)


def _describe(m: DateMention) -> str:
    return m.span.text.strip()


NEAREST_DATES = 64  # of a long list of wrong dates, a source date is paired among this many nearest


def _key(m: DateMention) -> tuple[Reading, bool]:
    """What ``readings()``, ``renders`` and ``compatible`` read of a mention: mentions of one key (a date
    recurring through a chronology) share their candidates, found once."""
    return m.reading, m.ambiguous


class _FieldIndex:
    """Mentions by the (field, value) pairs of their readings. Two mentions are ``compatible`` only if a
    reading of each gives one field the same value, and ``renders(a, b)`` only if that field can be
    ``a``'s finest (both give it in every reading), so the candidates are found here instead of by
    comparing every pair: 2,000 dates a side took 11 s."""

    def __init__(self, mentions: list[DateMention]) -> None:
        self.by: dict[tuple[int, int], set[int]] = {}
        for j, m in enumerate(mentions):
            for r in m.readings():
                for k, v in enumerate(r):
                    if v is not None:
                        self.by.setdefault((k, v), set()).add(j)

    def sharing(self, m: DateMention, fields: Iterable[int] = range(4)) -> set[int]:
        """The mentions giving one of ``fields`` the value a reading of ``m`` gives it (a superset)."""
        out: set[int] = set()
        for r in m.readings():
            for k in fields:
                if (v := r[k]) is not None:
                    out |= self.by.get((k, v), set())
        return out

    def renderers(self, m: DateMention) -> set[int]:
        """A superset of the mentions that ``renders(m, ...)`` accepts."""
        finest = _finest(m)
        return set() if finest is None else self.sharing(m, (finest,))


@register
class DateMismatch(Rule):
    """A day, month, year or weekday of the source reads differently in the translation.

    **What it does.** Reads every date of the source (``9 Maret 2023``, ``Kamis (16/3/2023)``, ``Sabtu``,
    ``pada bulan November``, a standalone year) and of the translation, in the target's own forms
    (``March 9``, ``jeudi 16 mars``, ``2023年3月16日（木）``, ``الخميس 16 مارس``). Dates are counted: each source date needs its own
    rendering that carries its most specific field (a full date needs its day, so "akhir Maret 2027"
    or a correct date given twice elsewhere cannot vouch for a changed one). A source date left
    without a rendering is reported when the translation has a date no source date accounts for:
    the likely mistranslation, shown next to the source date.
    Relative days (``kemarin``) and times (``10.30 WIB``) are not compared; a date that is simply
    left out is an omission, not a wrong date.

    **Why is this bad.** A wrong date or weekday in news is a factual error readers cannot detect.

    **Example.** Source ``Kamis (16/3/2023)``; flagged: ``on Friday, March 16, 2023``;
    accepted: ``on Thursday, March 16, 2023`` or ``Thursday (16 March 2023)``.
    """

    code = "DATE001"
    name = "date-mismatch"
    category = "accuracy/mistranslation"
    severity = Severity.MAJOR
    fixes = "unsafe: writes the source's date in the target's form in place of the wrong one"

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        if over := over_limit(ctx):
            yield self.finding(f"Dates not compared: {', '.join(over)} (at most {MAX_NUMBERS:,} numbers per text "
                               "are read)", severity=Severity.NEUTRAL)
            return
        source = ctx.memo(("dates", "source"), lambda: parse_dates(ctx.source.content, ctx.source.lang))
        target = parse_dates(ctx.target.content, ctx.target.lang)
        src_len, tgt_len = len(ctx.source.content), len(ctx.target.content)

        def distance(s: DateMention, t: DateMention) -> float:
            return abs(_relative(tgt_len, t) - _relative(src_len, s))

        source_index = ctx.memo(("dates", "source index"), lambda: _FieldIndex(source))
        paired = _pair(source, target, [_relative(src_len, s) for s in source],
                       [_relative(tgt_len, t) for t in target])
        unmatched = [s for i, s in enumerate(source) if i not in paired]
        # The evidence of a mistranslation: target dates no source date could have produced (even when
        # one also stands for a coarser source date, a year or a month), and target dates left over once
        # every source date has its own rendering (a second "Sunday" where the source has one Minggu and
        # two Sabtu). A bare day number ("9日") is too weak to count as evidence on its own.
        used = set(paired.values())
        rendered: dict[tuple[Reading, bool], bool] = {}

        def renders_a_source_date(t: DateMention) -> bool:
            if (key := _key(t)) not in rendered:
                rendered[key] = any(renders(t, source[i]) for i in source_index.renderers(t))
            return rendered[key]

        evidence = [t for j, t in enumerate(target) if t.kind != "day"
                    and (j not in used or not renders_a_source_date(t))]
        # Pair each wrong target date with one source date: fewest differing fields, then nearest (of a
        # long list, among the NEAREST_DATES nearest: every pair of 2,000 wrong dates is 4 million).
        starts = [_relative(tgt_len, t) for t in evidence]  # ascending: text order
        pairs: list[tuple[int, float, int, int]] = []
        for i, s in enumerate(unmatched):
            near = range(len(evidence)) if len(evidence) <= NEAREST_DATES else \
                nearest(starts, _relative(src_len, s), NEAREST_DATES)
            pairs.extend((len(conflicts), distance(s, evidence[j]), i, j)
                         for j in near if (conflicts := _conflicts(s, evidence[j])))
        pairs.sort()
        used_s: set[int] = set()
        used_t: set[int] = set()
        for _, _, i, j in pairs:
            if i in used_s or j in used_t:
                continue
            used_s.add(i)
            used_t.add(j)
            s, t = unmatched[i], evidence[j]
            right = format_date(ctx.target.lang, s.day, s.month, s.year, s.weekday)
            yield self.finding(
                f"date differs from the source ({', '.join(_conflicts(s, t))}): "
                f"{_describe(s)!r} is rendered {_describe(t)!r}",
                source=s.span,
                target=t.span,
                suggestion=right or None,
                fix=_date_fix(t.span, right, False),
            )


def _date_fix(span: Span, right: str, safe: bool) -> Fix | None:
    """``right`` in place of the date written in ``span``: its spaces kept, a capital kept at its start."""
    words = span.text.strip()
    if not right or not words:
        return None
    if words[0].isupper() and right[0].islower():
        right = right[0].upper() + right[1:]
    start = span.start + len(span.text) - len(span.text.lstrip())
    return Fix.replace(Span(start, start + len(words), words), right, safe)


def _pair(
    source: list[DateMention], target: list[DateMention], spos: list[float], tpos: list[float]
) -> dict[int, int]:
    """Each source date with its own rendering (source index -> target index), as a multiset.

    A date the source gives twice needs two renderings, so a correct date elsewhere cannot vouch for a
    changed one. First every source date takes a target date that ``renders`` it; then a date still
    alone may take a leftover partial rendering ("on Thursday" for "Kamis (16/3/2023)": the date is
    left out, not changed). Candidates are tried most shared fields first, then fewest fields beyond
    the source's (a year takes a bare year before a full date), then nearest in relative position
    (``spos``, ``tpos``). Of more than ``NEAREST_DATES`` candidates (a chronology repeating one date),
    the nearest in position are tried.
    """
    index = _FieldIndex(target)
    skeys, tkeys = [_key(m) for m in source], [_key(m) for m in target]

    def rank(fits: Callable[[DateMention, DateMention], bool], candidates: Callable[[DateMention], set[int]],
             left: Iterable[int], free: set[int]) -> dict[int, list[int]]:
        options: dict[int, list[tuple[int, int, float, int]]] = {}
        pools: dict[tuple[Reading, bool], Pool] = {}
        ranks: dict[tuple[tuple[Reading, bool], tuple[Reading, bool]], tuple[int, int] | None] = {}

        def fit_rank(i: int, j: int) -> tuple[int, int] | None:
            """Fields shared (more first) and fields beyond the source's, if the pair fits: by key."""
            if (pair := (skeys[i], tkeys[j])) not in ranks:
                s, t = source[i], target[j]
                ranks[pair] = (-len(s.fields() & t.fields()), len(t.fields() - s.fields())) if fits(s, t) else None
            return ranks[pair]

        for i in left:
            if skeys[i] not in pools:
                pools[skeys[i]] = Pool(candidates(source[i]) & free, tpos)
            near = pools[skeys[i]].nearest(spos[i], NEAREST_DATES)
            options[i] = sorted((*r, abs(tpos[j] - spos[i]), j) for j in near if (r := fit_rank(i, j)) is not None)
        order = sorted(options, key=lambda i: (options[i][0][:3] if options[i] else (1, 5, 2.0), i))
        return {i: [o[-1] for o in options[i]] for i in order}

    paired = max_matching(rank(renders, index.renderers, range(len(source)), set(range(len(target)))))
    rest = [i for i in range(len(source)) if i not in paired]
    free = set(range(len(target))) - set(paired.values())
    paired.update(max_matching(rank(compatible, index.sharing, rest, free)))
    return paired


@register
class DateFormat(Rule):
    """A date is written in a form readers of the target language misread or find foreign.

    **What it does.** Flags numeric dates in an order the target's readers do not take for granted
    (``16/3/2023`` kept in English, where ``3/4/2023`` reads as March 4 to many readers; day-first
    ``16/3/2023`` in Chinese or Japanese, which write ``2023年3月16日``) and, in French, the first of
    the month written without its ordinal (``1 mars`` for ``1er mars``). Day/month/year stays
    acceptable where it is the native order (Indonesian, French, Arabic).

    **Why is this bad.** A date a reader can take for another date is a factual risk, and a date in
    a foreign convention marks the text as a careless translation.

    **Example.** English flagged: ``on Thursday (16/3/2023)``; accepted: ``on Thursday, March 16, 2023``
    or ``16 March 2023``. French flagged: ``le 1 mars``; accepted: ``le 1er mars``.
    """

    code = "DATE002"
    name = "date-format"
    category = "locale-conventions/date-format"
    severity = Severity.MINOR
    fixes = "safe: writes the date the target's way when its day and month are certain; unsafe when they are not"

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        loc = get_locale(ctx.target.lang)
        source = ctx.memo(("dates", "source"), lambda: parse_dates(ctx.source.content, ctx.source.lang))
        source_index = ctx.memo(("dates", "source index"), lambda: _FieldIndex(source))
        src_len, tgt_len = len(ctx.source.content), len(ctx.target.content)
        spos = [_relative(src_len, s) for s in source]
        pools: dict[tuple[Reading, bool], Pool] = {}
        for t in parse_dates(ctx.target.content, ctx.target.lang):
            if t.numeric and t.order[:2] not in {o[:2] for o in loc.numeric_date_orders}:
                # The first source date it may render gives the suggestion (of a long list, among the nearest).
                if (key := _key(t)) not in pools:
                    pools[key] = Pool(source_index.sharing(t), spos)
                near = pools[key].nearest(_relative(tgt_len, t), NEAREST_DATES)
                ref = next((source[i] for i in sorted(near) if compatible(source[i], t) and source[i].month), t)
                day, month = (ref.day, ref.month) if ref is not t or not t.ambiguous else (t.day, t.month)
                right = format_date(ctx.target.lang, day, month, t.year, t.weekday)
                yield self.finding(
                    f"numeric date {t.span.text.strip()!r} is not written the way {loc.name} readers "
                    "expect: spell the month out",
                    target=t.span,
                    suggestion=right or None,
                    fix=_date_fix(t.span, right, not t.ambiguous),
                )
            elif loc.first_day_suffix and t.day == 1 and not t.numeric and t.ordinal != loc.first_day_suffix:
                right = format_date(ctx.target.lang, t.day, t.month, t.year, t.weekday)
                yield self.finding(
                    f"the first of the month is written 1{loc.first_day_suffix} in {loc.name}",
                    target=t.span,
                    suggestion=right or None,
                    fix=_date_fix(t.span, right, True),
                )
