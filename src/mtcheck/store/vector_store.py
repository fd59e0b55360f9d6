"""Embedding vectors kept between runs: one SQLite file in the cache folder, shared by worker processes.

A vector is stored under its model's identity (name, version or weights fingerprint) and a hash of its
text, as the encoder's exact float32 bytes, so a cached vector gives exactly the result a fresh one
would, followed by their CRC-32: bytes damaged inside a vector leave the file a sound database, and they
changed a version's score from 72 to 0 with 26 false findings, which the results cache then kept. A
vector that fails its check counts as absent (one warning): it is embedded again and replaced. SQLite
because it is in the standard library and lets several ``--jobs`` workers read and write one file safely
(``diskcache.Database``). The file is bounded: past ``MAX_ROWS`` vectors the oldest
tenth is dropped. Any error switches the store off for the process with one warning; the run goes on,
embedding what it needs.
"""
from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mtcheck.store.diskcache import EMBEDDINGS, Database, shared, warn_once

if TYPE_CHECKING:
    import numpy as np

MAX_ROWS = 400_000  # about 650 MB of 384-d vectors
_TABLE = "checked_vectors"
_SCHEMA = ("DROP TABLE IF EXISTS vectors",  # the earlier table, of vectors without a check
           (f"CREATE TABLE IF NOT EXISTS {_TABLE} (model TEXT NOT NULL, key BLOB NOT NULL, "
            "vector BLOB NOT NULL, UNIQUE (model, key))"))


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
        rows = self.db.lookup(f"SELECT key, vector FROM {_TABLE} WHERE model = ? AND key IN ({{}})", keys, model)
        found = {key: vector for key, blob in rows if (vector := _unpack(blob)) is not None}
        if len(found) < len(rows):
            warn_once("embedding cache", f"{self.db.path}: {len(rows) - len(found)} vectors fail their check",
                      "holds damaged vectors ({}); they are embedded again")
        return found

    def put(self, model: str, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors (a damaged one is replaced); the oldest go when the file is over its bound."""
        rows = [(model, key, _pack(v)) for key, v in items]
        self.db.write(f"INSERT OR REPLACE INTO {_TABLE} (model, key, vector) VALUES (?, ?, ?)", rows, _TABLE,
                      self.max_rows)

    def count(self) -> int:
        """Vectors stored (0 when the file is absent or unreadable)."""
        return self.db.count(_TABLE)


def _pack(vector: np.ndarray) -> bytes:
    import numpy as np

    data = np.ascontiguousarray(vector, dtype=np.float32).tobytes()
    return data + zlib.crc32(data).to_bytes(4, "little")


def _unpack(blob: object) -> np.ndarray | None:
    """The vector of a stored blob, or None if it is not one ``_pack`` wrote (or was damaged since)."""
    import numpy as np

    if not isinstance(blob, bytes) or len(blob) < 8 or len(blob) % 4:
        return None
    data, check = blob[:-4], blob[-4:]
    if zlib.crc32(data).to_bytes(4, "little") != check:
        return None
    return np.frombuffer(data, dtype=np.float32)


def process_store() -> VectorStore | None:
    """The store in this process's cache folder (``diskcache.chosen``), or None when caching is off."""
    return shared(VectorStore)
