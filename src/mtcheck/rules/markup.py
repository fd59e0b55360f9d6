"""Markup: inline codes of bilingual files (XLIFF) must survive translation intact."""
from __future__ import annotations

from collections.abc import Iterable

from mtcheck.facts.markup import MarkupText, Unit, balance_problems, parity_problems
from mtcheck.model import Finding, Severity, Span
from mtcheck.rules.base import Rule, VersionContext, register


def _span(text: MarkupText, unit: Unit) -> Span:
    return Span.of(text.content, unit.start, unit.end)


@register
class InlineTagMismatch(Rule):
    """An inline tag of the source unit is missing, added, or unbalanced in the translation.

    **What it does.** For bilingual XLIFF input, compares the inline codes of each translated unit
    (``<g>``, ``<x/>``, ``<bpt>``/``<ept>``, ``<ph>``; in XLIFF 2.0 ``<pc>``, ``<sc>``/``<ec>``, ``<ph/>``)
    with those of its source unit: every code must appear once, no new code may appear, and opening and
    closing codes must nest. Plain-text inputs have no inline codes and are never flagged.

    **Why is this bad?** The codes are the article's formatting and links (bold, a hyperlink, a line
    break). A lost closing code leaves the rest of the page bold or linked; a lost placeholder drops an
    image or a link; crossing codes produce HTML the CMS rejects when the translation is merged back.

    **Example.**
    Flagged (the bold code ``g id=2`` of the source is gone)::

        source: Baca <g id="1">laporan <g id="2">lengkap</g></g> di sini.
        target: Read the <g id="1">full report</g> here.

    Accepted (same codes, reordered as English needs, properly nested)::

        source: Baca <g id="1">laporan <g id="2">lengkap</g></g> di sini.
        target: Read the <g id="1"><g id="2">full</g> report</g> here.
    """

    code = "TAG001"
    name = "inline-tag-mismatch"
    category = "design-and-markup/markup"
    severity = Severity.MAJOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        source, target = ctx.source, ctx.target
        if not isinstance(source, MarkupText) or not isinstance(target, MarkupText):
            return
        source_units = {unit.id: unit for unit in source.units}
        for unit in target.units:
            origin = source_units.get(unit.id)
            problems = balance_problems(unit.tags)
            if origin is not None:
                problems += parity_problems(origin.tags, unit.tags)
            for problem in problems:
                yield self.finding(
                    f"Unit {unit.id}: {problem}.",
                    target=_span(target, unit),
                    source=_span(source, origin) if origin is not None else None,
                )
