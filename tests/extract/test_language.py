"""Language detection keeps the Persian analyzer off text it cannot read."""

import pytest

from khabar.extract.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("وزیر امور خارجه روز دوشنبه به پکن سفر کرد و با همتای چینی خود دیدار کرد.", "fa"),
        ("ميشود اين كار را كرد", "fa"),  # Arabic letters, Persian words
        ("قال وزير الخارجية إن المحادثات في الدوحة كانت مثمرة على الرغم من الخلافات.", "ar"),
        ("The minister said that the talks in Doha were useful for both sides.", "en"),
        ("Der Minister sagte, die Gespräche seien nützlich gewesen.", "other"),
        ("۱۲۳۴ ۵۶۷ — 42 !!!", "und"),
        ("", "und"),
    ],
)
def test_detects_the_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_persian_article_with_english_names_is_persian() -> None:
    text = (
        "شرکت Apple روز سه‌شنبه گوشی iPhone 17 را در کالیفرنیا معرفی کرد "
        "و گفت فروش آن از هفته آینده آغاز می‌شود."
    )
    assert detect_language(text) == "fa"
