"""The atlas in a real headless Chromium with every non-local request blocked."""

from __future__ import annotations

import colorsys
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from events.catalogue import Catalogue
from events.loader import load_catalogue
from geo.holders import HOLDERS
from maps.build import render_all, write_outputs
from maps.interactive import PERIOD_END

pytestmark = pytest.mark.browser
KARS = (40.5983, 43.0855)


class Page:
    """A loaded atlas page plus what it tried to fetch and what it logged as errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def goto(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("document.documentElement.dataset.atlasDate !== undefined")

    def set_date(self, iso: str) -> None:
        self.page.evaluate("iso => { window.location.hash = iso; }", iso)
        self.page.wait_for_function("iso => document.documentElement.dataset.atlasDate === iso", arg=iso)

    def filled(self, colour: str) -> int:
        """How many drawn SVG shapes are filled with this colour."""
        count: int = self.page.locator(f'path.leaflet-interactive[fill="{colour}"]').count()
        return count

    def click_at(self, lat: float, lon: float) -> None:
        """Click the map where a place is, as a user would."""
        x, y = self.page.evaluate(
            "([lat, lon]) => { const m = MMAtlas.instance.map;"
            " const p = m.latLngToContainerPoint([lat, lon]);"
            " const r = m.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }",
            [lat, lon],
        )
        self.page.mouse.click(x, y)

    def hue_at(self, lat: float, lon: float) -> float | None:
        """The hue (degrees) of the screenshot pixel over a place; None where it is greyish (land, sea)."""
        x, y = self.page.evaluate(
            "([lat, lon]) => { const p = MMAtlas.instance.map.latLngToContainerPoint([lat, lon]);"
            " return [Math.round(p.x), Math.round(p.y)]; }",
            [lat, lon],
        )
        image = Image.open(io.BytesIO(self.page.screenshot())).convert("RGB")
        r, g, b = (c / 255 for c in image.getpixel((x, y)))  # type: ignore[union-attr]
        hue, saturation, _ = colorsys.rgb_to_hsv(r, g, b)
        return hue * 360 if saturation > 0.2 else None


def hue(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hsv(r, g, b)[0] * 360


def same_hue(found: float | None, colour: str) -> bool:
    if found is None:
        return False
    gap = abs(found - hue(colour)) % 360
    return min(gap, 360 - gap) < 12


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Path, str], Page]]:
    contexts: list[Any] = []

    def open_atlas(folder: Path, fragment: str = "") -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        wrapped = Page(context.new_page())

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:", "blob:")):
                route.continue_()
            else:
                wrapped.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        wrapped.page.on("console", lambda m: wrapped.errors.append(m.text) if m.type == "error" else None)
        wrapped.page.on("pageerror", lambda e: wrapped.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            wrapped.dialogs.append(dialog.message)
            dialog.dismiss()

        wrapped.page.on("dialog", on_dialog)
        wrapped.goto((folder / "index.html").as_uri() + fragment)
        return wrapped

    yield open_atlas
    for context in contexts:
        context.close()


def test_atlas_loads_offline_without_errors(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    atlas = open_page(built, "")
    assert atlas.blocked == []
    assert atlas.errors == []
    assert atlas.page.locator(".leaflet-overlay-pane path").count() > 0  # land is drawn


def test_layer_control_lists_the_layers(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    atlas = open_page(built, "")
    # Folded away so it does not hide the Caucasus; a pointer over it opens the list.
    assert atlas.page.locator(".leaflet-control-layers-expanded").count() == 0
    atlas.page.hover(".leaflet-control-layers")
    atlas.page.locator(".leaflet-control-layers-expanded").wait_for()
    labels = [
        t.strip() for t in atlas.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    ]
    assert labels[:3] == ["Denetim alanları", "İddialar, antlaşma bölgeleri ve hatları", "Cepheler"]
    assert any(label.startswith("Olaylar: Antlaşma") for label in labels)
    assert len(labels) >= 6


def test_time_control_changes_what_is_drawn(built: Path, open_page: Callable[[Path, str], Page]) -> None:
    armenia, ankara = HOLDERS["armenia"].colour, HOLDERS["ankara"].colour
    atlas = open_page(built, "#1920-09-01")
    assert atlas.page.locator(".mm-date").inner_text() == "1 Eylül 1920"
    assert atlas.filled(armenia) >= 1
    assert same_hue(atlas.hue_at(*KARS), armenia)
    events_before = atlas.page.locator(".leaflet-marker-pane *, path.leaflet-interactive").count()

    atlas.set_date("1921-03-20")
    assert atlas.page.locator(".mm-date").inner_text() == "20 Mart 1921"
    assert atlas.filled(armenia) == 0 and atlas.filled(ankara) >= 1
    assert same_hue(atlas.hue_at(*KARS), ankara)
    assert atlas.page.locator(".leaflet-marker-pane *, path.leaflet-interactive").count() != events_before
    assert atlas.errors == [] and atlas.blocked == []


def test_slider_and_buttons_move_the_date(
    built: Path, catalogue: Catalogue, open_page: Callable[[Path, str], Page]
) -> None:
    last_start = max(e.when.start for e in catalogue.events)
    end = max(last_start, PERIOD_END)
    atlas = open_page(built, "#1920-12-01")
    atlas.page.get_by_role("button", name="Sonraki olay").click()
    after = atlas.page.evaluate("document.documentElement.dataset.atlasDate")
    assert after > "1920-12-01"
    assert atlas.page.url.endswith("#" + after)
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
    from events.vocabulary import CATEGORY_STYLE

    return CATEGORY_STYLE["treaty"][2]
