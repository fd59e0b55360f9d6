"""Near-identical repeats among a list of texts (paragraphs or sentences): the STR003 primitive.

Texts are compared after ``boilerplate.normalise`` (case, width, punctuation, spacing); a repeat is a
difflib ratio of at least ``DUPLICATE_SIMILARITY``. Exact repeats are hashed; the pairwise fuzzy test is
bounded (length and character counts first) and capped at ``FUZZY_REPEATS_MAX`` items.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .boilerplate import normalise

DUPLICATE_SIMILARITY = 0.9  # normalised text similarity of a repeated paragraph/sentence
DUPLICATE_MIN_CHARS = 20  # normalised characters; a Chinese or Japanese character carries about a word:
CJK_DUPLICATE_MIN_CHARS = 10  # "「もちろんだ」ケネディは言った。" repeated is a duplicate
FUZZY_REPEATS_MAX = 300  # items compared pairwise for near-identical repeats (exact ones always found)


@dataclass(frozen=True)
class Item:
    """A text prepared once for the pairwise repeat test: its normal form and character counts."""

    key: str
    chars: Counter[str]

    @classmethod
    def of(cls, text: str) -> Item:
        key = normalise(text)
        return cls(key, Counter(key))


def similar(a: Item, b: Item, min_chars: int = DUPLICATE_MIN_CHARS) -> bool:
    """difflib ratio >= ``DUPLICATE_SIMILARITY``, after the two bounds it implies (length, then the
    character multiset, which is what ``quick_ratio`` computes) have ruled out most pairs cheaply."""
    la, lb = len(a.key), len(b.key)
    if min(la, lb) < min_chars or 2 * min(la, lb) < DUPLICATE_SIMILARITY * (la + lb):
        return False
    if 2 * sum((a.chars & b.chars).values()) < DUPLICATE_SIMILARITY * (la + lb):
        return False
    return SequenceMatcher(None, a.key, b.key, autojunk=False).ratio() >= DUPLICATE_SIMILARITY


def repeats(texts: Sequence[str], min_chars: int = DUPLICATE_MIN_CHARS) -> list[tuple[int, int]]:
    """(first, repeat) index pairs of near-identical items, each repeat reported once.

    Exact repeats (after normalisation) are found by hashing; the pairwise fuzzy comparison runs only
    up to ``FUZZY_REPEATS_MAX`` items, so a pathological text cannot make it quadratic.
    """
    found: list[tuple[int, int]] = []
    first: dict[str, int] = {}
    fuzzy = len(texts) <= FUZZY_REPEATS_MAX
    items: list[Item] = []
    for j, text in enumerate(texts):
        item = Item.of(text)
        items.append(item)
        if len(item.key) >= min_chars and item.key in first:
            found.append((first[item.key], j))
            continue
        first.setdefault(item.key, j)
        if not fuzzy:
            continue
        for k in range(j):
            if similar(items[k], item, min_chars):
                found.append((k, j))
                break
    return found


def min_repeat_chars(lang: str) -> int:
    """The shortest normalised text of ``lang`` whose repetition counts."""
    from .locales import get_locale

    return CJK_DUPLICATE_MIN_CHARS if get_locale(lang).cjk else DUPLICATE_MIN_CHARS
