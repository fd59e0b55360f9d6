"""Where the caches kept between runs live, and how they fail: safely, once, in one line.

Two things are worth keeping between runs: embedding vectors (the encoder is most of a run's time, and
the same paragraphs come back: a re-run after an editor's fix, the same sources under a new MT system)
and the language-ID model unpacked (unpacking it costs every process 0.5 s). Neither changes a result:
a cached vector is the encoder's exact output, and the unpacked model is the same arrays.

The folder is, first to last: ``--cache-dir``, ``$MTCHECK_CACHE_DIR``, ``$XDG_CACHE_HOME/mtcheck``,
``~/.cache/mtcheck``; ``--no-cache`` turns caching off. A cache that cannot be read or written is
skipped with one warning per process: the run goes on, only slower.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "MTCHECK_CACHE_DIR"
EMBEDDINGS = "embeddings.sqlite3"  # vector_store (with SQLite's -wal and -shm companions)
LANGUAGE_MODEL = "langid-{}.npz"  # langid_model, by fingerprint
_OWN = (f"{EMBEDDINGS}*", LANGUAGE_MODEL.format("*"), ".langid-*.tmp")  # every file mtcheck writes here
_UNSET = object()
_chosen: object = _UNSET  # what ``use`` set in this process: a Path, None (off), or unset (the default)
_warned: set[str] = set()


def default_dir() -> Path:
    """The cache folder when none is chosen: ``$MTCHECK_CACHE_DIR``, else the XDG cache folder."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mtcheck"


def use(folder: Path | None) -> None:
    """Choose this process's cache folder (None: no caching). Worker processes are told the same."""
    global _chosen
    _chosen = folder


def chosen() -> Path | None:
    """This process's cache folder, or None when caching is off."""
    return default_dir() if _chosen is _UNSET else _chosen  # type: ignore[return-value]


def warn_once(what: str, problem: str) -> None:
    """One stderr line for a cache that is skipped (each cache once per process)."""
    if what not in _warned:
        _warned.add(what)
        print(f"mtcheck: warning: {what} not used ({problem}); the run goes on without it", file=sys.stderr)


def own_files(folder: Path) -> list[Path]:
    """The files mtcheck keeps in ``folder`` (nothing else there is ever touched)."""
    if not folder.is_dir():
        return []
    return sorted({path for pattern in _OWN for path in folder.glob(pattern) if path.is_file()})


def clear(folder: Path) -> int:
    """Delete mtcheck's files from ``folder``; returns the bytes freed."""
    freed = 0
    for path in own_files(folder):
        size = path.stat().st_size
        path.unlink(missing_ok=True)
        freed += size
    return freed
