import pytest

from privacydesk.core import normalize
from privacydesk.core.postal import lookup_postal_code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("03-1234-5678", "0312345678"),
        ("０３－１２３４－５６７８", "0312345678"),
        ("090ー1234ー5678", "09012345678"),
        ("(03) 1234 5678", "0312345678"),
        ("+81 3 1234 5678", "+81312345678"),
    ],
)
def test_normalize_phone_accepts_what_people_type(typed, stored):
    assert normalize.normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "0312345678901", "abc", "03-1234-567x", "+12"])
def test_normalize_phone_refuses_what_is_not_a_number(typed):
    with pytest.raises(ValueError):
        normalize.normalize_phone(typed)


def test_format_phone_groups_digits_for_display():
    assert normalize.format_phone("0312345678") == "03-1234-5678"
    assert normalize.format_phone("09012345678") == "090-1234-5678"
    assert normalize.format_phone("0451234567") == "045-123-4567"


@pytest.mark.parametrize("typed", ["135-0016", "1350016", "〒１３５－００１６", "１３５ー００１６"])
def test_normalize_postal_code(typed):
    assert normalize.normalize_postal_code(typed) == "135-0016"


def test_normalize_postal_code_refuses_six_digits():
    with pytest.raises(ValueError):
        normalize.normalize_postal_code("135-001")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("やまだ たろう", "ヤマダ タロウ"),
        ("ﾔﾏﾀﾞ　ﾀﾛｳ", "ヤマダ タロウ"),
        ("ヤマダ・タロウ", "ヤマダ・タロウ"),
        ("ゆうこ", "ユウコ"),
    ],
)
def test_normalize_furigana_converts_to_katakana(typed, stored):
    assert normalize.normalize_furigana(typed) == stored


@pytest.mark.parametrize("typed", ["山田", "yamada", "ヤマダ1"])
def test_normalize_furigana_refuses_kanji_and_latin(typed):
    with pytest.raises(ValueError):
        normalize.normalize_furigana(typed)


def test_search_key_matches_however_it_was_typed():
    assert normalize.search_key("山田 太郎") == normalize.search_key("山田　太郎")
    assert normalize.search_key("やまだ") == normalize.search_key("ヤマダ")
    assert normalize.search_key("Taro@Example.COM") == "taro@example.com"


def test_postal_code_lookup_works_offline():
    found = lookup_postal_code("１３５－００１６")
    assert found.address == "東京都江東区東陽"
    assert found.postal_code == "135-0016"
    assert lookup_postal_code("0000000") is None
    assert lookup_postal_code("abc") is None
