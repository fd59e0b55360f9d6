"""mtcheck inside a Dask program you already run: check a ``dask.bag`` of articles, write the results as shards.

    import dask.bag as db
    from distributed import Client
    from mtcheck.config import load_config
    from mtcheck.distributed import check_bag, write_shards

    client = Client("tcp://scheduler:8786")
    config, _ = load_config(Path.cwd(), None, {}, isolated=False)
    lines = db.read_text("s3://archive/2019/*.jsonl", include_path=True)
    results = check_bag(lines, config)                      # a bag of result dicts, lazily
    document = write_shards(results, "s3://reports/2019")   # results-00000.jsonl ... and summary.json

A bag's items may be JSONL lines (``str``, parsed exactly as ``mtcheck check`` parses a .jsonl file),
``(line, path)`` pairs (``db.read_text(..., include_path=True)``: errors then name the file) or article
objects (``dict``: ``{"id", "source_lang", "texts"}``). Each item becomes a results-v1 article dict, or
``{"input_error": {"path", "message"}}`` for an item that is not an article (and for an article whose check
crashed). Every partition is checked in chunks by ``check_chunk``, as ``mtcheck check`` checks them, with
the worker's own caches (``$MTCHECK_CACHE_DIR`` on the worker). Article ids are not compared across
partitions: give each article a unique id.

May import run, reporters and below; the command line does not import it (beside cli, at the top).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from mtcheck.config import Config
from mtcheck.model import Article, InputError
from mtcheck.results.document import SummaryAccumulator, document_header
from mtcheck.run.chunk import INTERNAL_ERROR, KEPT, check_chunk
from mtcheck.run.pipeline import CHUNK

INPUT_ERROR = "input_error"  # the key of an item that is not an article's result


def _article(item: Any, where: str, source_lang: str) -> Article | InputError | None:
    from mtcheck.readers.common import displayable
    from mtcheck.readers.jsonl import article_from_object, parse_line

    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        item, where = item[0], f"{item[1]} ({where})"
    parsed = parse_line(item, where, source_lang) if isinstance(item, str) else \
        article_from_object(item, where, source_lang)
    return None if parsed is None else displayable(parsed)


def _config(config: Any) -> Config:
    """``config`` if it is one (a wrong one was an AttributeError deep in a worker's partition)."""
    if not isinstance(config, Config):
        raise TypeError(f"config must be an mtcheck.config.Config (load_config), not {type(config).__name__}")
    return config


def check_items(items: Iterable[Any], config: Config, partition: int = 0) -> Iterator[dict[str, Any]]:
    """The results of one partition's items, in order (what ``check_bag`` runs on each partition)."""
    _config(config)
    numbered = enumerate(items, 1)
    while batch := list(islice(numbered, CHUNK)):
        parsed = [_article(item, f"partition {partition}, item {n}", config.source_lang) for n, item in batch]
        articles = [p for p in parsed if isinstance(p, Article)]
        checked = iter(check_chunk(articles, config) if articles else [])
        for item in parsed:
            if isinstance(item, InputError):
                yield {INPUT_ERROR: {"path": item.path, "message": item.message}}
            elif item is not None:
                result = next(checked)
                result.pop(KEPT, None)
                yield {INPUT_ERROR: result[INTERNAL_ERROR]} if INTERNAL_ERROR in result else result


def check_bag(bag: Any, config: Config) -> Any:
    """A bag of result dicts, one per item of ``bag`` (JSONL lines, (line, path) pairs or article dicts),
    partition for partition: nothing is computed until the bag is."""
    import dask.bag as db
    from dask import delayed

    _config(config)
    parts = [delayed(_check_list)(part, config, i) for i, part in enumerate(bag.to_delayed())]
    return db.from_delayed(parts)


def _check_list(items: Iterable[Any], config: Config, partition: int) -> list[dict[str, Any]]:
    return list(check_items(items, config, partition))


def _write_partition(results: Iterable[dict[str, Any]], url: str, name: str) -> tuple[SummaryAccumulator, list[Any]]:
    """One shard written by the worker that holds the partition; its summary and input errors go back."""

    from mtcheck.reporters.shards import article_line

    summary, errors = SummaryAccumulator(), []
    with _shard_file(url, name) as out:
        for result in results:
            if INPUT_ERROR in result:
                errors.append(result[INPUT_ERROR])
                continue
            summary.add(result)
            out.write(article_line(result))
    return summary, errors


def write_shards(results: Any, url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write a bag of results (``check_bag``) to ``url`` (a folder, local or any fsspec URL): one
    ``results-NNNNN.jsonl`` per partition, written on the workers, then ``summary.json`` from their merged
    summaries (``mtcheck report`` reads the folder). Returns the summary document (without ``shards``).
    A local folder is written as ``mtcheck check --out`` writes its own: a link or pipe of a shard's name is
    replaced, never followed nor opened. An empty ``url`` (an unset variable) is a ValueError: it named the
    root folder."""
    import dask

    from mtcheck.reporters.shards import SUMMARY, render_summary, shard_name

    _folder(url)
    parts = results.to_delayed()
    names = [shard_name(i) for i in range(len(parts))]
    written = dask.compute(*[dask.delayed(_write_partition)(p, url, n) for p, n in zip(parts, names)])
    summary, errors = SummaryAccumulator(), []
    for part_summary, part_errors in written:
        summary.merge(part_summary)
        errors += part_errors
    document = {**document_header(options), "input_errors": errors, "summary": summary.result(errors)}
    with _shard_file(url, SUMMARY) as out:
        out.write(render_summary(document, names))
    return document


def _folder(url: Any) -> str:
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"write_shards: the folder {url!r} is empty (an unset variable?): name a folder or URL")
    return url


@contextmanager
def _shard_file(url: str, name: str) -> Iterator[Any]:
    """The file ``name`` in the folder ``url``, open for writing. Through fsspec a link named summary.json in a
    local folder was followed (the summary replaced the file it named, outside the folder); a local folder is
    now written whole-or-not-at-all by ``AtomicOutput`` as mtcheck's own folder."""
    import fsspec
    from fsspec.core import url_to_fs
    from fsspec.implementations.local import LocalFileSystem

    from mtcheck.store.output import AtomicOutput

    fs, path = url_to_fs(_folder(url))
    if not isinstance(fs, LocalFileSystem):
        with fsspec.open(f"{url.rstrip('/')}/{name}", "w", encoding="utf-8", newline="\n", auto_mkdir=True) as out:
            yield out
        return
    local = AtomicOutput(Path(path) / name, own_folder=True)
    try:
        yield local
        local.commit()
    except BaseException:
        local.abort()
        raise
