"""Every op the table marks linear has a VJP that does not depend on its float inputs' values.

Autograd keeps only the shapes of a linear op's float inputs (and its integer ones: indices,
masks), and runs the VJP on zeros of those shapes, as torch's nodes for these ops save no
tensors; a wrongly marked op would silently give wrong gradients. For each linear entry this
runs the VJP with the real inputs, with other random values and with zeros, and demands the
same gradients.
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest

import compat
from compat import dispatch, lazy
from compat.ops import storage
from compat.ops.registry import SPECS

RNG = np.random.default_rng(7)


def t(*shape):
    return compat.tensor(RNG.standard_normal(shape).astype(np.float32))


def idx(*values):
    return compat.tensor(np.array(values, dtype=np.int64))


# one call per linear entry, as the values of its parameters in the entry's order
CALLS = {
    "add": lambda: (t(2, 3), t(3), 2), "sub": lambda: (t(2, 3), t(3), 1),
    "rsub": lambda: (t(2, 3), t(2, 3), 3), "neg": lambda: (t(4),),
    "cat": lambda: ([t(2, 3), t(1, 3)], 0), "stack": lambda: ([t(2), t(2)], 1),
    "chunk": lambda: (t(4, 2), 2, 0), "split": lambda: (t(5, 2), 2, 0),
    "unbind": lambda: (t(3, 2), 1), "clone": lambda: (t(3), None),
    "clone.contiguous": lambda: (t(3, 4).t(),), "_unsafe_view": lambda: (t(2, 6), (3, 4)),
    "copy": lambda: (t(2, 3), t(3)), "fill": lambda: (t(2, 2), t()),
    "zero": lambda: (t(2, 2), 0),
    "cumsum": lambda: (t(3, 4), 1, None), "sum": lambda: (t(3, 4), (0,), True, None),
    "mean": lambda: (t(3, 4), 1, False, None),
    "diagonal": lambda: (t(3, 4), 1, 0, 1), "expand": lambda: (t(3, 1), (3, 4)),
    "flatten": lambda: (t(2, 3, 4), 1, 2), "flip": lambda: (t(3, 4), (0, 1)),
    "movedim": lambda: (t(2, 3, 4), 0, 2), "narrow": lambda: (t(5, 2), 0, 1, 3),
    "permute": lambda: (t(2, 3, 4), (2, 0, 1)), "repeat": lambda: (t(2, 3), (2, 1)),
    "reshape": lambda: (t(2, 6), (3, 4)), "view": lambda: (t(2, 6), (4, 3)),
    "roll": lambda: (t(3, 4), 1, 1), "select": lambda: (t(3, 4), 1, 2),
    "squeeze": lambda: (t(3, 1, 2), 1), "unsqueeze": lambda: (t(3, 2), 1),
    "t": lambda: (t(3, 4),), "t_": lambda: (t(3, 4),), "transpose": lambda: (t(2, 3, 4), 0, 2),
    "squeeze_": lambda: (t(3, 1, 2), None), "unsqueeze_": lambda: (t(3, 2), -1),
    "transpose_": lambda: (t(2, 3, 4), 1, 2),
    "tril": lambda: (t(4, 4), 0), "triu": lambda: (t(4, 4), 1),
    "unflatten": lambda: (t(2, 6), 1, (2, 3)),
    "trace": lambda: (t(3, 3),), "rot90": lambda: (t(2, 3, 4), 1, (2, 0)),
    "diag": lambda: (t(3, 4), 1), "diag_embed": lambda: (t(2, 3), -1, 0, 2),
    "diagflat": lambda: (t(2, 3), 1), "unfold": lambda: (t(3, 5), 1, 2, 2),
    "gather": lambda: (t(3, 4), 1, idx(0, 3, 1, 2, 2, 0).reshape(3, 2), False),
    "index_select": lambda: (t(3, 4), 1, idx(3, 0, 3)),
    "take": lambda: (t(3, 4), idx(0, 11, 5)),
    "masked_select": lambda: (t(3, 4), jnp.array([1, 4, 7])),
    "index": lambda: (t(3, 4), [jnp.array([2, 0, 2])], (("array", 0),)),
    "index.basic": lambda: (t(3, 4), (0, ("slice", None, None, 2)), "SliceBackward0"),
    "to.device": lambda: (t(3), compat.device("cpu")),
}
STORAGE = {
    "as_strided": (storage.gather_flat, lambda: (t(2, 3), jnp.array([[5, 0], [1, 1]]))),
    "copy_slices": (storage.scatter_flat, lambda: (t(2, 3), t(2), jnp.array([4, 1]))),
}


def _entries():
    linear = {name: spec for name, spec in SPECS.items() if spec.linear}
    out = [(name, spec, CALLS.get(name)) for name, spec in sorted(linear.items())]
    out += [(name, spec, make) for name, (spec, make) in sorted(STORAGE.items())]
    return out


def test_every_linear_entry_has_a_call():
    missing = sorted(name for name, _, make in _entries() if make is None)
    assert not missing, f"linear entries without a call in CALLS: {missing}"


def _vjp(bound, mask, args, out):
    cts = tuple(jnp.asarray(RNG.standard_normal(o.shape).astype(o.dtype)) for o in out) \
        if isinstance(out, tuple) else (jnp.asarray(RNG.standard_normal(out.shape).astype(out.dtype)),)
    return cts, lambda values: dispatch._vjp_impl(bound, mask, None, values, cts)


@pytest.mark.parametrize("name,spec,make", [e for e in _entries() if e[2] is not None],
                         ids=[e[0] for e in _entries() if e[2] is not None])
def test_linear_vjp_ignores_float_values(name, spec, make):
    raw, layout, _, _ = dispatch._split(spec, make())
    raw = [lazy.resolve(r) for r in raw]  # the inputs' arrays (made by recorded ops)
    bound, fwd = dispatch.compiled(spec, layout)
    floating = [hasattr(r, "dtype") and dispatch.is_differentiable_dtype(r.dtype) for r in raw]
    assert any(floating), "a linear entry with no float input to differentiate"
    mask = tuple(floating)
    out = fwd(*raw)
    _, vjp = _vjp(bound, mask, tuple(raw), out)
    expected = vjp(tuple(raw))
    others = tuple(jnp.asarray(RNG.standard_normal(r.shape).astype(r.dtype)) if f else r
                   for r, f in zip(raw, floating))
    zeros = tuple(jnp.zeros_like(r) if f else r for r, f in zip(raw, floating))
    for values in (others, zeros):
        for got, want in zip(vjp(values), expected):
            np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
