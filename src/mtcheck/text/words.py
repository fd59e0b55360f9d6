"""Language-independent text helpers: word counts, character classes, string similarity."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from mtcheck.locales import get_locale

_WORD = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")

CJK_CHARS_PER_WORD = 1.5  # ~1.5 Chinese/Japanese characters per English-equivalent word


def count_words(text: str, lang: str) -> int:
    """Words for MQM normalisation; in CJK text each run of ideographs/kana counts chars / 1.5."""
    if get_locale(lang).cjk:
        cjk = len(_CJK_CHAR.findall(text))
        rest = _CJK_CHAR.sub(" ", text)
        return round(cjk / CJK_CHARS_PER_WORD) + len(_WORD.findall(rest))
    return len(_WORD.findall(text))


_VISIBLE = re.compile(r"\S")


def next_visible(text: str, start: int) -> str:
    """The first non-space character at or after ``start`` ("" if none): ``text[start:].lstrip()[:1]``
    without copying the rest of the text (asked at every mark of a paragraph, a copy each was quadratic)."""
    found = _VISIBLE.search(text, start)
    return found.group() if found else ""


def previous_visible(text: str, end: int) -> str:
    """The last non-space character before ``end`` ("" if none): ``text[:end].rstrip()[-1:]`` without a copy."""
    i = min(end, len(text)) - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def occurrence_bits(text: str, registry: dict[tuple[str, int], int]) -> int:
    """A bit per (character, n-th occurrence of it), numbered in ``registry``: for two texts numbered in
    the same registry, ``(x & y).bit_count()`` is the characters they share as multisets (what difflib's
    ``quick_ratio`` counts), in one C operation."""
    seen: dict[str, int] = {}
    bits = 0
    for ch in text:
        n = seen[ch] = seen.get(ch, 0) + 1
        bits |= 1 << registry.setdefault((ch, n), len(registry))
    return bits


# difflib's ratio is Python and quadratic in the worst case: 1.4 s for one pair of 20,000-character words,
# which hostile input can repeat. Pairs longer than this together are measured by the LCS ratio instead.
LONG_PAIR_CHARS = 1_000


LCS_SLACK = 1e-9  # the LCS bound is compared a hair low: a float rounding must not rule out a pair


def difflib_ratio(a: str, b: str) -> float:
    """difflib's ``SequenceMatcher(None, a, b, autojunk=False).ratio()``: Python, quadratic at worst."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def lcs_ratio(a: str, b: str) -> float:
    """``2 * LCS / (len a + len b)`` (1.0 for two empty strings), computed in C by rapidfuzz: an upper bound of
    difflib's ``ratio()``, whose matching blocks are a common subsequence."""
    from rapidfuzz.distance import Indel

    return float(Indel.normalized_similarity(a, b))


def ratio(a: str, b: str) -> float:
    """difflib's ``ratio()`` of ``a`` and ``b`` (no junk heuristic); for a pair longer than ``LONG_PAIR_CHARS``
    together (no name or real link is), their ``lcs_ratio``, which bounds difflib's from above."""
    if len(a) + len(b) > LONG_PAIR_CHARS:
        return lcs_ratio(a, b)
    return difflib_ratio(a, b)


def ratio_reaches(a: str, b: str, threshold: float) -> bool:
    """Whether difflib's ``ratio()`` of ``a`` and ``b`` (no junk heuristic) is ``threshold`` or more, exactly;
    the ``lcs_ratio`` rules most pairs out before difflib runs."""
    if lcs_ratio(a, b) < threshold - LCS_SLACK:
        return False
    return difflib_ratio(a, b) >= threshold
