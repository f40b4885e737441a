import pytest

from mmatlas.core.text import did_you_mean, fold, suggest


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Gümrü", "gumru"),
        ("GUMRU", "gumru"),
        ("Batum'da", "batum"),
        ("Kars’ı", "kars"),
        ("Sarıkamış", "sarikamis"),
        ("İnebolu", "inebolu"),
        ("IĞDIR", "igdir"),
        ("  San  Remo ", "san remo"),
        ("Sèvres", "sevres"),
        ("Ankara'ya", "ankara"),
        ("Kars'tan", "kars"),
        ("Erzurum'daki", "erzurum"),
        # In transliterations the apostrophe belongs to the name: it is not a case suffix.
        ("Alek'sandrapol", "aleksandrapol"),
        ("Aleksandropol'", "aleksandropol"),
    ],
)
def test_fold_matches_the_ways_historians_write_names(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_suggest_finds_the_extraction_typo() -> None:
    assert suggest("Rulp", ["Kulp", "Kars", "Batum"]) == ["Kulp"]
    assert did_you_mean("batle", ["battle", "treaty"]) == " (did you mean 'battle'?)"
    assert did_you_mean("zzzz", ["battle", "treaty"]) == ""
