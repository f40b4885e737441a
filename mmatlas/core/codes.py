"""Codes written as the legend words them: `category: tahliye`, `certainty: orta`,
`holder: Yunanistan` read as evacuation, medium and greece, in Turkish or English, whatever the
case and the diacritics; anything else gets a suggestion among the codes and the words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from mmatlas.core.messages import CATALOGUES
from mmatlas.core.text import fold, suggest


def _forms(words: str) -> list[str]:
    """`Ankara Hükûmeti (TBMM)` → the whole, `Ankara Hükûmeti` and `TBMM`."""
    inside = re.findall(r"\(([^)]*)\)", words)
    before = re.sub(r"\s*\([^)]*\)", "", words).strip()
    return [words, before, *inside]


@cache
def _table(prefix: str, codes: tuple[str, ...]) -> dict[str, str]:
    """Folded word or code → code, from every message `prefix_<code>` in every language."""
    table: dict[str, str] = {}
    for code in codes:
        table.setdefault(fold(code), code)
        table.setdefault(fold(code.replace("_", " ")), code)
        for catalogue in CATALOGUES.values():
            words = catalogue.get(f"{prefix}{code}")
            if words:
                for form in _forms(words):
                    if fold(form):
                        table.setdefault(fold(form), code)
    return table


def code_reader(prefix: str, codes: Iterable[str], what: str) -> Callable[[Any], Any]:
    """A validator turning a code or a legend word into the code; an error with suggestions."""
    known = tuple(codes)

    def read(value: Any) -> Any:
        if not isinstance(value, str) or value in known:
            return value
        table = _table(prefix, known)
        found = table.get(fold(value))
        if found is not None:
            return found
        close = suggest(fold(value), table)
        hint = ""
        if close:
            shown = [f"'{word}' ({table[word]})" if word != table[word] else f"'{word}'" for word in close]
            hint = " (did you mean " + " or ".join(dict.fromkeys(shown)) + "?)"
        raise ValueError(
            f"unknown {what} '{value}'{hint}; expected one of {', '.join(known)}, or the legend's word"
        )

    return read
