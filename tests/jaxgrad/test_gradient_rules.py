"""Every hand-written gradient rule in the op table (``jax.custom_vjp``, used where torch's
gradient differs from JAX's at special points) equals the numerical derivative wherever the
function is smooth. The special points themselves are compared with torch in tests/compat."""
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

from jaxgrad import functional as F

RNG = np.random.default_rng(0)


def away_from_zero(*shape):
    """Values in ±[0.5, 2]: no rule's special point (0, a tie, a bound) is near."""
    return jnp.asarray(RNG.uniform(0.5, 2.0, shape) * RNG.choice([-1.0, 1.0], shape))


RULES = {
    "clamp_tensor_bounds": (lambda x, lo, hi: F.clamp(x, lo, hi),
                            lambda: (jnp.array([-2.0, 0.3, 2.5]), jnp.array([-1.0, -1.0, -1.0]),
                                     jnp.array([1.0, 1.0, 1.0]))),
    "pow": (F.pow, lambda: (jnp.abs(away_from_zero(4)), away_from_zero(4))),
    "abs": (F.abs, lambda: (away_from_zero(5),)),
    "atan2": (F.atan2, lambda: (away_from_zero(4), away_from_zero(4))),
    "std": (lambda x: F.std(x, 1), lambda: (away_from_zero(3, 4),)),
    "norm_2": (lambda x: F.norm(x, 2, 1), lambda: (away_from_zero(3, 4),)),
    "norm_3": (lambda x: F.norm(x, 3, None), lambda: (away_from_zero(3, 4),)),
    "index_put": (lambda x, v: F.index_put(x, v, jnp.array([2, 0]), key=(("array", 0),)),
                  lambda: (away_from_zero(4, 2), away_from_zero(2, 2))),
    "scatter": (lambda x, s: F.scatter(x, 1, jnp.array([[2, 0], [1, 3]]), s),
                lambda: (away_from_zero(2, 4), away_from_zero(2, 2))),
    "var": (lambda x: F.var(x, 1), lambda: (away_from_zero(3, 4),)),
    "var_all_biased": (lambda x: F.var(x, correction=0), lambda: (away_from_zero(3, 4),)),
    "std_all": (lambda x: F.std(x, keepdim=True), lambda: (away_from_zero(3, 4),)),
    "amax": (lambda x: F.amax(x, 1), lambda: (away_from_zero(3, 4),)),
    "amin_all": (lambda x: F.amin(x), lambda: (away_from_zero(3, 4),)),
    "max_all": (F.max, lambda: (away_from_zero(3, 4),)),
    "min_all": (F.min, lambda: (away_from_zero(3, 4),)),
    "norm_inf": (lambda x: F.norm(x, float("inf"), 1), lambda: (away_from_zero(3, 4),)),
    "norm_minus_inf": (lambda x: F.norm(x, float("-inf"), None), lambda: (away_from_zero(3, 4),)),
    "logsumexp": (lambda x: F.logsumexp(x, 1), lambda: (away_from_zero(3, 4),)),
    "maximum": (F.maximum, lambda: (away_from_zero(3, 4), away_from_zero(4))),
    "minimum": (F.minimum, lambda: (away_from_zero(3, 4), away_from_zero(3, 1))),
    "silu": (F.silu, lambda: (away_from_zero(5) * 4,)),
    "binary_cross_entropy": (lambda p, t: F.binary_cross_entropy(p, t),
                             lambda: (jnp.array([0.2, 0.7, 0.5]), jnp.array([0.0, 1.0, 0.3]))),
}


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_matches_numerical_gradient(name):
    fn, make_args = RULES[name]
    check_grads(fn, make_args(), order=1, modes=("rev",), eps=1e-4, atol=1e-3, rtol=1e-3)
