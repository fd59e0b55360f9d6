"""End-to-end test over the shipped samples: every registered rule finds exactly what is planted.

Each ``samples/<id>/expected.json`` lists the errors planted in that article (see samples/README.md for
the span convention). For every rule code in the registry, the findings mtcheck reports must equal the
expected findings of that code: a missed error and a new false positive both fail. Expectations of rule
codes not registered yet are reported as skipped, so the samples can be written ahead of the rules.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.facts.boilerplate import disclaimers
from mtcheck.model import Article, ArticleResult
from mtcheck.readers.folder import read_article_folder
from mtcheck.rules.base import all_rules
from mtcheck.text.words import count_words

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_IDS = sorted(p.name for p in SAMPLES.iterdir() if (p / "id.txt").is_file())
TARGETS = ("en", "zh", "ja", "ar", "fr")
REGISTERED = tuple(all_rules())
ALL_CODES = frozenset(
    ["NUM001", "NUM002", "NUM003", "LANG001", "LANG002", "LANG003", "LANG004", "STR001", "STR002", "STR003", "STR004", "STR005", "STR006", "DATE001", "DATE002", "NAME001", "LINK001", "LINK002", "PUNC001", "PUNC002", "PUNC003", "PUNC004", "PUNC005", "PUNC006", "PUNC007", "TERM001", "SEM001", "CONS001"]
)
SPAN_FIELDS = ("target", "source")

# Known rule defects the samples expose: (sample, rule) -> why. Strict xfail, so a fix turns into an
# XPASS failure that asks for the entry to be removed.
KNOWN_RULE_GAPS: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Found:
    """One reported finding, reduced to what expected.json can state."""

    lang: str
    rule: str
    target: str | None
    source: str | None
    severity: str = ""

    def __str__(self) -> str:
        return f"{self.lang} {self.rule} {self.severity} target={self.target!r} source={self.source!r}"


def load_expected(sample: str) -> list[dict[str, Any]]:
    data = json.loads((SAMPLES / sample / "expected.json").read_text(encoding="utf-8"))
    findings: list[dict[str, Any]] = data["findings"]
    return findings


@cache
def load_article(sample: str) -> Article:
    article = read_article_folder(SAMPLES / sample)
    assert isinstance(article, Article), f"{sample}: {article}"
    return article


@cache
def run(sample: str) -> ArticleResult:
    return check(load_article(sample), Config())  # shipped defaults: the samples show what users get


def found(sample: str, rule: str) -> list[Found]:
    return [
        Found(v.lang, f.rule, f.target.text if f.target else None, f.source.text if f.source else None,
              f.severity.value)
        for v in run(sample).versions
        for f in v.findings
        if f.rule == rule
    ]


def matches(entry: dict[str, Any], f: Found) -> bool:
    """An expected entry matches a finding on lang, rule and every span field the entry gives.

    A field given as null means "no span on that side"; a field left out is not compared. ``severity``,
    where an entry gives it, must match too (a finding that is right but demoted is a regression).
    """
    if (entry["lang"], entry["rule"]) != (f.lang, f.rule):
        return False
    if "severity" in entry and entry["severity"] != f.severity:
        return False
    return all(entry[k] == getattr(f, k) for k in SPAN_FIELDS if k in entry)


def pair_up(expected: list[dict[str, Any]], actual: list[Found]) -> tuple[list[dict[str, Any]], list[Found]]:
    """Match entries to findings one to one; return (missing entries, unexpected findings).

    Entries that state more span fields are matched first, so a loose entry cannot take the finding a
    precise entry needs.
    """
    left = list(actual)
    missing = []
    for entry in sorted(expected, key=lambda e: -sum(k in e for k in SPAN_FIELDS)):
        hit = next((f for f in left if matches(entry, f)), None)
        if hit is None:
            missing.append(entry)
        else:
            left.remove(hit)
    return missing, left


def describe(entry: dict[str, Any]) -> str:
    spans = " ".join(f"{k}={entry[k]!r}" for k in SPAN_FIELDS if k in entry)
    return f"{entry['lang']} {entry['rule']} {spans}  ({entry.get('note', '')})"


def rule_cases() -> Iterable[Any]:
    for sample in SAMPLE_IDS:
        for rule in REGISTERED:
            reason = KNOWN_RULE_GAPS.get((sample, rule))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(sample, rule, id=f"{sample}-{rule}", marks=marks)


@pytest.mark.parametrize(("sample", "rule"), list(rule_cases()))
def test_rule_finds_exactly_the_planted_errors(sample: str, rule: str) -> None:
    expected = [e for e in load_expected(sample) if e["rule"] == rule]
    missing, unexpected = pair_up(expected, found(sample, rule))
    report = [f"{sample} {rule}:"]
    report += [f"  missing:    {describe(e)}" for e in missing]
    report += [f"  unexpected: {f}" for f in unexpected]
    if missing or unexpected:
        pytest.fail("\n".join(report), pytrace=False)


@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_expectations_of_pending_rules(sample: str) -> None:
    pending = sorted({e["rule"] for e in load_expected(sample)} - set(REGISTERED))
    if pending:
        pytest.skip(f"{sample}: rules not registered yet, expectations not checked: {', '.join(pending)}")


# --- the samples themselves -------------------------------------------------------------------------


def read(sample: str, lang: str) -> str:
    return (SAMPLES / sample / f"{lang}.txt").read_bytes().decode("utf-8")


def paragraphs(text: str) -> list[str]:
    return text.strip("\n").split("\n\n")


def test_there_are_at_least_four_samples() -> None:
    assert len(SAMPLE_IDS) >= 4, SAMPLE_IDS


@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_sample_has_all_files_in_plain_utf8(sample: str) -> None:
    for lang in ("id", *TARGETS):
        text = read(sample, lang)
        assert "\r" not in text and not text.startswith("\ufeff"), f"{sample}/{lang}.txt: use LF, no BOM"
        parts = paragraphs(text)
        assert all(p.strip() == p and p for p in parts), f"{sample}/{lang}.txt: empty or padded paragraph"
        assert not any("\n" in p for p in parts), f"{sample}/{lang}.txt: paragraphs are single lines"
    assert (SAMPLES / sample / "expected.json").is_file()


@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_source_reads_like_a_wire_story(sample: str) -> None:
    source = read(sample, "id")
    assert re.match(r"[A-Z][a-z]+ \(ANTARA\) - ", source), "dateline like 'Jakarta (ANTARA) - '"
    assert 8 <= len(paragraphs(source)) <= 14
    assert 350 <= count_words(source, "id") <= 600


@pytest.mark.parametrize("sample", SAMPLE_IDS)
@pytest.mark.parametrize("lang", TARGETS)
def test_version_ends_with_its_disclaimer(sample: str, lang: str) -> None:
    assert paragraphs(read(sample, lang))[-1] == disclaimers()[lang]


@pytest.mark.parametrize("sample", SAMPLE_IDS)
@pytest.mark.parametrize("lang", TARGETS)
def test_paragraph_counts_agree_with_planted_structure_errors(sample: str, lang: str) -> None:
    """One paragraph per source paragraph, plus the disclaimer, minus omissions, plus duplicates."""
    planted = [e["rule"] for e in load_expected(sample) if e["lang"] == lang]
    expected = len(paragraphs(read(sample, "id"))) + 1 - planted.count("STR001") + planted.count("STR003")
    assert len(paragraphs(read(sample, lang))) == expected


@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_expected_json_is_well_formed(sample: str) -> None:
    data = json.loads((SAMPLES / sample / "expected.json").read_text(encoding="utf-8"))
    assert data["article"] == sample
    for entry in data["findings"]:
        assert entry["lang"] in TARGETS and entry["rule"] in ALL_CODES, entry
        assert set(entry) <= {"lang", "rule", "target", "source", "note", "severity"}, entry
        assert entry.get("severity", "major") in ("neutral", "minor", "major", "critical"), entry
        assert entry.get("note"), f"say why: {entry}"
        for side, lang in (("target", entry["lang"]), ("source", "id")):
            span = entry.get(side)
            assert span is None or span in read(sample, lang), f"{side} span not in {lang}.txt: {entry}"


def test_some_version_is_perfectly_clean() -> None:
    dirty = {(s, e["lang"]) for s in SAMPLE_IDS for e in load_expected(s)}
    clean = [(s, lang) for s in SAMPLE_IDS for lang in TARGETS if (s, lang) not in dirty]
    assert clean, "keep at least one version with no planted error"
