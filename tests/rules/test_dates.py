"""DATE001 date-mismatch and DATE002 date-format on short news sentences written for these tests."""
from __future__ import annotations

import pytest

from mtcheck.engine import check
from mtcheck.model import Article, Finding, Text
from mtcheck.rules.dates import DateFormat, DateMismatch

SOURCE = (
    "Kamis (16/3/2023), Presiden Joko Widodo tiba di Tokyo.\n\n"
    "Pertemuan berikutnya dijadwalkan pada 9 Mei 2023, kata juru bicara pada hari Sabtu."
)


def run(rule: object, target: str, lang: str, source: str = SOURCE) -> list[Finding]:
    article = Article("a", Text("id", source), {lang: Text(lang, target)})
    return check(article, rules=[rule]).versions[0].findings  # type: ignore[list-item]


CLEAN = [
    ("en", ("On Thursday, March 16, 2023, President Joko Widodo arrived in Tokyo.\n\n"
           "The next meeting is scheduled for 9 May 2023, a spokesman said on Saturday.")),
    ("fr", ("Le jeudi 16 mars 2023, le président Joko Widodo est arrivé à Tokyo.\n\n"
           "La prochaine réunion est prévue le 9 mai 2023, a déclaré samedi un porte-parole.")),
    ("zh", "2023年3月16日（周四），佐科·维多多总统抵达东京。\n\n发言人星期六表示，下一次会议定于2023年5月9日举行。"),
    ("ja", "2023年3月16日（木）、ジョコ・ウィドド大統領が東京に到着した。\n\n報道官は土曜日、次回の会合は5月9日に予定されていると述べた。"),
    ("ar", ("وصل الرئيس جوكو ويدودو إلى طوكيو يوم الخميس ١٦ آذار ٢٠٢٣.\n\n"
           "وقال المتحدث يوم السبت إن الاجتماع المقبل مقرر في 9 مايو/أيار 2023.")),
    # a date left out is an omission (STR001), not a wrong date
    ("en", "President Joko Widodo arrived in Tokyo on Thursday.\n\nThe next meeting is in May, a spokesman said."),
]


@pytest.mark.parametrize(("lang", "target"), CLEAN)
def test_correct_dates_are_not_flagged(lang: str, target: str) -> None:
    assert run(DateMismatch(), target, lang) == []
    assert run(DateFormat(), target, lang) == []


WRONG = [
    ("en", "On Friday, March 16, 2023, President Joko Widodo arrived in Tokyo.", "Kamis", "Friday", "weekday"),
    ("fr", "Le jeudi 16 mars 2023, le président est arrivé.\n\nLa réunion est prévue le 19 mai 2023.",
     "9 Mei 2023", "19 mai 2023", "day"),
    ("zh", "2023年3月16日（周四），总统抵达东京。\n\n下一次会议定于2023年6月9日举行。", "9 Mei 2023", "2023年6月9日", "month"),
    ("ja", "2023年3月16日（木）、大統領が到着した。\n\n次回の会合は2024年5月9日。", "9 Mei 2023", "2024年5月9日", "year"),
    ("ar", "وصل الرئيس يوم الخميس 16 مارس 2023.\n\nوقال المتحدث يوم الأحد إن الاجتماع في 9 مايو 2023.",
     "Sabtu", "الأحد", "weekday"),
]


@pytest.mark.parametrize(("lang", "target", "src", "tgt", "field"), WRONG)
def test_wrong_date_is_flagged_with_both_spans(lang: str, target: str, src: str, tgt: str, field: str) -> None:
    findings = run(DateMismatch(), target, lang)
    assert len(findings) == 1
    f = findings[0]
    assert f.rule == "DATE001" and f.severity.value == "major"
    assert f.source is not None and src in f.source.text
    assert f.target is not None and tgt in f.target.text
    assert field in f.message


def test_wrong_standalone_year() -> None:
    findings = run(DateMismatch(), "The law was passed in 2017.", "en", source="Undang-undang itu disahkan pada 2016.")
    assert [(f.source.text, f.target.text) for f in findings if f.source and f.target] == [("2016", "2017")]


def test_suggestion_is_the_source_date_in_target_form() -> None:
    (f,) = run(DateMismatch(), "On Friday, March 16, 2023, he arrived.", "en", source="Kamis (16/3/2023), dia tiba.")
    assert f.suggestion == "Thursday, March 16, 2023"


@pytest.mark.parametrize(
    ("lang", "target", "flagged", "suggestion"),
    [
        ("en", "On Thursday (16/3/2023), he arrived.", "16/3/2023", "Thursday, March 16, 2023"),
        ("zh", "16/3/2023（周四），他抵达。", "16/3/2023", "2023年3月16日星期四"),
        ("fr", "Le 1 mars 2023, il est arrivé.", "1 mars 2023", "1er mars 2023"),
    ],
)
def test_date_format_flagged(lang: str, target: str, flagged: str, suggestion: str) -> None:
    source = "Kamis (16/3/2023), dia tiba." if "16" in target else "Pada 1 Maret 2023, dia tiba."
    findings = run(DateFormat(), target, lang, source=source)
    assert len(findings) == 1
    assert findings[0].target is not None and flagged in findings[0].target.text
    assert findings[0].suggestion == suggestion


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("fr", "Jeudi (16/3/2023), il est arrivé."),  # day/month/year is French order
        ("ar", "الخميس (16/3/2023) وصل."),
        ("zh", "2023/3/16，他抵达。"),  # year first reads unambiguously
        ("fr", "Le 1er mars 2023, il est arrivé."),
    ],
)
def test_date_format_native_orders_accepted(lang: str, target: str) -> None:
    assert run(DateFormat(), target, lang, source="Kamis (16/3/2023), dia tiba.") == []


# A date elsewhere in the translation must not vouch for a changed one: each source date needs its own
# rendering, and a full date only counts as rendered by a date that carries its day.
PLANTED = [
    # a partial date ("akhir Maret 2027") does not vouch for a full one
    ("ja", "Status darurat berlaku mulai Minggu (14/3/2027).\n\nHujan turun hingga akhir Maret 2027.",
     "緊急事態は2027年3月15日（日）から適用される。\n\n雨は2027年3月末まで続く。",
     "Minggu (14/3/2027)", "2027年3月15日（日）", "day"),
    # the same weekday given twice: the first, correct rendering cannot vouch for the second
    ("en", "Kamis (16/3/2023), rapat dimulai.\n\nPada Kamis malam, rapat ditutup.",
     "On Thursday, March 16, 2023, the meeting began.\n\nOn Friday night, the meeting closed.",
     "Kamis", "Friday", "weekday"),
    # two Sabtu and one Minggu: a second "dimanche" is one too many
    ("fr", "Sidang dibuka Sabtu.\n\nSaksi hadir pada Sabtu.\n\nPutusan dibacakan Minggu.",
     "L'audience s'est ouverte samedi.\n\nLe témoin a comparu dimanche.\n\nLe verdict a été lu dimanche.",
     "Sabtu", "dimanche", "weekday"),
    # a month-year after a cue word is one date: its year is checked too
    ("zh", "Harga beras naik sejak Maret 2023.", "米价自2022年3月以来上涨。", "Maret 2023", "2022年3月", "year"),
    ("en", "Harga beras naik sejak Maret 2023.", "Rice prices have risen since March 2022.", "Maret 2023", "March 2022",
     "year"),
]


@pytest.mark.parametrize(("lang", "source", "target", "src", "tgt", "field"), PLANTED)
def test_a_date_elsewhere_does_not_vouch_for_a_changed_one(
    lang: str, source: str, target: str, src: str, tgt: str, field: str
) -> None:
    findings = run(DateMismatch(), target, lang, source=source)
    assert [(f.source.text if f.source else None, f.target.text if f.target else None) for f in findings] == [
        (src, tgt)
    ]
    assert field in findings[0].message


@pytest.mark.parametrize(
    ("lang", "source", "target"),
    [
        # the year and the weekday may be left out; Japanese gives the day alone within the month
        ("en", "Kamis (16/3/2023), rapat dimulai.", "On March 16, the meeting began."),
        ("ja", "Status darurat berlaku mulai Minggu (14/3/2027).", "緊急事態は14日（日）から適用される。"),
        # a date the translation repeats, and a year that is also part of a full target date
        ("fr", "Sidang dibuka Sabtu. Pada 2027 sidang lain digelar.",
         "L'audience s'est ouverte samedi. Samedi, la salle était pleine. Une autre se tiendra le 3 mars 2027."),
        ("ja", "Hujan turun hingga akhir Maret 2027.", "雨は2027年3月末まで続く。"),
    ],
)
def test_multiset_matching_accepts_honest_renderings(lang: str, source: str, target: str) -> None:
    assert run(DateMismatch(), target, lang, source=source) == []


def test_finding_spans_are_balanced() -> None:
    (f,) = run(DateMismatch(), "Le mercredi 24 novembre 2026, la loi a été adoptée.", "fr",
               source="Selasa (24/11/2026), undang-undang itu disahkan.")
    assert f.source is not None and f.source.text == "Selasa (24/11/2026)"
    (g,) = run(DateFormat(), "On Thursday (16/3/2023), he arrived.", "en", source="Kamis (16/3/2023), dia tiba.")
    assert g.target is not None and g.target.text == "Thursday (16/3/2023)"
