"""Where the caches kept between runs live, and how they fail: safely, once, in one line.

Three things are worth keeping between runs: article results (an unchanged article need not be checked
again, ``result_store``), embedding vectors (the encoder is most of a run's time, and the same paragraphs
come back: a re-run after an editor's fix, the same sources under a new MT system, ``vector_store``) and
the language-ID model unpacked (unpacking it costs every process 0.5 s, ``langid_model``). None changes
a result: each is keyed by everything its value depends on, and holds exactly what would be recomputed.

The folder is, first to last: ``--cache-dir``, ``$MTCHECK_CACHE_DIR``, ``$XDG_CACHE_HOME/mtcheck``,
``~/.cache/mtcheck``; ``--no-cache`` turns caching off. A cache that cannot be read or written is
skipped with one warning per process: the run goes on, only slower.
"""
from __future__ import annotations

import os
import re
import sqlite3
import stat
import sys
import time
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ENV = "MTCHECK_CACHE_DIR"
EMBEDDINGS = "embeddings.sqlite3"  # vector_store (with SQLite's -wal and -shm companions)
RESULTS = "results.sqlite3"  # result_store
LANGUAGE_MODEL = "langid-{}.npz"  # langid_model, by fingerprint
# All mtcheck writes here, by exact name: a database and SQLite's companions, a model by its hex fingerprint,
# a model being unpacked (``.langid-<fp>.npz.<pid>.tmp``). ``embeddings.sqlite3*`` also named a user's
# ``embeddings.sqlite3.bak``, which ``cache --clear`` deleted.
_OWN = re.compile("|".join((
    *(rf"{re.escape(db)}(?:-wal|-shm|-journal)?" for db in (EMBEDDINGS, RESULTS)),
    re.escape(LANGUAGE_MODEL).replace(r"\{\}", "[0-9a-f]+"),
    r"\.langid-[0-9a-f]+\.npz\.[0-9]+\.tmp",
)))
QUERY_BATCH = 500  # keys per SELECT (SQLite's host-parameter limit is 999 in old builds)
LOCK_RETRIES = 20  # about 10 s of waiting in all before a locked database is given up
_UNSET = object()
_chosen: object = _UNSET  # what ``use`` set in this process: a Path, None (off), or unset (the default)
_warned: set[str] = set()
_SHARED: dict[tuple[Any, Path], Any] = {}


def default_dir() -> Path | None:
    """The cache folder when none is chosen: ``$MTCHECK_CACHE_DIR``, else the XDG cache folder; None (no
    caching) when neither is set and there is no home folder to put it in."""
    if os.environ.get(ENV, "").strip():  # blank is unset, as ``--cache-dir " "`` is refused: not a folder " " here
        folder = expand_user(os.environ[ENV])
        if folder is None:
            warn_once("cache folder", f"${ENV} {os.environ[ENV]!r}: no such home folder", "not used ({}); the run "
                      "goes on without caches")
        return folder
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):  # the XDG spec: a relative path is invalid and ignored
        home = _home()
        if home is None:  # no home folder: never write a folder named "~" here, nor /.cache
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "mtcheck"


def _home() -> str | None:
    """This user's home folder, an absolute path, or None. A blank ``HOME`` is unset (the password entry is
    asked): Python's expansion made ``HOME=`` the root folder, and mtcheck wrote ``/.cache/mtcheck``."""
    home = os.environ.get("HOME", "")
    if not home.strip():
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError):  # not POSIX, or no password entry
            home = os.path.expanduser("~") if os.name != "posix" else ""
    return home if home.strip() and os.path.isabs(home) else None


def expand_user(value: str) -> Path | None:
    """``value`` with a leading ``~`` or ``~user`` expanded; None when that home folder cannot be found
    (``~nosuchuser/x`` was a RuntimeError traceback, ``~/x`` with ``HOME=`` was ``/x``)."""
    if not value.startswith("~"):
        return Path(value)
    head, sep, rest = value.partition(os.sep)
    home = _home() if head == "~" else os.path.expanduser(head)
    if home is None or home.startswith("~"):
        return None
    return Path(home, rest) if sep else Path(home)


def use(folder: Path | None) -> None:
    """Choose this process's cache folder (None: no caching). Worker processes are told the same."""
    global _chosen
    _chosen = folder


def chosen() -> Path | None:
    """This process's cache folder, or None when caching is off."""
    return default_dir() if _chosen is _UNSET else _chosen  # type: ignore[return-value]


def shared(factory: Callable[[Path], T]) -> T | None:
    """One ``factory(folder)`` per process and cache folder (a store), or None when caching is off."""
    folder = chosen()
    if folder is None:
        return None
    if (factory, folder) not in _SHARED:
        _SHARED[factory, folder] = factory(folder)
    return _SHARED[factory, folder]  # type: ignore[no-any-return]


def warn_once(what: str, problem: str, consequence: str = "not used ({}); the run goes on without it") -> None:
    """One stderr line for a cache that is skipped, or rebuilt (each cache once per process)."""
    if what not in _warned:
        _warned.add(what)
        from mtcheck.store.output import terminal_safe

        print(terminal_safe(f"mtcheck: warning: {what} {consequence.format(problem)}"), file=sys.stderr)


REBUILT = "was damaged ({}); it is rebuilt"  # a ``warn_once`` consequence: the file was ours, and is replaced
_DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT")  # a file that is not, or no longer, a database


def own_files(folder: Path) -> list[Path]:
    """The files mtcheck keeps in ``folder`` (nothing else there is ever touched): regular files of its exact
    names; a link, a pipe or a folder of such a name is not one mtcheck made."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if _OWN.fullmatch(path.name) and _regular(path))


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def clear(folder: Path) -> int:
    """Delete mtcheck's files from ``folder``; returns the bytes freed."""
    freed = 0
    for path in own_files(folder):
        size = path.lstat().st_size
        path.unlink(missing_ok=True)
        freed += size
    return freed


def _refuse_foreign(path: Path) -> None:
    """OSError if the database or one of its companions (``-wal``, ``-shm``, ``-journal``) is there and is not a
    regular file: SQLite opened a link of that name, and wrote its tables into the file it named, outside the
    cache folder."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        name = Path(f"{path}{suffix}")
        try:
            regular = stat.S_ISREG(name.lstat().st_mode)
        except OSError:
            continue  # absent (or unreachable: SQLite then says why)
        if not regular:
            raise OSError(f"{name.name} is a link, a pipe or a folder, not a file mtcheck made")


class Database:
    """One SQLite file of the cache folder, opened on first use (again in a forked worker), in WAL mode so
    that worker processes and concurrent runs share it. Any error (unwritable folder, a damaged file, a
    full disk) switches it off for the process with one warning: callers then get their default."""

    def __init__(self, path: Path, schema: str | tuple[str, ...], what: str) -> None:
        self.path, self.schema, self.what = path, schema, what
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self.off = False
        self._rebuilt = False

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _refuse_foreign(self.path)
            uri = f"file:{urllib.parse.quote(str(self.path))}?nofollow=1"  # a link made between check and open
            db = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            for statement in (self.schema,) if isinstance(self.schema, str) else self.schema:
                db.execute(statement)
            self._db, self._pid = db, os.getpid()
        return self._db

    def run(self, action: Callable[[sqlite3.Connection], T], default: T) -> T:
        """``action(connection)``, or ``default`` once the database is off or when it fails. "Locked" is
        retried: SQLite answers it at once, without waiting, when two processes create the file or switch
        it to WAL together (seen with two ``--jobs`` workers on a new cache folder)."""
        for attempt in range(LOCK_RETRIES + 1):
            if self.off:
                return default
            try:
                return action(self._connect())
            except sqlite3.OperationalError as exc:
                if attempt < LOCK_RETRIES and ("locked" in str(exc) or "busy" in str(exc)):
                    if self._db is not None:
                        self._db.close()
                    self._db = None  # connect again: the setup may not have finished
                    time.sleep(0.05 * (attempt + 1))
                    continue
                self._fail(exc)
            except sqlite3.DatabaseError as exc:
                if self._rebuilt or getattr(exc, "sqlite_errorname", "") not in _DAMAGED:
                    self._fail(exc)
                else:
                    self._rebuild(exc)
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc)
        return default

    def _rebuild(self, exc: Exception) -> None:
        """Start a damaged file afresh (once per process): it holds only what can be computed again."""
        self._rebuilt = True
        if self._db is not None:
            self._db.close()
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        warn_once(self.what, f"{self.path}: {exc}", REBUILT)

    def _fail(self, exc: Exception) -> None:
        self.off = True
        warn_once(self.what, f"{self.path}: {exc}")

    def lookup(self, query: str, keys: Sequence[bytes], *params: Any) -> list[Any]:
        """The rows of ``query`` (its ``IN ({})`` filled with ``keys``, ``QUERY_BATCH`` at a time, after
        ``params``); none once the database is off or when it fails."""

        def read(db: sqlite3.Connection) -> list[Any]:
            rows: list[Any] = []
            for i in range(0, len(keys), QUERY_BATCH):
                part = keys[i:i + QUERY_BATCH]
                rows += db.execute(query.format(",".join("?" * len(part))), (*params, *part)).fetchall()
            return rows

        return self.run(read, []) if keys else []

    def write(self, statement: str, rows: Sequence[tuple[Any, ...]], table: str, max_rows: int) -> None:
        """``statement`` for every row, in one transaction; then the oldest tenth of ``table`` goes if it is
        over ``max_rows`` (rowids grow with age, so their range bounds the count from above)."""

        def transaction(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(statement, rows)
                low, high = db.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
                if low is not None and high - low + 1 > max_rows:
                    db.execute(f"DELETE FROM {table} WHERE rowid <= ?", (high - max_rows * 9 // 10,))

        if rows:
            self.run(transaction, None)

    def count(self, table: str) -> int:
        """Rows of ``table`` (0 when the file is absent or unreadable)."""
        if not self.path.exists():
            return 0
        return self.run(lambda db: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]), 0)
