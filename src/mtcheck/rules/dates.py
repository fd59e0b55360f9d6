"""Dates and weekdays: a translation must keep the source's calendar facts, written the target's way."""
from __future__ import annotations

from collections.abc import Iterable

from ..dates import DateMention, format_date, parse_dates
from ..locales import get_locale
from ..model import Finding, Severity
from .base import Rule, VersionContext, register

_FIELD_NAMES = ("day", "month", "year", "weekday")


def compatible(a: DateMention, b: DateMention) -> bool:
    """True when the two mentions share at least one calendar field and disagree on none."""
    for ra in a.readings():
        for rb in b.readings():
            pairs = [(x, y) for x, y in zip(ra, rb) if x is not None and y is not None]
            if pairs and all(x == y for x, y in pairs):
                return True
    return False


def satisfies(src: DateMention, tgt: DateMention) -> bool:
    """``tgt`` renders ``src``: compatible, and it carries the source's month (or, for a bare weekday,
    its weekday), so a standalone "2018" elsewhere does not vouch for "30 September 2018"."""
    if not compatible(src, tgt):
        return False
    if src.month is not None:
        return tgt.month is not None
    return src.weekday is None or tgt.weekday is not None


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


@register
class DateMismatch(Rule):
    """A day, month, year or weekday of the source reads differently in the translation.

    **What it does.** Reads every date of the source (``9 Maret 2023``, ``Kamis (16/3/2023)``, ``Sabtu``,
    ``pada bulan November``, a standalone year) and of the translation, in the target's own forms
    (``March 9``, ``jeudi 16 mars``, ``2023年3月16日（木）``, ``الخميس 16 مارس``). A source date with no
    agreeing date anywhere in the translation is reported when the translation has a date that
    disagrees with every source date: the likely mistranslation, shown next to the source date.
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

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        source = ctx.memo(("dates", "source"), lambda: parse_dates(ctx.source.content, ctx.source.lang))
        target = parse_dates(ctx.target.content, ctx.target.lang)
        # Target dates agreeing with no source date are the evidence of a mistranslation; a bare
        # day number ("9日") is too weak to count as evidence on its own.
        evidence = [t for t in target if t.kind != "day" and not any(compatible(t, s) for s in source)]
        src_len, tgt_len = len(ctx.source.content), len(ctx.target.content)
        unmatched = [s for s in source if not any(satisfies(s, t) for t in target)]
        # Pair each wrong target date with one source date: fewest differing fields, then nearest.
        pairs = sorted(
            (len(_conflicts(s, t)), abs(_relative(tgt_len, t) - _relative(src_len, s)), i, j)
            for i, s in enumerate(unmatched) for j, t in enumerate(evidence) if _conflicts(s, t)
        )
        used_s: set[int] = set()
        used_t: set[int] = set()
        for _, _, i, j in pairs:
            if i in used_s or j in used_t:
                continue
            used_s.add(i)
            used_t.add(j)
            s, t = unmatched[i], evidence[j]
            yield self.finding(
                f"date differs from the source ({', '.join(_conflicts(s, t))}): "
                f"{_describe(s)!r} is rendered {_describe(t)!r}",
                source=s.span,
                target=t.span,
                suggestion=format_date(ctx.target.lang, s.day, s.month, s.year, s.weekday) or None,
            )


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

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        loc = get_locale(ctx.target.lang)
        source = ctx.memo(("dates", "source"), lambda: parse_dates(ctx.source.content, ctx.source.lang))
        for t in parse_dates(ctx.target.content, ctx.target.lang):
            if t.numeric and t.order[:2] not in {o[:2] for o in loc.numeric_date_orders}:
                ref = next((s for s in source if compatible(s, t) and s.month), t)
                day, month = (ref.day, ref.month) if ref is not t or not t.ambiguous else (t.day, t.month)
                yield self.finding(
                    f"numeric date {t.span.text.strip()!r} is not written the way {loc.name} readers "
                    "expect: spell the month out",
                    target=t.span,
                    suggestion=format_date(ctx.target.lang, day, month, t.year, t.weekday) or None,
                )
            elif loc.first_day_suffix and t.day == 1 and not t.numeric and t.ordinal != loc.first_day_suffix:
                yield self.finding(
                    f"the first of the month is written 1{loc.first_day_suffix} in {loc.name}",
                    target=t.span,
                    suggestion=format_date(ctx.target.lang, t.day, t.month, t.year, t.weekday) or None,
                )
