"""The HTML reports driven in headless Chromium (Playwright): what an editor actually sees.

Needs the ``playwright`` Python package and Debian's ``/usr/bin/chromium``. Without them these
tests skip, unless ``MTCHECK_REQUIRE_BROWSER=1`` (set in CI), where they fail loudly instead.
Screenshots land in ``test-artifacts/`` (git-ignored).
"""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mtcheck.config import Config
from mtcheck.reporters.html import write_html_reports
from mtcheck.run.pipeline import run_check

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("MTCHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _unavailable(reason: str) -> None:
    if os.environ.get("MTCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (MTCHECK_REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the 'playwright' package is not installed (pip install playwright)")
    if not Path(CHROMIUM).is_file():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Error as exc:
            _unavailable(f"chromium failed to start: {str(exc).splitlines()[0]}")
        yield instance
        instance.close()


class Page:
    """A page plus every console error and uncaught exception it produced."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.fixture
def reports(planted: dict[str, Any], tmp_path: Path) -> tuple[dict[str, Any], Path]:
    out = tmp_path / "reports"
    write_html_reports(planted, out)
    return planted, out


def _visible_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all("#articles tbody tr:not([hidden]) th a", "els => els.map(e => e.textContent)")


def _page_for(out: Path, article_id: str) -> Path:
    from mtcheck.reporters.html import article_filename

    return out / article_filename(article_id)


def _check_highlights(page: Any, document_article: dict[str, Any]) -> int:
    """Every placed finding's marks, read back from the DOM, spell exactly its span's text."""
    checked = 0
    for position, version in enumerate(document_article["versions"]):
        for number, f in enumerate(version["findings"]):
            fid = f"v{position}-f{number}"
            for side, key in (("t", "target"), ("s", "source")):
                span = f.get(key)
                if not span or not span["text"].strip():
                    continue
                pieces = page.eval_on_selector_all(
                    f'section#{version["lang"]} .{"tgt" if side == "t" else "src"} mark[data-f~="{fid}"]',
                    "els => els.map(e => e.textContent)",
                )
                assert pieces, f"{fid} ({f['rule']}) has no highlight in {key}"
                assert re.sub(r"\s+", "", "".join(pieces)) == re.sub(r"\s+", "", span["text"]), fid
                assert page.locator(f"#{fid}-{side}").count() == 1
                checked += 1
    return checked


def test_long_ids_paths_and_quotes_wrap_inside_the_page(browser: Any, planted: dict[str, Any], tmp_path: Path) -> None:
    """A 900-character id stretched the dashboard to 9,440 px (every score off-screen) and the article header
    to 14,431 px; a finding quoting a 5,000-character word, the page to 43,504 px. The id's bidi override
    reached the page's title raw (the tab showed it reversed)."""
    import copy

    doc = copy.deepcopy(planted)
    article = next(a for a in doc["articles"] if a["id"] == "banjir-jakarta")
    article["id"] = "X" * 900 + "\u202e"
    article["source"]["path"] = "/" + "p" * 400 + "/id.txt"
    finding = next(f for v in article["versions"] for f in v["findings"] if f.get("target"))
    finding["target"]["text"] = "w" * 5000
    out = tmp_path / "reports"
    write_html_reports(doc, out)
    for path in (out / "index.html", _page_for(out, article["id"])):
        page = Page(browser, path).page
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth"), (path.name, width)
    assert page.title() == "X" * 900 + "\u27e8U+202E\u27e9 · mtcheck"


def test_dashboard_filters_and_sorts(browser: Any, reports: tuple[dict[str, Any], Path]) -> None:
    document, out = reports
    p = Page(browser, out / "index.html")
    page = p.page
    ids = [a["id"] for a in document["articles"]]
    assert sorted(_visible_rows(page)) == sorted(ids)
    assert _visible_rows(page)[0] == "banjir-jakarta"  # worst first

    page.select_option("select[name=verdict]", "pass")
    assert _visible_rows(page) == ["beasiswa"]
    assert "1 of 3" in page.inner_text("#shown")
    page.select_option("select[name=verdict]", "")
    page.select_option("select[name=lang]", "ar")
    assert _visible_rows(page) == ["banjir-jakarta"]
    assert page.locator('#articles th[data-lang="en"]').is_hidden()
    assert page.locator('#articles th[data-lang="ar"]').is_visible()
    page.click("button[type=reset]")
    page.select_option("select[name=rule]", "LINK001")
    assert len(_visible_rows(page)) == 1 and "window.__pwned" in _visible_rows(page)[0]
    page.select_option("select[name=rule]", "")
    page.select_option("select[name=category]", "terminology/wrong-term")
    assert _visible_rows(page) == ["banjir-jakarta"]
    page.select_option("select[name=category]", "")
    page.fill("input[name=q]", "beas")
    assert _visible_rows(page) == ["beasiswa"]
    page.fill("input[name=q]", "")

    page.click('th[data-key="id"] button')
    assert _visible_rows(page) == sorted(ids)
    assert page.get_attribute('th[data-key="id"]', "aria-sort") == "ascending"
    page.click('th[data-key="id"] button')
    assert _visible_rows(page) == sorted(ids, reverse=True)
    page.click('th[data-key="total"] button')  # most findings first
    assert _visible_rows(page)[0] == "banjir-jakarta" and _visible_rows(page)[-1] == "beasiswa"

    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    p.shot("dashboard.png")
    assert p.errors == []


def test_article_page_highlights_rtl_and_keyboard(browser: Any, reports: tuple[dict[str, Any], Path]) -> None:
    document, out = reports
    article = next(a for a in document["articles"] if a["id"] == "banjir-jakarta")
    p = Page(browser, _page_for(out, article["id"]))
    page = p.page
    assert _check_highlights(page, article) >= 7

    # Arabic: right-to-left and isolated, in an Arabic-language block.
    ar_block = page.locator('section#ar .tgt .txt[lang="ar"]').first
    assert ar_block.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert ar_block.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    assert page.locator('section#en .src .txt[lang="id"]').count() == 4

    # Tabs: one language at a time; arrow keys move between them.
    page.click('a[role=tab][href="#en"]')
    assert page.locator("section#en").is_visible() and page.locator("section#ar").is_hidden()
    page.keyboard.press("ArrowRight")
    assert page.locator("section#zh").is_visible()
    page.click('a[role=tab][href="#en"]')

    # Keyboard: a highlight takes focus, shows its finding, and Enter jumps to the list entry.
    mark = page.locator('section#en mark[data-f~="v1-f0"]').first
    mark.focus()
    assert mark.evaluate("e => e === document.activeElement")
    tip = page.locator("#tip")
    assert tip.is_visible() and "NUM002" in tip.inner_text() and "15 people" in tip.inner_text()
    outline = mark.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    p.shot("article-en.png")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#v1-f0'")
    assert page.evaluate("document.activeElement.id") == "v1-f0"
    # ... and the list links back to the highlight.
    page.click('#v1-f0 a[href="#v1-f0-t"]')
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'MARK'")
    assert "v1-f0" in page.evaluate("document.activeElement.dataset.f")

    # An omission: the source paragraph faces an empty translation cell.
    gap = page.locator("section#en tr.row-omission")
    assert gap.count() == 1 and "Wali kota" in gap.locator("td.src").inner_text()
    assert gap.locator("td.tgt.gap").count() == 1
    assert page.locator("section#en tr.row-boilerplate td.tgt").inner_text().startswith("BOILERPLATE")

    # Print: every language, no tabs or tooltips.
    page.emulate_media(media="print")
    assert all(page.locator(f"section#{v['lang']}").is_visible() for v in article["versions"])
    assert page.locator("nav.tabs").is_hidden() and page.locator("#tip").is_hidden()
    assert p.errors == []


def test_injected_markup_never_runs(browser: Any, reports: tuple[dict[str, Any], Path]) -> None:
    document, out = reports
    hostile = next(a for a in document["articles"] if "<script>" in a["id"])
    p = Page(browser, _page_for(out, hostile["id"]))
    page = p.page
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert page.locator("main script").count() == 0
    assert hostile["id"] in page.inner_text("h1")
    assert "<script>window.__pwned = 3</script>" in page.inner_text("section#en .tgt")
    _check_highlights(page, hostile)
    # The RLO is shown as a badge and cannot reorder text after the marked word.
    assert page.locator('.ctl[data-cp="U+202E"]').count() >= 1
    page.locator('section#en mark[data-f~="v0-f0"]').first.hover()
    assert "<script>window.__pwned = 5</script>" in page.inner_text("#tip")
    assert page.evaluate("window.__pwned") is None
    p.shot("article-hostile.png")
    assert p.errors == []


def test_shipped_samples_render_cleanly(browser: Any, tmp_path: Path) -> None:
    samples = ROOT / "samples"
    if not samples.is_dir():
        pytest.skip("no samples/ folder")
    document = run_check([str(samples)], Config(encoder="none"), {"encoder": "none"})
    assert document["articles"], "samples/ holds no readable article"
    out = tmp_path / "samples"
    write_html_reports(document, out)
    index = Page(browser, out / "index.html")
    assert len(_visible_rows(index.page)) == len(document["articles"])
    assert index.errors == []
    for article in document["articles"]:
        p = Page(browser, _page_for(out, article["id"]))
        _check_highlights(p.page, article)
        for version in article["versions"]:
            direction = p.page.locator(f"section#{version['lang']} .tgt .txt").first.evaluate(
                "e => getComputedStyle(e).direction")
            assert direction == ("rtl" if version["lang"] == "ar" else "ltr")
        assert p.errors == [], article["id"]
        p.page.close()
    shutil.copy(out / "index.html", ARTIFACTS / "samples-index.html") if ARTIFACTS.is_dir() else None
