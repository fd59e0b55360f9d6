"""HTML reports: the dashboard (``index.html``) and one self-contained page per article.

Everything in a results document that came from an article (text, id, paths) or a rule
(messages, suggestions) is untrusted: templates autoescape, and the one place that builds
markup in Python (``render_block``) escapes every piece itself. Bidi control characters
are shown as visible, isolated badges so an RLO in an article cannot reorder the page.
Templates are compiled once per process; pages embed their CSS and JS (no network).
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import stat
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from mtcheck.reporters.html_segments import Block
from mtcheck.reporters.html_views import SEVERITIES, DashboardBuilder, article_view, language
from mtcheck.results.document import degraded_notes, fixable_counts
from mtcheck.store.output import make_folder, safe_filename, write_atomic

# Embedding, override and isolate controls (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NO_BREAK = re.compile("[\u00a0\u202f]")  # what a French-spacing fix puts in: named, or the fix shows nothing
SEVERITY_ICON = {"critical": "◆", "major": "▲", "minor": "●", "neutral": "○"}
VERDICT_ICON = {"pass": "✓", "warn": "!", "fail": "✗"}


def visible(text: Any) -> Markup:
    """Escape ``text``; wrap each bidi control in an isolated badge naming it.

    The character itself is kept (copy/paste and ``textContent`` stay faithful), but its
    isolate ends where the badge ends, so it cannot reorder anything after it.
    """
    escaped = str(escape("" if text is None else str(text)))
    if not _BIDI_CONTROLS.search(escaped):
        return Markup(escaped)
    return Markup(_BIDI_CONTROLS.sub(_badge, escaped))


def _badge(m: re.Match[str]) -> str:
    return f'<span class="ctl" data-cp="U+{ord(m.group()):04X}">{m.group()}</span>'


def fix_text(text: Any) -> Markup:
    """A fix's text or replacement: as ``visible``, and each no-break space named too."""
    return Markup(_NO_BREAK.sub(_badge, str(visible(text))))


def plain(text: Any) -> str:
    """``text`` for where no markup can go (the page's ``<title>``): each bidi control named, not kept (a
    right-to-left override in an id showed the tab's title reversed)."""
    return _BIDI_CONTROLS.sub(lambda m: f"\u27e8U+{ord(m.group()):04X}\u27e9", "" if text is None else str(text))


def render_block(block: Block, side: str) -> Markup:
    """The segments of one paragraph as HTML: plain text, or a focusable ``<mark>`` per segment.

    ``side`` is ``t`` (translation) or ``s`` (source); a finding's first segment carries the
    anchor ``<fid>-<side>`` that the findings list links to.
    """
    out: list[str] = []
    for seg in block.segments:
        for fid in seg.anchors:
            out.append(f'<span class="anchor" id="{fid}-{side}"></span>')
        if not seg.fids:
            out.append(visible(seg.text))
            continue
        fids = " ".join(seg.fids)
        described = " ".join(f"{fid}-d" for fid in seg.fids)
        classes = f"hl sev-{seg.severity}"
        if len(seg.fids) > 1:
            classes += " multi"
        if not seg.text:
            classes += " point"
        out.append(
            f'<mark class="{classes}" tabindex="0" data-f="{fids}" aria-describedby="{described}">'
            f"{visible(seg.text)}</mark>"
        )
    return Markup("".join(out))


def text_block(block: Block, lang: str, rtl: bool, side: str) -> Markup:
    """One paragraph in its own isolated block, with its language and direction."""
    direction = "rtl" if rtl else "ltr"
    return Markup(f'<div class="txt" lang="{escape(lang)}" dir="{direction}">{render_block(block, side)}</div>')


def paragraph_numbers(blocks: list[Block]) -> str:
    """1-based paragraph numbers of one side of a row (``2+3``), or an en dash for a gap."""
    return "+".join(str(b.index + 1) for b in blocks) or "\u2013"


@lru_cache(maxsize=1)
def _env() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("mtcheck", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["vis"] = visible
    env.filters["fixtext"] = fix_text
    env.filters["plain"] = plain
    env.globals.update(
        text_block=text_block,
        paragraph_numbers=paragraph_numbers,
        SEVERITIES=SEVERITIES,
        SEVERITY_ICON=SEVERITY_ICON,
        VERDICT_ICON=VERDICT_ICON,
        degraded_notes=degraded_notes,
        fixable_counts=fixable_counts,
        asset=_asset,
        csp_hash=_csp_hash,
    )
    return env


@cache
def _asset(name: str) -> Markup:
    """Inline CSS/JS shipped beside the templates (trusted, ours; inlined so pages work offline)."""
    return Markup(resources.files("mtcheck").joinpath("templates").joinpath(name).read_text(encoding="utf-8"))


@cache
def _csp_hash(name: str) -> Markup:
    """CSP source for one inlined script: only our own scripts run, injected markup never does."""
    digest = hashlib.sha256(str(_asset(name)).encode("utf-8")).digest()
    return Markup(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")


PAGE_SIZE = 500  # dashboard rows per page: index.html holds the worst 500, index-2.html the next ...
_DASHBOARD_STEM = re.compile(r"index(?:-\d+)?", re.IGNORECASE)  # its pages' names (any case: macOS, Windows)
_DASHBOARD_PAGE = re.compile(r"index-\d+\.html")  # what finish deletes when a shorter run no longer writes it
# Ids kept as they are only when no other id can give the same name: not a dashboard page's, not one that looks
# hashed (``a/b`` becomes ``a_b-<hash>``: an id written that way took its page), and no capital letter (``News``
# and ``news`` share a file on the case-insensitive file systems of macOS and Windows, where reports are read).
_RESERVED_CASED = re.compile(rf"(?i:{_DASHBOARD_STEM.pattern})|.*-[0-9a-f]{{8}}|.*[A-Z].*")
STAGING_PREFIX = ".mtcheck-pages-"  # the hidden folder of a run's new article pages, until the switch-over


def article_filename(article_id: str) -> str:
    """The file of an article's page, never one of the dashboard's pages (an article whose id is ``index``
    was written over by the dashboard; one whose id is ``index-2`` was deleted as a stale dashboard page),
    nor another id's (see ``_RESERVED_CASED``)."""
    return safe_filename(article_id, reserved=_RESERVED_CASED)


class HtmlWriter:
    """The HTML reports of a streamed batch. Each article's page is written as soon as it is checked, into a
    hidden staging folder beside the reports; ``finish`` writes the dashboard pages (worst first over the
    whole batch) and moves the new pages over the old ones at once, so an interrupted run (Ctrl-C, SIGTERM,
    an error) leaves the previous reports whole and no new page among them (``abort`` removes the staging
    folder). Only the compact dashboard rows are kept, in an SQLite file beside the reports that
    ``finish``/``abort`` delete. Two ids never share a page: a name already taken in this run (a hash
    collision) gets a counter."""

    def __init__(self, out_dir: Path, tool: dict[str, Any], page_size: int | None = None,
                 keep_paths: bool = False, article_pages: bool = True) -> None:
        import tempfile

        make_folder(out_dir)
        self.out_dir, self.tool = out_dir, tool
        self.failure = f"{out_dir}: cannot write reports"  # what a write error is reported as
        self.page_size = page_size or PAGE_SIZE
        self.written: list[Path] = []  # article pages, only if ``keep_paths`` (a batch of any size keeps none)
        self.keep_paths = keep_paths
        self.article_pages = article_pages  # False: the dashboard alone, its rows unlinked (an archive's backfill)
        self._env = _env()
        self._page = self._env.get_template("article.html.j2")
        self._staging: Path | None = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
        fd, name = tempfile.mkstemp(prefix=".index-rows.", suffix=".sqlite", dir=out_dir)
        os.close(fd)
        self._db = Path(name)
        self._rows = DashboardBuilder(name)

    def _free_name(self, article_id: str) -> str:
        """The article's page name, unless this run already wrote a page of that name for another id."""
        assert self._staging is not None, "add after finish or abort"
        name = article_filename(article_id)
        stem, number = name.removesuffix(".html"), 1
        while (self._staging / name).exists():
            number += 1
            name = f"{stem}-{number}.html"
        return name

    def add(self, article: dict[str, Any]) -> None:
        if not self.article_pages:
            self._rows.add(article, "")
            return
        name = self._free_name(article["id"])
        source_rtl = language(str(article.get("source", {}).get("lang", "")))[1]
        html = self._page.render(tool=self.tool, article=article, versions=article_view(article),
                                 source_rtl=source_rtl)
        assert self._staging is not None
        write_atomic(self._staging / name, html, own_folder=True)
        if self.keep_paths:
            self.written.append(self.out_dir / name)
        self._rows.add(article, name)

    def finish(self, document: dict[str, Any]) -> list[Path]:
        """Write the dashboard pages from ``document`` (summary, options, errors; its articles are not
        read) and the rows added, then switch the new pages in; return the paths written: dashboard pages,
        then (``keep_paths``) articles."""
        index = self._env.get_template("index.html.j2")
        pages: list[Path] = []
        try:
            assert self._staging is not None
            for view in self._rows.pages(document.get("options") or {}, self.page_size):
                name = view.page.filename(view.page.number)
                write_atomic(self._staging / name, index.render(doc=document, tool=self.tool, view=view),
                             own_folder=True)
                pages.append(self.out_dir / name)
            # The switch-over (the pipeline holds signals back meanwhile): the new article pages, the
            # dashboard pages last, then the dashboard pages of an earlier, longer run go.
            for staged in sorted(self._staging.iterdir(), key=lambda p: _DASHBOARD_STEM.fullmatch(p.stem) is not None):
                os.replace(staged, self.out_dir / staged.name)
            for stale in self.out_dir.glob("index-*.html"):
                if stale not in pages and _DASHBOARD_PAGE.fullmatch(stale.name) and _replaceable(stale):
                    stale.unlink()
        finally:
            self.abort()
        return pages + self.written

    def abort(self) -> None:
        """Drop what this writer made and did not switch in: the staging folder and the rows' file."""
        self._rows.close()
        self._db.unlink(missing_ok=True)
        if self._staging is not None:
            for staged in self._staging.iterdir():
                staged.unlink(missing_ok=True)
            self._staging.rmdir()
            self._staging = None


def _replaceable(path: Path) -> bool:
    """A file or a link (mtcheck's folder: it may remove either), never a folder someone put there."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def write_html_reports(document: dict[str, Any], out_dir: Path, page_size: int | None = None) -> list[Path]:
    """Write the dashboard (``index.html``, ``index-2.html``, ...) and one page per article into
    ``out_dir``; return the paths written."""
    writer = HtmlWriter(out_dir, document.get("tool", {}), page_size, keep_paths=True)
    try:
        for article in document.get("articles", []):
            writer.add(article)
    except BaseException:
        writer.abort()
        raise
    return writer.finish(document)
