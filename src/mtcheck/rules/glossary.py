"""Terminology: source terms of the termbase must appear in one of their approved translations."""
from __future__ import annotations

from collections.abc import Iterable

from mtcheck.facts.glossary import (
    Entry,
    Glossary,
    TermHit,
    find_source_terms,
    find_target_terms,
    load_glossary,
)
from mtcheck.locales import get_locale
from mtcheck.model import Finding, Fix, Severity, Span
from mtcheck.rules.base import Rule, VersionContext, register
from mtcheck.text.scan import Spans


def source_terms(ctx: VersionContext) -> tuple[Glossary, list[TermHit]]:
    """The glossary and its terms in the source (the glossary read and the source searched once per article)."""
    glossary: Glossary = ctx.memo(("glossary", ctx.config.glossary),
                                  lambda: load_glossary(ctx.config.glossary, ctx.source.lang))
    hits: list[TermHit] = ctx.memo(("glossary-source", ctx.config.glossary),
                                   lambda: find_source_terms(ctx.source.content, glossary, ctx.source.lang))
    return glossary, hits


def _paragraph_of(offset: int, bounds: list[tuple[int, int]]) -> int | None:
    return next((i for i, (s, e) in enumerate(bounds) if s <= offset < e), None)


@register
class TermMismatch(Rule):
    """A glossary term of the source appears in none of its approved translations.

    **What it does.** Finds the termbase's source terms (the shipped newsroom glossary of countries,
    capitals, institutions and currencies, plus ``Config.glossary``) as whole words in the source,
    and checks that the translation contains at least one approved variant of each, anywhere in the
    text (inflected forms count: ``américaines``, ``الأمريكية``). When paragraphs line up one to one,
    a glossary term of another concept in the paragraph that should hold the missing one is shown as
    the likely wrong rendering.

    **Why is this bad.** Newsroom names must be rendered consistently (``Tiongkok`` is ``China``, not
    ``Taiwan``; ``PBB`` is ``UN``): a wrong or unapproved name misleads readers and breaks search.

    **Example.** Source ``Uni Eropa menjatuhkan sanksi``; flagged: ``The European Commission imposed
    sanctions``; accepted: ``The European Union imposed sanctions`` or ``The EU imposed sanctions``.
    """

    code = "TERM001"
    name = "term-mismatch"
    category = "terminology/wrong-term"
    severity = Severity.MINOR
    fixes = "unsafe: puts the first approved term in place of the likely wrong rendering, when one is found"

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        glossary, hits = source_terms(ctx)
        lang = ctx.target.lang
        first: dict[Entry, TermHit] = {}
        for hit in hits:
            first.setdefault(hit.entry, hit)
        for entry, hit in first.items():
            approved = entry.get(lang)
            if not approved or find_target_terms(ctx.target.content, approved, lang):
                continue
            target = self._likely_rendering(ctx, glossary, hits, hit)
            yield self.finding(
                f"{hit.span.text!r} should be translated as {' / '.join(approved[:4])}",
                source=hit.span,
                target=target,
                suggestion=approved[0],
                fix=Fix.replace(target, approved[0], False) if target else None,
            )

    @staticmethod
    def _likely_rendering(ctx: VersionContext, glossary: Glossary, hits: list[TermHit], missing: TermHit) -> Span | None:
        """In the aligned target paragraph, a glossary term whose concept is not in the source paragraph."""
        src_pars, tgt_pars = ctx.source.paragraphs, ctx.target.paragraphs
        if len(src_pars) != len(tgt_pars):
            return None
        i = _paragraph_of(missing.span.start, [(p.start, p.end) for p in src_pars])
        if i is None:
            return None
        here = {h.entry for h in hits if src_pars[i].start <= h.span.start < src_pars[i].end}
        par = tgt_pars[i]
        lang = ctx.target.lang
        latin = get_locale(lang).script == "latin"  # a prefix match is not a rendering there
        # Target text rendering a concept of this source paragraph is accounted for (capitals and
        # their countries share variants: "Moscou" renders Rusia too).
        # (Spans: a term recurring thousands of times made comparing each rendering with each quadratic.)
        covered = Spans((span.start, span.end)
                        for e in here for _, span in find_target_terms(par.text, e.get(lang), lang))
        for entry in glossary.entries:
            if entry in here:
                continue
            for _, span in find_target_terms(par.text, entry.get(lang), lang):
                inside_word = latin and par.text[span.end:span.end + 1].isalpha()
                if len(span.text) > 1 and not inside_word and not covered.touches(span.start, span.end):
                    return Span.of(ctx.target.content, par.start + span.start, par.start + span.end)
        return None
