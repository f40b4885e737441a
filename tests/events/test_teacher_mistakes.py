"""What a teacher's own files get wrong, and what they are told: a located error that says how to
fix it, every problem of a file at once, and never a traceback.

Each case is a real file in a real folder, read by the real loader (on top of the small
catalogue, so that each takes a fraction of a second).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from mmatlas.catalogue.loader import load_catalogue
from mmatlas.core.dates import as_written
from mmatlas.core.errors import InputError

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small"
ROOT = Path(__file__).resolve().parents[2]

EVENT = """- id: adana-kurtulus
  when: "{when}"
  category: military
  title: {{tr: "Adana'nın kurtuluşu"}}
  summary: {{tr: "Fransızlar Adana'dan çekildi."}}
  places: [{place}]
  sources: [{{ref: seed-celik}}]
"""


def _errors(folder: Path, content: str | bytes, name: str = "events.yaml") -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue([SMALL, folder], bundled=False)
    return [str(problem) for problem in caught.value.problems]


def _event(when: str = "1922-01-05", place: str = "Adana") -> str:
    return EVENT.format(when=when, place=place)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("5.1.1922", "1922-01-05"),
        ("05/01/1922", "1922-01-05"),
        ("5 Ocak 1922", "1922-01-05"),
        ("Ocak 1922", "1922-01"),
        ("21 Ocak - 12 Şubat 1920", "1920-01-21/1920-02-12"),
        ("21-25 Ocak 1920", "1920-01-21/1920-01-25"),
        ("23 NİSAN 1920", "1920-04-23"),
    ],
)
def test_a_date_as_turkish_sources_write_it_is_refused_with_its_iso_form(
    tmp_path: Path, written: str, iso: str
) -> None:
    assert as_written(written) == iso
    (error,) = _errors(tmp_path, _event(when=written))
    assert error.endswith(f"found '{written}' (did you mean {iso}? dates are written year-month-day)")
    assert ":2:9: when: " in error


@pytest.mark.parametrize(
    ("when", "says"),
    [
        ("1920-12-XX", "unspecified digits (X) are not read here"),
        ("1920-1X", "unspecified digits (X) are not read here"),
        ("1920-12-02/", "an interval needs both its ends"),
        ("1920-12-02/..", "an interval needs both its ends"),
        ("0001-01-01", "expected a year between 1800 and 2100"),
    ],
)
def test_dates_that_once_crashed_or_were_misread_are_located_errors(
    tmp_path: Path, when: str, says: str
) -> None:
    (error,) = _errors(tmp_path, _event(when=when))
    assert ":2:9: when: " in error and says in error


@pytest.mark.parametrize(
    ("content", "where", "says"),
    [
        (_event() + "\x00", ":8:1: ", "U+0000 (NUL) cannot be in a YAML file; delete it"),
        (_event().replace("military", "military\x0c"), ":3:21: ", "U+000C (form feed)"),
        (_event() + "\x7f", ":8:1: ", "U+007F (DEL)"),
        (_event().encode("cp1254"), ":4:23: ", "not UTF-8 (it looks like Windows-1254"),
        (_event().replace("  category", "\tcategory"), ":3:1: ", "indent with spaces, not tabs"),
        (
            _event().replace('title: {tr: "Adana', 'title: Adana: kurtuluş\n  x: {tr: "Adana'),
            ":4:15: ",
            "put text containing ':' in double quotes",
        ),
        (
            _event().replace('"Adana\'nın kurtuluşu"', "'Adana'nın kurtuluşu'"),
            ":4:",
            "use double quotes around text",
        ),
        (_event().replace("  category: military", "   category: military"), ":3:", "check the indentation"),
    ],
)
def test_yaml_mistakes_are_located_and_explained(
    tmp_path: Path, content: str | bytes, where: str, says: str
) -> None:
    (error,) = _errors(tmp_path, content)
    assert where in error and says in error, error


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    started = time.perf_counter()
    (error,) = _errors(tmp_path, "\n".join(lines) + "\n", name="places.yaml")
    assert "aliases (*name) expand to more than 200,000 values" in error
    assert time.perf_counter() - started < 10  # it used to run out of memory after 11–13 s


def test_a_key_written_twice_no_longer_hides_the_files_other_problems(tmp_path: Path) -> None:
    twice = _event().replace("  category: military\n", "  category: military\n  category: battle\n")
    errors = _errors(tmp_path, twice + _event(place="Rulp").replace("adana-kurtulus", "rulp"))
    assert len(errors) == 2
    assert ":4:3: category: this key appears twice" in errors[0]
    assert "unknown place 'Rulp'" in errors[1]


@pytest.mark.parametrize("key", ["list", "source[s]"])
def test_keys_that_look_like_type_names_are_named_as_written(tmp_path: Path, key: str) -> None:
    (error,) = _errors(tmp_path, _event().replace("  sources:", f"  {key}: 1\n  sources:"))
    assert f":7:3: {key}: unknown field '{key}'" in error


def test_a_case_ending_alone_is_not_a_place(tmp_path: Path) -> None:
    (error,) = _errors(tmp_path, _event(place='"\'ta"'))
    assert "has no place name before its ending" in error  # not Ta, Micronesia


def test_the_command_line_says_error_and_exits_1_for_each_crash_case(tmp_path: Path) -> None:
    folder = tmp_path / "ders"
    folder.mkdir()
    (folder / "events.yaml").write_bytes(_event(when="1920-1X").encode() + b"\x0c")
    run = subprocess.run(
        [sys.executable, str(ROOT / "build_maps.py"), "check", "--events", str(folder)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.startswith("Error: ") and "Traceback" not in run.stderr


def test_codes_may_be_written_as_the_legend_words_them_in_turkish_or_english(tmp_path: Path) -> None:
    (tmp_path / "territories").mkdir()
    (tmp_path / "territories" / "iddia.yaml").write_text(
        (SMALL / "territories" / "claim.yaml").read_text(encoding="utf-8")
        .replace("small-claim", "my-claim").replace("holder: greece", "holder: YUNANİSTAN")
        .replace("kind: claim", "kind: İddia").replace("certainty: medium", "certainty: orta"),
        encoding="utf-8",
    )  # fmt: skip
    (tmp_path / "events.yaml").write_text(_event().replace("military", "Tahliye"), encoding="utf-8")
    catalogue = load_catalogue([SMALL, tmp_path], bundled=False)
    (event,) = [e for e in catalogue.events if e.id == "adana-kurtulus"]
    (claim,) = [t for t in catalogue.territories if t.id == "my-claim"]
    assert (event.category, claim.holder, claim.kind, claim.certainty) == (
        "evacuation",
        "greece",
        "claim",
        "medium",
    )
    (error,) = _errors(tmp_path / "typo", _event().replace("military", "tahlye"))
    assert "unknown category 'tahlye' (did you mean 'tahliye' (evacuation)?)" in error


def test_coordinates_in_either_form_and_swapped_or_impossible_pairs_explained(tmp_path: Path) -> None:
    given = _event(place="{name: Pozantı, at: {lat: 37.42, lon: 34.87}}")
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "events.yaml").write_text(given, encoding="utf-8")
    catalogue = load_catalogue([SMALL, tmp_path / "ok"], bundled=False)
    (place,) = catalogue.event_places["adana-kurtulus"]
    point = catalogue.gazetteer.point(place)
    assert (round(point.x, 2), round(point.y, 2)) == (34.87, 37.42)
    (swapped,) = _errors(tmp_path / "swapped", _event(place="{name: Pozantı, at: [37.42, 34.87]}"))
    assert "did you mean [lon, lat] = [34.87, 37.42]? Longitude comes first" in swapped
    (flipped,) = _errors(tmp_path / "flipped", _event(place="{name: Yer, at: [40.5, 8.2]}"))
    assert "[40.5, 8.2] is outside the map; did you mean [lon, lat] = [8.2, 40.5]?" in flipped
    (far,) = _errors(tmp_path / "far", _event(place="{name: Yer, at: [37.3, 120.5]}"))
    assert ":6:" in far and "outside the map, which covers longitudes -20 to 70" in far


def test_a_stop_centre_outside_the_map_is_caught_by_check(tmp_path: Path) -> None:
    stops = tmp_path / "tour.yaml"
    stops.write_text(
        "- id: one\n  date: 1920-09-01\n  title: {tr: a}\n  caption: {tr: a}\n  centre: [38.79, 37.17]\n"
        "- id: two\n  date: 1920-09-01\n  title: {tr: b}\n  caption: {tr: b}\n  centre: [95, 40]\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, str(ROOT / "build_maps.py"), "check", "--stops", str(stops)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    assert f"{stops}:10:11: centre: [95, 40] is outside the map" in run.stderr
    assert "Traceback" not in run.stderr and ":5:" not in run.stderr


def test_init_writes_a_lecture_folder_that_checks_and_builds_as_made(tmp_path: Path) -> None:
    folder = tmp_path / "ders"
    command = [sys.executable, str(ROOT / "build_maps.py")]
    made = subprocess.run([*command, "init", str(folder)], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} >= {
        "events.yaml", "sources.yaml", "places.yaml", "territories/ornek.yaml", "control/ornek.yaml",
        "tours/ders.yaml", "README.txt",
    }  # fmt: skip
    tour = folder / "tours" / "ders.yaml"
    built = subprocess.run(
        [*command, "--events", str(folder), "--stops", str(tour), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "uyarınca Fransız birlikleri" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    # Written in Turkish only, it builds in English too, marked as such.
    english = subprocess.run(
        [*command, "--events", str(folder), "--lang", "en", "--out", str(tmp_path / "en")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert english.returncode == 0, english.stderr
    assert "uyarınca Fransız birlikleri Adana\\u0027dan çekildi. (in Turkish)" in (
        tmp_path / "en" / "index.html"
    ).read_text(encoding="utf-8")
    again = subprocess.run([*command, "init", str(folder)], capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "is not empty" in again.stderr


PLACE_ENTRY = """
- id: dumlupinar-alani
  names: [{text: "Dumlupınar alanı", lang: tr}]
  geometry: {point: "Dumlupınar"}
  kind: savaş alanı
  sources: [{ref: ders-kitabi}]
"""


def test_an_entry_added_at_the_end_of_a_new_folders_file_is_read(tmp_path: Path) -> None:
    """As the examples in its comments invite: the file carries no `[]` that would then clash."""
    folder = tmp_path / "ders"
    command = [sys.executable, str(ROOT / "build_maps.py")]
    assert subprocess.run([*command, "init", str(folder)], capture_output=True, timeout=60).returncode == 0
    checking = [*command, "check", "--events", str(folder)]
    places = folder / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + PLACE_ENTRY, encoding="utf-8")
    check = subprocess.run(checking, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    # A folder made by an earlier version ends its files with `[]`: the error says which line.
    places.write_text("# yerler\n[]\n" + PLACE_ENTRY, encoding="utf-8")
    check = subprocess.run(checking, capture_output=True, text=True, timeout=120)
    assert check.returncode == 1
    assert f"{places}:4:1: invalid YAML" in check.stderr and "line 2 holds '[]'" in check.stderr


def test_a_lecture_folder_reads_each_file_for_what_it_is_and_skips_what_is_not_the_catalogue(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ders"
    (folder / "tours").mkdir(parents=True)
    (folder / "events.yaml").write_text(_event(), encoding="utf-8")
    (folder / "tours" / "ders.yaml").write_text("- id: a\n  date: 1920-01-01\n", encoding="utf-8")
    (folder / ".events.yaml").write_text("not: [yaml", encoding="utf-8")  # hidden: an editor's
    (folder / "events.yaml.bak").write_text("not: [yaml", encoding="utf-8")
    (folder / "loop").symlink_to(folder)  # a folder linking to itself is not followed
    catalogue = load_catalogue([SMALL, folder], bundled=False)
    assert "adana-kurtulus" in {e.id for e in catalogue.events}
    # A stop and a territory put among the events: one clear line each, saying where they go.
    (folder / "more.yaml").write_text(
        "- id: stop\n  date: 1920-01-01\n  caption: {tr: a}\n  centre: Adana\n"
        "- id: zone\n  holder: greece\n  kind: claim\n  geometry: {point: İzmir}\n",
        encoding="utf-8",
    )
    errors = _errors(folder, _event())
    assert len(errors) == 2
    assert "more.yaml:1:3: this looks like a lecture stop" in errors[0] and "--stops" in errors[0]
    assert "more.yaml:5:3: this looks like a territory" in errors[1] and "territories/" in errors[1]


def test_one_file_given_brings_the_sources_beside_it(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(
        'kitap:\n  author: "Yazar"\n  year: 2020\n  title: "Kitap"\n  kind: scholarly\n', encoding="utf-8"
    )
    (tmp_path / "olaylar.yaml").write_text(
        _event().replace("ref: seed-celik", "ref: kitap"), encoding="utf-8"
    )
    catalogue = load_catalogue([SMALL, tmp_path / "olaylar.yaml"], bundled=False)
    assert "kitap" in catalogue.works


def test_a_plain_title_is_the_turkish_text_and_a_lowercase_country_code_is_read(tmp_path: Path) -> None:
    plain = _event().replace('title: {tr: "Adana\'nın kurtuluşu"}', 'title: "Adana\'nın kurtuluşu"')
    plain = plain.replace("places: [Adana]", "places: [{name: Kulp, country: tr}]")
    (tmp_path / "events.yaml").write_text(plain, encoding="utf-8")
    catalogue = load_catalogue([SMALL, tmp_path], bundled=False)
    (event,) = [e for e in catalogue.events if e.id == "adana-kurtulus"]
    assert event.title.get("tr") == "Adana'nın kurtuluşu" and event.title.get("en").endswith("(in Turkish)")
    (error,) = _errors(tmp_path / "bad", _event(place="{name: Kulp, country: Türkiye}"))
    assert "expected a two-letter country code (ISO 3166), e.g. TR" in error


def test_a_town_found_by_another_name_is_the_same_place_not_a_second_one(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(
        _event(place="Ayıntap") + _event(place="Antep").replace("adana-kurtulus", "antep"), encoding="utf-8"
    )
    catalogue = load_catalogue([tmp_path])
    assert catalogue.event_places["adana-kurtulus"][0].id == catalogue.event_places["antep"][0].id == "antep"


def test_a_language_key_indented_too_little_is_told_where_it_belongs(tmp_path: Path) -> None:
    misplaced = _event().replace(
        '  title: {tr: "Adana\'nın kurtuluşu"}\n', '  title:\n    tr: "Adana"\n  en: "Adana freed"\n'
    )
    (error,) = _errors(tmp_path, misplaced)
    assert ":6:3: en: 'en:' is a language of a text: indent it under the field it belongs to" in error
    assert "when" not in error.split("en:", 1)[1]  # no longer "did you mean 'when'?"


@pytest.mark.parametrize(
    ("calendar", "written", "gregorian", "shown"),
    [
        ("rumi", "1336-04-23", "1920-04-23", "23 Nisan 1920 (Rumi 23 Nisan 1336)"),
        ("Rumi", "1339-10", "1923-10", "Ekim 1923 (Rumi Teşrinievvel 1339)"),
        ("rumi", "1332-02-15", "1917-02-28", "28 Şubat 1917 (Rumi 15 Şubat 1332)"),  # the last Julian day
        ("hicri", "1339-01-01", "1920-09-15~", "15 Eylül 1920 (yaklaşık, Hicri 1 Muharrem 1339)"),
    ],
)
def test_a_date_in_the_rumi_or_hijri_calendar_is_converted_and_shown_as_written(
    tmp_path: Path, calendar: str, written: str, gregorian: str, shown: str
) -> None:
    from mmatlas.render.i18n import when_text

    event = _event(when=written).replace("  category:", f"  calendar: {calendar}\n  category:")
    (tmp_path / "events.yaml").write_text(event, encoding="utf-8")
    catalogue = load_catalogue([SMALL, tmp_path], bundled=False)
    (found,) = [e for e in catalogue.events if e.id == "adana-kurtulus"]
    assert found.when.text == gregorian
    assert when_text(found.when, "tr") == shown


def test_a_day_the_rumi_calendar_never_had_is_refused(tmp_path: Path) -> None:
    event = _event(when="1332-02-20").replace("  category:", "  calendar: rumi\n  category:")
    (error,) = _errors(tmp_path, event)
    assert "16–28 Şubat 1332 were never counted" in error


def test_namesakes_in_one_country_are_told_apart_by_the_nearest_town(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(_event(place="İslahiye"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue([tmp_path])
    (error,) = [str(problem) for problem in caught.value.problems]
    assert "fits 2 places" in error and "km from Osmaniye" in error and "km from İzmit" in error
