"""Recognising boilerplate: the newsroom's AI-translation disclaimer and configured patterns.

Every translated version ends with a disclaimer the source does not have. It must be excluded from
alignment and never reported as an addition or as untranslated text, yet editors retype it, change
quotes or spacing, or shorten it a little — so it is matched loosely: after normalisation (NFKC, case,
punctuation, whitespace) a paragraph is boilerplate if it is close to a known disclaimer in *any*
language (a version may carry the English one), or matches a ``Config.boilerplate`` regex.
"""
from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Any

from .caching import text_cache
from .config import Config

MIN_SIMILARITY = 0.8  # difflib ratio against a normalised disclaimer; retyped copies score > 0.9
MIN_PART = 0.25  # a fragment shorter than this share of the disclaimer is not recognised
SYSTEM_NAME = "digitalsiber id"  # normalised form of the system name every disclaimer ends with
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Case-, width-, punctuation- and whitespace-insensitive form used for loose matching."""
    return _NOISE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@lru_cache(maxsize=1)
def disclaimers() -> dict[str, str]:
    """The shipped disclaimer texts, by language code."""
    data = json.loads(resources.files("mtcheck").joinpath("data/boilerplate.json").read_text("utf-8"))
    return dict(data["disclaimer"])


@lru_cache(maxsize=1)
def _normalised_disclaimers() -> tuple[str, ...]:
    return tuple(normalise(t) for t in disclaimers().values())


@lru_cache(maxsize=64)
def _patterns(extra: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in extra)


@lru_cache(maxsize=1)
def _known() -> tuple[tuple[str, dict[str, int]], ...]:
    """Each normalised disclaimer with its per-character position bit masks."""
    out = []
    for known in _normalised_disclaimers():
        masks: dict[str, int] = {}
        for i, ch in enumerate(known):
            masks[ch] = masks.get(ch, 0) | (1 << i)
        out.append((known, masks))
    return tuple(out)


class _Alphabet(dict[int, str]):
    """``str.translate`` table: each character of the disclaimers to its index, every other one dropped."""

    def __missing__(self, code: int) -> str:
        self[code] = ""
        return ""


@lru_cache(maxsize=1)
def _known_counts() -> tuple[_Alphabet, Any]:
    """The disclaimers' alphabet, and a matrix of their character counts (a row per disclaimer)."""
    import numpy as np

    letters = sorted({ch for known, _ in _known() for ch in known})
    alphabet = _Alphabet({ord(ch): chr(i) for i, ch in enumerate(letters)})
    counts = np.array([[known.count(ch) for ch in letters] for known, _ in _known()])
    return alphabet, counts


def _shared_characters(norm: str) -> list[int]:
    """Per disclaimer, the characters ``norm`` shares with it as multisets (what ``quick_ratio`` counts)."""
    import numpy as np

    alphabet, counts = _known_counts()
    codes = np.frombuffer(norm.translate(alphabet).encode("utf-32-le"), dtype=np.uint32)
    mine = np.bincount(codes, minlength=counts.shape[1])
    return np.minimum(counts, mine).sum(axis=1).tolist()  # type: ignore[no-any-return]


def _lcs_length(text: str, masks: dict[str, int], size: int, need: float = 0.0) -> int:
    """Length of the longest common subsequence of ``text`` and the string behind ``masks``, or an
    upper bound of it below ``need - 1`` as soon as the LCS certainly cannot reach ``need``.

    Bit-parallel (Allison-Dix / Hyyro): one big-int step per character of ``text``. Whatever difflib's
    matching blocks find is a common subsequence, so this bounds ``ratio()`` and the block sum from
    above and lets ``is_disclaimer`` skip SequenceMatcher (its cost) whenever the bound already fails.
    After ``t`` characters the LCS can grow by at most the characters left, which stops most texts
    that are not the disclaimer half-way.
    """
    full = (1 << size) - 1
    v = full
    left = len(text)
    for t, ch in enumerate(text, 1):
        mask = masks.get(ch)
        if mask:  # a character absent from the other string leaves the state unchanged
            u = v & mask
            v = ((v + u) | (v - u)) & full
        if not t % 16 and (bound := size - v.bit_count() + left - t) < need - 1:
            return bound
    return size - v.bit_count()


@text_cache(8192)
def is_disclaimer(text: str) -> bool:
    """True if ``text`` is (a lightly edited copy of) the shipped disclaimer in any language.

    Every paragraph of every version is asked (by several rules), so cheap exact upper bounds come
    first: shared characters (multiset) and the longest common subsequence bound both difflib tests,
    and SequenceMatcher runs only when neither bound rules the match out. Results are identical.
    """
    norm = normalise(text)
    if not norm:
        return False
    shared_by_known: list[int] | None = None
    for k, (known, masks) in enumerate(_known()):
        share = len(norm) / len(known)
        if not MIN_PART <= share <= 1.6:
            continue
        if SYSTEM_NAME in norm:  # the system name anchors the match
            return True
        total = len(norm) + len(known)
        # What quick_ratio() counts; only characters of both strings contribute (other scripts: none).
        shared_by_known = shared_by_known if shared_by_known is not None else _shared_characters(norm)
        shared = shared_by_known[k]
        may_ratio = share >= 0.6 and 2.0 * shared / total >= MIN_SIMILARITY
        may_part = share <= 1.0 and shared >= MIN_SIMILARITY * len(norm)
        if not (may_ratio or may_part):
            continue
        need = min(MIN_SIMILARITY * total / 2 if may_ratio else total, MIN_SIMILARITY * len(norm) if may_part else total)
        lcs = _lcs_length(norm, masks, len(known), need)  # >= every matching-block sum
        may_ratio = may_ratio and 2.0 * lcs / total >= MIN_SIMILARITY
        may_part = may_part and lcs >= MIN_SIMILARITY * len(norm)
        if not (may_ratio or may_part):
            continue
        matcher = SequenceMatcher(None, norm, known, autojunk=False)
        if may_ratio and matcher.ratio() >= MIN_SIMILARITY:
            return True
        # A disclaimer split over two paragraphs: most of this one occurs, in order, inside it.
        if may_part and sum(b.size for b in matcher.get_matching_blocks()) >= MIN_SIMILARITY * len(norm):
            return True
    return False


def is_boilerplate(text: str, lang: str, config: Config | None = None) -> bool:
    """True if the paragraph is the disclaimer (any language) or matches a configured pattern.

    ``lang`` is accepted for API symmetry with the other per-language helpers; matching is deliberately
    language-blind because a version can carry another language's disclaimer.
    """
    del lang
    extra = config.boilerplate if config else ()
    if any(p.search(text) for p in _patterns(tuple(extra))):
        return True
    return is_disclaimer(text)


def boilerplate_indices(paragraphs: list[str], lang: str, config: Config | None = None) -> list[int]:
    """Indices of the boilerplate paragraphs among ``paragraphs``."""
    return [i for i, p in enumerate(paragraphs) if is_boilerplate(p, lang, config)]
