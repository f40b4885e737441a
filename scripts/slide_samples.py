"""Regenerate the README's sample slide images (docs/slide-*.png) from three stops of the tour.

The same drawing as `build_maps.py slides`, in English and at 100 dpi to keep the README light.
Run: .venv/bin/python scripts/slide_samples.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mmatlas.catalogue.loader import load_catalogue  # noqa: E402
from mmatlas.render.build import write_outputs  # noqa: E402
from mmatlas.render.slides.slide_images import stop_images  # noqa: E402
from mmatlas.render.stops import load_stops  # noqa: E402

SAMPLES = ("baku-congress", "sakarya", "mudanya")
DPI = 100


def main() -> None:
    catalogue = load_catalogue()
    stops = [s for s in load_stops(catalogue) if s.stop.id in SAMPLES]
    drawn = stop_images(catalogue, stops, lang="en", dpis=(DPI,))
    files: dict[str, str | bytes] = {
        f"slide-{images.placed.stop.id}.png": images.files[f"{images.stem}-{DPI}dpi.png"] for images in drawn
    }
    for path in write_outputs(files, ROOT / "docs"):
        print(f"{path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
