"""The one dispatch point: every Tensor op runs here.

``dispatch(fn, name, args, kwargs)`` unwraps Tensors, calls ``fn`` (a pure op from
``jaxgrad.functional``) through a compiled function cached per op and static arguments, wraps
the result, and — when grad mode is on and an input requires grad — records a graph node named
``name``. A node's backward is the op's vector-Jacobian product, compiled once per op
signature by one shared ``jax.jit`` (never a fresh ``jax.vjp`` trace per call). Under
``create_graph`` the backward is itself dispatched, so it is recorded and differentiable.

This module is the only place a fused (lazy) mode would have to change.

>>> import compat as torch
>>> from jaxgrad import functional as F
>>> x = torch.tensor([1., 2.], requires_grad=True)
>>> dispatch(F.mul, "MulBackward0", (x, 3.0))
tensor([3., 6.], grad_fn=<MulBackward0>)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from jaxgrad import dtypes
from .autograd import grad_mode
from .autograd.graph import accumulate_grad_node, node_class

_STATE = grad_mode.STATE
Tensor = None  # bound by compat.tensor once the class exists (it imports this module)

_FLOAT_KINDS = frozenset("fc")
_EMPTY: dict = {}
_forward_cache: dict = {}


def _is_differentiable_dtype(dtype) -> bool:
    return dtype.kind in _FLOAT_KINDS or dtype == dtypes.bfloat16


def _forward(fn, kwnames):
    fwd = _forward_cache.get((fn, kwnames))
    if fwd is None:
        fwd = _forward_cache[(fn, kwnames)] = jax.jit(fn, static_argnames=kwnames)
    return fwd


def clear_caches() -> None:
    """Drop compiled ops (after a change of default dtype, which ops read while tracing)."""
    global _vjp
    _forward_cache.clear()
    _vjp = jax.jit(_vjp_impl, static_argnums=(0, 1, 2, 3))


def call(fn, raw, kwargs=_EMPTY):
    """Run op ``fn`` on raw values (arrays/scalars) through its compiled, cached function."""
    check = getattr(fn, "host_check", None)
    if check is not None:
        check(*raw, **kwargs)
    try:
        if kwargs:
            return _forward(fn, tuple(kwargs))(*raw, **kwargs)
        return _forward(fn, ())(*raw)
    except (RuntimeError, IndexError, ValueError, TypeError) as err:
        # Errors raised while tracing are the op table's torch-worded ones; JAX's internal
        # frames, and the note JAX attaches about them, mean nothing to a torch user.
        if hasattr(err, "__notes__"):
            err.__notes__ = [n for n in err.__notes__ if "JAX" not in n]
        raise err.with_traceback(None) from None


def dispatch(fn, name, args, kwargs=_EMPTY):
    """Run op ``fn`` on ``args`` (Tensors, Python scalars, None) and record it as ``name``."""
    raw = []
    requires = False
    for a in args:
        if isinstance(a, Tensor):
            raw.append(a._data if a._base is None else a._sync())
            if a._requires_grad:
                requires = True
        else:
            raw.append(a)
    out = call(fn, raw, kwargs)
    if requires and _STATE.enabled:
        return _record(fn, name, args, raw, kwargs, out)
    if type(out) is tuple:
        return tuple(Tensor._make(o) for o in out)
    return Tensor._make(out)


def _record(fn, name, args, raw, kwargs, out):
    if type(out) is not tuple and not _is_differentiable_dtype(out.dtype):
        return Tensor._make(out)  # integer/bool results (argmax, comparisons) have no history
    mask = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
    edges = tuple(_edge(a) if m else (None, 0) for a, m in zip(args, mask))
    kwitems = tuple(kwargs.items())
    if getattr(fn, "linear", False):
        # The VJP of a linear op needs no float input values: keep only shapes, and the integer
        # or boolean arrays (indices, masks) it does need.
        meta, kept, has_saved = [], [], False
        for r in raw:
            if hasattr(r, "dtype") and _is_differentiable_dtype(r.dtype):
                meta.append((r.shape, r.dtype))
                kept.append(None)
            else:
                meta.append(None)
                kept.append(r)
                has_saved = has_saved or hasattr(r, "dtype")
        payload = (fn, kwitems, mask, tuple(meta), tuple(kept), None)
    else:
        payload = (fn, kwitems, mask, None, tuple(raw), args)
        has_saved = True
    node = node_class(name)(edges, _op_backward, payload, has_saved)
    if type(out) is tuple:
        return tuple(Tensor._make(o, True, node, i) if _is_differentiable_dtype(o.dtype)
                     else Tensor._make(o) for i, o in enumerate(out))
    return Tensor._make(out, True, node, 0)


def _edge(t):
    if t._grad_fn is not None:
        return (t._grad_fn, t._output_nr)
    return (accumulate_grad_node(t), 0)


# --------------------------------------------------------------------------- backward
def _zeros_for(meta):
    return jnp.zeros(meta[0], meta[1])


def _vjp_impl(fn, kwitems, mask, meta, args, cts):
    """Gradients of ``fn`` w.r.t. the ``mask``-ed args, for output cotangents ``cts``
    (``None`` entries are zeros)."""
    kwargs = dict(kwitems)
    if meta is not None:
        args = tuple(_zeros_for(m) if m is not None else a for m, a in zip(meta, args))
    positions = [i for i, m in enumerate(mask) if m]

    def partial_fn(*diff_args):
        full = list(args)
        for i, value in zip(positions, diff_args):
            full[i] = value
        return fn(*full, **kwargs)

    out, pullback = jax.vjp(partial_fn, *[args[i] for i in positions])
    if type(out) is tuple:
        cts = tuple(cts) + (None,) * (len(out) - len(cts))  # later outputs got no gradient
        cts = tuple(_zero_cotangent(o) if c is None else c.astype(o.dtype)
                    for o, c in zip(out, cts))
    else:
        cts = _zero_cotangent(out) if cts[0] is None else cts[0].astype(out.dtype)
    return pullback(cts)


def _zero_cotangent(out):
    if _is_differentiable_dtype(out.dtype):
        return jnp.zeros_like(out)
    return np.zeros(out.shape, jax.dtypes.float0)


_vjp = jax.jit(_vjp_impl, static_argnums=(0, 1, 2, 3))


class _VjpOp:
    """The backward of a recorded op, as an op itself (hashable, so it compiles once):
    dispatched under ``create_graph`` so that the gradient computation is recorded too."""

    __slots__ = ("fn", "kwitems", "mask", "meta", "n_args", "_hash", "__weakref__")

    def __init__(self, fn, kwitems, mask, meta, n_args):
        self.fn, self.kwitems, self.mask, self.meta, self.n_args = fn, kwitems, mask, meta, n_args
        self._hash = hash((fn, kwitems, mask, meta, n_args))

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return (type(other) is _VjpOp and self.fn is other.fn and self.kwitems == other.kwitems
                and self.mask == other.mask and self.meta == other.meta
                and self.n_args == other.n_args)

    def __call__(self, *values):
        args, cts = values[:self.n_args], values[self.n_args:]
        return tuple(_vjp_impl(self.fn, self.kwitems, self.mask, self.meta, args, cts))


def _op_backward(payload, grads, create_graph):
    fn, kwitems, mask, meta, raw, args = payload
    if not create_graph:
        cts = tuple(g._data if isinstance(g, Tensor) else g for g in grads)
        result = _vjp(fn, kwitems, mask, meta, raw, cts)
    else:
        inputs = _saved_inputs(raw, args) if meta is None else raw
        cts = tuple(g if g is None or isinstance(g, Tensor) else Tensor._make(g) for g in grads)
        op = _VjpOp(fn, kwitems, mask, meta, len(inputs))
        result = dispatch(op, "Backward", (*inputs, *cts))
    it = iter(result)
    return tuple(next(it) if m else None for m in mask)


def _saved_inputs(raw, args):
    """The recorded inputs as tensors that still carry their history, for double backward;
    torch's error if one was modified in place since it was saved."""
    out = []
    for value, arg in zip(raw, args):
        if isinstance(arg, Tensor):
            if (arg._data if arg._base is None else arg._sync()) is not value:
                raise RuntimeError(
                    "one of the variables needed for gradient computation has been modified by an "
                    f"inplace operation: [{arg.type()} {list(arg.shape)}] is at version "
                    f"{arg._version}; expected version {arg._version - 1} instead. Hint: enable "
                    "anomaly detection to find the operation that failed to compute its gradient, "
                    "with torch.autograd.set_detect_anomaly(True).")
            out.append(arg)
        else:
            out.append(value)
    return out
