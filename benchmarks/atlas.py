"""The atlas at scale: 1,000 / 10,000 / 100,000 events, beside one folium.Marker per event.

For each size it prints the build time (catalogue in memory → HTML text), the HTML size, and the
time headless Chromium takes from navigation to a drawn, working page (the atlas marks the
moment; for the Marker page, the load event). All figures come from one run, side by side;
nothing is asserted (these machines are shared and noisy). Targets from issue 5: 10,000 events
build in ≤ 2 s and are ready in ≤ 1.5 s, and build ≥ 10× faster than one Marker each.

Run: .venv/bin/python benchmarks/atlas.py   (or: make bench)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402

from mmatlas.catalogue.catalogue import Catalogue  # noqa: E402
from mmatlas.catalogue.loader import load_catalogue  # noqa: E402
from mmatlas.catalogue.model import Event  # noqa: E402
from mmatlas.render.atlas.interactive import atlas_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["battle", "treaty", "diplomacy", "military", "political", "occupation"]


def synthetic(catalogue: Catalogue, count: int) -> Catalogue:
    """The bundled catalogue plus `count` dated events spread over 1919–1923 and its towns."""
    towns = [p for p in catalogue.places.values() if catalogue.gazetteer.geometry(p).geom_type == "Point"]
    events, places = list(catalogue.events), dict(catalogue.event_places)
    start = dt.date(1919, 1, 1)
    for i in range(count):
        day = start + dt.timedelta(days=i % 1800)
        town = towns[i % len(towns)]
        event = Event.model_validate(
            {
                "id": f"synthetic-{i}",
                "when": day.isoformat(),
                "category": CATEGORIES[i % len(CATEGORIES)],
                "title": {"tr": f"Olay {i}", "en": f"Event {i}"},
                "summary": {"tr": f"Özet {i}", "en": f"Summary {i}"},
                "places": [town.id],
                "sources": [{"ref": "seed-celik"}],
            }
        )
        events.append(event)
        places[event.id] = (town,)
    events.sort(key=lambda e: (e.when.start, e.when.end, e.id))
    return dataclasses.replace(catalogue, events=tuple(events), event_places=places)


def markers_html(catalogue: Catalogue) -> str:
    """The naive page: one folium.Marker with a popup per event."""
    page = folium.Map(location=(39.4, 37.6), zoom_start=6, tiles=None)
    for event in catalogue.events:
        point = catalogue.gazetteer.geometry(catalogue.event_places[event.id][0]).representative_point()
        folium.Marker((point.y, point.x), popup=event.title.tr).add_to(page)
    return str(page.get_root().render())


def ready_seconds(browser: object, path: Path, atlas: bool) -> float:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page.goto(path.as_uri(), wait_until="load", timeout=600_000)
    if atlas:
        page.wait_for_selector("[data-atlas-ready-ms]", state="attached", timeout=600_000)
        ms = float(page.get_attribute("[data-atlas-ready-ms]", "data-atlas-ready-ms"))
    else:
        ms = float(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    page.close()
    return ms / 1000


def main() -> None:
    from playwright.sync_api import sync_playwright

    base = load_catalogue()
    print(f"{'events':>8} {'page':<8} {'build s':>8} {'HTML MB':>8} {'ready s':>8} {'build ×':>8}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for count in (1_000, 10_000, 100_000):
            catalogue = synthetic(base, count)
            timings: dict[str, float] = {}
            for kind in ("atlas", "markers"):
                if kind == "markers" and count > 10_000:
                    print(f"{count:>8,} {kind:<8} {'(skipped: minutes per build)':>36}")
                    continue
                started = time.perf_counter()
                html = (
                    atlas_html(catalogue, lang="tr", offline=True)
                    if kind == "atlas"
                    else markers_html(catalogue)
                )
                built = time.perf_counter() - started
                timings[kind] = built
                path = Path(tmp) / f"{kind}-{count}.html"
                path.write_text(html, encoding="utf-8")
                ready = ready_seconds(browser, path, kind == "atlas")
                ratio = f"{timings['markers'] / timings['atlas']:.0f}" if kind == "markers" else ""
                size = len(html.encode()) / 1e6
                print(f"{count:>8,} {kind:<8} {built:>8.2f} {size:>8.1f} {ready:>8.2f} {ratio:>8}")
        browser.close()
    print("\nbuild ×: the Marker page's build time over the atlas's, for the same events")


if __name__ == "__main__":
    main()
