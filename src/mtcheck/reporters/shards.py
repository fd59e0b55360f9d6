"""``--out-format jsonl-shards``: the results of a batch too large for one results.json.

The report folder holds ``results-00000.jsonl``, ``results-00001.jsonl``, ... (one results-v1 article
object per line, ``SHARD_ARTICLES`` articles per file in input order; ``mtcheck.distributed`` writes one
file per partition) and ``summary.json``: the results-v1 document with an empty ``articles`` list (options,
input errors, the summary of every article) and ``"shards"``, the files' names in order. A reader sees
the same articles, in the same order, as in the results.json of the same run.

A run writes its shards into a hidden folder beside them and moves them in at the end, ``summary.json``
last, and removes the shards of an earlier, longer run: an interrupted run leaves the previous set whole.
``read_shards`` validates what it reads back as ``mtcheck report`` validates a results.json.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mtcheck.store.output import json_escaped, make_folder, write_atomic

SHARD_ARTICLES = 1000  # articles per file written by ``mtcheck check``: about 5-10 MB with their texts
SUMMARY = "summary.json"
SHARD = re.compile(r"results-\d{5,}\.jsonl")
SHARD_LINE_BYTES = 64 * 2**20  # one article result per line: as long as a JSONL input line may be


def shard_name(number: int) -> str:
    return f"results-{number:05d}.jsonl"


def article_line(article: dict[str, Any]) -> str:
    """One article as a line of a shard."""
    return json_escaped(json.dumps(article, ensure_ascii=False, separators=(",", ":"))) + "\n"


def summary_document(document: dict[str, Any], shards: list[str]) -> dict[str, Any]:
    """summary.json: ``document`` (without its articles) in results-v1 key order, an empty articles list,
    and the shards' names."""
    head = {k: document[k] for k in ("schema", "tool", "options") if k in document}
    rest = {k: v for k, v in document.items() if k not in head and k != "articles"}
    return {**head, "articles": [], **rest, "shards": shards}


def render_summary(document: dict[str, Any], shards: list[str]) -> str:
    return json_escaped(json.dumps(summary_document(document, shards), ensure_ascii=False, indent=2)) + "\n"


class ShardWriter:
    """A sink: articles in order into shards of ``size`` articles in ``out``; ``finish`` moves them in and
    writes summary.json; ``abort`` leaves ``out`` as it was."""

    def __init__(self, out: Path, size: int | None = None) -> None:
        make_folder(out)
        self.out, self.size = out, size or SHARD_ARTICLES
        self.failure = f"{out}: cannot write reports"
        self.names: list[str] = []
        self._staging = Path(tempfile.mkdtemp(prefix=".shards-", dir=out))
        self._current: Any = None
        self._count = 0

    def add(self, article: dict[str, Any]) -> None:
        if self._current is None or self._count == self.size:
            self._close_current()
            self.names.append(shard_name(len(self.names)))
            self._current = (self._staging / self.names[-1]).open("w", encoding="utf-8", newline="\n")
            self._count = 0
        self._current.write(article_line(article))
        self._count += 1

    def _close_current(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None

    def finish(self, document: dict[str, Any]) -> list[Path]:
        self._close_current()
        for name in self.names:
            (self._staging / name).chmod(0o644)
            (self._staging / name).replace(self.out / name)
        for stale in self.out.glob("results-*.jsonl"):  # shards of an earlier, longer run
            if SHARD.fullmatch(stale.name) and stale.name not in self.names and (stale.is_symlink() or stale.is_file()):
                stale.unlink()
        write_atomic(self.out / SUMMARY, render_summary(document, self.names), own_folder=True)
        self.abort()
        return [self.out / name for name in self.names]

    def abort(self) -> None:
        self._close_current()
        shutil.rmtree(self._staging, ignore_errors=True)


def _validate_article(head: dict[str, Any], article: Any, where: str) -> dict[str, Any]:
    from mtcheck.results.document import check_spans
    from mtcheck.schema import validate

    try:
        validate({**head, "articles": [article]})
        check_spans({"articles": [article]})
    except ValueError as exc:
        raise ValueError(f"{where}: {str(exc).replace('articles/0', 'article', 1)}") from None
    return article  # type: ignore[no-any-return]


def read_shards(folder: Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """summary.json of ``folder`` (validated, its ``shards`` removed) and its shards' articles, read lazily
    and each validated; ValueError with a one-line reason (naming the file and line) otherwise."""
    from mtcheck.schema import validate
    from mtcheck.store.userfile import RESULTS_BYTES, parse_unicode_json, read_json

    path = folder / SUMMARY
    try:
        document = read_json(path, RESULTS_BYTES)
    except ValueError as exc:
        raise ValueError(f"{path}: cannot read results ({exc})") from None
    try:
        validate(document)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    shards = document.pop("shards", None)
    if not isinstance(shards, list) or not all(isinstance(s, str) and SHARD.fullmatch(s) for s in shards):
        raise ValueError(f"{path}: \"shards\" must list the shard files (results-00000.jsonl, ...)")
    missing = [name for name in shards if not (folder / name).is_file()]
    if missing:
        raise ValueError(f"{folder / missing[0]}: shard listed in {SUMMARY} not found")

    def articles() -> Iterator[dict[str, Any]]:
        for name in shards:
            with (folder / name).open("rb") as handle:
                number = 0
                while raw := handle.readline(SHARD_LINE_BYTES + 1):  # a line never read whole beyond its limit
                    number += 1
                    where = f"{folder / name}:{number}"
                    if len(raw) > SHARD_LINE_BYTES:
                        raise ValueError(f"{where}: cannot read results (line longer than {SHARD_LINE_BYTES:,} bytes)")
                    try:
                        article = parse_unicode_json(raw.decode("utf-8"), unique_keys=True)
                    except ValueError as exc:  # UnicodeDecodeError too
                        raise ValueError(f"{where}: cannot read results ({exc})") from None
                    yield _validate_article(document, article, where)

    return document, articles()


def write_shard_reports(folder: Path, out: Path, article_pages: bool = True) -> None:
    """The HTML reports (paged dashboard, worst articles first, and a page per article unless not
    ``article_pages``) of the shards in ``folder``, streamed: memory does not grow with the number of
    articles. ValueError for a shard or summary that is not valid results (then no page is written)."""
    from mtcheck.reporters.html import HtmlWriter
    from mtcheck.results.document import check_held

    document, articles = read_shards(folder)
    held = [0, 0]
    for article in articles:  # every article valid before the first page is written
        held[0] += 1
        held[1] += len(article["versions"])
    try:  # a summary listing no shard, or one twice, showed its counts beside other rows
        check_held(document["summary"], *held)
    except ValueError as exc:
        raise ValueError(f"{folder / SUMMARY}: {exc} in its shards") from None
    writer = HtmlWriter(out, document.get("tool", {}), article_pages=article_pages)
    try:
        for article in read_shards(folder)[1]:
            writer.add(article)
    except BaseException:
        writer.abort()
        raise
    writer.finish(document)
