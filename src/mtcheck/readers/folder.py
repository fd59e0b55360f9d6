"""Article folders: one ``<lang>.txt`` per language; the folder name is the article id."""
from __future__ import annotations

from pathlib import Path

from mtcheck.locales import SUPPORTED
from mtcheck.model import Article, InputError, Text
from mtcheck.readers.common import build_article, list_folder, read_text


def is_article_folder(path: Path, source_lang: str = "id") -> bool:
    """A folder with the source text; an ``id.txt`` that is not a file makes one too, so that reading it
    says what is wrong with it."""
    return (path / f"{source_lang}.txt").exists()


def read_article_folder(path: Path | str, source_lang: str = "id") -> Article | InputError:
    path = Path(path)
    texts: dict[str, Text] = {}
    try:
        files = [p for p in list_folder(path) if p.suffix == ".txt"]
    except ValueError as exc:
        return InputError(str(path), str(exc))
    for file in files:
        lang = file.stem
        if lang not in SUPPORTED:
            continue  # other .txt files (notes, references) are not versions
        try:
            content = read_text(file, f"{lang} text")
        except ValueError as exc:
            return InputError(str(file), str(exc))
        texts[lang] = Text(lang, content, str(file))
    return build_article(path.resolve().name, source_lang, texts, str(path))
