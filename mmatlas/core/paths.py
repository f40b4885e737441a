"""Where the data folders users edit live: beside the package, at the top of the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT / "geo"  # places, the control ledger, territories, fronts, land
EVENTS = ROOT / "events"  # events by year, the bibliography, actors, tours
DEFAULT_OUT = ROOT / "output"
