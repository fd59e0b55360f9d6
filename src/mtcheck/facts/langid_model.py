"""py3langid's model restricted to mtcheck's Latin-script languages, unpacked once into the cache folder.

The packaged model is 4.6 MB of xz; unpacking it costs every process about 0.5 s and 130 MB, before
``set_languages`` throws most of it away. The restricted arrays (the DFA, and the naive-Bayes table for
our languages only) are written once, uncompressed, to the cache folder (``diskcache``), keyed by
py3langid's version, the model file and the languages; later processes load them in 0.08 s instead
of 0.5 s. The arrays are the very ones ``set_languages`` leaves, so detections are identical. If anything
about the unpacked copy fails (py3langid changed its layout, a damaged file, no cache folder), the model
is loaded the packaged way, and a damaged copy is written again.
"""
from __future__ import annotations

import hashlib
import os
from array import array
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtcheck.store.diskcache import LANGUAGE_MODEL, REBUILT, chosen, warn_once

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier


def load_identifier(labels: list[str]) -> LanguageIdentifier:
    """A normalised-probability identifier over ``labels``, from the cache folder when it is there."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    folder = chosen()
    unpacked = None if folder is None else folder / LANGUAGE_MODEL.format(_fingerprint(MODEL_DIR / MODEL_FILE, labels))
    if unpacked is not None and unpacked.exists():
        try:
            return _load(unpacked)
        except Exception as exc:  # noqa: BLE001 -- a damaged or foreign file: the packaged model still works
            warn_once("unpacked language-ID model", f"{unpacked}: {type(exc).__name__}: {exc}", REBUILT)
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(labels)
    if unpacked is not None and all(hasattr(identifier, a) for a in ("tk_nextmove", "tk_row", "tk_output")):
        try:
            _save(identifier, unpacked)
        except Exception as exc:  # noqa: BLE001 -- unwritable folder, full disk, a changed py3langid layout
            warn_once("unpacked language-ID model", f"{unpacked}: {type(exc).__name__}: {exc}")
    return identifier


def _fingerprint(model: Path, labels: list[str]) -> str:
    try:
        release = version("py3langid")
    except PackageNotFoundError:
        release = "?"
    stat = model.stat()
    facts = repr((release, str(model), stat.st_size, stat.st_mtime_ns, sorted(labels)))
    return hashlib.blake2b(facts.encode("utf-8"), digest_size=10).hexdigest()


def _save(identifier: LanguageIdentifier, path: Path) -> None:
    """The restricted arrays, written atomically (another process may be loading the same file)."""
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {
        "ptc": np.asarray(identifier.nb_ptc),
        "pc": np.asarray(identifier.nb_pc),
        "classes": np.array(identifier.nb_classes),
        "nextmove": _numpy(identifier.tk_nextmove),
        "row": _numpy(identifier.tk_row),
        "output": np.asarray(identifier.tk_output, dtype=np.int32),
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:  # a new file: one of that name (a link planted there, a killed run's) is removed, never written through
        temporary.unlink(missing_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _load(path: Path) -> LanguageIdentifier:
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    with np.load(path, allow_pickle=False) as data:
        return LanguageIdentifier(
            data["ptc"], data["pc"], data["classes"].tolist(), _stdlib(data["nextmove"]),
            data["output"].tolist(), norm_probs=True, tk_row=_stdlib(data["row"]),
        )


def _numpy(values: Any) -> Any:
    """A stdlib ``array`` (how py3langid holds its DFA) as a numpy array of the same item type."""
    import numpy as np

    if isinstance(values, array):
        return np.frombuffer(values, dtype=np.dtype(values.typecode))
    return np.asarray(values)


def _stdlib(values: Any) -> array[int]:
    """A numpy array of unsigned integers as the stdlib ``array`` py3langid walks (fast item access)."""
    codes = {1: "B", 2: "H", 4: "I", 8: "Q"}
    out = array(codes[values.dtype.itemsize])
    out.frombytes(memoryview(values).cast("B"))
    return out
