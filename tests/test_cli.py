from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.model import InputError
from mtcheck.schema import validate

runner = CliRunner()
ID = "Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga.\n\nBantuan tersebut bernilai Rp2,1 triliun."
FR_OK = "Jakarta - Le gouvernement a distribu\u00e9 une aide \u00e0 80\u202f000 familles.\n\nL'aide s'\u00e9l\u00e8ve \u00e0 2,1 billions de rupiahs."
EN_OK = "Jakarta - The government distributed aid to 80,000 families.\n\nThe aid is worth Rp2.1 trillion."


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_article_exits_zero_and_writes_valid_reports(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    out = tmp_path / "out"
    code, stdout, _ = run("check", str(folder), "--out", str(out))
    assert code == 0, stdout
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate(document)
    assert document["articles"][0]["id"] == "clean"
    assert (out / "index.html").is_file() and (out / "clean.html").is_file()
    assert "0 finding(s)" in stdout.splitlines()[-1]


def test_json_format_prints_the_document(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    code, stdout, _ = run("check", str(folder), "--out", str(tmp_path / "o"), "--format", "json")
    assert code == 0
    validate(json.loads(stdout))


def test_usage_errors_exit_two(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    assert run("check", str(folder), "--format", "yaml", "--out", str(tmp_path / "o"))[0] == 2
    code, _, stderr = run("check", str(folder), "--targets", "de", "--out", str(tmp_path / "o"))
    assert code == 2 and "unknown language code 'de'" in stderr
    assert run("explain", "XYZ999")[0] == 2


def test_input_error_exits_two_and_other_articles_are_checked(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_article("good", id=ID, en=EN_OK)
    make_article("broken", id=b"\xff\xfe garbage", en=EN_OK)
    out = tmp_path / "out"
    code, _, stderr = run("check", str(tmp_path / "in"), "--out", str(out))
    assert code == 2
    assert "broken" in stderr and "not valid UTF-8" in stderr
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in document["articles"]] == ["good"]
    assert document["summary"]["input_errors"] == 1


def test_report_rerenders_from_results(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    run("check", str(folder), "--out", str(tmp_path / "a"))
    code, stdout, _ = run("report", str(tmp_path / "a" / "results.json"), "--out", str(tmp_path / "b"))
    assert code == 0, stdout
    assert (tmp_path / "b" / "clean.html").is_file()
    (tmp_path / "bad.json").write_text('{"schema": "other"}', encoding="utf-8")
    assert run("report", str(tmp_path / "bad.json"), "--out", str(tmp_path / "c"))[0] == 2


def test_report_into_a_file_is_one_line(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--out naming a file was a FileExistsError traceback and exit 1."""
    run("check", str(make_article("clean", id=ID, en=EN_OK)), "--out", str(tmp_path / "a"))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for out in (tmp_path / "file", tmp_path / "file" / "below"):
        code, _, stderr = run("report", str(tmp_path / "a" / "results.json"), "--out", str(out))
        assert (code, stderr) == (2, f"mtcheck: error: {out}: cannot write reports (Not a directory)\n")
        code, _, stderr = run("check", str(tmp_path / "in"), "--out", str(out))
        assert (code, stderr) == (2, f"mtcheck: error: {out}: cannot write reports (Not a directory)\n")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_input_files_are_never_modified(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK.replace("80,000", "80.000"))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    run("check", str(folder), "--out", str(tmp_path / "o"))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


XLIFF = Path(__file__).parent / "fixtures" / "xliff"


def test_output_file_gets_the_format_and_the_terminal_text(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    sarif = tmp_path / "mtcheck.sarif"
    code, stdout, _ = run("check", str(folder), str(XLIFF), "--select", "TAG", "--isolated", "--encoder", "none", "--no-reports",
                          "--format", "sarif", "--output", str(sarif), "--out", str(tmp_path / "o"))
    assert code == 1
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "TAG001"
    assert "TAG001 major Unit p2" in stdout and stdout.splitlines()[-1].startswith("1 finding(s)")
    assert not (tmp_path / "o").exists()  # --no-reports


@pytest.mark.parametrize(("extra", "expected"), [
    ((), 1),
    (("--exit-zero",), 0),
    (("--fail-on", "critical"), 0),
    (("--severity", "TAG001=critical", "--fail-on", "critical"), 1),
    (("--ignore", "TAG001"), 0),
])
def test_exit_codes(tmp_path: Path, extra: tuple[str, ...], expected: int) -> None:
    code, _, _ = run("check", str(XLIFF), "--select", "TAG", "--isolated", "--encoder", "none", "--no-reports", *extra)
    assert code == expected


def test_findings_win_over_input_errors_and_exit_zero_keeps_input_errors(tmp_path: Path) -> None:
    common = ("--select", "TAG", "--isolated", "--encoder", "none", "--no-reports")
    assert run("check", str(XLIFF), str(tmp_path / "missing"), *common)[0] == 1
    assert run("check", str(XLIFF), str(tmp_path / "missing"), *common, "--exit-zero")[0] == 2


def test_a_text_file_stands_for_its_article_folder(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    out = tmp_path / "o"
    code, _, stderr = run("check", str(folder / "en.txt"), str(folder / "id.txt"), "--isolated", "--encoder", "none", "--no-html",
                          "--select", "TAG", "--out", str(out))
    assert code == 0, stderr
    assert [a["id"] for a in json.loads((out / "results.json").read_text(encoding="utf-8"))["articles"]] == ["clean"]


def test_verbose_and_quiet(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    args = ("check", str(folder), "--isolated", "--encoder", "none", "--no-html", "--select", "TAG", "--out", str(tmp_path / "o"))
    _, _, stderr = run(*args, "--verbose")
    assert "mtcheck: config: defaults" in stderr and "checked 1 article(s)" in stderr and "results.json" in stderr
    _, _, stderr = run(*args, "--verbose", "--quiet")
    assert stderr == ""


def test_rules_and_explain_know_tag001() -> None:
    code, stdout, _ = run("rules")
    assert code == 0
    assert any(line.startswith("TAG001") and "design-and-markup/markup" in line for line in stdout.splitlines())
    code, stdout, _ = run("explain", "tag001")
    assert code == 0 and "MQM category: design-and-markup/markup" in stdout and "Accepted" in stdout


def test_refs_add_metrics_per_version_and_per_language(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("clean", id=ID, en=EN_OK)
    refs = tmp_path / "refs" / "clean"
    refs.mkdir(parents=True)
    (refs / "en.txt").write_text(EN_OK.replace("distributed", "handed out"), encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, _ = run("check", str(folder), "--out", str(out), "--refs", str(tmp_path / "refs"))
    assert code == 0, stdout
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate(document)
    metrics = document["articles"][0]["versions"][0]["details"]["metrics"]
    assert 0 < metrics["bleu"] < 100 and 0 < metrics["chrf"] < 100 and metrics["ter"] > 0
    assert "tok:13a" in metrics["bleu_signature"]
    assert document["summary"]["metrics"]["en"]["bleu"] == metrics["bleu"]  # one article: corpus = version
    for bad, problem in ((tmp_path / "nope", "not found"), (refs / "en.txt", "is a file, not a folder")):
        code, _, stderr = run("check", str(folder), "--out", str(out), "--refs", str(bad))
        assert (code, stderr) == (2, f"mtcheck: error: {bad}: reference folder {problem}\n")


def test_a_crashing_rule_costs_one_article_not_the_batch(make_article, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mtcheck import engine

    make_article("good", id=ID, en=EN_OK)
    make_article("boom", id=ID + "\n\nBOOM", en=EN_OK)
    real_check = engine.check

    def fragile(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.id == "boom":
            raise RuntimeError("rule exploded")
        return real_check(article, *args, **kwargs)

    monkeypatch.setattr(engine, "check", fragile)
    out = tmp_path / "out"
    code, _, stderr = run("check", str(tmp_path / "in"), "--out", str(out), "--jobs", "1")  # patched here only
    assert code == 2
    assert "internal error while checking: RuntimeError: rule exploded" in stderr
    assert "Traceback" not in stderr
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in document["articles"]] == ["good"]


def test_text_lines_name_the_version_when_they_point_into_the_source() -> None:
    from mtcheck.reporters.text import finding_line

    article = {"source": {"lang": "id", "path": "a/id.txt", "text": "Satu.\n\nBudi Santoso datang."}}
    version = {"lang": "en", "path": "a/en.txt", "text": "One.\n\nHe came."}
    base = {"rule": "NAME001", "severity": "major", "message": "name 'Budi Santoso' is missing", "suggestion": None}
    omitted = {**base, "source": {"start": 7, "end": 19, "text": "Budi Santoso"}, "target": None}
    assert finding_line(article, version, omitted) == "a/id.txt:3:1: NAME001 major [en] name 'Budi Santoso' is missing"
    in_target = {**base, "source": None, "target": {"start": 6, "end": 8, "text": "He"}}
    assert finding_line(article, version, in_target) == "a/en.txt:3:1: NAME001 major name 'Budi Santoso' is missing"


def test_an_encoder_that_cannot_load_is_one_warning_and_the_check_still_runs(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("a1", id=ID, en=EN_OK.replace("80,000", "80.000"))
    missing = tmp_path / "no-such-model"
    code, stdout, stderr = run("check", str(folder), "--out", str(tmp_path / "o"), "--encoder", str(missing))
    assert code == 1 and "NUM001" in stdout  # every other rule ran
    assert stderr.splitlines() == [f"mtcheck: warning: {missing}: no such model folder, aligned with anchors only (1 version(s))"]
    document = json.loads((tmp_path / "o" / "results.json").read_text(encoding="utf-8"))
    validate(document)
    assert document["summary"]["aligner_notes"] == {f"{missing}: no such model folder, aligned with anchors only": 1}
    assert document["articles"][0]["versions"][0]["details"]["aligner"]["method"] == "anchors"
    dashboard = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert f'role="status">! Checks ran degraded: {missing}: no such model folder' in dashboard


def test_no_warning_when_the_encoder_is_turned_off_or_quiet(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("a1", id=ID, en=EN_OK)
    assert run("check", str(folder), "--out", str(tmp_path / "o"), "--encoder", "none")[2] == ""
    assert "Checks ran degraded" not in (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert run("check", str(folder), "--out", str(tmp_path / "p"), "--encoder", str(tmp_path / "x"), "-q")[2] == ""


def test_a_reference_that_cannot_be_used_is_an_input_error_and_the_rest_is_scored(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folders = [make_article(name, id=ID, en=EN_OK, fr=FR_OK) for name in ("a", "b")]
    refs = tmp_path / "refs"
    for name in ("a", "b"):
        (refs / name).mkdir(parents=True)
    (refs / "a" / "en.txt").write_bytes("Aide vers\u00e9e.".encode("latin-1"))  # not UTF-8
    (refs / "a" / "fr.txt").mkdir()
    (refs / "b" / "en.txt").write_text(" \n", encoding="utf-8")  # empty: BLEU 0 would be a wrong score
    (refs / "b" / "fr.txt").write_text(FR_OK, encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = run("check", *map(str, folders), "--out", str(out), "--no-html", "--refs", str(refs))
    assert code == 2 and stderr.splitlines() == [
        f"mtcheck: {refs / 'a' / 'en.txt'}: reference is not valid UTF-8 (byte 9)",
        f"mtcheck: {refs / 'a' / 'fr.txt'}: cannot read the reference (a folder, not a file)",
        f"mtcheck: {refs / 'b' / 'en.txt'}: reference is empty"]
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate(document)
    assert [e["path"] for e in document["input_errors"]] == [str(refs / n) for n in ("a/en.txt", "a/fr.txt", "b/en.txt")]
    scored = {(a["id"], v["lang"]) for a in document["articles"] for v in a["versions"] if "metrics" in v.get("details", {})}
    assert scored == {("b", "fr")} and set(document["summary"]["metrics"]) == {"fr"}


def test_a_reference_sacrebleu_cannot_tokenise_is_an_input_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mtcheck.results.references import ReferenceScorer

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ja.txt").write_text("x " * 400_000, encoding="utf-8")  # MeCab's parse returns None
    monkeypatch.setattr("mtcheck.results.metrics.bleu_tokenizer", lambda lang: "ja-mecab")
    scorer = ReferenceScorer(tmp_path)
    assert scorer.score_version("a", "ja", "日本") is None
    assert [e.message.split(" (")[0] for e in scorer.errors] == ["cannot score against this reference"]
    assert scorer.corpus() == {}


def test_a_reference_linked_to_nothing_is_an_error_not_a_missing_reference(tmp_path: Path) -> None:
    """It was taken for "no reference": the version was silently scored by nothing."""
    from mtcheck.results.references import ReferenceScorer

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "en.txt").symlink_to(tmp_path / "gone.txt")
    scorer = ReferenceScorer(tmp_path)
    assert scorer.score_version("a", "en", "Prices rose.") is None and scorer.score_version("a", "fr", "x") is None
    assert [(e.path, e.message) for e in scorer.errors] == [
        (str(tmp_path / "a" / "en.txt"), "cannot read the reference (No such file or directory)")]


def test_a_reference_over_the_size_limit_is_not_read_whole(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mtcheck.readers.folder import read_article_folder
    from mtcheck.results.references import ReferenceScorer

    monkeypatch.setattr("mtcheck.readers.common.MAX_TEXT_BYTES", 100)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "en.txt").write_text("Prices rose. " * 20, encoding="utf-8")
    scorer = ReferenceScorer(tmp_path)
    assert scorer.score_version("a", "en", "Prices rose.") is None
    assert [e.message for e in scorer.errors] == ["reference too large (over 100 bytes; the limit is 1,000,000 characters)"]
    # An article's text over the limit is worded the same way by the folder reader.
    (tmp_path / "a" / "id.txt").write_text("Harga naik.", encoding="utf-8")
    error = read_article_folder(tmp_path / "a")
    assert isinstance(error, InputError) and error.path == str(tmp_path / "a" / "en.txt")
    assert error.message == "en text too large (over 100 bytes; the limit is 1,000,000 characters)"


def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_traceback(make_article) -> None:  # type: ignore[no-untyped-def]
    """PYTHONIOENCODING=ascii (or a Latin-1 locale) made printing a French suggestion raise UnicodeEncodeError."""
    import os
    import subprocess
    import sys

    folder = make_article("harga", id="Harga naik menjadi 80.000 rupiah.", fr="Le prix monte \u00e0 80.000 roupies.")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "mtcheck", "check", str(folder), "--encoder", "none", "-q",
                           "--no-reports", "--no-cache", "--fail-on", "minor"], capture_output=True, env=env, timeout=120,
                          check=False)
    assert done.returncode == 1 and done.stderr == b""
    assert b"NUM001 minor" in done.stdout and b"(suggestion: 80\\u202f000)" in done.stdout
