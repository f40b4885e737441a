"""End-to-end builds: what `make maps` writes, byte-identical twice, atomic and escaped."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from build_maps import main
from events.catalogue import Catalogue
from events.loader import load_catalogue
from maps.build import render_all, write_outputs

EXPORTS = ("events", "places", "territories", "fronts")


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
            if name != "places":
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", props["start"]), props
                assert props["start"] <= props["end"]


def test_exports_carry_kind_holder_and_dates(built: Path) -> None:
    territories = json.loads((built / "data/territories.geojson").read_text(encoding="utf-8"))
    kars = next(f for f in territories["features"] if f["id"] == "armenia-kars-region")["properties"]
    assert (kars["holder"], kars["kind"], kars["end"]) == ("armenia", "control", "1920-10-29")
    assert kars["precision_km"] == 30 and kars["certainty"] == "medium"


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
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == page.count("<script")
