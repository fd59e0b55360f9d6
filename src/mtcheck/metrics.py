"""Reference metrics (BLEU, chrF++, TER) through sacrebleu, with the right tokenizer per language.

Segments are whole documents (paragraphs joined by a space): a version's paragraphs need not line up with
the reference's, and document-level scores stay well defined when the MT merged or split paragraphs.
Every score carries sacrebleu's signature so results are reproducible. No tokenizer that downloads a model
(``flores200``, ``spm``) is ever used: zh uses ``zh``, ja ``ja-mecab`` (the ``sacrebleu[ja]`` extra; if it is
not installed, ``char`` and the signature says so), all others ``13a``.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from .segment import split_paragraphs

ASIAN = frozenset({"zh", "ja"})


@cache
def bleu_tokenizer(lang: str) -> str:
    if lang == "zh":
        return "zh"
    if lang == "ja":
        try:
            import ipadic  # noqa: F401
            import MeCab  # noqa: F401
        except ImportError:
            return "char"
        return "ja-mecab"
    return "13a"


def document_segment(text: str) -> str:
    """One segment per document: paragraphs joined by a single space."""
    return " ".join(p.text.replace("\n", " ") for p in split_paragraphs(text))


def _metrics(lang: str) -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {
        "bleu": BLEU(tokenize=bleu_tokenizer(lang)),
        "chrf": CHRF(word_order=2),  # chrF++
        "ter": TER(asian_support=lang in ASIAN),
    }


def score_corpus(hypotheses: list[str], references: list[str], lang: str) -> dict[str, Any]:
    """BLEU, chrF++ and TER of hypothesis documents against reference documents, with signatures."""
    hyps = [document_segment(h) for h in hypotheses]
    refs = [[document_segment(r) for r in references]]
    out: dict[str, Any] = {"segments": len(hyps)}
    for name, metric in _metrics(lang).items():
        result = metric.corpus_score(hyps, refs)
        out[name] = round(float(result.score), 2)
        out[f"{name}_signature"] = str(metric.get_signature())
    return out
