"""Baselines: fingerprints survive unrelated edits, repeats are counted, only new findings are reported."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.results.baseline import apply_baseline, fingerprints, load_baseline, render_baseline
from mtcheck.results.document import summarise

XLIFF = ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="id" trgLang="en">'
         '<file id="f1" original="berita.txt">{}</file></xliff>')
UNITS = {
    "a": ("Presiden tiba di <pc id='1'>Bandung</pc>.", "The president arrived in Bandung."),  # code lost
    "b": ("Acara dimulai pukul sembilan.", "The event started at nine."),
    "c": ("Baca <pc id='2'>berita</pc> lain.", "Read other <pc id='2'>news</pc>."),
}


def xliff(units: dict[str, tuple[str, str]]) -> str:
    body = "".join(f'<unit id="{k}"><segment><source>{s}</source><target>{t}</target></segment></unit>'
                   for k, (s, t) in units.items())
    return XLIFF.format(body)


def doc(findings: list[tuple[str, str]], article: str = "berita", lang: str = "en") -> dict[str, Any]:
    """A minimal results document: findings given as (rule, target text)."""
    text = " ".join(t for _, t in findings)
    planted, pos = [], 0
    for rule, target in findings:
        start = text.index(target, pos)
        pos = start + len(target)
        planted.append({"rule": rule, "name": "n", "category": "c", "severity": "major", "message": f"at {start}",
                        "source": None, "target": {"start": start, "end": pos, "text": target}, "suggestion": None})
    articles = [{"id": article, "source": {"lang": "id", "path": "id.txt", "words": 10},
                 "versions": [{"lang": lang, "path": "en.txt", "words": 10, "score": 90.0, "verdict": "warn",
                               "findings": planted}]}]
    return {"schema": "mtcheck/results-v1", "options": {}, "articles": articles, "input_errors": [],
            "summary": summarise(articles, [])}


def known_of(document: dict[str, Any], tmp_path: Path) -> set[str]:
    path = tmp_path / "baseline.json"
    path.write_text(render_baseline(document), encoding="utf-8")
    return load_baseline(path)


def new_rules(document: dict[str, Any], known: set[str]) -> list[str]:
    filtered = apply_baseline(document, known, "b.json")
    found = [f["rule"] for a in filtered["articles"] for v in a["versions"] for f in v["findings"]]
    assert filtered["summary"]["findings"] == len(found)
    assert filtered["options"]["baseline"]["suppressed"] == document["summary"]["findings"] - len(found)
    return found


def test_same_findings_are_all_known(tmp_path: Path) -> None:
    document = doc([("NUM002", "80.000 families"), ("PUNC005", "a  b")])
    assert new_rules(document, known_of(document, tmp_path)) == []


def test_fingerprints_ignore_offsets_and_whitespace(tmp_path: Path) -> None:
    known = known_of(doc([("NUM002", "80.000 families")]), tmp_path)
    moved = doc([("PUNC005", "a  b"), ("NUM002", "80.000\nfamilies")])  # shifted, rewrapped, plus a new one
    assert new_rules(moved, known) == ["PUNC005"]


@pytest.mark.parametrize(("before", "after", "new"), [
    (2, 1, 0),  # one of two repeats fixed: nothing new
    (2, 2, 0),
    (2, 3, 1),  # a third repeat is new
    (0, 1, 1),
])
def test_repeats_are_counted(tmp_path: Path, before: int, after: int, new: int) -> None:
    known = known_of(doc([("PUNC006", "the the")] * before), tmp_path)
    assert len(new_rules(doc([("PUNC006", "the the")] * after), known)) == new


@pytest.mark.parametrize(("change", "new"), [
    ({"article": "other"}, 1),
    ({"lang": "fr"}, 1),
])
def test_article_and_language_are_part_of_the_fingerprint(tmp_path: Path, change: dict[str, str], new: int) -> None:
    known = known_of(doc([("NUM002", "80.000 families")]), tmp_path)
    assert len(new_rules(doc([("NUM002", "80.000 families")], **change), known)) == new


def test_fingerprints_are_stable_hex(tmp_path: Path) -> None:
    first = [fp for fp, *_ in fingerprints(doc([("NUM002", "x"), ("NUM002", "x")]))]
    assert len(set(first)) == 2 and all(len(fp) == 32 and int(fp, 16) >= 0 for fp in first)
    assert first == [fp for fp, *_ in fingerprints(doc([("NUM002", "x"), ("NUM002", "x")]))]


@pytest.mark.parametrize("content", ["{", '{"schema": "other", "findings": []}', ('{"schema": "mtcheck/baseline-v1", '
                                     '"findings": [{"rule": "X"}]}')])
def test_bad_baseline_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        load_baseline(path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_round_trip_adopts_a_backlog(tmp_path: Path) -> None:
    source = tmp_path / "berita.xlf"
    source.write_text(xliff(UNITS), encoding="utf-8")
    common = ["--select", "TAG", "--encoder", "none", "--isolated", "--no-html", "--out", str(tmp_path / "out")]
    baseline = tmp_path / "mtcheck-baseline.json"
    code, stdout, _ = run("check", str(source), *common, "--write-baseline", str(baseline))
    assert code == 1 and "TAG001" in stdout  # writing a baseline still reports today's findings
    assert [e["rule"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]] == ["TAG001"]
    code, stdout, _ = run("check", str(source), *common, "--baseline", str(baseline))
    assert code == 0 and "0 finding(s)" in stdout
    # an unrelated edit (a unit inserted before the known finding) and one new broken unit
    edited = {"z": ("Judul <pc id='9'>baru</pc>.", "New headline."), **UNITS}
    source.write_text(xliff(edited), encoding="utf-8")
    code, stdout, _ = run("check", str(source), *common, "--baseline", str(baseline), "--format", "jsonl")
    records = [json.loads(line) for line in stdout.splitlines()]
    assert code == 1 and [r["message"] for r in records if r["kind"] == "finding"] == [
        "Unit z: inline paired code id=9 of the source is missing from the translation."]
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert results["options"]["baseline"] == {"path": str(baseline), "suppressed": 1}


def test_cli_rejects_a_bad_baseline(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text("[]", encoding="utf-8")
    code, _, stderr = run("check", str(tmp_path), "--baseline", str(tmp_path / "b.json"))
    assert code == 2 and "b.json: not an mtcheck/baseline-v1 file" in stderr
