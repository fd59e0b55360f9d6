"""One-to-one pairing of two lists (bipartite matching), cheapest candidates tried first.

Why: a fact that occurs twice in the source needs two renderings in the translation, so "is there an
agreeing mention anywhere" is not enough; each source mention must get its own target mention. A greedy
pass can strand a mention whose only candidate was taken by one that had others, so this finds a
maximum matching (Kuhn's augmenting paths; the lists are a few dozen items), trying each side's
candidates in the order given (cheapest first) so the pairs found are also the near ones.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence


def max_matching(candidates: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching: left item -> right item.

    ``candidates[i]`` lists the right items left item ``i`` may pair with, preferred first; left items
    are served in the mapping's order, so put the ones with the cheapest candidates first.
    """
    owner: dict[int, int] = {}  # right -> left

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in candidates:
        augment(i, set())
    return {i: j for j, i in owner.items()}
