"""One message catalogue per language, each complete: a text missing in one is caught here."""

from __future__ import annotations

from mmatlas.core.holders import HOLDERS
from mmatlas.core.lang import LANGS
from mmatlas.core.messages import CATALOGUES
from mmatlas.core.vocabulary import CATEGORIES
from mmatlas.render.layers import LAYERS


def test_every_language_has_a_catalogue_with_the_same_keys() -> None:
    assert set(CATALOGUES) == set(LANGS)
    keys = {lang: set(messages) for lang, messages in CATALOGUES.items()}
    assert keys["tr"] == keys["en"]
    assert all(text.strip() for messages in CATALOGUES.values() for text in messages.values())


def test_every_category_holder_and_layer_is_named_in_every_language() -> None:
    needed = {f"category_{c}" for c in CATEGORIES} | {f"holder_{h}" for h in HOLDERS}
    needed |= {layer.name_key for layer in LAYERS} | {"fallback_mark"}
    for lang, messages in CATALOGUES.items():
        assert needed - set(messages) == set(), lang
    assert CATALOGUES["tr"]["holder_ankara"] != CATALOGUES["en"]["holder_ankara"]
