"""Reading dates per language: every case is (text, expected readings as (day, month, year, weekday))."""
from __future__ import annotations

import pytest

from mtcheck.facts.dates import format_date, parse_dates

CASES: list[tuple[str, str, list[tuple[int | None, int | None, int | None, int | None]]]] = [
    # Indonesian source forms
    ("id", "Presiden tiba pada 9 Maret di Bandung.", [(9, 3, None, None)]),
    ("id", "Rapat digelar 9 Maret 2023 di Jakarta.", [(9, 3, 2023, None)]),
    ("id", "Kamis (16/3/2023), polisi menahan dua orang.", [(16, 3, 2023, 4)]),
    ("id", "Jum'at (17/3) dan Sabtu pagi hujan turun.", [(17, 3, None, 5), (None, None, None, 6)]),
    ("id", "Kontrak diteken 30 Agt 2021 dan berakhir 1 Des 2022.", [(30, 8, 2021, None), (1, 12, 2022, None)]),
    ("id", "Inflasi naik sejak Januari, kata Selasa.", [(None, 1, None, None), (None, None, None, 2)]),
    ("id", "Undang-undang itu disahkan pada 2016.", [(None, None, 2016, None)]),
    # a cue word before a month-year keeps the year with the month (not a separate mention)
    ("id", "Harga beras naik sejak Maret 2023 lalu.", [(None, 3, 2023, None)]),
    ("id", "Pemilu digelar pada bulan Februari.", [(None, 2, None, None)]),
    ("id", "Ia tiba pada hari Minggu, 5 Februari.", [(5, 2, None, 7)]),
    # month and weekday names are looked for case-insensitively (a headline in capitals)
    ("id", "KAMIS, 16 MARET 2023: BI MENAHAN SUKU BUNGA", [(16, 3, 2023, 4)]),
    ("en", "ON THURSDAY, MARCH 16, 2023, POLICE MOVED IN.", [(16, 3, 2023, 4)]),
    # not dates: weeks, times, quantities, decades
    ("id", "Minggu lalu harga naik 2.000 rupiah.", []),
    ("id", "Dua minggu kemudian, pukul 10.30 WIB, dia pergi.", []),
    ("id", "Musik tahun 1990-an kembali populer; skor 3/4.", []),
    # English
    ("en", "On Thursday, March 16, 2023, police arrested two men.", [(16, 3, 2023, 4)]),
    ("en", "The deal was signed on 9 March 2023.", [(9, 3, 2023, None)]),
    ("en", "Prices have risen since May, she may say.", [(None, 5, None, None)]),
    ("en", "The Sunday Times reported it in the 1990s.", []),
    ("en", "The meeting on 16/3/2023 ended early.", [(16, 3, 2023, None)]),
    # French
    ("fr", "Le jeudi 1er mars 2023, la police a arrêté deux hommes.", [(1, 3, 2023, 4)]),
    ("fr", "Il est arrivé le 9 mars à Paris.", [(9, 3, None, None)]),
    ("fr", "Mars est la quatrième planète.", []),
    # Chinese
    ("zh", "2023年3月16日（周四），警方逮捕了两人。", [(16, 3, 2023, 4)]),
    ("zh", "节目将于九月三十日星期日播出。", [(30, 9, None, 7)]),
    ("zh", "他每周一次去医院，一周五天工作。", []),
    ("zh", "该法律于2016年通过。", [(None, None, 2016, None)]),
    # Japanese
    ("ja", "2023年3月16日（木）、警察は2人を逮捕した。", [(16, 3, 2023, 4)]),
    ("ja", "首相は9日、木曜日に会見した。", [(9, None, None, 4)]),
    ("ja", "交渉は3か月続き、3日間の休みを取った。", []),
    # Arabic: Egyptian and Levantine month names, Arabic-Indic digits, attached prefixes
    ("ar", "وصل الرئيس يوم الخميس 16 مارس/آذار 2023 إلى جاكرتا.", [(16, 3, 2023, 4)]),
    ("ar", "عقد الاجتماع في ٩ آذار ٢٠٢٣.", [(9, 3, 2023, None)]),
    ("ar", "وصل في أيار والسبت عاد.", [(None, 5, None, None), (None, None, None, 6)]),
    ("ar", "اتفق كلا الاثنين على الخطة.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_parse_dates(lang: str, text: str, expected: list[tuple[int | None, ...]]) -> None:
    assert [m.reading for m in parse_dates(text, lang)] == expected


def test_spans_point_at_the_text() -> None:
    text = "Kemarin, Kamis (16/3/2023), dia datang."
    (m,) = parse_dates(text, "id")
    assert text[m.span.start:m.span.end] == m.span.text
    assert m.span.text.startswith("Kamis (16/3/2023")
    assert m.numeric and m.order == "dmy"


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("id", "Rapat digelar Selasa (24/11/2026) di Senayan.", "Selasa (24/11/2026)"),
        ("id", "Hujan turun sejak Sabtu ( 13/3/2027 ), kata BPBD.", "Sabtu ( 13/3/2027 )"),
        ("en", "He arrived on Thursday (16/3/2023) in Tokyo.", "Thursday (16/3/2023)"),
        ("ja", "県知事は2027年3月15日（日）から緊急事態を宣言した。", "2027年3月15日（日）"),
        ("zh", "2023年3月16日（周四），他抵达东京。", "2023年3月16日（周四）"),
        ("ar", "الخميس (16/3/2023) وصل الرئيس.", "الخميس (16/3/2023)"),
        ("id", "(Kamis 16/3/2023) tertulis di undangan.", "Kamis 16/3/2023"),  # already balanced
    ],
)
def test_spans_take_the_closing_bracket(lang: str, text: str, span: str) -> None:
    (m,) = parse_dates(text, lang)
    assert m.span.text == span and text[m.span.start:m.span.end] == span


def test_english_numeric_date_reads_both_ways_when_ambiguous() -> None:
    (m,) = parse_dates("It happened on 3/4/2023.", "en")
    assert m.ambiguous and set(m.readings()) == {(3, 4, 2023, None), (4, 3, 2023, None)}
    (us,) = parse_dates("It happened on 3/16/2023.", "en")
    assert us.reading == (16, 3, 2023, None) and not us.ambiguous


@pytest.mark.parametrize(
    ("lang", "args", "expected"),
    [
        ("en", (16, 3, 2023, None), "March 16, 2023"),
        ("en", (16, 3, None, 4), "Thursday, March 16"),
        ("fr", (1, 3, 2023, None), "1er mars 2023"),
        ("zh", (16, 3, 2023, None), "2023年3月16日"),
        ("ja", (16, 3, 2023, 4), "2023年3月16日木曜日"),
        ("ar", (16, 3, None, None), "16 مارس"),
        ("en", (None, None, None, 5), "Friday"),
    ],
)
def test_format_date(lang: str, args: tuple[int | None, ...], expected: str) -> None:
    assert format_date(lang, *args) == expected


def test_span_overlap_lookups_equal_the_linear_scan() -> None:
    """The parser's claimed and blocked spans are searched by bisection (thousands of dates made the
    scans quadratic); the answers must be those of comparing every span."""
    import random

    from mtcheck.facts.dates import _Taken
    from mtcheck.model import Span
    from mtcheck.text.scan import Spans

    rng = random.Random(3)
    for _ in range(200):
        blocked_spans = [(a, a + rng.randint(1, 9)) for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 6)))]
        blocked, taken, claimed = Spans(blocked_spans), _Taken(), []
        for _ in range(30):
            start = rng.randint(0, 70)
            span = Span(start, start + rng.randint(1, 8), "")
            hits_blocked = any(span.start < e and s < span.end for s, e in blocked_spans)
            hits_taken = any(span.start < e and s < span.end for s, e in claimed)
            assert blocked.touches(span.start, span.end) == hits_blocked and taken.overlaps(span) == hits_taken
            if not hits_taken:
                taken.add(span)
                claimed.append((span.start, span.end))
