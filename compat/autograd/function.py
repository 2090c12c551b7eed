"""``torch.autograd.Function``: user-defined forward and backward.

>>> import compat as torch
>>> class Square(torch.autograd.Function):
...     @staticmethod
...     def forward(ctx, x):
...         ctx.save_for_backward(x)
...         return x * x
...     @staticmethod
...     def backward(ctx, grad):
...         (x,) = ctx.saved_tensors
...         return 2 * x * grad
>>> x = torch.tensor(3.0, requires_grad=True)
>>> Square.apply(x).backward(); x.grad
tensor(6.)
"""
from __future__ import annotations

import functools

from . import grad_mode
from .graph import SAVED_FREED_MESSAGE, Node, accumulate_grad_node


class FunctionCtx:
    """The ``ctx`` of a custom Function: saved tensors and flags shared by forward and backward."""

    def __init__(self):
        self._saved = ()
        self._freed = False
        self.needs_input_grad = ()
        self.materialize_grads = True
        self._non_differentiable = set()
        self._dirty = ()

    def save_for_backward(self, *tensors):
        self._saved = tensors

    @property
    def saved_tensors(self):
        if self._freed:
            raise RuntimeError(SAVED_FREED_MESSAGE)
        return self._saved

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable.update(id(t) for t in tensors)

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def set_materialize_grads(self, value: bool):
        self.materialize_grads = bool(value)


BackwardCFunction = FunctionCtx


class FunctionBackward(Node):
    """The graph node of a custom Function; exposes what its forward saved, as torch's."""

    __slots__ = ()

    @property
    def saved_tensors(self):
        if self._saved is None:
            raise RuntimeError(SAVED_FREED_MESSAGE)
        return self._saved[0].saved_tensors


class _FunctionMeta(type):
    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        cls._backward_cls = type(name + "Backward", (FunctionBackward,), {"__slots__": ()})


class Function(metaclass=_FunctionMeta):
    """Base class of custom autograd functions; call them with ``.apply``."""

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for your "
                                  "custom autograd.Function to use it with backward mode AD.")

    vjp = backward

    @classmethod
    def apply(cls, *args, **kwargs):
        from ..tensors import Tensor
        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        uses_setup = cls.setup_context is not Function.setup_context
        with grad_mode.no_grad():
            out = cls.forward(*args, **kwargs) if uses_setup else cls.forward(ctx, *args, **kwargs)
        if uses_setup:
            cls.setup_context(ctx, args, out)
        record = grad_mode.is_grad_enabled() and any(ctx.needs_input_grad)
        outputs = out if isinstance(out, tuple) else (out,)
        if not record:
            return out
        edges = tuple(((a.grad_fn, a._output_nr) if a.grad_fn is not None else
                       (accumulate_grad_node(a), 0)) if needs else (None, 0)
                      for a, needs in zip(args, ctx.needs_input_grad))
        meta = tuple((o._data.shape, o._data.dtype) if isinstance(o, Tensor) else None for o in outputs)
        node = cls._backward_cls(edges, functools.partial(_custom_backward, cls), (ctx, meta), True)
        wrapped = []
        for i, o in enumerate(outputs):
            if isinstance(o, Tensor) and id(o) not in ctx._non_differentiable and \
                    (o.dtype.is_floating_point or o.dtype.is_complex):
                t = o if o in ctx._dirty else o.detach()
                t._base, t._view = None, None
                t._grad_fn, t._output_nr, t._requires_grad = node, i, True
                wrapped.append(t)
            else:
                wrapped.append(o)
        return tuple(wrapped) if isinstance(out, tuple) else wrapped[0]


def _custom_backward(cls, payload, grads, create_graph):
    from ..tensors import Tensor
    import jax.numpy as jnp
    ctx, meta = payload
    tensors = []
    for g, m in zip(grads, meta):
        if g is None and m is not None and ctx.materialize_grads:
            g = jnp.zeros(m[0], m[1])
        tensors.append(g if g is None or isinstance(g, Tensor) else Tensor._make(g))
    with grad_mode.set_grad_enabled(create_graph):
        result = cls.backward(ctx, *tensors)
    if not isinstance(result, tuple):
        result = (result,)
    n = len(ctx.needs_input_grad)
    if len(result) < n:
        raise RuntimeError(f"function {cls.__name__}Backward returned an incorrect number of "
                           f"gradients (expected {n}, got {len(result)})")
    result = result[:n] if all(r is None for r in result[n:]) else result
    if len(result) != n:
        raise RuntimeError(f"function {cls.__name__}Backward returned an incorrect number of "
                           f"gradients (expected {n}, got {len(result)})")
    if not create_graph:
        ctx._freed = False
    return tuple(None if (r is None or not needs) else (r if create_graph else r._value)
                 for r, needs in zip(result, ctx.needs_input_grad))


def once_differentiable(fn):
    """Marks a backward that is not itself differentiable (accepted for compatibility)."""
    return fn
