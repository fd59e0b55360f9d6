"""The documentation: the README keeps its promises, docs/rules.md is what the rule classes generate, the MkDocs
site builds strictly and offline, and the worked example of docs/adding-a-rule.md runs."""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.model import Severity
from mtcheck.rules.base import Rule
from mtcheck.rules.catalog import inline, rule_markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _has(module: str, required_by: str) -> bool:
    """Whether ``module`` is installed; where CI sets ``required_by`` to 1, its absence is a failure."""
    if importlib.util.find_spec(module) is not None:
        return True
    if os.environ.get(required_by) == "1":
        pytest.fail(f"{module} is required ({required_by}=1) but not installed", pytrace=False)
    return False


# --- the README -------------------------------------------------------------------------------------


def _install_and_test(line: str) -> tuple[str, str]:
    """The extras installed and the pytest command of a shell line ``... pip install ... '.[x,y]' && ... pytest ...``."""
    extras = re.search(r"'\.\[([^\]]*)\]'", line)
    pytest_command = re.search(r"\S*python -m pytest.*$", line)
    assert extras and pytest_command, line
    return extras.group(1), pytest_command.group(0).strip()


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (readme_line,) = [line for line in readme.splitlines() if "pip install" in line and "pytest" in line]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    (ci_line,) = [line for line in ci.splitlines() if "pip install" in line and "pytest" in line]
    assert _install_and_test(readme_line) == _install_and_test(ci_line)
    assert "docs" in _install_and_test(ci_line)[0].split(","), "CI must install mkdocs, or the site is not built"


def test_readme_is_a_front_page_whose_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 200
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme)
    assert "docs/getting-started.md" in targets and "docs/dashboard.png" in targets
    missing = [t for t in targets if "://" not in t and not (ROOT / t).exists()]
    assert missing == []


# --- the rules page ---------------------------------------------------------------------------------


def test_rules_page_is_generated_from_the_rule_classes() -> None:
    result = CliRunner().invoke(app, ["rules", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert result.stdout == committed, "docs/rules.md is stale: run `mtcheck rules --format markdown > docs/rules.md`"
    assert "## NUM001 number-format" in committed and "[TAG001](#tag001-inline-tag-mismatch)" in committed


def test_rules_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["rules", "--format", "html"])
    assert result.exit_code == 2 and "unknown --format 'html'" in result.stderr


@pytest.mark.parametrize(("prose", "markdown"), [
    ("uses ``Locale.quote_pairs`` and\n``bracket_pairs``", "uses `Locale.quote_pairs` and `bracket_pairs`"),
    ("a code ``<g id=1>`` and a tag <b> in prose", "a code `<g id=1>` and a tag &lt;b> in prose"),
    ("e-mail addresses, @handles,\n#hashtags) and more", "e-mail addresses, @handles, #hashtags) and more"),
    ("robust z <= -5 | a pipe", "robust z &lt;= -5 \\| a pipe"),
    ("a span ``The meeting discussed the\nweather.`` wrapped", "a span `The meeting discussed the weather.` wrapped"),
])
def test_docstring_prose_becomes_one_markdown_line(prose: str, markdown: str) -> None:
    assert inline(prose) == markdown


class _Example(Rule):
    """A thing is wrong.

    What it does: looks at ``things``.

    Example::

        flagged  "a <b>"
        accepted "a"
    """

    code = "XMP001"
    name = "example"
    category = "accuracy/omission"
    severity = Severity.MINOR


def test_a_rule_section_has_its_metadata_labels_and_code_blocks() -> None:
    assert rule_markdown(_Example) == (
        "## XMP001 example\n\nA thing is wrong.\n\n"
        "**MQM category:** `accuracy/omission` · **default severity:** minor\n\n"
        "**What it does:** looks at `things`.\n\n**Example:**\n\n"
        '```text\nflagged  "a <b>"\naccepted "a"\n```\n'
    )


# --- the MkDocs site --------------------------------------------------------------------------------

REMOTE_ASSET = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=[\"'](?:https?:)?//", re.IGNORECASE)


def test_site_builds_strictly_and_loads_nothing_from_the_network(tmp_path: Path) -> None:
    if not _has("mkdocs", "MTCHECK_REQUIRE_DOCS") or not _has("material", "MTCHECK_REQUIRE_DOCS"):
        pytest.skip("mkdocs / mkdocs-material not installed (extra 'docs')")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(site)],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr  # strict: a broken link or anchor fails
    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    for page in DOCS.glob("*.md"):
        assert page.with_suffix(".html").name in pages, f"{page.name} was not built"
    remote = {name: REMOTE_ASSET.findall(html) for name, html in pages.items() if REMOTE_ASSET.search(html)}
    assert remote == {}, "a page loads a script or stylesheet from the network"
    assert not any("fonts.googleapis" in html or 'class="mermaid"' in html for html in pages.values())
    assert '<img alt="The dashboard of the HTML report" src="dashboard.png"' in pages["index.html"]


# --- the worked example of docs/adding-a-rule.md ----------------------------------------------------


def test_adding_a_rule_example_runs_in_a_scratch_copy(tmp_path: Path) -> None:
    """The page's two code blocks, written into a copy of the package, make a rule that mtcheck knows and a
    test that passes: the page cannot drift from the code."""
    page = (DOCS / "adding-a-rule.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n# (\S+)\n(.*?)```", page, re.DOTALL)
    assert [path for path, _ in blocks] == ["src/mtcheck/rules/doubled_punctuation.py",
                                             "tests/rules/test_doubled_punctuation.py"]
    shutil.copytree(ROOT / "src" / "mtcheck", tmp_path / "src" / "mtcheck",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for path, code in blocks:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "MTCHECK_CACHE_DIR": str(tmp_path / "cache")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300, check=False)

    tested = run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/rules/test_doubled_punctuation.py")
    assert tested.returncode == 0 and "6 passed" in tested.stdout, tested.stdout + tested.stderr
    explained = run("-m", "mtcheck", "explain", "PUNC008")
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout.startswith("PUNC008 doubled-punctuation\nMQM category: linguistic-conventions/punctuation")


# --- the contributor's pre-commit hooks -------------------------------------------------------------


def test_precommit_config_is_valid_and_offline(tmp_path: Path) -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit not installed (extra 'test')")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
                            cwd=ROOT, env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path)}, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert re.findall(r"^\s+- repo: (\S+)", config, re.MULTILINE) == ["local"]  # nothing to download
