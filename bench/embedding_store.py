"""Keep the encoder's embedding cache on disk between bench runs (embedding ntrex-dev takes minutes).

Bench-only: the tool itself never persists embeddings.
"""
from __future__ import annotations

import pickle
from pathlib import Path

from mtcheck.align.encoders import CACHE


def load(path: str | None) -> None:
    if path and Path(path).is_file():
        with open(path, "rb") as handle:
            CACHE.store.update(pickle.load(handle))


def save(path: str | None) -> None:
    if path:
        with open(path, "wb") as handle:
            pickle.dump(CACHE.store, handle)
