"""Reference metrics (BLEU, chrF++, TER) through sacrebleu, with the right tokenizer per language.

BLEU and chrF++ segments are whole documents (paragraphs joined by a space): a version's paragraphs need not
line up with the reference's, and document-level scores stay well defined when the MT merged or split
paragraphs. TER cannot take whole documents: its search for word shifts grows about cubically (measured with
sacrebleu on ntrex-dev text, MT-like edits: 100 words 0.1 s, 200 words 1 s, 300 words 5 s, an 800-word
document 17 s). Its segments are the paragraphs when the version and its reference have as many, else the
document; a document with a segment of more than ``MAX_TER_TOKENS`` tokens gets no TER (``ter_skipped`` says
why) and stays out of the corpus TER. Every score carries sacrebleu's signature so results are reproducible.
No tokenizer that downloads a model (``flores200``, ``spm``) is ever used: zh uses ``zh``, ja ``ja-mecab``
(the ``sacrebleu[ja]`` extra; if it is not installed, ``char`` and the signature says so), all others ``13a``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from mtcheck.text.segment import split_paragraphs

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
        # Asian support splits Chinese and Japanese into characters only with tercom's normalisation on; without
        # it an unspaced paragraph was one token, and TER only ever said 0 or 100.
        "ter": TER(asian_support=lang in ASIAN, normalized=lang in ASIAN),
    }


MAX_TER_TOKENS = 200  # a TER segment's tokens, either side: about 1 s of shift search (see above)


def ter_segments(hypothesis: str, reference: str) -> tuple[list[str], list[str]]:
    """TER's segments of one document pair: paragraph by paragraph when both have as many, else the document."""
    hyp, ref = split_paragraphs(hypothesis), split_paragraphs(reference)
    if len(hyp) == len(ref):
        return [p.text.replace("\n", " ") for p in hyp], [p.text.replace("\n", " ") for p in ref]
    return [document_segment(hypothesis)], [document_segment(reference)]


def ter_tokens(segment: str, lang: str) -> int:
    """At least the tokens TER sees: words, and every character of Chinese or Japanese (Asian support)."""
    return len(segment) if lang in ASIAN else len(segment.split())


@dataclass(frozen=True)
class TerCounts:
    """What a document adds to a corpus TER: its edits and reference length (sacrebleu's TERScore), segments."""

    edits: float
    ref_length: float
    segments: int
    signature: str


def ter_counts(hypothesis: str, reference: str, lang: str) -> TerCounts | None:
    """TER's counts of one document pair; None when a segment is too long to search (``MAX_TER_TOKENS``)."""
    hyps, refs = ter_segments(hypothesis, reference)
    if max(ter_tokens(s, lang) for s in (*hyps, *refs)) > MAX_TER_TOKENS:
        return None
    metric = _metrics(lang)["ter"]
    result = metric.corpus_score(hyps, [refs])
    return TerCounts(result.num_edits, result.ref_length, len(hyps), str(metric.get_signature()))


def ter_scores(counts: list[TerCounts | None]) -> dict[str, Any]:
    """The corpus TER of documents from their counts: all edits over all reference words (sacrebleu's formula;
    so a corpus needs no second shift search)."""
    kept = [c for c in counts if c is not None]
    edits, length = sum(c.edits for c in kept), sum(c.ref_length for c in kept)
    out: dict[str, Any] = {"ter": None}
    if kept:
        out["ter"] = round(100 * (edits / length if length > 0 else float(edits > 0)), 2)
        out["ter_signature"] = kept[0].signature
    out["ter_segments"] = sum(c.segments for c in kept)
    if len(kept) < len(counts):
        out["ter_skipped"] = (f"{len(counts) - len(kept)} of {len(counts)} document(s): a segment of more than "
                              f"{MAX_TER_TOKENS} tokens (paragraphs that do not pair up are one segment; TER's "
                              "shift search takes seconds to minutes beyond)")
    return out


def score_corpus(
    hypotheses: list[str], references: list[str], lang: str, ter: list[TerCounts | None] | None = None
) -> dict[str, Any]:
    """BLEU and chrF++ of hypothesis documents against reference documents, TER of their segments (see the
    module's note), with signatures. ``ter``: the documents' TER counts, if already known."""
    hyps = [document_segment(h) for h in hypotheses]
    refs = [[document_segment(r) for r in references]]
    out: dict[str, Any] = {"segments": len(hyps)}
    metrics = _metrics(lang)
    for name in ("bleu", "chrf"):
        out[name] = round(float(metrics[name].corpus_score(hyps, refs).score), 2)
        out[f"{name}_signature"] = str(metrics[name].get_signature())
    if ter is None:
        ter = [ter_counts(h, r, lang) for h, r in zip(hypotheses, references)]
    return out | ter_scores(ter)
