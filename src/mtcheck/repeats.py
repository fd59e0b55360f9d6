"""Near-identical repeats among a list of texts (paragraphs or sentences): the STR003 primitive.

Texts are compared after ``boilerplate.normalise`` (case, width, punctuation, spacing); a repeat is a
difflib ratio of at least ``DUPLICATE_SIMILARITY``. Exact repeats are hashed; the pairwise fuzzy test is
bounded (length and character counts first) and capped at ``FUZZY_REPEATS_MAX`` items.
"""
from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from .boilerplate import normalise
from .caching import text_cache
from .text import occurrence_bits

DUPLICATE_SIMILARITY = 0.9  # normalised text similarity of a repeated paragraph/sentence
DUPLICATE_MIN_CHARS = 20  # normalised characters; a Chinese or Japanese character carries about a word:
CJK_DUPLICATE_MIN_CHARS = 10  # "「もちろんだ」ケネディは言った。" repeated is a duplicate
FUZZY_REPEATS_MAX = 300  # items compared pairwise for near-identical repeats (exact ones always found)
PAIR_CELLS = 2_000_000  # pairs x characters compared in one numpy block (about 16 MB)
# Shared characters by count matrix cost pairs x distinct characters; by occurrence bits about 100 times that
# per character read and per pair (measured on 300 distinct Chinese sentences: the whole repeats() call took
# 0.9 s by matrix, 0.12 s by bits; a Latin-script version's paragraphs stay on the matrix, ~0.1 ms).
BITS_FROM = 100


def _ratio_holds(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= DUPLICATE_SIMILARITY


def _candidates(keys: Sequence[str], first: Sequence[int], second: Sequence[int], min_chars: int) -> set[tuple[int, int]]:
    """The pairs ``(first[p], second[p])`` that pass both bounds of the ratio: lengths, then shared
    characters (for all pairs at once, from a count matrix of the texts' characters or, with many distinct
    characters, from their occurrence bits)."""
    import numpy as np

    lengths = np.array([len(k) for k in keys])
    a, b = np.array(first, dtype=np.intp), np.array(second, dtype=np.intp)
    la, lb = lengths[a], lengths[b]
    keep = (np.minimum(la, lb) >= min_chars) & (2 * np.minimum(la, lb) >= DUPLICATE_SIMILARITY * (la + lb))
    a, b, la, lb = a[keep], b[keep], la[keep], lb[keep]
    if not a.size:
        return set()
    codes = np.frombuffer("".join(keys).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    alphabet, symbol = np.unique(codes, return_inverse=True)
    rows = np.repeat(np.arange(len(keys)), lengths)
    counts = np.bincount(rows * len(alphabet) + symbol, minlength=len(keys) * len(alphabet)).reshape(len(keys), -1)
    counts = counts[:, (counts > 0).sum(axis=0) >= 2]  # a character of one text only is shared by no pair
    if a.size * counts.shape[1] <= BITS_FROM * (a.size + int(lengths.sum())):
        step = max(1, PAIR_CELLS // max(1, counts.shape[1]))  # pairs per block: memory stays bounded
        shared = np.concatenate([
            np.minimum(counts[a[i:i + step]], counts[b[i:i + step]]).sum(axis=1) for i in range(0, len(a), step)
        ])
    else:  # many distinct characters (Chinese): a bit per (character, n-th occurrence), one AND per pair
        registry: dict[tuple[str, int], int] = {}
        bits = [occurrence_bits(k, registry) for k in keys]
        shared = np.array([(bits[i] & bits[j]).bit_count() for i, j in zip(a.tolist(), b.tolist())])
    keep = 2 * shared >= DUPLICATE_SIMILARITY * (la + lb)
    return set(zip(a[keep].tolist(), b[keep].tolist()))


def repeats(texts: Sequence[str], min_chars: int = DUPLICATE_MIN_CHARS) -> list[tuple[int, int]]:
    """(first, repeat) index pairs of near-identical items, each repeat reported once, with the earliest
    item it repeats.

    Exact repeats (after normalisation) are found by hashing; the pairwise fuzzy comparison runs only
    up to ``FUZZY_REPEATS_MAX`` items, so a pathological text cannot make it quadratic.
    """
    if len(texts) < 2:
        return []
    keys = [normalise(t) for t in texts]
    found: dict[int, int] = {}
    first: dict[str, int] = {}
    for j, key in enumerate(keys):
        if len(key) >= min_chars and key in first:
            found[j] = first[key]
        first.setdefault(key, j)
    if len(texts) <= FUZZY_REPEATS_MAX:
        pairs = [(k, j) for j in range(len(keys)) if j not in found for k in range(j)]
        candidates = _candidates(keys, [k for k, _ in pairs], [j for _, j in pairs], min_chars) if pairs else set()
        for k, j in pairs:  # in order: the earliest similar item is the one repeated
            if j not in found and (k, j) in candidates and _ratio_holds(keys[k], keys[j]):
                found[j] = k
    return [(k, j) for j, k in sorted(found.items())]


@text_cache(4096)
def repeats_a_sentence(paragraph: str, lang: str) -> bool:
    """Whether a paragraph repeats one of its sentences (asked of the same source paragraph once per version)."""
    from .sentences import split_sentences

    return bool(repeats([s.text for s in split_sentences(paragraph, lang)], min_repeat_chars(lang)))


def min_repeat_chars(lang: str) -> int:
    """The shortest normalised text of ``lang`` whose repetition counts."""
    from .locales import get_locale

    return CJK_DUPLICATE_MIN_CHARS if get_locale(lang).cjk else DUPLICATE_MIN_CHARS
