"""Class 6: nothing reaches a terminal or a CI log raw. A file name holding a newline split an error line in
two, the second a forged ``::error`` workflow command; an ESC sequence in an article's URL reached
``--format text`` and ``github`` through a suggestion."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .helpers import ID, article, check

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # any control but the line end
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


@pytest.mark.parametrize("fmt", ["text", "github", "jsonl"])
def test_control_characters_of_an_article_never_reach_the_terminal_raw(tmp_path: Path, fmt: str) -> None:
    folder = article(tmp_path / "in" / "a", id=SOURCE, en=TARGET)
    code, stdout, stderr = check(str(folder), "--format", fmt, "--no-reports", "--select", "LINK")
    assert code == 1 and "LINK001" in stdout, stdout + stderr
    assert not RAW.search(stdout), stdout
    if fmt == "jsonl":  # still the very text, once decoded
        [finding] = [json.loads(line) for line in stdout.splitlines() if '"finding"' in line]
        assert finding["suggestion"].startswith("https://example.com/berita\x1b]8;;")
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
