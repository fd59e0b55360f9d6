from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.output import safe_filename, write_atomic


@pytest.mark.parametrize("article_id", ["../../etc/passwd", "a/b", "a\\b", "..", "x\x00y", "con\nsole", "ok-id_1.2"])
def test_report_names_stay_inside_the_output_folder(tmp_path: Path, article_id: str) -> None:
    name = safe_filename(article_id)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_distinct_ids_get_distinct_names() -> None:
    assert safe_filename("a/b") != safe_filename("a_b")
    assert safe_filename("ok-id") == "ok-id.html"


def test_write_atomic_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "r" / "x.json"
    write_atomic(target, "{}")
    write_atomic(target, '{"a": 1}')
    assert target.read_text() == '{"a": 1}'
    assert [p.name for p in target.parent.iterdir()] == ["x.json"]


def test_reports_are_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    write_atomic(target, "<p>x</p>")
    assert target.stat().st_mode & 0o777 == 0o644
