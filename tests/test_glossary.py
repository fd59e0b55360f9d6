"""Loading glossaries (CSV, TBX, the shipped default) and matching terms in source and target text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.facts.glossary import (
    GlossaryError,
    default_glossary,
    find_source_terms,
    find_target_terms,
    load_glossary,
    parse_csv,
)

CSV = "id,en,fr\nKementerian Keuangan|Kemenkeu,Finance Ministry|Ministry of Finance,ministère des Finances\n"
TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="id"/>
      <langSet xml:lang="id"><tig><term>Otoritas Jasa Keuangan</term></tig><tig><term>OJK</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>Financial Services Authority</term></tig></langSet>
      <langSet xml:lang="zh"><ntig><termGrp><term>金融服务管理局</term></termGrp></ntig></langSet>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_csv_user_glossary_extends_the_default(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(CSV, encoding="utf-8")
    glossary = load_glossary(path)
    assert len(glossary.entries) == len(default_glossary().entries) + 1
    entry = glossary.entries[-1]
    assert entry.get("id") == ("Kementerian Keuangan", "Kemenkeu")
    assert entry.get("en") == ("Finance Ministry", "Ministry of Finance")
    assert entry.get("zh") == ()


def test_tbx_glossary(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(TBX, encoding="utf-8")
    entry = load_glossary(path).entries[-1]
    assert entry.get("id") == ("Otoritas Jasa Keuangan", "OJK")
    assert entry.get("zh") == ("金融服务管理局",)


def test_user_row_replaces_the_shipped_row_for_the_same_source_term(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("id,en\nPBB,United Nations Organization\n", encoding="utf-8")
    un = [e for e in load_glossary(path).entries if "PBB" in e.get("id")]
    assert [e.get("en") for e in un] == [("United Nations Organization",)]



BOMB = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<tbx><text><body><conceptEntry><langSet xml:lang="id"><tig><term>&b;</term></tig></langSet>'
        "</conceptEntry></body></text></tbx>")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("g.tbx", TBX[:200].encode(), "glossary is not valid TBX: not well-formed XML (unclosed token, line 6)"),
    ("g.tbx", BOMB.encode(), "glossary is not valid TBX: DOCTYPE or entity declarations are not allowed"),
    ("g.tbx", TBX.replace("Otoritas", "&ext;").encode(), "glossary is not valid TBX: not well-formed XML (undefined entity"),
    ("g.csv", b"id,en\nbantuan,aid\n\xff\xfe,x\n", "cannot read the glossary (not UTF-8 at byte 18 (line 3): save it as UTF-8)"),
    ("g.csv", b"source,target\nbantuan,aid\n", "glossary has no 'id' terms (a CSV needs a column per language code"),
    ("g.csv", b"", "glossary has no 'id' terms"),
    # a term silently given to the wrong language before: "2,1 milliards" unquoted shifted fr into a 4th cell
    ("g.csv", b"id,en,fr\nbantuan,aid,aide\nRp2,1 triliun,Rp2.1 trillion,2,1 milliards\n",
     "glossary line 3 has 5 cells, the header 3 (a comma in an unquoted term?)"),
    ("g.csv", b"id,en,id\nbantuan,aid,pertolongan\n", "glossary header names the column 'id' twice"),  # the last won
    ("missing.csv", None, "glossary file not found"),
    ("folder.csv", "folder", "cannot read the glossary (a folder, not a file)"),
])
def test_a_glossary_that_cannot_be_used_is_one_line_before_any_article(
        tmp_path: Path, name: str, data: bytes | str | None, message: str) -> None:
    """One clear line and exit 2 before checking starts; it used to be an "internal error" per article."""
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif data == "folder":
        path.mkdir()
    article = tmp_path / "in" / "a1"
    article.mkdir(parents=True)
    (article / "id.txt").write_text("Bantuan itu bernilai Rp2,1 triliun.", encoding="utf-8")
    (article / "en.txt").write_text("The aid is worth Rp2.1 trillion.", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "in"), "--glossary", str(path), "--out",
                                      str(tmp_path / "out"), "--encoder", "none", "-q"])
    assert result.exit_code == 2 and result.stderr.startswith(f"mtcheck: error: {path}: {message}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "out").exists()
    with pytest.raises(GlossaryError, match=re.escape(message)):
        load_glossary(path)

def test_a_short_row_and_a_quoted_comma_are_fine() -> None:
    glossary = parse_csv('id,en,fr\nbantuan,aid\n"Rp2,1 triliun","Rp2.1 trillion","2,1 milliards"\n')
    assert [dict(e.terms) for e in glossary.entries] == [
        {"id": ("bantuan",), "en": ("aid",)},
        {"id": ("Rp2,1 triliun",), "en": ("Rp2.1 trillion",), "fr": ("2,1 milliards",)},
    ]


def test_a_padded_term_is_the_term_and_its_patterns_cannot_backtrack() -> None:
    """A column-aligned export's "Bank    Dunia" matched only text with four blanks between the words, and
    its pattern (\\s+\\s+\\s+\\s+) backtracked over a long run of blanks from every position: 800 blanks
    after "Bank" took 48 s, 900 over 2 minutes."""
    from mtcheck.facts.glossary import _lenient_pattern, _strict_pattern

    glossary = parse_csv('id,en,fr\nBank    Dunia,"World   Bank",Banque  -  mondiale\n')
    assert dict(glossary.entries[0].terms) == {"id": ("Bank Dunia",), "en": ("World Bank",), "fr": ("Banque - mondiale",)}
    assert [h.span.text for h in find_source_terms("Kata Bank\n  Dunia hari ini.", glossary, "id")] == ["Bank\n  Dunia"]
    assert find_target_terms("the World\tBank said", ("World   Bank",), "en")  # a term built in code, unpadded
    assert find_target_terms("la Banque-mondiale", ("Banque - mondiale",), "fr")
    for term in ("Bank    Dunia", "Bank \t Dunia", "Banque - mondiale", "Asia -- Pasifik", "a  -  -  b"):
        strict = _strict_pattern(term).pattern.pattern
        lenient = _lenient_pattern(term, "fr").pattern.pattern
        assert "\\s+\\s+" not in strict, strict  # a blank run is one \\s+ (a dash between two is no overlap)
        assert not re.search(r"\[\\s\\-\]\*(?:\\-)?\[\\s\\-\]\*", lenient), lenient  # separators side by side


def test_default_glossary_covers_six_languages() -> None:
    entries = default_glossary().entries
    assert len(entries) >= 60
    for entry in entries:
        assert all(entry.get(lang) for lang in ("id", "en", "zh", "ja", "ar", "fr")), entry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presiden AS bertemu Sekjen PBB di Jakarta.", ["AS", "PBB", "Jakarta"]),
        ("Nilai tukar dolar AS naik terhadap rupiah.", ["dolar AS", "rupiah"]),  # AS inside dolar AS
        ("Kebijakan Bank Indonesia diumumkan.", ["Bank Indonesia"]),  # not a second "Indonesia"
        ("Ia datang as usual ke rumah.", []),  # lower-case "as" is not the US
        ("Pertemuan se-ASEAN dan sikap Jepangnya berubah.", ["ASEAN", "Jepangnya"]),  # affixes
    ],
)
def test_source_terms_are_whole_words_longest_first(text: str, expected: list[str]) -> None:
    assert [h.span.text for h in find_source_terms(text, default_glossary(), "id")] == expected


@pytest.mark.parametrize(
    ("lang", "text", "variants", "found"),
    [
        ("fr", "Les autorités americaines ont réagi.", ("américain",), True),  # accents and endings
        ("en", "US officials said", ("US",), True),
        ("en", "Let us go", ("US",), False),  # acronyms keep their case
        ("en", "the Ukrainian army", ("Ukraine",), False),  # a variant is a word start, not a stem
        ("zh", "中美关系紧张", ("美",), True),
        ("ar", "في الجمعية العامة للأمم المتحدة", ("الأمم المتحدة",), True),  # لل + article
        ("ar", "قال مجلسالأمن", ("مجلس الأمن",), True),  # lost space
        ("ja", "米国の大統領", ("アメリカ",), False),
    ],
)
def test_target_matching_is_lenient(lang: str, text: str, variants: tuple[str, ...], found: bool) -> None:
    hits = find_target_terms(text, variants, lang)
    assert bool(hits) is found
    for _, span in hits:
        assert text[span.start:span.end] == span.text


def test_only_terms_whose_first_word_occurs_are_searched_and_the_hits_are_the_same() -> None:
    """A termbase of 20,000 entries ran 20,000 patterns per text (13.6 s for the 4 samples; now 1.8 s, as
    without it). The first-word index must find exactly what trying every term finds."""
    import random

    from mtcheck.facts import glossary as g

    rng = random.Random(5)
    words = ["bantuan", "Bantuan", "sosial", "Bank", "Indonesia", "BI", "e-KTP", "KTP", "Rp", "5G", "_x", "nya",
             "Dewan", "Keamanan", "PBB", "ſosial", "İstanbul", "(", ")", "-", "#", "…"]
    for _ in range(200):
        entries = tuple(g.Entry((("id", tuple(" ".join(rng.choices(words, k=rng.randint(1, 3)))
                                               for _ in range(rng.randint(1, 2)))), ("en", ("x",))))
                        for _ in range(rng.randint(1, 12)))
        glossary = g.Glossary(entries)
        text = "".join(rng.choice([*words, " ", " ", "nya", "-nya", ". ", "\n"]) for _ in range(rng.randint(0, 40)))
        every = g.Glossary(entries)
        every.first_words("id").always.extend(range(len(every.first_words("id").terms)))  # try every term
        assert g.find_source_terms(text, glossary, "id") == g.find_source_terms(text, every, "id")
