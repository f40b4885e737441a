"""The JavaScript and CSS the atlas needs, inline (offline) or linked from a CDN (smaller file).

Leaflet comes from the pinned XStatic-Leaflet package and is read at build time; nothing
third-party is copied into this repository. The atlas's own script and style sheet live in
mmatlas/render/atlas/static/.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

STATIC = Path(__file__).resolve().parent / "static"
# The atlas's own modules, in the order they are inlined: each defines one global (MMDates, …)
# that the next may use; atlas.js, last, starts the page.
SCRIPTS = ("dates.js", "names.js", "style.js", "timeline.js", "atlas.js")
LEAFLET_VERSION = xstatic_leaflet.VERSION
LEAFLET_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist"


@dataclass(frozen=True)
class Assets:
    """What goes into <head>: either whole files inline or links to a CDN."""

    head_html: str


def assets(*, offline: bool) -> Assets:
    scripts = "\n".join(_own(f"js/{name}") for name in SCRIPTS)
    own = f"<style>{_own('atlas.css')}</style>\n<script>{scripts}</script>"
    if not offline:
        return Assets(
            f'<link rel="stylesheet" href="{LEAFLET_CDN}/leaflet.css"/>\n'
            f'<script src="{LEAFLET_CDN}/leaflet.js"></script>\n{own}'
        )
    return Assets(f"<style>{_leaflet_css()}</style>\n<script>{_leaflet_js()}</script>\n{own}")


def _leaflet_dir() -> Path:
    return Path(xstatic_leaflet.BASE_DIR)


@cache
def _leaflet_js() -> str:
    return _script_safe((_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8"))


@cache
def _leaflet_css() -> str:
    css = (_leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")

    # Images referenced by the style sheet become data URIs: a page with no network and no
    # neighbouring files must not request anything.
    def inline(match: re.Match[str]) -> str:
        data = (_leaflet_dir() / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


@cache
def _own(name: str) -> str:
    return _script_safe((STATIC / name).read_text(encoding="utf-8"))


def _script_safe(text: str) -> str:
    # A literal "</script" inside inline code would end the element early.
    return text.replace("</script", "<\\/script")
