"""Near-identical repeats among a list of texts (paragraphs or sentences): the STR003 primitive.

Texts are compared after ``boilerplate.normalise`` (case, width, punctuation, spacing); a repeat is a
difflib ratio of at least ``DUPLICATE_SIMILARITY``. Exact repeats are hashed; the pairwise fuzzy test is
bounded (the longest common subsequence first) and capped at ``FUZZY_REPEATS_MAX`` items.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from mtcheck.facts.boilerplate import normalise
from mtcheck.text.caching import text_cache
from mtcheck.text.words import LCS_SLACK, difflib_ratio

DUPLICATE_SIMILARITY = 0.9  # normalised text similarity of a repeated paragraph/sentence
DUPLICATE_MIN_CHARS = 20  # normalised characters; a Chinese or Japanese character carries about a word:
CJK_DUPLICATE_MIN_CHARS = 10  # "「もちろんだ」ケネディは言った。" repeated is a duplicate
ADJACENT_MIN_CHARS = 12  # a sentence repeated right after itself counts from this many normalised characters
# ("I could not walk." twice), half that in Chinese and Japanese
FUZZY_REPEATS_MAX = 300  # items compared pairwise for near-identical repeats (exact ones always found)


def _ratio_holds(a: str, b: str) -> bool:
    return difflib_ratio(a, b) >= DUPLICATE_SIMILARITY  # the LCS bound has already passed (``_candidates``)


def _candidates(keys: Sequence[str], min_chars: int) -> set[tuple[int, int]]:
    """The pairs ``(k, j)``, ``k < j``, of texts of ``min_chars`` or more whose longest common subsequence
    allows the ratio: difflib's matching blocks are a common subsequence, so ``2 * LCS / (len + len)`` bounds
    ``ratio()`` from above. All pairs in one compiled call (rapidfuzz); the bound is much tighter than
    shared characters, which any two long paragraphs of one language mostly have (300 distinct paragraphs of
    2,000 characters: 45,000 difflib calls, minutes; now 1.4 s)."""
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    long_enough = [i for i, key in enumerate(keys) if len(key) >= min_chars]
    if len(long_enough) < 2:
        return set()
    texts = [keys[i] for i in long_enough]
    bound = cdist(texts, texts, scorer=Indel.normalized_similarity, score_cutoff=DUPLICATE_SIMILARITY - LCS_SLACK)
    rows, columns = np.nonzero(np.triu(bound, 1))
    return {(long_enough[r], long_enough[c]) for r, c in zip(rows.tolist(), columns.tolist())}


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
        for k, j in sorted(_candidates(keys, min_chars), key=lambda pair: (pair[1], pair[0])):
            if j not in found and _ratio_holds(keys[k], keys[j]):  # the earliest similar item is the one repeated
                found[j] = k
    return [(k, j) for j, k in sorted(found.items())]


@text_cache(4096)
def repeats_a_sentence(paragraph: str, lang: str) -> bool:
    """Whether a paragraph repeats one of its sentences (asked of the same source paragraph once per version)."""
    from mtcheck.text.sentences import split_sentences

    return bool(repeats([s.text for s in split_sentences(paragraph, lang)], min_repeat_chars(lang)))


def min_repeat_chars(lang: str) -> int:
    """The shortest normalised text of ``lang`` whose repetition counts."""
    from mtcheck.locales import get_locale

    return CJK_DUPLICATE_MIN_CHARS if get_locale(lang).cjk else DUPLICATE_MIN_CHARS


def adjacent_repeats(texts: Sequence[str], lang: str) -> list[int]:
    """Indices of items equal (normalised) to the item right before them, or ending it (a quote left open keeps
    the first copy inside the sentence before), shorter ones included: a sentence said twice in a row ("I could
    not walk. I could not walk.") is rarely a translator's choice."""
    from mtcheck.locales import get_locale

    shortest = ADJACENT_MIN_CHARS // 2 if get_locale(lang).cjk else ADJACENT_MIN_CHARS
    keys = [normalise(t) for t in texts]
    return [j for j in range(1, len(keys)) if len(keys[j]) >= shortest
            and (keys[j] == keys[j - 1] or texts[j - 1].endswith(" " + texts[j]))]


_SPACES = re.compile(r"\s+")
TANDEM_MAX_CHARS = 2_000  # longer "sentences" (a text without end marks) are not searched for a tandem repeat
TANDEM_CHECKS = 20_000  # candidate pairs tried at most (a text of one repeated character proposes many)
TANDEM_DISTINCT = 6  # distinct characters the repeated passage needs ("hahaha", "-----" are not sentences)


def tandem(text: str, min_chars: int, spaced: bool = True) -> tuple[int, int, int] | None:
    """(start, end, start of the copy) of a passage of ``min_chars`` or more said again right after itself,
    inside a text the sentence splitter kept whole: a sentence repeated without the end mark it needs
    ("…待处理对象该疫苗可指导…", a quote left open). Pairs of equal ``min_chars``-grams propose the
    candidates (a bounded number: ``TANDEM_CHECKS``); ``spaced``: both copies must start a word."""
    n = len(text)
    if n > TANDEM_MAX_CHARS or n < 2 * min_chars:
        return None
    seen: dict[str, list[int]] = {}
    checks = 0
    # Where a copy may start: every character, or (spaced) a word after a space, the first one after anything.
    starts = range(n - min_chars + 1) if not spaced else \
        [0, *(m.end() for m in _SPACES.finditer(text, 0, n - min_chars + 1))]
    for b in starts:
        gram = text[b:b + min_chars]
        for a in seen.get(gram, ()):
            length = b - a
            checks += 1
            if checks > TANDEM_CHECKS:
                return None
            if length < min_chars:
                continue
            passage = text[a:b].strip()
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            if len(passage) >= min_chars and text.startswith(passage, b + lead) and len(set(passage)) >= TANDEM_DISTINCT:
                return a + lead, a + lead + len(passage), b + lead
        seen.setdefault(gram, []).append(b)
    return None
