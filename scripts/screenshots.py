"""Regenerate the README's screenshots of the atlas (docs/atlas-*.png) in headless Chromium.

Run: .venv/bin/python scripts/screenshots.py   (needs /usr/bin/chromium)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mmatlas.catalogue.loader import load_catalogue  # noqa: E402
from mmatlas.render.build import render_all, write_outputs  # noqa: E402
from mmatlas.render.stops import load_stops  # noqa: E402

SHOTS = {
    "atlas-1919-06-01.png": "index.html#1919-06-01",
    "atlas-1921-03-12.png": "index.html#1921-03-12",
    "atlas-1922-09-20.png": "index.html#1922-09-20",
    "compare.png": "compare.html",
}


def main() -> None:
    from playwright.sync_api import sync_playwright

    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        out = Path(tmp)
        write_outputs(render_all(catalogue, lang="en", offline=True, stops=load_stops(catalogue)), out)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 760})
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
        )
        for name, target in SHOTS.items():
            page.goto(
                (out / target.split("#")[0]).as_uri() + ("#" + target.split("#")[1] if "#" in target else "")
            )
            page.wait_for_selector("[data-atlas-ready]", state="attached")
            page.wait_for_timeout(400)
            page.screenshot(path=str(ROOT / "docs" / name))
            print(f"docs/{name}")
        browser.close()


if __name__ == "__main__":
    main()
