"""Class 6: nothing reaches a terminal or a CI log raw. A file name holding a newline split an error line in
two, the second a forged ``::error`` workflow command; an ESC sequence in an article's URL reached
``--format text`` and ``github`` through a suggestion."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .helpers import EN, ID, article, check

EN_BAD = EN.replace("80,000", "8,000")

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # but \n
FORGED = "x\n::error file=README.md,line=1::forged\x1b[2J"


def test_a_file_name_cannot_forge_a_line_on_stderr(tmp_path: Path) -> None:
    article(tmp_path / "in" / "good")
    article(tmp_path / "in" / FORGED, id=ID, en="")  # an empty version: an input error naming the folder
    code, stdout, stderr = check(str(tmp_path / "in"), "--format", "github", "--no-reports")
    assert code == 2
    assert [line for line in stderr.splitlines() if not line.startswith("mtcheck: ")] == [], stderr
    assert not RAW.search(stderr) and "\\n::error" in stderr
    assert all(line.startswith("::") for line in stdout.splitlines()) and not RAW.search(stdout), stdout


URL = "https://example.com/berita\x1b]8;;https://evil.example\x07klik\x9b2J\u202e"
SOURCE = f"Baca laporan lengkapnya di {URL} untuk rincian bantuan 80.000 keluarga."
TARGET = f"Read the full report at {URL.replace('berita', 'news')} for details of aid to 80,000 families."


@pytest.mark.parametrize("fmt", ["text", "github", "jsonl", "json", "junit", "sarif"])
def test_control_characters_of_an_article_never_reach_the_terminal_raw(tmp_path: Path, fmt: str) -> None:
    folder = article(tmp_path / "in" / "a", id=SOURCE, en=TARGET)
    code, stdout, stderr = check(str(folder), "--format", fmt, "--no-reports", "--select", "LINK")
    assert code == 1 and "LINK001" in stdout, stdout + stderr
    assert not RAW.search(stdout), stdout
    if fmt == "jsonl":  # still the very text, once decoded
        [finding] = [json.loads(line) for line in stdout.splitlines() if '"finding"' in line]
        assert finding["suggestion"].startswith("https://example.com/berita\x1b]8;;")
    elif fmt in ("json", "sarif"):
        document = json.loads(stdout)
        suggestions = [f["suggestion"] for a in document["articles"] for v in a["versions"] for f in v["findings"]] \
            if fmt == "json" else [r["properties"]["suggestion"] for r in document["runs"][0]["results"]]
        assert any(s.startswith("https://example.com/berita\x1b]8;;") and s.endswith("\u202e") for s in suggestions)
    else:
        assert "\\x1b]8;;https://evil.example\\x07klik\\x9b2J\\u202e" in stdout


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_mtcheck_config_shows_a_setting_s_control_characters_escaped(tmp_path: Path, fmt: str) -> None:
    """``mtcheck config`` wrote a boilerplate pattern's C1 CSI and bidi override raw (json escapes only C0)."""
    import tomllib

    from .helpers import cli

    pattern = "Iklan\x9b2J\u202e"
    config = tmp_path / "mtcheck.toml"
    config.write_text(f'boilerplate = ["{pattern.encode("unicode_escape").decode()}"]\n'.replace("\\x9b", "\\u009b"),
                      encoding="utf-8")
    code, stdout, stderr = cli("config", "--config", str(config), "--format", fmt)
    assert code == 0, stderr
    assert not RAW.search(stdout), stdout
    shown = tomllib.loads(stdout)["tool"]["mtcheck"] if fmt == "toml" else json.loads(stdout)["settings"]
    assert shown["boilerplate"] == [pattern]


NAMES = {"bidi override": "laporan\u202eTXT.exe", "right-to-left mark": "a\u200fb", "line separator": "a\u2028b",
         "C1 CSI": "a\x9b2Jb", "ESC": "a\x1b[31mb"}


@pytest.mark.parametrize("fmt", ["junit", "sarif", "json", "text", "github"])
@pytest.mark.parametrize("name", NAMES)
def test_a_file_name_s_controls_never_reach_a_ci_report_raw(tmp_path: Path, fmt: str, name: str) -> None:
    """U+202E in a folder name reached --format junit and sarif raw (a CI log shows them)."""
    import xml.etree.ElementTree as ET

    folder = article(tmp_path / "in" / NAMES[name], id=ID, en=EN_BAD)
    code, stdout, stderr = check(str(folder), "--format", fmt, "--no-reports")
    assert code in (1, 2), stderr  # a C0 or C1 control in an id is an input error, reported in the format too
    assert not RAW.search(stdout) and not RAW.search(stderr), stdout
    if fmt == "junit":
        ET.fromstring(stdout)
    escaped = NAMES[name].encode("unicode_escape").decode("ascii")
    if fmt in ("sarif", "json"):  # a value keeps its text once decoded; a message shows it escaped
        values = _strings(json.loads(stdout))
        assert any(NAMES[name] in v or escaped in v for v in values)
    else:
        assert escaped in stdout + stderr


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_diff_never_prints_an_article_s_control_characters_raw(tmp_path: Path) -> None:
    """--diff printed the fixed lines as they were: an OSC sequence (sets the terminal's title), a screen
    clear and a bidi override of the article reached the terminal."""
    en = "Jakarta - The government  distributed aid to 80,000 families \x1b]0;pwned\x07\x1b[2J.\n\n" \
         "The aid  is worth Rp2.1 trillion \u202e.\n"
    folder = article(tmp_path / "a", id=ID, en=en)
    code, stdout, _ = check(str(tmp_path), "--out", str(tmp_path / "out"), "--diff")
    assert code == 1 and "+Jakarta - The government distributed aid" in stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", stdout), stdout
    assert "\\x1b]0;pwned\\x07\\x1b[2J." in stdout and "trillion \\u202e." in stdout
    assert (folder / "en.txt").read_text(encoding="utf-8") == en  # --diff writes nothing


def test_a_diff_of_clean_text_still_applies_line_for_line(tmp_path: Path) -> None:
    en = "Jakarta - The government  distributed aid to 80,000 families.\n\nThe aid  is worth Rp2.1 trillion.\n"
    article(tmp_path / "a", id=ID, en=en)
    _, stdout, _ = check(str(tmp_path / "a"), "--out", str(tmp_path / "out"), "--diff")
    assert "-Jakarta - The government  distributed aid to 80,000 families.\n" in stdout
    assert "+Jakarta - The government distributed aid to 80,000 families.\n \n-The aid  is" in stdout
