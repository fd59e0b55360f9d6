"""The batch job behind ``mtcheck check``: read inputs, check articles, hand each result on as it comes.

The batch is a stream, so memory does not grow with its size: readers yield articles lazily, articles
are checked in chunks of ``CHUNK`` (the encoder embeds a whole chunk's paragraphs in large batches first,
``encoders.prefetch``, then ``engine.check`` runs per article) and each finished article dict passes
through the *steps* (``--refs`` metrics, ``--write-baseline``, ``--baseline``) into the *sinks*
(results.json, HTML pages, ``--format`` output), then is dropped. The summary and the input errors
accumulate on the way. With ``jobs > 1`` the chunks go to worker processes, at most ``2 * jobs`` chunks
in flight; the chunking is the same either way and results come back in input order, so a parallel run
writes exactly what a serial run writes. With a ``cluster`` (``--scheduler``, ``run.cluster``) the same
chunks are tasks on a Dask cluster, results again in input order.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import asdict
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

from mtcheck.config import Config
from mtcheck.model import Article, InputError
from mtcheck.results.document import SummaryAccumulator, check_counts, check_spans, document_header
from mtcheck.run.chunk import INTERNAL_ERROR, KEPT, check_chunk
from mtcheck.run.interrupts import held_back, uninterrupted

CHUNK = 8  # articles per unit of work at most: enough for batched embedding; smaller to balance jobs

Progress = Callable[[int, "int | None"], None]  # (articles done, articles total if known)


class Step(Protocol):
    """Changes each article on its way to the sinks; ``finish`` completes the document (options, summary)."""
    failure: str  # message prefix when it cannot do its job (e.g. write its file)
    errors: list[InputError]  # input it could not use (a reference file); the pipeline reports and empties it

    def apply(self, article: dict[str, Any]) -> dict[str, Any]: ...
    def finish(self, document: dict[str, Any]) -> None: ...


class Sink(Protocol):
    """Writes each article as it comes; ``finish`` gets the document without its articles (options, input
    errors, summary); ``abort`` removes whatever is unfinished (safe after ``finish``)."""
    failure: str

    def add(self, article: dict[str, Any]) -> None: ...
    def finish(self, document: dict[str, Any]) -> Any: ...
    def abort(self) -> None: ...


class Cluster(Protocol):
    """Where chunks can be checked instead of this machine (``run.cluster.Cluster``)."""
    @property
    def threads(self) -> int: ...  # chunks it checks at once

    def checked(self, chunks: Iterator[list[Article]], config: Config) -> Iterator[list[dict[str, Any]]]: ...


class OutputError(Exception):
    """A step or sink could not write (one-line message: what, where, why)."""


def iter_articles(
    paths: list[str], source_lang: str, on_error: Callable[[InputError], None] = lambda e: None
) -> Iterator[Article | InputError]:
    """Every readable article (first of each id wins) and every input error, in input order, lazily.
    Only the ids seen so far are kept (to report duplicates)."""
    from mtcheck.readers import read_paths

    seen: dict[str, str] = {}
    for item in read_paths(paths, source_lang):
        if isinstance(item, Article) and item.id in seen:
            item = InputError(item.origin, f"duplicate article id {item.id!r} (first seen in {seen[item.id]})")
        if isinstance(item, InputError):
            on_error(item)
        else:
            seen[item.id] = item.origin
        yield item


def read_articles(
    paths: list[str], source_lang: str, on_error: Callable[[InputError], None] = lambda e: None
) -> tuple[list[Article], list[InputError]]:
    """Every readable article and every input error, in input order (all in memory)."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in iter_articles(paths, source_lang, on_error):
        (errors if isinstance(item, InputError) else articles).append(item)  # type: ignore[arg-type]
    return articles, errors


def _chunks(articles: Iterator[Article], jobs: int, guided: bool = True) -> Iterator[list[Article]]:
    """At most ``CHUNK`` articles; with workers, smaller as the batch ends (``guided``: at most a
    ``2 * jobs``-th of the articles read ahead, ``4 * jobs * CHUNK`` at most), so that the workers finish
    together: with chunks of 8, one worker often checked a whole last chunk alone while the other idled
    (an encoder's chunk of 8 articles takes seconds). The last chunks hold one article each. On a cluster
    (``guided=False``) the chunks stay as they were, at least four per thread: a worker killed there takes
    every article of its chunk down with it, and chunks of one keep an innocent article's risk the lowest.
    Results do not depend on the chunking: rules are pure and embeddings do not depend on the batch."""
    if jobs <= 1:
        while chunk := list(islice(articles, CHUNK)):
            yield chunk
        return
    ahead = deque(islice(articles, 4 * jobs * CHUNK))
    fixed = max(1, min(CHUNK, -(-len(ahead) // (4 * jobs))))
    while ahead:
        size = max(1, min(CHUNK, -(-len(ahead) // (2 * jobs)))) if guided else fixed
        yield [ahead.popleft() for _ in range(min(size, len(ahead)))]
        ahead.extend(islice(articles, 4 * jobs * CHUNK - len(ahead)))


def _checked_chunks(chunks: Iterator[list[Article]], config: Config, jobs: int,
                    cluster: Cluster | None = None) -> Iterator[list[dict[str, Any]]]:
    """Each chunk's article dicts, in input order; on the ``cluster`` if any, else with ``jobs > 1`` (and
    more than one chunk) in worker processes (``workers``)."""
    if cluster is not None:
        yield from cluster.checked(chunks, config)
        return
    first = list(islice(chunks, 2))
    if jobs <= 1 or len(first) <= 1:
        for chunk in chain(first, chunks):
            yield check_chunk(chunk, config)
        return
    from mtcheck.run.workers import checked_in_parallel

    yield from checked_in_parallel(chain(first, chunks), config, jobs)


def check_stream(
    articles: Iterable[Article], config: Config, jobs: int = 1, progress: Progress = lambda done, total: None,
    total: int | None = None, on_kept: Callable[[], None] = lambda: None, cluster: Cluster | None = None,
) -> Generator[dict[str, Any], None, None]:
    """Article dicts in input order, serially, in ``jobs`` worker processes or on a ``cluster``, as they are
    checked; ``on_kept`` is called for each result kept from an earlier run (not checked again)."""
    if cluster is not None:  # chunks sized for the cluster's threads
        jobs = cluster.threads
    elif jobs > 1:  # before the chunking: its read-ahead grows with the workers
        from mtcheck.run.workers import worker_count

        jobs = worker_count(jobs)
    done = 0
    progress(0, total)
    for output in _checked_chunks(_chunks(iter(articles), jobs, cluster is None), config, jobs, cluster):
        for result in output:
            if result.pop(KEPT, False):
                on_kept()
            yield result
        done += len(output)
        progress(done, total)


def check_articles(
    articles: list[Article], config: Config, jobs: int = 1, progress: Progress = lambda done, total: None
) -> list[dict[str, Any]]:
    """Article dicts in input order, serially or in ``jobs`` worker processes."""
    return list(check_stream(articles, config, jobs, progress, len(articles)))


def _guarded(failure: str, action: Callable[..., Any], *args: Any) -> Any:
    try:
        return action(*args)
    except OSError as exc:
        raise OutputError(f"{failure} ({exc.strerror or exc})") from None


def stream_check(
    items: Iterable[Article | InputError],
    config: Config,
    options: dict[str, Any] | None = None,
    steps: list[Step] | None = None,
    sinks: list[Sink] | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    jobs: int = 1,
    progress: Progress = lambda done, total: None,
    total: int | None = None,
    on_kept: Callable[[], None] = lambda: None,
    cluster: Cluster | None = None,
) -> dict[str, Any]:
    """Check ``items`` (articles and read errors, see ``iter_articles``) and pass every result through
    ``steps`` into ``sinks``; return the document without its articles (options, input errors, summary).
    On any exception (Ctrl-C included) every sink is aborted: no half-written report is left."""
    steps, sinks = steps or [], sinks or []
    read_errors: list[InputError] = []
    later_errors: list[InputError] = []
    summary = SummaryAccumulator()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                read_errors.append(item)
            else:
                yield item

    checked = check_stream(articles(), config, jobs, progress, total, on_kept, cluster)
    try:
        for article in checked:
            if INTERNAL_ERROR in article:
                error = InputError(**article[INTERNAL_ERROR])
                later_errors.append(error)
                on_error(error)
                continue
            for step in steps:
                article = _guarded(step.failure, step.apply, article)
                for error in step.errors:
                    later_errors.append(error)
                    on_error(error)
                step.errors.clear()
            summary.add(article)
            for sink in sinks:
                _guarded(sink.failure, sink.add, article)
        errors = [asdict(e) for e in read_errors + later_errors]
        document = {**document_header(options), "input_errors": errors, "summary": summary.result(errors)}
        with held_back():  # the baseline, results.json, the pages: a stop now would leave some new, some old
            for step in steps:
                _guarded(step.failure, step.finish, document)
            for sink in sinks:
                _guarded(sink.failure, sink.finish, document)
    except BaseException:
        with uninterrupted():  # a second Ctrl-C must not leave a temporary file behind
            checked.close()  # now, not when the traceback is freed: its worker processes are ended
            for sink in sinks:
                sink.abort()
        raise
    return document


class _Collect:
    """A sink that keeps every article: the whole document in memory, for library use and tests."""
    failure = "memory"

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []

    def add(self, article: dict[str, Any]) -> None:
        self.articles.append(article)

    def finish(self, document: dict[str, Any]) -> None:
        pass

    def abort(self) -> None:
        pass


def run_check(
    paths: list[str],
    config: Config,
    options: dict[str, Any] | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    jobs: int = 1,
    progress: Progress = lambda done, total: None,
    cluster: Cluster | None = None,
) -> dict[str, Any]:
    """The whole results document in memory (inputs read first, so progress knows the total)."""
    items = list(iter_articles(paths, config.source_lang, on_error))
    collect = _Collect()
    tail = stream_check(items, config, options, sinks=[collect], jobs=jobs, progress=progress,
                        total=sum(isinstance(i, Article) for i in items), cluster=cluster)
    return with_articles(tail, collect.articles)


def with_articles(tail: dict[str, Any], articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The document from its articles-free part and its articles, keys in results-v1 order."""
    head = {k: tail[k] for k in ("schema", "tool", "options")}
    return {**head, "articles": articles, **{k: v for k, v in tail.items() if k not in head}}


def write_reports(document: dict[str, Any], out: Path, html: bool = True, json_file: bool = True) -> None:
    """Write the reports of a document held in memory (``mtcheck report``; library use)."""
    from mtcheck.reporters.jsonfmt import render_json
    from mtcheck.store.output import make_folder, write_atomic

    make_folder(out)
    if json_file:
        write_atomic(out / "results.json", render_json(document), own_folder=True)
    if html:
        from mtcheck.reporters.html import write_html_reports

        write_html_reports(document, out)


def load_document(path: Path) -> dict[str, Any]:
    """Read and validate a results-v1 file (ValueError with a one-line reason otherwise). The whole file
    is parsed in memory (about 10 times its size): fine for tens of thousands of articles."""
    from mtcheck.schema import validate
    from mtcheck.store.userfile import RESULTS_BYTES, read_json

    try:
        document = read_json(path, RESULTS_BYTES)
    except ValueError as exc:
        raise ValueError(f"cannot read results ({exc})") from None

    validate(document)
    check_spans(document)
    check_counts(document)
    return document  # type: ignore[no-any-return]
