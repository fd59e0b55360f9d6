"""NUM001-NUM003 on small articles built in code: real errors are found, correct renderings are not."""
from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Finding, Severity, Text
from mtcheck.rules.base import all_rules

NNBSP, NBSP = "\u202f", "\u00a0"
CODES = ("NUM001", "NUM002", "NUM003")

SOURCE = (
    "Sebanyak 45.000 warga menghadiri aksi di Jakarta.\n\n"
    "Rupiah ditutup pada Rp14.950 per dolar AS.\n\n"
    "Utang pemerintah mencapai Rp62,3 triliun, sementara ekspor mencapai US$132,8 miliar.\n\n"
    "Bank sentral menahan suku bunga di 4,25 persen.\n\n"
    "Anggaran tambahan Rp2,3 triliun akan cair pada 21 Juni 2024 pukul 10.30 WIB.\n\n"
    "Sekitar 36.000 warga mengungsi, sementara 1,7 juta lainnya terdampak."
)

CLEAN = {
    "en": (
        "Some 45,000 residents attended the rally in Jakarta.\n\n"
        "The rupiah closed at Rp14,950 per US dollar.\n\n"
        "Government debt reached Rp62.3 trillion, while exports reached US$132.8 billion.\n\n"
        "The central bank held its rate at 4.25%.\n\n"
        "An extra budget of Rp2.3 trillion will be paid on June 21, 2024 at 10:30 a.m. WIB.\n\n"
        "About 36,000 residents fled, while 1.7 million others were affected."
    ),
    "fr": (
        f"Quelque 45{NNBSP}000 habitants ont participé au rassemblement à Jakarta.\n\n"
        f"La roupie a clôturé à 14 950 roupies pour un dollar américain.\n\n"
        "La dette publique a atteint 62,3 billions de roupies, et les exportations 132,8 milliards de dollars.\n\n"
        f"La banque centrale a maintenu son taux à 4,25{NBSP}%.\n\n"
        "Un budget supplémentaire de 2 300 milliards de roupies sera versé le 21 juin 2024 à 10h30.\n\n"
        f"Environ 36{NBSP}000 habitants ont fui, tandis que 1,7 million d'autres ont été touchés."
    ),
    "zh": (
        "约4.5万名居民参加了雅加达的集会。\n\n"
        "印尼盾收于每美元14,950印尼盾。\n\n"
        "政府债务达到62.3万亿印尼盾，出口达到1328亿美元。\n\n"
        "央行将利率维持在4.25%。\n\n"
        "2.3万亿印尼盾的追加预算将于2024年6月21日上午10点30分发放。\n\n"
        "约3.6万名居民逃离，另有170万人受灾。"
    ),
    "ja": (
        "約4万5000人の住民がジャカルタの集会に参加した。\n\n"
        "ルピアは1ドル＝1万4950ルピアで取引を終えた。\n\n"
        "政府債務は62兆3000億ルピアに達し、輸出は1328億ドルに達した。\n\n"
        "中央銀行は金利を4.25%に据え置いた。\n\n"
        "2兆3000億ルピアの追加予算は2024年6月21日10時30分に支給される。\n\n"
        "約3万6000人の住民が避難し、ほかに170万人が被害を受けた。"
    ),
    "ar": (
        "شارك نحو 45 ألف مواطن في التجمع في جاكرتا.\n\n"
        "أغلقت الروبية عند ١٤٩٥٠ روبية للدولار الأمريكي.\n\n"
        "بلغ الدين الحكومي 62.3 تريليون روبية، فيما بلغت الصادرات 132.8 مليار دولار.\n\n"
        "أبقى البنك المركزي سعر الفائدة عند 4.25 في المائة.\n\n"
        "ستصرف ميزانية إضافية بقيمة 2.3 تريليون روبية في 21 يونيو 2024 الساعة 10:30.\n\n"
        "نزح نحو 36 ألفاً من السكان، بينما تضرر 1.7 مليون آخرون."
    ),
}


def run(source: str, lang: str, target: str) -> list[Finding]:
    article = Article("t", Text("id", source), {lang: Text(lang, target)})
    rules = [all_rules()[code]() for code in CODES]
    return check(article, Config(), rules).versions[0].findings


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_correct_renderings_are_not_flagged(lang: str) -> None:
    findings = run(SOURCE, lang, CLEAN[lang])
    assert findings == [], [(f.rule, f.message) for f in findings]


FORMAT_CASES = [
    # (source, lang, target, wrong token, suggestion, severity)
    ("Sebanyak 80.000 orang hadir.", "en", "Some 80.000 people attended.", "80.000", "80,000", Severity.MAJOR),
    ("Sebanyak 45.000 orang hadir.", "en", "Some 45.000 people attended.", "45.000", "45,000", Severity.MAJOR),
    ("Inflasi 3,25 persen.", "en", "Inflation was 3,25 percent.", "3,25", "3.25", Severity.MINOR),
    ("Sebanyak 45.000 orang hadir.", "fr", "Quelque 45,000 personnes.", "45,000", f"45{NNBSP}000", Severity.MAJOR),
    ("Sebanyak 80.000 orang hadir.", "fr", "Quelque 80.000 personnes.", "80.000", f"80{NNBSP}000", Severity.MINOR),
    ("Inflasi 4,25 persen.", "fr", "L'inflation est de 4.25 %.", "4.25", "4,25", Severity.MINOR),
    ("Sebanyak 80.000 orang hadir.", "zh", "约80.000人参加。", "80.000", "80,000", Severity.MAJOR),
    ("Sebanyak 80.000 orang hadir.", "ja", "約80.000人が参加した。", "80.000", "80,000", Severity.MAJOR),
    ("Sebanyak 20.000 orang hadir.", "ar", "حضر 20.000 شخص.", "20.000", "20,000", Severity.MINOR),
    ("Sebanyak 30.000 orang menyeberang.", "ar", "عبر 30،000 شخص.", "30،000", "30,000", Severity.MINOR),
]


@pytest.mark.parametrize(("source", "lang", "target", "token", "suggestion", "severity"), FORMAT_CASES)
def test_wrong_number_format(
    source: str, lang: str, target: str, token: str, suggestion: str, severity: Severity
) -> None:
    findings = run(source, lang, target)
    assert [f.rule for f in findings] == ["NUM001"], [f.message for f in findings]
    f = findings[0]
    assert f.target is not None and f.target.text == token
    assert f.suggestion == suggestion
    assert f.severity is severity
    assert f.source is not None and f.source.text in source


def test_format_message_says_what_the_reader_gets() -> None:
    (f,) = run("Sebanyak 80.000 orang hadir.", "en", "Some 80.000 people attended.")
    assert f.message == '"80.000" reads as 80 in English; the source says 80,000 (80.000)'


VALUE_CASES = [
    # (source, lang, target, source text, target text)
    ("Anggaran Rp2,1 triliun disetujui.", "en", "A budget of Rp2.1 billion was approved.", "Rp2,1 triliun",
     "Rp2.1 billion"),
    ("Sebanyak 15.000 orang hadir.", "zh", "约1500人参加。", "15.000", "1500"),
    ("Sebanyak 30.000 orang mengungsi.", "ar", "نزح 300 ألف شخص.", "30.000", "300 ألف"),
    ("Inflasi 3,5 persen.", "fr", "L'inflation est de 5,3 %.", "3,5 persen", "5,3 %"),
    ("Sebanyak 5 orang tewas.", "en", "Six people died, 6 of them children.", "5", "6"),
]


@pytest.mark.parametrize(("source", "lang", "target", "src_text", "tgt_text"), VALUE_CASES)
def test_wrong_value(source: str, lang: str, target: str, src_text: str, tgt_text: str) -> None:
    findings = run(source, lang, target)
    assert [f.rule for f in findings] == ["NUM002"], [f.message for f in findings]
    f = findings[0]
    assert f.severity is Severity.MAJOR and f.category == "accuracy/mistranslation"
    assert f.source is not None and f.source.text == src_text
    assert f.target is not None and f.target.text == tgt_text


@pytest.mark.parametrize(
    ("source", "lang", "target"),
    [
        ("Ia salah satu dari 30.000 pengungsi.", "ar", "وهو واحد من 300 ألف لاجئ."),
        ("Dua pejabat mengatakan 30.000 warga mengungsi.", "ar", "قال مسؤولان إن 300 ألف مواطن نزحوا."),
        ("Satu-satunya jembatan dilalui 30.000 warga.", "en", "The only bridge was crossed by 300,000 residents."),
    ],
)
def test_a_number_word_of_the_source_cannot_take_the_wrong_rendering(source: str, lang: str, target: str) -> None:
    findings = run(source, lang, target)
    assert [(f.rule, f.source.text if f.source else None) for f in findings] == [("NUM002", "30.000")]
    assert findings[0].target is not None and findings[0].target.text in ("300 ألف", "300,000")


def test_wrong_rendering_goes_to_the_cheapest_pair_not_the_first_source() -> None:
    source = "Pemerintah menyiapkan 120 tenda untuk 30.000 pengungsi."
    findings = run(source, "en", "The government prepared tents for 300,000 refugees.")
    pairs = [(f.source.text if f.source else None, f.target.text if f.target else None) for f in findings]
    assert sorted(pairs, key=str) == sorted([("120", None), ("30.000", "300,000")], key=str)


def test_missing_value_without_a_nearby_wrong_number() -> None:
    source = "Sebanyak 15.000 orang hadir.\n\nCuaca cerah."
    findings = run(source, "en", "Many people attended.\n\nThe weather was fine.")
    assert [(f.rule, f.target) for f in findings] == [("NUM002", None)]
    assert "15,000" in findings[0].message


def test_wrong_value_prefers_a_same_kind_neighbour() -> None:
    source = "Harga naik 12 persen menjadi Rp40.000."
    findings = run(source, "en", "Prices rose 21% to Rp40,000.")
    assert [(f.rule, f.target.text if f.target else None) for f in findings] == [("NUM002", "21%")]


@pytest.mark.parametrize(
    ("source", "lang", "target", "extra"),
    [
        ("Harga naik 5 persen.", "en", "Prices rose 5% to $300.", "$300"),
        ("Harga naik 5 persen.", "fr", "Les prix ont augmenté de 5 %, soit 40 000 roupies.", "40 000 roupies"),
        ("Harga naik 5 persen.", "zh", "价格上涨5%，达到300美元。", "300美元"),
    ],
)
def test_extra_number(source: str, lang: str, target: str, extra: str) -> None:
    findings = run(source, lang, target)
    assert [f.rule for f in findings] == ["NUM003"]
    assert findings[0].target is not None and findings[0].target.text == extra
    assert findings[0].severity is Severity.MINOR


@pytest.mark.parametrize(
    ("source", "lang", "target"),
    [
        ("Sebanyak 3 orang tewas.", "en", "Three people died."),
        ("Sebanyak 3 orang tewas.", "fr", "Trois personnes sont mortes."),
        ("Sebanyak 3 orang tewas.", "zh", "三人死亡。"),
        ("Sebanyak 3 orang tewas.", "ja", "三人が死亡した。"),
        ("Sebanyak 3 orang tewas.", "ar", "توفي ثلاثة أشخاص."),
        ("Harga naik lima persen.", "en", "Prices rose 5%."),
        ("Ia menjadi juara ke-3 pada menit ke 65.", "zh", "他在65分钟获得第3名。"),
        ("Tim menang 3 kali pada tahun 2016.", "ja", "チームは2016年に3回勝った。"),
        ("Ia lahir pada 1990 dan pindah pada 21 Juni.", "en", "He was born in 1990 and moved on June 21."),
        ("Perang 1950-53 berakhir.", "fr", "La guerre de 1950-1953 a pris fin."),
        ("Hubungi 116 123 kapan saja.", "zh", "请随时拨打116 123。"),
        ("Rapat pukul 13.00 WIB.", "en", "The meeting is at 1 p.m."),
        ("Sebanyak 1,127 orang membelot.", "en", "1,127 people defected."),
        ("Naik 3,5 hingga 4,2 juta.", "zh", "增加350万至420万。"),
        ("Lebih dari 1.000 orang tewas.", "fr", "Plus d’un millier de personnes sont mortes."),
        ("Klub itu membayar £125 juta.", "en", "The club paid £125m."),
    ],
)
def test_must_not_flag(source: str, lang: str, target: str) -> None:
    findings = run(source, lang, target)
    assert findings == [], [(f.rule, f.message) for f in findings]


def test_rules_are_documented() -> None:
    for code in CODES:
        rule = all_rules()[code]
        assert "What it does" in rule.doc() and "Example" in rule.doc()
        assert rule.summary()


@pytest.mark.parametrize("seed", range(12))
def test_pairing_by_value_index_equals_the_all_pairs_scan(seed: int) -> None:
    """Pairing asks only targets near each source value (a text of thousands of numbers was quadratic); it
    must pair exactly as comparing every source with every target does, repeated values included."""
    import random

    from mtcheck.facts.number_match import _pair, relative_positions
    from mtcheck.facts.numbers import close, parse_quantities

    def all_pairs(sources, targets, spos, tpos, s_free, t_free, values):  # type: ignore[no-untyped-def]
        candidates = []
        for i in s_free:
            for j in t_free:
                value = next((b for b in values(targets[j]) for a in sources[i].values if close(a, b)), None)
                if value is not None:
                    cost = abs(spos[i] - tpos[j]) + (sources[i].kind != targets[j].kind) * 0.5 + targets[j].optional * 0.25
                    candidates.append((cost, i, j, value))
        pairs = []
        for _, i, j, value in sorted(candidates, key=lambda c: c[:3]):
            if i in s_free and j in t_free:
                s_free.discard(i)
                t_free.discard(j)
                pairs.append((i, j, value))
        return pairs

    rng = random.Random(seed)
    numbers = [rng.choice([3, 12, 80_000, 1_250, 2.5, 75, 10**9]) for _ in range(40)]
    source = Text("id", "\n\n".join(f"Harga {n:,.10g} rupiah naik {rng.randint(1, 99)} persen.".replace(",", "_").replace(".", ",").replace("_", ".") for n in numbers))
    def english(n: float) -> str:  # a third written the Indonesian way (80.000): lenient or foreign readings
        text = f"{n:,.10g}"
        return text.replace(",", "_").replace(".", ",").replace("_", ".") if rng.random() < 0.3 else text

    target = Text("en", "\n\n".join(f"The price of {english(rng.choice(numbers))} rupiah rose {rng.randint(1, 99)} percent." for _ in numbers))
    sources, targets = parse_quantities(source.content, "id", True), parse_quantities(target.content, "en")
    spos, tpos = relative_positions(source, sources), relative_positions(target, targets)
    paired = 0
    for values in (lambda t: t.values, lambda t: t.lenient_values + t.foreign_values):
        free = set(range(len(sources))), set(range(len(targets)))
        expected = all_pairs(sources, targets, spos, tpos, set(free[0]), set(free[1]), values)
        assert _pair(sources, targets, spos, tpos, set(free[0]), set(free[1]), values) == expected
        paired += len(expected)
    assert paired > 20  # the texts share values: the test pairs many


def test_a_value_repeated_thousands_of_times_is_paired_among_its_nearest() -> None:
    """A table of small counts (2,000 each of five values) made pairing quadratic (46 s): a source number
    now asks only the NEAREST targets of each value closest to it, which still pairs every copy."""
    from mtcheck.facts.number_match import NEAREST, _ValueIndex

    positions = [k / 1000 for k in range(1000)]
    index = _ValueIndex([(7.0, j) for j in range(1000)] + [(8.0, j) for j in range(0, 1000, 100)], positions)
    near = index.near([7.0], 0.5)
    assert len(near) == NEAREST
    assert near == set(sorted(range(1000), key=lambda j: abs(positions[j] - 0.5))[:NEAREST])
    assert index.near([8.0], 0.5) == set(range(0, 1000, 100))  # ten copies: all of them

    table = "\n\n".join("Hasil: 120, 340, 560, 780 dan 910 suara." for _ in range(400))
    english = "\n\n".join("Result: 120, 340, 560, 780 and 910 votes." for _ in range(400))
    assert run(table, "en", english) == []
    wrong = english.replace("780 and", "790 and", 1)  # one copy of 2,000 changed: found, and only it
    assert [(f.rule, f.target.text if f.target else None) for f in run(table, "en", wrong)] == [("NUM002", "790")]
