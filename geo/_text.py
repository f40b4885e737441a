"""Folding of names and spelling suggestions, shared by every look-up and validator."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Turkish dotted/dotless i must fold before Unicode decomposition: "İ".lower() is "i̇".
_TURKISH_I = str.maketrans({"İ": "i", "I": "i", "ı": "i"})
# An apostrophe (any of the forms PDFs and keyboards produce) starts a Turkish case suffix.
_SUFFIX = re.compile(r"['’ʼ`´].*$")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(name: str) -> str:
    """Fold a place name for look-up: case, Turkish i, diacritics, suffixes, punctuation.

    >>> fold("Batum'da"), fold("GÜMRÜ"), fold("Sarıkamış"), fold("İnebolu")
    ('batum', 'gumru', 'sarikamis', 'inebolu')
    """
    text = _SUFFIX.sub("", name.strip()).translate(_TURKISH_I).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


def suggest(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The closest choices to a misspelt word, best first (possibly none)."""
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(fold(choice), choice)
    close = difflib.get_close_matches(fold(word), list(by_fold), n=limit, cutoff=0.6)
    return [by_fold[key] for key in close]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean …?)' clause, or nothing when no choice is close."""
    close = suggest(word, choices)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"
