"""``mtcheck check`` streams: results.json, HTML and --format output are written article by article, and
match what the whole-document renderers write; an interrupted run leaves the previous reports intact."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import GeneratorType
from typing import Any

import pytest

from mtcheck.config import Config
from mtcheck.model import Article, InputError
from mtcheck.readers import read_jsonl
from mtcheck.reporters import FORMATS
from mtcheck.reporters.html import write_html_reports
from mtcheck.reporters.html_views import dashboard_view
from mtcheck.reporters.jsonfmt import render_json
from mtcheck.reporters.results_writer import ResultsWriter
from mtcheck.reporters.streaming import FormatSink
from mtcheck.results.document import document_header
from mtcheck.run import pipeline
from mtcheck.run.pipeline import CHUNK, check_stream, iter_articles, run_check, stream_check, with_articles

CONFIG = Config(select=("NUM",), encoder="none")
OPTIONS = {"select": ["NUM"], "encoder": "none"}
TOWNS = ["Bogor", "Cirebon", "Kediri", "Tegal", "Garut", "Blitar", "Sumedang"]


def line(i: int, broken: bool = False) -> str:
    """One JSONL article: its English number copies the Indonesian separator when ``broken`` (NUM001)."""
    n = 1_000 * (i + 3) + 250
    src = f"{n:,}".replace(",", ".")
    tgt = src if broken else f"{n:,}"
    town = TOWNS[i % len(TOWNS)]
    texts = {"id": f"{town} - Pemerintah membagikan {src} paket sembako.\n\nWarga {town} menerimanya pada Senin.",
             "en": f"{town} - The government handed out {tgt} food parcels.\n\nResidents of {town} got them on Monday."}
    return json.dumps({"id": f"berita-{i:02d}", "source_lang": "id", "texts": texts}, ensure_ascii=False)


def batch(path: Path, count: int = 7, tail: str = "") -> Path:
    path.write_text("\n".join(line(i, broken=i % 3 == 0) for i in range(count)) + "\n" + tail, encoding="utf-8")
    return path


def streamed(paths: list[str], sinks: list[Any], steps: list[Any] | None = None) -> dict[str, Any]:
    return stream_check(iter_articles(paths, "id"), CONFIG, OPTIONS, steps, sinks)


@pytest.mark.parametrize("deferred", [False, True])
def test_streamed_results_json_is_byte_identical_to_the_whole_document(tmp_path: Path, deferred: bool) -> None:
    paths = [str(batch(tmp_path / "b.jsonl", tail="{broken\n"))]
    document = run_check(paths, CONFIG, OPTIONS)
    assert document["summary"]["findings"] > 0 and document["input_errors"]  # findings and errors both covered
    out = tmp_path / "out" / "results.json"
    tail = streamed(paths, [ResultsWriter(out, None if deferred else document_header(OPTIONS))])
    assert out.read_text(encoding="utf-8") == render_json(document)
    assert with_articles(tail, document["articles"]) == document
    assert sorted(p.name for p in out.parent.iterdir()) == ["results.json"]


def test_empty_batch_writes_an_empty_articles_list(tmp_path: Path) -> None:
    paths = [str(batch(tmp_path / "b.jsonl", count=0, tail="[]\n"))]
    out = tmp_path / "results.json"
    streamed(paths, [ResultsWriter(out, document_header(OPTIONS))])
    assert out.read_text(encoding="utf-8") == render_json(run_check(paths, CONFIG, OPTIONS))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_streamed_equals_the_whole_document_rendering(tmp_path: Path, fmt: str) -> None:
    paths = [str(batch(tmp_path / "b.jsonl", tail="{broken\n"))]
    expected = FORMATS[fmt](run_check(paths, CONFIG, OPTIONS))
    dest = tmp_path / f"out.{fmt}"
    streamed(paths, [FormatSink(fmt, dest, document_header(OPTIONS))])
    assert dest.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.jsonl", dest.name]


def test_dashboard_pages_hold_the_worst_first_and_link_each_other(tmp_path: Path) -> None:
    document = run_check([str(batch(tmp_path / "b.jsonl", count=5))], CONFIG, OPTIONS)
    out = tmp_path / "out"
    out.mkdir()
    (out / "index-4.html").write_text("stale page of an earlier, longer run", encoding="utf-8")
    paths = write_html_reports(document, out, page_size=2)
    assert [p.name for p in paths[:3]] == ["index.html", "index-2.html", "index-3.html"]
    assert not (out / "index-4.html").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # the row store is gone
    order = {a["id"]: str(i) for i, a in enumerate(document["articles"])}
    worst_first = [order[r.id] for r in dashboard_view(document, {}).rows]
    rows, pages = [], [(out / p.name).read_text(encoding="utf-8") for p in paths[:3]]
    for number, html in enumerate(pages, start=1):
        rows += re.findall(r'<tr data-i="(\d+)"', html)
        assert f'<b aria-current="page">{number}</b>' in html
        assert all(f'href="{name}"' in html for name in ("index.html", "index-2.html", "index-3.html")
                   if name != paths[number - 1].name)
    assert rows == worst_first and len(rows) == 5
    assert [len(re.findall(r'<tr data-i=', html)) for html in pages] == [2, 2, 1]
    assert "berita-00" in pages[0]  # broken numbers (NUM001) sort first
    one_page = write_html_reports(document, tmp_path / "one")
    assert "aria-current" not in (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
    assert len(one_page) == 6


def test_an_interrupted_run_leaves_the_previous_reports_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.reporters.html import HtmlWriter

    paths = [str(batch(tmp_path / "b.jsonl", count=2 * CHUNK + 1))]
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("previous results", encoding="utf-8")
    (out / "index.html").write_text("previous dashboard", encoding="utf-8")
    real = pipeline.SummaryAccumulator.add

    def interrupt(self: Any, article: dict[str, Any]) -> None:
        if self.articles == CHUNK + 2:  # in the second chunk, after some articles were written
            raise KeyboardInterrupt
        real(self, article)

    monkeypatch.setattr(pipeline.SummaryAccumulator, "add", interrupt)
    header = document_header(OPTIONS)
    results = ResultsWriter(out / "results.json", header)
    sinks = [results, HtmlWriter(out, header["tool"]), FormatSink("json", tmp_path / "copy.json", header, results),
             FormatSink("jsonl", tmp_path / "f.jsonl", header)]
    with pytest.raises(KeyboardInterrupt):
        streamed(paths, sinks)
    assert (out / "results.json").read_text(encoding="utf-8") == "previous results"
    assert (out / "index.html").read_text(encoding="utf-8") == "previous dashboard"
    leftovers = [p.name for p in [*out.iterdir(), *tmp_path.iterdir()] if p.name.startswith(".")]
    assert leftovers == []
    assert not (tmp_path / "copy.json").exists() and not (tmp_path / "f.jsonl").exists()


@pytest.mark.parametrize(("signal_name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_run_stopped_by_a_signal_leaves_the_previous_reports_and_no_temporary_file(
        tmp_path: Path, signal_name: str, code: int) -> None:
    """SIGTERM is how CI cancels a job; it used to kill the run on the spot, leaving a 2 MB .results.json.*.tmp."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("previous results", encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "mtcheck", "check", str(batch(tmp_path / "b.jsonl", count=3000)),
                            "--out", str(out), "--encoder", "none", "--no-cache", "-q", "--jobs", "1"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60  # pages are staged in a hidden folder until the end
    while not any(out.glob(".mtcheck-pages-*/berita-100.html")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # stop it in the middle of the batch: some reports written, many to come
    run.send_signal(getattr(signal, signal_name))
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert (out / "results.json").read_text(encoding="utf-8") == "previous results"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in out.iterdir()] == ["results.json"]  # no new page beside the old results


def test_jsonl_is_read_lazily(tmp_path: Path) -> None:
    good = line(0) + "\n"
    path = tmp_path / "b.jsonl"
    path.write_bytes(good.encode("utf-8") + b'{"id": "x\xff"}\n')  # the last line is not UTF-8
    items = read_jsonl(path)
    assert isinstance(items, GeneratorType)
    first = next(items)
    assert isinstance(first, Article) and first.id == "berita-00"  # yielded before the bad line is read
    [error] = list(items)
    assert isinstance(error, InputError)
    assert error.message == f"not valid UTF-8 (byte {len(good.encode()) + 9})"  # offset in the file


def test_jsonl_line_numbers_count_crlf_and_cr_as_one_line_end(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(("\ufeff" + line(0) + "\r\n\r\n" + "{bad" + "\r" + line(1) + "\n").encode("utf-8"))
    items = list(read_jsonl(path))
    assert [i.id if isinstance(i, Article) else str(i) for i in items] == [
        "berita-00", f"{path}:3: not valid JSON (Expecting property name enclosed in double quotes: column 2)", "berita-01"]
    assert items[2].origin == f"{path}:4"  # type: ignore[union-attr]


@pytest.mark.parametrize("jobs", [1, 2])
def test_articles_are_pulled_as_results_are_consumed(tmp_path: Path, jobs: int) -> None:
    path = batch(tmp_path / "b.jsonl", count=1)
    [template] = [a for a in read_jsonl(path) if isinstance(a, Article)]
    pulled = 0

    def endless() -> Iterator[Article]:
        nonlocal pulled
        while True:
            pulled += 1
            yield Article(f"a{pulled}", template.source, template.targets, "mem")

    results = check_stream(endless(), CONFIG, jobs=jobs)
    first = next(results)
    assert first["id"] == "a1"
    read_ahead = 4 * jobs * CHUNK if jobs > 1 else 0
    assert pulled <= read_ahead + 2 * jobs * CHUNK + CHUNK  # bounded, although the input never ends
    results.close()  # shuts the worker pool down


@pytest.mark.parametrize("count, jobs", [(62, 2), (200, 4), (10, 2), (3, 2)])
def test_chunks_shrink_as_the_batch_ends_so_workers_finish_together(count: int, jobs: int) -> None:
    from mtcheck.run.pipeline import _chunks

    chunks = list(_chunks(iter(range(count)), jobs))
    sizes = [len(c) for c in chunks]
    assert [a for c in chunks for a in c] == list(range(count))  # every article once, in order
    assert max(sizes) <= CHUNK and sizes == sorted(sizes, reverse=True)
    assert sizes[-jobs:] == [1] * jobs  # the last chunk each worker takes is one article: nobody waits long
    assert len(sizes) <= -(-count // CHUNK) + 4 * jobs + CHUNK  # not one chunk per article


def test_one_process_checks_full_chunks() -> None:
    from mtcheck.run.pipeline import _chunks

    assert [len(c) for c in _chunks(iter(range(2 * CHUNK + 3)), 1)] == [CHUNK, CHUNK, 3]


def test_a_cluster_keeps_chunks_of_one_size() -> None:
    from mtcheck.run.pipeline import _chunks

    assert [len(c) for c in _chunks(iter(range(5)), 2, guided=False)] == [1] * 5  # as small as the batch asks
    assert {len(c) for c in _chunks(iter(range(200)), 2, guided=False)} == {CHUNK}
