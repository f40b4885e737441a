"""The message catalogues, one per language (tr.py, en.py), and the look-up every stage uses."""

from __future__ import annotations

from mmatlas.core.lang import Lang
from mmatlas.core.messages import en, tr

CATALOGUES: dict[Lang, dict[str, str]] = {"tr": tr.MESSAGES, "en": en.MESSAGES}


def message(key: str, lang: Lang) -> str:
    """The text of `key` in `lang` (KeyError for a key no catalogue has: a typo in the code)."""
    return CATALOGUES[lang][key]
