"""The control ledger on its own: a small ledger in a temporary folder, with the bundled
bibliography only, so every holder and every edge can be checked by hand."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
import shapely

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.control import LEDGER_END, LEDGER_START, Step, TimelineError, spells_of
from mmatlas.catalogue.loader import BUNDLED_EVENTS, load_catalogue
from mmatlas.core.dates import parse_when
from mmatlas.core.errors import InputError
from mmatlas.core.records import SourceRef
from mmatlas.state.day import map_on
from mmatlas.state.where import where

SOURCES = BUNDLED_EVENTS / "sources.yaml"
CITE = "sources: [{ref: seed-celik}]"

# Four towns of the western front, two of them occupied and freed on days a source gives.
LEDGER = f"""
initial: {{holder: istanbul, {CITE}}}
transfers:
  - {{on: "1920-04-23", from: istanbul, to: ankara, {CITE}}}
towns:
  - town: İzmir
    changes:
      - {{on: "1919-05-15", holder: greece, {CITE}}}
      - {{on: "1922-09-09", holder: ankara, {CITE}}}
  - town: Uşak
    changes:
      - {{on: "1920-08-29", holder: greece, {CITE}}}
      - {{on: "1922-09-01/1922-09-02", holder: ankara, {CITE}}}
  - town: Kütahya
  - town: Konya
"""
WARS = f"""
- id: test-war
  name: {{tr: "Savaş", en: "War"}}
  theatre: western
  when: "1919-05-15/1922-10-11"
  sides: [[greece], [istanbul, ankara]]
  {CITE}
"""


def step(when: str, holder: str, kind: str = "change", from_holder: str | None = None) -> Step:
    source = (SourceRef(ref="seed-celik"),)
    return Step(parse_when(when), holder, kind, source, "test.yaml:1", from_holder)  # type: ignore[arg-type]


@pytest.fixture
def small(write_yaml: Callable[[str, str], Path]) -> Catalogue:
    folder = write_yaml("mine/control/west.yaml", LEDGER).parent.parent
    write_yaml("mine/control/wars.yaml", WARS)
    return load_catalogue([SOURCES, folder], bundled=False)


def holder(catalogue: Catalogue, name: str, day: str) -> str | None:
    return where(catalogue, catalogue.gazetteer.resolve(name), dt.date.fromisoformat(day)).holder


def test_a_town_follows_its_initial_holder_the_transfers_and_its_changes(small: Catalogue) -> None:
    assert [holder(small, "İzmir", d) for d in ("1919-05-14", "1919-05-15", "1920-06-01", "1922-09-09")] == [
        "istanbul", "greece", "greece", "ankara",
    ]  # fmt: skip
    # The transfer of 23 April 1920 applies only to towns the İstanbul government then held.
    assert [holder(small, "Uşak", d) for d in ("1920-04-22", "1920-04-23", "1920-08-29", "1922-09-03")] == [
        "istanbul", "ankara", "greece", "ankara",
    ]  # fmt: skip
    assert holder(small, "Kütahya", "1922-01-01") == "ankara"


def test_a_change_dated_to_a_span_is_faint_until_the_span_ends(small: Catalogue) -> None:
    usak = small.gazetteer.resolve("Uşak")
    assert where(small, usak, dt.date(1922, 9, 1)).faint
    assert where(small, usak, dt.date(1922, 9, 2)).faint
    assert not where(small, usak, dt.date(1922, 9, 3)).faint


def test_every_town_lies_in_its_own_cell_and_the_cells_do_not_overlap(small: Catalogue) -> None:
    control = small.control
    for index, town in enumerate(control.towns):
        point = small.gazetteer.point(town.place)
        assert control.cells.shapes[index].contains(point), town.place.id
        assert control.cell_at(point) == index
    assert shapely.coverage_is_valid(list(control.cells.shapes))


def test_a_front_is_drawn_between_the_sides_at_war_and_a_border_elsewhere(small: Catalogue) -> None:
    index = {t.place.id: i for i, t in enumerate(small.control.towns)}
    izmir, usak = small.gazetteer.resolve("İzmir").id, small.gazetteer.resolve("Uşak").id
    pair = tuple(sorted((index[izmir], index[usak])))
    edge = small.control.cells.edge_cells.index((pair[0], pair[1]))
    # 1919: İzmir Greek, Uşak İstanbul's: a front; 1921: both Greek: nothing; 1922-10-20: none.
    assert edge in map_on(small, dt.date(1920, 1, 1)).front_edges("western")
    state = map_on(small, dt.date(1921, 1, 1))
    assert edge not in state.front_edges("western") and edge not in state.border_edges()


def test_areas_are_one_per_holder_and_cover_every_cell(small: Catalogue) -> None:
    state = map_on(small, dt.date(1921, 1, 1))
    areas = state.areas()
    assert {a.holder for a in areas} == {"ankara", "greece"}
    assert sorted(c for a in areas for c in a.cells) == list(range(len(small.control.towns)))
    merged = state.area_shape(next(a for a in areas if a.holder == "greece"))
    assert merged.contains(small.gazetteer.point(small.gazetteer.resolve("Uşak")))


def test_spells_refuse_a_change_to_the_holder_already_there() -> None:
    initial = step("1918-10-30", "istanbul", "initial")
    with pytest.raises(TimelineError, match="already held by 'greece'"):
        spells_of(initial, [step("1919-05-15", "greece"), step("1919-06-01", "greece")])
    with pytest.raises(TimelineError, match="two changes on 1919-05-15"):
        spells_of(initial, [step("1919-05-15", "greece"), step("1919-05-15", "italy")])


def test_spells_cover_the_ledger_span_without_gaps() -> None:
    spells = spells_of(
        step("1918-10-30", "istanbul", "initial"),
        [step("1920-04-23", "ankara", "transfer", "istanbul"), step("1920-08-29", "greece")],
    )
    assert spells[0].start == LEDGER_START and spells[-1].end == LEDGER_END
    assert all(a.end + dt.timedelta(days=1) == b.start for a, b in itertools.pairwise(spells))
    assert [s.holder for s in spells] == ["istanbul", "ankara", "greece"]


def test_one_dated_line_for_one_town_changes_the_map_on_that_day(
    small: Catalogue, write_yaml: Callable[[str, str], Path], tmp_path: Path
) -> None:
    """What a teacher does: 'Kütahya was occupied on 17 July 1921 (source)', one line in their folder."""
    write_yaml(
        "mine/control/kutahya.yaml",
        f"""
        towns:
          - town: Kütahya
            changes:
              - {{on: "1921-07-17", holder: greece, {CITE}}}
        """,
    )
    assert holder(small, "Kütahya", "1921-07-17") == "ankara"
    catalogue = load_catalogue([SOURCES, tmp_path / "mine"], bundled=False)
    assert holder(catalogue, "Kütahya", "1921-07-16") == "ankara"
    assert holder(catalogue, "Kütahya", "1921-07-17") == "greece"
    assert holder(catalogue, "Konya", "1921-07-17") == "ankara"


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("town: Kütahya", "town: Kütahyya", "towns[2].town: unknown place 'Kütahyya'"),
        ("holder: greece", "holder: grece", "unknown holder 'grece' (did you mean 'greece'?)"),
        ('on: "1920-08-29"', 'on: "29.08.1920"', "towns[1].changes[0].on: expected an EDTF date"),
        ("{ref: seed-celik}]}\n  - town: Uşak", "{ref: seed-celk}]}\n  - town: Uşak",
         "unknown source 'seed-celk' (did you mean 'seed-celik'?)"),
        ('{on: "1922-09-09", holder: ankara', '{on: "1922-09-09", holder: greece',
         "already held by 'greece' on 1922-09-09"),
        ('      - {on: "1919-05-15"', '      - {on: "1923-05-15"', "list the changes in date order"),
    ],
)  # fmt: skip
def test_ledger_mistakes_are_located_and_explained(
    write_yaml: Callable[[str, str], Path], replace: str, by: str, expected: str
) -> None:
    assert replace in LEDGER, replace
    path = write_yaml("mine/control/west.yaml", LEDGER.replace(replace, by, 1))
    with pytest.raises(InputError) as caught:
        load_catalogue([SOURCES, path.parent], bundled=False)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"{path}:") and expected in m for m in messages), messages


def test_a_town_with_no_initial_holder_is_asked_for_one(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml("mine/control/west.yaml", "towns:\n  - town: Konya\n")
    with pytest.raises(InputError) as caught:
        load_catalogue([SOURCES, path.parent], bundled=False)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{path}:2:11: towns[0].town: who held 'Konya' on 30 October 1918?")


def test_a_town_at_sea_cannot_hold_an_area(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml(
        "mine/control/west.yaml",
        f"""
        initial: {{holder: istanbul, {CITE}}}
        towns:
          - town: Konya
          - town: {{name: Deniz, at: [32.0, 33.5]}}
        """,
    )
    with pytest.raises(InputError) as caught:
        load_catalogue([SOURCES, path.parent], bundled=False)
    (problem,) = caught.value.problems
    assert "is not on the land of the theatre's countries" in str(problem)
    assert str(problem).startswith(f"{path}:4:11: towns[1].town:")


def test_a_change_the_ledger_already_has_is_merged_not_refused(
    small: Catalogue, write_yaml: Callable[[str, str], Path], tmp_path: Path
) -> None:
    """A teacher writes down Uşak's occupation again, from another book: one change, two sources."""
    write_yaml(
        "mine/control/again.yaml",
        """
        towns:
          - town: Uşak
            changes:
              - {on: "1920-08-29", holder: greece, sources: [{ref: seed-ataturk-soviet}]}
        """,
    )
    catalogue = load_catalogue([SOURCES, tmp_path / "mine"], bundled=False)
    answer = where(catalogue, catalogue.gazetteer.resolve("Uşak"), dt.date(1920, 8, 30))
    assert answer.spell is not None
    assert sorted(s.ref for s in answer.spell.sources) == ["seed-ataturk-soviet", "seed-celik"]


def test_a_town_added_in_your_own_folder_follows_the_ledgers_transfers(
    small: Catalogue, write_yaml: Callable[[str, str], Path], tmp_path: Path
) -> None:
    """Transfers apply to every town of the ledger, not only to the file that states them."""
    write_yaml(
        "mine/control/simav.yaml",
        f"""
        initial: {{holder: istanbul, {CITE}}}
        towns:
          - town: Simav
            changes:
              - {{on: "1920-09-01", holder: greece, {CITE}}}
        """,
    )
    catalogue = load_catalogue([SOURCES, tmp_path / "mine"], bundled=False)
    # Simav's own file has no transfer: the one in west.yaml still makes it Ankara's in 1920.
    assert [holder(catalogue, "Simav", d) for d in ("1920-04-22", "1920-05-01", "1920-09-01")] == [
        "istanbul", "ankara", "greece",
    ]  # fmt: skip


def test_mistakes_in_two_towns_of_one_file_are_both_reported(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml(
        "mine/control/west.yaml",
        LEDGER.replace("holder: greece", "holder: grece", 1).replace("town: Konya", "town: Konyaa"),
    )
    with pytest.raises(InputError) as caught:
        load_catalogue([SOURCES, path.parent], bundled=False)
    messages = [str(p) for p in caught.value.problems]
    assert any("unknown holder 'grece'" in m for m in messages)
    assert any("unknown place 'Konyaa'" in m for m in messages)
