"""results.json written one article at a time, byte for byte what ``render_json(build_document(...))`` writes.

The document is ``{"schema", "tool", "options", "articles": [...], "input_errors", "summary"}``. Everything
but the articles is small and known (or accumulated) by the end, so the writer renders the document with
no articles once, splits it where the empty list stands and puts each article, rendered as ``json.dumps``
renders a list item at that depth, in between. The file is a temporary one beside the target, renamed
over it only when the batch is complete: an interrupted run leaves the previous results.json intact and
no temporary file (``abort``). When the header is not final until the end (``--baseline`` records how
many findings it suppressed in ``options``), the articles are spooled to a second temporary file and
copied after the header at the end.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mtcheck.reporters.jsonfmt import render_json
from mtcheck.store.output import AtomicOutput, json_escaped

_ARTICLES = '\n  "articles": []'  # where the articles go in the rendered skeleton (depth 1: unique)
_ITEM_INDENT = "\n    "  # a list item at depth 2


def render_article(article: dict[str, Any]) -> str:
    """One article as ``render_json`` renders it inside the document's ``articles`` list."""
    return json_escaped(json.dumps(article, ensure_ascii=False, indent=2)).replace("\n", _ITEM_INDENT)


def split_skeleton(document: dict[str, Any]) -> tuple[str, str]:
    """(text before the articles' ``[``, text after their ``]``) of ``document`` rendered without articles."""
    before: dict[str, Any] = {k: document[k] for k in ("schema", "tool", "options") if k in document}
    text = render_json({**before, "articles": [], **{k: v for k, v in document.items() if k not in before}})
    head, sep, tail = text.partition(_ARTICLES)
    if not sep:
        raise ValueError("results document has no top-level articles list")
    return head + '\n  "articles": ', tail


class ResultsWriter:
    """``add`` articles in order, then ``finish(document)`` with the articles-free document (options,
    input errors, summary) -- or ``abort()``. ``header`` is the document's start (schema, tool, options)
    when it is already final; None defers it to ``finish``."""

    def __init__(self, path: Path, header: dict[str, Any] | None = None) -> None:
        self.path = path
        self.failure = f"{path.parent}: cannot write reports"  # what a write error is reported as
        self.count = 0
        self._final = AtomicOutput(path, own_folder=True)  # the reports folder's results.json
        self._spool: AtomicOutput | None = None  # never committed: read back by ``finish``, then dropped
        self._header = header
        try:
            if header is not None:
                self._final.write(split_skeleton(header)[0])
            else:
                self._spool = AtomicOutput(path.with_name(f"{path.name}.articles"), scratch=True)
        except BaseException:  # the caller has no writer to abort: drop the temporary made so far
            self._final.abort()
            raise

    def add(self, article: dict[str, Any]) -> None:
        out = self._spool or self._final
        out.write(("[" if self.count == 0 else ",") + _ITEM_INDENT + render_article(article))
        self.count += 1

    def finish(self, document: dict[str, Any]) -> Path:
        """Complete the file and rename it over ``path``; ``document`` supplies everything but the articles."""
        head, tail = split_skeleton(document)
        if self._header is not None and split_skeleton(self._header)[0] != head:
            raise ValueError("results header changed after the first article was written")
        if self._spool is not None:
            self._final.write(head)
            with self._spool.written().open(encoding="utf-8") as spooled:
                shutil.copyfileobj(spooled, self._final, 1 << 20)
            self._spool.abort()
            self._spool = None
        self._final.write("\n  ]" if self.count else "[]")
        self._final.write(tail)
        self._final.commit()
        return self.path

    def abort(self) -> None:
        """Drop the temporary files; the previous ``path`` (if any) is left as it was."""
        if self._spool is not None:
            self._spool.abort()
        self._final.abort()
