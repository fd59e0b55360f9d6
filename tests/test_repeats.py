"""The STR003 primitive: near-identical repeats among paragraphs or sentences."""
from __future__ import annotations

from mtcheck.facts.repeats import adjacent_repeats, repeats, repeats_a_sentence, tandem

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


def _repeats_by_difflib_alone(texts: list[str], min_chars: int) -> list[tuple[int, int]]:
    """The definition: an exact copy names the first of its kind, any other item the earliest one difflib
    finds 90% similar; no bound first."""
    from difflib import SequenceMatcher

    from mtcheck.facts.boilerplate import normalise

    keys = [normalise(t) for t in texts]
    found = []
    for j, key in enumerate(keys):
        earlier = [k for k in range(j) if min(len(key), len(keys[k])) >= min_chars]
        same = [k for k in earlier if keys[k] == key]
        similar = [k for k in earlier if SequenceMatcher(None, keys[k], key, autojunk=False).ratio() >= 0.9]
        if same or similar:
            found.append(((same or similar)[0], j))
    return found


def test_the_bound_never_drops_a_repeat_difflib_finds() -> None:
    """Chinese (many distinct characters) and Latin lists with near copies at every distance from the
    threshold: the LCS bound changes no answer of difflib alone."""
    import random

    rng = random.Random(1)
    han = [chr(0x4E00 + i) for i in range(40)]
    latin = "abcdefghij klmnop"
    for trial in range(60):
        alphabet = han if trial % 2 else latin
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60))) for _ in range(12)]
        for _ in range(8):  # copies with 0 to 9 characters changed
            copy = list(rng.choice(texts))
            for _ in range(rng.randint(0, 9)):
                copy[rng.randrange(len(copy))] = rng.choice(alphabet)
            texts.insert(rng.randrange(len(texts) + 1), "".join(copy))
        assert repeats(texts, 10) == _repeats_by_difflib_alone(texts, 10), texts


def test_long_distinct_paragraphs_are_ruled_out_by_the_bound(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two long paragraphs of one language share most characters, so a shared-character bound let difflib
    compare every pair (300 paragraphs of 2,000 characters: minutes). The LCS bound rules them out."""
    import random

    import mtcheck.facts.repeats as repeats_module

    rng = random.Random(2)
    texts = ["".join(rng.choice("abcdefghij klmnopqrstuvwxyz") for _ in range(2000)) for _ in range(40)]
    texts.append(texts[3][:1000] + "x" + texts[3][1001:])
    compared: list[tuple[str, str]] = []
    ratio_holds = repeats_module._ratio_holds
    monkeypatch.setattr(repeats_module, "_ratio_holds", lambda a, b: compared.append((a, b)) or ratio_holds(a, b))
    assert repeats(texts) == [(3, 40)]
    assert len(compared) == 1


TANDEMS = [  # (text the sentence splitter keeps whole, min chars, spaced, the passage said twice)
    ("新疫苗可指导免疫系统辨别恶意病毒其方法是先从患者体内提取免疫细胞其方法是先从患者体内提取免疫细胞", 10, False,
     "其方法是先从患者体内提取免疫细胞"),
    ('قال إنه كان حازمًا، عازمًا، جليًّا" كان حازمًا، عازمًا، جليًّا" ثم غادر', 20, True, 'كان حازمًا، عازمًا، جليًّا"'),
    ("He said it twice: the vote will be held on Monday the vote will be held on Monday", 20, True,
     "the vote will be held on Monday"),
]


def test_a_passage_said_twice_without_an_end_mark_is_found() -> None:
    for text, shortest, spaced, passage in TANDEMS:
        found = tandem(text, shortest, spaced)
        assert found is not None, text
        start, end, again = found
        assert text[start:end] == passage and text[again:again + end - start] == passage


def test_repeated_wording_that_is_not_a_repeat_is_not_a_tandem() -> None:
    assert tandem("The plan is good, and the plan is good for everyone in the village.", 10) is None
    assert tandem("a" * 400, 10, False) is None  # one character over and over: no sentence
    assert tandem("就是就是就是就是就是", 10, False) is None  # shorter than the floor, and too few characters
    assert tandem("notes notes notes notes notes notes", 20) is None  # a word, not a sentence: too few characters


def test_a_sentence_said_twice_in_a_row_counts_from_a_lower_floor() -> None:
    assert adjacent_repeats(["He left.", "I could not walk.", "I could not walk."], "en") == [2]
    assert adjacent_repeats(['"Everyone she named denied it. It is 36 years old.', "It is 36 years old."], "en") == [1]
    assert adjacent_repeats(["No.", "No."], "en") == []  # a one-word answer repeated
    assert adjacent_repeats(["I could not walk.", "He left.", "I could not walk."], "en") == []  # not in a row
