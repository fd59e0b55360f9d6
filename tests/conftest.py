from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The caches kept between runs never go to the user's ~/.cache, and no test sees what another test kept
# (a result kept by one test would hide what the next one changes). Each test gets an empty cache folder
# but for the unpacked language model, unpacked once per session (0.5 s) and linked into each folder.
_SESSION_CACHE = Path(tempfile.mkdtemp(prefix="mtcheck-test-cache-"))
os.environ["MTCHECK_CACHE_DIR"] = str(_SESSION_CACHE)
atexit.register(shutil.rmtree, _SESSION_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.facts.langid import _latin_labels
    from mtcheck.facts.langid_model import load_identifier
    from mtcheck.store import diskcache

    if not any(_SESSION_CACHE.glob("langid-*.npz")):
        load_identifier(sorted(_latin_labels()))  # unpacks into the session folder
    folder = tmp_path_factory.mktemp("cache")
    for model in _SESSION_CACHE.glob("langid-*.npz"):
        try:
            os.link(model, folder / model.name)
        except OSError:  # another file system: this folder's first use unpacks it again
            pass
    monkeypatch.setenv(diskcache.ENV, str(folder))
    monkeypatch.setattr(diskcache, "_chosen", diskcache._UNSET)  # an in-process CLI run may have chosen one

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def write_article(folder: Path, texts: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for lang, text in texts.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / f"{lang}.txt").write_bytes(data)
    return folder


@pytest.fixture
def make_article(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(name: str, **texts: str | bytes) -> Path:
        return write_article(tmp_path / "in" / name, texts)

    return make
