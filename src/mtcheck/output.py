"""Writing report files safely: atomic replace, and file names that cannot escape the output folder."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_REPORT_MODE = 0o644
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(article_id: str, suffix: str = ".html") -> str:
    """A file name derived from an untrusted article id: no separators, no dot-dot, no control chars.

    A short hash keeps distinct ids distinct after sanitising (``a/b`` vs ``a_b``).
    """
    stem = _UNSAFE.sub("_", article_id).strip("._") or "article"
    if stem != article_id or len(stem) > 80:
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = f"{stem[:80]}-{digest}"
    return stem + suffix


def write_atomic(path: Path, data: str) -> None:
    """Write to a temporary file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
        os.chmod(tmp, _REPORT_MODE)  # mkstemp creates 0600; reports are meant to be shared and served
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
