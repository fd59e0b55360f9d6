"""The shipped pre-commit hooks: a valid manifest, and ``pre-commit try-repo`` on a scratch repository.

The test runs the ``mtcheck-system`` hook (the mtcheck of this environment), so it works offline; the
``mtcheck`` hook differs only in ``language: python``, whose isolated install needs the package index.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "xliff"

pytestmark = pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit not installed")


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
           f"{os.environ.get('PATH', '')}", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_manifest_is_valid(tmp_path: Path) -> None:
    result = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=tmp_path, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_fails_on_findings_and_passes_when_fixed(tmp_path: Path) -> None:
    repo = tmp_path / "newsroom"
    (repo / "xliff").mkdir(parents=True)
    git("init", "-q", cwd=repo)
    (repo / "mtcheck.toml").write_text('select = ["TAG"]\nencoder = "none"\n', encoding="utf-8")
    for name in ("banjir.en.xlf", "banjir.fr.xlf"):
        (repo / "xliff" / name).write_bytes((FIXTURES / name).read_bytes())
    (repo / "notes.md").write_text("not checked\n", encoding="utf-8")
    git("add", ".", cwd=repo)
    home = tmp_path / "pre-commit-home"

    result = pre_commit("try-repo", str(ROOT), "mtcheck-system", "--all-files", cwd=repo, home=home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "banjir.en.xlf" in output and "TAG001 major Unit p2" in output and "Failed" in output

    english = repo / "xliff" / "banjir.en.xlf"
    english.write_text(english.read_text(encoding="utf-8").replace(
        '<g id="4">full report</g>', '<g id="4">full <g id="5">report</g></g>'), encoding="utf-8")
    git("add", ".", cwd=repo)
    result = pre_commit("try-repo", str(ROOT), "mtcheck-system", "--all-files", cwd=repo, home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout and not (repo / "reports").exists()
