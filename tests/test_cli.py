"""The command line as a user meets it: exact messages, exit codes, nothing written on error."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from build_maps import main

ROOT = Path(__file__).resolve().parent.parent

THREE_MISTAKES = """
- id: first
  when: "1920-12-03"
  category: treety
  title: {tr: "a", en: "a"}
  summary: {tr: "a", en: "a"}
  places: [Kars]
  sources: [{ref: seed-celik}]
- id: second
  when: "1920-12-33"
  category: treaty
  title: {tr: "a", en: "a"}
  summary: {tr: "a", en: "a"}
  places: [Kars]
  sources: [{ref: seed-celik}]
- id: third
  when: "1920-12-03"
  category: treaty
  title: {tr: "a", en: "a"}
  summary: {tr: "a", en: "a"}
  places: [Rulp]
  sources: [{ref: seed-celik}]
"""


def test_check_reports_three_mistakes_and_writes_nothing(
    write_yaml: Callable[[str, str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_yaml("mine.yaml", THREE_MISTAKES)
    out = tmp_path / "out"
    assert main(["check", "--events", str(path), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"Error: {path}:3:13: category: expected one of battle, military, treaty, conference, congress, "
        "diplomacy, occupation, evacuation, political, journey; found 'treety' (did you mean 'treaty'?)",
        f"Error: {path}:9:9: when: expected a day between 1 and 31 (December 1920 has 31 days); "
        "found '1920-12-33'",
        f"Error: {path}:20:12: places[0]: unknown place 'Rulp' "
        "(did you mean 'Kulp' (Tuzluca, Iğdır, Turkey)?)",
        "3 problems found; nothing was written.",
    ]
    assert not out.exists()


def test_check_on_the_bundled_catalogue_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_build_lists_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path), "--lang", "en", "--date", "1920-12-03"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        rf"Built \d+ events, \d+ territories, \d+ fronts?, \d+ places "
        rf"into {re.escape(str(tmp_path))} in [\d.]+ s:",
        lines[0],
    )
    written = [line.split(" (")[0].strip() for line in lines[1:]]
    expected = ["index.html", "data/events.geojson", "data/places.geojson", "data/territories.geojson"]
    assert written == [str(tmp_path / name) for name in [*expected, "data/fronts.geojson"]]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and '"initial": "1920-12-03"' in page


def test_help_has_examples_and_answers_fast() -> None:
    result = subprocess.run(
        [sys.executable, "build_maps.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "examples:" in result.stdout and "--events PATH" in result.stdout
    assert "check" in result.stdout


def test_bad_option_value_exits_2_with_usage() -> None:
    result = subprocess.run(
        [sys.executable, "build_maps.py", "--lang", "de"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "argument --lang: invalid choice: 'de'" in result.stderr
