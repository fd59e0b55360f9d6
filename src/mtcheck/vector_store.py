"""Embedding vectors kept between runs: one SQLite file in the cache folder, shared by worker processes.

A vector is stored under its model's identity (name, version or weights fingerprint) and a hash of its
text, as the encoder's exact float32 bytes, so a cached vector gives exactly the result a fresh one
would. SQLite because it is in the standard library and lets several ``--jobs`` workers read and write
one file safely (WAL, a busy timeout). The file is bounded: past ``MAX_ROWS`` vectors the oldest tenth
is dropped. Any error (unwritable folder, a damaged file, a full disk) switches the store off for the
process with one warning; the run goes on, embedding what it needs.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .diskcache import EMBEDDINGS, chosen, warn_once

if TYPE_CHECKING:
    import numpy as np

MAX_ROWS = 400_000  # about 650 MB of 384-d vectors
QUERY_BATCH = 500  # keys per SELECT (SQLite's host-parameter limit is 999 in old builds)
_SCHEMA = ("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
           "vector BLOB NOT NULL, UNIQUE (model, key))")


class VectorStore:
    """Vectors by (model identity, text hash) in ``folder/embeddings.sqlite3``; opened on first use."""

    def __init__(self, folder: Path, max_rows: int = MAX_ROWS) -> None:
        self.path = folder / EMBEDDINGS
        self.max_rows = max_rows
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self.off = False

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own connection
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
            self._db, self._pid = db, os.getpid()
        return self._db

    def _fail(self, exc: Exception) -> None:
        self.off = True
        warn_once("embedding cache", f"{self.path}: {exc}")

    def get(self, model: str, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        """The stored vectors among ``keys`` (a damaged one counts as absent)."""
        import numpy as np

        found: dict[bytes, np.ndarray] = {}
        if self.off or not keys:
            return found
        try:
            db = self._connect()
            for i in range(0, len(keys), QUERY_BATCH):
                part = keys[i:i + QUERY_BATCH]
                rows = db.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND key IN "
                                  f"({','.join('?' * len(part))})", (model, *part))
                for key, blob in rows:
                    if isinstance(blob, bytes) and blob and len(blob) % 4 == 0:
                        found[key] = np.frombuffer(blob, dtype=np.float32)
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
        return found

    def put(self, model: str, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors (first writer wins), then drop the oldest tenth if the file is over its bound."""
        import numpy as np

        if self.off or not items:
            return
        try:
            db = self._connect()
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR IGNORE INTO vectors (model, key, vector) VALUES (?, ?, ?)",
                               [(model, key, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for key, v in items])
                low, high = db.execute("SELECT min(rowid), max(rowid) FROM vectors").fetchone()
                if high - low + 1 > self.max_rows:  # rowids grow with age; an upper bound of the count
                    db.execute("DELETE FROM vectors WHERE rowid <= ?", (high - self.max_rows * 9 // 10,))
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)

    def count(self) -> int:
        """Vectors stored (0 when the file is absent or unreadable)."""
        if not self.path.exists():
            return 0
        try:
            return int(self._connect().execute("SELECT count(*) FROM vectors").fetchone()[0])
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
            return 0


_OPEN: dict[Path, VectorStore] = {}


def process_store() -> VectorStore | None:
    """The store in this process's cache folder (``diskcache.chosen``), or None when caching is off."""
    folder = chosen()
    if folder is None:
        return None
    if folder not in _OPEN:
        _OPEN[folder] = VectorStore(folder)
    return _OPEN[folder]
