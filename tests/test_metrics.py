from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.results.metrics import (
    MAX_TER_TOKENS,
    bleu_tokenizer,
    document_segment,
    score_corpus,
    ter_segments,
)

HYP_EN = ["The central bank kept its rate at 6 percent on Thursday.\n\nInflation eased to 2.86 percent.",
          "The president met leaders of ASEAN in Jakarta."]
REF_EN = ["On Thursday the central bank held its rate at 6 percent.\n\nInflation slowed to 2.86 percent.",
          "The president met ASEAN leaders in Jakarta."]


def sacrebleu_cli(tmp_path: Path, hyps: list[str], refs: list[str], *args: str) -> float:
    """sacrebleu's own command line on our segments: documents, or for TER, ``ter_segments``."""
    hyp_file, ref_file = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    if "ter" in args:
        pairs = [ter_segments(h, r) for h, r in zip(hyps, refs)]
        hyp_lines, ref_lines = [s for h, _ in pairs for s in h], [s for _, r in pairs for s in r]
    else:
        hyp_lines, ref_lines = [document_segment(h) for h in hyps], [document_segment(r) for r in refs]
    hyp_file.write_text("\n".join(hyp_lines) + "\n", encoding="utf-8")
    ref_file.write_text("\n".join(ref_lines) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(ref_file), "-i", str(hyp_file), "-b", "-w", "2", *args],
        capture_output=True, text=True, check=True,
    )
    return float(out.stdout.strip())


@pytest.mark.parametrize(
    ("metric", "args"),
    [("bleu", ("-m", "bleu", "-tok", "13a")), ("chrf", ("-m", "chrf", "--chrf-word-order", "2")), ("ter", ("-m", "ter"))],
)
def test_scores_equal_sacrebleu_cli(tmp_path: Path, metric: str, args: tuple[str, ...]) -> None:
    ours = score_corpus(HYP_EN, REF_EN, "en")
    assert ours[metric] == sacrebleu_cli(tmp_path, HYP_EN, REF_EN, *args)
    assert "version:" in ours[f"{metric}_signature"]


def test_ter_pairs_paragraphs_when_they_pair_up_else_takes_the_document(tmp_path: Path) -> None:
    """TER's shift search is about cubic in a segment's length (an 800-word document: 17 s); paragraphs keep
    it short. The paragraphs here are swapped: paragraph TER sees it, document TER would shift them back."""
    swapped = ["Inflation slowed to 2.86 percent.\n\nOn Thursday the central bank held its rate at 6 percent."]
    assert ter_segments(swapped[0], REF_EN[0]) == (swapped[0].split("\n\n"), REF_EN[0].split("\n\n"))
    merged = swapped[0].replace("\n\n", " ")
    assert ter_segments(merged, REF_EN[0]) == ([merged], [document_segment(REF_EN[0])])
    ours = score_corpus(swapped, REF_EN[:1], "en")
    assert ours["ter"] == sacrebleu_cli(tmp_path, swapped, REF_EN[:1], "-m", "ter") and ours["ter_segments"] == 2
    assert ours["ter"] > score_corpus([merged], REF_EN[:1], "en")["ter"]  # the document lets TER shift them back


def test_a_document_with_a_long_segment_gets_no_ter_and_stays_out_of_the_corpus_ter() -> None:
    long_ref = " ".join(["The bank held its rate."] * (MAX_TER_TOKENS // 5 + 1))  # one paragraph, 205 words
    long_hyp = long_ref.replace("held", "kept")
    alone = score_corpus([long_hyp], [long_ref], "en")
    assert alone["ter"] is None and alone["ter_segments"] == 0 and alone["ter_skipped"].startswith("1 of 1 document(s)")
    assert alone["bleu"] > 0 and alone["chrf"] > 0  # the document-level metrics are still there
    both = score_corpus([long_hyp, HYP_EN[1]], [long_ref, REF_EN[1]], "en")
    assert both["ter"] == score_corpus(HYP_EN[1:], REF_EN[1:], "en")["ter"] and both["ter_skipped"].startswith("1 of 2")
    assert "ter_skipped" not in score_corpus(HYP_EN, REF_EN, "en")


def test_chinese_uses_the_zh_tokenizer_and_matches_cli(tmp_path: Path) -> None:
    hyps, refs = ["央行周四将利率维持在6%。"], ["央行周四维持利率6%不变。"]
    ours = score_corpus(hyps, refs, "zh")
    assert "tok:zh" in ours["bleu_signature"]
    assert ours["bleu"] == sacrebleu_cli(tmp_path, hyps, refs, "-m", "bleu", "-tok", "zh")
    assert "asian:yes" in ours["ter_signature"] and "norm:yes" in ours["ter_signature"]
    # character-level: the sentences share most characters (without normalisation each was one token: TER 100)
    assert 0 < ours["ter"] < 100
    assert ours["ter"] == sacrebleu_cli(tmp_path, hyps, refs, "-m", "ter", "--ter-asian-support", "--ter-normalized")


def test_japanese_tokenizer_never_downloads() -> None:
    assert bleu_tokenizer("ja") in {"ja-mecab", "char"}
    assert bleu_tokenizer("fr") == "13a"


def test_identical_documents_score_perfectly() -> None:
    ours = score_corpus(REF_EN, REF_EN, "en")
    assert ours["bleu"] == 100.0 and ours["ter"] == 0.0 and ours["chrf"] == 100.0


def test_reference_scorer_scores_versions_and_the_corpus(tmp_path: Path) -> None:
    from mtcheck.results.references import ReferenceScorer

    for i, ref in enumerate(REF_EN):
        (tmp_path / f"a{i}").mkdir()
        (tmp_path / f"a{i}" / "en.txt").write_text(ref, encoding="utf-8")
    scorer = ReferenceScorer(tmp_path)
    first = scorer.score_version("a0", "en", HYP_EN[0])
    assert first is not None and 0 < first["bleu"] < 100
    assert scorer.score_version("a1", "en", HYP_EN[1]) is not None
    assert scorer.score_version("a1", "fr", "Bonjour") is None  # no French reference
    assert scorer.score_version("missing", "en", "x") is None
    corpus = scorer.corpus()
    assert set(corpus) == {"en"} and corpus["en"]["segments"] == 2
    assert corpus["en"]["bleu"] == score_corpus(HYP_EN, REF_EN, "en")["bleu"]
    assert corpus["en"]["ter"] == sacrebleu_cli(tmp_path, HYP_EN, REF_EN, "-m", "ter")  # summed from the versions


def test_the_corpus_ter_reuses_each_versions_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TER's shift search is the costly metric: the corpus score sums the versions' edits, not a second search."""
    from sacrebleu.metrics import TER

    from mtcheck.results.references import ReferenceScorer

    searches = []
    corpus_score = TER.corpus_score
    monkeypatch.setattr(TER, "corpus_score", lambda self, *a, **k: searches.append(1) or corpus_score(self, *a, **k))
    for i, ref in enumerate(REF_EN):
        (tmp_path / f"a{i}").mkdir()
        (tmp_path / f"a{i}" / "en.txt").write_text(ref, encoding="utf-8")
    scorer = ReferenceScorer(tmp_path)
    for i, hyp in enumerate(HYP_EN):
        scorer.score_version(f"a{i}", "en", hyp)
    corpus = scorer.corpus()
    assert len(searches) == 2 and corpus["en"]["ter"] == score_corpus(HYP_EN, REF_EN, "en")["ter"]
