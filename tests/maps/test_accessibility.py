"""axe-core (pinned in package-lock.json, inlined into the page under test, no network) finds no
violation of moderate impact or more on the atlas, the comparison page and a year page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.maps.conftest import Page

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("name", ["index.html", "compare.html", "1921.html"])
@pytest.mark.parametrize("build", ["built", "built_en"])
def test_no_accessibility_violation_of_moderate_impact_or_more(
    name: str, build: str, request: pytest.FixtureRequest, open_page: Callable[..., Page]
) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    folder: Path = request.getfixturevalue(build)
    atlas = open_page(folder, "", name)
    atlas.page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = atlas.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("moderate", "serious", "critical")
    ]
    assert serious == []
    assert atlas.blocked == []
