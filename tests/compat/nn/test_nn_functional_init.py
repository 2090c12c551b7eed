"""nn.functional calls and nn.init against torch: values, gradients and grad_fn names;
every initialiser under the same seed draws what torch draws."""

import numpy as np
import pytest

from nn_oracle import assert_close, compat, raises_like, torch

rng = np.random.default_rng(2)
X = rng.standard_normal((4, 6)).astype(np.float32)


FUNCTIONAL = {
    "relu": lambda F, x: F.relu(x),
    "relu_inplace": lambda F, x: F.relu(x * 1, inplace=True),
    "leaky_relu": lambda F, x: F.leaky_relu(x, 0.3),
    "gelu": lambda F, x: F.gelu(x),
    "gelu_tanh": lambda F, x: F.gelu(x, approximate="tanh"),
    "tanh": lambda F, x: F.tanh(x),
    "sigmoid": lambda F, x: F.sigmoid(x),
    "silu": lambda F, x: F.silu(x),
    "elu": lambda F, x: F.elu(x, 0.7),
    "softplus": lambda F, x: F.softplus(x, beta=2.0, threshold=1.0),
    "hardtanh": lambda F, x: F.hardtanh(x, -0.3, 0.4),
    "relu6": lambda F, x: F.relu6(x * 4),
    "logsigmoid": lambda F, x: F.logsigmoid(x),
    "softmax": lambda F, x: F.softmax(x, dim=1),
    "log_softmax": lambda F, x: F.log_softmax(x, 0),
    "linear": lambda F, x: F.linear(x, x[:3] * 0.5, x[0, :3]),
    "linear_nobias": lambda F, x: F.linear(x, x[:2]),
    "layer_norm": lambda F, x: F.layer_norm(x, (6,), x[0], x[1]),
    "normalize": lambda F, x: F.normalize(x, dim=1),
    "pad": lambda F, x: F.pad(x, (1, 2, 0, 1), value=0.5),
    "pad_reflect": lambda F, x: F.pad(x[None], (2, 1), mode="reflect"),
    "pad_replicate": lambda F, x: F.pad(x[None], (2, 1), mode="replicate"),
    "conv2d": lambda F, x: F.conv2d(x.reshape(1, 1, 4, 6), x[:2, :4].reshape(2, 1, 2, 2),
                                    stride=(1, 2)),
    "max_pool2d": lambda F, x: F.max_pool2d(x.reshape(1, 4, 6), 2, 1),
    "avg_pool2d": lambda F, x: F.avg_pool2d(x.reshape(1, 1, 4, 6), 3, 2, 1, ceil_mode=True,
                                            count_include_pad=False),
    "batch_norm_fn": lambda F, x: F.batch_norm(x, None, None, training=True),
    "embedding": lambda F, x: F.embedding(x.new_zeros(3).long() + 2 if hasattr(x, "new_zeros")
                                          else None, x),
}


def _run(lib, fn):
    x = lib.tensor(X.copy(), requires_grad=True)
    out = fn(lib.nn.functional, x)
    w = lib.tensor(np.linspace(-1, 1, out.numel()).reshape(tuple(out.shape)).astype(np.float32))
    (out * w).sum().backward()
    return out, x.grad


@pytest.mark.parametrize("name", [n for n in FUNCTIONAL if n != "embedding"])
def test_functional_against_torch(name):
    out_c, g_c = _run(compat, FUNCTIONAL[name])
    out_t, g_t = _run(torch, FUNCTIONAL[name])
    assert_close(out_c, out_t, 2e-5, 2e-6, "out")
    assert_close(g_c, g_t, 1e-4, 1e-5, "grad")
    assert type(out_c.grad_fn).__name__ == type(out_t.grad_fn).__name__


def test_embedding_functional_and_max_norm():
    w = rng.standard_normal((5, 3)).astype(np.float32) * 3
    idx = np.array([[0, 2], [2, 4]])
    res = {}
    for lib in (compat, torch):
        weight = lib.tensor(w.copy(), requires_grad=True)
        out = lib.nn.functional.embedding(lib.tensor(idx), weight, padding_idx=4,
                                          scale_grad_by_freq=True)
        out.sum().backward()
        emb = lib.nn.Embedding(5, 3, max_norm=1.0, _weight=lib.tensor(w.copy()))
        looked = emb(lib.tensor(idx))
        res[lib.__name__] = (out, weight.grad, looked, emb.weight.detach())
    for a, b in zip(res["compat"], res["torch"]):
        assert_close(a, b, 1e-5, 1e-6)


def test_one_hot_and_dropout_functional():
    t = [lib.nn.functional.one_hot(lib.tensor([0, 3, 1])) for lib in (compat, torch)]
    assert_close(t[0], t[1])
    t = [lib.nn.functional.one_hot(lib.tensor([0, 1]), num_classes=4) for lib in (compat, torch)]
    assert_close(t[0], t[1])
    outs = []
    for lib in (compat, torch):
        lib.manual_seed(11)
        x = lib.ones(50, requires_grad=True)
        y = lib.nn.functional.dropout(x, 0.25)
        y.sum().backward()
        outs.append((y, x.grad, lib.nn.functional.dropout(x, 0.25, training=False) is x))
    assert_close(outs[0][:2], outs[1][:2])
    assert outs[0][2] and outs[1][2]


def test_softmax_implicit_dim_warns_like_torch():
    for lib in (compat, torch):
        with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
            lib.nn.functional.softmax(lib.ones(2, 3))


# ----------------------------------------------------------------------------- init
INITS = {
    "uniform_": lambda init, t: init.uniform_(t, -0.3, 0.7),
    "normal_": lambda init, t: init.normal_(t, 0.5, 2.0),
    "zeros_": lambda init, t: init.zeros_(t),
    "ones_": lambda init, t: init.ones_(t),
    "constant_": lambda init, t: init.constant_(t, 0.25),
    "eye_": lambda init, t: init.eye_(t),
    "xavier_uniform_": lambda init, t: init.xavier_uniform_(t, gain=init.calculate_gain("tanh")),
    "xavier_normal_": lambda init, t: init.xavier_normal_(t),
    "kaiming_uniform_": lambda init, t: init.kaiming_uniform_(t, nonlinearity="relu"),
    "kaiming_uniform_fan_out": lambda init, t: init.kaiming_uniform_(t, a=0.1, mode="fan_out"),
    "kaiming_normal_": lambda init, t: init.kaiming_normal_(t, mode="fan_out",
                                                            nonlinearity="relu"),
    "orthogonal_": lambda init, t: init.orthogonal_(t),
    "trunc_normal_": lambda init, t: init.trunc_normal_(t, std=0.5),
    "trunc_normal_tail": lambda init, t: init.trunc_normal_(t, 0.0, 1.0, 1.5, 3.0),
}


@pytest.mark.parametrize("shape", [(30, 20), (8, 4, 3, 3)])
@pytest.mark.parametrize("name", list(INITS))
def test_init_draws_like_torch(name, shape):
    if name == "eye_" and len(shape) != 2:
        pytest.skip("eye_ is 2-D only")
    out = {}
    for lib in (compat, torch):
        lib.manual_seed(99)
        p = lib.nn.Parameter(lib.empty(*shape))
        r = INITS[name](lib.nn.init, p)
        assert r is p
        out[lib.__name__] = (p.detach().numpy().copy(), lib.rand(2).numpy())
    tol = 1e-5 if name == "orthogonal_" else 0
    np.testing.assert_allclose(out["compat"][0], out["torch"][0], rtol=tol, atol=tol)
    np.testing.assert_array_equal(out["compat"][1], out["torch"][1])


def test_calculate_gain_and_errors():
    for args in [("linear",), ("relu",), ("tanh",), ("leaky_relu", 0.2), ("selu",)]:
        assert compat.nn.init.calculate_gain(*args) == torch.nn.init.calculate_gain(*args)
    raises_like(lambda lib: lib.nn.init.calculate_gain("bogus"))
    raises_like(lambda lib: lib.nn.init.xavier_uniform_(lib.empty(3)))
    raises_like(lambda lib: lib.nn.init.kaiming_uniform_(lib.empty(3, 3), mode="fan"))


@pytest.mark.parametrize("norm_type", [2.0, 1.0, float("inf")])
def test_clip_grad_norm_and_value(norm_type):
    res = {}
    for lib in (compat, torch):
        lib.manual_seed(0)
        m = lib.nn.Sequential(lib.nn.Linear(5, 3), lib.nn.Linear(3, 2))
        (m(lib.randn(4, 5)) ** 2).sum().backward()
        total = lib.nn.utils.clip_grad_norm_(m.parameters(), 0.5, norm_type=norm_type)
        grads = [p.grad.clone() for p in m.parameters()]
        lib.nn.utils.clip_grad_value_(m.parameters(), 0.01)
        res[lib.__name__] = [total] + grads + [p.grad for p in m.parameters()] + [
            lib.nn.utils.parameters_to_vector(m.parameters())]
    assert_close(res["compat"], res["torch"], 1e-5, 1e-6)
