"""Language-independent text helpers: word counts and character classes."""
from __future__ import annotations

import re

from .locales import get_locale

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
