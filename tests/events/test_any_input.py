"""Whatever a file holds, the loader answers with the project's own located errors, never a
traceback: generated YAML-ish text (valid or not, with control characters, aliases, odd keys,
dates and coordinates) fed to the real loader, on top of the small catalogue."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mmatlas.catalogue.loader import load_catalogue
from mmatlas.core.errors import InputError

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small"

KEYS = ["id", "when", "category", "title", "summary", "places", "sources", "note", "list", "source[s]", "at"]
SCALARS = st.one_of(
    st.sampled_from(
        [
            "1920-12-XX",
            "1920-1X",
            "1920-12-02/",
            "1920-12-02/..",
            "0001-01-01",
            "5 Ocak 1922",
            "1922-01-05",
            "Adana",
            "'ta",
            "tahliye",
            "[37.3, 34.85]",
            "{lat: 37, lon: 35}",
            "&a [1, 2]",
            "*a",
            "Kars'ın",
            "a: b",
            "NaN",
            ".inf",
            "~",
            "null",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A list of items whose values are scalars, flow lists or flow mappings, sometimes broken."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6))
        for number, key in enumerate(keys):
            value = draw(SCALARS)
            shape = draw(st.sampled_from(["plain", "quoted", "list", "map"]))
            written = {
                "plain": value,
                "quoted": '"' + value.replace("\\", "").replace('"', "") + '"',
                "list": f"[{value}, {draw(SCALARS)}]",
                "map": f"{{tr: {value}, ref: {draw(SCALARS)}}}",
            }[shape]
            lines.append(f"{'- ' if number == 0 else '  '}{key}: {written}")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_no_file_makes_the_loader_raise_anything_but_a_located_input_error(document: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "events.yaml").write_text(document, encoding="utf-8", errors="surrogatepass")
        try:
            load_catalogue([SMALL, Path(folder)], bundled=False)
        except InputError as error:
            assert error.problems
            assert all(problem.line >= 1 and problem.column >= 1 for problem in error.problems)
