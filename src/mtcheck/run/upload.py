"""``--out`` named by URL (``s3://bucket/checks/2019``, ``file:///mnt/reports``): the reports are written to a
local staging folder, exactly as for a local ``--out``, and copied to the URL through fsspec when the run
has finished (article pages and shards first, ``summary.json``, ``results.json`` and ``index.html`` last, so a
reader that waits for the summary finds everything it names). The staging folder is deleted afterwards, also
when the run fails. A URL that cannot be written is one line naming it; nothing is checked when the
protocol's package (s3fs for ``s3://``) is missing, since the results could not be kept.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mtcheck.run.pipeline import OutputError

LAST = ("summary.json", "results.json", "index.html")  # copied after every file they name


class RemoteOut:
    """A URL ``--out``: ``local`` is where the run writes; ``publish`` copies it to the URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            from fsspec.core import url_to_fs
        except ImportError:
            raise OutputError(f"{url}: writing to a URL needs fsspec (pip install fsspec, and s3fs for s3://)") from None
        try:
            self.fs, self.path = url_to_fs(url)
        except ImportError as exc:
            raise OutputError(f"{url}: cannot write to this URL ({exc})") from None
        except Exception as exc:  # noqa: BLE001 -- unknown protocol, bad options: one line
            raise OutputError(f"{url}: cannot write to this URL ({type(exc).__name__}: {exc})") from None
        self.local = Path(tempfile.mkdtemp(prefix="mtcheck-out-"))

    def publish(self) -> int:
        """Copy the staged reports to the URL; the number of files copied."""
        files = sorted((p for p in self.local.rglob("*") if p.is_file() and not p.is_symlink()), key=self._order)
        try:
            for file in files:
                remote = f"{self.path.rstrip('/')}/{file.relative_to(self.local).as_posix()}"
                self.fs.makedirs(remote.rsplit("/", 1)[0], exist_ok=True)
                self.fs.put_file(str(file), remote)
        except Exception as exc:  # noqa: BLE001 -- the storage library's own errors (credentials, a bucket's policy)
            raise OutputError(f"{self.url}: cannot write the reports ({_reason(exc)})") from None
        return len(files)

    def _order(self, path: Path) -> tuple[int, str]:
        """Every other file first (by name), then the files of ``LAST`` in that order."""
        last = path.parent == self.local and path.name in LAST
        return (1 + LAST.index(path.name) if last else 0), str(path)

    def discard(self) -> None:
        shutil.rmtree(self.local, ignore_errors=True)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"{type(exc).__name__}: {exc}"

