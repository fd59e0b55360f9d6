"""Reference translations (``--refs DIR``, same folder layout as the input) and the metrics over them.

``ReferenceScorer`` scores each version against its reference as it goes (document level) and keeps the
pairs so the corpus score per language is computed once at the end, over all articles of that language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .output import safe_filename
from .readers.common import decode


@dataclass
class ReferenceScorer:
    refs_dir: Path
    pairs: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)

    def reference(self, article_id: str, lang: str) -> str | None:
        folder = self.refs_dir / article_id
        if safe_filename(article_id, "") != article_id or not folder.is_dir():
            folder = self.refs_dir / safe_filename(article_id, "")
        path = folder / f"{lang}.txt"
        try:
            return decode(path.read_bytes()) if path.is_file() else None
        except (OSError, ValueError):
            return None

    def score_version(self, article_id: str, lang: str, hypothesis: str) -> dict[str, Any] | None:
        from .metrics import score_corpus

        ref = self.reference(article_id, lang)
        if ref is None:
            return None
        hyps, refs = self.pairs.setdefault(lang, ([], []))
        hyps.append(hypothesis)
        refs.append(ref)
        return score_corpus([hypothesis], [ref], lang)

    def corpus(self) -> dict[str, Any]:
        from .metrics import score_corpus

        return {lang: score_corpus(h, r, lang) for lang, (h, r) in sorted(self.pairs.items())}


def score_article(scorer: ReferenceScorer, article: dict[str, Any]) -> dict[str, Any]:
    """Add ``details.metrics`` to every version of ``article`` that has a reference (in place)."""
    for version in article["versions"]:
        scores = scorer.score_version(article["id"], version["lang"], version.get("text", ""))
        if scores is not None:
            version.setdefault("details", {})["metrics"] = scores
    return article


def add_reference_metrics(document: dict[str, Any], refs_dir: Path) -> dict[str, Any]:
    """Score every version that has a reference (``details.metrics``) and each language's corpus
    (``summary.metrics``); versions without a reference are left as they are."""
    scorer = ReferenceScorer(refs_dir)
    for article in document["articles"]:
        score_article(scorer, article)
    document["summary"]["metrics"] = scorer.corpus()
    document.setdefault("options", {})["refs"] = str(refs_dir)
    return document


class ReferenceStep:
    """Streaming step (``--refs``): metrics per version as articles pass; the corpus metrics per language
    at the end. Corpus BLEU/chrF/TER need every hypothesis and reference of a language, so the scorer
    holds those texts (one language's versions and references: the one part of a batch kept whole)."""

    def __init__(self, refs_dir: Path) -> None:
        self.scorer = ReferenceScorer(refs_dir)
        self.failure = f"{refs_dir}: cannot score references"

    def apply(self, article: dict[str, Any]) -> dict[str, Any]:
        return score_article(self.scorer, article)

    def finish(self, document: dict[str, Any]) -> None:
        document["summary"]["metrics"] = self.scorer.corpus()
