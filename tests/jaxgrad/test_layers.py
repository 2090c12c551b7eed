"""jaxgrad.functional layers against torch.nn.functional: values, gradients, returned state
and error text; eager and under jit."""
import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxgrad import functional as F

torch = pytest.importorskip("torch")
TF = torch.nn.functional

from torch_vjp import against_torch as _against_torch, rand  # noqa: E402


def against_torch(*args, **kwargs):
    """The shared oracle, with this file's absolute tolerance (layers sum many products)."""
    kwargs.setdefault("atol", 1e-5)
    return _against_torch(*args, **kwargs)


# ----------------------------------------------------------------------------- linear
@pytest.mark.parametrize("shape", [(5,), (4, 5), (2, 3, 5)])
def test_linear(shape, variant):
    x, w, b = rand(*shape), rand(3, 5, seed=1), rand(3, seed=2)
    against_torch(F.linear, TF.linear, x, w, b, diff=(0, 1, 2), variant=variant)
    against_torch(F.linear, TF.linear, x, w, diff=(0, 1), variant=variant)


@pytest.mark.parametrize("x,w,b,msg", [
    ((2, 3), (4, 5), None, "mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)"),
    ((2, 7, 3), (4, 5), None, "mat1 and mat2 shapes cannot be multiplied (14x3 and 5x4)"),
    ((2, 3), (4, 3), (5,), "The expanded size of the tensor (4) must match the existing size (5) "
                           "at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [5]"),
    ((), (4, 3), None, "both arguments to linear need to be at least 1D, but they are 0D and 2D"),
])
def test_linear_errors(x, w, b, msg):
    bias = None if b is None else jnp.zeros(b, jnp.float32)
    with pytest.raises(RuntimeError) as info:
        F.linear(jnp.zeros(x, jnp.float32), jnp.zeros(w, jnp.float32), bias)
    assert str(info.value) == msg
    with pytest.raises(RuntimeError) as info:
        TF.linear(torch.zeros(x), torch.zeros(w), None if b is None else torch.zeros(b))
    assert str(info.value) == msg


def test_linear_dtype_errors():
    with pytest.raises(RuntimeError, match="expected m1 and m2 to have the same dtype, but got: "
                                           "float != double"):
        F.linear(jnp.zeros((2, 3), jnp.float32), jnp.zeros((4, 3), jnp.float64))
    with pytest.raises(RuntimeError, match="self and mat2 must have the same dtype, but got "
                                           "Double and Float"):
        F.linear(jnp.zeros((2, 3), jnp.float32), jnp.zeros((4, 3), jnp.float32),
                 jnp.zeros(4, jnp.float64))


# ----------------------------------------------------------------------------- dropout
def test_dropout_statistics_and_gradient(variant):
    x = jnp.asarray(rand(200, 50)) + 3.0       # no zeros in the input
    p = 0.3
    out = variant(lambda x, k: F.dropout(x, p, k))(x, jax.random.key(1))
    kept = out != 0
    assert abs(1 - kept.mean() - p) < 0.02    # ~10,000 Bernoulli draws
    np.testing.assert_allclose(out[kept], x[kept] / (1 - p), rtol=1e-6)
    grad = jax.grad(lambda x: variant(lambda x, k: F.dropout(x, p, k))(x, jax.random.key(1)).sum())(x)
    np.testing.assert_allclose(grad, np.where(kept, 1 / (1 - p), 0), rtol=1e-6)


def test_dropout_is_deterministic_per_key_and_edge_cases():
    x = jnp.ones((4, 4), jnp.float32)
    k1, k2 = jax.random.key(0), jax.random.key(1)
    chex.assert_trees_all_equal(F.dropout(x, 0.5, k1), F.dropout(x, 0.5, k1))
    assert not np.array_equal(F.dropout(x, 0.5, k1), F.dropout(x, 0.5, k2))
    chex.assert_trees_all_equal(F.dropout(x, 0.5, k1, training=False), x)
    chex.assert_trees_all_equal(F.dropout(x, 0.0, k1), x)
    chex.assert_trees_all_equal(F.dropout(x, 1.0, k1), jnp.zeros_like(x))
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got 1.5"):
        F.dropout(x, 1.5, k1)
    with pytest.raises(ValueError, match="needs a jax.random key"):
        F.dropout(x, 0.5)


# ----------------------------------------------------------------------------- embedding
@pytest.mark.parametrize("kw", [{}, {"padding_idx": 1}, {"padding_idx": -1},
                                {"scale_grad_by_freq": True}, {"scale_grad_by_freq": True, "padding_idx": 0}])
def test_embedding(kw, variant):
    idx = np.array([[1, 3, 3], [0, 3, 4]])
    w = rand(5, 4)
    against_torch(lambda i, w: F.embedding(i, w, **kw), lambda i, w: TF.embedding(i, w, **kw),
                  idx, w, diff=(1,), variant=variant)


def test_embedding_max_norm_matches_torch_values_gradients_and_renorm():
    idx, w = np.array([0, 2, 2]), rand(4, 3) * 3
    tw = torch.tensor(w, requires_grad=True)
    with torch.no_grad():
        renormed_by_torch = tw.clone()
    expected = TF.embedding(torch.tensor(idx), renormed_by_torch.requires_grad_(), max_norm=1.0)
    expected.backward(torch.tensor(rand(3, 3, seed=5)))
    out, vjp = jax.vjp(lambda w: F.embedding(jnp.asarray(idx), w, max_norm=1.0), jnp.asarray(w))
    np.testing.assert_allclose(out, expected.detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(vjp(jnp.asarray(rand(3, 3, seed=5)))[0], renormed_by_torch.grad.numpy())
    for run in (lambda f: f, jax.jit):
        renormed = run(lambda w, i: F.embedding_renorm(w, i, 1.0))(jnp.asarray(w), jnp.asarray(idx))
        np.testing.assert_allclose(renormed, renormed_by_torch.detach().numpy(), rtol=1e-6)


def test_embedding_errors():
    w = jnp.zeros((4, 3), jnp.float32)
    with pytest.raises(RuntimeError, match="Expected tensor for argument #1 'indices' to have one of "
                                           "the following scalar types: Long, Int; but got "
                                           "torch.FloatTensor instead"):
        F.embedding(jnp.zeros(3, jnp.float32), w)
    with pytest.raises(AssertionError, match="Padding_idx must be within num_embeddings"):
        F.embedding(jnp.array([1]), w, padding_idx=4)
    with pytest.raises(IndexError, match="index out of range in self"):
        F.embedding(jnp.array([7]), w)


# ----------------------------------------------------------------------------- normalisation
@pytest.mark.parametrize("affine", [False, True])
def test_layer_norm(affine, variant):
    x, w, b = rand(2, 3, 4, 5), rand(4, 5, seed=1), rand(4, 5, seed=2)
    if affine:
        against_torch(lambda x, w, b: F.layer_norm(x, (4, 5), w, b, eps=1e-3),
                      lambda x, w, b: TF.layer_norm(x, (4, 5), w, b, eps=1e-3),
                      x, w, b, diff=(0, 1, 2), variant=variant)
    else:
        against_torch(lambda x: F.layer_norm(x, [5]), lambda x: TF.layer_norm(x, [5]), x,
                      variant=variant)


def test_layer_norm_errors():
    with pytest.raises(RuntimeError) as info:
        F.layer_norm(jnp.zeros((2, 3), jnp.float32), (4,))
    assert str(info.value) == ("Given normalized_shape=[4], expected input with shape [*, 4], but "
                               "got input of size[2, 3]")
    with pytest.raises(RuntimeError, match=r"Expected weight to be of same shape as normalized_shape, "
                                           r"but got weight of shape \[4\] and normalized_shape = \[3\]"):
        F.layer_norm(jnp.zeros((2, 3), jnp.float32), (3,), jnp.ones(4, jnp.float32))


@pytest.mark.parametrize("shape", [(6, 3), (4, 3, 2, 5)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_outputs_gradients_and_running_stats(shape, training, variant):
    x, w, b = rand(*shape), rand(3, seed=1), rand(3, seed=2)
    rm, rv = rand(3, seed=3), np.abs(rand(3, seed=4)) + 0.5
    t_rm, t_rv = torch.tensor(rm), torch.tensor(rv)
    stats = {}

    def jfn(x, w, b):
        out, stats["mean"], stats["var"] = F.batch_norm(x, jnp.asarray(rm), jnp.asarray(rv), w, b,
                                                        training=training, momentum=0.2)
        return out

    against_torch(jfn, lambda x, w, b: TF.batch_norm(x, t_rm, t_rv, w, b, training=training,
                                                     momentum=0.2),
                  x, w, b, diff=(0, 1, 2))
    np.testing.assert_allclose(stats["mean"], t_rm.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(stats["var"], t_rv.numpy(), rtol=1e-5, atol=1e-6)
    out = variant(lambda x: F.batch_norm(x, jnp.asarray(rm), jnp.asarray(rv), training=training))(
        jnp.asarray(x))
    chex.assert_trees_all_equal_shapes_and_dtypes(out, (jnp.asarray(x), jnp.asarray(rm), jnp.asarray(rv)))


def test_batch_norm_without_running_stats_and_errors():
    x = jnp.asarray(rand(4, 3))
    out, rm, rv = F.batch_norm(x, None, None, training=True)
    assert rm is None and rv is None
    np.testing.assert_allclose(out, TF.batch_norm(torch.tensor(np.asarray(x)), None, None,
                                                  training=True).numpy(), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match=r"Expected more than 1 value per channel when training, "
                                         r"got input size torch.Size\(\[1, 3\]\)"):
        F.batch_norm(jnp.zeros((1, 3), jnp.float32), None, None, training=True)
    with pytest.raises(RuntimeError, match="running_mean should contain 3 elements not 4"):
        F.batch_norm(x, jnp.zeros(4), jnp.ones(4), training=True)
    with pytest.raises(RuntimeError, match="running_mean must be defined in evaluation mode"):
        F.batch_norm(x, None, None)


# ----------------------------------------------------------------------------- conv2d
@pytest.mark.parametrize("kw,in_ch,w_shape", [
    ({}, 3, (4, 3, 3, 3)),
    ({"stride": 2, "padding": 1}, 3, (4, 3, 3, 3)),
    ({"stride": (1, 2), "padding": (2, 0), "dilation": (2, 1)}, 3, (4, 3, 3, 2)),
    ({"groups": 2, "padding": 1}, 4, (6, 2, 3, 3)),
    ({"groups": 4}, 4, (4, 1, 2, 2)),
    ({"padding": "same"}, 3, (2, 3, 4, 3)),
    ({"padding": "same", "dilation": 2}, 3, (2, 3, 2, 2)),
    ({"padding": "valid"}, 3, (2, 3, 3, 3)),
])
def test_conv2d(kw, in_ch, w_shape, variant):
    x, w, b = rand(2, in_ch, 7, 6), rand(*w_shape, seed=1), rand(w_shape[0], seed=2)
    against_torch(lambda x, w, b: F.conv2d(x, w, b, **kw), lambda x, w, b: TF.conv2d(x, w, b, **kw),
                  x, w, b, diff=(0, 1, 2), variant=variant, atol=1e-4)


def test_conv2d_unbatched():
    against_torch(F.conv2d, TF.conv2d, rand(3, 5, 5), rand(2, 3, 3, 3, seed=1), diff=(0, 1))


@pytest.mark.parametrize("x,w,kw", [
    ((1, 4, 5, 5), (8, 3, 3, 3), {}),
    ((1, 4, 5, 5), (8, 2, 3, 3), {"groups": 3}),
    ((1, 4, 2, 2), (8, 4, 3, 3), {}),
    ((5, 5), (8, 4, 3, 3), {}),
    ((1, 4, 5, 5), (8, 4, 3, 3), {"stride": 2, "padding": "same"}),
    ((1, 4, 5, 5), (8, 4, 3, 3), {"padding": "foo"}),
    ((1, 4, 5, 5), (8, 4, 3, 3), {"padding": -1}),
    ((1, 4, 5, 5), (8, 4, 3, 3), {"stride": 0}),
])
def test_conv2d_errors_match_torch(x, w, kw):
    with pytest.raises(RuntimeError) as ours:
        F.conv2d(jnp.zeros(x, jnp.float32), jnp.zeros(w, jnp.float32), **kw)
    with pytest.raises(RuntimeError) as theirs:
        TF.conv2d(torch.zeros(x), torch.zeros(w), **kw)
    assert str(ours.value) == str(theirs.value)


# ----------------------------------------------------------------------------- pooling
POOL_CASES = [
    (2, {}),
    (3, {"stride": 2, "padding": 1}),
    ((3, 2), {"stride": (2, 1), "ceil_mode": True}),
    (3, {"stride": 2, "ceil_mode": True, "padding": 1}),
    (2, {"stride": 3, "ceil_mode": True}),
]


@pytest.mark.parametrize("kernel,kw", POOL_CASES + [(2, {"dilation": 2, "padding": 1}),
                                                    (3, {"dilation": (1, 2), "ceil_mode": True})])
def test_max_pool2d(kernel, kw, variant):
    x = np.maximum(rand(2, 3, 7, 8), 0)      # many ties at 0: the gradient picks the first
    against_torch(lambda x: F.max_pool2d(x, kernel, **kw), lambda x: TF.max_pool2d(x, kernel, **kw),
                  x, variant=variant)
    out, idx = variant(lambda x: F.max_pool2d(x, kernel, return_indices=True, **kw))(jnp.asarray(x))
    t_out, t_idx = TF.max_pool2d(torch.tensor(x), kernel, return_indices=True, **kw)
    np.testing.assert_array_equal(out, t_out.numpy())
    np.testing.assert_array_equal(idx, t_idx.numpy())
    assert idx.dtype == jnp.int64


def test_max_pool2d_with_indices_gradient_and_unbatched():
    x = np.maximum(rand(3, 6, 6), 0)
    against_torch(lambda x: F.max_pool2d(x, 3, 2, return_indices=True)[0],
                  lambda x: TF.max_pool2d(x, 3, 2, return_indices=True)[0], x)


@pytest.mark.parametrize("kernel,kw", POOL_CASES + [
    (3, {"padding": 1, "count_include_pad": False}),
    (3, {"stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}),
    (2, {"divisor_override": 3}),
])
def test_avg_pool2d(kernel, kw, variant):
    against_torch(lambda x: F.avg_pool2d(x, kernel, **kw), lambda x: TF.avg_pool2d(x, kernel, **kw),
                  rand(2, 3, 7, 8), variant=variant)


@pytest.mark.parametrize("fn,args,kw", [
    ("max_pool2d", ((1, 1, 5, 5), 3), {"padding": 2}),
    ("max_pool2d", ((1, 1, 2, 2), 3), {}),
    ("max_pool2d", ((5, 5), 3), {}),
    ("max_pool2d", ((1, 1, 5, 5), 2), {"stride": 0}),
    ("avg_pool2d", ((1, 1, 5, 5), 3), {"padding": 2}),
    ("avg_pool2d", ((1, 1, 2, 2), 3), {}),
])
def test_pool_errors_match_torch(fn, args, kw):
    shape, kernel = args
    with pytest.raises(RuntimeError) as ours:
        getattr(F, fn)(jnp.zeros(shape, jnp.float32), kernel, **kw)
    with pytest.raises(RuntimeError) as theirs:
        getattr(TF, fn)(torch.zeros(shape), kernel, **kw)
    assert str(ours.value) == str(theirs.value)
