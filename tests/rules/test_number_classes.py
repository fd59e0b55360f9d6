"""Legitimate divergences the number rules accept, and the errors hidden among them they still catch (issue 18):
quantities with units, ranks, numbers in words, approximations, phone numbers, ranges, unreadable numbers,
and where a missing number is reported. Each class: accepted renderings and flagged ones, in every target
language it concerns."""
from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.facts.numbers import parse_quantities
from mtcheck.model import Article, Finding, Severity, Text
from mtcheck.rules.base import all_rules

CODES = ("NUM001", "NUM002", "NUM003")
NNBSP = "\u202f"


def run(source: str, lang: str, target: str) -> list[Finding]:
    article = Article("t", Text("id", source), {lang: Text(lang, target)})
    rules = [all_rules()[code]() for code in CODES]
    return check(article, Config(), rules).versions[0].findings


def majors(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.rule, f.target.text if f.target else None) for f in findings if f.severity is not Severity.MINOR]


ACCEPTED = [
    # 1. quantities with units: conversions within rounding, a dropped or added bracketed conversion
    ("Badai berada 60 mil dari pantai.", "en", "The storm was 97 km off the coast."),
    ("Badai berada 60 mil dari pantai.", "fr", "La tempête se trouvait à 97 km de la côte."),
    ("Badai berada 60 mil dari pantai.", "zh", "风暴距离海岸97公里。"),
    ("Badai berada 60 mil dari pantai.", "ja", "嵐は海岸から97キロメートルの地点にあった。"),
    ("Badai berada 60 mil dari pantai.", "ar", "كانت العاصفة على بعد 97 كيلومترا من الساحل."),
    ("Tingginya 6 kaki.", "fr", "Il mesure 1,83 m."),
    ("Tingginya 6 kaki.", "en", "He is 1.83 metres tall."),
    ("Suhu mencapai 75 derajat Fahrenheit.", "fr", "La température a atteint 24 °C."),
    ("Suhu mencapai 75 derajat Fahrenheit.", "zh", "气温达到24摄氏度。"),
    ("Suhu mencapai 75 derajat Fahrenheit.", "ar", "بلغت الحرارة 24 درجة مئوية."),
    ("Suhu mencapai 80 derajat di luar.", "fr", "Il faisait 26 degrés dehors."),
    ("Beratnya 10 pon.", "fr", "Il pèse 4,5 kg."),
    ("Beratnya 10 pon.", "ja", "重さは4.5キログラムだ。"),
    ("Beratnya 10 pon.", "ar", "يزن 4.5 كيلوغرام."),
    ("Panjangnya 5 inci.", "fr", "Il mesure 13 cm."),
    ("Mobil melaju 30 mil per jam.", "fr", "La voiture roulait à 48 km/h."),
    ("Mobil melaju 30 mil per jam.", "zh", "汽车以时速48公里行驶。"),
    ("Lahan seluas 100 ekar terbakar.", "en", "Some 40 hectares burned."),
    ("Lahan seluas 100 ekar terbakar.", "fr", "Quelque 40 ha ont brûlé."),
    ("Ia membeli 2 galon air.", "fr", "Il a acheté 7,6 litres d’eau."),
    ("Gunung itu berada 45 mil (72 kilometer) dari ibu kota.", "fr", "Le volcan est situé à 72 km de la capitale."),
    ("Gunung itu berada 45 mil (72 kilometer) dari ibu kota.", "ja", "火山は首都から72キロメートルの所にある。"),
    ("Ombak setinggi 6 meter menerjang.", "en", "Waves 6 metres (20 feet) high struck."),
    # 2. ranks
    ("Ia masuk pit di lap ke-44.", "en", "He pitted on the 44th lap."),
    ("Ia masuk pit di lap ke-44.", "fr", "Il est rentré au stand au 44e tour."),
    ("Ia masuk pit di lap ke-44.", "zh", "他在第44圈进站。"),
    ("Ia masuk pit di lap ke-44.", "ja", "彼は第44周にピットインした。"),
    ("Ia masuk pit di lap ke-44.", "ar", "دخل إلى منطقة الصيانة في اللفة 44."),
    ("Ia terpilih dari daerah pemilihan Jawa Barat 13.", "en", "He was elected in West Java's 13th district."),
    ("Ini abad ke-21.", "en", "This is the twenty-first century."),
    ("Ini abad ke-21.", "ar", "هذا هو القرن الحادي والعشرين."),
    ("Ini abad ke-21.", "fr", "C’est le 21e siècle."),
    ("Patung itu dibuat pada abad ke-19.", "fr", "Ce matin, on rappelle que la statue date du XIXe siècle."),
    ("Patung itu dibuat pada abad ke-19.", "ar", "صنع التمثال في القرن التاسع عشر."),
    ("Kota itu merayakan hari jadinya yang ke-40.", "ar", "كانت المدينة تحتفل بعيدها الاربعون."),
    # 3. numbers in words, approximations
    ("Sebanyak tujuh puluh lima persen warga setuju.", "en", "Some 75% of residents agreed."),
    ("Sebanyak 75 persen warga setuju.", "fr", "Soixante-quinze pour cent des habitants sont d’accord."),
    ("Sebanyak 41 orang tewas.", "en", "Forty-one people died."),
    ("Sebanyak 41 orang tewas.", "fr", "Quarante et une personnes sont mortes."),
    ("Sebanyak 2.000 orang hadir.", "ar", "حضر ألفين شخص."),
    ("Proyek itu bernilai 2 miliar dolar.", "ar", "تبلغ قيمة المشروع مليارين دولار."),
    ("Lebih dari 3 juta orang mengungsi.", "zh", "300多万人流离失所。"),
    ("Sekitar 29.500 orang hadir.", "ja", "約3万人が参加した。"),
    ("Sebanyak 1.100 orang tewas.", "zh", "1000多人死亡。"),
    ("Dalam 100 tahun terakhir terjadi tsunami.", "fr", "Des tsunamis ont frappé depuis un siècle."),
    # 7. phone numbers in right-to-left text
    ("Hubungi 0812-3456-7890 untuk informasi.", "ar", "للاستفسار اتصل على 7890-3456-0812."),
    ("Hubungi 0812-3456-7890 untuk informasi.", "en", "Call 0812-3456-7890 for information."),
    ("Hubungi polisi di 859-292-3680.", "ja", "警察859-292-3680まで連絡してください。"),
    # ranges, end with end
    ("Antara 3.500 dan 4.000 orang hadir.", "en", "Between 3,500 and 4,000 people attended."),
    ("Antara 3.500 dan 4.000 orang hadir.", "zh", "3500至4000人参加。"),
    ("Antara 3.500 dan 4.000 orang hadir.", "fr", f"Entre 3{NNBSP}500 et 4{NNBSP}000 personnes étaient présentes."),
]


@pytest.mark.parametrize(("source", "lang", "target"), ACCEPTED)
def test_accepted(source: str, lang: str, target: str) -> None:
    findings = run(source, lang, target)
    assert findings == [], [(f.rule, f.message) for f in findings]


FLAGGED = [
    # (source, lang, target, the target text of the one major finding)
    ("Badai berada 60 mil dari pantai.", "fr", "La tempête se trouvait à 60 km de la côte.", "60"),
    ("Badai berada 60 mil dari pantai.", "en", "The storm was 80 km off the coast.", "80"),
    ("Suhu mencapai 75 derajat Fahrenheit.", "zh", "气温达到30摄氏度。", "30"),
    ("Beratnya 10 pon.", "ar", "يزن 10 كيلوغرام.", "10"),
    ("Ia masuk pit di lap ke-44.", "en", "He pitted on the 54th lap.", "54"),
    ("Ia masuk pit di lap ke-44.", "fr", "Il est rentré au stand au 54e tour.", "54"),
    ("Ia masuk pit di lap ke-44.", "zh", "他在第54圈进站。", "54"),
    ("Lebih dari 3 juta orang mengungsi.", "zh", "500多万人流离失所。", "500多万"),
    ("Sekitar 30.000 orang hadir.", "ja", "約5万人が参加した。", "5万"),
    ("Hubungi 0812-3456-7890 untuk informasi.", "ar", "للاستفسار اتصل على 7899-3456-0812.", "7899-3456-0812"),
    ("Hubungi 0812-3456-7890 untuk informasi.", "en", "Call 0812-3456-7809 for information.", "0812-3456-7809"),
    ("Antara 3.500 dan 4.000 orang hadir.", "en", "Between 3,500 and 5,000 people attended.", "5,000"),
    ("Antara 3.500 dan 4.000 orang hadir.", "zh", "3500至4500人参加。", "4500"),
    ("Antara 3.500 dan 4.000 orang hadir.", "fr", f"Entre 3{NNBSP}500 et 4{NNBSP}500 personnes étaient présentes.",
     f"4{NNBSP}500"),
    ("Klub itu membayar €100 juta.", "ja", "クラブは1憶ユーロを支払った。", "1憶ユーロ"),
    ("Klub itu membayar €100 juta.", "zh", "俱乐部支付了1忆欧元。", "1忆欧元"),
]


@pytest.mark.parametrize(("source", "lang", "target", "wrong"), FLAGGED)
def test_flagged(source: str, lang: str, target: str, wrong: str) -> None:
    findings = run(source, lang, target)
    assert [text for _, text in majors(findings)] == [wrong], [(f.rule, f.severity, f.message) for f in findings]


def test_a_wrong_conversion_names_both_quantities() -> None:
    (f,) = run("Badai berada 60 mil dari pantai.", "fr", "La tempête se trouvait à 80 km de la côte.")
    assert f.rule == "NUM002" and f.severity is Severity.MAJOR
    assert "80 km" in f.message and "60 mil" in f.message and "96.6 km" in f.message


def test_an_unreadable_scale_character_is_suspicious_and_says_what_was_meant() -> None:
    (f,) = run("Klub itu membayar €100 juta.", "ja", "クラブは1憶ユーロを支払った。")
    assert f.rule == "NUM001" and "億" in f.message and f.suggestion == "1億ユーロ"


@pytest.mark.parametrize(
    ("source", "lang", "target", "missing"),
    [
        # a length is never paired with a weight: the source's 40 km is missing at the source, 70 kg is extra
        ("Truk itu melaju sejauh 40 km.", "en", "The truck carried 70 kg.", "40 km"),
        # an unrelated number is not taken as the rendering: 42 is missing, the 3 is another number
        ("Pemain berusia 42 tahun itu tertinggal 3 poin.", "en", "The player is 3 points behind.", "42"),
        # an idiom for a number: reported at the source, minor
        ("Ia 100 persen yakin.", "ja", "彼は絶対に確信している。", "100 persen"),
        ("Ia 99 persen yakin.", "zh", "他绝对相信。", "99 persen"),
    ],
)
def test_a_number_with_no_counterpart_is_minor_at_the_source(source: str, lang: str, target: str, missing: str) -> None:
    findings = run(source, lang, target)
    num002 = [f for f in findings if f.rule == "NUM002"]
    assert [(f.source.text if f.source else None, f.target, f.severity) for f in num002] == [
        (missing.split(" ")[0] if "km" in missing else missing, None, Severity.MINOR)
    ]
    assert majors(findings) == []


PARSED = [
    # (text, lang, value, ordinal)
    ("tujuh puluh lima persen", "id", 75, False),
    ("dua pertiga", "id", 2 / 3, False),
    ("seratus dua puluh lima ribu", "id", 125000, False),
    ("ketiga", "id", 3, True),
    ("forty-one", "en", 41, False),
    ("two hundred and five", "en", 205, False),
    ("third", "en", 3, True),
    ("two-thirds", "en", 2 / 3, False),
    ("quarante", "fr", 40, False),
    ("quatre-vingt-dix-neuf", "fr", 99, False),
    ("troisième", "fr", 3, True),
    ("ألفين", "ar", 2000, False),
    ("مليارين", "ar", 2e9, False),
    ("الثالث", "ar", 3, True),
    ("ثلاثة وعشرون", "ar", 23, False),
    ("الاربعون", "ar", 40, False),  # the hamza dropped
    ("التاسع عشر", "ar", 19, True),
    ("XIXe", "fr", 19, True),
    ("第三", "zh", 3, True),
]


@pytest.mark.parametrize(("text", "lang", "value", "ordinal"), PARSED)
def test_numbers_in_words_carry_their_value(text: str, lang: str, value: float, ordinal: bool) -> None:
    (q,) = parse_quantities(text, lang)
    assert q.value == pytest.approx(value) and q.ordinal is ordinal and q.optional


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [("lap ke-3", "id", 3), ("the 3rd district", "en", 3), ("la 3e place", "fr", 3), ("le 3ème", "fr", 3),
     ("第3选区", "zh", 3), ("第3区", "ja", 3)],
)
def test_ranks_in_digits_carry_their_value(text: str, lang: str, value: float) -> None:
    (q,) = parse_quantities(text, lang, source=lang == "id")
    assert q.value == value and q.ordinal


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [("60 mil", "id", "mi"), ("20 kaki", "id", "ft"), ("75 °F", "en", "F"), ("1,83 m", "fr", "m"),
     ("97公里", "zh", "km"), ("華氏75度", "ja", "F"), ("7.6 لتر", "ar", "l"), ("£125m", "en", None)],
)
def test_units_are_read(text: str, lang: str, unit: str | None) -> None:
    (q,) = parse_quantities(text, lang, source=lang == "id")
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [("300多万", "zh", 3e6, 4e6), ("30多人", "zh", 30, 40), ("3万多", "zh", 3e4, 4e4), ("約3万", "ja", 2.5e4, 3.5e4)],
)
def test_approximations_are_ranges(text: str, lang: str, low: float, high: float) -> None:
    (q,) = parse_quantities(text, lang)
    assert q.approx == pytest.approx((low, high))


@pytest.mark.parametrize(
    "text",
    ["1 000 000 orang", "tanggal 2024-06-21", "kode 116 123"],
)
def test_not_phone_numbers(text: str) -> None:
    assert not any(q.phone for q in parse_quantities(text, "id", source=True))
