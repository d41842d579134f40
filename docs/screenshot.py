"""Take the README screenshot: score the seeds, open one article page in Chromium, save a PNG.

    .venv/bin/python docs/screenshot.py [SEED_ID] [--out docs/screenshot-article.png]

Uses Debian's Chromium through Playwright, as the browser tests do. The first mark of the kind
given by --hover (an unsupported claim by default) shows its reason, as a reader pointing at
it would see.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from analyzer.batch import score_paths

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default="002_10ec1c2511d1067e")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-article.png")
    parser.add_argument("--hover", default="mark.g-claim", help="CSS selector of the mark to hover")
    args = parser.parse_args()
    out = args.out.resolve()
    os.chdir(ROOT)  # the page then names its file seeds/..., as a user running it here sees
    with tempfile.TemporaryDirectory() as tmp:
        score_paths(["seeds"], Path(tmp))
        page_path = Path(tmp) / "articles" / f"{args.article}.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(page_path.as_uri())
            page.locator(args.hover).first.hover()
            page.screenshot(path=str(out))
            browser.close()
    print(out)


if __name__ == "__main__":
    main()
