"""Every layer of compat.nn against torch.nn: default initialisation under a seed, forward
values, gradients of parameters and inputs, buffers after the call, and repr."""

import numpy as np
import pytest

from nn_oracle import ATOL, RTOL, check_module, compat, raises_like, to_np, torch

rng = np.random.default_rng(0)


def randn(*shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


LAYERS = {
    "linear": (lambda nn: nn.Linear(5, 3), [randn(4, 5)]),
    "linear_nobias": (lambda nn: nn.Linear(5, 3, bias=False), [randn(4, 5)]),
    "linear_3d": (lambda nn: nn.Linear(5, 3), [randn(2, 4, 5)]),
    "linear_1d": (lambda nn: nn.Linear(5, 3), [randn(5)]),
    "linear_f64": (lambda nn: nn.Linear(5, 3, dtype=nn_dtype(nn, "float64")),
                   [randn(4, 5, dtype=np.float64)]),
    "bilinear": (lambda nn: nn.Bilinear(3, 4, 2), [randn(5, 3), randn(5, 4)]),
    "identity": (lambda nn: nn.Identity(7, foo=1), [randn(2, 3)]),
    "flatten": (lambda nn: nn.Flatten(), [randn(2, 3, 4)]),
    "flatten_0": (lambda nn: nn.Flatten(0, 1), [randn(2, 3, 4)]),
    "unflatten": (lambda nn: nn.Unflatten(1, (2, 6)), [randn(3, 12)]),
    "relu": (lambda nn: nn.ReLU(), [randn(4, 5)]),
    "leaky_relu": (lambda nn: nn.LeakyReLU(0.2), [randn(4, 5)]),
    "gelu": (lambda nn: nn.GELU(), [randn(4, 5)]),
    "gelu_tanh": (lambda nn: nn.GELU("tanh"), [randn(4, 5)]),
    "tanh": (lambda nn: nn.Tanh(), [randn(4, 5)]),
    "sigmoid": (lambda nn: nn.Sigmoid(), [randn(4, 5)]),
    "silu": (lambda nn: nn.SiLU(), [randn(4, 5)]),
    "elu": (lambda nn: nn.ELU(0.5), [randn(4, 5)]),
    "softplus": (lambda nn: nn.Softplus(2.0), [randn(4, 5)]),
    "hardtanh": (lambda nn: nn.Hardtanh(-0.5, 0.5), [randn(4, 5)]),
    "softmax": (lambda nn: nn.Softmax(dim=1), [randn(4, 5)]),
    "softmax_0": (lambda nn: nn.Softmax(dim=0), [randn(4, 5)]),
    "log_softmax": (lambda nn: nn.LogSoftmax(dim=-1), [randn(3, 4, 5)]),
    "dropout_eval": (lambda nn: nn.Dropout(0.3), [randn(4, 5)]),
    "embedding": (lambda nn: nn.Embedding(10, 3), [np.array([[1, 2, 4], [4, 3, 9]])]),
    "embedding_pad": (lambda nn: nn.Embedding(10, 3, padding_idx=2),
                      [np.array([[1, 2, 4], [2, 3, 9]])]),
    "embedding_pad_neg": (lambda nn: nn.Embedding(6, 3, padding_idx=-1),
                          [np.array([5, 0, 5, 1])]),
    "layer_norm": (lambda nn: nn.LayerNorm(5), [randn(4, 5)]),
    "layer_norm_2d": (lambda nn: nn.LayerNorm((3, 5), eps=1e-3), [randn(2, 3, 5)]),
    "layer_norm_noaffine": (lambda nn: nn.LayerNorm(5, elementwise_affine=False), [randn(4, 5)]),
    "batch_norm_1d": (lambda nn: nn.BatchNorm1d(5), [randn(8, 5)]),
    "batch_norm_1d_3d": (lambda nn: nn.BatchNorm1d(3, momentum=0.3), [randn(4, 3, 6)]),
    "batch_norm_1d_cma": (lambda nn: nn.BatchNorm1d(5, momentum=None), [randn(8, 5)]),
    "batch_norm_1d_nostats": (lambda nn: nn.BatchNorm1d(5, track_running_stats=False,
                                                        affine=False), [randn(8, 5)]),
    "batch_norm_2d": (lambda nn: nn.BatchNorm2d(3), [randn(2, 3, 4, 4)]),
    "conv2d": (lambda nn: nn.Conv2d(3, 4, 3), [randn(2, 3, 7, 6)]),
    "conv2d_stride_pad": (lambda nn: nn.Conv2d(2, 4, (3, 2), stride=2, padding=1, bias=False),
                          [randn(2, 2, 7, 8)]),
    "conv2d_dilation_groups": (lambda nn: nn.Conv2d(4, 6, 3, dilation=2, groups=2),
                               [randn(1, 4, 9, 9)]),
    "conv2d_same": (lambda nn: nn.Conv2d(2, 3, 4, padding="same"), [randn(1, 2, 6, 6)]),
    "conv2d_unbatched": (lambda nn: nn.Conv2d(2, 3, 3), [randn(2, 5, 5)]),
    "conv2d_reflect": (lambda nn: nn.Conv2d(2, 3, 3, padding=1, padding_mode="reflect"),
                       [randn(1, 2, 5, 5)]),
    "max_pool2d": (lambda nn: nn.MaxPool2d(2), [randn(2, 3, 6, 6)]),
    "max_pool2d_pad_ceil": (lambda nn: nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True),
                            [randn(1, 2, 8, 7)]),
    "max_pool2d_dilation": (lambda nn: nn.MaxPool2d(2, stride=1, dilation=2),
                            [randn(1, 1, 6, 6)]),
    "max_pool2d_indices": (lambda nn: nn.MaxPool2d(2, return_indices=True), [randn(1, 2, 4, 6)]),
    "avg_pool2d": (lambda nn: nn.AvgPool2d(2, padding=1), [randn(1, 2, 5, 5)]),
    "sequential": (lambda nn: nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Dropout(0.5),
                                            nn.Linear(8, 2), nn.LogSoftmax(dim=1)),
                   [randn(4, 6)]),
    "cnn": (lambda nn: nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4),
                                     nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                                     nn.Linear(4 * 4 * 4, 5)), [randn(3, 1, 8, 8)]),
}


def nn_dtype(nn, name):
    return getattr(torch if nn is torch.nn else compat, name)


@pytest.mark.parametrize("name", list(LAYERS))
def test_layer_against_torch(name):
    make, arrays = LAYERS[name]
    check_module(lambda lib: make(lib.nn), arrays, train=not name.endswith("_eval"))


@pytest.mark.parametrize("name", ["batch_norm_1d", "batch_norm_2d", "sequential"])
def test_layer_in_eval_mode(name):
    make, arrays = LAYERS[name]
    check_module(lambda lib: make(lib.nn), arrays, train=False)


def test_batch_norm_running_stats_over_calls():
    check_module(lambda lib: lib.nn.BatchNorm1d(4, momentum=None), [randn(6, 4)], calls=3)
    check_module(lambda lib: lib.nn.BatchNorm1d(4), [randn(6, 4)], calls=3)


@pytest.mark.parametrize("p", [0.2, 0.5, 0.9])
def test_dropout_masks_equal_torch_under_seed(p):
    x = randn(6, 7)
    # the module is built after the seed, then draws its mask: both libraries draw the same
    check_module(lambda lib: lib.nn.Sequential(lib.nn.Linear(7, 7), lib.nn.Dropout(p)), [x])


def test_dropout_p1_and_inplace():
    check_module(lambda lib: lib.nn.Dropout(1.0), [randn(3, 4)])
    for lib in (torch, compat):
        lib.manual_seed(3)
    a = torch.randn(4, 5)
    b = compat.tensor(a.numpy())
    torch.manual_seed(5), compat.manual_seed(5)
    torch.nn.Dropout(0.4, inplace=True)(a)
    compat.nn.Dropout(0.4, inplace=True)(b)
    np.testing.assert_allclose(b.numpy(), a.numpy())


@pytest.mark.parametrize("make", [
    lambda nn: nn.Linear(300, 200), lambda nn: nn.Conv2d(16, 32, 5),
    lambda nn: nn.Embedding(1000, 64), lambda nn: nn.Bilinear(20, 30, 40),
    lambda nn: nn.Sequential(nn.Linear(784, 512), nn.Linear(512, 10)),
])
def test_default_init_identical_to_torch(make):
    out = {}
    for lib in (torch, compat):
        lib.manual_seed(1234)
        out[lib.__name__] = {k: np.asarray(v.detach().numpy())
                             for k, v in make(lib.nn).state_dict().items()}
        out[lib.__name__ + "_next"] = np.asarray(lib.rand(3).numpy())  # generator state after
    for k, v in out["torch"].items():
        np.testing.assert_array_equal(out["compat"][k], v, err_msg=k)
    np.testing.assert_array_equal(out["compat_next"], out["torch_next"])


def test_linear_3_1_same_weights_as_torch():
    torch.manual_seed(42)
    t = torch.nn.Linear(3, 1)
    compat.manual_seed(42)
    c = compat.nn.Linear(3, 1)
    assert c.weight.tolist() == t.weight.tolist()
    assert c.bias.tolist() == t.bias.tolist()
    assert repr(c.weight) == repr(t.weight)


def _graph(fn, depth):
    """A grad_fn's graph to ``depth`` levels as nested (name, children); None for inputs
    without history."""
    if fn is None:
        return None
    return (fn.name(), [(_graph(f, depth - 1), i) for f, i in fn.next_functions]
            if depth else [])


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("make_input", [
    lambda lib: lib.randn(4, 3, requires_grad=True),
    lambda lib: lib.randn(4, 3),
    lambda lib: lib.randn(2, 4, 3, requires_grad=True),
    lambda lib: lib.randn(2, 2, 1, 3, requires_grad=True),
    lambda lib: lib.randn(4, 3, 2, requires_grad=True).transpose(1, 2),
    lambda lib: lib.randn(3, 4, requires_grad=True).t(),
], ids=["2d", "2d-no-grad", "3d", "4d", "3d-strided", "2d-transposed"])
def test_linear_graph_is_torchs(bias, make_input):
    """The autograd graph of nn.Linear, node by node (the NN tutorial prints
    ``loss.grad_fn.next_functions[0][0]``); gradients as torch's."""
    got, want = [], []
    for lib, out in ((compat, got), (torch, want)):
        lib.manual_seed(0)
        layer = lib.nn.Linear(3, 2, bias=bias)
        x = make_input(lib)
        y = layer(x)
        y.sum().backward()
        # matmul's inner nodes (unsqueeze, mm) are one node here: below it, names may differ
        out.append(_graph(y.grad_fn, 4 if x.dim() == 2 or bias and x.is_contiguous() else
                          1 if bias else 0))
        out.append([to_np(t) for t in (y, layer.weight.grad, x.grad if x.is_leaf else None)])
    assert got[0] == want[0]
    for c, t in zip(got[1], want[1]):
        if t is None:
            assert c is None
        else:
            np.testing.assert_allclose(c, t, rtol=RTOL, atol=ATOL)


def test_linear_in_no_grad_has_no_graph():
    with compat.no_grad():
        assert compat.nn.Linear(3, 2)(compat.randn(4, 3)).grad_fn is None


# ----------------------------------------------------------------------------- bad input
def test_linear_shape_mismatch():
    e = raises_like(lambda lib: lib.nn.Linear(3, 2)(lib.ones(4, 5)))
    assert "mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)" in str(e)
    raises_like(lambda lib: lib.nn.Linear(3, 2)(lib.ones(2, 4, 5)))


@pytest.mark.parametrize("fn", [
    lambda lib: lib.nn.Conv2d(3, 4, 3)(lib.ones(1, 2, 5, 5)),
    lambda lib: lib.nn.Conv2d(3, 4, 3)(lib.ones(5, 5)),
    lambda lib: lib.nn.Conv2d(3, 4, 3)(lib.ones(1, 3, 2, 2)),
    lambda lib: lib.nn.BatchNorm1d(3)(lib.ones(1, 3, 2, 2)),
    lambda lib: lib.nn.BatchNorm1d(3)(lib.ones(1, 3)),
    lambda lib: lib.nn.LayerNorm(4)(lib.ones(2, 3)),
    lambda lib: lib.nn.Embedding(3, 2)(lib.tensor([3])),
    lambda lib: lib.nn.Embedding(3, 2)(lib.tensor([1.0])),
    lambda lib: lib.nn.MaxPool2d(3, padding=2)(lib.ones(1, 1, 5, 5)),
    lambda lib: lib.nn.Dropout(1.5),
    lambda lib: lib.nn.Embedding(3, 2, padding_idx=5),
])
def test_layer_errors_match_torch(fn):
    raises_like(fn)


def test_linear_node_hooks_see_torchs_gradients():
    """Hooks on the linear's node and on its TBackward0 get what torch's give, in its order."""
    got = []
    for lib in (compat, torch):
        lib.manual_seed(0)
        layer = lib.nn.Linear(3, 2)
        x = lib.randn(4, 3, requires_grad=True)
        y = layer(x)
        seen = []
        y.grad_fn.register_hook(lambda gi, go: seen.append([None if g is None else to_np(g)
                                                            for g in gi]))
        y.grad_fn.next_functions[2][0].register_hook(
            lambda gi, go: seen.append([to_np(g) for g in gi + go]))
        (y * lib.arange(8.).view(4, 2)).sum().backward(create_graph=True)
        got.append((seen, to_np(layer.weight.grad), layer.weight.grad.requires_grad))
    (seen_c, w_c, rg_c), (seen_t, w_t, rg_t) = got
    assert rg_c == rg_t
    np.testing.assert_allclose(w_c, w_t, rtol=RTOL, atol=ATOL)
    assert len(seen_c) == len(seen_t)
    for c, t in zip(seen_c, seen_t):
        assert len(c) == len(t)
        for a, b in zip(c, t):
            np.testing.assert_allclose(a, b, rtol=RTOL, atol=ATOL)
