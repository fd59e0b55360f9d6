"""The number engine: what each language's text says, read as values (table-driven, per locale)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.facts.numbers import COMMA, DOT, Quantity, format_number, parse_quantities, read_as

NBSP, NNBSP = "\u00a0", "\u202f"


def values(text: str, lang: str, source: bool = False) -> list[float]:
    """The primary value of every reportable (non-optional) quantity."""
    return [q.value for q in parse_quantities(text, lang, source) if not q.optional]


def only(text: str, lang: str, source: bool = False) -> Quantity:
    qs = [q for q in parse_quantities(text, lang, source) if not q.optional]
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


ID_CASES = [
    ("Sebanyak 80.000 orang hadir.", [80000]),
    ("Inflasi 3,25 persen.", [3.25]),
    ("Nilainya 1.234.567,89 rupiah.", [1234567.89]),
    ("Anggaran Rp2,1 triliun disetujui.", [2.1e12]),
    ("Penduduknya 1,7 juta jiwa.", [1.7e6]),
    ("Harga antara 25.000 dan 40.000.", [25000, 40000]),
    ("Naik 14% tahun ini.", [14]),
    ("Dana US$132,8 miliar.", [132.8e9]),
    ("Sekitar 45 ribu orang.", [45000]),
    ("Kurs Rp14.950 per dolar AS.", [14950]),
    ("Utang 62,3 triliun rupiah.", [62.3e12]),
    ("Gempa berkekuatan 7,5 melanda.", [7.5]),
    ("Ditangkap pukul 10.30 WIB.", []),
    ("Rapat pada 10:30 pagi.", []),
    ("Sidang 21/6/2024 ditunda.", []),
    ("Diputus 16/3 kemarin.", []),
    ("Pada tahun 2020 ekonomi melambat.", []),
    ("Pada 21 Juni 2024 ia tiba.", []),
    ("KTT G20 di Bali.", []),
    ("Pandemi COVID-19 berakhir.", []),
    ("Pesawat F-16 jatuh.", []),
    ("Lihat Pasal 5 ayat 2.", []),
    ("Hubungi 0812-3456-7890 sekarang.", [81234567890]),  # a phone number: its groups, sorted (test_phones.py)
    ("Buka https://contoh.id/berita/2024/123 di peramban.", []),
    ("Kirim ke redaksi2024@contoh.id.", []),
    ("Versi 1.2.3 dirilis.", []),
]


@pytest.mark.parametrize(("text", "expected"), ID_CASES)
def test_indonesian_source(text: str, expected: list[float]) -> None:
    assert values(text, "id", source=True) == pytest.approx(expected, rel=1e-9)


def test_indonesian_ordinals_and_ranges() -> None:
    qs = parse_quantities("Ia juara ke-3 dan naik 3,5 hingga 4,2 juta.", "id", source=True)
    ordinal = next(q for q in qs if q.token == "3")
    assert ordinal.optional  # a rank may stand for a target number, but is never reported missing
    first = next(q for q in qs if q.token == "3,5")
    assert 3.5e6 in first.values  # the range shares its scale word
    assert only("Menurut Pasal 12 ada 30 korban.", "id", source=True).value == 30


def test_indonesian_english_style_grouping_keeps_both_readings() -> None:
    q = only("Ada 1,127 pembelotan.", "id", source=True)
    assert q.values == pytest.approx((1.127, 1127))
    assert only("Penonton 3.26 juta.", "id", source=True).value == pytest.approx(3.26e6)


EN_CASES = [
    ("Some 45,000 people came.", [45000]),
    ("The rupiah was at Rp14,950.", [14950]),
    ("Debt of Rp62.3 trillion.", [62.3e12]),
    ("Exports of US$132.8 billion.", [132.8e9]),
    ("Rates rose 4.25% in May.", [4.25]),
    ("It cost $2.1bn.", [2.1e9]),
    ("The club paid £125m for him.", [125e6]),  # a scale letter after money: million
    ("A £40k salary and US$3.5m in bonuses.", [40e3, 3.5e6]),
    ("He ran 100m and carried 5m of rope.", [100, 5]),  # without money, "m" is metres
    ("Up 14 per cent.", [14]),
    ("She finished 3rd.", []),
    ("On June 21, the court met.", []),
    ("At 10:30 a.m. they left.", []),
    ("The G20 summit.", []),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english(text: str, expected: list[float]) -> None:
    assert values(text, "en") == pytest.approx(expected, rel=1e-9)


FR_CASES = [
    (f"Quelque 45{NNBSP}000 personnes.", [45000]),
    (f"Le cours est de 14{NBSP}950 roupies.", [14950]),
    ("Un budget de 2 300 milliards.", [2.3e12]),
    ("Une dette de 62,3 billions.", [62.3e12]),
    (f"Une hausse de 4,25{NBSP}%.", [4.25]),
    ("Près de 3,5 millions d'habitants.", [3.5e6]),
    ("Il est arrivé 3e.", []),
    ("Au 44è tour.", []),
    ("Rendez-vous à 4h40.", []),
    ("En 2016 300 personnes sont venues.", [300]),
]


@pytest.mark.parametrize(("text", "expected"), FR_CASES)
def test_french(text: str, expected: list[float]) -> None:
    assert values(text, "fr") == pytest.approx(expected, rel=1e-9)


ZH_CASES = [
    ("约4.5万人参加。", [45000]),
    ("债务2.3万亿印尼盾。", [2.3e12]),
    ("出口1328亿美元。", [132.8e9]),
    ("人口170万。", [1.7e6]),
    ("共有１２３人。", [123]),
    ("有15,000人。", [15000]),
    ("2016年6月21日发生。", []),
    ("2005 年 5 月30日。", []),
    ("他获得第3名。", []),
    ("凌晨4点40分。", []),
    ("增长了14%。", [14]),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_chinese(text: str, expected: list[float]) -> None:
    assert values(text, "zh") == pytest.approx(expected, rel=1e-9)


JA_CASES = [
    ("3万6000人が参加した。", [36000]),
    ("2兆3000億円の予算。", [2.3e12]),
    ("1万4950ルピア。", [14950]),
    ("1 億 4 千万ドル。", [1.4e8]),
    ("10時30分に開始。", []),
    ("3位に入った。", []),
    ("3 分 35 秒にゴール。", []),
    ("14パーセント増えた。", [14]),
]


@pytest.mark.parametrize(("text", "expected"), JA_CASES)
def test_japanese(text: str, expected: list[float]) -> None:
    assert values(text, "ja") == pytest.approx(expected, rel=1e-9)


AR_CASES = [
    ("حضر 45 ألف شخص.", [45000]),
    ("نحو 36 ألفاً من السكان.", [36000]),
    ("بلغ ١٤٩٥٠ روبية.", [14950]),
    ("ديون بقيمة 62.3 تريليون.", [62.3e12]),
    ("ارتفع بنسبة ١٤٫٥ في المائة.", [14.5]),
    ("نحو 300 ألف.", [300000]),
    ("وصل الساعة 10:30 صباحا.", []),
    ("عبر أكثر من 30،000 شخص الحدود.", [30000]),  # Arabic comma as a thousands mark
    ("١٢٠،٥٠٠ لاجئ.", [120500]),
    ("في الفصول 12،15 من التقرير.", [12, 15]),  # a list: no group of exactly three digits
]


@pytest.mark.parametrize(("text", "expected"), AR_CASES)
def test_arabic(text: str, expected: list[float]) -> None:
    assert values(text, "ar") == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [("three people", "en", 3), ("trois personnes", "fr", 3), ("三个人", "zh", 3), ("ثلاثة أشخاص", "ar", 3),
     ("三千五百人", "zh", 3500), ("lima belas orang", "id", 15), ("بعشرين عامًا", "ar", 20),
     ("LIMA BELAS orang", "id", 15), ("Three people", "en", 3)],  # found whatever the case
)
def test_number_words_are_optional_quantities(text: str, lang: str, value: float) -> None:
    words = [q for q in parse_quantities(text, lang) if q.word]
    assert [q.value for q in words] == [value]
    assert all(q.optional for q in words)


@pytest.mark.parametrize(
    "text",
    ["Ia salah satu saksi kunci.", "Salah satunya berasal dari Bandung.", "Itu satu-satunya jalan keluar.",
     "Dua-duanya menolak berkomentar.", "Warga dievakuasi satu per satu.", "Mereka saling mengenal satu sama lain.",
     "Seorang saksi membeli sebuah rumah sekitar sepekan lalu."],  # se- (a/one) is an article, not a count
)
def test_indonesian_idioms_are_not_number_words(text: str) -> None:
    assert [q.text for q in parse_quantities(text, "id", source=True) if q.word] == []


def test_number_words_next_to_idioms_still_count() -> None:
    qs = parse_quantities("Salah satu dari dua kapal membawa satu ton beras.", "id", source=True)
    assert [(q.text, q.value) for q in qs if q.word] == [("dua", 2), ("satu", 1)]


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [("naik 5 persen", "id", "percent"), ("Rp5.000", "id", "currency"), ("5 dolar AS", "id", "currency"),
     ("5 pour cent", "fr", "percent"), ("5美元", "zh", "currency"), ("百分之五", "zh", "percent"),
     ("5 في المائة", "ar", "percent"), ("5 people", "en", "plain")],
)
def test_kinds(text: str, lang: str, kind: str) -> None:
    assert parse_quantities(text, lang)[0].kind == kind


@pytest.mark.parametrize(
    ("token", "conv", "expected"),
    [("80.000", COMMA, "80000"), ("80.000", DOT, "80"), ("45,000", COMMA, "45.000"), ("45,000", DOT, "45000"),
     ("3,25", DOT, None), ("1.234.567,89", COMMA, "1234567.89"), ("1.234.567,89", DOT, None),
     ("12,34,567", DOT, None), ("80 000", COMMA, "80000"), ("١٤٫٥".translate({0x661: "1", 0x664: "4", 0x665: "5"}),
                                                          DOT, "14.5")],
)
def test_read_as(token: str, conv: str, expected: str | None) -> None:
    assert read_as(token, conv) == (None if expected is None else Decimal(expected))


def test_target_forms() -> None:
    en = only("about 80.000 people", "en")
    assert en.values == (80.0,) and en.foreign_values == (80000.0,)  # reads as 80, meant 80,000
    fr = only("45,000 personnes", "fr")
    assert fr.values == (45.0,) and fr.foreign_values == (45000.0,)
    fr_dot = only("80.000 personnes", "fr")
    assert fr_dot.values == () and fr_dot.lenient_values == (80000.0,)  # understood, but not French
    ar = only("20.000 شخص", "ar")
    assert 20000.0 in ar.lenient_values
    ar_comma = only("30،000 شخص", "ar")  # understood as thirty thousand, but not the Arabic group mark
    assert ar_comma.values == () and ar_comma.lenient_values == (30000.0,)


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [("en", 80000, "80,000"), ("fr", 80000, f"80{NNBSP}000"), ("fr", 3.25, "3,25"), ("zh", 80000, "80,000"),
     ("id", 1234567.89, "1.234.567,89"), ("ar", 2.5, "2.5"),
     ("en", 1e25, "10,000,000,000,000,000,000,000,000"),  # 26 digits: over Decimal's default precision of 28
     ("fr", 2.5e30, NNBSP.join(["2", *["500"], *["000"] * 9])),  # with babel's 3 decimals
     ("en", float("inf"), "Infinity")],  # 400 digits overflow a float
)
def test_format_number(lang: str, value: float, expected: str) -> None:
    assert format_number(value, lang) == expected


@settings(max_examples=150, deadline=None)
@given(
    lang=st.sampled_from(["id", "en", "fr", "zh", "ja", "ar"]),
    value=st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False, allow_infinity=False),
)
def test_format_then_parse_round_trips(lang: str, value: Decimal) -> None:
    text = f"Rp{format_number(value, lang)}"  # a currency is never taken for a year
    qs = parse_quantities(text, lang, source=lang == "id", words=False)
    assert len(qs) == 1
    assert qs[0].value == pytest.approx(float(value), rel=1e-9, abs=1e-9)


_BEFORE = ["", "+", "+62 ", "pukul ", "jam ", "Rp", "(", "at ", "à ", "1-", "12/", "10:", "$"]
_AFTER = ["", "-12-34", "/6/2024", "/3", ":30", ":30 WIB", ".30 WIB", " WIB", " pm", " a.m.", "h30", " h", "年",
          "年代", "月", "月5日", "時", "点", "分3秒", " persen", " juta", ",5", ".000"]


@settings(max_examples=300, deadline=None)
@given(lang=st.sampled_from(["id", "en", "fr", "zh", "ja", "ar"]),
       parts=st.lists(st.tuples(st.sampled_from(_BEFORE), st.integers(min_value=1, max_value=100),
                                st.sampled_from("1290"), st.sampled_from(_AFTER)), min_size=1, max_size=4))
def test_long_digit_runs_exclude_what_they_did(lang: str, parts: list[tuple[str, int, str, str]]) -> None:
    """A time/date/phone pattern starts inside a run of digits only near its end (they scanned a long run from
    each of its positions: 30,000 digits took 78 s; bench/bench_pathological.py 'a long number'): the numbers
    found are those of patterns free to start anywhere."""
    import re

    from mtcheck.facts import numbers
    from mtcheck.text.caching import clear_text_caches

    text = " dan ".join(f"{before}{digit * count}{after}" for before, count, digit, after in parts)

    def found() -> list[tuple[float, int, int]]:
        clear_text_caches()
        numbers._grammar.cache_clear()
        return [(q.value, q.start, q.end) for q in parse_quantities(text, lang, source=lang == "id")]

    guarded = found()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(numbers, "_RUN_GUARD", "")
        patch.setattr(numbers, "_UNIVERSAL", re.compile("|".join(numbers._UNIVERSAL_EXCLUDES)))
        free = found()
    numbers._grammar.cache_clear()
    assert guarded == free


@settings(max_examples=300, deadline=None)
@given(lang=st.sampled_from(["zh", "ja"]), text=st.text(alphabet="一二五十百千万亿億兆年人 a1", max_size=40))
def test_a_kanji_numeral_is_a_whole_run_of_numeral_characters_with_a_digit(lang: str, text: str) -> None:
    """The pattern starts only where a run starts (a long run of 万 was scanned from each of its characters:
    bench/bench_pathological.py 'a run of 万'); what it finds is still every run that holds a digit or 十百千."""
    import re

    from mtcheck.facts.numbers import _KANJI_DIGITS, _KANJI_SMALL, _grammar
    from mtcheck.locales import get_locale

    big = [w for w, v in get_locale(lang).scale_words.items() if len(w) == 1 and v >= 1e4]
    numeral = set(_KANJI_DIGITS) | set(_KANJI_SMALL)
    runs = [m.span() for m in re.finditer(f"[{''.join(numeral | set(big))}]+", text) if numeral & set(m.group())]
    kanji = _grammar(lang).kanji
    assert kanji is not None and [m.span() for m in kanji.finditer(text)] == runs
