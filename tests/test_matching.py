"""One-to-one pairing (``max_matching``) and the nearest-position bound (``nearest``)."""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import pytest

from mtcheck.text.matching import Pool, max_matching, nearest


def recursive_matching(candidates: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """Kuhn's algorithm as textbooks write it (recursive), to compare with."""
    owner: dict[int, int] = {}

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


@pytest.mark.parametrize("seed", range(30))
def test_matching_equals_the_recursive_search(seed: int) -> None:
    rng = random.Random(seed)
    lefts = list(range(rng.randint(1, 25)))
    rng.shuffle(lefts)
    candidates = {i: rng.sample(range(20), rng.randint(0, 6)) for i in lefts}
    assert max_matching(candidates) == recursive_matching(candidates)


def test_failed_searches_keep_their_marks_and_the_matching_is_the_same() -> None:
    """More left items than right ones: most searches fail, and the marks they leave are reused."""
    rng = random.Random(7)
    for _ in range(300):
        lefts = list(range(rng.randint(5, 40)))
        rng.shuffle(lefts)
        rights = rng.randint(1, 15)
        candidates = {i: rng.sample(range(rights), rng.randint(0, min(rights, 5))) for i in lefts}
        assert max_matching(candidates) == recursive_matching(candidates)


def test_an_augmenting_path_longer_than_the_recursion_limit() -> None:
    """Left i may take right i or i + 1; a last item fits only right 0, so every earlier one moves up."""
    n = 5_000
    candidates: dict[int, list[int]] = {i: [i, i + 1] for i in range(n)}
    candidates[n] = [0]
    matching = max_matching(candidates)
    assert len(matching) == n + 1 and matching[n] == 0 and all(matching[i] == i + 1 for i in range(n))


def test_nearest_positions() -> None:
    positions = [0.0, 0.1, 0.2, 0.5, 0.9]
    assert nearest(positions, 0.45, 3) == [3, 2, 1]
    assert nearest(positions, 0.15, 2) == [1, 2]  # a tie: the lower index first
    assert nearest(positions, 1.0, 10) == [4, 3, 2, 1, 0]
    assert nearest([], 0.5, 3) == []


def test_nearest_members() -> None:
    positions = [k / 10 for k in range(10)]
    assert Pool({1, 5, 9}, positions).nearest(0.0, 5) == {1, 5, 9}  # no more than asked: all of them
    assert Pool({1, 5, 6, 9}, positions).nearest(0.55, 2) == {5, 6}
    assert Pool({0, 2, 8}, positions).nearest(0.9, 1) == {8}


def test_members_are_chosen_as_the_scan_chooses_them() -> None:
    """Members are found by bisection (the scan passed thousands of non-members for a date sharing only its
    day); ties and repeated positions must fall exactly as the scan's, few members or many."""
    from itertools import islice

    from mtcheck.text.matching import by_nearness

    rng = random.Random(3)
    for _ in range(400):
        positions = sorted(rng.choice([rng.random(), round(rng.random(), 1)]) for _ in range(rng.randint(20, 300)))
        members = set(rng.sample(range(len(positions)), rng.randint(1, rng.choice([12, len(positions)]))))
        position, count = rng.choice([rng.random(), *positions[:3], *positions[-2:]]), rng.randint(1, 8)
        expected = set(islice((k for k in by_nearness(positions, position) if k in members), count))
        assert Pool(members, positions).nearest(position, count) == expected
