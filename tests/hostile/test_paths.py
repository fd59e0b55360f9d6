"""Class 7: paths that cannot be resolved or read, and a process whose own environment fails, end in one
line (exit 2), and the rest of the batch is still checked."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from .helpers import article, check, child, cli, one_line, results


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    path = tmp_path / "loop"
    path.symlink_to(path)
    return path


def test_a_symlink_loop_as_an_input_is_an_input_error(tmp_path: Path, loop: Path) -> None:
    code, _, stderr = check(str(loop), str(article(tmp_path / "in" / "good")), "--out", str(tmp_path / "out"),
                            "--no-html")
    assert code == 2 and stderr == f"mtcheck: {loop}: a loop of symbolic links\n", stderr
    assert [a["id"] for a in results(tmp_path / "out")["articles"]] == ["good"]


@pytest.mark.parametrize("flag", ["--output", "--write-baseline"])
def test_a_symlink_loop_as_a_destination_is_one_line(tmp_path: Path, loop: Path, flag: str) -> None:
    code, _, stderr = check(str(article(tmp_path / "in" / "good")), flag, str(loop), "--no-reports")
    assert code == 2 and one_line(stderr) and "cannot resolve the path" in stderr, stderr


def _unlistable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` cannot be listed, as without read permission (tests may run as root, who reads anything)."""
    real = os.listdir

    def listdir(path: object = ".") -> list[str]:
        if Path(str(path)) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "listdir", listdir)


def test_an_unreadable_subfolder_is_an_input_error_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article(tmp_path / "in" / "good")
    locked = tmp_path / "in" / "locked"
    locked.mkdir()
    _unlistable(monkeypatch, locked)
    code, _, stderr = check(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-html")
    assert code == 2 and stderr == f"mtcheck: {locked}: cannot list the folder (Permission denied)\n", stderr
    assert [a["id"] for a in results(tmp_path / "out")["articles"]] == ["good"]


def test_an_unreadable_reference_folder_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = article(tmp_path / "in" / "a")
    refs = tmp_path / "refs"
    article(refs / "a", en=folder.joinpath("en.txt").read_text(encoding="utf-8"))
    real = Path.exists

    def exists(self: Path, *args: object, **kwargs: object) -> bool:
        if self.parent == refs / "a":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "exists", exists)
    code, _, stderr = check(str(folder), "--refs", str(refs), "--out", str(tmp_path / "out"), "--no-html")
    assert code == 2 and stderr == f"mtcheck: {refs / 'a'}: cannot read the reference folder (Permission denied)\n"
    assert [a["id"] for a in results(tmp_path / "out")["articles"]] == ["a"]


def test_a_closed_standard_output_is_one_line(tmp_path: Path) -> None:
    done = child("check", str(article(tmp_path / "in" / "a")), "--encoder", "none", "--no-reports",
                 stdout=None, stdin=None, pass_fds=(), preexec_fn=lambda: os.close(1))
    assert done.returncode == 2 and one_line(done.stderr.decode()), done.stderr
    assert "standard output is closed" in done.stderr.decode()


def test_a_deleted_working_folder_is_one_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()

    def leave() -> None:
        os.chdir(gone)
        os.rmdir(gone)

    done = child("check", str(article(tmp_path / "in" / "a")), "--encoder", "none", "--no-reports", preexec_fn=leave)
    assert done.returncode == 2 and one_line(done.stderr.decode()), done.stderr
    assert "the working folder cannot be used" in done.stderr.decode()


LONG = "x" * 5000  # longer than any system allows a path (ENAMETOOLONG)


@pytest.mark.parametrize("name", [LONG, f"{LONG}.jsonl", f"{LONG}.xlf"])
def test_a_path_too_long_for_the_system_is_an_input_error(tmp_path: Path, name: str) -> None:
    """Path.exists() and is_fifo() raise for ENAMETOOLONG (only a missing file or a loop is False): a traceback."""
    out = tmp_path / "out"
    code, _, stderr = check(name, str(article(tmp_path / "a")), "--out", str(out), "--output", str(tmp_path / "x.sarif"))
    assert code == 2 and one_line(stderr) and "File name too long" in stderr, stderr
    assert [a["id"] for a in results(out)["articles"]] == ["a"]


@pytest.mark.parametrize("command", ["report", "compare"])
def test_a_results_path_too_long_for_the_system_is_one_line(tmp_path: Path, command: str) -> None:
    other = [str(tmp_path / "r.json")] if command == "compare" else ["--out", str(tmp_path / "out")]
    code, _, stderr = cli(command, LONG, *other)
    assert code == 2 and one_line(stderr), stderr


@pytest.mark.parametrize("columns", ["99999999999", "2147483648", "-5", "abc"])
@pytest.mark.parametrize("args", [("--help",), ("check", "--no-such-option", "x")])
def test_a_terminal_width_that_is_no_width_is_not_a_traceback(columns: str, args: tuple[str, ...]) -> None:
    """COLUMNS=99999999999 made --help and every usage error a MemoryError traceback (rich pads each line to
    the width); COLUMNS=2147483648 ran past three minutes."""
    import subprocess
    import sys

    import mtcheck

    env = {**os.environ, "PYTHONPATH": str(Path(mtcheck.__file__).parent.parent), "COLUMNS": columns, "LINES": columns}
    done = subprocess.run([sys.executable, "-m", "mtcheck", *args], capture_output=True, timeout=60, check=False,
                          env=env)
    assert done.returncode == (0 if args == ("--help",) else 2), done.stderr
    assert b"Traceback" not in done.stderr and b"MemoryError" not in done.stderr, done.stderr[-500:]
    assert b"check" in done.stdout + done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("rules",), ("explain", "NUM001"), ("config",), ("--help",), ("cache",),
                                  ("compare", "{r}", "{r}"), ("check", "{a}", "--diff", "--encoder", "none")])
def test_a_standard_output_that_cannot_be_written_is_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    """``> /dev/full`` (a full disk): check said "standard output: cannot write", every other command (and
    --diff) ended in a traceback."""
    import subprocess
    import sys

    import mtcheck

    folder = article(tmp_path / "in" / "a", id="Harga naik  80.000 rupiah.", en="Prices  rose 80,000 rupiah.")
    check(str(folder), "--out", str(tmp_path / "out"), "--no-html")
    named = [a.format(r=tmp_path / "out" / "results.json", a=folder) for a in args]
    env = {**os.environ, "PYTHONPATH": str(Path(mtcheck.__file__).parent.parent),
           "MTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "mtcheck", *named], stdout=full, stderr=subprocess.PIPE,
                              timeout=60, check=False, env=env)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and one_line(stderr), stderr
    assert stderr == "mtcheck: error: standard output: cannot write (No space left on device)\n", stderr


@pytest.mark.parametrize("empty", ["", " "])
def test_an_empty_path_is_an_input_error_not_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                empty: str) -> None:
    """``mtcheck check "$ARTICLES" --fix`` with the variable unset checked, and fixed, the working folder's
    articles (Path("") is "."), as --out "" once wrote there."""
    work = tmp_path / "work"
    mine = article(work / "mine", id="Harga naik 80.000 rupiah.", en="Prices  rose 80.000 rupiah.")
    monkeypatch.chdir(work)
    code, _, stderr = check(empty, str(article(tmp_path / "in" / "a")), "--fix", "--out", str(tmp_path / "out"))
    assert code == 2 and stderr == f"mtcheck: {empty!r}: an empty path (an unset variable?): name an article " \
                                   "folder or file\n", stderr
    assert (mine / "en.txt").read_text(encoding="utf-8") == "Prices  rose 80.000 rupiah."
    assert [a["id"] for a in results(tmp_path / "out")["articles"]] == ["a"]


@pytest.mark.parametrize("command", ["check", "cache"])
def test_a_cache_folder_of_a_home_that_does_not_exist_is_one_line(tmp_path: Path, command: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``--cache-dir '~nosuchuser/x'`` (or the same $MTCHECK_CACHE_DIR) was a RuntimeError traceback ("Could not
    determine home directory"): the flag is one line, exit 2; the variable is one warning and no cache."""
    args = [str(article(tmp_path / "in" / "a")), "--encoder", "none", "-q", "--no-reports"] if command == "check" else []
    code, _, stderr = cli(command, *args, "--cache-dir", "~nosuchuser-rh4/x")
    assert code == 2 and one_line(stderr) and "--cache-dir '~nosuchuser-rh4/x': no such home folder" in stderr, stderr
    if command == "check":
        monkeypatch.setenv("MTCHECK_CACHE_DIR", "~nosuchuser-rh4/x")
        monkeypatch.chdir(tmp_path)
        code, _, stderr = cli(command, *args)
        assert code == 0 and one_line(stderr) and "no such home folder" in stderr, stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("rules",), ("explain", "NUM001"), ("config",)])
def test_a_pipe_closed_by_its_reader_is_one_line_not_the_findings_code(args: tuple[str, ...]) -> None:
    """``mtcheck --help | head -c1``: rich's broken-pipe handler (the help) and click's (rules, explain, config)
    exited 1, mtcheck's "findings" code, without a word; check said "cannot write", exit 2."""
    import subprocess
    import sys

    import mtcheck

    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written: every write is EPIPE
    env = {**os.environ, "PYTHONPATH": str(Path(mtcheck.__file__).parent.parent)}
    try:
        done = subprocess.run([sys.executable, "-m", "mtcheck", *args], stdout=write, stderr=subprocess.PIPE,
                              timeout=60, check=False, env=env)
    finally:
        os.close(write)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and stderr == "mtcheck: error: standard output: cannot write (Broken pipe)\n", stderr
