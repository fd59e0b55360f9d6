"""Baselines: adopt mtcheck on a backlog by recording today's findings and reporting only new ones.

A finding's fingerprint must survive unrelated edits to the article, so it uses no offsets: it hashes
the rule code, the article id, the language and the finding's normalised span text (the target text,
or the source text when the target span is empty), plus an occurrence index that tells repeats of the
same key apart in document order. Fixing one of two identical findings leaves one key with index 0,
which is still in the baseline; adding a third makes index 2, which is new.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .results import summarise

SCHEMA_ID = "mtcheck/baseline-v1"


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def finding_key(article_id: str, lang: str, finding: dict[str, Any]) -> str:
    spans = [finding.get("target"), finding.get("source")]
    text = next((_normalise(s["text"]) for s in spans if s and _normalise(s["text"])), "")
    return "\x1f".join((finding["rule"], article_id, lang, text))


def fingerprints(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(fingerprint, article, version, finding) for every finding, in document order."""
    for article in document["articles"]:
        for version in article["versions"]:
            seen: Counter[str] = Counter()
            for finding in version["findings"]:
                key = finding_key(article["id"], version["lang"], finding)
                index = seen[key]
                seen[key] += 1
                digest = hashlib.sha256(f"{key}\x1f{index}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
                yield digest, article, version, finding


def render_baseline(document: dict[str, Any]) -> str:
    """The baseline file: fingerprints with enough context for a reviewer to read the diff."""
    entries = [
        {"fingerprint": fp, "article": article["id"], "lang": version["lang"], "rule": finding["rule"],
         "text": _normalise((finding.get("target") or finding.get("source") or {}).get("text", ""))[:200]}
        for fp, article, version, finding in fingerprints(document)
    ]
    entries.sort(key=lambda e: (e["article"], e["lang"], e["rule"], e["fingerprint"]))
    return json.dumps({"schema": SCHEMA_ID, "findings": entries}, ensure_ascii=False, indent=1) + "\n"


def load_baseline(path: Path) -> set[str]:
    """The fingerprints of a baseline file; ValueError with a one-line reason if it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID or not isinstance(data.get("findings"), list):
        raise ValueError(f"not an {SCHEMA_ID} file")
    try:
        return {str(entry["fingerprint"]) for entry in data["findings"]}
    except (TypeError, KeyError):
        raise ValueError("baseline entries need a 'fingerprint'") from None


def apply_baseline(document: dict[str, Any], known: set[str], label: str = "") -> dict[str, Any]:
    """A copy of ``document`` without the findings in ``known``; scores and verdicts are kept as computed
    (the translation is no better for being baselined), the summary counts only what is reported."""
    keep = {id(finding) for fp, _, _, finding in fingerprints(document) if fp not in known}
    total = sum(len(v["findings"]) for a in document["articles"] for v in a["versions"])
    articles = [
        {**article, "versions": [
            {**version, "findings": [f for f in version["findings"] if id(f) in keep]}
            for version in article["versions"]
        ]}
        for article in document["articles"]
    ]
    options = {**document.get("options", {}), "baseline": {"path": label, "suppressed": total - len(keep)}}
    return {**document, "options": options, "articles": articles,
            "summary": summarise(articles, document["input_errors"])}
