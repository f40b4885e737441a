"""End-to-end builds: what `make maps` writes, byte-identical twice, atomic and escaped."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.loader import load_catalogue
from mmatlas.cli import main
from mmatlas.render.build import render_all, write_outputs

EXPORTS = ("events", "journeys", "places", "regions", "control_areas", "claims_and_zones", "lines", "fronts")


def test_build_writes_the_atlas_and_every_export(built: Path, catalogue: Catalogue) -> None:
    page = (built / "index.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="tr">')
    assert "<title>Millî Mücadele Atlası 1919–1923</title>" in page
    events = json.loads((built / "data/events.geojson").read_text(encoding="utf-8"))
    assert len(events["features"]) == len(catalogue.events)
    for name in EXPORTS:
        data = json.loads((built / f"data/{name}.geojson").read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and data["features"], name
        for feature in data["features"]:
            props = feature["properties"]
            assert props["id"] and props["sources"], (name, props["id"])
            if name not in ("places", "regions"):
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", props["start"]), props
                assert props["start"] <= props["end"]


def test_the_atlas_carries_the_cells_once_not_each_days_areas(built: Path, catalogue: Catalogue) -> None:
    """Several hundred change days of areas would weigh megabytes: the page carries each cell
    once, with its timeline, and stays small enough to open on a classroom computer."""
    assert len(catalogue.control.days) > 100 and len(catalogue.control.towns) > 300
    assert (built / "index.html").stat().st_size < 1_500_000


def test_exports_carry_kind_holder_and_dates(built: Path) -> None:
    areas = json.loads((built / "data/control_areas.geojson").read_text(encoding="utf-8"))
    control = areas["features"]
    assert {f["properties"]["kind"] for f in control} == {"control"}
    # One feature per holder and span of days, polygons only, as GIS users expect.
    assert {f["geometry"]["type"] for f in control} <= {"Polygon", "MultiPolygon"}
    spans = {
        (f["properties"]["holder"], f["properties"]["start"], f["properties"]["uncertain"]) for f in control
    }
    assert len(spans) == len(control)
    # Kars was Armenian until the Turkish army retook it on 30 October 1920 (geo/control/caucasus.yaml).
    with_kars = [f["properties"] for f in control if "Kars" in f["properties"]["towns"]]
    armenian = [p for p in with_kars if p["holder"] == "armenia" and p["start"] <= "1920-09-01" <= p["end"]]
    assert len(armenian) == 1 and armenian[0]["sources"]
    assert any(p["holder"] == "ankara" and p["start"] == "1920-10-30" for p in with_kars)
    # The derived fronts, one feature per theatre and span, cover the western front every day.
    fronts = json.loads((built / "data/fronts.geojson").read_text(encoding="utf-8"))
    western = sorted(
        (f["properties"]["start"], f["properties"]["end"])
        for f in fronts["features"]
        if f["properties"].get("derived") and f["properties"]["theatre"] == "western"
    )
    assert western[0][0] == "1919-05-15" and western[-1][1] == "1922-10-11"
    assert all(
        dt.date.fromisoformat(a[1]) + dt.timedelta(days=1) == dt.date.fromisoformat(b[0])
        for a, b in itertools.pairwise(western)
    )


def test_the_page_is_self_contained(built: Path) -> None:
    page = (built / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", page)
    assert "L.version" in page or "Leaflet" in page  # Leaflet itself is inline
    assert "url(images/" not in page  # its images are data URIs


def test_cdn_option_links_leaflet_instead(catalogue: Catalogue) -> None:
    page = render_all(catalogue, lang="en", offline=False)["index.html"]
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>' in page
    assert len(page) < len(render_all(catalogue, lang="en", offline=True)["index.html"]) - 100_000


def test_two_builds_are_byte_identical(catalogue: Catalogue, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_outputs(render_all(catalogue, lang="tr", offline=True), first)
    write_outputs(render_all(load_catalogue(), lang="tr", offline=True), second)
    for path in sorted(first.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_a_build_removes_the_files_earlier_versions_wrote_and_it_no_longer_does(tmp_path: Path) -> None:
    old = tmp_path / "data" / "territories.geojson"  # areas and lines in one file, before
    old.parent.mkdir(parents=True)
    old.write_text('{"type":"FeatureCollection","features":[]}', encoding="utf-8")
    assert main(["--out", str(tmp_path)]) == 0
    assert not old.exists() and (tmp_path / "data" / "control_areas.geojson").exists()


def test_failed_build_leaves_previous_output_intact(
    write_yaml: Callable[[str, str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert main(["--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = write_yaml("bad.yaml", "- id: broken\n  when: someday\n")
    assert main(["--events", str(bad), "--out", str(out)]) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.glob(".building-*"))


HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_events(write_yaml: Callable[[str, str], Path]) -> Path:
    return write_yaml(
        "hostile.yaml",
        f"""
        - id: hostile
          when: "1920-12-03"
          category: diplomacy
          title: {{tr: '{HOSTILE}', en: '{HOSTILE}'}}
          summary: {{tr: "a & b < c", en: "a & b < c"}}
          places: [Kars]
          actors: ['"quoted"']
          sources: [{{ref: seed-ataturk-soviet}}]
        """,
    )


def test_yaml_text_is_escaped_in_html_and_javascript(hostile_events: Path) -> None:
    page = render_all(load_catalogue([hostile_events]), lang="tr", offline=True)["index.html"]
    assert isinstance(page, str)
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == page.count("<script")
