"""One-to-one pairing of two lists (bipartite matching), cheapest candidates tried first.

Why: a fact that occurs twice in the source needs two renderings in the translation, so "is there an
agreeing mention anywhere" is not enough; each source mention must get its own target mention. A greedy
pass can strand a mention whose only candidate was taken by one that had others, so this finds a
maximum matching (Kuhn's augmenting paths; the lists are a few dozen items), trying each side's
candidates in the order given (cheapest first) so the pairs found are also the near ones.
"""
from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice


def max_matching(candidates: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching: left item -> right item.

    ``candidates[i]`` lists the right items left item ``i`` may pair with, preferred first; left items
    are served in the mapping's order, so put the ones with the cheapest candidates first. The search
    for an augmenting path keeps its own stack: a path may be as long as the lists (thousands of dates),
    deeper than Python's recursion limit. A search that fails leaves its right items marked for the next
    ones until the matching changes: no free item is reachable from them, so searching them again is the
    same failure (identical matchings; all-wrong dates, where most searches fail, no longer cost V x E).
    """
    owner: dict[int, int] = {}  # right -> left
    seen: set[int] = set()  # right items searched since the matching last changed
    for root in candidates:
        stack = [(root, iter(candidates[root]))]  # left items on the path, each with its untried options
        path: list[int] = []  # path[k]: the right item that leads from stack[k] to stack[k + 1]
        while stack:
            left, options = stack[-1]
            for right in options:
                if right in seen:
                    continue
                seen.add(right)
                if right not in owner:  # a free right item: every left item on the path moves up one
                    owner[right] = left
                    for (earlier, _), taken in zip(stack[:-1], path):
                        owner[taken] = earlier
                    stack = []
                    seen = set()
                else:
                    path.append(right)
                    stack.append((owner[right], iter(candidates[owner[right]])))
                break
            else:  # no augmenting path through this left item
                stack.pop()
                if path:
                    path.pop()
    return {i: j for j, i in owner.items()}


def by_nearness(positions: Sequence[float], position: float) -> Iterator[int]:
    """Indices of ``positions`` (ascending), nearest to ``position`` first (on a tie, the lower index).

    Pairing in long lists uses it to bound its candidates: a text of thousands of numbers, dates or links
    made every all-pairs comparison quadratic."""
    hi = bisect.bisect_left(positions, position)
    lo = hi
    while lo > 0 or hi < len(positions):
        if hi < len(positions) and (lo == 0 or positions[hi] - position < position - positions[lo - 1]):
            yield hi
            hi += 1
        else:
            lo -= 1
            yield lo


def nearest(positions: Sequence[float], position: float, count: int) -> list[int]:
    """The first ``count`` indices of ``by_nearness``."""
    return list(islice(by_nearness(positions, position), count))


def _nearness_key(positions: Sequence[float], position: float) -> Callable[[int], tuple[float, int, int]]:
    """Sorts indices of ``positions`` (ascending) in ``by_nearness``'s order: nearest first; on a tie the
    lower side first, each side outwards."""
    return lambda k: (position - positions[k], 0, -k) if positions[k] < position else (positions[k] - position, 1, k)


class Pool:
    """A fixed set of indices of ``positions`` (ascending), sorted once, so that the ``count`` nearest to each
    of many positions are found by bisection, in ``by_nearness``'s order. Scanning all positions passed
    thousands of non-members (a date sharing only its day), and a set of candidates made anew for every
    mention was quadratic (a chronology of thousands of one recurring date)."""

    def __init__(self, members: Iterable[int], positions: Sequence[float]) -> None:
        self.members = sorted(members)
        self.positions = positions
        self.keys = [positions[k] for k in self.members]

    def nearest(self, position: float, count: int) -> set[int]:
        """The members, or the ``count`` of them nearest to ``position`` when there are more."""
        if len(self.members) <= count:
            return set(self.members)
        split = bisect.bisect_left(self.keys, position)
        near = self.members[max(0, split - count):split + count]  # the nearest are among count on each side
        return set(heapq.nsmallest(count, near, key=_nearness_key(self.positions, position)))
