"""The subtle errors inside aligned paragraphs: a sentence dropped (STR007), a name swapped (NAME003).

Both rules read the paragraph alignment of the structure analysis (``rules/structure.py``) and judge
each aligned pair on its own, then weigh the other versions as witnesses (``cross_check``): a
sentence or name one version lacks while the others render it is a stronger finding, one that most
versions lack points at the source or at the checker.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from mtcheck.align.aligner import Bead
from mtcheck.align.cascade import sentence_levels
from mtcheck.align.relative import Relative, relative_lengths
from mtcheck.align.sentences import SEM_SAID, PairAlignment, SentenceGap, align_pair, sentence_gaps
from mtcheck.facts.entities import find_names
from mtcheck.facts.renderings import swaps
from mtcheck.facts.substitution import Substitution, substitutions
from mtcheck.locales import get_locale
from mtcheck.model import Finding, Severity
from mtcheck.rules.base import CrossVersionRule, VersionContext, register
from mtcheck.rules.structure import analyse

WITNESSES = 3  # other versions that must render the sentence or name for a likely finding to become major
# Half the other versions (or more) miss it too: lowered to minor (the source or the checker is the likelier cause).


def _pairs(ctx: VersionContext) -> list[PairAlignment]:
    """The sentence alignment of every matched paragraph pair of this version, computed once."""

    def compute() -> list[PairAlignment]:
        analysis = analyse(ctx)
        aligned = (align_pair(ctx.source, ctx.target, b, ctx.config, analysis.norm, lambda: _calibration(ctx),
                              budget=analysis.may_embed, relative=_relative(ctx, b)) for b in analysis.beads if b.matched)
        return [p for p in aligned if p is not None]

    return ctx.memo(("subtle.pairs", ctx.target.lang), compute)


def _relative(ctx: VersionContext, bead: Bead) -> Relative | None:
    """A pair's length against the article's other versions of its source paragraphs (``align.relative``), None
    for a version not paired on the diagonal."""
    lengths = relative_lengths(ctx.source, list(ctx.article.targets.values()), tuple(ctx.config.boilerplate))
    return lengths.relative(ctx.target.lang, bead.source, bead.target)


def _calibration(ctx: VersionContext) -> tuple[float, float] | None:
    """The cosine levels this version's sentence scores are read against: the analysis's, else (a version the
    cascade settled) the language pair's measured ones; asked for only when sentences are to be embedded."""
    return ctx.memo(("subtle.levels", ctx.target.lang), lambda: analyse(ctx).calibration
                    or sentence_levels(ctx.source.lang, ctx.target.lang, ctx.config))


def _sentence_candidates(ctx: VersionContext) -> list[SentenceGap]:
    """Every weighed sentence of this version (any verdict), computed once; STR001's own are left out."""

    def compute() -> list[SentenceGap]:
        analysis = analyse(ctx)
        reported = [g.source for g in analysis.omissions if g.source is not None]
        if analysis.truncation is not None:
            reported.append(analysis.truncation)
        return [gap for pair in _pairs(ctx) for gap in sentence_gaps(pair, ctx.source, ctx.target, analysis.norm)
                if not any(r.start < gap.source.end and gap.source.start < r.end for r in reported)]

    return ctx.memo(("subtle.sentences", ctx.target.lang), compute)


def _reweigh(finding: Finding, rendered: int, doubting: int, others: int) -> Finding:
    """Lowered when half the other versions (or more) doubt the passage too; a minor finding raised to
    major when WITNESSES other versions render it confidently."""
    if doubting and 2 * doubting >= others:
        return replace(finding, severity=Severity.MINOR,
                       message=f"{finding.message} (also doubted in {doubting} other versions: check the source)")
    if finding.severity == Severity.MINOR and rendered >= WITNESSES:
        return replace(finding, severity=Severity.MAJOR,
                       message=f"{finding.message}; {rendered} other versions render it")
    return finding


class _Witnessed(CrossVersionRule):
    """A per-version rule whose findings the other versions confirm (``_vouches``) or lower (``_doubts``)."""

    uses_encoder = True

    def _doubts(self, ctx: VersionContext) -> set[tuple[int, int]]:
        raise NotImplementedError

    def _vouches(self, ctx: VersionContext, passage: tuple[int, int]) -> bool:
        return False

    def _promotable(self, ctx: VersionContext, passage: tuple[int, int]) -> bool:
        """Whether this version's own evidence is strong enough for witnesses to make a finding major."""
        return False

    def cross_check(
        self, contexts: dict[str, VersionContext], findings: dict[str, list[Finding]]
    ) -> dict[str, list[Finding]]:
        doubted = {lang: self._doubts(ctx) for lang, ctx in contexts.items()}
        revised: dict[str, list[Finding]] = {}
        for lang, found in findings.items():
            out = []
            for f in found:
                if f.rule == self.code and f.source is not None and lang in contexts:
                    key = (f.source.start, f.source.end)
                    others = [other for other in contexts if other != lang]
                    doubting = sum(1 for other in others if key in doubted[other])
                    promotable = self._promotable(contexts[lang], key)
                    rendered = sum(1 for other in others if promotable and self._vouches(contexts[other], key))
                    f = _reweigh(f, rendered, doubting, len(others))
                out.append(f)
            revised[lang] = out
        return revised


@register
class SentenceOmission(_Witnessed):
    """A sentence of an aligned paragraph is not rendered in the translation.

    **What it does.** Inside every aligned paragraph pair whose source has two or more sentences,
    aligns the sentences (monotonic, splits and merges allowed; the encoder's sentence vectors when one
    is set) and weighs each source sentence left out: the pair too short with it and normal without
    it, no target sentence that means it (encoder), joining it to a neighbour's sentence not bringing
    that closer to its translation (so not a merge), its numbers or names absent from the target
    paragraph (numbers by value in every script: 8万 is 80.000, when the paragraph writes the pair's
    other numbers), the pair's length against the article's other versions of the paragraph (each
    relative to its own version's median ratio): a version short against the others, and in line
    without the sentence, lacks it even inside the language pair's norm; and a sentence fewer than
    the source while the other versions keep every one. Major with strong evidence,
    minor with weaker evidence; a minor finding whose sentence
    no target sentence means becomes major when three other versions render it clearly (encoder);
    lowered to minor when half the other versions miss it too. Sentences STR001
    already reports are left to it.

    **Why is this bad.** Modern MT drops one sentence of a long paragraph without a trace; the
    paragraph still reads well, and the reader misses a fact or a quote.

    **Example.** Source ``Harga beras naik 20 persen. Pemerintah menyalahkan cuaca. Petani
    menolak.`` — flagged: ``Rice prices rose 20 percent. Farmers refused.`` (the second sentence is
    gone); accepted: ``Rice prices rose 20 percent, which the government blamed on the weather.
    Farmers refused.`` (two sentences merged).
    """

    code = "STR007"
    name = "sentence-omission"
    category = "accuracy/omission"
    severity = Severity.MAJOR

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        for gap in _sentence_candidates(ctx):
            verdict = gap.verdict
            if not verdict:
                continue
            why = _evidence(gap)
            yield self.finding(
                f"Source sentence is not rendered in the aligned paragraph ({why})",
                source=gap.source, target=gap.target,
                severity=Severity.MAJOR if verdict == "missing" else Severity.MINOR,
            )

    def _promotable(self, ctx: VersionContext, passage: tuple[int, int]) -> bool:
        return any((g.source.start, g.source.end) == passage and g.verdict == "likely" for g in _sentence_candidates(ctx))

    def _doubts(self, ctx: VersionContext) -> set[tuple[int, int]]:
        return {(g.source.start, g.source.end) for g in _sentence_candidates(ctx) if g.verdict}

    def _vouches(self, ctx: VersionContext, passage: tuple[int, int]) -> bool:
        """With an encoder: a target sentence of this version clearly means the source sentence. A pair the
        cascade did not embed is embedded now (asked only for a finding the witnesses could make major)."""
        for pair in _pairs(ctx):
            if not any((s.start, s.end) == passage for s in pair.source):
                continue
            if pair.scorer.sim is None:
                analysis = analyse(ctx)
                pair = align_pair(ctx.source, ctx.target, pair.bead, ctx.config, analysis.norm,
                                  lambda: _calibration(ctx), embed=True, budget=analysis.may_embed) or pair
            score = pair.best_semantic(*passage)
            return score is not None and score >= SEM_SAID
        return False


def _evidence(gap: SentenceGap) -> str:
    parts = [f"paragraph length z {gap.z_full:.1f}, {gap.z_rest:.1f} without it"]
    if gap.cross_fits and gap.cross is not None and gap.cross_rest is not None:
        parts.append(f"against the other versions z {gap.cross:.1f}, {gap.cross_rest:.1f} without it")
    if gap.semantic is not None:
        parts.append(f"best sentence match {gap.semantic:.2f}")
    if gap.lost or gap.numbers_lost:
        parts.append("missing here: " + ", ".join(sorted(_anchor(a) for a in gap.lost | gap.numbers_lost)[:4]))
    return "; ".join(parts)


def _anchor(anchor: str) -> str:
    """An anchor as an editor reads it: 3e+12 -> 3,000,000,000,000, 2027 -> 2027, "q" -> a quotation."""
    kind, _, value = anchor.partition(":")
    if kind == "n":
        try:
            number = float(value)
        except ValueError:
            return value
        if not number.is_integer():
            return value
        return f"{number:,.0f}" if abs(number) >= 10_000 else f"{number:.0f}"  # a year stays 2027
    return value or "a quotation"


def _name_candidates(ctx: VersionContext) -> list[Substitution]:
    def compute() -> list[Substitution]:
        return substitutions(ctx.source, ctx.target, [span for p in _pairs(ctx) for span in p.sentence_pairs()])

    return ctx.memo(("subtle.names", ctx.target.lang), compute)


@register
class NameSubstitution(_Witnessed):
    """A name of a source sentence is rendered as another name of the same article.

    **What it does.** For every aligned pair of sentences (inside aligned paragraphs), compares the
    names of the source sentence with the target sentence: a source name whose last word the target
    sentence lacks (although the version writes that name elsewhere, and not spelt the target's way
    there), where the target sentence instead names someone the source sentence does not but the
    article does elsewhere, is reported as "X rendered as Y" with X as the suggestion (Latin-script
    versions). Chinese, Japanese and Arabic versions transliterate names: there the version's own
    rendering of each name is learnt from the other sentences naming it (three sentences or more), and
    a sentence that lacks it but writes the rendering of another name of the article is reported when
    every English and French version names the source's person in that sentence (see docs/subtle.md).
    Lowered to minor when half the other versions also lack the name.

    **Why is this bad.** Attributing a quote or an act to the wrong person is among the most
    damaging errors a news translation can make, and it reads perfectly fluently.

    **Example.** Source ``Prabowo mengkritik rencana itu.`` in an article that also names Anies —
    flagged: ``Anies criticised the plan.``; accepted: ``Prabowo criticised the plan.``, and in Chinese
    ``阿尼斯批评了这项计划。`` is flagged where the version writes Prabowo 普拉博沃 elsewhere.
    """

    code = "NAME003"
    name = "name-substitution"
    category = "accuracy/mistranslation"
    severity = Severity.MAJOR
    uses_encoder = False  # it reads the sentence alignment, whose embeddings are STR007's question

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        for sub in _name_candidates(ctx):
            yield self.finding(
                f"{sub.suggestion!r} rendered as {sub.target.text!r}",
                source=sub.source, target=sub.target, suggestion=sub.suggestion,
            )

    def _doubts(self, ctx: VersionContext) -> set[tuple[int, int]]:
        return {(s.source.start, s.source.end) for s in _name_candidates(ctx)}

    def cross_check(
        self, contexts: dict[str, VersionContext], findings: dict[str, list[Finding]]
    ) -> dict[str, list[Finding]]:
        """The per-version findings weighed by the other versions, and the swaps of the Chinese, Japanese and
        Arabic versions (``facts.renderings``) that every Latin-script version witnesses."""
        revised = super().cross_check(contexts, findings)
        latin = {lang: ctx for lang, ctx in contexts.items() if get_locale(lang).script == "latin"}
        for lang, ctx in contexts.items():
            if lang in latin or not latin or lang not in revised:
                continue
            names = [n for n in find_names(ctx.source.content, ctx.source.lang) if n.kind == "name"]
            spans = [(span, p.paragraphs) for p in _pairs(ctx) for span in p.sentence_pairs()]
            for swap in swaps(ctx.source, ctx.target, names, [s for s, _ in spans], [p for _, p in spans]):
                witnesses = [w for w, other in latin.items() if _renders(other, swap.source.start, swap.name.parts[-1])]
                if len(witnesses) < len(latin):
                    continue
                revised[lang] = [*revised[lang], self.finding(
                    f"{swap.name.text!r} rendered as {swap.target.text!r}, the version's rendering of "
                    f"{swap.other.text!r} (it writes {swap.name.text!r} as {swap.rendering!r} elsewhere; "
                    f"{', '.join(sorted(witnesses))} name {swap.name.text!r} here)",
                    source=swap.source, target=swap.target, suggestion=swap.rendering,
                )]
        return revised


def _renders(ctx: VersionContext, at: int, part: str) -> bool:
    """Whether this (Latin-script) version's sentence aligned with the source sentence holding offset ``at``
    writes the name part as the source does."""
    for pair in _pairs(ctx):
        for (a, b), (c, d) in pair.sentence_pairs():
            if a <= at < b:
                return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", ctx.target.content[c:d]) is not None
    return False


__all__ = ["NameSubstitution", "SentenceOmission"]
