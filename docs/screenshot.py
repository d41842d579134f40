"""Take the README screenshot: score the seeds, open one article page in Chromium, save a PNG.

    .venv/bin/python docs/screenshot.py [SEED_ID] [--out docs/screenshot-article.png]

Uses Debian's Chromium through Playwright, as the browser tests do. The first mark of the kind
given by --hover shows its reason, as a reader pointing at it would see.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from analyzer.batch import score_paths

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default="000_6af52c64d008fc3c")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-article.png")
    parser.add_argument("--hover", default="mark.q", help="CSS selector of the mark to point at")
    parser.add_argument("--scroll", default=".text p:nth-of-type(5)", help="element to scroll to")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        score_paths([str(ROOT / "seeds")], Path(tmp))
        page_path = Path(tmp) / "articles" / f"{args.article}.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(page_path.as_uri())
            page.locator(args.scroll).first.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -120)")
            page.locator(args.hover).first.hover()
            page.screenshot(path=str(args.out))
            browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
