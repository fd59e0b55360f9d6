"""The STR003 primitive: near-identical repeats among paragraphs or sentences."""
from __future__ import annotations

from mtcheck.repeats import repeats, repeats_a_sentence

PARAGRAPHS = [
    "The central bank kept its benchmark rate at 5.75 percent on Thursday.",
    "Inflation eased to 5.47 percent in February, the statistics agency said.",
    "The rupiah strengthened 0.3 percent against the US dollar in morning trade.",
    "Analysts expect the first cut in the second half of the year.",
]


def test_exact_and_near_repeats_name_the_earliest_copy() -> None:
    retyped = PARAGRAPHS[1].replace("agency", "agancy").upper()  # case and one typo: still the same paragraph
    texts = [*PARAGRAPHS, PARAGRAPHS[0], retyped, PARAGRAPHS[0]]
    assert repeats(texts) == [(0, 4), (1, 5), (0, 6)]


def test_clean_paragraphs_of_similar_length_are_not_repeats() -> None:
    # same length and much shared wording, but different facts: not >= 90% similar
    twin = "The central bank kept its deposit rate at 5.00 percent on Tuesday, too."
    assert repeats([*PARAGRAPHS, twin]) == []
    assert repeats(PARAGRAPHS[:1]) == [] and repeats([]) == []


def test_short_texts_repeat_only_above_the_language_floor() -> None:
    assert repeats(["Ya.", "Ya."]) == []  # a one-word answer repeated is no duplicate
    assert repeats(["「もちろんだ」ケネディは言った。", "「もちろんだ」ケネディは言った。"], 10) == [(0, 1)]


def test_a_paragraph_repeating_its_own_sentence() -> None:
    assert repeats_a_sentence("Harga naik lagi minggu ini di pasar. Harga naik lagi minggu ini di pasar.", "id")
    assert not repeats_a_sentence("Harga naik lagi minggu ini di pasar. Harga turun lagi bulan lalu di toko.", "id")


def test_both_ways_of_counting_shared_characters_agree(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Few distinct characters (Latin) go through a count matrix, many (Chinese) through occurrence bits."""
    import random

    import mtcheck.repeats as repeats_module

    rng = random.Random(1)
    han = [chr(0x4E00 + i) for i in range(3000)]
    texts = ["".join(rng.choice(han) for _ in range(30)) for _ in range(120)]
    texts += [texts[7][:-1] + "好", texts[9][::-1]]  # a near copy; the same characters in another order
    texts += PARAGRAPHS + [PARAGRAPHS[2].replace("0.3", "0.4")]
    found = repeats(texts, 10)
    assert (7, 120) in found and (2 + 122, 4 + 122) in found and all(j != 121 for _, j in found)
    monkeypatch.setattr(repeats_module, "BITS_FROM", 10**9)  # force the matrix
    assert repeats(texts, 10) == found
    monkeypatch.setattr(repeats_module, "BITS_FROM", 0)  # force the bits
    assert repeats(texts, 10) == found
