"""The languages the atlas is written in: each record's text, each page, each slide."""

from __future__ import annotations

from typing import Literal, get_args

Lang = Literal["tr", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)


def other_lang(lang: Lang) -> Lang:
    """The language a page does not show, offered beside it (an event's title in search)."""
    return "en" if lang == "tr" else "tr"
