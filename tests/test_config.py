"""Configuration: discovery, validation (one-line errors), precedence defaults < file < flags."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.config import (
    Config,
    ConfigError,
    apply_settings,
    config_as_dict,
    find_config_file,
    load_config,
    to_toml,
)
from mtcheck.model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

runner = CliRunner()
ID = "Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga.\n\nBantuan tersebut bernilai Rp2,1 triliun."
EN = "Jakarta - The government distributed aid to 80,000 families.\n\nThe aid is worth Rp2.1 trillion."


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_config_wins_and_pyproject_needs_its_table(tmp_path: Path) -> None:
    root = write(tmp_path / "mtcheck.toml", 'fail-on = "minor"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.mtcheck]: skipped
    assert find_config_file(deep) == root
    with_table = write(tmp_path / "a" / "b" / "pyproject.toml", "[tool.mtcheck]\nselect = ['NUM']\n")
    assert find_config_file(deep) == with_table
    own = write(tmp_path / "a" / "b" / "mtcheck.toml", "select = ['LANG']\n")
    assert find_config_file(deep) == own  # mtcheck.toml before pyproject.toml in the same folder


def test_every_setting_is_read(tmp_path: Path) -> None:
    write(tmp_path / "terms.csv", "id,en\n")
    path = write(tmp_path / "pyproject.toml", """
[tool.mtcheck]
source-lang = "id"
targets = ["en", "fr"]
fail-on = "critical"
select = ["NUM", "lang"]
ignore = ["NUM003"]
extend-select = ["STR006"]
glossary = "terms.csv"
boilerplate = ["^Diterjemahkan oleh mesin\\\\.$"]
encoder = "none"
require-disclaimer = true
fail-below = 80
warn-below = 95.5

[tool.mtcheck.severity]
NUM001 = "minor"

[tool.mtcheck.weights]
major = 4
""")
    config, found = load_config(tmp_path)
    assert found == path
    assert config == Config(
        source_lang="id", targets=("en", "fr"), fail_on=Severity.CRITICAL, select=("NUM", "LANG"),
        ignore=("NUM003",), extend_select=("STR006",), severity_overrides={"NUM001": Severity.MINOR},
        weights={"neutral": 0.0, "minor": 1.0, "major": 4.0, "critical": 25.0}, fail_below=80.0, warn_below=95.5,
        glossary=str(tmp_path / "terms.csv"), encoder="none", boilerplate=(r"^Diterjemahkan oleh mesin\.$",),
        require_disclaimer=True)


@pytest.mark.parametrize(("toml", "key", "problem"), [
    ('colour = "red"', "colour", "unknown key"),
    ('fail-on = "fatal"', "fail-on", "unknown severity 'fatal'"),
    ('targets = ["en", "de"]', "targets", "unknown language code 'de'"),
    ("targets = 3", "targets", "expected a list of strings"),
    ('select = ["NUM-1"]', "select", "not a rule code or prefix"),
    ('boilerplate = ["(unclosed"]', "boilerplate", "bad regular expression"),
    ("fail-below = 120", "fail-below", "expected a number from 0 to 100"),
    ("fail-below = 95\nwarn-below = 90", "warn-below", "must be at least fail-below"),
    ("require-disclaimer = 1", "require-disclaimer", "expected true or false"),
    ('[severity]\nNUM001 = "urgent"', "severity.NUM001", "unknown severity"),
    ("[weights]\nsevere = 3", "weights.severe", "unknown severity"),
    ("[weights]\nmajor = inf", "weights.major", "expected a number from 0 to 1,000,000"),  # JSON has no inf
    ("fail-below = nan", "fail-below", "expected a number from 0 to 100"),
    ('boilerplate = ["^Baca juga", "(Foto)?"]', "boilerplate", "'(Foto)?' matches empty text"),
    ('targets = ["en", "id"]', "targets", "'id' is the source language"),  # it would check nothing, exit 0
    ('glossary = "terms\\u0000.csv"', "glossary", "a path cannot contain a NUL character"),
    # Tracebacks before: an integer no float holds (OverflowError in isfinite), a repeat count too large for
    # re (OverflowError), a pattern nested too deeply for re's compiler (RecursionError).
    ("[weights]\nminor = 1" + "0" * 400, "weights.minor", "expected a number from 0 to 1,000,000"),
    ("fail-below = -" + "9" * 400, "fail-below", "expected a number from 0 to 100"),
    ('boilerplate = ["x{99999999999}"]', "boilerplate", "'x{99999999999}' (a repeat count or nesting too large)"),
    ('boilerplate = ["' + "(" * 5000 + "x" + ")" * 5000 + '"]', "boilerplate", "bad regular expression '((((("),
])
def test_bad_settings_are_one_line_errors_naming_file_and_key(tmp_path: Path, toml: str, key: str, problem: str) -> None:
    path = write(tmp_path / "mtcheck.toml", toml + "\n")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{path}: {key}: ") and problem in message


def test_a_config_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mtcheck.toml"
    path.write_bytes('fail-on = "minor" # d\u00e9faut\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match=f"^{path}: cannot read \\(not UTF-8 at byte 21 \\(line 1\\): save it as UTF-8\\)"):
        load_config(tmp_path)


@pytest.mark.parametrize(("toml", "reason"), [
    ("fail-on = \n", r"Invalid value \(at line 1, column 11\)"),
    ("[weights]\nmajor = " + "9" * 5000 + "\n", "a number of more than 4,300 digits"),  # a ValueError traceback before
    ("select = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),  # a RecursionError before
])
def test_invalid_toml_names_the_file(tmp_path: Path, toml: str, reason: str) -> None:
    path = write(tmp_path / "mtcheck.toml", toml)
    with pytest.raises(ConfigError, match=f"^{path}: not valid TOML \\({reason}\\)$"):
        load_config(tmp_path)


def test_a_pyproject_whose_tool_is_not_a_table(tmp_path: Path) -> None:
    """Valid TOML, "tool = 5": looking for tool.mtcheck in it was a TypeError traceback."""
    other = write(tmp_path / "a" / "pyproject.toml", "tool = 5\n")
    assert find_config_file(other.parent) is None
    mine = write(tmp_path / "b" / "pyproject.toml", "[tool]\nmtcheck = 5\n")
    assert find_config_file(mine.parent) == mine
    with pytest.raises(ConfigError, match=f"^{mine}: \\[tool.mtcheck\\]: must be a table$"):
        load_config(mine.parent)


def test_a_broken_pyproject_is_reported_if_it_names_mtcheck(tmp_path: Path) -> None:
    """Skipping it would drop the user's settings (fail-on, select) without a word; a broken pyproject.toml
    of another tool, beside an mtcheck.toml further up, is passed over."""
    own = write(tmp_path / "mtcheck.toml", 'fail-on = "minor"\n')
    other = write(tmp_path / "a" / "pyproject.toml", "[tool.black]\nline-length = \n")
    assert find_config_file(other.parent) == own
    broken = write(tmp_path / "a" / "b" / "pyproject.toml", '[tool.mtcheck]\nfail-on = "minor\n')
    assert find_config_file(broken.parent) == broken
    with pytest.raises(ConfigError, match=f"^{broken}: not valid TOML"):
        load_config(broken.parent)


@pytest.mark.parametrize(("select", "ignore", "extend", "enabled", "disabled"), [
    ((), (), (), ["NUM001", "LANG004"], []),
    (("NUM",), (), (), ["NUM001", "NUM003"], ["LANG001"]),
    (("NUM",), ("NUM003",), (), ["NUM001"], ["NUM003"]),
    ((), ("NUM",), ("NUM002",), ["NUM002", "LANG001"], ["NUM001"]),  # the more specific selector wins
    (("NUM",), (), ("STR006",), ["NUM001", "STR006"], ["STR001"]),
    (("NUM001",), ("NUM001",), (), [], ["NUM001"]),  # a tie: ignore wins
])
def test_rule_selection(select: tuple[str, ...], ignore: tuple[str, ...], extend: tuple[str, ...],
                        enabled: list[str], disabled: list[str]) -> None:
    config = Config(select=select, ignore=ignore, extend_select=extend)
    assert [c for c in enabled + disabled if config.rule_enabled(c)] == enabled


def test_toml_output_reads_back_to_the_same_config(tmp_path: Path) -> None:
    config = Config(targets=("en",), fail_on=Severity.MINOR, select=("NUM",), glossary="g \"x\".csv",
                    severity_overrides={"NUM001": Severity.CRITICAL}, boilerplate=("\\d+ \u00e9",))
    table = tomllib.loads(to_toml(config_as_dict(config)))["tool"]["mtcheck"]
    assert apply_settings(Config(), table, "round trip") == config


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom repository: config at the top, an article below, mtcheck run from a subfolder."""
    write(tmp_path / "pyproject.toml", '[tool.mtcheck]\nfail-on = "critical"\nselect = ["NUM", "LANG"]\nencoder = "none"\n')
    write(tmp_path / "articles" / "aid" / "id.txt", ID)
    write(tmp_path / "articles" / "aid" / "en.txt", EN)
    monkeypatch.chdir(tmp_path / "articles")
    return tmp_path


def test_config_command_prints_the_effective_configuration(project: Path) -> None:
    code, stdout, _ = run("config", "--format", "json")
    assert code == 0
    shown = json.loads(stdout)
    assert shown["file"] == str(project / "pyproject.toml")
    assert shown["settings"]["fail-on"] == "critical" and shown["settings"]["select"] == ["NUM", "LANG"]
    code, stdout, _ = run("config")
    assert code == 0 and tomllib.loads(stdout)["tool"]["mtcheck"]["fail-on"] == "critical"
    code, stdout, _ = run("config", "--isolated", "--format", "json")
    assert json.loads(stdout) == {"file": None, "settings": config_as_dict(Config())}


def _options(out: Path) -> dict[str, object]:
    return json.loads((out / "results.json").read_text(encoding="utf-8"))["options"]  # type: ignore[no-any-return]


def test_flags_override_the_file_which_overrides_defaults(project: Path) -> None:
    out = project / "out"
    assert run("check", "aid", "--out", str(out), "--no-html")[0] == 0
    options = _options(out)
    assert (options["fail-on"], options["select"], options["source-lang"]) == ("critical", ["NUM", "LANG"], "id")
    assert options["config-file"] == str(project / "pyproject.toml")
    assert run("check", "aid", "--out", str(out), "--no-html", "--fail-on", "minor", "--select", "NUM001")[0] == 0
    assert (_options(out)["fail-on"], _options(out)["select"]) == ("minor", ["NUM001"])
    assert run("check", "aid", "--out", str(out), "--no-html", "--isolated")[0] in (0, 1)
    assert _options(out)["fail-on"] == "major" and _options(out)["config-file"] is None


def test_bad_config_exits_two_with_one_line(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.mtcheck]\nfail-on = "fatal"\n')
    code, _, stderr = run("check", "aid", "--out", str(project / "out"))
    assert code == 2
    assert stderr.strip().splitlines() == [
        (f"mtcheck: error: {project / 'pyproject.toml'}: [tool.mtcheck]: fail-on: unknown severity 'fatal' "
        "(choose from neutral, minor, major, critical)")]
    assert run("config")[0] == 2


@pytest.mark.parametrize("args", [
    ("--select", "NOPE"),
    ("--severity", "NUM001"),
    ("--severity", "ZZZ001=minor"),
    ("--targets", "de"),
])
def test_bad_flags_exit_two(project: Path, args: tuple[str, ...]) -> None:
    code, _, stderr = run("check", "aid", "--out", str(project / "out"), *args)
    assert code == 2 and stderr.startswith("mtcheck: error: ") and len(stderr.strip().splitlines()) == 1


def test_explicit_config_file_and_relative_glossary(project: Path) -> None:
    write(project / "cfg" / "terms.csv", "id,en\nbantuan,aid\n")
    other = write(project / "cfg" / "strict.toml", 'fail-on = "neutral"\nglossary = "terms.csv"\nselect = ["NUM"]\n')
    out = project / "out"
    run("check", "aid", "--out", str(out), "--no-html", "--config", str(other))
    assert _options(out)["fail-on"] == "neutral" and _options(out)["glossary"] == str(project / "cfg" / "terms.csv")
    write(other, 'glossary = "missing.csv"\n')
    code, _, stderr = run("check", "aid", "--out", str(out), "--config", str(other))
    assert code == 2 and "glossary file not found" in stderr
