"""Inputs named by URL (``s3://bucket/2019/*.jsonl``, ``gs://...``, ``file:///data/*.jsonl``), read through fsspec.

A URL may hold a glob; each file it names is read as JSONL, line by line, as a local one is
(``readers.jsonl``), so an archive on object storage is streamed, never downloaded whole. fsspec is imported
only when a URL is given, and the protocol's own package (s3fs for ``s3://``) is the user's to install: a
missing one is one input error naming the URL, as is a URL that matches nothing.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from mtcheck.model import Article, InputError
from mtcheck.readers.jsonl import read_jsonl

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")  # a scheme of two characters or more (C:\ is a Windows path)


def is_url(raw: str) -> bool:
    return _URL.match(raw) is not None


class RemoteFile:
    """One file of a file system fsspec knows, opened as ``readers.jsonl`` opens a path; named by its URL."""

    def __init__(self, fs: Any, path: str, url: str) -> None:
        self.fs, self.path, self.url = fs, path, url

    def open(self, mode: str) -> IO[bytes]:
        try:
            return self.fs.open(self.path, mode)  # type: ignore[no-any-return]
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 -- a storage library's own errors (credentials, a bucket's policy)
            raise OSError(f"{type(exc).__name__}: {exc}") from None

    def __str__(self) -> str:
        return self.url


def remote_files(raw: str) -> list[RemoteFile] | InputError:
    """The files a URL names (its glob expanded, sorted), or why it cannot be read."""
    try:
        import fsspec
        from fsspec.core import url_to_fs
    except ImportError:
        return InputError(raw, "reading a URL needs fsspec (pip install fsspec, and s3fs for s3://)")
    try:
        fs, path = url_to_fs(raw)
        paths = sorted(fs.glob(path)) if fsspec.core.has_magic(path) else [path] if fs.isfile(path) else []
    except ImportError as exc:  # the protocol's package: s3fs, gcsfs, adlfs
        return InputError(raw, f"cannot read this URL ({exc})")
    except Exception as exc:  # noqa: BLE001 -- unknown protocol, credentials, network: one line, the batch goes on
        return InputError(raw, f"cannot read ({type(exc).__name__}: {exc})")
    if not paths:
        return InputError(raw, "no file matches this URL")
    protocol = raw.split("://", 1)[0]
    return [RemoteFile(fs, p, p if "://" in p else f"{protocol}://{p}") for p in paths]


def read_url(raw: str, source_lang: str) -> Iterator[Article | InputError]:
    """Every article of every JSONL file a URL names; any other file is one input error."""
    files = remote_files(raw)
    if isinstance(files, InputError):
        yield files
        return
    for file in files:
        if file.path.lower().endswith(".jsonl"):
            yield from read_jsonl(file, source_lang)
        else:
            yield InputError(file.url, "only .jsonl files can be read from a URL")
