from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The caches kept between runs go to a folder of this test session, never to the user's ~/.cache.
_CACHE = tempfile.mkdtemp(prefix="mtcheck-test-cache-")
os.environ["MTCHECK_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

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
