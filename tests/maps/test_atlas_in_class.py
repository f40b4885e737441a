"""The atlas as a lecturer uses it: every popup opens, routes are lines, keys change the date and
nothing else, search puts the place first, the comparison page is titled and carries its data once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.maps.conftest import Page

pytestmark = pytest.mark.browser

OPEN_POPUP = """([key, date]) => {
  const a = MMAtlas.instance;
  a.map.closePopup();
  a.setDate(date);
  let layer;
  if (key.startsWith("cell:")) {
    layer = a.control.cells[a.control.data.cells.findIndex(c => c.p === key.slice(5))];
  }
  else if (key.startsWith("front:")) layer = a.control.fronts[key.slice(6)];
  else { const e = a.byId[key]; if (!a.map.hasLayer(e.group)) a.map.addLayer(e.group); layer = e.layer; }
  layer.openPopup(layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
  // A closed popup fades out for 200 ms: the one just opened is the last.
  const shown = document.querySelectorAll(".leaflet-popup-content");
  return shown[shown.length - 1].innerText;
}"""

# One feature of every kind, the day it is in force, and what its popup must say.
KINDS = [
    ("treaty-of-gumru", "1920-12-03", "Gümrü"),  # event
    ("mustafa-kemal-journey-1919", "1919-06-01", "Samsun"),  # journey
    ("cell:kars", "1920-12-03", "Kars"),  # area of control
    ("misak-i-milli", "1920-08-10", "Misak-ı Millî"),  # claim
    ("sevres-smyrna-zone", "1920-08-10", "Sevr"),  # treaty zone
    ("gumru-treaty-line", "1920-12-03", "Gümrü"),  # treaty line
    ("western-front-sakarya", "1921-08-25", "Sakarya"),  # front drawn from its anchors
    ("front:western", "1921-08-25", "Batı Cephesi"),  # front derived from the ledger
]


@pytest.mark.parametrize("page", ["index.html", "1921.html"])
def test_a_popup_of_every_kind_opens_with_its_sources_and_no_error(
    built: Path, open_page: Callable[..., Page], page: str
) -> None:
    atlas = open_page(built, "", page)
    for key, date, said in KINDS:
        if page == "1921.html" and not date.startswith("1921"):
            continue
        text = atlas.page.evaluate(OPEN_POPUP, [key, date])
        assert said in text, (key, text[:200])
        assert "Kaynaklar" in text, key
    assert atlas.errors == []


def test_the_sides_of_a_drawn_front_are_named_in_its_popup(
    built_en: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built_en, "")
    text = atlas.page.evaluate(OPEN_POPUP, ["western-front-sakarya", "1921-08-25"])
    assert "Sides" in text and "Greece" in text
    assert atlas.errors == []


def test_a_journey_is_a_line_with_arrowheads_and_no_fill(built: Path, open_page: Callable[..., Page]) -> None:
    atlas = open_page(built, "#1919-06-01")
    fill, heads = atlas.page.evaluate(
        """() => { const a = MMAtlas.instance, e = a.byId["mustafa-kemal-journey-1919"];
        const arrows = a.entries.find(x => x.id === "mustafa-kemal-journey-1919:arrows");
        return [e.layer._path.getAttribute("fill"), arrows && a.map.hasLayer(arrows.layer)
          ? arrows.layer.getLatLngs().length : 0]; }"""
    )
    assert fill == "none"
    assert heads >= 2  # one arrowhead per leg of Samsun – Havza – Amasya – … – Ankara
    atlas.set_date("1920-06-01")
    assert not atlas.page.evaluate(
        """() => { const a = MMAtlas.instance;
        return a.map.hasLayer(a.entries.find(x => x.id === "mustafa-kemal-journey-1919:arrows").layer); }"""
    )


def test_arrow_keys_change_the_date_and_leave_the_map_where_it_was(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-12-03")
    atlas.click_at(39.0, 35.0)  # focus the map, as a lecturer clicking on it would
    atlas.page.keyboard.press("Escape")
    before = atlas.page.evaluate("() => MMAtlas.instance.map.getCenter()")
    atlas.page.keyboard.press("ArrowRight")
    after_date = atlas.page.evaluate("document.documentElement.dataset.atlasDate")
    atlas.page.keyboard.press("Shift+ArrowLeft")
    assert after_date > "1920-12-03"
    assert atlas.page.evaluate("() => MMAtlas.instance.map.getCenter()") == before


def test_embedded_in_a_deck_the_page_leaves_keys_to_the_deck(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-12-03&embed")
    atlas.page.locator("body").press("ArrowRight")
    atlas.page.keyboard.press("Space")
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == "1920-12-03"
    assert atlas.page.evaluate("() => MMAtlas.instance.timer") is None
    atlas.page.locator(".mm-time .mm-button").first.focus()  # the reader chose the time control
    atlas.page.keyboard.press("ArrowRight")
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") > "1920-12-03"
    assert atlas.page.evaluate("window.location.hash").endswith("&embed")


def test_search_lists_the_place_first_and_moves_by_arrow_keys(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-12-03")
    box = atlas.page.locator(".mm-search-input")
    box.fill("Kars")
    options = atlas.page.locator(".mm-search-results [role=option]")
    first = options.first.inner_text()
    assert first.startswith("Kars"), options.all_inner_texts()
    assert "(Kars (" not in " ".join(options.all_inner_texts())  # no name said twice
    box.fill("Arpaçay")
    assert not any("Arpaçay (Arpaçay" in t for t in options.all_inner_texts())
    box.fill("Gümrü Antlaşması")
    box.press("ArrowDown")
    assert atlas.page.locator("[role=option][aria-selected=true]").count() == 1
    box.press("Enter")
    assert atlas.page.locator(".leaflet-popup").count() == 1
    box.fill("Kars")
    options.first.click()
    # The earlier popup is closed (it fades out for 200 ms).
    atlas.page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0", timeout=2000)
    assert atlas.errors == []


def test_compare_titles_each_side_shows_the_sevres_zones_left_and_carries_the_data_once(
    built: Path, open_page: Callable[..., Page]
) -> None:
    compare = open_page(built, "", "compare.html")
    compare.page.wait_for_function("document.documentElement.dataset.compareReady === 'true'")
    titles = compare.page.locator(".mm-side-title .mm-side-date").all_inner_texts()
    assert titles == ["10 Ağustos 1920", "24 Temmuz 1923"]
    zones = compare.page.evaluate(
        """() => MMAtlas.all.map(a => { const z = a.layers.zones;
        if (!z || !a.map.hasLayer(z.layer)) return [];
        return z.layer.getLayers().map(l => l.feature.properties.id)
          .filter(id => id.startsWith("sevres") && a.entries.some(
            e => e.id === id && e.start <= a.current && a.current <= e.end)); })"""
    )
    assert len(zones[0]) == 5 and zones[1] == []
    html = (built / "compare.html").read_text(encoding="utf-8")
    index = (built / "index.html").read_text(encoding="utf-8")
    assert len(html) < 1.25 * len(index)
    assert compare.errors == []


def test_keys_on_the_comparison_page_move_the_side_last_used(
    built: Path, open_page: Callable[..., Page]
) -> None:
    compare = open_page(built, "", "compare.html")
    compare.page.wait_for_function("document.documentElement.dataset.compareReady === 'true'")
    right = compare.page.evaluate(
        "() => { const r = MMAtlas.all[1].map.getContainer().getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; }"
    )
    compare.page.mouse.click(*right)
    compare.page.keyboard.press("Shift+ArrowLeft")
    assert compare.page.evaluate("document.documentElement.dataset.compare") == "1920-08-10/1923-06-24"
