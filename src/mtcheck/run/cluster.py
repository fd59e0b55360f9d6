"""``--scheduler``: the chunks of a batch checked on a Dask cluster, results in input order.

``--scheduler tcp://host:8786`` connects to a running cluster (``dask scheduler`` / ``dask worker``);
``--scheduler local:N`` starts a ``LocalCluster`` of N worker processes here and stops it at the end. Each
chunk is one Dask task running ``check_chunk``, exactly as a ``--jobs`` worker runs it, so the results
are those of a serial run; at most ``2 x`` the cluster's threads chunks are in flight, so a long input is
never read ahead and the client's memory stays flat.

A worker that dies (out of memory, a crash in a C extension, a lost machine) costs only the chunks it was
running: Dask's scheduler runs them again on another worker, up to its ``allowed-failures`` (set to 1 for
a local cluster: one retry; a remote cluster keeps its own setting, 3 by default). A chunk that still
kills its workers ends in ``KilledWorker``; its articles are then checked one task each, and an article
whose own task kills its workers becomes an internal error naming it, as with ``--jobs``.

Each worker keeps its caches on its own disk: the client's ``--cache-dir`` (or ``$MTCHECK_CACHE_DIR``)
names the folder on every worker; without either, each worker uses its own default folder (its own
``$MTCHECK_CACHE_DIR``, else its ``~/.cache/mtcheck``); ``--no-cache`` turns them off everywhere.
Dask is imported only here, only when ``--scheduler`` is given.
"""
from __future__ import annotations

import logging
import os
import re
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mtcheck.config import Config
from mtcheck.model import Article
from mtcheck.run.chunk import check_chunk, internal_error

Results = list[dict[str, Any]]
LOCAL = re.compile(r"local(?::(\d+))?")
WORKER_DEFAULT = "worker-default"  # the cache folder each worker would choose by itself
CONNECT_TIMEOUT = "30s"  # to reach the scheduler, and for the first worker to join it
INSTALL = "pip install 'mtcheck[dask]'"


class ClusterError(Exception):
    """The cluster cannot be used (one line: what, where, why)."""


def local_workers(spec: str) -> int | None:
    """N for ``local:N`` (``local`` alone: one per CPU), None for a scheduler's address; ValueError for
    neither."""
    match = LOCAL.fullmatch(spec.strip())
    if match:
        count = int(match.group(1)) if match.group(1) else os.cpu_count() or 1
        if count < 1:
            raise ValueError(f"--scheduler {spec!r}: local needs at least one worker")
        return count
    if "://" not in spec and not re.fullmatch(r"[\w.-]+:\d+", spec.strip()):
        raise ValueError(f"--scheduler {spec!r}: expected a scheduler address (tcp://host:8786) or local:N")
    return None


def worker_cache(local: bool) -> Path | str | None:
    """The cache folder to name on the workers: this process's choice on a local cluster; on a remote one
    the same, unless it is only this machine's default (then each worker's own default)."""
    from mtcheck.store.diskcache import chosen, default_dir

    folder = chosen()
    if folder is None or local or folder != default_dir():
        return folder
    return WORKER_DEFAULT


def check_on_worker(chunk: list[Article], config: Config, cache: Path | str | None) -> Results:
    """One task: ``check_chunk`` with the worker's cache folder chosen (``worker_cache``)."""
    from mtcheck.store.diskcache import default_dir, use

    use(default_dir() if cache == WORKER_DEFAULT else cache)  # type: ignore[arg-type]
    return check_chunk(chunk, config)


class Cluster:
    """A Dask client (and the ``LocalCluster`` it started, if any) that checks chunks."""

    def __init__(self, client: Any, local: Any = None) -> None:
        self.client, self.local = client, local
        self.cache = worker_cache(local is not None)

    @property
    def threads(self) -> int:
        """Tasks the cluster runs at once (its workers' threads), at least 1."""
        return max(1, sum(self.client.nthreads().values()))

    def _submit(self, articles: list[Article], config: Config) -> Any:
        # The articles go to the cluster as scattered data, not inside the task: a task's arguments were kept
        # by the client and the scheduler after its result was read (about 220 KB per chunk of 8 articles,
        # 270 MB more at 10,000 articles; bench/RESULTS.md, "Dask memory"); scattered data is released with
        # the task. Data lost with its worker is sent again (``_first``).
        for attempt in range(3):
            try:
                data = self.client.scatter(articles, hash=False)
                break
            except OSError:  # the worker chosen died while the articles were sent: another is chosen
                if attempt == 2:
                    raise
        return self.client.submit(check_on_worker, data, config, self.cache, pure=False)

    def checked(self, chunks: Iterator[list[Article]], config: Config) -> Iterator[Results]:
        """Each chunk's article dicts, in input order, at most twice the cluster's threads chunks in flight."""
        pending: deque[tuple[list[Article], Any]] = deque()
        limit = 2 * self.threads
        try:
            for chunk in chunks:
                pending.append((chunk, self._submit(chunk, config)))
                if len(pending) >= limit:
                    yield self._first(pending, config)
            while pending:
                yield self._first(pending, config)
        except BaseException:  # Ctrl-C, SIGTERM, the consumer stopped: nothing is left running for us
            self.client.cancel([future for _, future in pending])
            raise

    def _first(self, pending: deque[tuple[list[Article], Any]], config: Config) -> Results:
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError as CancelledError

        chunk, future = pending[0]
        try:
            results: Results = future.result()
        except (KilledWorker, CancelledError):  # its worker died, with the task or with the articles sent
            results = self._one_by_one(chunk, config)
        pending.popleft()
        future.release()
        return results

    def _one_by_one(self, chunk: list[Article], config: Config) -> Results:
        """A chunk whose workers died, an article a task, each waited for: a chunk that was only running
        beside the one that kills (on the same worker) is checked as usual, and only the article that
        kills its workers again is lost."""
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError as CancelledError

        out: Results = []
        for article in chunk:
            future = self._submit([article], config)
            try:
                out.extend(future.result())
            except (KilledWorker, CancelledError):
                out.append(internal_error(article, "its worker process died on the cluster, every time it was "
                                                   "tried (out of memory, or a crash?)"))
            future.release()
        return out

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()


@contextmanager
def open_cluster(spec: str | None) -> Iterator[Cluster | None]:
    """The cluster ``--scheduler`` names (None: no cluster), closed at the end; ClusterError if it cannot
    be reached or Dask is not installed."""
    if spec is None:
        yield None
        return
    try:
        workers = local_workers(spec)
    except ValueError as exc:
        raise ClusterError(str(exc)) from None
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(f"--scheduler needs Dask ({INSTALL})") from None
    cluster = _start(dask, Client, LocalCluster, spec, workers)
    try:
        yield cluster
    finally:
        cluster.close()


def _check_address(spec: str) -> None:
    """An address Dask cannot parse is refused before a ``Client`` is built: a half-built one's ``__del__``
    waits 60 s for a connection that never was and prints a traceback."""
    from distributed.comm.addressing import get_address_host_port, normalize_address

    try:
        _, port = get_address_host_port(normalize_address(spec.strip()))
    except (ValueError, TypeError) as exc:
        raise ClusterError(f"--scheduler {spec}: not a scheduler address ({exc})") from None
    if not 0 < port < 65536:
        raise ClusterError(f"--scheduler {spec}: not a scheduler address (port {port} out of range)")


def _start(dask: Any, client_class: Any, local_class: Any, spec: str, workers: int | None) -> Cluster:
    if workers is not None:
        # a dead worker's chunk: one retry; no statistical profiler in the workers (its history grew each
        # worker by about 30 MB a minute for an hour: bench/RESULTS.md, "Dask memory")
        with dask.config.set({"distributed.scheduler.allowed-failures": 1, "distributed.worker.profile.enabled": False}):
            local = local_class(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                                silence_logs=logging.CRITICAL)  # a worker's death is reported per article
        client = client_class(local, set_as_default=False)
        from mtcheck.run.cluster_plugin import IgnoreInterrupt

        client.register_plugin(IgnoreInterrupt())
        return Cluster(client, local)
    _check_address(spec)
    try:
        client = client_class(spec.strip(), timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, OverflowError) as exc:
        raise ClusterError(f"--scheduler {spec}: cannot connect ({exc})") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise ClusterError(f"--scheduler {spec}: no worker joined the scheduler within {CONNECT_TIMEOUT} "
                           f"({type(exc).__name__})") from None
    return Cluster(client)
