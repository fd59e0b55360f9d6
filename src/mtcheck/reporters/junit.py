"""``--format junit``: JUnit XML, the format every CI server can show as a test report.

One ``testsuite`` per article and one ``testcase`` per article x language (``classname`` = article id,
``name`` = language). A case fails when it has a finding at or above the run's ``fail-on`` severity, the
same rule as the exit code; the ``failure`` carries every finding as linter lines. Unreadable inputs are
``error`` cases in a last ``input`` suite. The shape follows the Jenkins/Ant schema that GitLab,
Jenkins, Azure DevOps and the GitHub test-report actions read.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from mtcheck.reporters.text import finding_line
from mtcheck.store.output import terminal_safe

RANKS = {"neutral": 0, "minor": 1, "major": 2, "critical": 3}
_XML_INVALID = re.compile("[\ufffe\uffff]")


def _clean(text: str) -> str:
    """One line as the text formats write it (``terminal_safe``: a newline, an ESC, a bidi override of an
    article id, a file name or a message become ``\\n``, ``\\x1b``, ``\\u202e``), which XML 1.0 can carry: a
    CI server shows a JUnit report in its log and web page (U+202E from a file name reached them raw)."""
    return _XML_INVALID.sub("\ufffd", terminal_safe(text))


def _clean_lines(text: str) -> str:
    return "\n".join(_clean(line) for line in text.split("\n"))


def _fail_on(document: dict[str, Any]) -> str:
    """The run's ``fail-on`` severity as recorded in the document's options (major if absent)."""
    options = document.get("options") or {}
    level = str(options.get("fail-on", options.get("fail_on", "major")))
    return level if level in RANKS else "major"


def _case(suite: ET.Element, article: dict[str, Any], version: dict[str, Any], fail_on: str) -> bool:
    case = ET.SubElement(suite, "testcase", classname=_clean(article["id"]), name=_clean(version["lang"]),
                         file=_clean(version["path"]), time="0")
    findings = version["findings"]
    failing = [f for f in findings if RANKS[f["severity"]] >= RANKS[fail_on]]
    details = "\n".join(finding_line(article, version, f) for f in findings)
    if failing:
        rules = ", ".join(dict.fromkeys(f["rule"] for f in failing))
        message = f"{len(failing)} finding(s) at or above {fail_on}: {rules} " \
                  f"(score {version['score']}, {version['verdict']})"
        failure = ET.SubElement(case, "failure", message=_clean(message), type=failing[0]["rule"])
        failure.text = _clean_lines(details)
    elif findings:
        ET.SubElement(case, "system-out").text = _clean_lines(details)
    return bool(failing)


def render_junit(document: dict[str, Any]) -> str:
    fail_on = _fail_on(document)
    root = ET.Element("testsuites", name="mtcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for article in document["articles"]:
        suite = ET.SubElement(root, "testsuite", name=_clean(article["id"]))
        failures = sum(_case(suite, article, v, fail_on) for v in article["versions"])
        counts = {"tests": len(article["versions"]), "failures": failures, "errors": 0}
        suite.attrib.update({k: str(v) for k, v in counts.items()}, skipped="0", time="0")
        totals = {k: totals[k] + counts[k] for k in totals}
    if document["input_errors"]:
        suite = ET.SubElement(root, "testsuite", name="input")
        for error in document["input_errors"]:
            case = ET.SubElement(suite, "testcase", classname="input", name=_clean(error["path"]), time="0")
            ET.SubElement(case, "error", message=_clean(error["message"]), type="InputError")
        n = len(document["input_errors"])
        suite.attrib.update(tests=str(n), failures="0", errors=str(n), skipped="0", time="0")
        totals = {**totals, "tests": totals["tests"] + n, "errors": totals["errors"] + n}
    root.attrib.update({k: str(v) for k, v in totals.items()}, time="0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
