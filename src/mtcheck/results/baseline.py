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

from mtcheck.model import InputError
from mtcheck.results.document import summarise
from mtcheck.store.userfile import BASELINE_BYTES, read_json

SCHEMA_ID = "mtcheck/baseline-v1"


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def finding_key(article_id: str, lang: str, finding: dict[str, Any]) -> str:
    spans = [finding.get("target"), finding.get("source")]
    text = next((_normalise(s["text"]) for s in spans if s and _normalise(s["text"])), "")
    return "\x1f".join((finding["rule"], article_id, lang, text))


def article_fingerprints(article: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(fingerprint, version, finding) for every finding of one article, in document order."""
    for version in article["versions"]:
        seen: Counter[str] = Counter()
        for finding in version["findings"]:
            key = finding_key(article["id"], version["lang"], finding)
            index = seen[key]
            seen[key] += 1
            digest = hashlib.sha256(f"{key}\x1f{index}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
            yield digest, version, finding


def fingerprints(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(fingerprint, article, version, finding) for every finding, in document order."""
    for article in document["articles"]:
        for digest, version, finding in article_fingerprints(article):
            yield digest, article, version, finding


def baseline_entries(article: dict[str, Any]) -> list[dict[str, str]]:
    """One article's baseline entries: fingerprints with enough context for a reviewer to read the diff."""
    return [
        {"fingerprint": fp, "article": article["id"], "lang": version["lang"], "rule": finding["rule"],
         "text": _normalise((finding.get("target") or finding.get("source") or {}).get("text", ""))[:200]}
        for fp, version, finding in article_fingerprints(article)
    ]


def render_entries(entries: list[dict[str, str]]) -> str:
    """The baseline file from every article's entries."""
    entries = sorted(entries, key=lambda e: (e["article"], e["lang"], e["rule"], e["fingerprint"]))
    return json.dumps({"schema": SCHEMA_ID, "findings": entries}, ensure_ascii=False, indent=1) + "\n"


def render_baseline(document: dict[str, Any]) -> str:
    """The baseline file of a whole document."""
    return render_entries([e for article in document["articles"] for e in baseline_entries(article)])


def load_baseline(path: Path) -> set[str]:
    """The fingerprints of a baseline file; ValueError with a one-line reason if it is not one."""
    try:
        data = read_json(path, BASELINE_BYTES)
    except ValueError as exc:
        raise ValueError(f"cannot read baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID or not isinstance(data.get("findings"), list):
        raise ValueError(f"not an {SCHEMA_ID} file")
    entries = data["findings"]
    if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) and len(e["fingerprint"]) <= 64
               for e in entries):
        raise ValueError("baseline entries need a 'fingerprint' (a string of at most 64 characters)")
    return {entry["fingerprint"] for entry in entries}


def filter_article(article: dict[str, Any], known: set[str]) -> tuple[dict[str, Any], int]:
    """A copy of ``article`` without the findings in ``known``, and how many were dropped."""
    keep = {id(finding) for fp, _, finding in article_fingerprints(article) if fp not in known}
    total = sum(len(v["findings"]) for v in article["versions"])
    versions = [{**version, "findings": [f for f in version["findings"] if id(f) in keep]}
                for version in article["versions"]]
    return {**article, "versions": versions}, total - len(keep)


def apply_baseline(document: dict[str, Any], known: set[str], label: str = "") -> dict[str, Any]:
    """A copy of ``document`` without the findings in ``known``; scores and verdicts are kept as computed
    (the translation is no better for being baselined), the summary counts only what is reported."""
    filtered = [filter_article(article, known) for article in document["articles"]]
    articles = [article for article, _ in filtered]
    options = {**document.get("options", {}), "baseline": {"path": label, "suppressed": sum(n for _, n in filtered)}}
    return {**document, "options": options, "articles": articles,
            "summary": summarise(articles, document["input_errors"])}


class BaselineFilter:
    """Streaming step (``--baseline``): drop known findings per article; ``options.baseline`` at the end."""

    def __init__(self, known: set[str], label: str) -> None:
        self.known, self.label, self.suppressed = known, label, 0
        self.failure = f"{label}: cannot apply baseline"
        self.errors: list[InputError] = []  # never any: the baseline was read and checked before the batch

    def apply(self, article: dict[str, Any]) -> dict[str, Any]:
        article, dropped = filter_article(article, self.known)
        self.suppressed += dropped
        return article

    def finish(self, document: dict[str, Any]) -> None:
        document["options"]["baseline"] = {"path": self.label, "suppressed": self.suppressed}


class BaselineRecorder:
    """Streaming step (``--write-baseline``): collect every article's entries (small: a fingerprint and
    at most 200 characters per finding, kept in memory), write the file at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[dict[str, str]] = []
        self.failure = f"{path}: cannot write baseline"
        self.errors: list[InputError] = []  # never any: it reads no input

    def apply(self, article: dict[str, Any]) -> dict[str, Any]:
        self.entries += baseline_entries(article)
        return article

    def finish(self, document: dict[str, Any]) -> None:
        from mtcheck.store.output import write_atomic

        write_atomic(self.path, render_entries(self.entries))
