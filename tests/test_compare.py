"""``mtcheck compare``: finding matching across two runs, paired bootstrap score deltas, text and HTML."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from mtcheck.reporters.compare_html import render_compare_html
from mtcheck.results.compare import compare_documents, paired_bootstrap, render_compare_text


def finding(rule: str, text: str, start: int = 0, severity: str = "major", message: str = "m") -> dict[str, Any]:
    return {"rule": rule, "name": rule.lower(), "category": "accuracy/mistranslation", "severity": severity,
            "message": message, "source": None, "target": {"start": start, "end": start + len(text), "text": text},
            "suggestion": None}


def version(lang: str, score: float, findings: list[dict[str, Any]], verdict: str = "pass") -> dict[str, Any]:
    return {"lang": lang, "path": f"{lang}.txt", "words": 100, "score": score, "verdict": verdict,
            "findings": findings}


def document(articles: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"schema": "mtcheck/results-v1", "tool": {"name": "mtcheck", "version": "0"}, "options": {},
            "articles": [{"id": aid, "source": {"lang": "id", "path": "id.txt", "words": 100}, "versions": vs}
                         for aid, vs in articles.items()],
            "input_errors": []}


RUN_A = document({
    "bi-rate": [
        version("en", 90.0, [finding("NUM002", "Rp2.1 billion", 10), finding("PUNC006", "the the", 50),
                             finding("PUNC006", "the the", 90)], "warn"),
        version("fr", 95.0, [finding("NUM001", "45,000", 5)], "warn"),
    ],
    "banjir": [version("en", 80.0, [finding("STR001", "", 0)], "fail"), version("zh", 100.0, [])],
    "dropped": [version("en", 70.0, [finding("NUM002", "3", 1)])],
})
RUN_B = document({
    "bi-rate": [
        # Same NUM002 at another offset (text moved): unchanged. One of two repeated words fixed.
        version("en", 96.0, [finding("NUM002", "Rp2.1 billion", 40), finding("PUNC006", "the the", 95)], "warn"),
        version("fr", 95.0, [finding("NUM001", "45,000", 5), finding("DATE001", "mercredi", 12)], "warn"),
    ],
    "banjir": [version("en", 100.0, [], "pass"), version("zh", 99.0, [finding("PUNC003", ",", 3, "minor")])],
    "added": [version("en", 50.0, [finding("NUM002", "9", 1)])],
})


def test_new_fixed_unchanged_counts() -> None:
    result = compare_documents(RUN_A, RUN_B)
    f = result["findings"]
    assert (f["new"], f["fixed"], f["unchanged"]) == (2, 2, 3)
    assert f["by_rule"]["PUNC006"] == {"new": 0, "fixed": 1, "unchanged": 1}
    assert f["by_rule"]["NUM002"] == {"new": 0, "fixed": 0, "unchanged": 1}
    assert f["by_rule"]["STR001"] == {"new": 0, "fixed": 1, "unchanged": 0}
    assert f["by_language"]["fr"] == {"new": 1, "fixed": 0, "unchanged": 1}
    assert f["by_language"]["zh"] == {"new": 1, "fixed": 0, "unchanged": 0}
    assert sorted((x["article"], x["lang"], x["rule"]) for x in result["new"]) == [
        ("banjir", "zh", "PUNC003"), ("bi-rate", "fr", "DATE001")]
    assert result["only_in_a"] == [{"article": "dropped", "lang": "en"}]
    assert result["only_in_b"] == [{"article": "added", "lang": "en"}]
    assert result["compared"] == {"articles": 2, "versions": 4}
    assert result["verdicts"]["moves"] == {"fail->pass": 1}


def test_score_deltas_are_paired_over_common_versions() -> None:
    scores = compare_documents(RUN_A, RUN_B)["scores"]
    assert scores["by_language"]["en"]["mean_delta"] == pytest.approx((6.0 + 20.0) / 2)
    assert scores["by_language"]["fr"]["mean_delta"] == 0.0
    assert scores["overall"]["mean_delta"] == pytest.approx((6 + 0 + 20 - 1) / 4)
    assert scores["overall"]["versions"] == 4 and scores["overall"]["articles"] == 2


def test_identical_runs_have_nothing_new_and_a_zero_width_ci() -> None:
    result = compare_documents(RUN_A, RUN_A)
    assert (result["findings"]["new"], result["findings"]["fixed"]) == (0, 0)
    assert result["findings"]["unchanged"] == 6
    overall = result["scores"]["overall"]
    assert overall["mean_delta"] == overall["ci_low"] == overall["ci_high"] == 0.0


@pytest.mark.parametrize("true_delta", [1.5, -2.0, 0.0])
def test_bootstrap_ci_contains_the_true_mean_delta(true_delta: float) -> None:
    rng = random.Random(7)
    groups = [[true_delta + rng.gauss(0, 2.0) for _ in range(5)] for _ in range(60)]
    ci = paired_bootstrap(groups)
    assert ci["ci_low"] <= true_delta <= ci["ci_high"]
    assert ci["ci_low"] < ci["mean_delta"] < ci["ci_high"]
    assert ci["ci_high"] - ci["ci_low"] < 1.5  # 300 versions with sd 2: the interval is informative
    if true_delta:
        assert (ci["ci_low"] > 0) == (true_delta > 0) and (ci["ci_high"] < 0) == (true_delta < 0)
    assert paired_bootstrap(groups) == ci  # seeded: the same data give the same interval


def test_bootstrap_resamples_articles_not_versions() -> None:
    # Two articles whose versions move together: the interval must reflect 2 units, not 10.
    ci = paired_bootstrap([[5.0] * 5, [-5.0] * 5])
    assert ci["mean_delta"] == 0.0 and ci["ci_low"] == -5.0 and ci["ci_high"] == 5.0


def test_text_report_states_counts_and_deltas() -> None:
    text = render_compare_text(compare_documents(RUN_A, RUN_B, ("gpt", "nllb")))
    assert "compare gpt" in text and "nllb" in text
    assert "findings: 2 new, 2 fixed, 3 unchanged" in text
    assert "score en: 85.00 -> 98.00  delta +13.00" in text
    assert "1 version(s) only in a" in text


def test_a_cut_list_of_findings_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary said 700 new and the list stopped at 500 without a word."""
    from mtcheck.results import compare

    assert "new findings:\n" in render_compare_text(compare_documents(RUN_A, RUN_B))  # whole: nothing said
    monkeypatch.setattr(compare, "LIST_LIMIT", 1)
    text = render_compare_text(compare_documents(RUN_A, RUN_B))
    assert "new findings (1 of 2 listed):" in text and "fixed findings (1 of 2 listed):" in text


def test_html_escapes_untrusted_text() -> None:
    evil = '<script>alert("x")</script>'
    a = document({evil: [version("en", 90.0, [])]})
    b = document({evil: [version("en", 80.0, [finding("NUM002", "<img src=x onerror=alert(1)>", 0,
                                                          message="<b>bold</b> \u202eevil")])]})
    html = render_compare_html(compare_documents(a, b, ("<i>A</i>", "B")))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert" in html and "&lt;img src=x" in html and "&lt;i&gt;A&lt;/i&gt;" in html
    assert 'data-cp="U+202E"' in html  # a bidi override is shown, isolated, not obeyed
    assert "default-src 'none'" in html and "<script" not in html.replace("&lt;script", "")
    assert "−10.00" in html or "-10.00" in html


def test_compare_command_end_to_end(tmp_path: Path) -> None:
    import json as _json

    from typer.testing import CliRunner

    from mtcheck.cli import app

    source = "Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga.\n\nNilainya Rp2,1 triliun."
    runs = {"before": "The government gave aid to 80.000 families.\n\nIt is worth Rp2.1 trillion.",
            "after": "The government gave aid to 80,000 families.\n\nIt is worth Rp2.1 trillion."}
    runner = CliRunner()
    for name, english in runs.items():
        folder = tmp_path / name / "a1"
        folder.mkdir(parents=True)
        (folder / "id.txt").write_text(source, encoding="utf-8")
        (folder / "en.txt").write_text(english, encoding="utf-8")
        runner.invoke(app, ["check", str(folder), "--out", str(tmp_path / f"out-{name}"), "--encoder", "none", "-q"])
    a, b = (str(tmp_path / f"out-{n}" / "results.json") for n in runs)
    result = runner.invoke(app, ["compare", a, b, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = _json.loads(result.stdout)
    assert [f["rule"] for f in data["fixed"]] == ["NUM001"]  # en 80.000 -> 80,000 was fixed
    assert data["new"] == []
    assert data["scores"]["overall"]["mean_delta"] > 0
    html = runner.invoke(app, ["compare", a, b, "--format", "html", "--output", str(tmp_path / "c.html")])
    assert html.exit_code == 0 and (tmp_path / "c.html").read_text(encoding="utf-8").startswith("<!doctype html")
    assert runner.invoke(app, ["compare", a, str(tmp_path / "missing.json")]).exit_code == 2
