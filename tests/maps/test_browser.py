"""The atlas in a real headless Chromium with every non-local request blocked."""

from __future__ import annotations

import colorsys
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.loader import load_catalogue
from mmatlas.core.holders import HOLDERS
from mmatlas.core.vocabulary import CATEGORY_COLOUR
from mmatlas.render.atlas.interactive import PERIOD_END
from mmatlas.render.build import render_all, write_outputs
from mmatlas.render.stops import PlacedStop
from tests.maps.conftest import Page

pytestmark = pytest.mark.browser
KARS = (40.5983, 43.0855)


def hue(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hsv(r, g, b)[0] * 360


def same_hue(found: float | None, colour: str) -> bool:
    if found is None:
        return False
    gap = abs(found - hue(colour)) % 360
    return min(gap, 360 - gap) < 12


def open_page_plain(open_page: Callable[[Path, str], Page], path: Path, fragment: str) -> Page:
    """Open another page of the output folder (compare.html, 1919.html) the same way."""
    return open_page(path.parent, fragment, path.name)  # type: ignore[call-arg]


def test_atlas_loads_offline_without_errors(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    atlas = open_page(built, "")
    assert atlas.blocked == []
    assert atlas.errors == []
    assert atlas.page.locator(".leaflet-overlay-pane path").count() > 0  # land is drawn


def test_layer_control_groups_the_layers(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    atlas = open_page(built, "")
    # Folded away so it does not hide the Caucasus; a pointer over it opens the list.
    panel = atlas.page.locator(".mm-layers-panel")
    assert not panel.is_visible()
    atlas.page.hover(".mm-layers")
    panel.wait_for()
    groups = atlas.page.locator(".mm-layer-group legend").all_inner_texts()
    assert groups == ["Alanlar ve hatlar", "Cepheler", "Olaylar", "Harita"]
    areas = atlas.page.locator('.mm-layer-group[data-group="areas"] .mm-layer').all_inner_texts()
    assert [a.strip() for a in areas] == [
        "Denetim alanları",
        "İddialar ve antlaşma bölgeleri",
        "Antlaşma ve ateşkes hatları",
    ]
    fronts = atlas.page.locator('.mm-layer-group[data-group="fronts"] .mm-layer').all_inner_texts()
    assert [f.strip() for f in fronts] == ["Batı Cephesi", "Doğu Cephesi", "Güney Cephesi"]
    assert "Antlaşma" in [
        e.strip()
        for e in atlas.page.locator('.mm-layer-group[data-group="events"] .mm-layer').all_inner_texts()
    ]


def test_claims_are_off_until_switched_on(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    atlas = open_page(built, "#1921-01-01")
    claim = 'path.leaflet-interactive[stroke-dasharray="2 6"]'  # the Misak-ı Millî claim's outline
    assert atlas.page.locator(claim).count() == 0
    atlas.page.hover(".mm-layers")
    atlas.page.locator('input[data-layer="zones"]').check()
    assert atlas.page.locator(claim).count() >= 1
    atlas.page.locator('input[data-layer="zones"]').uncheck()
    assert atlas.page.locator(claim).count() == 0


def test_time_control_changes_what_is_drawn(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    armenia, ankara = HOLDERS["armenia"].fill, HOLDERS["ankara"].fill
    atlas = open_page(built, "#1920-09-01")
    assert atlas.page.locator(".mm-date").inner_text() == "1 Eylül 1920"
    assert atlas.filled(armenia) >= 1
    assert same_hue(atlas.hue_at(*KARS), armenia)
    events_before = atlas.page.locator(".leaflet-marker-pane *, path.leaflet-interactive").count()

    # After Armenia's February rising was put down (Erivan Soviet again from 2 April 1921).
    atlas.set_date("1921-04-20")
    assert atlas.page.locator(".mm-date").inner_text() == "20 Nisan 1921"
    assert atlas.filled(armenia) == 0 and atlas.filled(ankara) >= 1
    assert same_hue(atlas.hue_at(*KARS), ankara)
    assert atlas.page.locator(".leaflet-marker-pane *, path.leaflet-interactive").count() != events_before
    assert atlas.errors == [] and atlas.blocked == []


def test_play_advances_the_date_and_changes_what_is_drawn(
    built: Path, open_page: Callable[[Path, str], Page]
) -> None:
    atlas = open_page(built, "#1920-10-25")
    assert same_hue(atlas.hue_at(*KARS), HOLDERS["armenia"].colour)
    atlas.page.get_by_role("button", name="Oynat").click()
    atlas.page.wait_for_function("document.documentElement.dataset.atlasDate > '1920-11-05'")
    atlas.page.get_by_role("button", name="Durdur").click()
    stopped = atlas.page.evaluate("document.documentElement.dataset.atlasDate")
    atlas.page.wait_for_timeout(400)
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == stopped
    # Kars changed hands on 30 October 1920: Armenia's colour before, Ankara's after.
    assert same_hue(atlas.hue_at(*KARS), HOLDERS["ankara"].colour)


def test_a_link_to_12_march_1921_shows_batum_and_kars_turkish(
    built: Path, catalogue: Catalogue, open_page: Callable[[Path, str], Page]
) -> None:
    atlas = open_page(built, "#1921-03-12")
    ankara = HOLDERS["ankara"].colour
    batum = catalogue.gazetteer.geometry(catalogue.gazetteer.resolve("Batum"))
    atlas.page.evaluate(
        "([lat, lon]) => { MMAtlas.instance.map.setView([lat, lon], 8, {animate: false}); }",
        [batum.y, batum.x],
    )
    assert same_hue(atlas.hue_at(batum.y, batum.x), ankara)
    atlas.page.evaluate(
        "([lat, lon]) => { MMAtlas.instance.map.setView([lat, lon], 7, {animate: false}); }", list(KARS)
    )
    assert same_hue(atlas.hue_at(*KARS), ankara)


def test_an_uncertain_event_is_drawn_faded_and_dashed(
    built: Path, open_page: Callable[[Path, str], Page]
) -> None:
    # Halil Pasha sent to Russia: "early 1920", recorded as 1920-01~ (approximate month).
    atlas = open_page(built, "#1920-01-15")
    diplomacy = CATEGORY_COLOUR["diplomacy"]
    fuzzy = atlas.page.locator(f'path.leaflet-interactive[fill="{diplomacy}"][stroke-dasharray="3 3"]')
    assert fuzzy.count() >= 1
    assert fuzzy.first.get_attribute("fill-opacity") == "0.4"
    atlas.set_date("1920-04-26")  # Mustafa Kemal's letter to Lenin: an exact day
    exact = atlas.page.locator(f'path.leaflet-interactive[fill="{diplomacy}"]:not([stroke-dasharray])')
    assert exact.count() >= 1 and exact.first.get_attribute("fill-opacity") == "0.95"


def test_each_lecture_stop_opens_its_date_and_view(
    built: Path, stops: list[PlacedStop], open_page: Callable[[Path, str], Page]
) -> None:
    atlas = open_page(built, "")
    # With no date asked for, the atlas opens on the first stop.
    assert atlas.page.locator(".mm-caption").inner_text() == stops[0].stop.caption.tr
    options = atlas.page.locator(".mm-stop-select option:not([disabled])")
    assert options.count() == len(stops) >= 12
    for index, placed in enumerate(stops):
        atlas.page.select_option(".mm-stop-select", str(index))
        date = atlas.page.evaluate("document.documentElement.dataset.atlasDate")
        lat, lon, zoom = atlas.page.evaluate(
            "() => { const m = MMAtlas.instance.map, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"
        )
        assert date == placed.stop.date.isoformat()
        assert zoom == placed.stop.zoom
        assert abs(lat - placed.lat) < 0.05 and abs(lon - placed.lon) < 0.05
        assert atlas.page.locator(".mm-caption").inner_text() == placed.stop.caption.tr
        claims_on = "zones" in placed.stop.layers
        assert atlas.page.locator('input[data-layer="zones"]').is_checked() == claims_on
    atlas.page.get_by_role("button", name="Önceki durak").click()
    assert (
        atlas.page.evaluate("document.documentElement.dataset.atlasDate") == stops[-2].stop.date.isoformat()
    )


def test_compare_shows_two_dates_in_step(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    compare = open_page_plain(open_page, built / "compare.html", "")
    compare.page.wait_for_function("document.documentElement.dataset.compareReady === 'true'")
    assert compare.page.evaluate("document.documentElement.dataset.compare") == "1920-08-10/1923-07-24"
    assert compare.page.locator(".mm-date").all_inner_texts() == ["10 Ağustos 1920", "24 Temmuz 1923"]
    colours = compare.page.evaluate(
        "MMAtlas.all.map(a => [...a.map.getContainer().querySelectorAll('path.leaflet-interactive')]"
        ".map(p => p.getAttribute('fill')).sort().join())"
    )
    assert colours[0] != colours[1]  # Greek and French areas in 1920, none in 1923
    compare.page.evaluate("() => { MMAtlas.all[0].map.setView([38.4, 27.1], 8, {animate: false}); }")
    assert compare.page.evaluate(
        "[MMAtlas.all[1].map.getZoom(), MMAtlas.all[1].map.getCenter().lat.toFixed(1)]"
    ) == [8, "38.4"]
    compare.page.evaluate("window.location.hash = '1921-01-01/1922-01-01'")
    compare.page.wait_for_function("document.documentElement.dataset.compare === '1921-01-01/1922-01-01'")
    assert compare.page.locator(".mm-date").all_inner_texts() == ["1 Ocak 1921", "1 Ocak 1922"]
    assert compare.errors == [] and compare.blocked == []


def test_search_finds_places_by_any_name_and_events(
    built: Path, open_page: Callable[[Path, str], Page]
) -> None:
    atlas = open_page(built, "#1920-12-03")
    box = atlas.page.locator(".mm-search-input")
    for query in ("Gümrü", "gumru", "Alexandropol", "Leninakan"):
        box.fill(query)
        results = atlas.page.locator(".mm-result-place").all_inner_texts()
        assert any(r.startswith("Gümrü (Gyumri, Ermenistan)") for r in results), (query, results)
    box.fill("Gümrü Antlaşması")
    atlas.page.locator(".mm-result-event").first.click()
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == "1920-12-03"
    assert "Gümrü Antlaşması" in atlas.page.locator(".leaflet-popup-content h3").inner_text()
    box.fill("Qqxzy")
    assert atlas.page.locator(".mm-none").inner_text() == "Sonuç yok"


def test_labels_use_the_name_of_the_day_in_the_chosen_language(
    built: Path, built_en: Path, open_page: Callable[[Path, str], Page]
) -> None:
    turkish = open_page(built, "#1920-12-03")
    assert turkish.page.locator('.mm-label[data-place="gumru"]').inner_text() == "Gümrü"
    english = open_page(built_en, "#1920-12-03")
    assert english.page.locator('.mm-label[data-place="gumru"]').inner_text() == "Alexandropol"
    assert english.page.locator(".mm-date").inner_text() == "3 December 1920"


def test_year_pages_open_on_their_year(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    for year in (1919, 1923):
        page = open_page_plain(open_page, built / f"{year}.html", "")
        assert page.page.evaluate("document.documentElement.dataset.atlasDate").startswith(str(year))
        page.page.locator(".mm-slider").focus()
        page.page.keyboard.press("End")
        assert page.page.evaluate("document.documentElement.dataset.atlasDate").startswith(str(year))
        assert page.errors == [] and page.blocked == []


def test_slider_and_buttons_move_the_date(
    built: Path, catalogue: Catalogue, open_page: Callable[[Path, str], Page]
) -> None:
    end = PERIOD_END  # facts dated later are listed beside the timeline, not on it
    atlas = open_page(built, "#1920-12-01")
    atlas.page.get_by_role("button", name="Sonraki olay").click()
    after = atlas.page.evaluate("document.documentElement.dataset.atlasDate")
    assert after > "1920-12-01"
    assert atlas.page.url.endswith("#" + after)
    atlas.page.get_by_role("button", name="Bir ay ileri").click()
    day = dt.date.fromisoformat(after)
    month_on = day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1)
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == month_on.isoformat()
    atlas.page.locator(".mm-date").click()  # keys act when no input has the focus
    atlas.page.keyboard.press("Shift+ArrowLeft")
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == after
    atlas.page.keyboard.press("ArrowLeft")
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") < after
    atlas.page.locator(".mm-slider").focus()
    atlas.page.keyboard.press("End")
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == end.isoformat()


def test_dates_before_1970_survive_the_round_trip(
    built: Path, open_page: Callable[[Path, str], Page]
) -> None:
    atlas = open_page(built, "#1918-10-30")
    assert atlas.page.locator(".mm-date").inner_text() == "30 Ekim 1918"
    atlas.page.locator(".mm-slider").focus()
    atlas.page.keyboard.press("ArrowRight")
    assert atlas.page.evaluate("document.documentElement.dataset.atlasDate") == "1918-10-31"


def test_popup_shows_both_dates_of_gumru_with_their_sources(
    built: Path, catalogue: Catalogue, open_page: Callable[[Path, str], Page]
) -> None:
    atlas = open_page(built, "#1920-12-03")
    gumru = catalogue.gazetteer.geometry(catalogue.gazetteer.resolve("Gümrü"))
    atlas.click_at(gumru.y, gumru.x)
    popup = atlas.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Gümrü Antlaşması" in text and "Kaynaklar" in text
    # The seeds disagree on the day: both dates are shown, each with its author.
    assert "3 Aralık 1920" in text and "2 Aralık 1920" in text
    assert "Şener" in text and "Çelik" in text


def test_hostile_text_is_shown_not_run(
    write_yaml: Callable[[str, str], Path], tmp_path: Path, open_page: Callable[[Path, str], Page]
) -> None:
    hostile = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
    path = write_yaml(
        "hostile.yaml",
        f"""
        - id: hostile
          when: "1920-12-03"
          category: diplomacy
          title: {{tr: '{hostile}', en: 'x'}}
          summary: {{tr: "s", en: "s"}}
          places: [Kars]
          sources: [{{ref: seed-ataturk-soviet}}]
        """,
    )
    out = tmp_path / "hostile-out"
    write_outputs(render_all(load_catalogue([path]), lang="tr", offline=True), out)
    atlas = open_page(out, "#1920-12-03")
    diplomacy = "#762a83"
    atlas.page.locator(f'path.leaflet-interactive[fill="{diplomacy}"]').first.click(force=True)
    assert atlas.page.locator(".leaflet-popup-content h3").inner_text() == hostile
    assert atlas.dialogs == [] and atlas.errors == []
    assert atlas.page.locator(".leaflet-popup-content img").count() == 0


def _treaty_colour() -> str:
    from mmatlas.core.vocabulary import CATEGORY_COLOUR

    return CATEGORY_COLOUR["treaty"]


def test_an_area_popup_names_the_town_its_holder_since_when_and_the_source(
    built: Path, catalogue: Catalogue, open_page: Callable[[Path, str], Page]
) -> None:
    """Clicking the land round Uşak on 1 September 1920: the ledger line that made it Greek."""
    atlas = open_page(built, "#1920-09-01")
    usak = catalogue.gazetteer.point(catalogue.gazetteer.resolve("Uşak"))
    atlas.page.evaluate("([lat, lon]) => { MMAtlas.instance.map.setView([lat, lon], 8, {animate: false}); }",
                        [usak.y, usak.x + 0.05])  # fmt: skip
    atlas.click_at(usak.y, usak.x + 0.05)  # beside the town's own label
    popup = atlas.page.locator(".leaflet-popup-content")
    assert popup.locator("h3").inner_text() == "Uşak"
    text = popup.inner_text()
    assert "Denetleyen: Yunanistan" in text and "Şu tarihten beri: 29 Ağustos 1920" in text
    assert "Local History of the National Struggle" in text  # TÜBA, the source that dates it
    steps = popup.locator(".mm-timeline li").all_inner_texts()
    assert steps[:3] == [
        "30 Ekim 1918 (Mondros) — İstanbul Hükûmeti (Osmanlı)",
        "23 Nisan 1920 — Ankara Hükûmeti (TBMM)",
        "29 Ağustos 1920 — Yunanistan",
    ]
    assert atlas.errors == []


def test_a_derived_front_is_drawn_and_its_popup_names_the_war(
    built: Path, open_page: Callable[[Path, str], Page]
) -> None:
    """25 August 1921, between Eskişehir and the Sakarya: weeks the hand-drawn fronts left empty."""
    atlas = open_page(built, "#1921-08-25")
    assert atlas.page.locator("path.mm-front-western").count() == 1
    x, y = atlas.page.evaluate(
        "() => { const a = MMAtlas.instance, line = a.control.fronts.western;"
        " const p = a.map.latLngToContainerPoint(line.getLatLngs()[0][0]);"
        " const r = a.map.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }"
    )
    atlas.page.mouse.click(x, y)
    popup = atlas.page.locator(".leaflet-popup-content")
    assert popup.locator("h3").inner_text() == "Batı Cephesi"
    assert "Yunan ordusuna karşı Batı Cephesi" in popup.inner_text()
    assert atlas.errors == []


def test_a_change_dated_to_a_span_is_drawn_faint_until_the_span_ends(
    built: Path, catalogue: Catalogue, open_page: Callable[[Path, str], Page]
) -> None:
    """The Italians left Bodrum some time in the summer (June–August) of 1921 (southwest.yaml)."""
    atlas = open_page(built, "#1921-07-15")
    bodrum = catalogue.gazetteer.resolve("Bodrum").id
    cell = atlas.page.locator(f'path.mm-cell[data-town="{bodrum}"]')
    assert (cell.get_attribute("data-holder"), cell.get_attribute("data-faint")) == ("ankara", "true")
    assert cell.get_attribute("fill") == HOLDERS["ankara"].faint
    atlas.set_date("1921-09-15")
    assert (cell.get_attribute("data-holder"), cell.get_attribute("data-faint")) == ("ankara", "false")
    assert cell.get_attribute("fill") == HOLDERS["ankara"].fill
