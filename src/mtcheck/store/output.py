"""Writing report files safely: atomic replace, and file names that cannot escape the output folder."""
from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
from pathlib import Path
from typing import TextIO

_REPORT_MODE = 0o644
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# What a terminal or a CI log acts on rather than shows: C0 (a newline starts a forged ``::error`` line), DEL,
# C1 (U+009B is a CSI on some terminals), and the bidi embeddings, overrides and isolates (which reorder
# what follows them on the line, as do the invisible bidi marks LRM, RLM and ALM), and the line and paragraph
# separators U+2028/U+2029 (a line break to many log viewers and editors).
_FORMAT_CONTROLS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{_FORMAT_CONTROLS}]")


_JSON_RAW = re.compile(f"[\x7f-\x9f{_FORMAT_CONTROLS}]")  # the controls json.dumps leaves raw


def json_escaped(text: str) -> str:
    """JSON (or TOML) text from ``json.dumps(..., ensure_ascii=False)`` with DEL, C1 and the bidi controls
    also written as ``\\u`` escapes (json escapes only C0): the same value, never acted on by a terminal.
    Inside a string only: outside one, JSON has no such characters."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def terminal_safe(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``, ``\\u202e``): one
    line, shown as it is, whatever an article, a file name or a results file holds."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe_filename(article_id: str, suffix: str = ".html", reserved: re.Pattern[str] | None = None) -> str:
    """A file name derived from an untrusted article id: no separators, no dot-dot, no control chars.

    A short hash keeps distinct ids distinct after sanitising (``a/b`` vs ``a_b``), and keeps an id clear of
    the ``reserved`` stems (the dashboard's ``index``: an article of that id was written over by it).
    """
    stem = _UNSAFE.sub("_", article_id).strip("._") or "article"
    if stem != article_id or len(stem) > 80 or (reserved is not None and reserved.fullmatch(stem)):
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = f"{stem[:80]}-{digest}"
    return stem + suffix


def make_folder(path: Path) -> None:
    """``path`` and its parents as folders; a file in the way is "Not a directory" wherever it stands
    (``mkdir`` says "File exists" when it is ``path`` itself)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None


class AtomicOutput:
    """A text file that appears whole or not at all: written to a hidden temporary beside it, renamed over it
    by ``commit``; ``abort`` drops the temporary and leaves any previous file as it was.

    A destination that exists and is not a regular file (``/dev/null``, ``/dev/stdout`` on a terminal, a
    pipe) is written directly: renaming over it would replace the device node (as root) or fail (as anyone
    else). A symbolic link is followed: the file it names is replaced, the link stays. With ``own_folder``
    (the files of the reports folder, which is mtcheck's) whatever has the name is replaced, never opened nor
    followed: a results.json there linked to an article's text wrote the results over the text, and a pipe
    of that name was opened and blocked the run. A ``scratch`` file is only ever read back (``written``) and
    dropped: it is created new in the folder, never through a link of its name (a link named
    ``results.json.articles`` took every article's text outside the reports folder).
    """

    def __init__(self, path: Path, scratch: bool = False, own_folder: bool = False) -> None:
        self.tmp: Path | None = None
        self.handle: TextIO
        if own_folder or scratch:  # the name is ours: nothing at it is opened or followed
            self.path = Path(os.path.realpath(path.parent)) / path.name
            make_folder(self.path.parent)
            self.handle = self._create_temporary()
            return
        try:
            special = not stat.S_ISREG(path.stat().st_mode)
        except FileNotFoundError:
            special = False
        if special:  # opened by the name given: /dev/fd/63 (a pipe) has no real path to resolve
            self.path = path
            self.handle = path.open("w", encoding="utf-8", newline="\n")
            return
        self.path = Path(os.path.realpath(path))
        make_folder(self.path.parent)
        self.handle = self._create_temporary()

    def _create_temporary(self) -> TextIO:
        """A new hidden file beside the destination, named in ``self.tmp`` *before* it exists, so that an
        interruption at any point (Ctrl-C, SIGTERM) finds the name and removes the file: with ``mkstemp`` the
        name was known only after it returned, and a run stopped in between left the file behind."""
        while True:
            self.tmp = self.path.parent / f".{self.path.name}.{secrets.token_hex(4)}.tmp"
            try:
                fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
                return os.fdopen(fd, "w", encoding="utf-8", newline="\n")
            except FileExistsError:  # another writer's temporary: not ours to remove
                continue
            except BaseException:
                self.tmp.unlink(missing_ok=True)
                self.tmp = None
                raise

    def write(self, text: str) -> None:
        self.handle.write(text)

    def written(self) -> Path:
        """The temporary file, closed, to read back what was written (a scratch file's use)."""
        self.handle.close()
        assert self.tmp is not None, "a destination written directly has no temporary"
        return self.tmp

    def commit(self) -> None:
        self.handle.close()
        if self.tmp is not None:
            os.chmod(self.tmp, _REPORT_MODE)  # created 0600; reports are meant to be shared and served
            os.replace(self.tmp, self.path)
            self.tmp = None

    def abort(self) -> None:
        self.handle.close()
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


def write_atomic(path: Path, data: str, own_folder: bool = False) -> None:
    """Write ``data`` to ``path`` whole or not at all (``AtomicOutput``)."""
    out = AtomicOutput(path, own_folder=own_folder)  # cleans up after itself if interrupted while it starts
    try:
        out.write(data)
        out.commit()
    except BaseException:
        out.abort()
        raise
