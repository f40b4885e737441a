"""The command line as a user meets it: exact messages, exit codes, nothing written on error."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.model import Front, Territory
from mmatlas.cli import main

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


@pytest.mark.parametrize("command", [["check"], ["build"], []], ids=["check", "build", "no command"])
def test_three_mistakes_are_reported_together_and_nothing_is_written(
    command: list[str],
    write_yaml: Callable[[str, str], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_yaml("mine.yaml", THREE_MISTAKES)
    out = tmp_path / "out"
    where = ["--out", str(out)] if command != ["check"] else []
    assert main([*command, "--events", str(path), *where]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"Error: {path}:3:13: category: unknown category 'treety' (did you mean 'treaty'?); expected one of "
        "battle, military, treaty, conference, congress, diplomacy, occupation, evacuation, political, "
        "journey, or the legend's word",
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
        rf"Built \d+ events, \d+ territories, \d+ fronts?, \d+ places; "
        rf"control ledger: \d+ towns, \d+ dated changes into {re.escape(str(tmp_path))} in [\d.]+ s:",
        lines[0],
    )
    written = [line.split(" (")[0].strip() for line in lines[1:]]
    pages = ["index.html", "compare.html", *(f"{year}.html" for year in range(1919, 1924)), "embed.md"]
    layers = ("events", "journeys", "places", "regions", "control_areas", "claims_and_zones", "lines")
    files = ("atlas.gpkg", "atlas.kmz", "places.lpf.json")
    data = [*(f"data/{name}.geojson" for name in (*layers, "fronts")), *(f"data/{name}" for name in files)]
    assert written == [str(tmp_path / name) for name in [*pages, *data]]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and '"initial":"1920-12-03"' in page


def help_of(*words: str) -> str:
    return subprocess.run(
        [sys.executable, "build_maps.py", *words, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_help_lists_the_commands_and_each_command_has_its_own_help_with_examples() -> None:
    top = help_of()
    for command in ("build", "check", "where", "geocode", "slides (export)"):
        assert command in top
    where = help_of("where")
    assert "PLACE DATE" in where and "examples:" in where
    assert "python build_maps.py where Kars 1920-09-01" in where
    assert "--dpi" not in where and "--cdn" not in where  # only what where takes
    assert "--dpi N" in help_of("slides") and "--cdn" in help_of("build")


def test_bad_option_value_exits_2_with_usage() -> None:
    result = subprocess.run(
        [sys.executable, "build_maps.py", "--lang", "de"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "argument --lang: invalid choice: 'de'" in result.stderr


def test_geocode_explains_the_match_and_its_rivals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Kulp", "Smyrna'da"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "Kulp → Kulp (Tuzluca, Iğdır, Turkey): 40.0387 N, 43.6521 E",
        "  source: curated (geo/places.yaml, id kulp-tuzluca, GeoNames 738541)",
        "  confidence: high (curated in geo/places.yaml)",
        "  also: Kulp, Turkey (38.4975 N, 41.0067 E; GeoNames 305750), 158 km from Erzurum",
    ]
    assert "Smyrna'da → İzmir (İzmir, Turkey): 38.4127 N, 27.1384 E" in lines


def test_geocode_near_picks_the_other_namesake(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Kulp", "--near", "Diyarbakır"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kulp → Kulp (Kulp, Turkey): 38.4975 N, 41.0067 E\n  source: GeoNames 305750\n")


def test_geocode_of_unknown_and_ambiguous_names_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Rulp", "Tripoli"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == "Rulp: unknown place 'Rulp' (did you mean 'Kulp' (Tuzluca, Iğdır, Turkey)?)"
    assert errors[1].startswith("Tripoli: 'Tripoli' fits ")


def test_geocode_report_lists_every_name_of_the_catalogue(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["geocode", "--report", "--out", str(tmp_path)]) == 0
    with (tmp_path / "geocoding.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    outlined: list[Territory | Front] = [*catalogue.territories, *catalogue.fronts]
    anchors = [a for item in outlined for _, a in item.geometry.anchors() if isinstance(a, str)]
    towns = len(catalogue.control.towns)
    assert len(rows) == sum(len(e.places) for e in catalogue.events) + len(anchors) + towns
    kars_ledger = next(r for r in rows if r["field"] == "town" and r["written"] == "Kars")
    assert kars_ledger["origin"].startswith("geo/control/caucasus.yaml:")
    kulp = next(r for r in rows if r["record"] == "treaty-of-gumru" and r["written"] == "Kulp")
    assert (kulp["place_id"], kulp["source"], kulp["geonames_id"]) == ("kulp-tuzluca", "curated", "738541")
    assert kulp["origin"].startswith("events/1920.yaml:")
    out = capsys.readouterr().out
    assert f"Wrote {tmp_path / 'geocoding.csv'} ({len(rows)} names)" in out
    # Names put far from Ankara are flagged in the table and listed once on the console.
    far = {r["written"] for r in rows if r["far"] == "yes"}
    assert {"Londra", "Lozan", "Paris", "Moskova"} <= far
    assert all(float(r["km_from_ankara"]) > 1500 for r in rows if r["far"] == "yes")
    assert all(float(r["km_from_ankara"]) <= 1500 for r in rows if r["far"] != "yes")
    assert f"{len(far)} names put more than 1,500 km from Ankara (column 'far'):" in out
    assert "  Londra → London, United Kingdom (2,834 km; curated in geo/places.yaml)" in out


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["check", "Kars"], "Error: check does not take Kars"),
        (["check", "--near", "Kars"], "Error: check does not take --near (geocode does)"),
        (["slides", "--cdn"], "Error: slides does not take --cdn (build does)"),
        (["check", "--date", "1920-01-01"], "Error: check does not take --date (build does)"),
        (["where", "Kars", "1920-09-01", "--dpi", "200"], "Error: where does not take --dpi (slides does)"),
    ],
)
def test_a_flag_a_command_does_not_take_is_refused_with_the_one_that_does(
    words: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(words)
    assert caught.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(said)
    assert line.endswith(f"(see: build_maps.py {words[0]} --help)")


def test_check_checks_the_stops_file_it_is_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stops = tmp_path / "stops.yaml"
    stops.write_text("- id: one\n  date: 1920-09-01\n  title: {tr: a, en: a}\n  caption: {tr: a, en: a}\n"
                     "  centre: Rulp\n", encoding="utf-8")  # fmt: skip
    assert main(["check", "--stops", str(stops)]) == 1
    assert f"Error: {stops}:5:11: centre: unknown place 'Rulp'" in capsys.readouterr().err
    stops.write_text(stops.read_text(encoding="utf-8").replace("Rulp", "Kars"), encoding="utf-8")
    assert main(["check", "--stops", str(stops)]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"; 1 stop in {stops}.")


TURKISH_ONLY = """\
- id: adana-liberated
  when: "1922-01-05"
  category: evacuation
  title: {tr: "Adana'nın kurtuluşu"}
  summary: {tr: "Fransız birlikleri Adana'dan çekildi."}
  places: [Adana]
  sources: [{ref: seed-celik}]
"""


def test_a_lecture_written_only_in_turkish_builds_in_english_with_the_turkish_marked(
    write_yaml: Callable[[str, str], Path], tmp_path: Path
) -> None:
    path = write_yaml("mine.yaml", TURKISH_ONLY)
    assert main(["build", "--events", str(path), "--lang", "en", "--out", str(tmp_path / "en")]) == 0
    assert main(["build", "--events", str(path), "--out", str(tmp_path / "tr")]) == 0
    english = (tmp_path / "en" / "1922.html").read_text(encoding="utf-8")
    turkish = (tmp_path / "tr" / "1922.html").read_text(encoding="utf-8")
    assert (
        "Adana\\u0027nın kurtuluşu (in Turkish)" in english or "Adana'nın kurtuluşu (in Turkish)" in english
    )
    assert "(in Turkish)" not in turkish and "(İngilizce)" not in turkish


def test_a_text_in_no_language_is_refused_with_how_to_write_it(
    write_yaml: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_yaml("mine.yaml", TURKISH_ONLY.replace('{tr: "Adana\'nın kurtuluşu"}', "{}"))
    assert main(["check", "--events", str(path)]) == 1
    (line, _) = capsys.readouterr().err.splitlines()
    assert (
        line == f"Error: {path}:4:10: title: expected the text in Turkish, English or both: {{tr: …, en: …}}"
    )


def test_names_may_follow_geocodes_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--near", "Diyarbakır", "Kulp"]) == 0
    assert "Kulp" in capsys.readouterr().out


def test_a_report_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text() -> None:
    from mmatlas.render.geocoding_report import _cell

    assert _cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [_cell(v) for v in ("+1+1", "@SUM(A1)", "-cmd")] == ["'+1+1", "'@SUM(A1)", "'-cmd"]
    assert [_cell(v) for v in ("-12.5000", "Kars", "")] == ["-12.5000", "Kars", ""]
