"""Each distinct citation of a page written once; features refer to it by number."""

from __future__ import annotations

from mmatlas.catalogue.catalogue import Catalogue
from mmatlas.core.lang import Lang
from mmatlas.core.records import SourceRef


class Citations:
    """Each distinct citation once; features refer to it by its position."""

    def __init__(self, catalogue: Catalogue, lang: Lang) -> None:
        self.texts: list[str] = []
        self._index: dict[str, int] = {}
        self._by_source: dict[SourceRef, int] = {}
        self._catalogue = catalogue
        self._lang: Lang = lang

    def refer(self, texts: list[str]) -> list[int]:
        return [self._number(text) for text in texts]

    def refer_sources(self, sources: list[SourceRef]) -> list[int]:
        numbers = []
        for source in sources:
            if source not in self._by_source:
                self._by_source[source] = self._number(self._catalogue.cite(source, self._lang))
            numbers.append(self._by_source[source])
        return numbers

    def _number(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.texts)
            self.texts.append(text)
        return self._index[text]
