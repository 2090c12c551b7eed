"""Every hand-written gradient rule in the op table (``jax.custom_vjp``, used where torch's
gradient differs from JAX's at special points) equals the numerical derivative wherever the
function is smooth. The samples are registered beside the ops (``@gradient_samples``), and a
test proves they reach every rule the table defines. The special points themselves are
compared with torch in tests/compat."""
import importlib
import pkgutil

import jax
import jax.numpy as jnp
import pytest
from jax.test_util import check_grads

import jaxgrad.functional
from jaxgrad.functional._checks import GRADIENT_SAMPLES


@pytest.mark.parametrize("name", sorted(GRADIENT_SAMPLES))
def test_rule_matches_numerical_gradient(name):
    fn, make_args = GRADIENT_SAMPLES[name]
    check_grads(fn, make_args(), order=1, modes=("rev",), eps=1e-4, atol=1e-3, rtol=1e-3)


def _module_rules():
    """Every ``jax.custom_vjp`` the op table's modules define at module level."""
    rules = {}
    for info in pkgutil.iter_modules(jaxgrad.functional.__path__):
        module = importlib.import_module(f"jaxgrad.functional.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, jax.custom_vjp):
                rules[f"{info.name}.{name}"] = value
    return rules


def test_the_samples_reach_every_rule():
    rules = _module_rules()
    assert rules, "no gradient rule found: the scan is broken"
    reached = set()
    originals = {name: rule.bwd for name, rule in rules.items()}

    def counting(name, bwd):
        def run(*args):
            reached.add(name)
            return bwd(*args)
        return run

    try:
        for name, rule in rules.items():
            rule.bwd = counting(name, originals[name])
        for fn, make_args in GRADIENT_SAMPLES.values():
            out, pullback = jax.vjp(fn, *make_args())
            pullback(jnp.ones_like(out))
    finally:
        for name, rule in rules.items():
            rule.bwd = originals[name]
    assert reached == set(rules), f"rules no sample reaches: {sorted(set(rules) - reached)}"
