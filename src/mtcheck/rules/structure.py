"""Structure rules (STR001-STR006): omissions, additions, duplications, truncation, length, disclaimer.

STR001-STR005 read one analysis per version (``structure_analysis.py``), computed once (``ctx.memo``),
which also publishes the alignment for the HTML report (``alignment``, ``boilerplate`` and ``aligner`` in
``ctx.extra``). STR006 only asks which paragraphs are the disclaimer.
"""
from __future__ import annotations

from collections.abc import Iterable

from mtcheck.align.cascade import analysis_inputs
from mtcheck.align.structure import TRUNCATION_CRITICAL_SHARE, Analysis, analyse_texts
from mtcheck.facts.boilerplate import is_boilerplate
from mtcheck.model import Finding, Severity
from mtcheck.rules.base import Rule, VersionContext, register

__all__ = ["analyse"]


def analyse(ctx: VersionContext) -> Analysis:
    """The structure analysis of this version (memoised per article and language)."""
    analysis = ctx.memo(("structure", ctx.target.lang), lambda: analyse_texts(
        ctx.source, ctx.target, ctx.config, **analysis_inputs(ctx.source, ctx.target, ctx.config)))
    if analysis.aligner.get("method") != "skipped":  # a skipped alignment publishes none: the report pairs by position
        ctx.extra["alignment"] = [
            {"source": list(b.source), "target": list(b.target), "score": b.score} for b in analysis.beads
        ]
    ctx.extra["boilerplate"] = list(analysis.boilerplate)
    ctx.extra["aligner"] = dict(analysis.aligner)
    return analysis


class _AlignedRule(Rule):
    """A rule that reads the alignment (``analyse``), which embeds every paragraph when an encoder is set."""

    uses_encoder = True


@register
class Omission(_AlignedRule):
    """A source paragraph or sentence has no counterpart in the translation.

    **What it does.** Aligns source and translation paragraphs (and, inside a paragraph pair that is
    much shorter than the language pair's norm, their sentences) and reports each source passage left
    unmatched. A run of missing paragraphs at the very end is reported once as STR004 instead.

    **Why is this bad.** Readers of the translation silently miss part of the story.

    **Example.** Source: ``Harga naik. Pemerintah menolak berkomentar.`` — flagged: ``Prices rose.``
    (the second sentence is gone); accepted: ``Prices rose. The government declined to comment.``
    """

    code = "STR001"
    name = "omission"
    category = "accuracy/omission"
    severity = Severity.MAJOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        for gap in analyse(ctx).omissions:
            what = "sentence" if gap.sentences else "paragraph"
            yield self.finding(f"Source {what} has no counterpart in the translation", source=gap.source)


@register
class Addition(_AlignedRule):
    """A translation paragraph or sentence has no counterpart in the source.

    **What it does.** Reports translation passages the aligner could not match with any source passage:
    whole paragraphs, and sentences appended inside an otherwise faithful paragraph (looked for when a
    paragraph pair is much longer than the language pair's norm). The newsroom disclaimer and configured
    boilerplate are never additions; repeated passages are STR003.

    **Why is this bad.** Invented content is published under the newsroom's name.

    **Example.** Source: ``Harga naik.`` — flagged: ``Prices rose. Analysts expect a recession.``;
    accepted: ``Prices rose.``
    """

    code = "STR002"
    name = "addition"
    category = "accuracy/addition"
    severity = Severity.MAJOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        for gap in analyse(ctx).additions:
            what = "Sentence" if gap.sentences else "Paragraph"
            yield self.finding(f"{what} has no counterpart in the source", target=gap.target)


@register
class Duplication(_AlignedRule):
    """A paragraph or sentence of the translation repeats an earlier one the source does not repeat.

    **What it does.** Compares every translation paragraph (then sentence, at least 20 characters, 10 in
    Chinese and Japanese) with the earlier ones after normalising case, punctuation and spacing; a
    near-identical repeat (>= 90% similar) is reported unless the source repeats itself there (both
    copies translate source paragraphs that resemble each other).

    **Why is this bad.** Generation loops and copy-paste slips make the article look broken.

    **Example.** Flagged: ``Prices rose sharply.\\n\\nPrices rose sharply.`` for a source that says it
    once; accepted: the same paragraph once.
    """

    code = "STR003"
    name = "duplication"
    category = "accuracy/addition"
    severity = Severity.MAJOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        for first, repeat in analyse(ctx).duplicates:
            yield self.finding(f"Repeats an earlier passage (offset {first.start})", target=repeat)


@register
class Truncation(_AlignedRule):
    """The translation stops early: the last source paragraphs are all missing.

    **What it does.** When the alignment ends with two or more unmatched source paragraphs and the
    translation has nothing after its last aligned paragraph but boilerplate, reports the missing tail
    once (instead of one STR001 per paragraph). Severity: critical when the tail is at least 15% of the
    source's characters (the story is cut), major below.

    **Why is this bad.** A cut-off article hides its ending — often the quotes, the outcome or a
    correction — and is typically a generation or length-limit failure that affects the whole version.

    **Example.** Source of 10 paragraphs; flagged: a translation of the first 7 followed by the
    disclaimer; accepted: all 10 translated.
    """

    code = "STR004"
    name = "truncation"
    category = "accuracy/omission"
    severity = Severity.CRITICAL

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        analysis = analyse(ctx)
        if analysis.truncation is None:
            return
        share = analysis.truncation_share
        severity = self.severity if share >= TRUNCATION_CRITICAL_SHARE else Severity.MAJOR
        yield self.finding(
            f"Translation stops early: the last source paragraphs ({share:.0%} of the source) are missing",
            source=analysis.truncation,
            severity=severity,
        )


@register
class LengthRatio(_AlignedRule):
    """An aligned paragraph is far longer or shorter than translations into this language usually are.

    **What it does.** For aligned paragraph pairs with a source of at least 60 characters, compares the
    character-length ratio target/source with the norm measured on professional translations for the
    language pair (``data/length_norms.json``, ntrex-dev): flagged outside the 0.5-99.5 percentile range
    widened by 22%. Pairs where a missing or added sentence explains the length are left to STR001/2.

    **Why is this bad.** A paragraph half as long as usual often lost a clause; twice as long, it
    often gained an explanation or a hallucinated detail. A reviewer should look.

    **Example.** An English paragraph of 60 characters for a 400-character Indonesian one is flagged;
    one of 340 characters is accepted.
    """

    code = "STR005"
    name = "length-ratio"
    category = "accuracy/omission"
    severity = Severity.MINOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        for src, tgt, ratio in analyse(ctx).length_outliers:
            category = "accuracy/addition" if ratio > 1 else self.category
            yield self.finding(
                f"Paragraph length ratio {ratio:.2f} is outside the usual range for "
                f"{ctx.source.lang}->{ctx.target.lang}",
                source=src, target=tgt, category=category,
            )


@register
class MissingDisclaimer(Rule):
    """The translation lacks the newsroom's AI-translation disclaimer (only with require_disclaimer).

    **What it does.** When ``require_disclaimer`` is configured, reports a version none of whose
    paragraphs is the disclaimer (the shipped text in any language, loosely matched, or a configured
    boilerplate pattern).

    **Why is this bad.** Readers must be told that the version is machine-translated and that the
    Indonesian text prevails.

    **Example.** Flagged: a version ending with its last news paragraph; accepted: a version ending
    with ``The English, Chinese, ... versions are automatically generated by the AI. ...``.
    """

    code = "STR006"
    name = "missing-disclaimer"
    category = "accuracy/omission"
    severity = Severity.MAJOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        if not ctx.config.require_disclaimer:
            return
        # boilerplate alone, not the alignment: selected by itself this rule embeds nothing
        if not any(is_boilerplate(p.text, ctx.target.lang, ctx.config) for p in ctx.target.paragraphs):
            yield self.finding("The AI-translation disclaimer is missing from this version")
