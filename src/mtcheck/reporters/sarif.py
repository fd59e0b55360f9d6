"""``--format sarif``: SARIF 2.1.0, read by GitHub code scanning, GitLab, Azure DevOps and IDE viewers.

Every registered rule is a ``reportingDescriptor`` (id, name, summary, full doc, default level, MQM
category); every finding a ``result`` with its level (critical/major -> error, minor -> warning,
neutral -> note), a physical location (line/column in code points: ``columnKind`` unicodeCodePoints),
the source span as a related location, and the baseline fingerprint as a partial fingerprint so that
code-scanning tools track a finding across runs the way ``--baseline`` does.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from mtcheck.reporters.locate import Location, locate, one_line
from mtcheck.results.baseline import fingerprints
from mtcheck.store.output import json_escaped, terminal_safe

LEVELS = {"critical": "error", "major": "error", "minor": "warning", "neutral": "note"}
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:@!$&'()*+,;=-._~")


def _rules(document: dict[str, Any]) -> list[dict[str, Any]]:
    from mtcheck.rules.base import all_rules

    descriptors = {
        code: {"id": code, "name": cls.name, "shortDescription": {"text": cls.summary() or cls.name},
               "fullDescription": {"text": cls.doc() or cls.name},
               "defaultConfiguration": {"level": LEVELS[cls.severity.value]},
               "properties": {"category": cls.category, "severity": cls.severity.value, "tags": [cls.category]}}
        for code, cls in all_rules().items()
    }
    for article in document["articles"]:  # findings of rules this installation does not know (old results)
        for version in article["versions"]:
            for f in version["findings"]:
                descriptors.setdefault(f["rule"], {
                    "id": f["rule"], "name": f["name"], "shortDescription": {"text": f["name"]},
                    "properties": {"category": f["category"], "tags": [f["category"]]}})
    return [descriptors[code] for code in sorted(descriptors)]


def _physical(where: Location, snippet: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(where.file)}}
    if where.virtual:  # a JSONL line or an XLIFF file: the region is the line holding the text, if known
        if where.file_line:
            location["region"] = {"startLine": where.file_line}
    elif not where.whole:
        region: dict[str, Any] = {"startLine": where.line, "startColumn": where.column,
                                  "endLine": where.end_line, "endColumn": where.end_column}
        if snippet:
            region["snippet"] = {"text": snippet}
        location["region"] = region
    return location


def _result(fp: str, article: dict[str, Any], version: dict[str, Any], finding: dict[str, Any],
            index: dict[str, int]) -> dict[str, Any]:
    where = locate(article, version, finding)
    span = finding["target"] if finding["target"] is not None else finding["source"]
    logical = {"name": terminal_safe(f"{article['id']}/{version['lang']}"), "kind": "module"}
    result: dict[str, Any] = {
        "ruleId": finding["rule"], "ruleIndex": index[finding["rule"]], "level": LEVELS[finding["severity"]],
        "message": {"text": terminal_safe(one_line(finding["message"])
                                          + (f" (suggestion: {finding['suggestion']})" if finding["suggestion"] else ""))},
        "locations": [{"physicalLocation": _physical(where, span["text"] if span else None),
                       "logicalLocations": [logical]}],
        "partialFingerprints": {"mtcheck/v1": fp},
        "properties": {"severity": finding["severity"], "category": finding["category"], "article": article["id"],
                       "lang": version["lang"], "suggestion": finding["suggestion"]},
    }
    if finding["target"] is not None and finding["source"] is not None:
        source_where = locate(article, version, {**finding, "target": None})
        result["relatedLocations"] = [{"id": 1, "message": {"text": "source text"},
                                       "physicalLocation": _physical(source_where, finding["source"]["text"])}]
    return result


def render_sarif(document: dict[str, Any]) -> str:
    rules = _rules(document)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    notifications = [
        {"level": "error", "message": {"text": terminal_safe(f"{e['path']}: {e['message']}")},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e["path"])}}}]}
        for e in document["input_errors"]
    ]
    tool = document.get("tool", {})
    run = {
        "tool": {"driver": {"name": "mtcheck", "version": str(tool.get("version", "")), "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": [_result(*item, index=index) for item in fingerprints(document)],
        "properties": {"options": document.get("options", {}), "summary": document["summary"]},
    }
    # Messages (shown to people) are ``terminal_safe`` as in --format text; every other string keeps its value,
    # with C1 and the bidi controls as \u escapes (json.dumps escapes only C0), so the file is never acted on
    # by a terminal or a CI log
    return json_escaped(json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False,
                                   indent=2)) + "\n"
