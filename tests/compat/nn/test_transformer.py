"""Transformer layers and stacks against torch: initialisation under a seed (the draws of
every submodule, in torch's order), state_dict names, outputs and gradients in training
(dropout draws included) and evaluation, masks, causal hints, repr, warnings and errors."""

import warnings

import numpy as np
import pytest

from nn_oracle import assert_close, check_module, compat, raises_like, torch

rng = np.random.default_rng(2)


def randn(*shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def _quiet(make):
    def factory(lib):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # enable_nested_tensor's notice, tested apart
            return make(lib)
    return factory


def called(make, masks=None, **kw):
    """``make(lib)`` called on the inputs with numpy ``masks`` as the library's tensors."""
    def factory(lib):
        inner = _quiet(make)(lib)
        tensors = {k: lib.tensor(v) for k, v in (masks or {}).items()}

        class Wrap(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.inner = inner

            def forward(self, *xs):
                return self.inner(*xs, **tensors, **kw)
        return Wrap()
    return factory


SRC = randn(5, 2, 8)
SRC_B = randn(2, 5, 8)
TGT = randn(4, 2, 8)
CAUSAL5 = np.triu(np.full((5, 5), -np.inf, np.float32), 1)
CAUSAL4 = np.triu(np.full((4, 4), -np.inf, np.float32), 1)
PAD = np.zeros((2, 5), bool)
PAD[0, 4:] = True


def enc_layer(**kw):
    return lambda lib: lib.nn.TransformerEncoderLayer(8, 2, 16, **kw)


def dec_layer(**kw):
    return lambda lib: lib.nn.TransformerDecoderLayer(8, 2, 16, **kw)


def gelu_callable(lib):
    return lib.nn.TransformerEncoderLayer(8, 2, 16, activation=lib.nn.functional.silu)


def gelu_module(lib):
    return lib.nn.TransformerEncoderLayer(8, 2, 16, activation=lib.nn.GELU())


def encoder(lib, norm=True, **kw):
    layer = lib.nn.TransformerEncoderLayer(8, 2, 16, **kw)
    return lib.nn.TransformerEncoder(layer, 2, lib.nn.LayerNorm(8) if norm else None)


def decoder(lib, **kw):
    layer = lib.nn.TransformerDecoderLayer(8, 2, 16, **kw)
    return lib.nn.TransformerDecoder(layer, 2, lib.nn.LayerNorm(8))


CASES = {
    "encoder_layer": (called(enc_layer()), [SRC]),
    "encoder_layer_gelu": (called(enc_layer(activation="gelu")), [SRC]),
    "encoder_layer_callable": (called(gelu_callable), [SRC]),
    "encoder_layer_module_activation": (called(gelu_module), [SRC]),
    "encoder_layer_norm_first": (called(enc_layer(norm_first=True)), [SRC]),
    "encoder_layer_batch_first": (called(enc_layer(batch_first=True)), [SRC_B]),
    "encoder_layer_no_bias": (called(enc_layer(bias=False)), [SRC]),
    "encoder_layer_no_dropout": (called(enc_layer(dropout=0.0)), [SRC]),
    "encoder_layer_masks": (called(enc_layer(), masks={"src_mask": CAUSAL5,
                                                       "src_key_padding_mask": PAD}), [SRC]),
    "encoder_layer_causal": (called(enc_layer(), masks={"src_mask": CAUSAL5}, is_causal=True),
                             [SRC]),
    "encoder_layer_unbatched": (called(enc_layer()), [randn(5, 8)]),
    "encoder": (called(encoder), [SRC]),
    "encoder_no_norm": (called(lambda lib: encoder(lib, norm=False)), [SRC]),
    "encoder_causal_detected": (called(encoder, masks={"mask": CAUSAL5}), [SRC]),
    "encoder_padding": (called(lambda lib: encoder(lib, batch_first=True),
                               masks={"src_key_padding_mask": PAD}), [SRC_B]),
    "decoder_layer": (called(dec_layer()), [TGT, SRC]),
    "decoder_layer_norm_first": (called(dec_layer(norm_first=True, activation="gelu")),
                                 [TGT, SRC]),
    "decoder_layer_masks": (called(dec_layer(batch_first=True),
                                   masks={"tgt_mask": CAUSAL4, "memory_key_padding_mask": PAD},
                                   tgt_is_causal=True),
                            [randn(2, 4, 8), SRC_B]),
    "decoder": (called(decoder, masks={"tgt_mask": CAUSAL4}), [TGT, SRC]),
    "transformer": (called(lambda lib: lib.nn.Transformer(8, 2, 2, 2, 16),
                           masks={"tgt_mask": CAUSAL4}), [SRC, TGT]),
    "transformer_batch_first": (called(lambda lib: lib.nn.Transformer(
        8, 2, 1, 1, 16, batch_first=True, norm_first=True, dropout=0.2)), [SRC_B, randn(2, 4, 8)]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_transformer_against_torch(name):
    make, arrays = CASES[name]
    check_module(make, arrays, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", ["encoder_layer", "encoder_padding", "decoder", "transformer"])
def test_transformer_in_eval_mode(name):
    make, arrays = CASES[name]
    check_module(make, arrays, train=False, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("batch_first", [True, False])
def test_encoder_inference_zeroes_padding_as_torch(batch_first):
    # torch runs a padded batch as a nested tensor here: padded positions come back as zeros
    outs = []
    src = SRC_B if batch_first else SRC
    for lib in (torch, compat):
        lib.manual_seed(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = encoder(lib, batch_first=batch_first).eval()
        with lib.no_grad():
            outs.append(model(lib.tensor(src), src_key_padding_mask=lib.tensor(PAD)))
    assert_close(outs[1], outs[0], rtol=1e-4, atol=1e-5)


def test_encoder_warns_as_torch_when_nested_tensors_are_off():
    messages = []
    for lib in (torch, compat):
        layer = lib.nn.TransformerEncoderLayer(8, 2, 16)
        with pytest.warns(UserWarning) as record:
            lib.nn.TransformerEncoder(layer, 1)
        messages.append([str(w.message) for w in record])
    assert messages[1] == messages[0]
    for lib in (torch, compat):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            lib.nn.TransformerEncoder(lib.nn.TransformerEncoderLayer(8, 2, 16, batch_first=True),
                                      1)


def test_square_subsequent_mask():
    assert_close(compat.nn.Transformer.generate_square_subsequent_mask(4),
                 torch.nn.Transformer.generate_square_subsequent_mask(4))
    assert_close(compat.nn.Transformer.generate_square_subsequent_mask(3, dtype=compat.float64),
                 torch.nn.Transformer.generate_square_subsequent_mask(3, dtype=torch.float64))


def test_state_dict_names_and_shapes():
    for make in (lambda lib: lib.nn.Transformer(8, 2, 1, 1, 16),
                 lambda lib: lib.nn.TransformerDecoderLayer(8, 2, 16, bias=False)):
        names = []
        for lib in (torch, compat):
            names.append([(k, tuple(v.shape)) for k, v in make(lib).state_dict().items()])
        assert names[1] == names[0]


ERRORS = {
    "activation": lambda lib: lib.nn.TransformerEncoderLayer(8, 2, activation="tanh"),
    "batch": lambda lib: lib.nn.Transformer(8, 2, 1, 1, 16)(lib.ones(3, 2, 8), lib.ones(3, 1, 8)),
    "features": lambda lib: lib.nn.Transformer(8, 2, 1, 1, 16)(lib.ones(3, 2, 8),
                                                               lib.ones(3, 2, 4)),
    "mask_dtype": lambda lib: lib.nn.TransformerEncoderLayer(8, 2, 16)(
        lib.ones(3, 2, 8), src_mask=lib.ones(3, 3, dtype=lib.int64)),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_as_torch(name):
    raises_like(ERRORS[name])


def _train_small_gpt(lib):
    """Three AdamW steps of a causal, pre-norm, GELU encoder language model (dropout on)."""
    lib.manual_seed(0)
    nn = lib.nn

    class TinyGPT(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(11, 16)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.blocks = nn.TransformerEncoder(nn.TransformerEncoderLayer(
                    16, 4, 32, dropout=0.1, batch_first=True, norm_first=True,
                    activation="gelu"), 2)
            self.head = nn.Linear(16, 11)

        def forward(self, idx):
            mask = nn.Transformer.generate_square_subsequent_mask(idx.shape[1])
            return self.head(self.blocks(self.emb(idx), mask=mask, is_causal=True))

    model = TinyGPT()
    opt = lib.optim.AdamW(model.parameters(), lr=1e-2)
    idx = lib.tensor(np.arange(24).reshape(3, 8) % 11)
    losses = []
    for _ in range(3):
        logits = model(idx)
        loss = nn.functional.cross_entropy(logits.reshape(-1, 11), idx.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}


def test_small_gpt_trains_as_torch():
    losses_t, state_t = _train_small_gpt(torch)
    losses_c, state_c = _train_small_gpt(compat)
    np.testing.assert_allclose(losses_c, losses_t, rtol=1e-5)
    assert list(state_c) == list(state_t)
    for k in state_t:
        c, t = state_c[k], state_t[k]
        if k.endswith("in_proj_bias"):
            # The key bias shifts each row of scores by a constant: its true gradient is 0, and
            # Adam turns both libraries' rounding noise there into full-size steps.
            c, t = np.delete(c, slice(16, 32)), np.delete(t, slice(16, 32))
        np.testing.assert_allclose(c, t, rtol=1e-4, atol=1e-5, err_msg=k)
