"""The page's script and the Python side word dates, fold names and name places alike.

Both sides are run on the same inputs: the JavaScript modules through Node (on every machine
this project supports; `.ci/run` checks for it), the Python functions directly.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.text import CASE_SUFFIXES, fold, fold_exact
from mmatlas.render.atlas.search import place_entries
from mmatlas.render.i18n import MONTHS, day_text

MODULES = Path(__file__).resolve().parents[2] / "mmatlas" / "render" / "atlas" / "static" / "js"
YEARS = range(1918, 1927)


def run_js(expression: str, data: Any) -> Any:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to check the page's script (apt-get install nodejs)")
    script = (
        f"const MMDates = require({json.dumps(str(MODULES / 'dates.js'))});\n"
        f"const MMNames = require({json.dumps(str(MODULES / 'names.js'))});\n"
        "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        f"process.stdout.write(JSON.stringify({expression}));\n"
    )
    done = subprocess.run(
        [node, "-e", script], input=json.dumps(data), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def every_name(catalogue: Catalogue) -> list[str]:
    names = [n.text for p in catalogue.places.values() for n in p.names]
    names += [e.title.get("tr") for e in catalogue.events] + [e.title.get("en") for e in catalogue.events]
    typed = ["Kars'ta", "BATUM'DA", "Gümrü'nün", "Ankara'ya", "İzmir’de", "Alek'sandrapol", "Qal'a", "ıIiİ"]
    return sorted(set(names + typed))


def test_names_fold_alike_for_search(catalogue: Catalogue) -> None:
    names = every_name(catalogue)
    assert len(names) > 800
    js = run_js(
        "{fold: data.names.map(n => MMNames.fold(n, data.suffixes)), "
        "exact: data.names.map(n => MMNames.foldExact(n))}",
        {"names": names, "suffixes": sorted(CASE_SUFFIXES)},
    )
    differ = [(n, a, fold(n)) for n, a in zip(names, js["fold"], strict=True) if a != fold(n)]
    assert differ == []
    differ = [(n, a, fold_exact(n)) for n, a in zip(names, js["exact"], strict=True) if a != fold_exact(n)]
    assert differ == []


def test_a_place_bears_the_same_name_in_a_year_on_both_sides(catalogue: Catalogue) -> None:
    entries = place_entries(catalogue, "en")
    js = run_js(
        "data.entries.map(p => data.years.map(y => [MMNames.periodName(p, y, 'tr'), "
        "MMNames.periodName(p, y, 'en')]))",
        {"entries": entries, "years": list(YEARS)},
    )
    differ = []
    for entry, by_year in zip(entries, js, strict=True):
        place = catalogue.places[entry["id"]]
        for year, (tr, en) in zip(YEARS, by_year, strict=True):
            if (tr, en) != (place.name("tr", year), place.name("en", year)):
                differ.append((entry["id"], year, tr, en))
    assert differ == []


def test_days_are_worded_alike() -> None:
    days = [dt.date(1918, 10, 30) + dt.timedelta(days=n) for n in range(0, 1900, 7)]
    for lang in ("tr", "en"):
        js = run_js(
            "data.days.map(d => MMDates.dayText(d, data.months))",
            {"days": [d.isoformat() for d in days], "months": MONTHS[lang]},
        )
        assert js == [day_text(d, lang) for d in days]
