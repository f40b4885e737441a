"""Who held a place on a day: answers a lecturer can check against the source named beside each.

Every check is a day on which the sources agree on the holder; the comment names the source
(in events/sources.yaml) that dates the change of hands nearest to it.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from build_maps import main
from events.catalogue import Catalogue
from events.model import Front, Territory
from events.where import where

CHECKS = [
    # Eastern theatre
    ("Kars", "1920-09-01", "armenia"),  # Hovannisian 1971; Şener (Aybars): Kars retaken 30 Oct 1920
    ("Kars", "1920-11-15", "ankara"),  # Şener (Aybars, s. 260-262)
    ("Batum", "1920-01-01", "britain"),  # Kazemzadeh 1951: British occupation until July 1920
    ("Batum", "1920-09-01", "georgia"),  # Kazemzadeh 1951
    ("Batum", "1921-03-12", "ankara"),  # Şener (Aybars): Karabekir occupies Batum, 11 Mar 1921
    ("Batum", "1921-04-01", "soviet"),  # Şener: Treaty of Moscow, 16 Mar 1921
    ("Ardahan", "1920-06-01", "georgia"),  # Şener (Aybars): note of 22 Feb 1921
    ("Ardahan", "1921-03-01", "ankara"),  # Turkish troops in Ardahan 23 Feb 1921
    ("Artvin", "1921-03-01", "georgia"),  # Cumhuriyet, 7 Mar 2026: Artvin freed 7 Mar 1921
    ("Artvin", "1921-03-10", "ankara"),
    ("Erivan", "1920-06-01", "armenia"),  # Hovannisian 1971
    ("Erivan", "1921-01-01", "soviet"),  # Şener (Aybars): Armenia Sovietised, 5 Dec 1920
    # Western theatre
    ("İzmir", "1919-06-01", "greece"),  # Çelik (Lewis 1993): landing of 15 May 1919
    ("İzmir", "1922-09-10", "ankara"),  # Spectator, 16 Sep 1922; Pehlivanlı
    ("Bursa", "1920-06-01", "ankara"),  # Sarıhan: offensive of 22 June 1920
    ("Bursa", "1920-08-01", "greece"),  # Kartal: Bursa occupied 8 July 1920
    ("Bursa", "1922-09-15", "ankara"),  # Spectator, 16 Sep 1922
    ("Eskişehir", "1921-07-15", "ankara"),  # MEB 2007, s. 147: Eskişehir fell 19 July 1921
    ("Eskişehir", "1921-08-01", "greece"),
    ("Afyonkarahisar", "1922-08-01", "greece"),  # Gawrych 2013, map 7.2
    ("Polatlı", "1921-09-01", "ankara"),  # Gawrych 2013, map 6.1: the Greeks never took Polatlı
    # Thrace and the Straits
    ("Edirne", "1920-06-01", "istanbul"),  # Keleş: Greek occupation 20–25 July 1920
    ("Edirne", "1921-01-01", "greece"),
    ("Edirne", "1922-12-15", "ankara"),  # Nutuk: Mudanya armistice
    ("İstanbul", "1921-01-01", "allied"),  # Çelik (Sonyel 1991): occupation of 16 Mar 1920
    ("İstanbul", "1923-10-20", "ankara"),  # Güler; NTV: Turkish army enters 6 Oct 1923
    # Southern theatre
    ("Maraş", "1920-01-15", "france"),  # Sarıhan, vol. 2 p. 372: French left in the night of 11 Feb 1920
    ("Maraş", "1920-05-01", "ankara"),  # after the Assembly of 23 April 1920
    ("Urfa", "1919-06-01", "britain"),  # British until the handover of Oct–Nov 1919
    ("Antep", "1921-06-01", "france"),  # Ünler: surrendered 9 Feb 1921
    ("Antep", "1921-12-25", "ankara"),  # the last French soldiers left on 25 Dec 1921
    ("Adana", "1922-01-10", "ankara"),  # Ener: evacuation of 4–5 Jan 1922
    ("İskenderun", "1922-06-01", "france"),  # Cmd. 1570, Angora Agreement art. 7
    ("Antalya", "1920-01-01", "italy"),  # Çimrin: Italians left 5 July 1921
    ("Antalya", "1921-08-01", "ankara"),
    ("Ankara", "1919-06-01", "istanbul"),  # before the Assembly of 23 April 1920
    ("Ankara", "1920-06-01", "ankara"),  # Çelik (Sonyel 1991, s. 4)
]


@pytest.mark.parametrize(("name", "day", "holder"), CHECKS, ids=[f"{n}-{d}" for n, d, _ in CHECKS])
def test_where_names_the_holder_of_the_day(catalogue: Catalogue, name: str, day: str, holder: str) -> None:
    answer = where(catalogue, catalogue.gazetteer.resolve(name), dt.date.fromisoformat(day))
    assert [t.holder for t in answer.control] == [holder]
    assert all(t.sources for t in answer.control)


def test_where_lists_claims_and_treaty_zones_too(catalogue: Catalogue) -> None:
    kars = where(catalogue, catalogue.gazetteer.resolve("Kars"), dt.date(1921, 1, 1))
    assert {t.id for t in kars.zones} >= {"misak-i-milli", "wilson-award-armenia"}
    izmir = where(catalogue, catalogue.gazetteer.resolve("İzmir"), dt.date(1921, 1, 1))
    assert "sevres-smyrna-zone" in {t.id for t in izmir.zones}


def test_every_theatre_has_control_territories_and_fronts(catalogue: Catalogue) -> None:
    assert {f.theatre for f in catalogue.fronts} == {"western", "eastern", "southern"}
    holders = {t.holder for t in catalogue.territories if t.kind == "control"}
    assert holders >= {"ankara", "istanbul", "greece", "france", "italy", "britain", "allied", "armenia"}
    assert holders >= {"georgia", "soviet"}
    kinds = {t.kind for t in catalogue.territories}
    assert kinds == {"control", "claim", "treaty_zone", "line"}


def test_no_two_control_territories_overlap_on_any_day(catalogue: Catalogue) -> None:
    control = [t for t in catalogue.territories if t.kind == "control"]
    for a, b in itertools.combinations(control, 2):
        if a.contested or b.contested or a.when.end < b.when.start or b.when.end < a.when.start:
            continue
        overlap = catalogue.shape(a).intersection(catalogue.shape(b)).area
        assert overlap < 1e-4, f"{a.id} and {b.id} overlap by {overlap:.4f} square degrees"


def test_every_geometry_is_valid_and_every_record_cited(catalogue: Catalogue) -> None:
    records: list[Territory | Front] = [*catalogue.territories, *catalogue.fronts]
    for record in records:
        shape = catalogue.shape(record)
        assert shape.is_valid and not shape.is_empty, record.id
        assert record.sources, record.id


def test_the_ankara_area_grows_on_the_day_an_occupation_ends(catalogue: Catalogue) -> None:
    adana = catalogue.gazetteer.resolve("Adana")
    before = where(catalogue, adana, dt.date(1922, 1, 5))
    after = where(catalogue, adana, dt.date(1922, 1, 6))
    assert [t.holder for t in before.control] == ["france"]
    assert [t.holder for t in after.control] == ["ankara"]
    assert after.control[0].when.start == dt.date(1922, 1, 6)


def test_where_command_cites_the_record_and_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where", "Kars", "1920-09-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Kars on 1920-09-01:"
    holder = "  controlled by: Ermenistan — Ermeni yönetimindeki Kars bölgesi"
    assert out[1].startswith(f"{holder} [armenia-kars-region")
    assert any(line.startswith("    source: Richard G. Hovannisian (1971)") for line in out)


def test_where_command_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["where", "Kars", "1920-13-01"])
    assert "where: expected a date as YYYY-MM-DD" in capsys.readouterr().err
