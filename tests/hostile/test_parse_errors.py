"""Class 1: every parse error of every input format is one line, and the batch goes on.

XLIFF documents whose namespaces are broken passed the old DOCTYPE pre-check and then raised ParseError in
ElementTree: a traceback, exit 1, the good articles lost and no results.json. A TBX glossary crashed the same
way instead of saying "not valid TBX".
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .helpers import article, check, cli, one_line, results

NS = 'xmlns="urn:oasis:names:tc:xliff:document:1.2"'
UNIT = '<trans-unit id="1"><source>Harga naik.</source><target>Prices rose.</target></trans-unit>'
BROKEN_XML = {  # each is well-formed to expat without namespaces, and an error with them
    "undeclared root prefix": f'<x:xliff version="1.2"><file source-language="id" target-language="en"><body>{UNIT}'
                              "</body></file></x:xliff>",
    "unbound attribute prefix": f'<xliff version="1.2" {NS} p:a="1"><file source-language="id" target-language="en">'
                                f"<body>{UNIT}</body></file></xliff>",
    "empty prefix declaration": f'<xliff version="1.2" {NS} xmlns:p=""><file source-language="id" '
                                f'target-language="en"><body>{UNIT}</body></file></xliff>',
    "rebound xml prefix": f'<xliff version="1.2" {NS} xmlns:xml="urn:other"><file source-language="id" '
                          f'target-language="en"><body>{UNIT}</body></file></xliff>',
    "namespaced attribute twice": f'<xliff version="1.2" {NS} xmlns:a="urn:a" xmlns:b="urn:a" a:x="1" b:x="2">'
                                  f'<file source-language="id" target-language="en"><body>{UNIT}</body></file></xliff>',
}


@pytest.mark.parametrize("case", BROKEN_XML)
def test_a_broken_xliff_is_one_line_and_the_batch_goes_on(tmp_path: Path, case: str) -> None:
    good = article(tmp_path / "in" / "good")
    bad = tmp_path / "in" / "bad.en.xlf"
    bad.write_text(BROKEN_XML[case], encoding="utf-8")
    code, _, stderr = check(str(good), str(bad), "--out", str(tmp_path / "out"), "--no-html")
    assert code == 2 and one_line(stderr) and stderr.startswith(f"mtcheck: {bad}: not well-formed XML"), stderr
    assert [a["id"] for a in results(tmp_path / "out")["articles"]] == ["good"]


@pytest.mark.parametrize("case", BROKEN_XML)
def test_a_broken_tbx_glossary_is_not_valid_tbx(tmp_path: Path, case: str) -> None:
    glossary = tmp_path / "terms.tbx"
    glossary.write_text(BROKEN_XML[case].replace("xliff", "tbx"), encoding="utf-8")
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--glossary", str(glossary), "--no-reports")
    assert code == 2 and one_line(stderr), stderr
    assert stderr.startswith(f"mtcheck: error: {glossary}: glossary is not valid TBX: not well-formed XML"), stderr


NOT_JSON = {  # Python's json takes these; RFC 8259 does not, and they reached scores and arithmetic
    "NaN score": (r'"score": [0-9.]+', '"score": NaN'),
    "infinite words": (r'"words": [0-9]+', '"words": 1e999'),
}


@pytest.mark.parametrize("command", ["report", "compare"])
@pytest.mark.parametrize("case", NOT_JSON)
def test_a_results_file_with_numbers_that_are_not_json_is_one_line(tmp_path: Path, command: str, case: str) -> None:
    out = tmp_path / "out"
    check(str(article(tmp_path / "in" / "a")), "--out", str(out), "--no-html", "--select", "NUM")
    text = (out / "results.json").read_text(encoding="utf-8")
    old, new = NOT_JSON[case]
    bad = tmp_path / "bad.json"
    bad.write_text(re.sub(old, new, text, count=1), encoding="utf-8")
    assert bad.read_text(encoding="utf-8") != text
    args = [str(bad), "--out", str(tmp_path / "html")] if command == "report" else [str(out / "results.json"), str(bad)]
    code, _, stderr = cli(command, *args)
    assert code == 2 and one_line(stderr) and "a number that is not finite" in stderr, stderr


def test_a_baseline_entry_whose_fingerprint_is_not_a_string_is_refused(tmp_path: Path) -> None:
    """A fingerprint of 10**4000 or a table was turned into a string and matched nothing, silently."""
    baseline = tmp_path / "b.json"
    baseline.write_text('{"schema": "mtcheck/baseline-v1", "findings": [{"fingerprint": {"a": 1}}]}', encoding="utf-8")
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--baseline", str(baseline), "--no-reports")
    assert code == 2 and one_line(stderr) and "need a 'fingerprint'" in stderr, stderr


@pytest.mark.parametrize("span", ['"start": 5, "end": 2', '"start": 0, "end": 99999'])
def test_a_results_file_whose_span_leaves_its_text_is_one_line(tmp_path: Path, span: str) -> None:
    """The schema checks each offset alone; the reports slice the texts with them."""
    out = tmp_path / "out"
    folder = article(tmp_path / "in" / "a", id="Harga naik 80.000 rupiah.", en="Prices rose 80.000 rupiah.")
    check(str(folder), "--out", str(out), "--no-html", "--select", "NUM001")
    text = (out / "results.json").read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(re.sub(r'"start": \d+,\s*"end": \d+', span, text, count=1), encoding="utf-8")
    assert bad.read_text(encoding="utf-8") != text
    code, _, stderr = cli("report", str(bad), "--out", str(tmp_path / "html"))
    assert code == 2 and one_line(stderr) and "span" in stderr and "outside its text" in stderr, stderr


UTF16 = "id,en\nbantuan,aid\n".encode("utf-16")
SIDE_FILES = {  # (flag, file name, bytes, the reason the one line gives); each was accepted or vague before
    "csv unclosed quote": ("--glossary", "g.csv", b'id,en\nbantuan,aid\n"Bank Dunia,World Bank\nrupiah,rupiah\n',
                           "glossary is not valid CSV (line 3: a quote is opened and never closed)"),
    "csv text after a quote": ("--glossary", "g.csv", b'id,en\nbantuan,aid\n"Bank" Dunia,World Bank\n',
                               "glossary is not valid CSV (line 3: ',' expected after '\"')"),
    "csv cell over two lines": ("--glossary", "g.csv", b'id,en\nbantuan,aid\n"Bank\nDunia",World Bank\n',
                                "glossary line 3: a quoted cell runs over lines 3-4 (a quote not closed?)"),
    "csv tab-separated": ("--glossary", "g.csv", b"id\ten\nbantuan\taid\n",
                          "glossary header is one column holding '\\t': a glossary CSV is comma-separated"),
    "csv NUL": ("--glossary", "g.csv", b"id,en\nbant\0uan,aid\n", "a NUL character at line 2: binary data, or UTF-16?"),
    "csv UTF-16": ("--glossary", "g.csv", UTF16, "UTF-16 text (it starts with a UTF-16 byte order mark)"),
    "csv UTF-16 without BOM": ("--glossary", "g.csv", UTF16[2:], "a NUL character at line 1"),
    "csv Latin-1": ("--glossary", "g.csv", "id,en\nbantuan,aid\nbantu\xe9n,x\n".encode("latin-1"),
                    "not UTF-8 at byte 23 (line 3): save it as UTF-8"),
    "config UTF-16": ("--config", "mtcheck.toml", 'fail-on = "major"\n'.encode("utf-16"), "UTF-16 text"),
    "config NUL": ("--config", "mtcheck.toml", b'fail-on = "ma\0jor"\n', "a NUL character at line 1"),
    "baseline UTF-16": ("--baseline", "b.json", b"{}".decode().encode("utf-16"), "UTF-16 text"),
    "baseline NUL": ("--baseline", "b.json", b'{"schema": "\0"}', "a NUL character at line 1"),
}


@pytest.mark.parametrize("case", SIDE_FILES)
def test_a_side_file_that_cannot_be_used_is_one_line_naming_file_and_line(tmp_path: Path, case: str) -> None:
    flag, name, data, reason = SIDE_FILES[case]
    side = tmp_path / name
    side.write_bytes(data)
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), flag, str(side), "--no-reports")
    assert code == 2 and one_line(stderr), stderr
    assert stderr.startswith(f"mtcheck: error: {side}: ") and reason in stderr, stderr


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_an_empty_jsonl_file_is_an_input_error_as_an_empty_folder_is(tmp_path: Path, data: bytes) -> None:
    empty = tmp_path / "batch.jsonl"
    empty.write_bytes(data)
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), str(empty), "--no-reports")
    assert code == 2 and stderr == f"mtcheck: {empty}: no article in it (an empty file)\n", stderr


def test_a_jsonl_line_that_is_not_utf8_is_named_by_its_line(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    good = '{"id": "a", "texts": {"id": "Harga naik.", "en": "Prices rose."}}\n'
    batch.write_bytes(good.encode() + good.replace('"a"', '"b"').replace("naik", "na\xefk").encode("latin-1"))
    code, _, stderr = check(str(batch), "--no-reports")
    assert code == 2 and stderr.startswith(f"mtcheck: {batch}:2: not valid UTF-8"), stderr


def test_a_glossary_cell_quoted_over_one_line_with_commas_is_still_a_term(tmp_path: Path) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text('id,en\n"Bank Dunia, cabang Jakarta","World Bank, Jakarta office"\nbantuan,aid\n', encoding="utf-8")
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--glossary", str(glossary), "--no-reports")
    assert code == 0, stderr


def test_a_tbx_glossary_in_utf16_is_read_as_its_xml_declaration_says(tmp_path: Path) -> None:
    tbx = ('<?xml version="1.0" encoding="UTF-16"?><martif type="TBX"><text><body><termEntry>'
           '<langSet xml:lang="id"><tig><term>Bank Dunia</term></tig></langSet>'
           '<langSet xml:lang="en"><tig><term>World Bank</term></tig></langSet></termEntry></body></text></martif>')
    glossary = tmp_path / "g.tbx"
    glossary.write_bytes(tbx.encode("utf-16"))
    folder = article(tmp_path / "in" / "a", id="Bank Dunia menyalurkan bantuan.", en="The bank distributed aid.")
    code, out, stderr = check(str(folder), "--glossary", str(glossary), "--no-reports", "--select", "TERM")
    assert code in (0, 1) and stderr == "", stderr
    assert "World Bank" in out, out  # the term was read: its rendering is missing from the version


@pytest.mark.parametrize("address", ["garbage://x", "tcp://[::1", "tcp://host:99999"])
def test_a_scheduler_address_dask_cannot_parse_is_one_line_at_once(tmp_path: Path, address: str) -> None:
    """A half-built dask Client's __del__ waited 60 s and printed a traceback after the one-line error."""
    pytest.importorskip("distributed")
    from .helpers import child

    run = child("check", str(article(tmp_path / "a")), "--encoder", "none", "-q", "--scheduler", address,
                "--out", str(tmp_path / "out"), timeout=30)
    stderr = run.stderr.decode()
    assert run.returncode == 2 and one_line(stderr), stderr
    assert "not a scheduler address" in stderr


def test_a_shard_line_with_a_lone_surrogate_is_one_line_naming_it(tmp_path: Path) -> None:
    """results.json and summary.json refused an escaped lone surrogate; a shard's line did not, and the report
    ended in "'utf-8' codec can't encode character '\\ud800'", naming no file."""
    shards = tmp_path / "shards"
    check(str(article(tmp_path / "in" / "a")), "--out", str(shards), "--out-format", "jsonl-shards", "--no-html")
    shard = shards / "results-00000.jsonl"
    text = shard.read_text(encoding="utf-8")
    shard.write_text(text.replace('"id":"a"', '"id":"a\\ud800"', 1), encoding="utf-8")
    assert shard.read_text(encoding="utf-8") != text
    code, _, stderr = cli("report", str(shards), "--out", str(tmp_path / "html"))
    assert code == 2 and one_line(stderr), stderr
    assert stderr.startswith(f"mtcheck: error: {shard}:1: cannot read results (not valid Unicode"), stderr
    assert not (tmp_path / "html").exists()


def test_compare_refuses_the_summary_of_shards_it_cannot_compare(tmp_path: Path) -> None:
    """summary.json of --out-format jsonl-shards is a valid results document without articles: compare said
    "0 version(s) of 0 article(s) in both", exit 0, whatever the runs held."""
    shards, out = tmp_path / "shards", tmp_path / "out"
    check(str(article(tmp_path / "in" / "a")), "--out", str(shards), "--out-format", "jsonl-shards", "--no-html")
    check(str(article(tmp_path / "in" / "a")), "--out", str(out), "--no-html")
    code, _, stderr = cli("compare", str(shards / "summary.json"), str(out / "results.json"))
    assert code == 2 and one_line(stderr) and "summary of --out-format jsonl-shards holds no article" in stderr, stderr


BYTES_NAME = os.fsdecode(b"x\xff")  # Linux allows any bytes in a name; Python reads this one as "x\udcff"


@pytest.mark.parametrize("flag", ["--config", "--glossary", "--refs", "--baseline", "--encoder"])
def test_a_side_file_named_in_bytes_that_are_not_utf8_is_written_printable(tmp_path: Path, flag: str) -> None:
    """The articles' names were made printable, the run's options were not: --config $'cfg\\xff.toml' (or
    --glossary, --refs, --baseline, --encoder) reached results.json as a lone surrogate, a UnicodeEncodeError
    traceback when the results were written."""
    side = tmp_path / f"{BYTES_NAME}{ {'--config': '.toml', '--glossary': '.csv', '--baseline': '.json'}.get(flag, '')}"
    content = {"--config": 'fail-on = "major"\n', "--glossary": "id,en\nbantuan,aid\n",
               "--baseline": '{"schema": "mtcheck/baseline-v1", "findings": []}'}
    if flag in content:
        side.write_text(content[flag], encoding="utf-8")
    elif flag == "--refs":
        side.mkdir()
    out = tmp_path / "out"
    code, _, stderr = cli("check", str(article(tmp_path / "in" / "a")), flag, str(side), "--out", str(out), "-q",
                          "--encoder-scope", "all", *(("--encoder", "none") if flag != "--encoder" else ()))
    assert code == 0 and "Traceback" not in stderr, stderr
    assert "x\\\\xff" in (out / "results.json").read_text(encoding="utf-8")  # x\xff, JSON-escaped
    code, _, stderr = cli("report", str(out / "results.json"), "--out", str(tmp_path / "html"))
    assert code == 0, stderr
