"""Throughput and memory of ``--scheduler local:2`` against ``--jobs 2`` and a serial run, and the inputs of
the scale-out model in docs/cluster.md (measured, never asserted in tests).

The input is the ntrex-dev articles repeated to N articles (ids ``<folder>~<k>``) in one JSONL file.
Each run is ``mtcheck check FILE --no-cache --no-html -q --out TMP`` in a fresh process, in-process
in a small wrapper that samples the peak RSS (VmHWM) of itself (the client; with ``local:N`` it also
hosts the Dask scheduler) and of every process below it (``--jobs`` workers, Dask nannies and workers).
--no-cache: a kept result would make every repeat free. The machine is shared: besides the wall time, the
CPU time of the client and of every process below it (reaped: ``RUSAGE_CHILDREN``) is given, which a
loaded machine changes much less. The copies of an article repeat its paragraphs,
so the in-process text caches (``text.caching``) make them cheaper than distinct articles: the same for
every mode; the rate on the 62 distinct articles is given beside (``--distinct``).

Also measured: Dask's overhead per task on ``local:2`` (no-op tasks), the cost of starting a LocalCluster,
and the client's cost per article result (unpickle a result, write its shard line, add it to the summary).

Usage: python bench/bench_dask.py [--n 1000] [--repeats 3] [--encoder none] [--modes serial,jobs,dask]
       [--data ../shared/data/ntrex-dev] [--overhead] [--distinct] [--shards]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
MODES = {"serial": ["--jobs", "1"], "jobs": ["--jobs", "2"], "dask": ["--scheduler", "local:2"]}


def make_batch(data: Path, n: int, path: Path) -> None:
    folders = sorted(p for p in data.iterdir() if (p / "id.txt").is_file())
    lines = []
    for folder in folders:
        texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
        lines.append({"id": folder.name, "texts": texts})
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            article = lines[i % len(lines)]
            out.write(json.dumps({**article, "id": f"{article['id']}~{i // len(lines)}"}, ensure_ascii=False) + "\n")


def child(args: list[str]) -> None:
    """Run the CLI here, sampling the peak RSS of this process and of its descendants."""
    import psutil

    peaks: dict[int, tuple[str, int]] = {}
    stop = threading.Event()
    me = psutil.Process()

    def sample() -> None:
        while not stop.wait(0.2):
            for proc in me.children(recursive=True):
                try:
                    with open(f"/proc/{proc.pid}/status", encoding="ascii") as status:
                        hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
                    peaks[proc.pid] = (" ".join(proc.cmdline()[1:3])[:60], max(hwm, peaks.get(proc.pid, ("", 0))[1]))
                except (OSError, psutil.Error, StopIteration):
                    pass

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    from mtcheck.cli import main

    sys.argv = ["mtcheck", *args]
    started = time.perf_counter()
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    wall = time.perf_counter() - started
    stop.set()
    thread.join()
    import resource

    me_usage, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me_usage.ru_utime + me_usage.ru_stime + children.ru_utime + children.ru_stime  # workers were reaped
    client = me_usage.ru_maxrss  # KB
    workers = sorted((hwm for _, hwm in peaks.values() if hwm > 50 * 1024), reverse=True)  # not resource trackers
    print(json.dumps({"wall": wall, "cpu": cpu, "code": code, "client_mb": client / 1024,
                      "workers_mb": [w / 1024 for w in workers]}))


def run_mode(mode: str, batch: Path, encoder: str, out: Path, shards: bool = False) -> dict[str, object]:
    args = ["check", str(batch), "--encoder", encoder, "--no-cache", "--no-html", "-q", "--out", str(out),
            *MODES[mode], *(["--out-format", "jsonl-shards"] if shards else [])]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env,
                          check=False)
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
    except (IndexError, json.JSONDecodeError):
        raise SystemExit(f"{mode}: no result\n{done.stderr[-2000:]}") from None


def task_overhead(tasks: int = 2000) -> dict[str, float]:
    """Seconds per no-op task on a LocalCluster of 2 workers (the scheduler's and the transport's cost) and
    the cluster's start-up time."""
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        start_up = time.perf_counter() - started
        client.gather(client.map(abs, range(100)))  # warm
        per_task, cpu_per_task = [], []
        for _ in range(3):
            t, cpu = time.perf_counter(), time.process_time()  # this process hosts the scheduler and the client
            client.gather(client.map(abs, range(tasks), pure=False))
            per_task.append((time.perf_counter() - t) / tasks)
            cpu_per_task.append((time.process_time() - cpu) / tasks)
    return {"start_up_s": start_up, "per_task_ms": 1000 * statistics.median(per_task),
            "scheduler_and_client_cpu_ms_per_task": 1000 * statistics.median(cpu_per_task)}


def client_cost(batch: Path, encoder: str) -> dict[str, float]:
    """CPU milliseconds of client work per article: read it from JSONL and pickle it (to send it), unpickle
    its result, write its shard line, add it to the summary (what the client of ``--scheduler`` does per
    article besides waiting)."""
    import pickle

    from mtcheck.config import Config
    from mtcheck.reporters.shards import article_line
    from mtcheck.results.document import SummaryAccumulator
    from mtcheck.run.pipeline import iter_articles, run_check
    from mtcheck.store.diskcache import use

    use(None)
    articles = run_check([str(batch)], Config(encoder=encoder))["articles"]
    blobs = [pickle.dumps(a) for a in articles]
    summary = SummaryAccumulator()
    t = time.process_time()  # CPU time: the machine is shared
    for _ in range(5):
        for item in iter_articles([str(batch)], "id"):  # read, and pickled to go to a worker
            pickle.dumps(item)
        for blob in blobs:
            article = pickle.loads(blob)
            article_line(article)
            summary.add(article)
    return {"client_cpu_ms_per_article": 1000 * (time.process_time() - t) / (5 * len(blobs)),
            "result_kb_per_article": statistics.mean(len(b) for b in blobs) / 1024}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--encoder", default="none")
    parser.add_argument("--modes", default="serial,jobs,dask", help="comma-separated; empty: none")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--overhead", action="store_true", help="Dask's per-task overhead and start-up")
    parser.add_argument("--distinct", action="store_true", help="serial rate and client cost on the 62 articles")
    parser.add_argument("--shards", action="store_true", help="--out-format jsonl-shards (the archive's output)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        if opts.overhead:
            print(json.dumps(task_overhead()), flush=True)
        if opts.distinct:
            batch = Path(tmp) / "distinct.jsonl"
            make_batch(opts.data, 62, batch)
            print(json.dumps(client_cost(batch, opts.encoder)), flush=True)
        batch = Path(tmp) / "batch.jsonl"
        make_batch(opts.data, opts.n, batch)
        for mode in filter(None, opts.modes.split(",")):
            runs = [run_mode(mode, batch, opts.encoder, Path(tmp) / "out", opts.shards) for _ in range(opts.repeats)]
            walls = [float(r["wall"]) for r in runs]  # type: ignore[arg-type]
            wall = statistics.median(walls)
            cpu = statistics.median(float(r["cpu"]) for r in runs)  # type: ignore[arg-type]
            print(json.dumps({
                "mode": mode, "encoder": opts.encoder, "articles": opts.n, "shards": opts.shards, "walls_s": [round(w, 1) for w in walls],
                "articles_per_s": round(opts.n / wall, 2), "cpu_s": round(cpu, 1),
                "articles_per_cpu_s": round(opts.n / cpu, 2), "exit": runs[0]["code"],
                "client_mb": round(statistics.median(float(r["client_mb"]) for r in runs), 1),  # type: ignore[arg-type]
                "workers_mb": [round(w, 1) for w in runs[walls.index(wall)]["workers_mb"]],  # type: ignore[attr-defined]
            }), flush=True)


if __name__ == "__main__":
    main()
