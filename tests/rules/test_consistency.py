"""CONS001: the versions of an article as witnesses (confirm a lone disagreement, lower a unanimous one,
report alignment outliers) and the fact x language table published in ``ctx.extra["facts"]``."""
from __future__ import annotations

from typing import Any

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, ArticleResult, Finding, Severity, Span, Text
from mtcheck.rules.base import ArticleContext, VersionContext, all_rules
from mtcheck.rules.consistency import CrossVersionInconsistency, alignment_outliers

SOURCE = (
    "Pemerintah menyetujui anggaran Rp2,1 triliun pada Kamis (16/3/2023).\n\n"
    "Tiongkok menolak berkomentar.\n\n"
    "Rapat dimulai pukul 10.00 dan berakhir tanpa kesepakatan."
)
GOOD = {
    "en": "The government approved a budget of Rp2.1 trillion on Thursday, March 16, 2023.\n\n"
          "China declined to comment.\n\nThe meeting began at 10:00 and ended without agreement.",
    "fr": "Le gouvernement a approuvé un budget de 2 100 milliards de roupies le jeudi 16 mars 2023.\n\n"
          "La Chine a refusé de commenter.\n\nLa réunion a commencé à 10 h et s'est terminée sans accord.",
    "zh": "政府于2023年3月16日（星期四）批准了2.1万亿印尼盾的预算。\n\n中国拒绝置评。\n\n会议于10:00开始，未达成协议。",
    "ja": "政府は2023年3月16日（木）、2兆1000億ルピアの予算を承認した。\n\n中国はコメントを控えた。\n\n"
          "会議は10時に始まり、合意なく終わった。",
    "ar": "وافقت الحكومة يوم الخميس 16 مارس 2023 على ميزانية بقيمة 2.1 تريليون روبية.\n\n"
          "رفضت الصين التعليق.\n\nبدأ الاجتماع في الساعة 10:00 وانتهى دون اتفاق.",
}
RULES = ("NUM002", "DATE001", "TERM001", "STR001", "CONS001")
CONFIRMED = "(the other 4 versions render it correctly)"


def run(source: str, targets: dict[str, str], codes: tuple[str, ...] = RULES) -> ArticleResult:
    article = Article("t", Text("id", source), {lang: Text(lang, text) for lang, text in targets.items()})
    registry = all_rules()
    return check(article, Config(encoder="none"), [registry[c]() for c in codes])


def findings(result: ArticleResult) -> dict[str, list[Finding]]:
    return {v.lang: v.findings for v in result.versions}


def facts(result: ArticleResult, lang: str) -> list[tuple[str, str, str]]:
    rows: list[dict[str, Any]] = result.versions[[v.lang for v in result.versions].index(lang)].extra["facts"]
    return [(row["kind"], row["source"]["text"], row["status"]) for row in rows]


def test_clean_article_every_fact_ok_and_nothing_reported() -> None:
    result = run(SOURCE, GOOD)
    assert all(not found for found in findings(result).values())
    table = facts(result, "en")
    assert ("number", "Rp2,1 triliun", "ok") in table and ("date", "Kamis (16/3/2023)", "ok") in table
    assert ("term", "Tiongkok", "ok") in table
    assert [k for k, _, _ in table].count("paragraph") == 3
    for lang in GOOD:  # the same rows in every language, so the report can draw fact x language
        assert [(k, t) for k, t, _ in facts(result, lang)] == [(k, t) for k, t, _ in table]
        latin = lang in ("en", "fr")  # NAME001 checks names in Latin-script versions only
        assert all(status == ("ok" if latin or kind != "name" else "n/a") for kind, _, status in facts(result, lang))


@pytest.mark.parametrize(
    ("wrong", "right", "rule", "severity"),
    [
        ("Rp2.1 billion", "Rp2.1 trillion", "NUM002", Severity.MAJOR),  # already major: stays major
        ("Taiwan declined", "China declined", "TERM001", Severity.MAJOR),  # minor fact finding: raised
    ],
)
def test_one_version_alone_wrong_is_confirmed(wrong: str, right: str, rule: str, severity: Severity) -> None:
    targets = dict(GOOD, en=GOOD["en"].replace(right, wrong))
    result = run(SOURCE, targets)
    found = findings(result)
    (f,) = found["en"]
    assert f.rule == rule and f.severity == severity and f.message.endswith(CONFIRMED)
    assert all(not found[lang] for lang in ("fr", "zh", "ja", "ar"))
    kind = "number" if rule == "NUM002" else "term"
    assert [s for k, _, s in facts(result, "en") if k == kind] == [rule]
    assert [s for k, _, s in facts(result, "fr") if k == kind] == ["ok"]


def test_term_finding_unconfirmed_without_enough_witnesses_stays_minor() -> None:
    targets = {"en": GOOD["en"].replace("China declined", "Taiwan declined"), "fr": GOOD["fr"], "zh": GOOD["zh"]}
    (f,) = findings(run(SOURCE, targets))["en"]
    assert f.rule == "TERM001" and f.severity == Severity.MINOR and "versions" not in f.message


def test_all_versions_differ_from_the_source_is_lowered() -> None:
    # The source's weekday is wrong (16 March 2023 was a Thursday); every version says Thursday.
    result = run(SOURCE.replace("Kamis", "Jumat"), GOOD)
    for lang, found in findings(result).items():
        (f,) = found
        assert f.rule == "DATE001" and f.severity == Severity.MINOR, lang
        assert f.message.endswith("(all 5 versions differ from the source here: check the source)")
        assert ("date", "Jumat (16/3/2023)", "DATE001") in facts(result, lang)


def test_four_versions_against_the_source_while_the_fifth_says_nothing_is_lowered() -> None:
    # The source's weekday is wrong; four versions say Thursday and the Arabic leaves the weekday out.
    targets = dict(GOOD, ar=GOOD["ar"].replace("يوم الخميس ", ""))
    result = run(SOURCE.replace("Kamis", "Jumat"), targets)
    found = findings(result)
    assert not found["ar"]
    for lang in ("en", "fr", "zh", "ja"):
        (f,) = found[lang]
        assert f.rule == "DATE001" and f.severity == Severity.MINOR, lang
        assert f.message.endswith("(4 of 5 versions differ from the source here: check the source)")


def test_three_versions_against_the_source_are_not_enough_to_doubt_it() -> None:
    # Two versions render the source's weekday: the three that differ may all be wrong; nothing is lowered.
    targets = dict(GOOD, ar=GOOD["ar"].replace("الخميس", "الجمعة"), ja=GOOD["ja"].replace("（木）", "（金）"))
    found = findings(run(SOURCE.replace("Kamis", "Jumat"), targets))
    assert not found["ar"] and not found["ja"]
    for lang in ("en", "fr", "zh"):
        (f,) = found[lang]
        assert f.rule == "DATE001" and "check the source" not in f.message, lang


def test_a_number_copied_in_four_versions_while_the_fifth_renders_it_stays_major() -> None:
    # MT copies the Indonesian 80.000 into four versions; the Arabic renders it: four errors, not a bad source.
    source = SOURCE + "\n\nSebanyak 80.000 orang hadir."
    targets = {lang: GOOD[lang] + "\n\n" + line for lang, line in {
        "en": "80.000 people attended.", "fr": "80.000 personnes étaient présentes.", "zh": "共有80.000人出席。",
        "ja": "80.000人が出席した。", "ar": "حضر 80,000 شخص."}.items()}
    found = findings(run(source, targets, ("NUM001", "NUM002", "CONS001")))
    assert not found["ar"]
    for lang in ("en", "fr", "zh", "ja"):
        (f,) = found[lang]
        assert f.rule == "NUM001" and "check the source" not in f.message, lang
        # it reads as eighty in en/zh/ja (major); French does not read 80.000 as a decimal: a form slip (minor)
        assert f.severity == (Severity.MINOR if lang == "fr" else Severity.MAJOR), lang


def test_paragraph_missing_in_four_of_five_versions_stays_an_omission() -> None:
    ctxs = contexts_with(dict.fromkeys(GOOD))
    dropped = omission(SOURCE, "Tiongkok menolak berkomentar.")
    revised = CrossVersionInconsistency().cross_check(ctxs, {lang: [] if lang == "ar" else [dropped] for lang in ctxs})
    for lang in ("en", "fr", "zh", "ja"):
        (f,) = revised[lang]
        assert f.severity == Severity.MAJOR and "check the source" not in f.message, lang


def test_lone_and_unanimous_findings_in_one_article() -> None:
    targets = dict(GOOD, ja=GOOD["ja"].replace("2兆1000億", "2000億"))
    result = run(SOURCE.replace("Kamis", "Jumat"), targets)
    ja = {f.rule: f for f in findings(result)["ja"]}
    assert ja["NUM002"].severity == Severity.MAJOR and ja["NUM002"].message.endswith(CONFIRMED)
    assert ja["DATE001"].severity == Severity.MINOR and "check the source" in ja["DATE001"].message


def omission(source: str, paragraph: str) -> Finding:
    start = source.index(paragraph)
    return Finding("STR001", "omission", "accuracy/omission", Severity.MAJOR, "Source paragraph has no counterpart",
                   source=Span(start, start + len(paragraph), paragraph))


def test_omission_in_one_version_is_confirmed() -> None:
    ctxs = contexts_with(dict.fromkeys(GOOD))
    dropped = omission(SOURCE, "Tiongkok menolak berkomentar.")
    revised = CrossVersionInconsistency().cross_check(ctxs, {lang: [dropped] if lang == "fr" else [] for lang in ctxs})
    (f,) = revised["fr"]
    assert f.rule == "STR001" and f.severity == Severity.MAJOR and f.message.endswith(CONFIRMED)
    rows = [(r["kind"], r["source"]["text"], r["status"]) for r in ctxs["fr"].extra["facts"]]
    assert ("paragraph", "Tiongkok menolak berkomentar.", "STR001") in rows
    assert ("term", "Tiongkok", "ok") in rows  # a paragraph finding says nothing about the facts inside it


def test_paragraph_missing_everywhere_is_lowered() -> None:
    """A source paragraph no version renders (a stray note in the source): check the source."""
    ctxs = contexts_with(dict.fromkeys(GOOD))
    dropped = omission(SOURCE, "Tiongkok menolak berkomentar.")
    revised = CrossVersionInconsistency().cross_check(ctxs, {lang: [dropped] for lang in ctxs})
    for found in revised.values():
        (f,) = found
        assert f.severity == Severity.MINOR and "all 5 versions differ" in f.message


# --- alignment outliers ---------------------------------------------------------------------------


def contexts_with(alignments: dict[str, list[dict[str, Any]] | None]) -> dict[str, VersionContext]:
    article = Article("t", Text("id", SOURCE), {lang: Text(lang, GOOD[lang]) for lang in alignments})
    shared = ArticleContext(article, Config(encoder="none"))
    out = {}
    for lang, alignment in alignments.items():
        ctx = VersionContext(shared, article.targets[lang])
        if alignment is not None:
            ctx.extra["alignment"] = alignment
            ctx.extra["aligner"] = {"method": "encoder+anchors", "encoder": "test"}
        out[lang] = ctx
    return out


def beads(*scores: float) -> list[dict[str, Any]]:
    return [{"source": [i], "target": [i], "score": s} for i, s in enumerate(scores)]


NORMAL = (0.86, 0.84, 0.88)


@pytest.mark.parametrize(
    ("zh_scores", "expected"),
    [
        ((0.86, 0.45, 0.87), [("zh", 1)]),  # paragraph 2 far below the others, and below zh's own level
        ((0.86, 0.74, 0.87), []),  # lower, but within what versions of one paragraph differ by
        (NORMAL, []),
        ((0.50, 0.49, 0.51), []),  # uniformly low version: no paragraph stands out against its own median
        ((0.66, 0.25, 0.67), [("zh", 1)]),  # a low-scoring version with one paragraph far below its own level
    ],
)
def test_alignment_outliers(zh_scores: tuple[float, ...], expected: list[tuple[str, int]]) -> None:
    ctxs = contexts_with({"en": beads(*NORMAL), "fr": beads(0.85, 0.83, 0.9), "ja": beads(0.84, 0.86, 0.86),
                          "ar": beads(0.88, 0.82, 0.85), "zh": beads(*zh_scores)})
    assert [(o.lang, o.paragraph) for o in alignment_outliers(ctxs)] == expected


def test_outlier_becomes_a_minor_cons001_finding_with_both_spans() -> None:
    ctxs = contexts_with({"en": beads(*NORMAL), "fr": beads(*NORMAL), "ja": beads(*NORMAL), "ar": beads(*NORMAL),
                          "zh": beads(0.86, 0.40, 0.87)})
    revised = CrossVersionInconsistency().cross_check(ctxs, {lang: [] for lang in ctxs})
    (f,) = revised["zh"]
    assert (f.rule, f.severity, f.category) == ("CONS001", Severity.MINOR, "accuracy/mistranslation")
    assert f.source == Span(SOURCE.index("Tiongkok"), SOURCE.index("Tiongkok") + 29, "Tiongkok menolak berkomentar.")
    assert f.target is not None and f.target.text == "中国拒绝置评。" and "0.40" in f.message
    assert all(not revised[lang] for lang in ("en", "fr", "ja", "ar"))
    assert ("paragraph", "Tiongkok menolak berkomentar.", "CONS001") in [
        (r["kind"], r["source"]["text"], r["status"]) for r in ctxs["zh"].extra["facts"]]


def test_outliers_need_four_aligned_versions_and_skip_missing_alignment() -> None:
    low = beads(0.86, 0.40, 0.87)
    assert alignment_outliers(contexts_with({"en": beads(*NORMAL), "fr": beads(*NORMAL), "zh": low})) == []
    ctxs = contexts_with({"en": None, "fr": beads(*NORMAL), "ja": None, "ar": "garbage", "zh": low})  # type: ignore[dict-item]
    assert alignment_outliers(ctxs) == []
    assert CrossVersionInconsistency().cross_check(ctxs, {lang: [] for lang in ctxs}) == {lang: [] for lang in ctxs}


def test_anchor_only_alignments_are_not_compared() -> None:
    """Without an encoder, alignment scores depend on the script: no outlier is judged from them."""
    ctxs = contexts_with({lang: beads(*NORMAL) for lang in ("en", "fr", "ja", "ar")} | {"zh": beads(0.86, 0.4, 0.87)})
    for ctx in ctxs.values():
        ctx.extra["aligner"] = {"method": "anchors", "encoder": "none"}
    assert alignment_outliers(ctxs) == []
