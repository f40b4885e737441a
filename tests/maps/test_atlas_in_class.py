"""The atlas as a lecturer uses it: every popup opens, routes are lines, keys change the date and
nothing else, search puts the place first, the comparison page is titled and carries its data once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.render.atlas.interactive import PERIOD_END, PERIOD_START
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
  else if (key.startsWith("place:")) {  // a place's popup opens from the search box
    const place = a.config.places.find(p => p.id === key.slice(6));
    a.goTo({kind: "place", item: place});
    const open = document.querySelectorAll(".leaflet-popup-content");
    return open[open.length - 1].innerText;
  }
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
    ("place:gumru", "1920-12-03", "Alexandropol"),  # a place: its names in time
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
    # The earlier popup closes (it fades out for 200 ms); the place's own opens.
    atlas.page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1", timeout=2000)
    assert atlas.page.locator(".leaflet-popup-content h3").inner_text() == "Kars"
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


COVERED = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const inside = x >= 0 && y >= 0 && x < window.innerWidth && y < window.innerHeight;
  const top = document.elementFromPoint(x, y);
  return inside && top !== null && document.querySelector(selector).contains(top);
}"""


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720), (1024, 768), (800, 600), (390, 844)])
def test_the_date_and_the_timeline_are_visible_and_uncovered_at_every_size(
    built: Path, open_page: Callable[..., Page], size: tuple[int, int]
) -> None:
    atlas = open_page(built, "#1920-08-10")
    atlas.page.set_viewport_size({"width": size[0], "height": size[1]})
    atlas.page.reload()
    atlas.page.wait_for_function("document.querySelectorAll('[data-atlas-ready]').length > 0")
    for part in (".mm-date", ".mm-slider", ".mm-strip"):
        assert atlas.page.evaluate(COVERED, part), (size, part)
    folded = atlas.page.locator(".mm-legend").evaluate("n => n.classList.contains('mm-folded')")
    assert folded == (size[0] < 1280)
    assert atlas.errors == []


def test_the_timeline_has_a_tick_per_event_of_the_period_and_a_click_goes_to_it(
    built: Path, catalogue: Catalogue, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-01-01")
    within = [e for e in catalogue.events if PERIOD_START <= e.when.start <= PERIOD_END]
    outside = [e for e in catalogue.events if e.when.end < PERIOD_START or e.when.start > PERIOD_END]
    assert atlas.page.locator(".mm-tick").count() == len(within)
    assert atlas.page.locator(".mm-outside li").count() == len(outside) > 0
    atlas.page.locator('.mm-tick[data-event="treaty-of-gumru"]').dispatch_event("click")
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == "1920-12-03"
    bounds = atlas.page.evaluate("() => [MMAtlas.instance.slider.min, MMAtlas.instance.slider.max]")
    assert int(bounds[1]) == (PERIOD_END - PERIOD_START).days


def test_the_legend_lists_what_is_on_the_map_that_day(built: Path, open_page: Callable[..., Page]) -> None:
    atlas = open_page(built, "#1919-06-01")
    rows = atlas.page.locator(".mm-legend-row").all_inner_texts()
    assert "Ankara Hükûmeti (TBMM)" not in rows  # the Assembly did not yet exist
    assert "Yolculuk →" in rows  # Mustafa Kemal's route
    atlas.set_date("1921-08-25")
    rows = atlas.page.locator(".mm-legend-row").all_inner_texts()
    assert "Ankara Hükûmeti (TBMM)" in rows and "Cepheler" in rows and "Yolculuk →" not in rows


def test_playback_keeps_an_event_on_the_map_a_while_after_its_day(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-12-02")
    shown = atlas.page.evaluate(
        """() => { const a = MMAtlas.instance, e = a.byId["treaty-of-gumru"];
        a.timer = 1;  // as while playing
        a.setDate("1920-12-20"); const lingering = e.group.hasLayer(e.layer) && e.lingering;
        a.setDate("1921-02-01"); const gone = !e.group.hasLayer(e.layer);
        a.timer = null; a.setDate("1920-12-20"); const still = e.group.hasLayer(e.layer);
        return [lingering, gone, still]; }"""
    )
    assert shown == [True, True, False]
    speeds = atlas.page.locator(".mm-speed option").all_inner_texts()
    assert speeds == ["1 sn", "3 sn", "10 sn"]


def test_shapes_and_markers_are_reached_by_tab_and_opened_with_enter(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-12-03")
    focusable = atlas.page.locator("path.leaflet-interactive[tabindex='0']")
    drawn = atlas.page.locator("path.leaflet-interactive")
    assert focusable.count() == drawn.count() > 100
    gumru = atlas.page.locator("path[aria-label='Gümrü Antlaşması, 3 Aralık 1920']").first
    gumru.focus()
    atlas.page.keyboard.press("Enter")
    assert "Gümrü Antlaşması" in atlas.page.locator(".leaflet-popup-content h3").inner_text()
    zoom_in = atlas.page.locator(".leaflet-control-zoom-in")
    assert zoom_in.get_attribute("aria-label") == "Yakınlaştır"


def test_presentation_mode_shows_the_stop_large_and_leaves_only_the_timeline(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-04-23&present")
    caption = atlas.page.locator(".mm-present-caption")
    assert caption.locator(".mm-present-title").inner_text() == "Büyük Millet Meclisi açılır"
    size = caption.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")
    assert size >= 28
    for hidden in (".mm-search", ".mm-stops", ".mm-layers"):
        assert not atlas.page.locator(hidden).is_visible()
    assert atlas.page.locator(".mm-slider").is_visible() and atlas.page.locator(".mm-strip").is_visible()
    leave = atlas.page.get_by_role("button", name="Sunum", exact=True)
    assert leave.get_attribute("aria-pressed") == "true"
    leave.click()
    assert atlas.page.locator(".mm-search").is_visible()
    assert not atlas.page.evaluate("window.location.hash").endswith("present")


def test_printing_leaves_the_map_its_date_and_its_legend(built: Path, open_page: Callable[..., Page]) -> None:
    atlas = open_page(built, "#1920-12-03")
    atlas.page.emulate_media(media="print")
    for hidden in (".mm-search", ".mm-stops", ".mm-layers", ".mm-slider", ".leaflet-control-zoom"):
        assert not atlas.page.locator(hidden).is_visible(), hidden
    assert atlas.page.locator(".mm-date").is_visible()
    assert atlas.page.locator(".mm-legend-row").first.is_visible()
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "user-scalable=no" not in html and "maximum-scale" not in html


OVERLAPS = """() => {
  const boxes = Array.from(document.querySelectorAll('.mm-label')).map(n => n.getBoundingClientRect());
  let clashes = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) clashes += 1;
  }));
  return clashes;
}"""


def test_reference_towns_are_named_on_every_day_and_no_two_labels_overlap(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1920-08-10")
    names = atlas.page.locator(".mm-label").all_inner_texts()
    assert "Ankara" in names and "Kars" in names and "İzmir" in names  # no event of theirs that day
    assert atlas.page.evaluate(OVERLAPS) == 0
    atlas.page.evaluate("() => MMAtlas.instance.map.setView([39.5, 30.5], 7, {animate: false})")
    assert atlas.page.locator(".mm-label").count() > len(names) // 2
    assert atlas.page.evaluate(OVERLAPS) == 0
    regions = atlas.page.locator(".mm-label-region").all_inner_texts()
    assert not any(r in ("Doğu Cephesi", "Anadolu", "Yunanistan") for r in names if r not in regions)


def test_rivers_and_lakes_are_drawn_and_the_map_stays_over_the_land(
    built: Path, open_page: Callable[..., Page]
) -> None:
    atlas = open_page(built, "#1921-08-25")
    assert atlas.page.locator(".leaflet-mm-waters-pane path").count() > 50
    lake_van = atlas.page.evaluate(
        """() => { const a = MMAtlas.instance, found = [];
        a.map.eachLayer(l => { if (l.feature && l.feature.properties.kind === "lake"
          && l.getBounds().contains([38.6, 42.9])) found.push(l); });
        return found.length; }"""
    )
    assert lake_van == 1
    # Named on the water, beside the battle of its name and the Mudanya line's river.
    waters = atlas.page.locator(".mm-label-water").all_inner_texts()
    assert {"Sakarya", "Meriç", "Kızılırmak", "Van Gölü"} <= set(waters)
    assert atlas.page.evaluate(OVERLAPS) == 0
    atlas.page.evaluate("() => MMAtlas.instance.map.setView([10, 100], 4, {animate: false})")
    centre = atlas.page.evaluate("() => MMAtlas.instance.map.getCenter()")
    assert 20 <= centre["lat"] <= 64 and -20 <= centre["lng"] <= 70


def test_on_a_phone_the_panels_fold_behind_their_buttons(built: Path, open_page: Callable[..., Page]) -> None:
    atlas = open_page(built, "#1920-12-03")
    atlas.page.set_viewport_size({"width": 390, "height": 844})
    atlas.page.reload()
    atlas.page.wait_for_function("document.querySelectorAll('[data-atlas-ready]').length > 0")
    width = atlas.page.evaluate("() => document.querySelector('.mm-search').getBoundingClientRect().width")
    assert width <= 60
    assert not atlas.page.locator(".mm-stop-select").is_visible()
    atlas.page.locator(".mm-search-input").focus()
    atlas.page.wait_for_timeout(300)
    opened = atlas.page.evaluate("() => document.querySelector('.mm-search').getBoundingClientRect().width")
    assert opened > 200
    atlas.page.get_by_role("button", name="Sonraki durak").click()
    assert atlas.page.locator(".mm-caption").is_visible()
