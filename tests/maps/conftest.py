"""Fixtures for the browser tests: an atlas page opened in the real Chromium, every non-local
request blocked and every console error kept."""

from __future__ import annotations

import colorsys
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image


class Page:
    """A loaded atlas page plus what it tried to fetch and what it logged as errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def goto(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("document.querySelectorAll('[data-atlas-ready]').length > 0")

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
        """The hue (degrees) of the area drawn over a place: the commonest coloured (not greyish)
        pixel round it, since the place's own label, a line or the sea beside a port may cover
        the place itself; None where all round it is greyish (land, sea)."""
        x, y = self.page.evaluate(
            "([lat, lon]) => { const p = MMAtlas.instance.map.latLngToContainerPoint([lat, lon]);"
            " return [Math.round(p.x), Math.round(p.y)]; }",
            [lat, lon],
        )
        image = Image.open(io.BytesIO(self.page.screenshot())).convert("RGB")
        patch = image.crop((x - 6, y - 6, x + 7, y + 7))
        coloured = []
        for count, colour in patch.getcolors(169) or []:
            hue, saturation, _ = colorsys.rgb_to_hsv(*(c / 255 for c in colour))  # type: ignore[union-attr]
            if saturation > 0.2:
                coloured.append((count, hue * 360))
        return max(coloured)[1] if coloured else None


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Path, str], Page]]:
    contexts: list[Any] = []

    def open_atlas(folder: Path, fragment: str = "", name: str = "index.html") -> Page:
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
        wrapped.goto((folder / name).as_uri() + fragment)
        return wrapped

    yield open_atlas
    for context in contexts:
        context.close()
