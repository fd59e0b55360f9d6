"""The aligner's dynamic programme, anchors and length norms; sentence splitting; boilerplate."""
from __future__ import annotations

import random
from difflib import SequenceMatcher

import pytest

from mtcheck.align.aligner import (
    Scorer,
    Units,
    align_units,
    anchor_quality,
    anchors,
    dp_align,
    length_norm,
    length_z,
)
from mtcheck.config import Config
from mtcheck.facts.boilerplate import (
    MIN_PART,
    MIN_SIMILARITY,
    SYSTEM_NAME,
    disclaimers,
    is_boilerplate,
    is_disclaimer,
    normalise,
)
from mtcheck.text.sentences import split_sentences


def table_quality(pairs: dict[tuple[tuple[int, ...], tuple[int, ...]], float]):  # type: ignore[no-untyped-def]
    return lambda s, t: pairs.get((s, t), 0.0)


@pytest.mark.parametrize(
    ("n", "m", "good", "expected"),
    [
        (3, 3, {((0,), (0,)): 1, ((1,), (1,)): 1, ((2,), (2,)): 1}, [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
        (3, 2, {((0,), (0,)): 1, ((2,), (1,)): 1}, [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
        (2, 3, {((0,), (0,)): 1, ((1,), (2,)): 1}, [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
        (2, 3, {((0,), (0, 1)): 1, ((1,), (2,)): 1}, [((0,), (0, 1)), ((1,), (2,))]),
        (3, 2, {((0, 1), (0,)): 1, ((2,), (1,)): 1}, [((0, 1), (0,)), ((2,), (1,))]),
        (2, 0, {}, [((0,), ()), ((1,), ())]),
    ],
    ids=["one-to-one", "omission", "addition", "split", "merge", "empty-target"],
)
def test_dp_finds_the_best_monotonic_chain(n: int, m: int, good: dict, expected: list) -> None:  # type: ignore[type-arg]
    beads = dp_align(n, m, table_quality(good))
    assert [(b.source, b.target) for b in beads] == expected


@pytest.mark.parametrize("seed", range(40))
def test_vectorised_dp_equals_the_cell_by_cell_dp(seed: int) -> None:
    """``align_units`` runs the DP a row at a time with numpy; it must choose exactly the chain the
    cell-by-cell ``dp_align`` chooses, ties included (qualities on a coarse grid make many ties)."""
    import random

    import numpy as np

    from mtcheck.align.aligner import _chain_tables

    rng = random.Random(seed)
    n, m = rng.randint(0, 7), rng.randint(0, 7)
    grid = [0.0, 0.25, 0.45, 0.5, 0.7, 0.95, 1.0]
    tables = {(1, 1): (n, m), (1, 2): (n, max(m - 1, 0)), (2, 1): (max(n - 1, 0), m)}
    quality = {shape: np.array([[rng.choice(grid) for _ in range(w)] for _ in range(h)]).reshape(h, w)
               for shape, (h, w) in tables.items()}

    def scalar(src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        return float(quality[len(src), len(tgt)][src[0], tgt[0]])

    assert _chain_tables(quality, n, m) == dp_align(n, m, scalar)


def test_unit_numbers_come_from_one_reading_of_the_whole_text() -> None:
    from mtcheck.align.aligner import unit_numbers
    from mtcheck.text.segment import split_paragraphs

    text = "Harga naik 3,5 persen.\n\nBanjir merendam 1.250 rumah pada 12 Maret, kata dua warga."
    paragraphs = split_paragraphs(text)
    numbers = unit_numbers(text, "id", [(p.start, p.end) for p in paragraphs])
    assert numbers == [frozenset({"3.5"}), frozenset({"1250", "2"})]  # a day is no quantity; "dua" is
    assert [anchors(p.text, "id", n) for p, n in zip(paragraphs, numbers)] == [anchors(p.text, "id") for p in paragraphs]


def test_anchors_are_language_independent_values() -> None:
    assert "n:3.5e+06" in anchors("Harga naik Rp 3,5 juta di Jakarta.", "id")
    assert {"w:elizabeth", "w:warren"} <= anchors("参议员伊丽莎白·沃伦(Elizabeth Warren)表示", "zh")
    assert "u:www.example.com" in anchors("Lihat www.example.com/", "id")


@pytest.mark.parametrize(
    ("a", "b", "same_script", "expected"),
    [
        ({"n:5", "w:bpbd"}, {"n:5", "w:bpbd"}, True, 1.0),
        ({"n:5", "w:bpbd"}, {"n:7", "w:medan"}, True, 0.2),
        ({"w:warren"}, set(), False, None),  # a transliterated name is no evidence across scripts
        ({"w:warren", "n:3"}, {"n:3"}, False, 1.0),
        (set(), set(), True, None),
    ],
)
def test_anchor_quality(a: set[str], b: set[str], same_script: bool, expected: float | None) -> None:
    assert anchor_quality(frozenset(a), frozenset(b), same_script) == expected


def test_length_norms_are_measured_for_every_pair() -> None:
    for lang in ("en", "zh", "ja", "ar", "fr"):
        norm = length_norm("id", lang)
        assert norm is not None and norm["n"] > 500
    assert length_norm("id", "zh")["median_ratio"] < 0.5 < length_norm("id", "fr")["median_ratio"]  # type: ignore[index]
    assert length_z(100, 100, 0.0, 0.2) == 0.0
    assert abs(length_z(30, 60, 0.0, 0.2)) < abs(length_z(300, 600, 0.0, 0.2))  # short units vary more


def test_scorer_aligns_by_length_and_anchors_without_encoder() -> None:
    source = ["Banjir di Medan merendam 1.250 rumah.", "BMKG mencatat hujan 180 milimeter sejak 2019.", "Warga mengungsi."]
    target = ["Floods in Medan submerged 1,250 houses.", "Residents fled."]
    norm = length_norm("id", "en")
    assert norm is not None
    scorer = Scorer(Units(source, "id"), Units(target, "en"), norm["log_median"], norm["log_sd_long"])
    assert [(b.source, b.target) for b in align_units(scorer)] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


@pytest.mark.parametrize("target_lang", ["en", "zh"])
@pytest.mark.parametrize("vectors", [False, True], ids=["anchors", "vectors"])
@pytest.mark.parametrize("calibration", [None, (0.3, 0.8)], ids=["margin", "calibrated"])
def test_bead_tables_equal_the_scalar_quality(target_lang: str, vectors: bool, calibration: tuple[float, float] | None) -> None:
    """The DP reads every 1-1, 1-2 and 2-1 quality from tables computed with numpy; they must equal the
    definition (``Scorer._quality``), names compared only where both scripts can share them."""
    import numpy as np

    source = ["Banjir di Medan merendam 1.250 rumah.", "BMKG mencatat hujan 180 milimeter sejak 2019.",
              "Warga mengungsi ke Masjid Agung.", "Gubernur Bobby memberi 3, 4, 5, 6 dan 8 paket.", "Bantuan tiba."]
    target = {"en": ["Floods in Medan submerged 1,250 houses.", "BMKG recorded 180 mm of rain.",
                     "Residents fled to the Grand Mosque.", "Governor Bobby gave 9 parcels.", "Aid came.", "Extra."],
              "zh": ["棉兰(Medan)洪水淹没了1250所房屋。", "BMKG记录了180毫米降雨。", "居民逃往大清真寺。",
                     "省长Bobby送出了9个包裹。", "援助已到达。", "另外。"]}[target_lang]
    rng = np.random.default_rng(3)

    def unit(rows: int) -> np.ndarray | None:
        if not vectors:
            return None
        v = rng.normal(size=(rows, 8)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    scorer = Scorer(Units(source, "id", unit(len(source))), Units(target, target_lang, unit(len(target))), 0.1, 0.3,
                    calibration if vectors else None)
    checked = 0
    for di, dj in ((1, 1), (1, 2), (2, 1)):
        for i in range(len(source) - di + 1):
            for j in range(len(target) - dj + 1):
                src, tgt = tuple(range(i, i + di)), tuple(range(j, j + dj))
                assert scorer.quality(src, tgt) == pytest.approx(scorer._quality(src, tgt), abs=1e-12)
                checked += 1
    assert checked == 5 * 6 + 5 * 5 + 4 * 6


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Dia datang. Lalu dia pergi!", "id", ["Dia datang.", "Lalu dia pergi!"]),
        ("Harga naik 3.5 persen. Selesai.", "id", ["Harga naik 3.5 persen.", "Selesai."]),
        ("J. K. Rowling menulis. Dr. Sari setuju.", "id", ["J. K. Rowling menulis.", "Dr. Sari setuju."]),
        ("Visit www.example.com today. Thanks.", "en", ["Visit www.example.com today.", "Thanks."]),
        ("他来了。她走了！“真的吗？”是的", "zh", ["他来了。", "她走了！", "“真的吗？”", "是的"]),
        ("価格が上がった。政府は否定した。", "ja", ["価格が上がった。", "政府は否定した。"]),
        ("هل جاء؟ نعم. لا", "ar", ["هل جاء؟", "نعم.", "لا"]),
        ("« C'est fini. » Il part.", "fr", ["« C'est fini. »", "Il part."]),
        # a straight quote after the space opens the next sentence; right after the mark it closes this one
        ('Ia meraih perunggu. "Saya senang," katanya. "Tapi lelah."', "id",
         ["Ia meraih perunggu.", '"Saya senang," katanya.', '"Tapi lelah."']),
        ('"Itu dia." Ross lalu pergi.', "id", ['"Itu dia."', "Ross lalu pergi."]),
        # an all-capital pair is an acronym that can end a sentence; "Dr." and initials do not
        ("Investasi turun di AS. Sementara itu, Cina naik.", "id", ["Investasi turun di AS.", "Sementara itu, Cina naik."]),
        ("He met Dr. Sari and J. Smith. Then he left.", "en", ["He met Dr. Sari and J. Smith.", "Then he left."]),
        ("He lives in the U.S. and works there.", "en", ["He lives in the U.S. and works there."]),
        ("U.S. Department of Justice analyst Paul testified. He left.", "en",
         ["U.S. Department of Justice analyst Paul testified.", "He left."]),
        ("", "en", []),
    ],
)
def test_sentences(text: str, lang: str, expected: list[str]) -> None:
    sentences = split_sentences(text, lang)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_sentence_offsets_are_shifted() -> None:
    (first, second) = split_sentences("Ada buku. Cari.", "id", offset=10)
    assert (first.start, second.start) == (10, 20)


@pytest.mark.parametrize("lang", ["en", "zh", "ja", "ar", "fr"])
def test_disclaimer_is_recognised_with_small_edits(lang: str) -> None:
    text = disclaimers()[lang]
    assert is_boilerplate(text, lang)
    assert is_boilerplate("  " + text.replace(" ", "  ").upper() + " ", lang)
    assert is_boilerplate(text[: int(len(text) * 0.9)], lang)  # cut short
    head, tail = text[: len(text) // 2], text[len(text) // 2:]
    assert is_boilerplate(head, lang) and is_boilerplate(tail, lang)  # split over two paragraphs


def _disclaimer_by_difflib_alone(text: str) -> bool:
    """The definition ``is_disclaimer`` must keep: difflib on every disclaimer, no bounds first."""
    norm = normalise(text)
    for known in (normalise(t) for t in disclaimers().values()):
        share = len(norm) / len(known)
        if not norm or not MIN_PART <= share <= 1.6:
            continue
        if SYSTEM_NAME in norm:
            return True
        matcher = SequenceMatcher(None, norm, known, autojunk=False)
        if share >= 0.6 and matcher.ratio() >= MIN_SIMILARITY:
            return True
        if share <= 1.0 and sum(b.size for b in matcher.get_matching_blocks()) >= MIN_SIMILARITY * len(norm):
            return True
    return False


def _edited(text: str, rng: random.Random, filler: str) -> str:
    """``text`` with a few random cuts, insertions (of ``filler``'s words) and swaps of words."""
    words = text.replace(SYSTEM_NAME, "").split(" ")
    for _ in range(rng.randint(0, 40)):
        i = rng.randrange(len(words) + 1)
        action = rng.random()
        if action < 0.4 and i < len(words):
            del words[i]
        elif action < 0.8:
            words.insert(i, rng.choice(filler.split()))
        elif i < len(words) - 1:
            words[i], words[i + 1] = words[i + 1], words[i]
    start = rng.randrange(len(words) // 2 + 1) if rng.random() < 0.3 else 0
    return " ".join(words[start:])


def test_disclaimer_bounds_never_change_a_decision() -> None:
    """The LCS bound only skips SequenceMatcher where difflib would say no: 3,000 edited disclaimers
    (near the threshold, both ways) and news paragraphs decide as difflib alone does."""
    rng = random.Random(7)
    filler = "pemerintah the gouvernement 政府 الحكومة 政府は economy rupiah naik turun 2024 kata ujar"
    known = [normalise(t).replace(SYSTEM_NAME, "") for t in disclaimers().values()]
    decisions = []
    for _ in range(3000):
        text = _edited(rng.choice(known), rng, filler)
        decisions.append(_disclaimer_by_difflib_alone(text))
        assert is_disclaimer(text) == decisions[-1], text
    assert 0.2 < sum(decisions) / len(decisions) < 0.8  # both answers are exercised


@pytest.mark.parametrize(
    "text",
    [
        "The government prepared an emergency fund of Rp 2 billion for the victims.",
        "Les versions papier du journal sont imprimées à Jakarta et distribuées en France.",
        "人工智能公司表示，翻译质量仍在提高。",
        "",
    ],
)
def test_news_text_is_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text, "en")


def test_configured_patterns() -> None:
    config = Config(boilerplate=(r"^Baca juga:",))
    assert is_boilerplate("Baca juga: Banjir di Medan", "id", config)
    assert not is_boilerplate("Banjir di Medan. Baca juga: x", "id", config)
