"""Article folders: one ``<lang>.txt`` per language; the folder name is the article id."""
from __future__ import annotations

from pathlib import Path

from ..locales import SUPPORTED
from ..model import Article, InputError, Text
from .common import build_article, decode


def is_article_folder(path: Path, source_lang: str = "id") -> bool:
    return (path / f"{source_lang}.txt").is_file()


def read_article_folder(path: Path | str, source_lang: str = "id") -> Article | InputError:
    path = Path(path)
    texts: dict[str, Text] = {}
    for file in sorted(path.glob("*.txt")):
        lang = file.stem
        if lang not in SUPPORTED:
            continue  # other .txt files (notes, references) are not versions
        try:
            content = decode(file.read_bytes())
        except OSError as exc:
            return InputError(str(file), f"cannot read: {exc.strerror or exc}")
        except ValueError as exc:
            return InputError(str(file), str(exc))
        texts[lang] = Text(lang, content, str(file))
    return build_article(path.resolve().name, source_lang, texts, str(path))
