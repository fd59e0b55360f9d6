"""Screenshots of the HTML report for the README: ``docs/dashboard.png`` and ``docs/article.png``.

Checks the articles in ``samples/`` (or the folders given), renders the reports into a
temporary folder and photographs them in headless Chromium at 1280 px wide. The article
shot shows the version with the most findings, with its most severe highlight focused so
its tooltip is visible.

Usage: python bench/screenshots.py [PATHS ...] [--out docs] [--encoder none]
Needs: the ``playwright`` package and ``/usr/bin/chromium`` (or --chromium PATH).
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RANK = {"critical": 3, "major": 2, "minor": 1, "neutral": 0}


def pick_version(document: dict[str, Any]) -> tuple[dict[str, Any], int, int]:
    """(article, version position, finding number) worth showing: most findings, worst first."""
    best: tuple[tuple[int, int], dict[str, Any], int, int] | None = None
    for article in document["articles"]:
        for pos, version in enumerate(article["versions"]):
            placed = [(RANK.get(f["severity"], 0), -n, n) for n, f in enumerate(version["findings"]) if f["target"]]
            if not placed or "text" not in version:
                continue
            key = (len(placed), max(placed)[0])
            if best is None or key > best[0]:
                best = (key, article, pos, max(placed)[2])
    if best is None:
        raise SystemExit("no finding with a span in these articles: nothing to show")
    return best[1], best[2], best[3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["samples"], help="relative to the repository root")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--encoder", default="none")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from mtcheck.config import Config
    from mtcheck.reporters.html import write_html_reports
    from mtcheck.run.pipeline import run_check
    from mtcheck.store.output import safe_filename

    os.chdir(ROOT)  # relative paths: the shots show "samples/...", not this machine's folders
    document = run_check(args.paths, Config(encoder=args.encoder), {"encoder": args.encoder})
    article, pos, number = pick_version(document)
    lang = article["versions"][pos]["lang"]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        write_html_reports(document, Path(tmp))
        browser = p.chromium.launch(
            executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto((Path(tmp) / "index.html").as_uri())
        page.screenshot(path=str(args.out / "dashboard.png"), full_page=True)
        page.goto((Path(tmp) / safe_filename(article["id"])).as_uri() + f"#{lang}")
        mark = page.locator(f'section#{lang} .tgt mark[data-f~="v{pos}-f{number}"]').first
        page.mouse.move(0, 0)
        mark.focus()  # shows the tooltip; keep focus while scrolling back to the top
        page.evaluate("window.scrollTo(0, 0)")
        box = mark.bounding_box() or {"y": 0.0}
        height = int(min(max(900, box["y"] + 300), 1500))
        page.screenshot(path=str(args.out / "article.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": height})
        browser.close()
    for name in ("dashboard.png", "article.png"):
        path = args.out / name
        print(f"{path}  {path.stat().st_size // 1024} KiB")
    print(f"article shot: {article['id']} ({lang}), finding {number + 1}")


if __name__ == "__main__":
    main()
