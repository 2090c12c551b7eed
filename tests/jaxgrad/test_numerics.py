"""The op table's numerics where XLA's rewrites or half precision would depart from torch,
checked eagerly and under jax.jit (the rewrites happen only in compiled programs)."""
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxgrad import functional as F

torch = pytest.importorskip("torch")

RNG = np.random.default_rng(3)


def test_product_with_a_mask_keeps_nan(variant):
    x = jnp.array([np.nan, np.inf, -2.0, 1.0], jnp.float32)
    mask = jnp.array([False, False, False, True])
    expected = torch.tensor(np.asarray(x)) * torch.tensor(np.asarray(mask))
    np.testing.assert_array_equal(variant(F.mul)(x, mask), expected.numpy())
    np.testing.assert_array_equal(variant(F.mul)(mask, x), expected.numpy())


def test_gradient_through_a_mask_keeps_nan(variant):
    mask = jnp.array([False, True])
    _, pullback = jax.vjp(lambda x: F.mul(x, mask), jnp.ones(2, jnp.float32))
    (grad,) = variant(pullback)(jnp.full(2, np.nan, jnp.float32))
    assert np.isnan(np.asarray(grad)).all()  # torch: grad * mask, NaN * 0 = NaN


def test_division_by_a_number_is_ieee_division(variant):
    x = RNG.standard_normal(4096).astype(np.float32) * 30
    ours = variant(lambda v: F.div(v, 0.3))(jnp.asarray(x))
    np.testing.assert_array_equal(ours, x / np.float32(0.3))


def test_floor_division_floors_the_exact_quotient(variant):
    x = RNG.uniform(-10, 10, 2048)
    for divisor in (0.1, -0.7, 3.0):
        ours = variant(lambda v: F.div(v, divisor, rounding_mode="floor"))(jnp.asarray(x))
        np.testing.assert_array_equal(ours, [a // divisor for a in x])  # Python's float //


def test_float16_norm_and_var_do_not_overflow(variant):
    x = jnp.full((4, 8), 300.0, jnp.float16)
    t = torch.full((4, 8), 300.0, dtype=torch.float16)
    np.testing.assert_array_equal(variant(lambda v: F.norm(v, dim=1))(x), t.norm(dim=1).numpy())
    np.testing.assert_array_equal(variant(lambda v: F.var(v))(x), t.var().numpy())


def _torch_error(fn):
    with pytest.raises(Exception) as info:
        fn()
    return type(info.value), str(info.value)


@pytest.mark.parametrize("op,dtype,alpha", [("add", "int64", 0.5), ("sub", "int64", 1.5),
                                            ("sub", "float32", True), ("add", "int64", False)])
def test_alpha_is_checked_against_the_result_dtype(op, dtype, alpha):
    a = np.ones(3, np.dtype(dtype))
    kind, text = _torch_error(lambda: getattr(torch, op)(torch.tensor(a), torch.tensor(a),
                                                         alpha=alpha))
    with pytest.raises(RuntimeError) as info:
        getattr(F, op)(jnp.asarray(a), jnp.asarray(a), alpha=alpha)
    assert issubclass(kind, RuntimeError) and str(info.value) == text
