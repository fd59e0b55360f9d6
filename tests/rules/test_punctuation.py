"""PUNC001-PUNC007 on text written for the tests: flagged and accepted cases per locale."""
from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Finding, Text

NNBSP, NBSP = "\u202f", "\u00a0"
SOURCE = "Menteri itu berkata, “Kami siap.”\n\nIa pulang."


def run(code: str, lang: str, target: str, source: str = SOURCE) -> list[Finding]:
    article = Article("t", Text("id", source), {lang: Text(lang, target)})
    (version,) = check(article, Config(select=(code,), encoder="none")).versions
    return version.findings


def flagged(code: str, lang: str, target: str, source: str = SOURCE) -> list[str]:
    return [f.target.text for f in run(code, lang, target, source) if f.target]


CASES = [
    # PUNC001: quotes and brackets
    ("PUNC001", "en", "The minister said, “We are ready.\n\nHe went home.", ["“"]),
    ("PUNC001", "en", "The minister said, “We are ready.”\n\nHe went home (by car.", ["("]),
    ("PUNC001", "en", "The minister said, “We are ready.”\n\nHe went home.", []),
    ("PUNC001", "en", "Indonesia’s minister said, \"We are ready.\"\n\nHe went home.", []),
    # a quotation running on and reopened in the next paragraph, news style
    ("PUNC001", "en", "He said, “We are ready.\n\n“We leave tomorrow.”\n\nHe went home.", []),
    ("PUNC001", "fr", f"Le ministre a dit{NBSP}: «{NBSP}Nous sommes prêts.\n\nIl est rentré.", ["«"]),
    ("PUNC001", "ja", "大臣は「準備はできている。\n\n彼は帰った。", ["「"]),
    ("PUNC001", "zh", "部长说：“我们准备好了。”\n\n他回家了（坐车）。", []),
    # straight quotes open or close by their neighbours: the one left open is pointed at, not the last one
    ("PUNC001", "en", 'He said, "We are ready.\n\nShe said "no" and "yes."\n\nThey left.', ['"']),
    ("PUNC001", "en", 'He said, "We are ready.\n\n"We leave tomorrow."\n\nHe went home.', []),
    ("PUNC001", "en", 'She said "no" and "yes" (twice).\n\nThey left.', []),
    ("PUNC001", "fr", f'Il a dit{NBSP}: "Nous partons.\n\nElle a dit "non".', ['"']),
    # nested quotes, each family in its own style
    ("PUNC001", "fr", f"Il a dit{NBSP}: «{NBSP}Le slogan “Tous ensemble” est faux{NBSP}».\n\nIl est parti.", []),
    ("PUNC001", "fr", f"Il a dit{NBSP}: «{NBSP}Le slogan “Tous ensemble est faux{NBSP}».\n\nIl est parti.", ["“"]),
    ("PUNC001", "ja", "大臣は「『準備』はできている」と述べた。\n\n彼は帰った。", []),
    ("PUNC001", "ja", "大臣は「『準備はできている」と述べた。\n\n彼は帰った。", ["『"]),
    ("PUNC001", "zh", "部长说：“我们《准备》好了。\n\n他说“走”。", ["“"]),
    ("PUNC001", "ar", "قال الوزير: «نحن مستعدون.\n\nوقال «لا» ثم غادر.", ["«"]),
    ("PUNC001", "ar", "قال الوزير: «نحن مستعدون».\n\nثم غادر.", []),
    # Arabic types “ ” either way round (and with a straight quote): balanced, then one left open
    ("PUNC001", "ar", 'فريق”ذي هاي بريد" من بريستول.\n\nقال ”نعم“ ثم غادر.', []),
    ("PUNC001", "ar", 'فريق ”ذي هاي بريد من بريستول.\n\nقال ”نعم“ ثم غادر.', ["”"]),
    # a quotation over several paragraphs: an opening quote at each, one closing quote at the end
    ("PUNC001", "en", "He said: “First.\n\n“Second.\n\n“Third.”\n\nThey left.", []),
    ("PUNC001", "fr", f"Il a dit{NBSP}: «{NBSP}Un.\n\n«{NBSP}Deux.\n\n«{NBSP}Trois{NBSP}».", []),
    # PUNC002: French spacing
    ("PUNC002", "fr", "Pourquoi ? Il a dit: « oui ».", [" ?", ":", "« ", " »"]),
    ("PUNC002", "fr", f"Pourquoi{NNBSP}? Il a dit{NBSP}: «{NBSP}oui{NBSP}».", []),
    ("PUNC002", "fr", f"Voir https://kemlu.go.id à 10:30, score 3:1{NNBSP}!", []),
    ("PUNC002", "fr", f"Vraiment{NNBSP}?!", []),
    # PUNC003: full-width punctuation in Chinese/Japanese
    ("PUNC003", "zh", "他说,明天开会。", [","]),
    ("PUNC003", "zh", "他说，明天开会。人数为80,000人。伊丽莎白·沃伦(Elizabeth Warren)表示同意。", []),
    ("PUNC003", "ja", "本当ですか?", ["?"]),
    ("PUNC003", "ja", "本当ですか？ iPhone 15 (128GB) は高い。", []),
    # PUNC004: Arabic punctuation
    ("PUNC004", "ar", "قال الوزير, إن الحكومة مستعدة", [","]),
    ("PUNC004", "ar", "هل الحكومة مستعدة?", ["?"]),
    ("PUNC004", "ar", "قال الوزير، إن النمو بلغ 5,2 في المئة (GDP, 2023)؟", []),
    # PUNC005: double space
    ("PUNC005", "en", "The minister  said so.", ["  "]),
    ("PUNC005", "en", "The minister said so.\n  He left.", []),
    # PUNC006: repeated word
    ("PUNC006", "en", "The the minister said it.", ["The the"]),
    ("PUNC006", "fr", "le projet de de loi", ["de de"]),
    ("PUNC006", "en", "She had had enough; that that was wrong is clear. They flew to Bora Bora.", []),
    ("PUNC006", "fr", "Nous nous sommes levés, vous vous êtes assis.", []),
    ("PUNC006", "ar", "قالت شبكة سي إن إن إن الوضع خطير", []),
    ("PUNC006", "zh", "他他说", []),
    # PUNC007: source marks left in Chinese/Japanese
    ("PUNC007", "zh", "他说\"我们会赢\"", ['"']),  # one finding per paragraph
    ("PUNC007", "ja", "準備はできている.", ["."]),
    ("PUNC007", "zh", "他说“我们会赢”。增长3.5%。他用了 Node.js 和 \"OK\"。", []),
]


@pytest.mark.parametrize(("code", "lang", "target", "expected"), CASES)
def test_punctuation(code: str, lang: str, target: str, expected: list[str]) -> None:
    assert flagged(code, lang, target) == expected


def test_unbalanced_quote_is_minor_even_at_article_end() -> None:
    findings = run("PUNC001", "en", "He went home.\n\nHe said, “Bye.")
    assert [(f.target.text if f.target else "", f.severity.value) for f in findings] == [("“", "minor")]


def test_points_at_the_quote_left_open_not_the_last_one() -> None:
    text = 'He said, "We are ready.\n\nShe said "no" and "yes."\n\nThey left.'
    (finding,) = run("PUNC001", "en", text)
    assert finding.target is not None and finding.target.start == text.index('"')


def test_unbalanced_source_is_mirrored_not_flagged() -> None:
    source = "Ia berkata, “Kami siap.\n\nIa pulang."
    assert flagged("PUNC001", "en", "He said, “We are ready.\n\nHe went home.", source) == []


def test_french_suggestions_use_the_right_space() -> None:
    suggestions = {f.target.text: f.suggestion for f in run("PUNC002", "fr", "Quoi ? Lui: « non »") if f.target}
    assert suggestions == {" ?": NNBSP + "?", ":": NBSP + ":", "« ": "«" + NBSP, " »": NBSP + "»"}


def test_disclaimer_is_not_judged() -> None:
    disclaimer = ("Les versions anglaise, chinoise, japonaise, arabe et française sont générées automatiquement "
                  "par l'IA. Des inexactitudes de traduction peuvent donc subsister ; veuillez toujours vous "
                  "référer à l'indonésien, notre langue principale. (système soutenu par DigitalSiber.id)")
    assert flagged("PUNC002", "fr", f"Il est rentré.\n\n{disclaimer}") == []


def test_cjk_marks_reported_once_per_paragraph() -> None:
    findings = run("PUNC003", "zh", "他说,明天,后天都开会。")
    assert len(findings) == 1 and "2 ASCII marks" in findings[0].message
