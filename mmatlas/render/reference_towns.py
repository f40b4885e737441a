"""The towns a lecturer finds the way by: labelled on the atlas at every zoom on every day, and
on every frame of the animation (those the catalogue knows): the capitals, the fronts' towns,
the ports and the treaty towns of the theatre."""

from __future__ import annotations

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.gazetteer.gazetteer import PlaceLookupError
from mmatlas.gazetteer.places import Place

REFERENCE_TOWNS = (
    "İstanbul", "Ankara", "İzmir", "Bursa", "Eskişehir", "Afyonkarahisar", "Kütahya", "Uşak",
    "Konya", "Adana", "Mersin", "Antalya", "Antep", "Maraş", "Urfa", "Diyarbakır", "Musul", "Halep",
    "Erzurum", "Kars", "Sarıkamış", "Ardahan", "Van", "Trabzon", "Samsun", "Sivas", "Kayseri",
    "Edirne", "Çanakkale", "Mudanya", "Polatlı", "Aydın", "Batum", "Gümrü", "Tiflis", "Erivan",
)  # fmt: skip


def reference_places(catalogue: Catalogue) -> list[Place]:
    """The reference towns the catalogue's places include, in the order above."""
    found = []
    for name in REFERENCE_TOWNS:
        try:
            place = catalogue.gazetteer.resolve(name)
        except PlaceLookupError:
            continue  # a catalogue of one's own may not know it
        if place.id in catalogue.places:
            found.append(place)
    return found
