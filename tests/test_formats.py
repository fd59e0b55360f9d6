"""Every output format, parsed back by a real consumer and checked against what the document says.

The document comes from the real readers and pipeline (only TAG001 enabled, which plain text never
triggers), then findings are planted at known spans so the tests do not depend on today's rules.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mtcheck.config import Config
from mtcheck.reporters import FORMATS
from mtcheck.reporters.github import render_github
from mtcheck.reporters.jsonl import render_jsonl
from mtcheck.reporters.junit import render_junit
from mtcheck.reporters.sarif import render_sarif
from mtcheck.results.baseline import fingerprints
from mtcheck.results.document import summarise
from mtcheck.run.pipeline import run_check

FIXTURES = Path(__file__).parent / "fixtures"
ID = "Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga.\n\nBantuan tersebut bernilai Rp2,1 triliun."
EN = "Jakarta - The government distributed aid to 80.000 families.\n\nThe aid, worth Rp2.1 trillion, arrived."
FR = "Jakarta - Le gouvernement a distribué une aide à 80,000 familles.\n\nL'aide vaut 2,1 billions de roupies."


def _span(text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def _finding(rule: str, severity: str, message: str, target: dict[str, Any] | None,
             source: dict[str, Any] | None = None, suggestion: str | None = None) -> dict[str, Any]:
    return {"rule": rule, "name": "planted", "category": "accuracy/mistranslation", "severity": severity,
            "message": message, "source": source, "target": target, "suggestion": suggestion}


@pytest.fixture
def document(tmp_path: Path) -> dict[str, Any]:
    folder = tmp_path / "in" / "aid-80k"
    folder.mkdir(parents=True)
    for lang, text in {"id": ID, "en": EN, "fr": FR}.items():
        (folder / f"{lang}.txt").write_text(text, encoding="utf-8")
    batch = tmp_path / "in" / "batch.jsonl"
    batch.write_text(json.dumps({"id": "from-jsonl", "texts": {"id": ID, "en": EN}}) + "\n", encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("not an input", encoding="utf-8")
    paths = [str(folder), str(batch), str(tmp_path / "in" / "notes.md")]
    doc = run_check(paths, Config(select=("TAG",), encoder="none"), {"fail-on": "major"})
    article, jsonl_article = doc["articles"]
    en, fr = article["versions"]
    en["findings"] = [
        _finding("NUM002", "critical", "80.000 reads as eighty\nin English.", _span(EN, "80.000"),
                 _span(ID, "80.000"), suggestion="80,000"),
        _finding("PUNC005", "minor", 'Comma "here", 100% sure: <b>&', _span(EN, "trillion, arrived")),
        _finding("SEM001", "neutral", "Whole version reads oddly.", None),
        _finding("STR001", "major", "Source sentence missing.", None, _span(ID, "Bantuan tersebut")),
    ]
    fr["findings"] = [_finding("NUM001", "minor", "French groups with a space.", _span(FR, "80,000"),
                               suggestion="80\u202f000")]
    jsonl_article["versions"][0]["findings"] = [
        _finding("NUM002", "critical", "Value changed.", _span(EN, "80.000"), _span(ID, "80.000"))]
    doc["summary"] = summarise(doc["articles"], doc["input_errors"])
    return doc


def _all(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for a in doc["articles"] for v in a["versions"] for f in v["findings"]]


def test_every_format_is_registered_and_renders_text() -> None:
    assert set(FORMATS) == {"text", "json", "jsonl", "junit", "sarif", "github"}


def test_jsonl_has_one_parsable_finding_per_line(document: dict[str, Any]) -> None:
    records = [json.loads(line) for line in render_jsonl(document).splitlines()]
    findings = [r for r in records if r["kind"] == "finding"]
    assert [f["rule"] for f in findings] == [f["rule"] for f in _all(document)]
    assert records[-1]["kind"] == "summary" and records[-1]["findings"] == 6
    assert [r["path"] for r in records if r["kind"] == "input_error"] == [document["input_errors"][0]["path"]]
    num = findings[0]
    assert (num["article"], num["lang"], num["line"], num["column"]) == ("aid-80k", "en", 1, EN.index("80.000") + 1)
    assert num["message"] == "80.000 reads as eighty\nin English." and num["suggestion"] == "80,000"
    second_paragraph = findings[1]
    assert second_paragraph["line"] == 3 and second_paragraph["end_column"] - second_paragraph["column"] == 17


def _junit_cases(xml: str) -> dict[tuple[str, str], ET.Element]:
    root = ET.fromstring(xml)
    return {(c.get("classname", ""), c.get("name", "")): c for c in root.iter("testcase")}


def test_junit_one_case_per_article_and_language(document: dict[str, Any]) -> None:
    xml = render_junit(document)
    root = ET.fromstring(xml)
    cases = _junit_cases(xml)
    assert set(cases) == {("aid-80k", "en"), ("aid-80k", "fr"), ("from-jsonl", "en"), ("input", document["input_errors"][0]["path"])}
    failure = cases[("aid-80k", "en")].find("failure")
    assert failure is not None and "NUM002" in failure.get("message", "") and "STR001" in failure.get("message", "")
    assert "PUNC005" in (failure.text or "") and "<b>&" in (failure.text or "")  # escaped, then parsed back
    assert cases[("aid-80k", "fr")].find("failure") is None  # minor only: below --fail-on major
    assert "NUM001" in (cases[("aid-80k", "fr")].findtext("system-out") or "")
    assert cases[("input", document["input_errors"][0]["path"])].find("error") is not None
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")


def test_junit_is_read_by_junitparser(document: dict[str, Any], tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser")
    path = tmp_path / "junit.xml"
    path.write_text(render_junit(document), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    outcomes = {(case.classname, case.name): [type(r).__name__ for r in case.result] for suite in xml for case in suite}
    assert outcomes[("aid-80k", "en")] == ["Failure"]
    assert outcomes[("aid-80k", "fr")] == []
    assert outcomes[("from-jsonl", "en")] == ["Failure"]


def test_junit_threshold_follows_fail_on(document: dict[str, Any]) -> None:
    document["options"]["fail-on"] = "minor"
    assert _junit_cases(render_junit(document))[("aid-80k", "fr")].find("failure") is not None


def test_junit_survives_control_characters(document: dict[str, Any]) -> None:
    document["articles"][0]["versions"][0]["findings"][0]["message"] = "bell \x07 and \x1b escape"
    ET.fromstring(render_junit(document))  # would raise on an invalid XML character


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    return json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_sarif_validates_against_the_official_schema(document: dict[str, Any], sarif_schema: dict[str, Any]) -> None:
    log = json.loads(render_sarif(document))
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["version"] == "2.1.0"


def test_sarif_results_rules_levels_and_regions(document: dict[str, Any]) -> None:
    run = json.loads(render_sarif(document))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "TAG001" in ids and "PUNC005" in ids  # registered rules plus rules only seen in findings
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f["rule"] for f in _all(document)]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert [r["level"] for r in results[:5]] == ["error", "warning", "note", "error", "warning"]
    assert run["columnKind"] == "unicodeCodePoints"
    num = results[0]["locations"][0]["physicalLocation"]
    assert num["artifactLocation"]["uri"].endswith("aid-80k/en.txt")
    start = EN.index("80.000") + 1
    assert num["region"] == {"startLine": 1, "startColumn": start, "endLine": 1, "endColumn": start + 6,
                             "snippet": {"text": "80.000"}}
    related = results[0]["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"].endswith("aid-80k/id.txt")
    assert "region" not in results[2]["locations"][0]["physicalLocation"]  # whole-version finding
    assert results[3]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3  # source-only: source file
    jsonl = results[5]["locations"][0]["physicalLocation"]
    assert jsonl["artifactLocation"]["uri"].endswith("batch.jsonl") and jsonl["region"] == {"startLine": 1}
    fps = [fp for fp, *_ in fingerprints(document)]
    assert [r["partialFingerprints"]["mtcheck/v1"] for r in results] == fps
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_schema_rejects_a_broken_log(document: dict[str, Any], sarif_schema: dict[str, Any]) -> None:
    log = json.loads(render_sarif(document))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema).validate(log)


_COMMAND = re.compile(r"^::(?P<level>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def _unescape(value: str) -> str:
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _github(document: dict[str, Any]) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    for line in render_github(document).splitlines():
        match = _COMMAND.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in (match.group("props") or "").split(",") if p)
        commands.append((match.group("level"), {k: _unescape(v) for k, v in props.items()},
                         _unescape(match.group("message"))))
    return commands


def test_github_annotations(document: dict[str, Any]) -> None:
    commands = _github(document)
    assert [c[0] for c in commands] == ["error", "warning", "notice", "error", "warning", "error", "error"]
    _level, props, message = commands[0]
    assert props["file"].endswith("aid-80k/en.txt") and props["line"] == "1"
    assert props["col"] == str(EN.index("80.000") + 1) and props["endColumn"] == str(EN.index("80.000") + 7)
    assert props["title"] == "NUM002 planted (critical)"
    assert message.startswith("80.000 reads as eighty in English. (suggestion: 80,000)")
    assert commands[1][2].startswith('Comma "here", 100% sure: <b>&')  # % escaped and restored
    assert "line" not in commands[2][1]  # whole version: the file only
    assert commands[5][1]["file"].endswith("batch.jsonl") and commands[5][1]["line"] == "1"
    assert commands[6][2].startswith("input error:")


def test_text_lines_point_into_files(document: dict[str, Any]) -> None:
    lines = FORMATS["text"](document).splitlines()
    assert lines[0].endswith(f"en.txt:1:{EN.index('80.000') + 1}: NUM002 critical 80.000 reads as eighty in English. "
                             "(suggestion: 80,000)")
    assert "6 finding(s)" in lines[-1] and "1 input error(s)" in lines[-1]
