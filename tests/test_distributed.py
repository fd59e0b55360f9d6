"""``--scheduler`` (Dask), ``--out-format jsonl-shards``, ``mtcheck.distributed`` and URL inputs.

A run on a Dask cluster writes exactly what a serial run writes; a worker that dies costs only its chunk
(retried), an article that kills its workers again becomes an input error; shards read back to the same
articles and summary as one results.json. The clusters are real: two worker processes on this machine.
"""
from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster, WorkerPlugin
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.config import Config
from mtcheck.results.document import SummaryAccumulator, summarise

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_IDS = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir())


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["check", *args, "--encoder", "none", "-q"], catch_exceptions=False)


def sample_lines(ids: list[str] | None = None) -> list[str]:
    """The samples as JSONL lines; ``ids`` renames them (a copy of the first sample per id)."""
    lines = []
    for i, folder in enumerate(sorted(p for p in SAMPLES.iterdir() if p.is_dir())):
        texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
        lines.append(json.dumps({"id": folder.name, "texts": texts}, ensure_ascii=False))
    for extra in ids or []:
        lines.append(json.dumps({**json.loads(lines[0]), "id": extra}, ensure_ascii=False))
    return lines


def without_paths(article: dict[str, Any]) -> dict[str, Any]:
    return {**article, "source": {**article["source"], "path": None},
            "versions": [{**v, "path": None} for v in article["versions"]]}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    """Two worker processes, one thread each; a dead worker's task is retried once (as ``local:N`` sets)."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(local, set_as_default=False)
    yield client
    client.close()
    local.close()


class KillOn(WorkerPlugin):
    """Kills the worker (SIGKILL, as the out-of-memory killer does) when it starts a task that checks the
    article ``article_id``: every time, or only the first time if ``marker`` names a file to create."""

    def __init__(self, article_id: str, marker: str | None = None, name: str = "kill-on") -> None:
        self.article_id, self.marker, self.name = article_id, marker, name

    def setup(self, worker: Any) -> None:
        self.worker = worker

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish != "executing":
            return
        task = self.worker.state.tasks[key]  # the articles are scattered data: the task's dependencies
        articles = [self.worker.data[dep.key] for dep in task.dependencies if dep.key in self.worker.data]
        if not any(getattr(a, "id", None) == self.article_id for a in articles):
            return
        if self.marker is not None:
            if os.path.exists(self.marker):
                return
            Path(self.marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture
def killer(cluster: Client) -> Iterator[Any]:
    names: list[str] = []

    def register(plugin: KillOn) -> None:
        cluster.register_plugin(plugin)
        names.append(plugin.name)

    yield register
    for name in names:
        cluster.unregister_worker_plugin(name)


def address(client: Client) -> str:
    return str(client.scheduler.address)


def test_local_cluster_writes_the_results_of_a_serial_run(tmp_path: Path) -> None:
    serial = run(str(SAMPLES), "--out", str(tmp_path / "serial"), "--no-html")
    parallel = run(str(SAMPLES), "--out", str(tmp_path / "dask"), "--no-html", "--scheduler", "local:2")
    assert parallel.exit_code == serial.exit_code == 1  # the samples hold major findings
    assert parallel.stdout == serial.stdout
    document = (tmp_path / "dask" / "results.json").read_bytes()
    assert document == (tmp_path / "serial" / "results.json").read_bytes()
    assert [a["id"] for a in json.loads(document)["articles"]] == SAMPLE_IDS


def test_a_dead_worker_costs_a_retry_and_an_article_that_kills_again_is_an_input_error(
        tmp_path: Path, cluster: Client, killer: Any) -> None:
    """One run, two deaths: the worker checking the second sample is killed once (its chunk is retried and
    checked as usual); the article 'poison' kills every worker that checks it (it alone is an error)."""
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(sample_lines(["poison"])) + "\n", encoding="utf-8")
    clean = tmp_path / "clean.jsonl"
    clean.write_text("\n".join(sample_lines()) + "\n", encoding="utf-8")
    marker = tmp_path / "killed-once"
    killer(KillOn(SAMPLE_IDS[1], str(marker)))
    killer(KillOn("poison", name="kill-poison"))
    run(str(clean), "--out", str(tmp_path / "serial"), "--no-html", "--no-cache")
    result = run(str(batch), "--out", str(tmp_path / "dask"), "--no-html", "--no-cache",
                 "--scheduler", address(cluster))
    assert marker.exists(), "the worker was not killed: the test proves nothing"
    assert result.exit_code == 1  # the samples' findings
    assert result.stderr == (f"mtcheck: {batch}:5: internal error while checking: its worker process died on the "
                             "cluster, every time it was tried (out of memory, or a crash?)\n")
    document = json.loads((tmp_path / "dask" / "results.json").read_text(encoding="utf-8"))
    expected = json.loads((tmp_path / "serial" / "results.json").read_text(encoding="utf-8"))
    assert [without_paths(a) for a in document["articles"]] == [without_paths(a) for a in expected["articles"]]
    assert document["summary"] == {**expected["summary"], "input_errors": 1}
    assert [e["path"] for e in document["input_errors"]] == [f"{batch}:5"]


def test_bad_input_is_an_input_error_as_in_a_serial_run(tmp_path: Path, cluster: Client) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = sample_lines()[:1] + ['{"id": "x", "texts": {"id": "Halo."}}', "{not json"]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = run(str(batch), "--out", str(tmp_path / "serial"), "--no-html")
    result = run(str(batch), "--out", str(tmp_path / "dask"), "--no-html", "--scheduler", address(cluster))
    assert result.stderr == serial.stderr
    assert result.stderr.splitlines()[0] == f"mtcheck: {batch}:2: only the source is present: no translation to check"
    assert (tmp_path / "dask" / "results.json").read_bytes() == (tmp_path / "serial" / "results.json").read_bytes()


def test_shards_hold_the_articles_and_summary_of_one_results_file(tmp_path: Path, cluster: Client,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.reporters import shards

    monkeypatch.setattr(shards, "SHARD_ARTICLES", 3)  # 4 samples: two shards
    run(str(SAMPLES), "--out", str(tmp_path / "one"), "--no-html")
    result = run(str(SAMPLES), "--out", str(tmp_path / "sharded"), "--no-html", "--out-format", "jsonl-shards",
                 "--scheduler", address(cluster))
    assert result.exit_code == 1
    one = json.loads((tmp_path / "one" / "results.json").read_text(encoding="utf-8"))
    summary = json.loads((tmp_path / "sharded" / "summary.json").read_text(encoding="utf-8"))
    assert summary["shards"] == ["results-00000.jsonl", "results-00001.jsonl"]
    assert sorted(p.name for p in (tmp_path / "sharded").iterdir()) == [*summary["shards"], "summary.json"]
    lines = [json.loads(line) for name in summary["shards"]
             for line in (tmp_path / "sharded" / name).read_text(encoding="utf-8").splitlines()]
    assert lines == one["articles"]
    assert {k: v for k, v in summary.items() if k != "shards"} == {**one, "articles": []}


def test_a_shorter_run_removes_the_shards_of_a_longer_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.reporters import shards

    monkeypatch.setattr(shards, "SHARD_ARTICLES", 1)
    run(str(SAMPLES), "--out", str(tmp_path), "--no-html", "--out-format", "jsonl-shards")
    run(str(SAMPLES / SAMPLE_IDS[0]), "--out", str(tmp_path), "--no-html", "--out-format", "jsonl-shards")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results-00000.jsonl", "summary.json"]


def test_report_builds_the_dashboard_from_shards_worst_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.reporters import shards

    monkeypatch.setattr(shards, "SHARD_ARTICLES", 2)
    run(str(SAMPLES), "--out", str(tmp_path / "sharded"), "--no-html", "--out-format", "jsonl-shards")
    run(str(SAMPLES), "--out", str(tmp_path / "direct"))
    result = CliRunner().invoke(app, ["report", str(tmp_path / "sharded"), "--out", str(tmp_path / "html")])
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (tmp_path / "html").iterdir())
    assert made == sorted(p.name for p in (tmp_path / "direct").iterdir() if p.suffix == ".html")
    assert (tmp_path / "html" / "index.html").read_text(encoding="utf-8") == \
        (tmp_path / "direct" / "index.html").read_text(encoding="utf-8")


def test_report_on_shards_without_article_pages_writes_the_dashboard_alone(tmp_path: Path) -> None:
    run(str(SAMPLES), "--out", str(tmp_path / "sharded"), "--no-html", "--out-format", "jsonl-shards")
    result = CliRunner().invoke(app, ["report", str(tmp_path / "sharded" / "summary.json"), "--out",
                                      str(tmp_path / "html"), "--no-article-pages"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "html").iterdir()] == ["index.html"]
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert all(f"<bdi>{name}</bdi>" in page for name in SAMPLE_IDS)
    assert ".html" not in re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL)  # no link to a page


@pytest.mark.parametrize(("damage", "message"), [
    (lambda text: re.sub(r'"score":[0-9.]+', '"score":"high"', text, count=1), "results-00000.jsonl:1: not a valid"),
    (lambda text: text + "{cut", "results-00000.jsonl:5: cannot read results (not valid JSON"),
    (lambda text: text.encode("utf-8") + b"\xff\n", "results-00000.jsonl:5: cannot read results ("),
])
def test_report_refuses_a_damaged_shard_in_one_line(tmp_path: Path, damage: Any, message: str) -> None:
    run(str(SAMPLES), "--out", str(tmp_path / "sharded"), "--no-html", "--out-format", "jsonl-shards")
    shard = tmp_path / "sharded" / "results-00000.jsonl"
    damaged = damage(shard.read_text(encoding="utf-8"))
    shard.write_bytes(damaged if isinstance(damaged, bytes) else damaged.encode("utf-8"))
    result = CliRunner().invoke(app, ["report", str(tmp_path / "sharded"), "--out", str(tmp_path / "html")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mtcheck: error: {tmp_path / 'sharded'}/") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "html").exists() or not any((tmp_path / "html").glob("*.html"))


def test_check_bag_and_write_shards_give_the_summary_of_a_serial_run(tmp_path: Path, cluster: Client) -> None:
    import dask.bag as db

    from mtcheck.distributed import check_bag, write_shards
    from mtcheck.run.pipeline import run_check

    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([*sample_lines(), "[1, 2]"]) + "\n", encoding="utf-8")
    config = Config(encoder="none")
    serial = run_check([str(batch)], config)
    lines = db.read_text(batch.as_uri(), include_path=True).repartition(3)  # three partitions, three shards
    with cluster.as_current():
        document = write_shards(check_bag(lines, config), (tmp_path / "out").as_uri())
    assert document["summary"] == serial["summary"]
    assert document["input_errors"] == [{"path": f"{batch} (partition 2, item 2)", "message": "line is not a JSON object"}]
    assert serial["input_errors"][0]["message"] == "line is not a JSON object"
    written = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert written["shards"] == ["results-00000.jsonl", "results-00001.jsonl", "results-00002.jsonl"]
    articles = [json.loads(line) for name in written["shards"]
                for line in (tmp_path / "out" / name).read_text(encoding="utf-8").splitlines()]
    assert [without_paths(a) for a in articles] == [without_paths(a) for a in serial["articles"]]
    assert articles[0]["source"]["path"] == f"{batch} (partition 0, item 1)#id"  # a bag has no line numbers
    result = CliRunner().invoke(app, ["report", str(tmp_path / "out"), "--out", str(tmp_path / "html")])
    assert result.exit_code == 0 and (tmp_path / "html" / "index.html").is_file()


def test_check_bag_takes_article_objects() -> None:
    import dask
    import dask.bag as db

    from mtcheck.distributed import check_bag

    articles = [json.loads(line) for line in sample_lines()[:2]] + [{"id": "x", "texts": {"en": "Hello."}}]
    with dask.config.set(scheduler="synchronous"):
        results = check_bag(db.from_sequence(articles, npartitions=2), Config(encoder="none")).compute()
    assert [r.get("id") for r in results] == [*SAMPLE_IDS[:2], None]
    assert results[2] == {"input_error": {"path": "partition 1, item 1", "message": "no source text (id)"}}


def test_partition_summaries_merge_to_the_whole_summary() -> None:
    from mtcheck.run.pipeline import run_check

    articles = run_check([str(SAMPLES)], Config(encoder="none"))["articles"]
    parts = [SummaryAccumulator() for _ in range(3)]
    for i, article in enumerate(articles):
        parts[i % 3].add(article)
    merged = SummaryAccumulator()
    for part in parts:
        merged.merge(part)
    assert merged.result([]) == summarise(articles, [])
    assert merged.result([])["findings"] > 0


def test_urls_are_read_through_fsspec(tmp_path: Path) -> None:
    (tmp_path / "2019").mkdir()
    lines = sample_lines()
    (tmp_path / "2019" / "a.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    (tmp_path / "2019" / "b.jsonl").write_text("\n".join(lines[2:]) + "\n", encoding="utf-8")
    (tmp_path / "2019" / "notes.txt").write_text("not articles", encoding="utf-8")
    url = (tmp_path / "2019").as_uri()
    by_url = run(f"{url}/*.jsonl", "--out", str(tmp_path / "url"), "--no-html")
    local = run(str(tmp_path / "2019" / "a.jsonl"), str(tmp_path / "2019" / "b.jsonl"), "--out",
                str(tmp_path / "local"), "--no-html")
    assert by_url.exit_code == local.exit_code == 1
    url_doc = json.loads((tmp_path / "url" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in url_doc["articles"]] == SAMPLE_IDS
    assert url_doc["summary"] == json.loads((tmp_path / "local" / "results.json").read_text(encoding="utf-8"))["summary"]


@pytest.mark.parametrize(("path", "message"), [
    ("file:///nowhere/at/all/*.jsonl", "no file matches this URL"),
    ("{dir}/notes.txt", "only .jsonl files can be read from a URL"),
    ("nosuchprotocol://bucket/a.jsonl", "cannot read"),
])
def test_a_url_that_cannot_be_read_is_one_input_error(tmp_path: Path, path: str, message: str) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    url = path.format(dir=tmp_path.as_uri())
    result = run(url, str(SAMPLES / SAMPLE_IDS[0]), "--no-reports")
    assert result.exit_code == 1  # the sample's findings: the batch went on
    assert result.stderr.startswith(f"mtcheck: {url}: {message}") or message in result.stderr.splitlines()[0]
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(("spec", "workers"), [("local:3", 3), ("local", os.cpu_count() or 1),
                                               ("tcp://10.0.0.5:8786", None), ("scheduler:8786", None)])
def test_scheduler_names_a_local_cluster_or_an_address(spec: str, workers: int | None) -> None:
    from mtcheck.run.cluster import local_workers

    assert local_workers(spec) == workers


@pytest.mark.parametrize("spec", ["local:0", "local:two", "my cluster"])
def test_a_bad_scheduler_is_one_line_exit_2(spec: str, tmp_path: Path) -> None:
    result = run(str(SAMPLES), "--out", str(tmp_path), "--scheduler", spec)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mtcheck: error: --scheduler {spec!r}") and len(result.stderr.splitlines()) == 1
    assert not any(tmp_path.iterdir())


def test_an_unreachable_scheduler_is_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.run import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    result = run(str(SAMPLES), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("mtcheck: error: --scheduler tcp://127.0.0.1:9: cannot connect")
    assert len(result.stderr.splitlines()) == 1 and not any(tmp_path.iterdir())


def doc_blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "cluster.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def test_the_local_examples_of_the_cluster_page_run_as_written(tmp_path: Path) -> None:
    """docs/cluster.md: the LocalCluster shell example, then the mtcheck.distributed example, in a copy of
    the checkout's samples, with this interpreter first on PATH."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(SAMPLES, tmp_path / "samples")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    shell = next(block for block in doc_blocks("sh") if "local:2" in block)
    done = subprocess.run(["bash", "-c", shell], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr  # the last command's: report (check exits 1 on the samples' errors)
    assert "wrote reports/html/index.html" in done.stdout
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["html", "results-00000.jsonl", "summary.json"]
    summary = json.loads((tmp_path / "reports" / "summary.json").read_text(encoding="utf-8"))
    assert summary["summary"]["articles"] == len(SAMPLE_IDS) and summary["summary"]["findings"] > 0
    (python,) = doc_blocks("python")
    done = subprocess.run([sys.executable, "-c", python], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{summary['summary']['findings']} findings; 0 input errors\n"
    assert (tmp_path / "shards" / "summary.json").is_file()


def test_out_may_be_a_url_written_through_fsspec(tmp_path: Path) -> None:
    """--out memory://... (s3://... with s3fs): the reports are staged here and copied to the URL at the end;
    what arrives is what a local --out holds, and no staging folder is left behind."""
    import tempfile

    import fsspec

    memory = fsspec.filesystem("memory")
    staged_before = set(Path(tempfile.gettempdir()).glob("mtcheck-out-*"))
    remote = run(str(SAMPLES), "--out", "memory://mtcheck-test/checks")
    local = run(str(SAMPLES), "--out", str(tmp_path / "local"))
    assert remote.exit_code == local.exit_code == 1
    names = sorted(p.relative_to(tmp_path / "local").as_posix() for p in (tmp_path / "local").rglob("*") if p.is_file())
    try:
        arrived = {path.rpartition("/checks/")[2]: memory.cat_file(path) for path in memory.find("/mtcheck-test/checks")}
    finally:
        memory.rm("/mtcheck-test", recursive=True)
    assert sorted(arrived) == names == sorted(["index.html", "results.json", *(f"{i}.html" for i in SAMPLE_IDS)])
    documents = [json.loads(arrived["results.json"]), json.loads((tmp_path / "local" / "results.json").read_bytes())]
    assert documents[0]["summary"] == documents[1]["summary"]
    assert set(Path(tempfile.gettempdir()).glob("mtcheck-out-*")) == staged_before


@pytest.mark.parametrize(("url", "message"), [
    ("nosuchprotocol://bucket/reports", "cannot write to this URL"),
    ("memory://mtcheck-test/file-not-folder", "cannot write the reports"),
])
def test_an_out_url_that_cannot_be_written_is_one_line(url: str, message: str) -> None:
    import fsspec

    fsspec.filesystem("memory").pipe_file("/mtcheck-test/file-not-folder", b"a file")  # no folder can be made there
    try:
        result = run(str(SAMPLES / SAMPLE_IDS[0]), "--out", url)
    finally:
        fsspec.filesystem("memory").rm("/mtcheck-test", recursive=True)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [result.stderr.splitlines()[0]]
    assert url in result.stderr and message in result.stderr
