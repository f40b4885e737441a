"""Folding of names, spelling suggestions and printable text, shared by every look-up, validator
and writer of files."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Turkish dotted/dotless i must fold before Unicode decomposition: "İ".lower() is "i̇".
_TURKISH_I = str.maketrans({"İ": "i", "I": "i", "ı": "i"})
# Any of the apostrophes PDFs and keyboards produce. In Turkish one separates a proper name
# from its case suffix (Batum'da); in transliterations it is part of the name (Alek'sandrapol).
_APOSTROPHES = "'’ʼʻ`´‘"
_SUFFIX = re.compile(rf"[{_APOSTROPHES}]([^\W\d_]+)$")
# The case and possessive endings written after a name, in every vowel and consonant harmony:
# Kars'a, Kars'ı, Kars'ın, Kars'ta, Kars'tan, Kars'taki, Kars'la, Batum'lu, Ankara'ya, …
CASE_SUFFIXES = frozenset(
    {
        *("a", "e", "ı", "i", "u", "ü", "ya", "ye", "yı", "yi", "yu", "yü"),
        *("n", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün"),
        *("da", "de", "ta", "te", "dan", "den", "tan", "ten", "daki", "deki", "taki", "teki"),
        *("la", "le", "yla", "yle", "lı", "li", "lu", "lü", "ca", "ce", "ça", "çe"),
        *("na", "ne", "nda", "nde", "ndan", "nden"),
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# C0 and C1 control characters (tab and newline apart) and the code points XML 1.0 forbids:
# they make an SVG or a PPTX part malformed and draw as boxes in a PDF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text safe for SVG, PDF and PPTX: control characters dropped, tabs and carriage returns
    as spaces, line breaks kept."""
    return _UNPRINTABLE.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


def shortened(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word where one is near, with an ellipsis: for the
    places a long text cannot wrap into (a map's title box, a legend). The full text goes to
    the file's description."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip(" ,;:–—-") + "…"


def fold(name: str) -> str:
    """Fold a place name as a user writes it: case, Turkish i, diacritics, case suffix, punctuation.

    >>> fold("Batum'da"), fold("GÜMRÜ"), fold("Sarıkamış"), fold("İnebolu"), fold("Alek'sandrapol")
    ('batum', 'gumru', 'sarikamis', 'inebolu', 'aleksandrapol')
    """
    text = name.strip()
    suffix = _SUFFIX.search(text)
    if suffix is not None and suffix.group(1).lower() in CASE_SUFFIXES:
        text = text[: suffix.start()]
    return fold_exact(text)


def fold_exact(name: str) -> str:
    """Fold without reading any apostrophe as a suffix: how reference names are indexed."""
    if name.isascii():
        return _NON_WORD.sub(" ", name.lower().replace("'", "").replace("`", "")).strip()
    text = name.translate(_TURKISH_I).lower()
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "")
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


def lookup_keys(name: str) -> tuple[str, ...]:
    """The keys to try for a written name, most literal first: `Qal'a` before `Qal`."""
    return tuple(dict.fromkeys(key for key in (fold_exact(name), fold(name)) if key))


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
