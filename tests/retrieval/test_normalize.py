"""Arabic/English normalisation and BM25 tokenisation."""

from __future__ import annotations

from bot.retrieval.normalize import (
    clean_for_encoder,
    normalize_arabic,
    normalize_english,
    normalize_text,
    tokenize,
)


def test_diacritics_and_tatweel_are_removed() -> None:
    assert normalize_arabic("قَتْلُ المَدَنِيّينَ") == normalize_arabic("قتل المدنيين")
    assert normalize_arabic("الحـــرب") == "الحرب"


def test_hamza_and_alef_variants_are_unified() -> None:
    assert normalize_arabic("أإآ") == "ااا"
    assert normalize_arabic("مسألة") == normalize_arabic("مساله")


def test_alef_maqsura_becomes_ya_and_ta_marbuta_becomes_ha() -> None:
    assert normalize_arabic("على") == "علي"
    assert normalize_arabic("رحمة") == "رحمه"


def test_english_is_lowercased_and_stemmed() -> None:
    assert normalize_english("Killing KILLS killed") == "kill kill kill"


def test_tokenize_handles_mixed_text_and_arabic_article() -> None:
    tokens = tokenize("هل قتلُ المدنيين jihad? Killing")
    assert "jihad" in tokens and "kill" in tokens
    assert tokenize("المدنيين") == tokenize("مدنيين")
    assert tokenize("والإسلام") == tokenize("اسلام")


def test_spelling_variants_share_tokens() -> None:
    assert tokenize("مسألة الرحمة") == tokenize("مساله الرحمه")


def test_normalize_text_joins_tokens() -> None:
    assert normalize_text("Mercy, MERCY!") == "merci merci"


def test_encoder_cleaning_keeps_letters_but_drops_marks() -> None:
    assert clean_for_encoder("  إِلَى   الحـرب ") == "إلى الحرب"


def test_punctuation_only_gives_no_tokens() -> None:
    assert tokenize("؟!...") == []
