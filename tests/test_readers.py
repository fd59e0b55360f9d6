from __future__ import annotations

import json
from pathlib import Path

from mtcheck.model import Article, InputError
from mtcheck.readers import read_paths

ID = "Harga beras naik 80.000 rupiah.\n\nParagraf kedua di sini."
EN = "Rice rose by 80,000 rupiah.\n\nThe second paragraph is here."


def test_folder_with_bom_and_crlf_is_normalised(make_article) -> None:  # type: ignore[no-untyped-def]
    folder = make_article("a1", id=b"\xef\xbb\xbf" + ID.replace("\n", "\r\n").encode(), en=EN)
    [article] = list(read_paths([str(folder)]))
    assert isinstance(article, Article)
    assert article.id == "a1"
    assert article.source.content == ID
    assert [p.text for p in article.source.paragraphs] == ["Harga beras naik 80.000 rupiah.", "Paragraf kedua di sini."]
    assert set(article.targets) == {"en"}


def test_folder_of_folders_keeps_going_after_a_bad_article(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_article("good", id=ID, en=EN)
    make_article("latin1", id="Harga \xe9".encode("latin-1"), en=EN)
    make_article("nosource", en=EN)
    make_article("onlysource", id=ID)
    items = list(read_paths([str(tmp_path / "in")]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = {Path(e.path).name if "/" in e.path else e.path: e.message for e in items if isinstance(e, InputError)}
    assert [a.id for a in articles] == ["good"]
    assert "not valid UTF-8" in errors["id.txt"]
    assert "no source file id.txt" in errors["nosource"]
    assert "only the source" in errors["onlysource"]


def test_jsonl_bad_lines_are_errors_and_good_lines_articles(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "x1", "source_lang": "id", "texts": {"id": ID, "en": EN}}),
        "{not json",
        json.dumps({"id": "x2", "texts": {"id": ID}}),
        json.dumps({"texts": {"id": ID, "en": EN}}),
        json.dumps({"id": "x3", "texts": {"id": ID, "xx": EN}}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert isinstance(items[0], Article) and items[0].id == "x1"
    messages = [str(i) for i in items[1:]]
    assert messages[0].startswith(f"{path}:2: not valid JSON")
    assert "only the source" in messages[1]
    assert '"id"' in messages[2]
    assert "unknown language code(s) xx" in messages[3]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    [item] = list(read_paths([str(tmp_path / "nope")]))
    assert isinstance(item, InputError) and "no such file" in item.message
