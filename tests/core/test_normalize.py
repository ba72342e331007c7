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


# --- text hygiene: control and format characters, and every script's digits


def test_clean_text_removes_bidi_overrides_zero_width_and_control_characters():
    typed = "山田\u202e 太郎\u200b\u2066\x00\x07\x1b[31m\ufeff"
    assert normalize.clean_text(typed) == "山田 太郎[31m"


def test_clean_text_turns_line_breaks_and_tabs_into_spaces_in_a_one_line_field():
    assert normalize.clean_text("東京都\r\n江東区\t東陽\u2028一丁目") == "東京都 江東区 東陽 一丁目"


def test_clean_text_keeps_a_messages_line_breaks_as_newlines_only():
    typed = "一行目\r\n二行目\r三行目\u2029四行目\t終わり\u202e"
    assert normalize.clean_text(typed, multiline=True) == "一行目\n二行目\n三行目\n四行目 終わり"


def test_clean_text_keeps_what_a_person_writes():
    typed = "Zoë Ñúñez 葛\U000e0100飾 ✉ 😀"  # an ideographic variation selector is a mark, not a format character
    assert normalize.clean_text(typed) == typed


@pytest.mark.parametrize(
    ("typed", "digits"),
    [("١٣٥-٠٠١٦", "135-0016"), ("۱۳۵", "135"), ("१३५", "135"), ("１３５", "135"), ("135", "135"), ("²", "²")],
)
def test_ascii_digits_reads_every_scripts_decimal_digits(typed, digits):
    assert normalize.ascii_digits(typed) == digits


def test_a_postal_code_and_a_phone_number_take_the_same_digits():
    assert normalize.normalize_postal_code("١٣٥-٠٠١٦") == "135-0016"
    assert normalize.normalize_phone("٠٣-١٢٣٤-٥٦٧٨") == "0312345678"
    assert normalize.normalize_phone("+٨١ ٣ ١٢٣٤ ٥٦٧٨") == "+81312345678"


def test_staff_search_finds_a_number_typed_in_another_scripts_digits():
    assert normalize.search_key("٠٣-١٢٣٤-٥٦٧٨") == normalize.search_key("03-1234-5678") == "0312345678"
