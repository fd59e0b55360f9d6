"""``--format`` output of a streamed batch: written per article where the format allows it.

``text``, ``jsonl`` and ``github`` are concatenations: the lines of each article, then a trailer (input
errors, summary). Their renderers are used as they are: an article's lines are what the renderer prints
for a document holding that article alone, minus what it prints for a document holding none (the
trailer of an empty batch). ``json`` copies the results.json written for the run (a chunked copy, never
parsed). ``junit`` and ``sarif`` are single trees that need every article: they collect the articles in
memory and render at the end, so they are meant for CI-size batches.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from mtcheck.reporters import FORMATS
from mtcheck.results.document import summarise

STREAMED = ("text", "jsonl", "github")
_CHUNK = 1 << 20


class FormatSink:
    """``--format fmt`` to ``dest`` (a file, written to a temporary beside it and renamed at the end; or
    standard output when None). ``results`` is the run's results.json writer, copied for ``json``."""

    def __init__(self, fmt: str, dest: Path | None, header: dict[str, Any], results: Any = None) -> None:
        from mtcheck.reporters.results_writer import ResultsWriter
        from mtcheck.store.output import AtomicOutput

        self.fmt, self.dest, self.header = fmt, dest, header
        self.failure = f"{dest}: cannot write" if dest is not None else "standard output: cannot write"
        self.render = FORMATS[fmt]
        self.articles: list[dict[str, Any]] = []
        self._results = results
        self._own_dir: tempfile.TemporaryDirectory[str] | None = None
        if fmt == "json" and results is None:  # no report folder: a private results file to copy from
            self._own_dir = tempfile.TemporaryDirectory(prefix="mtcheck-")
            self._results = ResultsWriter(Path(self._own_dir.name) / "results.json", None)
        self._file = AtomicOutput(dest) if dest is not None else None
        self._out: IO[str] | AtomicOutput = self._file or sys.stdout
        self._empty = self._mini([])

    def _mini(self, articles: list[dict[str, Any]]) -> str:
        return self.render({**self.header, "articles": articles, "input_errors": [], "summary": summarise([], [])})

    def add(self, article: dict[str, Any]) -> None:
        if self.fmt in STREAMED:
            lines = self._mini([article])
            if not lines.endswith(self._empty):
                raise RuntimeError(f"--format {self.fmt} no longer renders article by article")
            self._out.write(lines[:len(lines) - len(self._empty)])
        elif self.fmt == "json":
            if self._own_dir is not None:
                self._results.add(article)
        else:
            self.articles.append(article)

    def finish(self, document: dict[str, Any]) -> None:
        if self.fmt in STREAMED:
            self._out.write(self.render({**document, "articles": []}))
        elif self.fmt == "json":
            if self._own_dir is not None:
                self._results.finish(document)
            with Path(self._results.path).open(encoding="utf-8") as handle:
                shutil.copyfileobj(handle, self._out, _CHUNK)
        else:
            self._out.write(self.render({**document, "articles": self.articles}))
        self.articles = []
        if self._file is not None:
            self._file.commit()
            self._file = None
        else:
            sys.stdout.flush()
        self._cleanup()

    def abort(self) -> None:
        if self._file is not None:
            self._file.abort()
            self._file = None
        if self._own_dir is not None:
            self._results.abort()
        self._cleanup()

    def _cleanup(self) -> None:
        if self._own_dir is not None:
            self._own_dir.cleanup()
            self._own_dir = None
