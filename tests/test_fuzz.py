"""Property tests: no text, however odd, makes the checker raise."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.locales import SUPPORTED
from mtcheck.model import Article, Text
from mtcheck.results.document import article_dict, build_document
from mtcheck.schema import validate

# Text that looks like news in any of our scripts, with the characters that trip parsers up.
ALPHABET = st.sampled_from(
    list("abcXYZ 0123456789.,:;!?%()[]«»“”\"'-/\n")
    + list("٠١٢٣٤٥٦٧٨٩٫٬،؟ابت")
    + list("０１２万亿億兆千。、「」（）年月日")
    + ["\u00a0", "\u202f", "\u200b", "\u202e", "\ufeff", "Rp", "US$", "persen", "juta", "triliun", "ribu", "\n\n"]
)
TEXT = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=TEXT, target=TEXT, lang=st.sampled_from([c for c in SUPPORTED if c != "id"]))
def test_check_never_raises_and_spans_are_exact(source: str, target: str, lang: str) -> None:
    checked_cleanly(source, target, lang)


def checked_cleanly(source: str, target: str, lang: str) -> None:
    """Check a one-version article: no exception, every span is the text at its offsets, the results valid."""
    article = Article("fuzz", Text("id", source or "x"), {lang: Text(lang, target or "y")})
    result = check(article, Config(encoder="none"))
    texts = {"id": article.source.content, lang: article.targets[lang].content}
    for version in result.versions:
        for finding in version.findings:
            for span, text in ((finding.source, texts["id"]), (finding.target, texts[lang])):
                if span is not None:
                    assert 0 <= span.start <= span.end <= len(text)
                    assert text[span.start : span.end] == span.text
    validate(build_document([article_dict(result, texts)]))


# Any Unicode at all (but lone surrogates, which no reader lets through): every script, symbol and control.
WIDE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=WIDE, target=WIDE, lang=st.sampled_from([c for c in SUPPORTED if c != "id"]))
@example(source="0", target="10000000000000000000000000", lang="en")  # 26 digits: Decimal's 28-digit quantize failed
def test_check_of_any_unicode_never_raises(source: str, target: str, lang: str) -> None:
    checked_cleanly(source, target, lang)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=st.sampled_from(SUPPORTED))
@example(text="Kamis (16/3/2023) naik 80.000 orang", lang="id")
@example(text="2023年3月16日（木）に8万人", lang="ja")
def test_number_and_date_parsers_never_raise_and_spans_are_exact(text: str, lang: str) -> None:
    from mtcheck.facts.dates import parse_dates
    from mtcheck.facts.numbers import parse_quantities

    for quantity in parse_quantities(text, lang):
        assert 0 <= quantity.start <= quantity.end <= len(text)
        assert 0 <= quantity.num_start <= quantity.num_end <= len(text)
    mentions = parse_dates(text, lang)
    if text.startswith(("Kamis (16/3/2023)", "2023年3月16日")):
        assert mentions, "the explicit examples contain a date"
    for mention in mentions:
        assert 0 <= mention.span.start <= mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.span.text


# JSONL lines of any shape: ids and texts with lone surrogates (valid JSON escapes), control characters,
# path tricks, unknown languages, wrong types. Every line is an article or an input error, and the CLI
# never raises (results.json and the HTML reports are written with UTF-8).
ODD = st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b", "../", "/", "\u202e", "\ufeff", ""])
ID_TEXT = st.lists(st.one_of(ALPHABET, ODD), max_size=8).map("".join)
JSON_TEXT = st.lists(st.one_of(ALPHABET, ODD), max_size=40).map("".join)
LINE = st.one_of(
    st.fixed_dictionaries({
        "id": st.one_of(ID_TEXT, st.integers(), st.none()),
        "texts": st.dictionaries(st.sampled_from(["id", "en", "fr", "xx", "\ud800"]),
                                 st.one_of(JSON_TEXT, st.integers()), max_size=3),
    }),
    st.fixed_dictionaries({"id": ID_TEXT, "texts": st.fixed_dictionaries({"id": JSON_TEXT, "en": JSON_TEXT})}),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, min_size=1, max_size=4))
@example(lines=[{"id": "a", "texts": {"id": "Harga naik.", "\ud800": "x"}}])  # quoted in the error message
@example(lines=[{"id": "\udcff", "texts": {"id": "Harga naik.", "en": "Prices rose."}}])
def test_any_jsonl_batch_is_checked_or_reported_never_raised(lines: list[object], tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from mtcheck.cli import app

    folder = tmp_path_factory.mktemp("fuzz")
    batch = folder / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(batch), "--encoder", "none", "-q", "--out", str(folder / "out")])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    document = json.loads((folder / "out" / "results.json").read_text(encoding="utf-8"))
    assert len(document["articles"]) + len(document["input_errors"]) == len(lines)
