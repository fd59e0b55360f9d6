"""String similarity (``text.ratio``, ``text.ratio_reaches``) and the hostile inputs that made difflib slow."""
from __future__ import annotations

import random
from difflib import SequenceMatcher

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Text
from mtcheck.text import words as text
from mtcheck.text.words import LONG_PAIR_CHARS, ratio, ratio_reaches


def difflib_ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def random_pairs(seed: int, count: int, longest: int) -> list[tuple[str, str]]:
    """Pairs from small alphabets: unrelated ones, and copies with a few characters changed."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        alphabet = rng.choice(["ab", "abcdef ", "Prabowo Subianto", "政府经济增长"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
        b = list(a) if rng.random() < 0.5 else [rng.choice(alphabet) for _ in range(rng.randint(0, longest))]
        for _ in range(rng.randint(0, 4)):
            if b:
                b[rng.randrange(len(b))] = rng.choice(alphabet)
        pairs.append((a, "".join(b)))
    return pairs


def test_ratio_is_difflibs_for_short_pairs_and_never_below_it_for_long_ones() -> None:
    for a, b in random_pairs(1, 400, 60):
        assert ratio(a, b) == difflib_ratio(a, b)
    for a, b in random_pairs(2, 20, 900):
        if len(a) + len(b) > LONG_PAIR_CHARS:
            assert difflib_ratio(a, b) <= ratio(a, b) <= 1.0


@pytest.mark.parametrize("threshold", [0.5, 0.75, 0.9])
def test_ratio_reaches_decides_as_difflib(threshold: float) -> None:
    decisions = []
    for a, b in random_pairs(3, 500, 80):
        decisions.append(difflib_ratio(a, b) >= threshold)
        assert ratio_reaches(a, b, threshold) == decisions[-1], (a, b)
    assert 0.1 < sum(decisions) / len(decisions) < 0.9  # both answers are exercised


def test_a_long_pair_never_reaches_difflib(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("difflib was asked about a long pair")

    monkeypatch.setattr(text, "SequenceMatcher", refuse)
    word = "abcdefghij" * 2_000
    assert ratio(word, word[:-1] + "x") == pytest.approx(1 - 2 / 40_000)


def _only_short_pairs_in_difflib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any SequenceMatcher, wherever it was imported, fails the test when it matches a long pair."""
    import difflib

    find_longest_match = difflib.SequenceMatcher.find_longest_match

    def short_only(self: SequenceMatcher[str], *args: int) -> object:
        assert len(self.a) + len(self.b) <= LONG_PAIR_CHARS, "difflib was asked about a long pair"
        return find_longest_match(self, *args)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", short_only)


def test_a_name_of_20000_letters_is_compared_in_c(monkeypatch: pytest.MonkeyPatch) -> None:
    """NAME001 compared it with difflib: 19 s for one article."""
    _only_short_pairs_in_difflib(monkeypatch)
    word = "".join(random.Random(4).choice("abcdefghij") for _ in range(20_000))
    article = Article("a", Text("id", f"Presiden Joko{word} bertemu Menteri Sri Mulyani{word} hari ini di Jakarta."),
                      {"en": Text("en", f"President Joko{word[:-1]}x met Minister Sri Mulyani{word[::-1]} today in Jakarta.")})
    check(article, Config(encoder="none", select=("NAME",)))


def test_sixty_copies_of_a_long_paragraph_compare_short_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """STR003 asked difflib whether the sources of two copies resemble each other, on whole 1,800-character
    paragraphs: 13 s for one article. Their first characters decide (news paragraphs are shorter)."""
    _only_short_pairs_in_difflib(monkeypatch)
    rng = random.Random(6)
    words = {"id": ["harga", "beras", "naik", "di", "pasar", "pemerintah", "dana", "petani", "banjir", "bulan"],
             "en": ["rice", "prices", "rose", "at", "the", "market", "government", "funds", "farmers", "floods"]}
    source = "\n\n".join(" ".join(rng.choices(words["id"], k=300)) for _ in range(60))
    copy = " ".join(rng.choices(words["en"], k=300))
    article = Article("a", Text("id", source), {"en": Text("en", "\n\n".join([copy] * 60))})
    [version] = check(article, Config(encoder="none", select=("STR003",))).versions
    assert 50 <= len(version.findings) <= 59  # most copies: a few sources resemble each other by chance


def test_a_changed_link_of_20000_characters_is_found_in_c(monkeypatch: pytest.MonkeyPatch) -> None:
    """LINK001 compared it with difflib: 5.7 s for one article."""
    _only_short_pairs_in_difflib(monkeypatch)
    path = "".join(random.Random(5).choice("abcdefghij/") for _ in range(20_000))
    changed = path[:10_000] + "X" + path[10_001:]
    article = Article("a", Text("id", f"Baca laporan lengkap di https://contoh.id/{path} untuk rincian harga beras."),
                      {"en": Text("en", f"Read the full report at https://contoh.id/{changed} for rice price details.")})
    [version] = check(article, Config(encoder="none", select=("LINK",))).versions
    assert [f.rule for f in version.findings] == ["LINK001"]
