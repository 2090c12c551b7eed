"""Forward-mode AD's state: the dual level, the tangents it holds, and the tangent rule the
dispatch point applies to every op.

torch keeps one forward-AD level at a time (``torch.autograd.forward_ad`` is its public face,
:mod:`compat.autograd.forward_ad` ours). While a level is open, each tensor may hold a
tangent at it; exiting the level drops them all. The tangent of a view is the same view of
its base's tangent, as torch's views read their base's forward gradient, so a write into the
base (or through another view) shows in every view's tangent.

An op whose traced inputs hold tangents gives each float output the tangent J·t. The op
table's gradients are reverse-mode rules (many are ``jax.custom_vjp``, which ``jax.jvp``
cannot push tangents through), so J·t is the transpose of the op's VJP
(:func:`jaxgrad.transforms.transposed_jvp`, shared with ``torch.func.jvp``): one compiled
step per op signature, recorded into the lazy program like the op itself.

>>> import compat as torch
>>> import compat.autograd.forward_ad as fwAD
>>> with fwAD.dual_level():
...     x = fwAD.make_dual(torch.tensor([1., 2.]), torch.tensor([1., 0.]))
...     fwAD.unpack_dual((x * x).sum()).tangent
tensor(2.)
"""
from __future__ import annotations

import threading
import weakref

from jaxgrad import dtypes
from jaxgrad.transforms import transposed_jvp

from . import lazy


class Level:
    """One open dual level: the tangents its tensors hold, by tensor id (weakly: a tangent
    dies with its tensor), and the tangents derived for views (``_views``)."""

    __slots__ = ("index", "tangents", "_views")

    def __init__(self, index):
        self.index = index
        self.tangents = {}
        self._views = {}


class _State:
    level = None  # the open Level; torch's levels are global, not per thread


class _Local(threading.local):
    suspended = 0  # a custom Function's forward and jvp run without propagating tangents


STATE = _State()
_LOCAL = _Local()


def active() -> Level | None:
    """The open level when tangents propagate here (None: none is open, or suspended)."""
    level = STATE.level
    return None if level is None or _LOCAL.suspended else level


class suspended:
    """A region whose ops propagate no tangents (a custom Function's forward and jvp, as
    torch runs them with forward grad mode off)."""

    def __enter__(self):
        _LOCAL.suspended += 1

    def __exit__(self, *exc):
        _LOCAL.suspended -= 1


def tangent_size_mismatch(shape, tangent_shape) -> RuntimeError:
    """torch's refusal of a tangent whose size is not its tensor's."""
    return RuntimeError("Trying to set a forward gradient that has a different size than that of "
                        f"the original Tensor, this is not supported. Tensor is of size "
                        f"{list(shape)} while the given forward gradient is of size "
                        f"{list(tangent_shape)}.")


def _entry(table, t):
    entry = table.get(id(t))
    if entry is not None and entry[0]() is t:
        return entry
    return None


def _forget(table, key):
    def callback(_ref):
        table.pop(key, None)
    return callback


def stored(t, level):
    """The tangent ``t`` itself holds at ``level`` (a view's derived one not included)."""
    entry = _entry(level.tangents, t)
    return None if entry is None else entry[1]


def set_tangent(t, tangent, level):
    """Store ``tangent`` (a Tensor, or None to drop it) as ``t``'s at ``level``."""
    key = id(t)
    level._views.pop(key, None)
    if tangent is None:
        level.tangents.pop(key, None)
    else:
        level.tangents[key] = (weakref.ref(t, _forget(level.tangents, key)), tangent)


def _is_view(t):
    from .views import DETACHED  # lazy: views stands on the dispatch point, which uses this
    return t._base is not None and t._view is not None and t._view_history is not DETACHED


def tangent_of(t, level):
    """``t``'s tangent at ``level``: a view's is the view of its base's tangent when the base
    has one (torch's lazily made view of the forward gradient), else its own."""
    if t._base is not None and _is_view(t):
        base_tangent = stored(t._base, level)
        if base_tangent is not None:
            entry = _entry(level._views, t)
            if entry is not None and entry[1] is base_tangent and entry[2] == base_tangent._version:
                return entry[3]
            view = type(t)._make(t._view(base_tangent._value))
            key = id(t)
            level._views[key] = (weakref.ref(t, _forget(level._views, key)), base_tangent,
                                 base_tangent._version, view)
            return view
    return stored(t, level)


def _differentiable(dtype) -> bool:
    return dtypes.category(dtype) >= 2


class JvpStep(lazy.Step):
    """The tangents of an op's ``keep``-ed outputs, for tangents of its ``mask``-ed traced
    values: called with the traced values, then one tangent per masked value."""

    __slots__ = ("op", "mask", "keep", "n_args")

    def __call__(self, *values):
        args, tangents = values[:self.n_args], values[self.n_args:]
        positions = [i for i, m in enumerate(self.mask) if m]

        def partial_fn(*diff_args):
            full = list(args)
            for i, value in zip(positions, diff_args):
                full[i] = value
            out = self.op(*full)
            out = out if type(out) is tuple else (out,)
            return tuple(out[i] for i in self.keep)  # the float outputs only
        _, tangent = transposed_jvp(partial_fn, tuple(args[i] for i in positions),
                                    tuple(tangents))
        return tuple(tangent)


def propagate(op, raw, tensors, result):
    """Give ``result`` (the Tensor, or tuple of them, that ``op`` made from the traced values
    ``raw``; ``tensors``: the Tensor of each traced value, or None) the tangents J·t when a
    traced input holds a tangent at the open level."""
    level = active()
    if level is None:
        return
    tangents = [None if t is None else tangent_of(t, level) for t in tensors]
    if all(t is None for t in tangents):
        return
    outs = result if type(result) is tuple else (result,)
    keep = tuple(i for i, o in enumerate(outs) if o is not None and _differentiable(o._store.dtype))
    if not keep:
        return  # integer and bool results (argmax, comparisons) get no tangent
    unsupported = getattr(op.spec.fn, "forward_ad_refusal", None)
    if unsupported is not None:  # torch's words for an op its forward AD lacks
        raise NotImplementedError(unsupported)
    refused = getattr(op.spec.fn, "no_derivative", None)
    if refused is not None:
        raise NotImplementedError(f"Trying to use forward AD with aten::{refused} that does not "
                                  "support it.")
    mask = tuple(t is not None for t in tangents)
    step = JvpStep(op, mask, keep, len(raw))
    # The primals as Tensors: the tangent computation is an op of its own, recorded for
    # reverse mode when a primal or tangent requires grad (torch's tangents are
    # differentiable too), and fused with the ops around it.
    values = [r if t is None else t for r, t in zip(raw, tensors)]
    values.extend(t for t in tangents if t is not None)
    with suspended():  # the tangent's own ops carry no tangents
        got = _run(step, values)
    for i, value in zip(keep, got):
        set_tangent(outs[i], value, level)


_SPECS: dict = {}


def _run(step, values):
    """``step`` run through the dispatch point, as an op whose values are all traced."""
    from . import dispatch  # lazy: the dispatch point imports this module for its hook
    spec = _SPECS.get(step)
    if spec is None:
        if len(_SPECS) > 4096:  # a cache: one entry per op signature seen under forward AD
            _SPECS.clear()
        params = tuple(f"v{i}" for i in range(len(values)))
        spec = _SPECS[step] = dispatch.OpSpec("jvp", step, params, traced=params,
                                              grad_fn="Backward")
    return dispatch.run(spec, values)
