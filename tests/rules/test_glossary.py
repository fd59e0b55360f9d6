"""TERM001 term-mismatch on sentences written for these tests, with the shipped and a user glossary."""
from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Finding, Text
from mtcheck.rules.glossary import TermMismatch

SOURCE = "Uni Eropa dan PBB mengecam serangan Rusia ke Ukraina.\n\nTiongkok meminta semua pihak menahan diri."


def run(lang: str, target: str, source: str = SOURCE, config: Config | None = None) -> list[Finding]:
    article = Article("a", Text("id", source), {lang: Text(lang, target)})
    return check(article, config or Config(), rules=[TermMismatch()]).versions[0].findings


CLEAN = [
    ("en", "The EU and the UN condemned Russia's attack on Ukraine.\n\nChina called on all sides to show restraint."),
    ("en", ("The European Union and the United Nations condemned the Russian attack on Kyiv.\n\n"
           "Beijing urged restraint.")),
    ("fr", "L'UE et l'ONU ont condamné l'attaque russe contre l'Ukraine.\n\nLa Chine a appelé à la retenue."),
    ("zh", "欧盟和联合国谴责俄罗斯对乌克兰的袭击。\n\n中国呼吁各方保持克制。"),
    ("ja", "EUと国連は、ロシアのウクライナ攻撃を非難した。\n\n中国は各当事者に自制を求めた。"),
    ("ar", "أدان الاتحاد الأوروبي والأمم المتحدة الهجوم الروسي على أوكرانيا.\n\nودعت الصين جميع الأطراف إلى ضبط النفس."),
]


@pytest.mark.parametrize(("lang", "target"), CLEAN)
def test_approved_terms_are_accepted(lang: str, target: str) -> None:
    assert run(lang, target) == []


@pytest.mark.parametrize(
    ("lang", "target", "source_term", "wrong"),
    [
        ("en", "The EU and the UN condemned Russia's attack on Ukraine.\n\nTaiwan called for restraint.",
         "Tiongkok", "Taiwan"),
        ("fr", "L'UE et l'OTAN ont condamné l'attaque russe contre l'Ukraine.\n\nLa Chine a appelé au calme.",
         "PBB", "OTAN"),
        ("zh", "欧盟和联合国谴责俄罗斯的袭击。\n\n中国呼吁保持克制。", "Ukraina", None),
        ("ja", "欧州連合と国連はロシアの攻撃を非難した。\n\n台湾は自制を求めた。", "Ukraina", None),
    ],
)
def test_missing_approved_term_is_flagged(lang: str, target: str, source_term: str, wrong: str | None) -> None:
    findings = [f for f in run(lang, target) if f.source and f.source.text == source_term]
    assert len(findings) == 1
    f = findings[0]
    assert f.rule == "TERM001" and f.severity.value == "minor" and f.category == "terminology/wrong-term"
    assert (f.target.text if f.target else None) == wrong
    assert f.suggestion


def test_user_glossary(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.csv"
    path.write_text("id,en\nOtoritas Jasa Keuangan|OJK,Financial Services Authority|OJK\n", encoding="utf-8")
    source = "OJK menaikkan suku bunga."
    config = Config(glossary=str(path))
    assert [f.source.text for f in run("en", "The regulator raised rates.", source, config) if f.source] == ["OJK"]
    assert run("en", "The Financial Services Authority (OJK) raised rates.", source, config) == []


# Usual renderings beyond the preferred one: each must be accepted (the shipped glossary lists them).
VARIANTS = [
    ("Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu.", "zh", "大选委员会（KPU）确定了选举日程。"),
    ("Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu.", "zh", "普选委员会公布了选举时间表。"),
    ("Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu.", "ja", "選挙管理委員会は選挙日程を決定した。"),
    ("Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu.", "ar", "حددت اللجنة الانتخابية موعد الانتخابات."),
    ("Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu.", "fr",
     "La Commission générale des élections a fixé le calendrier."),
    ("Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu.", "en", "The Electoral Commission set the timetable."),
    ("Ia fasih berbahasa Inggris.", "ja", "彼は英語が堪能だ。"),
    ("Ia fasih berbahasa Inggris.", "ar", "وهو يتقن اللغة الإنكليزية."),
    ("Lembaga Digital Awareness Inggris merilis survei.", "fr", "L'association Digital Awareness UK a publié une enquête."),
    ("Bank Indonesia menahan suku bunga.", "zh", "印尼中央银行维持利率不变。"),
    ("Timor Leste bergabung dengan ASEAN.", "en", "Timor Leste joined ASEAN."),
    ("Timor Leste bergabung dengan ASEAN.", "zh", "东帝汶加入了亚细安。"),
    ("DPR mengesahkan undang-undang itu.", "fr", "Les législateurs ont adopté la loi."),
    ("Harga naik menjadi Rp15.000.", "ja", "価格はRp1万5000に上昇した。"),
]


@pytest.mark.parametrize(("source", "lang", "target"), VARIANTS)
def test_common_variants_are_accepted(source: str, lang: str, target: str) -> None:
    assert run(lang, target, source=source) == []


@pytest.mark.parametrize(
    ("source", "lang", "target", "term"),
    [
        ("Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu.", "zh", "国会确定了选举日程。", "Komisi Pemilihan Umum"),
        ("Pakta Pertahanan Atlantik Utara (NATO) bertemu.", "fr", "Le NATO s'est réuni.", "Pakta Pertahanan Atlantik Utara"),
        ("Bank Indonesia menahan suku bunga.", "zh", "印尼政府维持利率不变。", "Bank Indonesia"),
    ],
)
def test_variants_do_not_hide_wrong_terms(source: str, lang: str, target: str, term: str) -> None:
    assert [f.source.text for f in run(lang, target, source=source) if f.source] == [term]
