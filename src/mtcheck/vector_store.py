"""Embedding vectors kept between runs: one SQLite file in the cache folder, shared by worker processes.

A vector is stored under its model's identity (name, version or weights fingerprint) and a hash of its
text, as the encoder's exact float32 bytes, so a cached vector gives exactly the result a fresh one
would. SQLite because it is in the standard library and lets several ``--jobs`` workers read and write
one file safely (``diskcache.Database``). The file is bounded: past ``MAX_ROWS`` vectors the oldest
tenth is dropped. Any error switches the store off for the process with one warning; the run goes on,
embedding what it needs.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .diskcache import EMBEDDINGS, Database, shared

if TYPE_CHECKING:
    import numpy as np

MAX_ROWS = 400_000  # about 650 MB of 384-d vectors
_SCHEMA = ("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
           "vector BLOB NOT NULL, UNIQUE (model, key))")


class VectorStore:
    """Vectors by (model identity, text hash) in ``folder/embeddings.sqlite3``; opened on first use."""

    def __init__(self, folder: Path, max_rows: int = MAX_ROWS) -> None:
        self.db = Database(folder / EMBEDDINGS, _SCHEMA, "embedding cache")
        self.max_rows = max_rows

    @property
    def off(self) -> bool:
        return self.db.off

    def get(self, model: str, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        """The stored vectors among ``keys`` (a damaged one counts as absent)."""
        import numpy as np

        rows = self.db.lookup("SELECT key, vector FROM vectors WHERE model = ? AND key IN ({})", keys, model)
        return {key: np.frombuffer(blob, dtype=np.float32) for key, blob in rows
                if isinstance(blob, bytes) and blob and len(blob) % 4 == 0}

    def put(self, model: str, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors (first writer wins); the oldest go when the file is over its bound."""
        import numpy as np

        rows = [(model, key, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for key, v in items]
        self.db.write("INSERT OR IGNORE INTO vectors (model, key, vector) VALUES (?, ?, ?)", rows, "vectors",
                      self.max_rows)

    def count(self) -> int:
        """Vectors stored (0 when the file is absent or unreadable)."""
        return self.db.count("vectors")


def process_store() -> VectorStore | None:
    """The store in this process's cache folder (``diskcache.chosen``), or None when caching is off."""
    return shared(VectorStore)
