"""XLIFF 1.2 and 2.0 input: units as paragraphs, inline codes kept out of the text, merging, safety, TAG001."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.facts.markup import (
    CLOSE,
    OPEN,
    STANDALONE,
    InlineTag,
    MarkupText,
    balance_problems,
    parity_problems,
)
from mtcheck.model import Article, InputError
from mtcheck.readers import read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "xliff"
SOURCE = ("Banjir merendam 1.200 rumah di Jakarta Timur\n\n"
          "Petugas membagikan 3.000 paket makanan.\n\n"
          "Baca laporan lengkap di situs kami.")
XLIFF12 = '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">{}</xliff>'
XLIFF20 = '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="id" trgLang="{}">{}</xliff>'


def read(*paths: Path | str) -> list[Article | InputError]:
    return list(read_paths([str(p) for p in paths]))


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_files_of_one_article_merge_into_one_article() -> None:
    article = only_article(read(FIXTURES))
    assert article.id == "banjir"  # 1.2: <file original>; 2.0: the file name without ".fr"
    assert article.source.content == SOURCE
    assert sorted(article.targets) == ["en", "fr"]
    assert article.targets["en"].content == ("Floods submerge 1,200 houses in East Jakarta\n\n"
                                             "Officers distributed 3,000 food packages.\n\n"
                                             "Read the full report on our site.")
    assert article.targets["fr"].content.endswith("Lisez le rapport complet sur notre site\u2009!")  # <cp hex>
    assert article.targets["en"].path.endswith("banjir.en.xlf#en")


def test_units_become_paragraphs_with_their_inline_codes() -> None:
    source = only_article(read(FIXTURES / "banjir.en.xlf")).source
    assert isinstance(source, MarkupText)
    assert [p.text for p in source.paragraphs] == SOURCE.split("\n\n")
    assert [u.id for u in source.units] == ["t1", "p1", "p2"]  # translate="no" unit skipped
    t1, p1, p2 = source.units
    assert [(t.kind, t.id, t.element, source.content[t.offset:t.offset + 5]) for t in t1.tags] == [
        (OPEN, "1", "g", "1.200"), (CLOSE, "1", "g", " di J")]
    assert [(t.kind, t.element) for t in p1.tags] == [(OPEN, "bpt"), (CLOSE, "ept"), (STANDALONE, "x")]
    assert "<b>" not in source.content and "window.track" not in source.content  # native code is not text
    assert source.content[p2.tags[1].offset:p2.tags[2].offset] == "lengkap"


def test_tag001_flags_the_lost_code_only() -> None:
    result = check(only_article(read(FIXTURES)), Config(select=("TAG",), encoder="none"))
    findings = {v.lang: v.findings for v in result.versions}
    assert findings["fr"] == []  # same codes, nested
    [lost] = findings["en"]
    assert lost.rule == "TAG001" and lost.category == "design-and-markup/markup"
    assert "paired code id=5" in lost.message and "missing" in lost.message
    assert lost.target is not None and lost.target.text == "Read the full report on our site."
    assert lost.source is not None and lost.source.text == "Baca laporan lengkap di situs kami."


def _unit20(source: str, target: str | None, unit_id: str = "u1") -> str:
    segment = f"<source>{source}</source>" + (f"<target>{target}</target>" if target is not None else "")
    return f'<unit id="{unit_id}"><segment>{segment}</segment></unit>'


def write20(folder: Path, name: str, units: str, lang: str = "en", original: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    attr = f' original="{original}"' if original else ""
    path.write_text(XLIFF20.format(lang, f'<file id="f1"{attr}>{units}</file>'), encoding="utf-8")
    return path


@pytest.mark.parametrize(("source", "target", "problems"), [
    ('Baca <pc id="1">ini</pc>.', 'Read <pc id="1">this</pc>.', []),
    ('<sc id="1"/>Baca<ec startRef="1"/> ini.', '<sc id="1"/>Read<ec startRef="1"/> this.', []),
    ('Baca <ph id="1"/> ini.', "Read this.", ["standalone code id=1 of the source is missing"]),
    ("Baca ini.", 'Read <ph id="9"/> this.', ["standalone code id=9 is not in the source"]),
    ('<sc id="1"/>Baca<ec startRef="1"/> ini.', '<sc id="1"/>Read this.', ["id=1 is never closed"]),
    ('<sc id="1"/>A <sc id="2"/>B<ec startRef="2"/><ec startRef="1"/>',
     '<sc id="1"/>A <sc id="2"/>B<ec startRef="1"/><ec startRef="2"/>', ["closes before"]),  # one crossing, one finding
    ('<sc id="1" isolated="yes"/>Baca ini.', '<sc id="1" isolated="yes"/>Read this.', []),
])
def test_tag001_cases(tmp_path: Path, source: str, target: str, problems: list[str]) -> None:
    write20(tmp_path, "story.en.xlf", _unit20(source, target))
    write20(tmp_path, "story.fr.xlf", _unit20(source, source.replace("Baca", "Lisez")), lang="fr")
    result = check(only_article(read(tmp_path)), Config(select=("TAG",), encoder="none"))
    messages = [f.message for v in result.versions if v.lang == "en" for f in v.findings]
    assert len(messages) == len(problems) and all(p in m for p, m in zip(problems, messages)), messages
    assert [f for v in result.versions if v.lang == "fr" for f in v.findings] == []


def test_untranslated_unit_stays_in_the_source_only(tmp_path: Path) -> None:
    units = _unit20("Satu.", "One.", "a") + _unit20("Dua.", None, "b") + _unit20("Tiga.", "Three.", "c")
    article = only_article(read(write20(tmp_path, "x.xlf", units, original="berita-7.txt")))
    assert article.id == "berita-7"
    assert article.source.content == "Satu.\n\nDua.\n\nTiga."
    assert article.targets["en"].content == "One.\n\nThree."


def test_line_breaks_inside_a_unit_do_not_split_it(tmp_path: Path) -> None:
    units = _unit20("Baris satu\n\n   baris <pc id='1'>dua</pc>", "Line one\n\n   line <pc id='1'>two</pc>")
    article = only_article(read(write20(tmp_path, "x.en.xlf", units)))
    target = article.targets["en"]
    assert target.content == "Line one line two" and len(target.paragraphs) == 1
    assert isinstance(target, MarkupText) and target.content[target.units[0].tags[0].offset:] == "two"



@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["", "\n", " \n\n   ", "\r\n\t", " "]), st.booleans(),
                          st.sampled_from(["satu", "dua", "tiga"])), min_size=1, max_size=12))
def test_codes_keep_their_place_when_line_breaks_collapse(tmp_path: Path, parts: list[tuple[str, bool, str]]) -> None:
    """Every code stays just before the word it precedes, however the breaks around it are collapsed."""
    units, words = "", []
    for k, (gap, coded, word) in enumerate(parts):
        units += gap + (f'<ph id="{k}"/>' if coded else "") + word + " "
        if coded:
            words.append(word)
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    target = only_article(read(write20(folder, "x.en.xlf", _unit20("Satu.", units)))).targets["en"]
    assert isinstance(target, MarkupText)
    assert [target.content[t.offset:].split(" ")[0] for t in target.units[0].tags] == words


def test_codes_nested_ten_thousand_deep_are_read(tmp_path: Path) -> None:
    """Inline codes may nest as deep as a file likes; reading them must not exhaust Python's stack."""
    depth = 10_000
    nested = "".join(f'<pc id="{i}">' for i in range(depth)) + "Banjir" + "</pc>" * depth
    article = only_article(read(write20(tmp_path, "deep.en.xlf", _unit20(nested, nested.replace("Banjir", "Flood")))))
    target = article.targets["en"]
    assert isinstance(target, MarkupText) and target.content == "Flood"
    tags = target.units[0].tags
    assert [t.kind for t in tags] == [OPEN] * depth + [CLOSE] * depth
    assert [t.id for t in tags[:3]] == ["0", "1", "2"] and tags[-1].id == "0"
    assert {t.offset for t in tags[:depth]} == {0} and {t.offset for t in tags[depth:]} == {5}
    result = check(article, Config(select=("TAG",), encoder="none"))
    assert [f for v in result.versions for f in v.findings] == []

HOSTILE = [
    (('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file>&e;</file></xliff>'), "DOCTYPE"),
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
     "DOCTYPE"),
    ("<xliff version='1.2'><file>", "not well-formed XML"),
    ("<html><body>not xliff</body></html>", "not an XLIFF 1.2 or 2.0 document"),
    (XLIFF12.format('<file original="a" datatype="plaintext"><body/></file>'), "language not declared"),
    (XLIFF12.format(""), "no <file> element"),
]


@pytest.mark.parametrize(("xml", "message"), HOSTILE)
def test_bad_or_hostile_files_are_input_errors(tmp_path: Path, xml: str, message: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text(xml, encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, InputError) and message in error.message and error.path == str(path)
    assert "root:" not in error.message  # the entity was never expanded


def test_a_nul_written_with_cp_is_refused_as_in_any_file(tmp_path: Path) -> None:
    """<cp> writes what XML cannot carry; a NUL is binary data, refused in a text file or a JSONL escape too."""
    path = tmp_path / "nul.xlf"
    path.write_text(XLIFF12.format(
        '<file original="a" source-language="id" target-language="en" datatype="plaintext"><body><trans-unit id="1">'
        '<source>Harga naik.</source><target>Prices<cp hex="0"/> rose.</target></trans-unit></body></file>'),
        encoding="utf-8")
    [error] = read(path)
    assert error == InputError(f"{path}#en", "en text holds a NUL character (at character 6): binary data")


def test_merge_conflicts_are_input_errors(tmp_path: Path) -> None:
    write20(tmp_path, "s.en.xlf", _unit20("Satu.", "One."))
    write20(tmp_path, "s.en-GB.xlf", _unit20("Satu.", "One (GB)."))  # a second English translation
    write20(tmp_path, "s.fr.xlf", _unit20("Satu berbeda.", "Un."), lang="fr")  # another source text
    items = read(tmp_path)
    errors = sorted(i.message for i in items if isinstance(i, InputError))
    assert len(errors) == 2
    assert "second en translation of article 's'" in errors[0] and "source text differs" in errors[1]
    [article] = [i for i in items if isinstance(i, Article)]
    assert list(article.targets) == ["en"]


def test_source_language_must_match(tmp_path: Path) -> None:
    path = tmp_path / "x.xlf"
    path.write_text(XLIFF20.replace('srcLang="id"', 'srcLang="en"').format("fr", '<file id="f">'
                    + _unit20("One.", "Un.") + "</file>"), encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, InputError) and "source language is 'en', expected 'id'" in error.message


def test_cli_checks_xliff_and_points_at_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "xliff"
    shutil.copytree(FIXTURES, folder)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["check", str(folder / "banjir.en.xlf"), str(folder / "banjir.fr.xlf"),
                                      "--select", "TAG", "--encoder", "none", "--out", str(out), "--no-html",
                                      "--format", "github"])
    assert result.exit_code == 1, result.stdout
    [line] = result.stdout.splitlines()
    assert line.startswith(f"::error file={folder / 'banjir.en.xlf'},title=TAG001 inline-tag-mismatch (major)::Unit p2")
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [v["lang"] for v in document["articles"][0]["versions"]] == ["en", "fr"]


@pytest.mark.parametrize(("tags", "expected"), [
    ([(OPEN, "1"), (CLOSE, "1")], 0),
    ([(OPEN, "1"), (OPEN, "2"), (CLOSE, "2"), (CLOSE, "1")], 0),
    ([(CLOSE, "1")], 1),
    ([(OPEN, "1")], 1),
    ([(OPEN, "1"), (OPEN, "2"), (CLOSE, "1"), (CLOSE, "2")], 1),
    ([(OPEN, "1"), (CLOSE, "1"), (CLOSE, "1")], 1),
    ([(STANDALONE, "1"), (STANDALONE, "1")], 0),
])
def test_balance(tags: list[tuple[str, str]], expected: int) -> None:
    assert len(balance_problems(tuple(InlineTag(k, i, "x", 0) for k, i in tags))) == expected


def _balance_by_rescanning(tags: tuple[InlineTag, ...]) -> list[str]:
    """The definition: a stack searched and rebuilt at every close (quadratic on 40,000 reversed pairs)."""
    problems: list[str] = []
    stack: list[InlineTag] = []
    for tag in tags:
        if tag.kind == OPEN:
            stack.append(tag)
        elif tag.kind == CLOSE:
            if stack and stack[-1].id == tag.id:
                stack.pop()
            elif any(t.id == tag.id for t in stack):
                problems.append(f"inline code {tag.element} id={tag.id} closes before {stack[-1].element} "
                                f"id={stack[-1].id} that it contains (crossing tags)")
                stack = [t for t in stack if t.id != tag.id]
            else:
                problems.append(f"inline code {tag.element} id={tag.id} closes a code that was never opened")
    return problems + [f"inline code {t.element} id={t.id} is never closed" for t in stack]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([OPEN, CLOSE, STANDALONE]), st.sampled_from("1234")), max_size=24))
def test_balance_without_rescanning_the_stack_finds_the_same_problems(tags: list[tuple[str, str]]) -> None:
    codes = tuple(InlineTag(kind, code_id, "bpt" if kind == OPEN else "ept", n) for n, (kind, code_id) in enumerate(tags))
    assert balance_problems(codes) == _balance_by_rescanning(codes)


def test_parity_counts_repeated_placeholders() -> None:
    one = (InlineTag(STANDALONE, "1", "ph", 0),)
    assert parity_problems(one * 2, one) == ["inline standalone code id=1 of the source is missing from the translation"]
    assert parity_problems(one, one) == []
