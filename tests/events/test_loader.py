"""Loading the catalogue: the bundled data is valid, and every kind of bad input is reported
with file:line:column, the field, what was expected and a suggestion, all at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.loader import load_catalogue
from mmatlas.catalogue.model import Event, Front, Territory
from mmatlas.core.errors import InputError

GOOD_EVENT = """
- id: user-event
  when: "1920-12-03"
  category: treaty
  title: {tr: "Gümrü Antlaşması", en: "Treaty of Gümrü"}
  summary: {tr: "İmzalandı.", en: "Signed."}
  places: [Gümrü]
  sources: [{ref: seed-ataturk-soviet, cites: "Aybars, s. 260-262"}]
"""


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_catalogue([path])
    return [str(p) for p in caught.value.problems]


def test_bundled_catalogue_is_valid_and_cited(catalogue: Catalogue) -> None:
    assert catalogue.events and catalogue.territories and catalogue.fronts
    items: list[Event | Territory | Front] = [*catalogue.events, *catalogue.territories, *catalogue.fronts]
    for item in items:
        assert item.sources, item.id
        assert all(s.ref in catalogue.works for s in item.sources)
    for shape in catalogue.shapes.values():
        assert shape.is_valid and not shape.is_empty


def test_user_events_are_added_and_sorted(
    write_yaml: Callable[[str, str], Path], catalogue: Catalogue
) -> None:
    path = write_yaml("mine.yaml", GOOD_EVENT)
    loaded = load_catalogue([path])
    assert len(loaded.events) == len(catalogue.events) + 1
    assert [p.id for p in loaded.event_places["user-event"]] == ["gumru"]
    starts = [(e.when.start, e.when.end, e.id) for e in loaded.events]
    assert starts == sorted(starts)


def test_unquoted_dates_and_years_are_accepted(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml("mine.yaml", GOOD_EVENT.replace('"1920-12-03"', "1920-12-03"))
    event = next(e for e in load_catalogue([path]).events if e.id == "user-event")
    assert event.when.text == "1920-12-03"


@pytest.mark.parametrize(
    ("change", "line", "column", "message"),
    [
        (
            ('"1920-12-03"', '"1920-13-03"'),
            2,
            9,
            "when: expected an EDTF date such as 1920-12-03, 1920-12, 1920-23 (autumn), "
            "1920-05-11/1920-07-19, 1921-03-11? or 1920~; found '1920-13-03'",
        ),
        (
            ("category: treaty", "category: treatty"),
            3,
            13,
            "category: unknown category 'treatty' (did you mean 'treaty'?); expected one of battle, "
            "military, treaty, conference, congress, diplomacy, occupation, evacuation, political, "
            "journey, or the legend's word",
        ),
        (
            ("places: [Gümrü]", "places: [Rulp]"),
            6,
            12,
            "places[0]: unknown place 'Rulp' (did you mean 'Kulp' (Tuzluca, Iğdır, Turkey)?)",
        ),
        (
            ("ref: seed-ataturk-soviet", "ref: seed-ataturk-sovyet"),
            7,
            19,
            "sources[0].ref: unknown source 'seed-ataturk-sovyet' (did you mean 'seed-ataturk-soviet'?); "
            "add it to a sources.yaml",
        ),
        (("  places:", "  plaeces:"), 6, 3, "plaeces: unknown field 'plaeces' (did you mean 'places'?)"),
        (
            ('  title: {tr: "Gümrü Antlaşması", en: "Treaty of Gümrü"}\n', ""),
            1,
            3,
            "title: this field is required but missing",
        ),
        (
            ("id: user-event", "id: User Event"),
            1,
            7,
            "id: expected an id of lowercase letters, digits and '-' (e.g. treaty-of-gumru); "
            "found 'User Event'",
        ),
        (
            ("id: user-event", "id: treaty-of-gumru"),
            1,
            7,
            "id: id 'treaty-of-gumru' is already used at",
        ),
    ],
)
def test_each_mistake_is_located_and_explained(
    write_yaml: Callable[[str, str], Path], change: tuple[str, str], line: int, column: int, message: str
) -> None:
    path = write_yaml("mine.yaml", GOOD_EVENT.replace(*change))
    found = problems_of(path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{line}:{column}: {message}")


def test_all_mistakes_of_a_run_are_reported_together(write_yaml: Callable[[str, str], Path]) -> None:
    bad = (
        GOOD_EVENT.replace('"1920-12-03"', '"1920-12-32"')
        + GOOD_EVENT.replace("user-event", "second").replace("treaty", "treety")
        + GOOD_EVENT.replace("user-event", "third").replace("Gümrü]", "Gumruu]")
    )
    path = write_yaml("mine.yaml", bad)
    found = problems_of(path)
    assert [p.split(": ")[0] for p in found] == [f"{path}:2:9", f"{path}:11:13", f"{path}:22:12"]


def test_yaml_syntax_error_and_duplicate_key(write_yaml: Callable[[str, str], Path]) -> None:
    broken = write_yaml("broken.yaml", "- id: x\n  when: [1920\n")
    assert problems_of(broken)[0].startswith(f"{broken}:3:1: invalid YAML")
    twice = write_yaml("twice.yaml", GOOD_EVENT + "  when: 1920\n")
    assert problems_of(twice) == [f"{twice}:8:3: when: this key appears twice in the same item; keep one"]


def test_yaml_is_loaded_safely(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml("evil.yaml", "- !!python/object/apply:os.system ['echo pwned']\n")
    assert "invalid YAML" in problems_of(path)[0]


def test_a_missing_events_path_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere.yaml") == [
        f"{tmp_path / 'nowhere.yaml'}:1:1: no such file or folder (--events)"
    ]


def test_a_hand_drawn_area_of_control_is_refused_with_the_way_to_the_ledger(
    write_yaml: Callable[[str, str], Path],
) -> None:
    path = write_yaml(
        "territories/t.yaml",
        """
        - id: greek-kars
          name: {tr: "Deneme", en: "Test"}
          holder: greece
          kind: control
          when: "1920-09-01/1920-09-30"
          geometry: {point: Kars, buffer_km: 10}
          certainty: low
          precision_km: 10
          sources: [{ref: seed-ataturk-soviet}]
        """,
    )
    problems = problems_of(path.parent)
    assert problems == [
        f"{path}:4:9: kind: 'control' is no longer drawn as a territory: areas of control are derived "
        "from the control ledger: record the town's change of hands in geo/control/ (README: 'Who held what')"
    ]


def test_an_event_rejected_for_its_category_still_has_its_places_checked(
    write_yaml: Callable[[str, str], Path],
) -> None:
    path = write_yaml(
        "mine.yaml", GOOD_EVENT.replace("treaty", "treety").replace("[Gümrü]", "[Gumru, Karss]")
    )
    problems = problems_of(path)
    assert [p.split(": ", 1)[1].split(" (did")[0].split(";")[0] for p in problems] == [
        "category: unknown category 'treety'",
        "places[1]: unknown place 'Karss'",
    ]
    assert "did you mean 'Kars'" in problems[1]


def test_an_impossible_unquoted_date_is_an_error_not_a_crash(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml("mine.yaml", GOOD_EVENT.replace('"1920-12-03"', "1920-13-03"))
    assert problems_of(path)[0].startswith(f"{path}:2:9: when: expected an EDTF date")
