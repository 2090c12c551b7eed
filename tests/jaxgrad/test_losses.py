"""jaxgrad.functional losses against torch.nn.functional: values, dtypes, gradients (inputs and
targets), reductions, warnings and error text; eager and under jit."""
import warnings

import chex
import hypothesis.strategies as st
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from jax.test_util import check_grads

from jaxgrad import functional as F

torch = pytest.importorskip("torch")
TF = torch.nn.functional

from torch_vjp import against_torch, rand  # noqa: E402

REDUCTIONS = ["none", "mean", "sum"]


# ----------------------------------------------------------------------------- regression
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"])
def test_pointwise_losses_match_torch(name, reduction, variant):
    x, y = rand(3, 4), rand(3, 4, seed=1)
    y[0, :2] = x[0, :2] + np.float32(1.0)    # exactly at beta / delta: the branch boundary
    y[1, :2] = x[1, :2] - np.float32(1.0)
    against_torch(lambda a, b: getattr(F, name)(a, b, reduction=reduction),
                  lambda a, b: getattr(TF, name)(a, b, reduction=reduction),
                  x, y, diff=(0, 1), variant=variant)


@pytest.mark.parametrize("name,kw", [("smooth_l1_loss", {"beta": 0.5}), ("smooth_l1_loss", {"beta": 0.0}),
                                     ("huber_loss", {"delta": 2.0})])
def test_pointwise_loss_parameters(name, kw, variant):
    x, y = rand(5, 3), rand(5, 3, seed=1)
    against_torch(lambda a, b: getattr(F, name)(a, b, **kw), lambda a, b: getattr(TF, name)(a, b, **kw),
                  x, y, diff=(0, 1), variant=variant)


@pytest.mark.parametrize("name", ["smooth_l1_loss", "huber_loss", "mse_loss"])
def test_pointwise_gradient_at_zero_difference(name):
    x = rand(4)
    against_torch(getattr(F, name), getattr(TF, name), x, x.copy(), diff=(0, 1))


def test_l1_loss_gradient_at_zero_difference():
    # torch's l1 backward is sign(diff): 0 at 0 (JAX's own abs would give 1).
    x = rand(4)
    against_torch(F.l1_loss, TF.l1_loss, x, x.copy(), diff=(0, 1))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "huber_loss"])
def test_weighted_pointwise_losses(name, reduction, variant):
    x, y, w = rand(3, 4), rand(3, 4, seed=1), rand(3, 4, seed=2, low=0.1, high=2.0)
    against_torch(lambda a, b, c: getattr(F, name)(a, b, reduction=reduction, weight=c),
                  lambda a, b, c: getattr(TF, name)(a, b, reduction=reduction, weight=c),
                  x, y, w, diff=(0, 1, 2), variant=variant)


@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"])
def test_pointwise_dtype_promotion(name):
    x, y = rand(3), rand(3, seed=1, dtype=np.float64)
    # torch's huber_loss backward itself fails on mixed dtypes: compare its values only.
    diff = () if name == "huber_loss" else (0, 1)
    against_torch(getattr(F, name), getattr(TF, name), x, y, diff=diff)
    against_torch(getattr(F, name), getattr(TF, name), y, x, diff=diff)


def test_broadcast_target_warns_as_torch():
    x, y = rand(3, 4), rand(4, seed=1)
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[4\]\)\) that is "
                      r"different to the input size \(torch.Size\(\[3, 4\]\)\)"):
        against_torch(F.mse_loss, TF.mse_loss, x, y, diff=(0, 1))


def test_legacy_size_average_and_reduce():
    x, y = rand(3), rand(3, seed=1)
    with pytest.warns(UserWarning, match="reduction='sum' instead"):
        out = F.mse_loss(jnp.asarray(x), jnp.asarray(y), size_average=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = TF.mse_loss(torch.tensor(x), torch.tensor(y), size_average=False)
    np.testing.assert_allclose(out, expected.numpy(), rtol=1e-6)


@pytest.mark.parametrize("call,exc,msg", [
    (lambda: F.mse_loss(jnp.ones(3, jnp.int64), jnp.ones(3, jnp.int64)), NotImplementedError,
     "\"mse_cpu\" not implemented for 'Long'"),
    (lambda: F.l1_loss(jnp.ones(3, jnp.int64), jnp.ones(3, jnp.int64)), RuntimeError,
     "mean(): could not infer output dtype"),
    (lambda: F.mse_loss(jnp.ones((3, 4), jnp.float32), jnp.ones(5, jnp.float32)), RuntimeError,
     "The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 1"),
    (lambda: F.mse_loss(jnp.ones(3, jnp.float32), jnp.ones(3, jnp.float32), reduction="avg"),
     ValueError, "avg is not a valid value for reduction"),
    (lambda: F.smooth_l1_loss(jnp.ones(3, jnp.float32), jnp.ones(3, jnp.float32), beta=-1.),
     RuntimeError, "smooth_l1_loss does not support negative values for beta."),
    (lambda: F.huber_loss(jnp.ones(3, jnp.float32), jnp.ones(3, jnp.float32), delta=0.),
     RuntimeError, "huber_loss does not support non-positive values for delta."),
    (lambda: F.mse_loss(jnp.ones(3, jnp.float32), jnp.ones(3, jnp.float32), weight=jnp.ones(2)),
     ValueError, "Weights and input must have the same size."),
])
def test_pointwise_errors(call, exc, msg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(exc) as info:
            call()
    assert msg in str(info.value)


# ----------------------------------------------------------------------------- cross entropy
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
def test_cross_entropy_class_indices(reduction, weighted, smoothing, variant):
    x = rand(6, 5)
    t = np.array([0, 4, 2, -100, 1, 4])   # one ignored target
    w = rand(5, seed=3, low=0.2, high=2.0)
    kw = dict(reduction=reduction, label_smoothing=smoothing)
    if weighted:
        against_torch(lambda a, b, c: F.cross_entropy(a, b, weight=c, **kw),
                      lambda a, b, c: TF.cross_entropy(a, b, weight=c, **kw),
                      x, t, w, variant=variant)
    else:
        against_torch(lambda a, b: F.cross_entropy(a, b, **kw),
                      lambda a, b: TF.cross_entropy(a, b, **kw), x, t, variant=variant)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_spatial_and_custom_ignore_index(reduction, variant):
    x = rand(2, 3, 4, 2)
    t = np.random.RandomState(1).randint(0, 3, (2, 4, 2))
    t[0, 1, 1] = 2
    w = rand(3, seed=2, low=0.5, high=1.5)
    kw = dict(reduction=reduction, ignore_index=2, label_smoothing=0.1)
    against_torch(lambda a, b, c: F.cross_entropy(a, b, weight=c, **kw),
                  lambda a, b, c: TF.cross_entropy(a, b, weight=c, **kw),
                  x, t, w, variant=variant)


def test_cross_entropy_unbatched_and_uint8_targets():
    against_torch(F.cross_entropy, TF.cross_entropy, rand(5), np.array(3))
    against_torch(F.cross_entropy, TF.cross_entropy, rand(3, 5), np.array([1, 0, 4], np.uint8))


def test_cross_entropy_all_ignored_is_nan_as_torch():
    out = F.cross_entropy(jnp.asarray(rand(2, 3)), jnp.array([-100, -100]))
    expected = TF.cross_entropy(torch.tensor(rand(2, 3)), torch.tensor([-100, -100]))
    assert np.isnan(out) and torch.isnan(expected)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("smoothing", [0.0, 0.3])
def test_cross_entropy_class_probabilities(reduction, weighted, smoothing, variant):
    x = rand(4, 3, 2)
    p = np.asarray(jax.nn.softmax(jnp.asarray(rand(4, 3, 2, seed=1)), axis=1))
    w = rand(3, seed=2, low=0.5, high=2.0)
    kw = dict(reduction=reduction, label_smoothing=smoothing)
    if weighted:
        against_torch(lambda a, b, c: F.cross_entropy(a, b, weight=c, **kw),
                      lambda a, b, c: TF.cross_entropy(a, b, weight=c, **kw),
                      x, p, w, diff=(0, 1, 2), variant=variant)
    else:
        against_torch(lambda a, b: F.cross_entropy(a, b, **kw),
                      lambda a, b: TF.cross_entropy(a, b, **kw), x, p, diff=(0, 1), variant=variant)


@settings(max_examples=15, deadline=None)
@given(batch=st.integers(1, 4), classes=st.integers(2, 5),
       spatial=st.lists(st.integers(1, 3), max_size=2), smoothing=st.sampled_from([0.0, 0.25]),
       reduction=st.sampled_from(REDUCTIONS), seed=st.integers(0, 2 ** 16))
def test_cross_entropy_random_shapes(batch, classes, spatial, smoothing, reduction, seed):
    x = rand(batch, classes, *spatial, seed=seed)
    t = np.random.RandomState(seed).randint(0, classes, (batch, *spatial))
    kw = dict(reduction=reduction, label_smoothing=smoothing)
    against_torch(lambda a, b: F.cross_entropy(a, b, **kw),
                  lambda a, b: TF.cross_entropy(a, b, **kw), x, t, variant=jax.jit)


@settings(max_examples=15, deadline=None)
@given(shapes=st.sampled_from([((3, 4), (4,)), ((2, 1, 3), (5, 1)), ((1,), (2, 3)), ((), (3,))]),
       name=st.sampled_from(["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"]),
       seed=st.integers(0, 2 ** 16))
def test_pointwise_losses_broadcast_as_torch(shapes, name, seed):
    x, y = rand(*shapes[0], seed=seed), rand(*shapes[1], seed=seed + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        against_torch(getattr(F, name), getattr(TF, name), x, y, diff=(0, 1))


def test_cross_entropy_float64():
    against_torch(F.cross_entropy, TF.cross_entropy, rand(3, 4, dtype=np.float64), np.array([0, 1, 3]))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_loss(reduction, variant):
    logp = np.asarray(jax.nn.log_softmax(jnp.asarray(rand(5, 4)), axis=1))
    t = np.array([3, 0, -100, 1, 1])
    w = rand(4, seed=2, low=0.5, high=2.0)
    against_torch(lambda a, b, c: F.nll_loss(a, b, weight=c, reduction=reduction),
                  lambda a, b, c: TF.nll_loss(a, b, weight=c, reduction=reduction),
                  logp, t, w, variant=variant)
    against_torch(lambda a, b: F.nll_loss(a, b, reduction=reduction),
                  lambda a, b: TF.nll_loss(a, b, reduction=reduction), logp, t, variant=variant)


def test_cross_entropy_matches_log_softmax_then_nll():
    x, t = jnp.asarray(rand(4, 6)), jnp.array([5, 0, 2, 2])
    chex.assert_trees_all_close(F.cross_entropy(x, t), F.nll_loss(F.log_softmax(x, 1), t))


f32 = lambda *s: jnp.zeros(s, jnp.float32)  # noqa: E731
i64 = lambda *v: jnp.array(v, jnp.int64)     # noqa: E731


@pytest.mark.parametrize("call,exc,msg", [
    (lambda: F.cross_entropy(f32(3, 4), jnp.zeros(3, jnp.int32)), RuntimeError,
     "expected target dtype to be Long or Byte, but got Int"),
    (lambda: F.cross_entropy(f32(3, 4), f32(3)), RuntimeError,
     "expected target dtype to be Long or Byte, but got Float"),
    (lambda: F.cross_entropy(f32(3, 4), f32(3, 5)), RuntimeError,
     "0D or 1D target tensor expected, multi-target not supported"),
    (lambda: F.cross_entropy(f32(3, 4), i64(0, 1)), ValueError,
     "Expected input batch_size (3) to match target batch_size (2)."),
    (lambda: F.cross_entropy(f32(3, 4), i64(0, 1, 7)), IndexError, "Target 7 is out of bounds."),
    (lambda: F.cross_entropy(f32(3, 4), i64(0, 1, -3)), IndexError, "Target -3 is out of bounds."),
    (lambda: F.cross_entropy(f32(3, 4), i64(0, 1, 2), weight=jnp.ones(3, jnp.float32)),
     RuntimeError, "weight tensor should be defined either for all 4 classes or no classes but got "
                   "weight tensor of shape: [3]"),
    (lambda: F.cross_entropy(f32(3, 4), i64(0, 1, 2), weight=jnp.ones(4, jnp.float64)),
     RuntimeError, "expected scalar type Float but found Double"),
    (lambda: F.cross_entropy(f32(2, 4, 5), jnp.zeros((2, 4), jnp.int64)), RuntimeError,
     "Expected target size [2, 5], got [2, 4]"),
    (lambda: F.cross_entropy(f32(3, 4), i64(0, 1, 2), label_smoothing=1.5), RuntimeError,
     "label_smoothing must be between 0.0 and 1.0. Got: 1.5"),
    (lambda: F.cross_entropy(jnp.ones((3, 4), jnp.int64), i64(0, 1, 2)), RuntimeError,
     "not implemented for 'Long'"),
    (lambda: F.cross_entropy(f32(4), f32(4).astype(jnp.int64)), RuntimeError,
     "Expected floating point type for target with class probabilities, got Long"),
    (lambda: F.nll_loss(f32(4), i64(1, 2)), ValueError,
     "For 1D input, 1D target must have size 1, but got target size: 2"),
    (lambda: F.nll_loss(f32(), jnp.array(0)), ValueError, "Expected 1 or more dimensions (got 0)"),
])
def test_classification_errors(call, exc, msg):
    with pytest.raises(exc) as info:
        call()
    assert msg in str(info.value)


# ----------------------------------------------------------------------------- binary
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy(reduction, variant):
    p = rand(3, 4, low=0.02, high=0.98)
    p[0, :3] = [0.0, 1.0, 1.0]              # saturated: logs clamp at -100, finite gradients
    y = rand(3, 4, seed=1, low=0.0, high=1.0)
    y[0, :3] = [1.0, 0.0, 1.0]
    w = rand(4, seed=2, low=0.5, high=2.0)
    # target gradients are left out where torch's -logit(p) is infinite; torch does not
    # differentiate class weights.
    against_torch(lambda a, b, c: F.binary_cross_entropy(a, b, weight=c, reduction=reduction),
                  lambda a, b, c: TF.binary_cross_entropy(a, b, weight=c, reduction=reduction),
                  p, y, w, variant=variant)
    q = rand(3, 4, low=0.02, high=0.98)
    against_torch(lambda a, b: F.binary_cross_entropy(a, b, reduction=reduction),
                  lambda a, b: TF.binary_cross_entropy(a, b, reduction=reduction),
                  q, y, diff=(0, 1), variant=variant)


def test_binary_cross_entropy_rule_is_the_true_gradient_inside():
    # The hand-written rule must agree with finite differences away from the clamp.
    p = jnp.asarray(rand(5, low=0.1, high=0.9, dtype=np.float64))
    y = jnp.asarray(rand(5, seed=1, low=0.0, high=1.0, dtype=np.float64))
    check_grads(lambda a, b: F.binary_cross_entropy(a, b), (p, y), order=1, modes=["rev"])


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_with_logits(reduction, variant):
    x = rand(3, 4) * 5
    x[0, 0] = 0.0
    y = rand(3, 4, seed=1, low=0.0, high=1.0)
    w, pw = rand(3, 1, seed=2, low=0.5, high=2.0), rand(4, seed=3, low=0.5, high=3.0)
    kw = dict(reduction=reduction)
    against_torch(lambda a, b, c, d: F.binary_cross_entropy_with_logits(a, b, c, pos_weight=d, **kw),
                  lambda a, b, c, d: TF.binary_cross_entropy_with_logits(a, b, c, pos_weight=d, **kw),
                  x, y, w, pw, diff=(0, 1), variant=variant)
    against_torch(lambda a, b: F.binary_cross_entropy_with_logits(a, b, **kw),
                  lambda a, b: TF.binary_cross_entropy_with_logits(a, b, **kw),
                  x, y, diff=(0, 1), variant=variant)


@pytest.mark.parametrize("call,exc,msg", [
    (lambda: F.binary_cross_entropy(f32(3) + .5, f32(3, 1)), ValueError,
     "Using a target size (torch.Size([3, 1])) that is different to the input size "
     "(torch.Size([3])) is deprecated. Please ensure they have the same size."),
    (lambda: F.binary_cross_entropy(jnp.array([1.5], jnp.float32), f32(1)), RuntimeError,
     "all elements of input should be between 0 and 1"),
    (lambda: F.binary_cross_entropy(f32(3), jnp.zeros(3, jnp.float64)), RuntimeError,
     "Found dtype Double but expected Float"),
    (lambda: F.binary_cross_entropy(f32(3), jnp.zeros(3, jnp.int64)), RuntimeError,
     "Found dtype Long but expected Float"),
    (lambda: F.binary_cross_entropy(f32(3, 2), f32(3, 2), weight=f32(3)), RuntimeError,
     "Attempting to broadcast a dimension of length 3 at -1! Mismatching argument at index 1 had "
     "torch.Size([3]); but expected shape should be broadcastable to [3, 2]"),
    (lambda: F.binary_cross_entropy_with_logits(f32(3), f32(3, 1)), ValueError,
     "Target size (torch.Size([3, 1])) must be the same as input size (torch.Size([3]))"),
    (lambda: F.binary_cross_entropy_with_logits(f32(3, 4), f32(3, 4), pos_weight=f32(3)),
     RuntimeError, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
                   "dimension 1"),
])
def test_binary_errors(call, exc, msg):
    with pytest.raises(exc) as info:
        call()
    assert msg in str(info.value)


# ----------------------------------------------------------------------------- kl_div
@pytest.mark.parametrize("reduction", ["none", "sum", "batchmean", "mean"])
@pytest.mark.parametrize("log_target", [False, True])
def test_kl_div(reduction, log_target, variant):
    logq = np.asarray(jax.nn.log_softmax(jnp.asarray(rand(3, 4)), axis=1))
    p = np.asarray(jax.nn.softmax(jnp.asarray(rand(3, 4, seed=1)), axis=1))
    target = np.log(p) if log_target else p
    kw = dict(reduction=reduction, log_target=log_target)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        against_torch(lambda a, b: F.kl_div(a, b, **kw), lambda a, b: TF.kl_div(a, b, **kw),
                      logq, target, diff=(0, 1), variant=variant)


def test_kl_div_zero_target_and_warning():
    logq = np.log(np.array([[0.25, 0.75]], np.float32))
    p = np.array([[1.0, 0.0]], np.float32)
    against_torch(lambda a, b: F.kl_div(a, b, reduction="sum"),
                  lambda a, b: TF.kl_div(a, b, reduction="sum"), logq, p)
    with pytest.warns(UserWarning, match="'batchmean' divides only by the batch size"):
        F.kl_div(jnp.asarray(logq), jnp.asarray(p))
    with pytest.raises(RuntimeError, match="kl_div: Integral inputs not supported."):
        F.kl_div(f32(2), jnp.zeros(2, jnp.int64), reduction="sum")
