"""Number rules: every source quantity keeps its value, written the target locale's way.

The three rules are views of one pairing of source and target quantities (``number_match.compare``),
computed once per version and shared through ``ctx.memo``.
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from mtcheck.facts import units
from mtcheck.facts.number_match import NumberComparison, compare
from mtcheck.facts.numbers import (
    MAX_NUMBERS,
    Quantity,
    digit_quantities,
    format_number,
    number_count,
    word_quantities,
)
from mtcheck.locales import get_locale
from mtcheck.model import Finding, Fix, Severity, Span, Text
from mtcheck.rules.base import Rule, VersionContext, register


def _source_quantities(ctx: VersionContext) -> list[Quantity]:
    src = ctx.source
    return ctx.memo(("numbers", "source"), lambda: list(digit_quantities(src.content, src.lang, True)))


def _source_words(ctx: VersionContext) -> list[Quantity]:
    src = ctx.source
    return ctx.memo(
        ("numbers", "source-words"), lambda: word_quantities(src.content, src.lang, _source_quantities(ctx))
    )


def comparison(ctx: VersionContext) -> NumberComparison:
    """The pairing for this version (memoised per language)."""
    lang = ctx.target.lang

    def compute() -> NumberComparison:
        content = ctx.target.content
        if over_limit(ctx):  # one side not read: no pairing (NUM002 says why), not every number extra
            return NumberComparison()
        targets = list(digit_quantities(content, lang))
        return compare(
            ctx.source, _source_quantities(ctx), ctx.target, targets,
            source_words=lambda: _source_words(ctx), target_words=lambda: word_quantities(content, lang, targets),
        )

    return ctx.memo(("numbers", lang), compute)


def over_limit(ctx: VersionContext) -> list[str]:
    """The texts of this version with more numbers than are read (``MAX_NUMBERS``: no number nor date of
    them is read), described."""
    counts = ((text.lang, number_count(text.content)) for text in (ctx.source, ctx.target))
    return [f"{n:,} in the {lang} text" for lang, n in counts if n > MAX_NUMBERS]


def _span(text: Text, q: Quantity, number_only: bool = False) -> Span:
    if number_only:
        return Span.of(text.content, q.num_start, q.num_end)
    return Span.of(text.content, q.start, q.end)


def _with_unit(text: Text, q: Quantity) -> str:
    """A quantity with its unit word: "60 mil"."""
    return text.content[q.start:max(q.end, q.unit_end)]


def _decimal(value: float) -> Decimal:
    """A float as the short decimal it stands for (2.1e12, not 2099999999999.9998)."""
    return Decimal(f"{value:.12g}")


def _show(value: float, lang: str) -> str:
    """A value as this locale writes it (for messages)."""
    return format_number(_decimal(value), lang)


def _token_value(number: Decimal | None, lang: str) -> str:
    return "?" if number is None else format_number(number, lang)


@register
class NumberFormat(Rule):
    """A number is written with separators that are wrong for the target language.

    What it does: finds target numbers whose value matches a source quantity only when read with
    another language's separators (English "80.000" for Indonesian 80.000 = eighty thousand), or whose
    value is right but whose separators are not the locale's (French "80.000" instead of "80 000").
    Major when a reader of the target language would get a different value, minor otherwise. A
    character that only looks like a scale word ("1憶" for 1億) is reported too (major): the reader
    cannot read the number.

    Why is this bad: "80.000" reads as eighty in English, Chinese and Japanese; "45,000" reads as
    forty-five in French. The reader gets a number a thousand times off.

    Example: source "sebanyak 80.000 orang"; flagged: en "80.000 people" (suggestion "80,000"),
    fr "45,000 personnes" for 45.000 (suggestion "45 000"); accepted: en "80,000 people",
    fr "80 000 personnes", zh "8万人", ja "8万人", ar "80 ألف شخص".
    """

    code = "NUM001"
    name = "number-format"
    category = "locale-conventions/number-format"
    severity = Severity.MAJOR
    fixes = "safe: rewrites the number with the locale's separators when its digits stay the same; unsafe otherwise"

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        lang = ctx.target.lang
        name = get_locale(lang).name
        for issue in comparison(ctx).misformatted:
            s, t = issue.source, issue.target
            right = format_number(_decimal(issue.intended) / _decimal(t.scale), lang)
            if issue.changes_value:
                message = (
                    f'"{t.token}" reads as {_token_value(t.number, lang)} in {name}; '
                    f"the source says {_show(s.value, lang)} ({s.text})"
                )
            else:
                message = f'"{t.token}" is not written the {name} way; the source says {s.text}, write {right}'
            target = _span(ctx.target, t, True)
            same_digits = [c for c in target.text if c.isdigit()] == [c for c in right if c.isdigit()]
            yield self.finding(
                message, source=_span(ctx.source, s), target=target, suggestion=right,
                severity=Severity.MAJOR if issue.changes_value else Severity.MINOR,
                fix=Fix.replace(target, right, same_digits),
            )
        comparison_ = comparison(ctx)
        paired = [*comparison_.matched, *comparison_.converted, *(
            (issue.source, issue.target) for issue in comparison_.misformatted)]
        for t in sorted({id(t): t for _, t in paired if t.lookalike}.values(), key=lambda q: q.start):
            assert t.lookalike is not None
            meant = get_locale(lang).scale_lookalikes[t.lookalike]
            yield self.finding(
                f'"{t.text}" cannot be read: {t.lookalike} is no number word ({meant} was probably meant)',
                target=_span(ctx.target, t), suggestion=t.text.replace(t.lookalike, meant),
                severity=Severity.MAJOR,
            )


@register
class NumberValue(Rule):
    """A source quantity has no equal value in the translation.

    What it does: reads every quantity of the source and of the translation as a value with each
    language's conventions (separators, scale words such as juta/million/万/مليون, percent and currency
    words) and reports each source quantity no target quantity equals, pointing at the nearest
    unpaired target number when there is one. Years, times, dates and ordinals are not compared; small
    numbers (0-10) are reported only when a different number stands in their place, because
    translations often write them as words. Units are compared as physical quantities (60 mil = 97 km
    is accepted within rounding; a wrong conversion names both quantities), ranks as ranks ("ke-44" =
    "44th" = "第44"), phone numbers by their digit groups in any order. A target number is taken as the
    wrong rendering only when it may be the same quantity written wrong (same digits at another scale,
    or at most two digits changed, or a wrong conversion); a source quantity with no such counterpart is
    reported at the source as minor: it may be written as words or as an idiom ("100 persen yakin" as
    "absolutely sure").

    Why is this bad: a wrong figure in a news story is a factual error ("Rp2,1 triliun" is 2.1
    trillion, not 2.1 billion).

    Example: source "Rp2,1 triliun"; flagged: en "Rp2.1 billion"; accepted: en "Rp2.1 trillion",
    fr "2 100 milliards de roupies", zh "2.1万亿印尼盾", ja "2兆1000億ルピア".
    """

    code = "NUM002"
    name = "number-value"
    category = "accuracy/mistranslation"
    severity = Severity.MAJOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        lang = ctx.target.lang
        name = get_locale(lang).name
        if over := over_limit(ctx):
            yield self.finding(f"Numbers not compared: {', '.join(over)} (at most {MAX_NUMBERS:,} per text are read)",
                               severity=Severity.NEUTRAL)
            return
        for s, t in comparison(ctx).missing:
            expected = _show(s.value, lang) if not s.phone else s.text
            if t is None:
                message = f"The source's {s.text} ({expected}) has no counterpart in the {name} version"
            elif s.phone:
                message = f'The phone number "{t.text}" is not the source\'s {s.text}'
            elif s.unit and t.unit and units.dimension(s.unit) == units.dimension(t.unit) and s.unit != t.unit:
                converted = units.describe(units.convert(s.value, s.unit, t.unit), t.unit)
                written, said = _with_unit(ctx.target, t), _with_unit(ctx.source, s)
                message = f'"{written}" is not the source\'s {said} (= {converted}): a wrong conversion'
            else:
                message = f'"{t.text}" is {_show(t.value, lang)}; the source says {expected} ({s.text})'
            yield self.finding(
                message, source=_span(ctx.source, s), target=_span(ctx.target, t) if t else None,
                severity=Severity.MAJOR if t is not None else Severity.MINOR,
            )


@register
class NumberExtra(Rule):
    """A number in the translation has no counterpart in the source.

    What it does: reports target quantities that no source quantity accounts for (after pairing by
    value). Bare years, numbers written as words and small numbers (0-10) are never reported.

    Why is this bad: an added figure is unsupported by the source; it may be invented or a conversion
    the editor did not ask for.

    Example: source "harga naik 5 persen"; flagged: en "prices rose 5% to $300"; accepted:
    en "prices rose 5%", en "prices rose five percent".
    """

    code = "NUM003"
    name = "number-extra"
    category = "accuracy/addition"
    severity = Severity.MINOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        name = get_locale(ctx.target.lang).name
        for t in comparison(ctx).extra:
            yield self.finding(
                f'"{t.text}" in the {name} version has no counterpart in the source',
                target=_span(ctx.target, t),
            )
