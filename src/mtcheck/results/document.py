"""The results-v1 document: the one serialised form every reporter renders.

``build_document`` turns engine results into the versioned JSON structure described by
``schema/results-v1.json``; reporters (text, html, ...) read only this document, so
``mtcheck report results.json`` can re-render without re-checking.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from fractions import Fraction
from typing import Any

from mtcheck import __version__
from mtcheck.model import ArticleResult, Finding, Fix, InputError, Span
from mtcheck.store.userfile import cut

SCHEMA_ID = "mtcheck/results-v1"
SEVERITIES = ("neutral", "minor", "major", "critical")


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def fix_dict(fix: Fix) -> dict[str, Any]:
    """A finding's ``fix``: its safety and its edits (offsets into the version's text, as spans)."""
    return {"safety": "safe" if fix.safe else "unsafe",
            "edits": [{"start": e.start, "end": e.end, "text": e.text, "replacement": e.replacement} for e in fix.edits]}


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "source": _span(f.source),
        "target": _span(f.target),
        "suggestion": f.suggestion,
        **({"fix": fix_dict(f.fix)} if f.fix is not None else {}),
    }


def article_dict(result: ArticleResult, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """``texts`` (language -> normalised text) are embedded so reports re-render without the inputs."""
    texts = texts or {}
    source: dict[str, Any] = {"lang": result.source_lang, "path": result.source_path, "words": result.source_words}
    if result.source_lang in texts:
        source["text"] = texts[result.source_lang]
    return {
        "id": result.id,
        "source": source,
        "versions": [
            {
                "lang": v.lang,
                "path": v.path,
                "words": v.words,
                "score": v.score,
                "verdict": v.verdict,
                "findings": [finding_dict(f) for f in v.findings],
                **({"text": texts[v.lang]} if v.lang in texts else {}),
                **({"details": v.extra} if v.extra else {}),
            }
            for v in result.versions
        ],
    }


class SummaryAccumulator:
    """The batch summary, accumulated one article at a time so a streamed batch never holds its articles."""

    def __init__(self) -> None:
        self.articles = 0
        self.by_severity: Counter[str] = Counter({s: 0 for s in SEVERITIES})
        self.by_rule: Counter[str] = Counter()
        self.by_category: Counter[str] = Counter()
        self.by_lang: dict[str, dict[str, Any]] = {}
        self.verdicts: Counter[str] = Counter({"pass": 0, "warn": 0, "fail": 0})
        self.aligner_notes: Counter[str] = Counter()  # why versions were aligned without encoder, or not at all
        self.fixable: Counter[str] = Counter({"safe": 0, "unsafe": 0})  # findings --fix could repair

    def add(self, article: dict[str, Any]) -> None:
        self.articles += 1
        for version in article["versions"]:
            self.verdicts[version["verdict"]] += 1
            lang = self._language(version["lang"])
            lang["versions"] += 1
            lang["findings"] += len(version["findings"])
            lang["score_sum"] += Fraction(version["score"])  # exact: merged partitions give the same mean
            aligner = (version.get("details") or {}).get("aligner")
            notes = [aligner.get(key) for key in ("note", "skipped")] if isinstance(aligner, dict) else []
            for note in notes:  # why a version was aligned without encoder, or not (wholly) at all
                if note:
                    self.aligner_notes[str(note)] += 1
            for f in version["findings"]:
                self.by_severity[f["severity"]] += 1
                self.by_rule[f["rule"]] += 1
                self.by_category[f["category"]] += 1
                if f.get("fix"):
                    self.fixable[f["fix"]["safety"]] += 1

    def _language(self, code: str) -> dict[str, Any]:
        return self.by_lang.setdefault(code, {"versions": 0, "findings": 0, "score_sum": Fraction(0)})

    def merge(self, other: SummaryAccumulator) -> None:
        """Add what ``other`` accumulated (a partition's summary on a cluster, ``mtcheck.distributed``)."""
        self.articles += other.articles
        for mine, theirs in ((self.by_severity, other.by_severity), (self.by_rule, other.by_rule),
                             (self.by_category, other.by_category), (self.verdicts, other.verdicts),
                             (self.aligner_notes, other.aligner_notes), (self.fixable, other.fixable)):
            mine.update(theirs)
        for code, counts in other.by_lang.items():
            lang = self._language(code)
            for key, value in counts.items():
                lang[key] += value

    def result(self, errors: list[dict[str, str]]) -> dict[str, Any]:
        languages = {
            code: {"versions": d["versions"], "findings": d["findings"],
                   "mean_score": round(float(d["score_sum"] / d["versions"]), 2)}
            for code, d in sorted(self.by_lang.items())
        }
        return {
            "articles": self.articles,
            "versions": sum(self.verdicts.values()),
            "input_errors": len(errors),
            "findings": sum(self.by_severity.values()),
            "by_severity": dict(self.by_severity),
            "by_rule": dict(sorted(self.by_rule.items())),
            "by_category": dict(sorted(self.by_category.items())),
            "by_language": languages,
            "verdicts": dict(self.verdicts),
            "aligner_notes": dict(sorted(self.aligner_notes.items())),
            "fixable": dict(self.fixable),
        }


def degraded_notes(summary: dict[str, Any]) -> dict[str, int]:
    """The summary's aligner notes that mean a check ran degraded (not ``--encoder none``, which was asked
    for): an encoder that could not load, an alignment skipped as too large. Note -> versions."""
    from mtcheck.align.encoders import DISABLED_NOTE  # light: no numpy, no torch at import

    notes = summary.get("aligner_notes") or {}
    return {note: n for note, n in notes.items() if note != DISABLED_NOTE}


def fixable_counts(summary: Any) -> dict[str, int]:
    """The summary's fixable findings, safe and unsafe (0 for a results file written before ``--fix``)."""
    table = summary.get("fixable") if isinstance(summary, dict) else None
    table = table if isinstance(table, dict) else {}
    return {k: v if isinstance(v, int) and not isinstance(v, bool) else 0 for k in ("safe", "unsafe")
            for v in [table.get(k)]}


def summarise(articles: Iterable[dict[str, Any]], errors: list[dict[str, str]]) -> dict[str, Any]:
    summary = SummaryAccumulator()
    for article in articles:
        summary.add(article)
    return summary.result(errors)


def document_header(options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The document's first keys (schema, tool, options): known before any article is checked."""
    return {"schema": SCHEMA_ID, "tool": {"name": "mtcheck", "version": __version__}, "options": options or {}}


def build_document(
    articles: list[dict[str, Any]], errors: Iterable[InputError] = (), options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Assemble the document from article dicts (see ``article_dict``) and input errors."""
    error_list = [asdict(e) for e in errors]
    return {
        **document_header(options),
        "articles": articles,
        "input_errors": error_list,
        "summary": summarise(articles, error_list),
    }


def check_spans(document: dict[str, Any]) -> None:
    """Every finding's spans inside the text they point into (``start <= end <= len(text)``, when the text is
    embedded): the schema checks each number alone, and the reports slice the texts with them."""
    for article in document["articles"]:
        source_len = len(article["source"].get("text", "")) if "text" in article["source"] else None
        for version in article["versions"]:
            target_len = len(version["text"]) if "text" in version else None
            for k, finding in enumerate(version["findings"]):
                for side, length in (("source", source_len), ("target", target_len)):
                    span = finding[side]
                    if span is not None and (span["start"] > span["end"] or (length is not None and span["end"] > length)):
                        raise ValueError(f"not a valid mtcheck results-v1 document: article {cut(article['id'])}, "
                                         f"{version['lang']} finding {k + 1}: its {side} span {span['start']}-"
                                         f"{span['end']} is outside its text")


def check_counts(document: dict[str, Any]) -> None:
    """The summary's article and version counts are those of the articles the document holds (a summary.json
    of shards holds none: its counts are the shards'). The dashboard shows the summary's counts beside the
    articles' rows, and ``compare`` divides by them."""
    if "shards" in document:
        return
    articles = document["articles"]
    check_held(document["summary"], len(articles), sum(len(a["versions"]) for a in articles))


def check_held(summary: dict[str, Any], articles: int, versions: int) -> None:
    """ValueError unless ``summary`` counts ``articles`` and ``versions``, those of the articles held (in the
    document, or in the shards its summary.json lists)."""
    for key, count in {"articles": articles, "versions": versions}.items():
        if summary[key] != count:
            raise ValueError(f"not a valid mtcheck results-v1 document: its summary counts {summary[key]:,} {key}, "
                             f"it holds {count:,}")
