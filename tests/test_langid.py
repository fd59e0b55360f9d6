"""Language identification: script evidence, the Latin detector, "und" for thin evidence."""
from __future__ import annotations

import pytest

from mtcheck.facts.langid import detect, dominant_language, family, paragraph_languages
from mtcheck.text.scripts import ordinary_words, quoted_mask

DETECTED = [
    ("Pemerintah kota akan membangun jembatan baru di atas sungai itu tahun depan.", "id"),
    ("Kerajaan negeri akan membina jambatan baharu merentasi sungai itu tahun hadapan.", "id"),  # Malay
    ("The city council will build a new bridge over the river next year.", "en"),
    ("La mairie construira un nouveau pont sur la rivière l'année prochaine.", "fr"),
    ("市政府明年将在这条河上修建一座新桥。", "zh"),
    ("市は来年、その川に新しい橋を建設する予定です。", "ja"),
    ("ستبني البلدية جسرا جديدا فوق النهر في العام المقبل.", "ar"),
    ("시 정부는 내년에 강 위에 새 다리를 건설할 예정이다.", "und-Hang"),
    ("Городской совет построит новый мост через реку в следующем году.", "und-Cyrl"),
    ("PEMERINTAH KOTA AKAN MEMBANGUN JEMBATAN BARU DI ATAS SUNGAI ITU", "id"),  # all-capitals headline
    ("佐科·维多多(Joko Widodo)总统周二在雅加达表示，经济将继续增长。", "zh"),  # Latin name in brackets
]

UNDETERMINED = [
    "Harga naik.",  # under four words
    "Joko Widodo, Prabowo Subianto, Anies Baswedan, Ganjar Pranowo",  # names only
    "JAKARTA, 12 Maret 2024 (Antara)",  # dateline
    "https://www.example.com/berita/ekonomi/2024/03/12/harga-beras",  # an address
    "3.500 ton, 12 kapal, 40 persen",  # numbers
    "东京",  # too short
    "",
]


@pytest.mark.parametrize(("text", "lang"), DETECTED)
def test_detects_language(text: str, lang: str) -> None:
    detected, confidence = detect(text)
    assert detected == lang
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("text", UNDETERMINED)
def test_thin_evidence_is_undetermined(text: str) -> None:
    assert detect(text) == ("und", 0.0)


def test_detection_is_deterministic() -> None:
    text = "Presiden mengatakan bahwa ekonomi tumbuh lebih cepat dari perkiraan."
    assert len({detect(text) for _ in range(20)}) == 1


def test_paragraph_languages_follow_paragraphs() -> None:
    text = (
        "Pemerintah kota akan membangun jembatan baru tahun depan.\n\n"
        "Ini.\n\n"
        "The city council will build a new bridge next year.\n"
    )
    assert paragraph_languages(text) == ["id", "und", "en"]


def test_dominant_language_weighs_words_and_ignores_und() -> None:
    assert dominant_language(["en", "id", "und"], [30, 10, 500]) == "en"
    assert dominant_language(["und", "und"], [3, 4]) == "und"


@pytest.mark.parametrize(
    ("lang", "expected", "fits"),
    [("ms", "id", True), ("zh", "ja", True), ("ja", "zh", False), ("en", "fr", False), ("fr", "fr", True)],
)
def test_family(lang: str, expected: str, fits: bool) -> None:
    assert family(lang, expected) is fits


def test_ordinary_words_skip_names_numbers_units() -> None:
    assert ordinary_words("Joko Widodo flew 120 km to NATO headquarters on an iPhone", sentence=False) == [
        "flew", "to", "headquarters", "on", "an"]
    assert ordinary_words("The economy grew") == ["the", "economy", "grew"]
    assert ordinary_words("Newport on the Levee", sentence=False) == ["on", "the"]


def test_quoted_mask_covers_short_quotes_and_titles_only() -> None:
    text = "Il a dit « we will see » puis 《a very long title with many words in it》 et « one two three four five six seven »."
    mask = quoted_mask(text)
    covered = "".join(c for c, m in zip(text, mask) if m)
    assert "we will see" in covered
    assert "a very long title with many words in it" in covered
    assert "one two three" not in covered


@pytest.mark.parametrize("text", [
    "Harga naik 3,5 persen di Jakarta.",  # ASCII
    "Élise a dit « ça va » à Jakarta, 12 fois.",  # Latin only, not ASCII
    "佐科(Joko Widodo)表示，价格上涨了。",  # mixed scripts
    "プラボウォ国防相(Prabowo)は語った。",
    "قال الوزير (Sri Mulyani) إن",
    "",
])
def test_script_units_fast_paths_count_as_the_run_scan(text: str) -> None:
    from collections import Counter

    from mtcheck.text.scripts import _RUN, CHARACTER_SCRIPTS, script_units
    from mtcheck.text.words import CJK_CHARS_PER_WORD

    expected: Counter[str] = Counter()
    for m in _RUN.finditer(text):
        script = m.lastgroup or ""
        expected[script] += (m.end() - m.start()) / CJK_CHARS_PER_WORD if script in CHARACTER_SCRIPTS else 1
    assert script_units(text) == expected
