"""The README's example event must stay a valid event: users copy it."""

from __future__ import annotations

import re
from pathlib import Path

from mmatlas.catalogue.loader import load_catalogue

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_example_event_loads_and_keeps_both_dates(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.DOTALL)
    assert example is not None, "README lost its YAML example"
    mine = tmp_path / "mine.yaml"
    # The bundled catalogue already has this id; the copy must differ only in its id.
    mine.write_text(example.group(1).replace("id: treaty-of-gumru ", "id: my-gumru ", 1), encoding="utf-8")
    event = next(e for e in load_catalogue([mine]).events if e.id == "my-gumru")
    assert (event.when.start.isoformat(), event.category) == ("1920-12-03", "treaty")
    assert [v.when.start.isoformat() for v in event.date_variants] == ["1920-12-02"]
