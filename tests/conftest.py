"""Shared fixtures: the bundled catalogue, one real build, and a real headless Chromium."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.loader import load_catalogue
from mmatlas.render.build import render_all, write_outputs
from mmatlas.render.stops import PlacedStop, load_stops

# Debian's chromium by default; ATLAS_CHROMIUM points elsewhere (e.g. Chrome on Windows or macOS).
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


# A small catalogue for unit tests (tests/fixtures/small/README.md): the full one only where the
# history itself is the point.
SMALL = Path(__file__).resolve().parent / "fixtures" / "small"


@pytest.fixture(scope="session")
def small_catalogue() -> Catalogue:
    return load_catalogue([SMALL], bundled=False)


@pytest.fixture(scope="session")
def stops(catalogue: Catalogue) -> list[PlacedStop]:
    return load_stops(catalogue)


@pytest.fixture(scope="session")
def built(catalogue: Catalogue, stops: list[PlacedStop], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled catalogue built once, offline, in Turkish: what `make maps` produces."""
    out = tmp_path_factory.mktemp("output")
    write_outputs(render_all(catalogue, lang="tr", offline=True, stops=stops), out)
    return out


@pytest.fixture(scope="session")
def built_en(catalogue: Catalogue, stops: list[PlacedStop], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("output-en")
    write_outputs(render_all(catalogue, lang="en", offline=True, stops=stops), out)
    return out


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented YAML file into a temporary folder and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; skipped only where no Chromium exists, never in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()
