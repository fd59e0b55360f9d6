"""``--fix``: every fix (before, after, the finding gone, the rest of the text untouched), the rounds, the
guard against new findings, and the files (BOM, CRLF, links, the source, JSONL, ``--diff``)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.config import Config
from mtcheck.model import Article, Edit, Finding, Fix, Severity, Span, Text
from mtcheck.run.fix import apply_edits, checker, fix_article, select
from mtcheck.run.fix_files import restore
from mtcheck.schema import validate
from tests.conftest import SAMPLES

CHECK = checker(Config(encoder="none"))

# (rule, lang, source, target, fixed target, safe)
FIXES = [
    ("NUM001", "en", "Pemerintah mengimpor 80.000 ton beras pada tahun ini.",
     "The government imported 80.000 tonnes of rice this year.",
     "The government imported 80,000 tonnes of rice this year.", True),
    ("NUM001", "fr", "Banjir merendam 45.000 hektare sawah.", "Les inondations ont submergé 45,000 hectares de rizières.",
     "Les inondations ont submergé 45\u202f000 hectares de rizières.", True),
    ("PUNC002", "fr", "Ia berkata: kami siap.", "Il a dit: nous sommes prêts.", "Il a dit\u00a0: nous sommes prêts.", True),
    ("PUNC002", "fr", "Ia bertanya: siapa?", "Il a demandé\u00a0: qui ?", "Il a demandé\u00a0: qui\u202f?", True),
    ("PUNC003", "zh", "Dia berkata, besok (Jumat) ada rapat.", "他说,明天(周五)开会。", "他说，明天（周五）开会。", True),
    ("PUNC003", "ja", "Tsunami: ratusan orang tewas.", "津波: 数百人が死亡", "津波：数百人が死亡", True),
    ("PUNC004", "ar", "Menteri berkata, pemerintah siap.", "قال الوزير, إن الحكومة مستعدة.", "قال الوزير، إن الحكومة مستعدة.", True),
    ("PUNC005", "en", "Menteri itu berkata bahwa pemerintah siap.", "The minister  said that the government was ready.",
     "The minister said that the government was ready.", True),
    ("PUNC007", "zh", 'Dia berkata "baik" lalu pergi.', '他说"好"然后走了.', "他说“好”然后走了。", True),
    ("DATE002", "en", "Rapat berakhir pada Kamis (16/3/2023) di Jakarta.",
     "The meeting ended on Thursday (16/3/2023) in Jakarta.", "The meeting ended on Thursday, March 16, 2023 in Jakarta.",
     True),
    ("DATE002", "fr", "Harga naik pada 1 Maret 2023.", "Les prix ont augmenté le 1 mars 2023.",
     "Les prix ont augmenté le 1er mars 2023.", True),
    ("PUNC006", "en", "Pemerintah akan mengunggah semua formulir itu.", "The government will upload all the the forms.",
     "The government will upload all the forms.", False),
    ("DATE001", "fr", "Rapat digelar pada Selasa (24/11/2026) di Jakarta.",
     "La réunion s'est tenue mercredi 24 novembre 2026 à Jakarta.",
     "La réunion s'est tenue mardi 24 novembre 2026 à Jakarta.", False),
    ("LINK001", "en", "Teks lengkap dapat dibaca di https://kemlu.go.id/berita/deklarasi-manila-2026 hari ini.",
     "The full text can be read at https://kemlu.go.id/news/manila-declaration-2026 today.",
     "The full text can be read at https://kemlu.go.id/berita/deklarasi-manila-2026 today.", False),
    ("NAME001", "en", "Menteri Keuangan Sri Mulyani bertemu Prabowo Subianto di Jakarta.",
     "Finance Minister Sri Mulyani met Prabowo Subiyanto in Jakarta.",
     "Finance Minister Sri Mulyani met Prabowo Subianto in Jakarta.", False),
    ("TERM001", "en", "Tiongkok mengumumkan sanksi baru.", "Taiwan announced new sanctions.",
     "China announced new sanctions.", False),
]


def _article(lang: str, source: str, target: str) -> Article:
    return Article("a", Text("id", source), {lang: Text(lang, target)})


@pytest.mark.parametrize(("rule", "lang", "source", "target", "fixed", "safe"), FIXES,
                         ids=[f"{c[0]}-{c[1]}-{n}" for n, c in enumerate(FIXES)])
def test_each_fix_repairs_its_finding_and_nothing_else(rule: str, lang: str, source: str, target: str, fixed: str,
                                                        safe: bool) -> None:
    article = _article(lang, source, target)
    finding = next(f for f in CHECK(article)[lang] if f.rule == rule)
    assert finding.fix is not None and finding.fix.safe is safe
    # --fix alone applies safe fixes only
    plain = fix_article(article, CHECK).article.targets[lang].content
    assert plain == (fixed if safe else target)
    outcome = fix_article(article, CHECK, unsafe=True)
    assert outcome.article.targets[lang].content == fixed  # the whole text: nothing else moved
    assert rule not in {f.rule for f in CHECK(outcome.article)[lang]}
    assert [f.rule for f in outcome.fixed[lang]] == [rule]
    assert outcome.article.source == article.source
    assert fix_article(outcome.article, CHECK, unsafe=True).count == 0  # idempotent


@pytest.mark.parametrize(("lang", "source", "target"), [
    ("en", "Harga naik 5 persen menjadi Rp80.000.", "Prices rose 5 percent to Rp80,000."),
    ("fr", "Ia bertanya: siapa?", "Il a demandé\u00a0: qui\u202f?"),
    ("zh", "Dia berkata, besok (Jumat) ada rapat.", "他说，明天（周五）开会。伊丽莎白·沃伦(Elizabeth Warren)表示同意。"),
    ("en", "Dia sudah muak.", "She had had enough."),
    ("fr", "Skor akhir 3:1.", "Le score final est de 3:1."),
])
def test_clean_text_is_not_touched(lang: str, source: str, target: str) -> None:
    article = _article(lang, source, target)
    outcome = fix_article(article, CHECK, unsafe=True)
    assert outcome.count == 0 and outcome.article == article


def test_half_a_bracket_pair_is_not_converted() -> None:
    """Only the "(" sits between CJK characters: converting it alone would leave （...) unbalanced."""
    article = _article("zh", "Dia (Elizabeth) datang.", "他说(周五 Elizabeth Warren)会来。")
    found = [f for f in CHECK(article)["zh"] if f.rule == "PUNC003"]
    assert found and all(f.fix is None for f in found)


def _finding(rule: str, start: int, end: int, text: str, replacement: str, safe: bool = True) -> Finding:
    return Finding(rule, "x", "fluency/x", Severity.MINOR, "m", target=Span(start, end, text),
                   fix=Fix((Edit(start, end, text, replacement),), safe))


def test_overlapping_fixes_wait_for_the_next_round_in_a_stable_order() -> None:
    text = "abcdef"
    second = _finding("B001", 2, 4, "cd", "X")
    first = _finding("A001", 1, 3, "bc", "Y")
    later = _finding("A002", 5, 5, "", "!")
    stale = _finding("A003", 0, 1, "z", "Z")  # no longer what the text says
    unsafe = _finding("A004", 4, 5, "e", "E", safe=False)
    taken = select([second, later, first, stale, unsafe], text, unsafe=False)
    assert taken == [first, later]
    assert apply_edits(text, [e for f in taken for e in f.fix.edits]) == "aYde!f"  # type: ignore[union-attr]


def test_a_fix_that_brings_a_new_finding_is_undone() -> None:
    """A check that reports a (fixable) 'x' and, once an 'x' became 'y', a finding on the 'y': the fix of
    the first 'x' is undone, the fix of the other 'x' (which brings nothing) is kept."""

    def check(article: Article) -> dict[str, list[Finding]]:
        text = article.targets["en"].content
        found = [_finding("A001", i, i + 1, "x", "y") for i, c in enumerate(text) if c == "x"]
        found += [Finding("B001", "y", "fluency/y", Severity.MINOR, "new") for i, c in enumerate(text[:3]) if c == "y"]
        return {"en": found}

    outcome = fix_article(_article("en", "s", "x-----x"), check)
    assert outcome.article.targets["en"].content == "x-----y"


def test_restore_keeps_bom_and_every_line_end() -> None:
    raw = "\ufeffone\r\ntwo  words\rthree\n"
    assert restore(raw, "one\ntwo words\nthree\n") == "\ufeffone\r\ntwo words\rthree\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


EN = "The government imported 80.000 tonnes of rice.\r\n\r\nThe minister  said the stock was safe.\r\n"
ID = "Pemerintah mengimpor 80.000 ton beras.\r\n\r\nMenteri berkata stok aman.\r\n"


def test_fix_rewrites_only_the_fixed_spans_of_a_crlf_bom_file(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("a1", id=ID.encode(), en=b"\xef\xbb\xbf" + EN.encode())
    (folder / "en.txt").chmod(0o640)
    source = (folder / "id.txt").read_bytes()
    code, _, stderr = run("check", str(folder), "--encoder", "none", "--no-reports", "--fix", "-q")
    expected = b"\xef\xbb\xbf" + EN.replace("80.000", "80,000").replace("  ", " ").encode()
    assert (folder / "en.txt").read_bytes() == expected
    assert (folder / "id.txt").read_bytes() == source
    assert (folder / "en.txt").stat().st_mode & 0o777 == 0o640
    assert code == 0, stderr
    code, stdout, _ = run("check", str(folder), "--encoder", "none", "--no-reports", "--diff")
    assert code == 0 and stdout == ""


def test_diff_prints_and_writes_nothing(make_article) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("a2", id=ID, en=EN)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, stdout, _ = run("check", str(folder), "--encoder", "none", "--no-reports", "--diff")
    assert code == 1
    assert f"--- {folder / 'en.txt'}" in stdout and "-The government imported 80.000" in stdout
    assert "+The government imported 80,000" in stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_without_fix_the_inputs_are_never_written_and_results_carry_the_fix(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("a3", id=ID, en=EN)
    before = (folder / "en.txt").read_bytes()
    run("check", str(folder), "--encoder", "none", "--out", str(tmp_path / "r"), "-q")
    assert (folder / "en.txt").read_bytes() == before
    document = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))
    validate(document)
    fixes = [f["fix"] for f in document["articles"][0]["versions"][0]["findings"] if "fix" in f]
    assert {"safety": "safe", "edits": [{"start": 24, "end": 30, "text": "80.000", "replacement": "80,000"}]} in fixes
    assert document["summary"]["fixable"] == {"safe": 2, "unsafe": 0}
    page = next((tmp_path / "r").glob("a3*.html")).read_text(encoding="utf-8")
    assert "80.000</span> → <span" in page
    assert "fixable · 2 safe" in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")


def test_a_linked_target_is_not_followed(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(EN, encoding="utf-8")
    folder = make_article("a4", id=ID)
    (folder / "en.txt").symlink_to(elsewhere)
    code, _, stderr = run("check", str(folder), "--encoder", "none", "--no-reports", "--fix", "-q")
    assert "not fixed (a symbolic link: not followed)" in stderr
    assert elsewhere.read_bytes() == EN.encode() and (folder / "en.txt").is_symlink()
    assert code == 1  # NUM001 (major) remains


def test_jsonl_fixes_go_to_a_new_file(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "one", "texts": {"id": ID, "en": EN}}),
             '{"id": "two",  "texts": {"id": "Menteri berkata stok aman.", "en": "The minister said the stock was safe."}}']
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("check", str(batch), "--encoder", "none", "--no-reports", "--fix")[0] == 2  # needs --fix-output
    code, _, stderr = run("check", str(batch), "--encoder", "none", "--no-reports", "--fix", "--fix-output",
                          str(tmp_path / "fixed.jsonl"), "-q")
    assert code == 0, stderr
    assert batch.read_bytes() == ("\n".join(lines) + "\n").encode()
    out = (tmp_path / "fixed.jsonl").read_text(encoding="utf-8").split("\n")
    assert json.loads(out[0])["texts"]["en"] == EN.replace("80.000", "80,000").replace("  ", " ")
    assert out[1] == lines[1]  # an unfixed line is copied byte for byte
    assert run("check", str(batch), "--fix-output", str(tmp_path / "x.jsonl"))[0] == 2  # only with --fix
    assert run("check", str(batch), "--unsafe-fixes")[0] == 2  # only with --fix or --diff


def test_samples_fix_leaves_no_safe_fix_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "samples"
    shutil.copytree(SAMPLES, copy)
    run("check", str(copy), "--encoder", "none", "--no-reports", "--fix", "-q")
    fixed = {p: p.read_bytes() for p in copy.rglob("*.txt")}
    assert fixed != {p: (SAMPLES / p.relative_to(copy)).read_bytes() for p in fixed}
    code, stdout, stderr = run("check", str(copy), "--encoder", "none", "--no-reports", "--fix", "--format", "json")
    assert code == 1  # major findings remain
    assert "fixed 0 finding(s)" in stderr
    assert {p: p.read_bytes() for p in copy.rglob("*.txt")} == fixed
    document = json.loads(stdout)
    assert document["summary"]["fixable"]["safe"] == 0 and document["summary"]["fixable"]["unsafe"] > 0


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="banjir.docx" source-language="id" target-language="en">
    <body>
      <trans-unit id="t1">
        <source>Banjir merendam <g id="1">1.200 rumah</g> di Jakarta Timur &amp; Bekasi</source>
        <target>Floods submerge <g id="1">1.200 houses</g> in  East Jakarta &amp; Bekasi</target>
      </trans-unit>
      <trans-unit id="p1">
        <source>Petugas membagikan <bpt id="2">&lt;b&gt;</bpt>3.000 paket<ept id="2">&lt;/b&gt;</ept> makanan.</source>
        <target>Officers handed out <bpt id="2">&lt;b&gt;</bpt>3.000 food<ept id="2">&lt;/b&gt;</ept>
          packages.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_targets_are_fixed_in_place_around_their_inline_codes(tmp_path: Path) -> None:
    path = tmp_path / "banjir.en.xlf"
    path.write_bytes(XLIFF.encode())
    code, stdout, _ = run("check", str(path), "--encoder", "none", "--no-reports", "--diff")
    assert code == 1 and "+        <target>Floods submerge <g id=\"1\">1,200 houses</g> in East Jakarta" in stdout
    assert path.read_bytes() == XLIFF.encode()
    code, _, stderr = run("check", str(path), "--encoder", "none", "--no-reports", "--fix", "-q")
    expected = XLIFF.replace("1.200 houses", "1,200 houses").replace("in  East", "in East").replace("3.000 food",
                                                                                                   "3,000 food")
    assert path.read_bytes() == expected.encode(), stderr
    assert code == 0


def test_an_xliff_fix_on_an_escape_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "banjir.en.xlf"
    escaped = XLIFF.replace("in  East", "in &#32; East").replace("3.000 food", "3,000 food").replace("1.200 h", "1,200 h")
    path.write_bytes(escaped.encode())
    code, _, stderr = run("check", str(path), "--encoder", "none", "--no-reports", "--fix", "-q")
    assert "not fixed (a fix falls on an escape, a line break or an inline code)" in stderr
    assert path.read_bytes() == escaped.encode()
    assert code == 2


XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="id" trgLang="fr">
  <file id="f1" original="banjir.docx">
    <unit id="t1">
      <segment><source>Banjir merendam <pc id="1">45.000 hektare</pc> sawah.</source>
        <target>Les inondations ont submergé <pc id="1">45,000 hectares</pc> de rizières.</target></segment>
      <ignorable><source> </source></ignorable>
      <segment><source>Ia berkata: kami siap.</source><target>Il a dit: nous sommes prêts.</target></segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff_2_targets_are_fixed_in_place(tmp_path: Path) -> None:
    path = tmp_path / "banjir.fr.xlf"
    path.write_bytes(XLIFF20.encode())
    code, _, stderr = run("check", str(path), "--encoder", "none", "--no-reports", "--fix", "-q")
    expected = XLIFF20.replace("45,000 hectares", "45\u202f000 hectares").replace("dit: nous", "dit\u00a0: nous")
    assert path.read_bytes() == expected.encode(), stderr
    assert code == 0
