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

# name: (page and fragment, viewport)
SHOTS = {
    "atlas-1919-06-01.png": ("index.html#1919-06-01", (1280, 760)),
    "atlas-1921-03-12.png": ("index.html#1921-03-12", (1280, 760)),
    "atlas-1922-09-20.png": ("index.html#1922-09-20", (1280, 760)),
    "compare.png": ("compare.html", (1280, 760)),
    "atlas-present.png": ("index.html#1920-04-23&present", (1280, 720)),  # a projector
    "atlas-phone.png": ("index.html#1921-08-25", (390, 844)),
}


def main() -> None:
    from playwright.sync_api import sync_playwright

    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        out = Path(tmp)
        write_outputs(render_all(catalogue, lang="en", offline=True, stops=load_stops(catalogue)), out)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, (target, (width, height)) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
            )
            page.goto(
                (out / target.split("#")[0]).as_uri() + ("#" + target.split("#")[1] if "#" in target else "")
            )
            page.wait_for_selector("[data-atlas-ready]", state="attached")
            page.wait_for_timeout(400)
            page.screenshot(path=str(ROOT / "docs" / name))
            page.close()
            print(f"docs/{name}")
        browser.close()


if __name__ == "__main__":
    main()
