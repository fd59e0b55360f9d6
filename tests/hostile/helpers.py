"""Helpers of the hostile-input suite: real CLI runs on articles written for the tests, in process or in a
child process (when the test needs a process of its own: a deadline, a closed stream, a kill)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mtcheck.cli import app

ID = "Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga.\n\nBantuan itu bernilai Rp2,1 triliun."
EN = "Jakarta - The government distributed aid to 80,000 families.\n\nThe aid is worth Rp2.1 trillion."
FR = "Jakarta - Le gouvernement a distribué une aide à 80 000 familles.\n\nL'aide vaut 2 100 milliards de roupies."
_runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    """``mtcheck ARGS`` in this process: (exit code, stdout, stderr)."""
    result = _runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def check(*args: str) -> tuple[int, str, str]:
    return cli("check", *args, "--encoder", "none", "-q")


def child(*args: str, timeout: float = 60, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """``mtcheck ARGS`` in a child process running this test's mtcheck, with a deadline."""
    import mtcheck

    env = {**os.environ, "PYTHONPATH": str(Path(mtcheck.__file__).parent.parent)}
    return subprocess.run([sys.executable, "-m", "mtcheck", *args], capture_output=True, timeout=timeout,
                          check=False, env=env, **kwargs)  # type: ignore[call-overload,no-any-return]


def article(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for lang, text in (texts or {"id": ID, "en": EN}).items():
        (folder / f"{lang}.txt").write_text(text, encoding="utf-8")
    return folder


def results(out: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((out / "results.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def one_line(stderr: str) -> bool:
    """One line, no traceback."""
    return stderr.count("\n") == 1 and "Traceback" not in stderr
