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
