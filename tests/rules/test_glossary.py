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
