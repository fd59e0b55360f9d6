"""JSON files a user hands mtcheck (a baseline, a results file): any bad one is one line and exit 2."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app

BAD = {
    "deep": ("[" * 100_000 + "]" * 100_000).encode(),  # json recurses per level: a RecursionError before
    "latin1": '{"schema": "caf\u00e9"}'.encode("latin-1"),
    "truncated": b'{"schema": "mtcheck/results-v1", "articles": [',
    "empty": b"",
    "long number": b'{"schema": "mtcheck/results-v1", "n": ' + b"9" * 5000 + b"}",  # a ValueError traceback before
    # Valid JSON, not Unicode: report wrote HTML until the UTF-8 encoder's traceback.
    "lone surrogate": b'{"schema": "mtcheck/results-v1", "articles": [{"id": "a\\ud800", "t": "\\uDC00"}]}',
}
REASONS = {"deep": "JSON nested too deeply", "latin1": "not UTF-8 at byte 15", "truncated": "not valid JSON",
           "empty": "not valid JSON", "folder": "a folder, not a file", "missing": "No such file or directory",
           "long number": "a number of more than 4,300 digits",
           "lone surrogate": "not valid Unicode (an escaped lone surrogate \\udc00)"}


def bad_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind.replace(' ', '-')}.json"
    if kind == "folder":
        path.mkdir()
    elif kind != "missing":
        path.write_bytes(BAD[kind])
    return path


@pytest.mark.parametrize("kind", list(REASONS))
@pytest.mark.parametrize("command", ["report", "compare", "check --baseline"])
def test_a_bad_json_file_is_one_line_naming_it(tmp_path: Path, make_article, kind: str, command: str) -> None:  # type: ignore[no-untyped-def]
    path = bad_file(tmp_path, kind)
    what = "baseline" if "baseline" in command else "results"
    args = {"report": ["report", str(path), "--out", str(tmp_path / "out")],
            "compare": ["compare", str(path), str(path)],
            "check --baseline": ["check", str(make_article("berita", id="Harga naik.", en="Prices rose.")),
                                 "--encoder", "none", "--no-reports", "--baseline", str(path)]}[command]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"mtcheck: error: {path}: cannot read {what} ({REASONS[kind]}")
    assert result.stderr.endswith(")\n") and result.stderr.count("\n") == 1


def test_a_bom_is_allowed(tmp_path: Path) -> None:
    from mtcheck.store.userfile import read_json

    path = tmp_path / "b.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": [1]}')
    assert read_json(path, 1000) == {"a": [1]}


def test_escaped_surrogate_pairs_and_backslashes_are_not_lone_surrogates(tmp_path: Path) -> None:
    from mtcheck.store.userfile import read_json

    path = tmp_path / "b.json"
    path.write_text('{"\\ud83d\\ude00": ["\\\\ud800", "\\uD83D\\uDE00"]}', encoding="utf-8")
    assert read_json(path, 1000) == {"\U0001f600": ["\\ud800", "\U0001f600"]}
    path.write_text('{"a": [{"b": "\\ud83d"}]}', encoding="utf-8")  # a high half alone, deep down
    with pytest.raises(ValueError, match=r"^not valid Unicode \(an escaped lone surrogate \\ud83d\)$"):
        read_json(path, 1000)


def test_where_json_is_not_valid_is_named() -> None:
    from mtcheck.store.userfile import parse_json

    with pytest.raises(ValueError, match=r"^not valid JSON \(Expecting ',' delimiter: line 2 column 9\)$"):
        parse_json('{"a": 1,\n "b": 2 "c": 3}')
    with pytest.raises(ValueError, match=r"^not valid JSON \(Expecting value: column 7\)$"):
        parse_json('{"a": }')


def test_repeated_keys_are_refused_only_when_asked() -> None:
    from mtcheck.store.userfile import parse_json

    text = '{"texts": {"id": "a", "en": "b", "en": "c"}}'
    assert parse_json(text) == {"texts": {"id": "a", "en": "c"}}
    with pytest.raises(ValueError, match="^key 'en' appears twice in one object$"):
        parse_json(text, unique_keys=True)
    assert parse_json('[{"en": 1}, {"en": 2}]', unique_keys=True) == [{"en": 1}, {"en": 2}]  # one per object
