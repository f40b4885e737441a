"""Who held a place on a day: answers a lecturer can check against the source named beside each.

Each check is a (town, day) pair from the issue that asked for the control ledger; the comment
names the work (a key of events/sources.yaml) that dates the change of hands nearest to it, as
the ledger (geo/control/) cites it. "not greece" checks a day just before an occupation.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import shapely
from shapely.geometry import Point

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.catalogue.control import FRONT, LEDGER_END, LEDGER_START
from mmatlas.catalogue.model import Front, Territory
from mmatlas.cli import main
from mmatlas.state.day import map_on
from mmatlas.state.where import where

CHECKS = [
    # Western theatre
    ("İzmir", "1919-05-14", "istanbul"),  # tuba-local-history-v1-izmir: landing of 15 May 1919
    ("İzmir", "1919-05-16", "greece"),  # tuba-local-history-v1-izmir
    ("Aydın", "1919-05-20", "not greece"),  # tuba-local-history-v1-aydin: occupied 27 May 1919
    ("Aydın", "1919-07-02", "national"),  # tuba-local-history-v1-aydin: retaken 28 June, lost 3 July 1919
    ("Söke", "1922-01-01", "italy"),  # gungunkurtulus-soke-kazasi: Italian 17 May 1919 – 21 April 1922
    ("Fethiye", "1919-06-01", "italy"),  # mugla-fethiye-kuvayimilliye: occupied 11 May 1919
    ("Antalya", "1919-04-15", "italy"),  # celtikci-2014: Italian landing of 28 March 1919
    ("Antalya", "1921-07-06", "ankara"),  # cimrin-antalya: the Italians left on 5 July 1921
    ("İzmit", "1921-01-01", "greece"),  # akbulut-izmit: Greek from 27 October 1920
    ("İzmit", "1921-06-29", "ankara"),  # ilgilik-2011-izmit: freed 28 June 1921
    ("Kütahya", "1921-07-15", "not greece"),  # tuba-local-history-v1-kutahya: occupied 17 July 1921
    ("Eskişehir", "1921-07-20", "greece"),  # yakut-eskisehir: entered on 19 July 1921
    ("Eskişehir", "1922-09-01", "greece"),  # marmara-sakarya.yaml: freed 2 September 1922
    ("Sivrihisar", "1921-07-25", "not greece"),  # sivrihisar-iki-kere-isgal: occupied mid-August 1921
    ("Polatlı", "1921-09-05", "ankara"),  # never taken (Gawrych 2013, map 6.1)
    ("Uşak", "1920-08-28", "not greece"),  # tuba-local-history-v1-usak: occupied 29 August 1920
    ("Uşak", "1920-08-30", "greece"),  # tuba-local-history-v1-usak
    ("Afyonkarahisar", "1922-08-26", "greece"),  # sarihan-ksg: taken again 13 July 1921
    ("Afyonkarahisar", "1922-08-28", "ankara"),  # cumhuriyet-2017-afyon: freed 27 August 1922
    ("Aydın", "1922-09-05", "greece"),  # tuba-local-history-v1-aydin: freed 7 September 1922
    ("Manisa", "1922-09-07", "greece"),  # yeniasir-2020-manisa: freed 8 September 1922
    ("İzmir", "1922-09-10", "ankara"),  # tuba-local-history-v1-izmir: freed 9 September 1922
    ("Bursa", "1922-09-10", "greece"),  # kartal-bursa: occupied 8 July 1920
    ("Bursa", "1922-09-12", "ankara"),  # bursadakultur-bursa, yesilbursa-bursa: 11 September 1922
    ("Zonguldak", "1919-06-01", "france"),  # black-sea.yaml: the French in the coal basin
    # Thrace and the Straits
    ("Edirne", "1920-07-24", "not greece"),  # tuba-local-history-v10-edirne: Greek from 25 July 1920
    ("Edirne", "1922-11-26", "ankara"),  # edirneden-kurtulus: handed over 25 November 1922
    ("İstanbul", "1920-03-15", "allied"),  # meydan-2017-sozcu: Allied from 13 November 1918
    # Southern theatre
    ("Maraş", "1920-01-25", "france"),  # eyicil-maras-teketek: French from 1 November 1919
    ("Antep", "1921-02-10", "france"),  # tuba-local-history-v4-antep: surrendered 9 February 1921
    ("Antep", "1921-12-26", "ankara"),  # tuba-local-history-v4-antep: the French left 25 December 1921
    ("Mersin", "1919-06-01", "france"),  # tarih-gelecek-tekelioglu: landing of 17 December 1918
    ("Mersin", "1922-01-02", "france"),  # mersinodak-secer-3-ocak: freed 3 January 1922
    ("Mersin", "1922-01-04", "ankara"),  # mersinodak-secer-3-ocak
    ("Adana", "1922-01-03", "france"),  # ener-adana: evacuated 5 January 1922
    ("Adana", "1922-01-06", "ankara"),  # ener-adana
    ("Osmaniye", "1922-01-06", "france"),  # ipek-osmaniye-7-ocak: freed 7 January 1922
    ("Osmaniye", "1922-01-08", "ankara"),  # haberaktuel-osmaniye-mert
    ("Kilis", "1921-12-06", "france"),  # tuba-local-history-v4-kilis: evacuated 7 December 1921
    ("Pozantı", "1920-07-01", "ankara"),  # haberler-2025-karbogazi: freed 25 May 1920
    ("İskenderun", "1922-06-01", "france"),  # onal-iskenderun; Cmd. 1570 art. 7
    ("Musul", "1919-06-01", "britain"),  # alazzawi-tarikh-8: British from 8 November 1918
    # Eastern theatre and the Caucasus
    ("Kars", "1920-10-29", "armenia"),  # andersen-egge-second-phase; seed-ataturk-soviet: retaken 30 Oct 1920
    ("Kars", "1920-10-31", "ankara"),  # seed-ataturk-soviet (Aybars, s. 260-262)
    ("Iğdır", "1919-06-01", "armenia"),  # tuba-local-history-v9-igdir
    ("Gümrü", "1920-11-08", "ankara"),  # seed-ataturk-soviet: Gümrü left by the Armenians, 7 Nov 1920
    ("Ardahan", "1921-02-22", "georgia"),  # seed-ataturk-soviet: the note of 22 February 1921
    ("Ardahan", "1921-02-24", "ankara"),  # seed-ataturk-soviet: Turkish troops on 23 February 1921
    ("Batum", "1921-03-12", "ankara"),  # seed-ataturk-soviet: Karabekir occupies Batum, 11 March 1921
    ("Batum", "1921-04-01", "soviet"),  # sari-2017-batum: the Turks driven out, 18-19 March 1921
    ("Tiflis", "1921-02-24", "georgia"),  # georgianjournal-2010-tbilisi: the Red Army in Tiflis 25 Feb 1921
    ("Tiflis", "1921-02-26", "soviet"),  # georgianjournal-2010-tbilisi
    ("Erivan", "1920-06-01", "armenia"),  # andersen-egge-karabakh: the Republic of Armenia
    ("Erivan", "1921-01-01", "soviet"),  # allinnet-february-uprising; seed-ataturk-soviet (5 Dec 1920)
]


@pytest.mark.parametrize(("name", "day", "holder"), CHECKS, ids=[f"{n}-{d}" for n, d, _ in CHECKS])
def test_where_names_the_holder_of_the_day(catalogue: Catalogue, name: str, day: str, holder: str) -> None:
    answer = where(catalogue, catalogue.gazetteer.resolve(name), dt.date.fromisoformat(day))
    if holder.startswith("not "):
        assert answer.holder is not None and answer.holder != holder[4:]
    else:
        assert answer.holder == holder
    assert answer.spell is not None and answer.spell.sources


def test_every_ledger_town_lies_in_exactly_one_area_on_every_change_day(catalogue: Catalogue) -> None:
    """The coverage rule, walked over every day on which anything changes, 1918-10-30 to 1923-10-29."""
    control = catalogue.control
    points = [catalogue.gazetteer.point(town.place) for town in control.towns]
    assert shapely.coverage_is_valid(list(control.cells.shapes))
    for index, point in enumerate(points):
        assert control.cell_at(point) == index, control.towns[index].place.id
    assert control.days[0] == LEDGER_START and control.days[-1] == LEDGER_END + dt.timedelta(days=1)
    for row, day in enumerate(control.days[:-1]):
        state = map_on(catalogue, day)
        areas = state.areas()
        covered = sorted(cell for area in areas for cell in area.cells)
        # Every cell in exactly one holder's area (none twice, none left out) ...
        assert covered == list(range(len(control.towns))), day
        # ... and `where` answers for each town from exactly that area.
        holder_of = {cell: area.holder for area in areas for cell in area.cells}
        for index in range(len(points)):
            assert state.holder(index) == holder_of[index]
        assert np.all(control.holders[row] >= 0), day


def test_a_front_is_drawn_on_every_day_of_every_war(catalogue: Catalogue) -> None:
    """No campaign day without a front: from the İzmir landing to Mudanya in the west, from
    the French occupation to the Ankara Agreement in the south, the war with Armenia; and in
    any war, on every day both sides hold a town of the ledger."""
    control = catalogue.control
    codes = {code: i for i, code in enumerate(control.holder_codes)}
    for war in control.wars:
        for row, day in enumerate(control.days[:-1]):
            last = control.days[row + 1] - dt.timedelta(days=1)
            if last < war.when.start or day > war.when.end:
                continue
            held = [
                np.isin(control.holders[row], [codes[h] for h in side if h in codes]).any()
                for side in war.sides
            ]
            if war.id in ("greek-turkish-war", "franco-turkish-war", "turkish-armenian-war"):
                assert all(held), (war.id, day)
            if all(held):
                assert (control.edge_status[row] == FRONT[war.theatre]).any(), (war.id, day)


def test_the_western_front_moves_through_july_and_august_1921(catalogue: Catalogue) -> None:
    """The weeks from Kütahya–Eskişehir to the Sakarya, which the hand-drawn fronts left empty."""
    edges = [frozenset(map_on(catalogue, dt.date(1921, 7, d)).front_edges("western")) for d in (10, 20)]
    later = frozenset(map_on(catalogue, dt.date(1921, 8, 25)).front_edges("western"))
    assert all(edges) and later and len({*edges, later}) == 3


def test_where_lists_claims_and_treaty_zones_too(catalogue: Catalogue) -> None:
    erzurum = where(catalogue, catalogue.gazetteer.resolve("Erzurum"), dt.date(1921, 1, 1))
    assert {t.id for t in erzurum.zones} >= {"misak-i-milli", "wilson-award-armenia"}
    kars = where(catalogue, catalogue.gazetteer.resolve("Kars"), dt.date(1921, 1, 1))
    assert "misak-i-milli" in {t.id for t in kars.zones}
    assert "wilson-award-armenia" not in {t.id for t in kars.zones}  # Russian before 1918
    izmir = where(catalogue, catalogue.gazetteer.resolve("İzmir"), dt.date(1921, 1, 1))
    assert "sevres-smyrna-zone" in {t.id for t in izmir.zones}


def test_a_place_at_sea_is_in_no_area(catalogue: Catalogue) -> None:
    assert catalogue.control.cell_at(Point(32.0, 33.5)) is None  # between Cyprus and Egypt


def test_every_geometry_is_valid_and_every_record_cited(catalogue: Catalogue) -> None:
    records: list[Territory | Front] = [*catalogue.territories, *catalogue.fronts]
    for record in records:
        shape = catalogue.shape(record)
        assert shape.is_valid and not shape.is_empty, record.id
        assert record.sources, record.id
    for town in catalogue.control.towns:
        assert all(spell.sources for spell in town.spells), town.place.id


def test_the_ankara_area_grows_on_the_day_an_occupation_ends(catalogue: Catalogue) -> None:
    adana = catalogue.gazetteer.resolve("Adana")
    cell = where(catalogue, adana, dt.date(1922, 1, 5)).cell
    assert cell is not None
    before = {a.holder: a.cells for a in map_on(catalogue, dt.date(1922, 1, 4)).areas() if not a.faint}
    after = {a.holder: a.cells for a in map_on(catalogue, dt.date(1922, 1, 5)).areas() if not a.faint}
    assert cell in before["france"] and cell in after["ankara"]
    assert before["ankara"] < after["ankara"]


def test_where_command_cites_the_ledger_line_and_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where", "Kars", "1920-11-15", "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Kars on 1920-11-15:"
    assert out[1] == "  controlled by: Ankara government (GNA) since 1920-10-30"
    assert out[2].startswith("    cell of Kars (±") and "change at geo/control/caucasus.yaml:" in out[2]
    assert any(line.startswith("    source: Bülent Şener (n.d.).") for line in out)


def test_where_command_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["where", "Kars", "1920-13-01"])
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("Error: argument DATE: expected a date as YYYY-MM-DD, e.g. 1920-09-01")


def test_a_war_draws_its_front_only_where_it_was_fought(catalogue: Catalogue) -> None:
    """The French held Zonguldak and Cilicia at once; only Cilicia had a front (wars.yaml region)."""
    control = catalogue.control
    day = dt.date(1920, 12, 3)
    state = map_on(catalogue, day)
    for name, front in (("Zonguldak", False), ("Adana", True)):
        cell = control.cell_at(catalogue.gazetteer.point(catalogue.gazetteer.resolve(name)))
        assert state.holder(cell) == "france", name  # type: ignore[arg-type]
        edges = {i for i, pair in enumerate(control.cells.edge_cells) if cell in pair}
        fronts, borders = edges & set(state.front_edges("southern")), edges & set(state.border_edges())
        assert (bool(fronts), bool(borders)) == ((True, False) if front else (False, True)), name


@pytest.mark.parametrize(
    "port", ["Batum", "Çanakkale", "Sinop", "Gelibolu", "Ayvalık", "Çeşme", "Foça", "İnebolu", "Kaş"]
)
def test_port_towns_lie_in_an_area_of_the_map(catalogue: Catalogue, port: str) -> None:
    """Ports the old 1:50m coast left at sea: each lies in a drawn cell (a ledger port has a
    harbour in its own cell; another town just off the 1:10m coast takes the cell beside it)."""
    place = catalogue.gazetteer.resolve(port)
    answer = where(catalogue, place, dt.date(1921, 1, 1))
    assert answer.cell is not None and answer.holder is not None
    cell = catalogue.control.cells.shapes[answer.cell]
    assert cell.distance(catalogue.gazetteer.point(place)) < 0.03
