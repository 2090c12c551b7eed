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

import jax.numpy as jnp

from . import grad_mode
from .. import saved_hooks, tangents
from ..saved_versions import modified_in_place, version_counter
from ..tensors import Tensor
from .graph import SAVED_FREED_MESSAGE, Node, accumulate_grad_node


def _tensor_type():
    return Tensor


class _Saved:
    """One tensor of ``save_for_backward``, with the version and producer it had then."""

    __slots__ = ("tensor", "version", "producer", "packed")

    def __init__(self, tensor, producer=None, packed=None):
        self.tensor = tensor
        self.version = None if tensor is None else version_counter(tensor)
        if producer is None and tensor is not None and tensor._grad_fn is not None:
            producer = (tensor._grad_fn, tensor._output_nr)
        self.producer = producer
        # what the saved-tensor pack hook returned (torch.autograd.graph.saved_tensors_hooks)
        hooks = saved_hooks.current()
        if packed is None and tensor is not None and hooks is not None:
            packed = saved_hooks.Packed(tensor, hooks)
        self.packed = packed

    def unpack(self):
        t = self.tensor
        if t is not None and version_counter(t) != self.version:
            raise modified_in_place(t, self.version, self.producer)
        return t if self.packed is None else self.packed.tensor()


class FunctionCtx:
    """The ``ctx`` of a custom Function: saved tensors and flags shared by forward and backward."""

    def __init__(self):
        self._saved = ()
        self._freed = False
        self.needs_input_grad = ()
        self.materialize_grads = True
        self._non_differentiable = set()
        self._dirty = ()
        self._saved_for_forward = ()
        self._in_jvp = False  # jvp reads what save_for_forward kept as saved_tensors

    def save_for_backward(self, *tensors):
        """Keep ``tensors`` (or None) for backward; they are checked for in-place changes
        when ``saved_tensors`` reads them back."""
        Tensor = _tensor_type()
        for i, t in enumerate(tensors):
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(f"save_for_backward can only save variables, but argument {i} is "
                                f"of type {type(t).__name__}")
        self._saved = tuple(_Saved(t) for t in tensors)

    @property
    def saved_tensors(self):
        if self._in_jvp:
            return self._saved_for_forward
        if self._freed:
            raise RuntimeError(SAVED_FREED_MESSAGE)
        return tuple(s.unpack() for s in self._saved)

    def save_for_forward(self, *tensors):
        """Keep ``tensors`` (or None) for ``jvp``, which reads them as ``saved_tensors``."""
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise AssertionError("save_for_forward expects all arguments to be tensors; you "
                                     "should save non-tensors as attributes on ctx.")
        self._saved_for_forward = tensors

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable.update(id(t) for t in tensors)

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def set_materialize_grads(self, value: bool):
        self.materialize_grads = bool(value)

    def _is_dirty(self, t) -> bool:
        return any(t is d for d in self._dirty)

    def _saved_outputs_became(self, output, wrapped, node, output_nr):
        """A saved output is returned as ``wrapped`` (the tensor with this node's history):
        the saved entry follows it, as torch saves outputs."""
        self._saved = tuple(_Saved(wrapped, (node, output_nr), s.packed) if s.tensor is output
                            else s for s in self._saved)


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


_DIRTY_NOT_RETURNED = ("Some elements marked as dirty during the forward method were not returned "
                       "as output. The inputs that are modified inplace must all be outputs of the "
                       "Function.")


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

    @staticmethod
    def jvp(ctx, *grad_inputs):
        raise NotImplementedError("You must implement the jvp function for custom autograd."
                                  "Function to use it with forward mode AD.")

    @classmethod
    def apply(cls, *args, **kwargs):
        Tensor = _tensor_type()
        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        uses_setup = cls.setup_context is not Function.setup_context
        level = tangents.active()
        arg_tangents = None if level is None else \
            [tangents.tangent_of(a, level) if isinstance(a, Tensor) else None for a in args]
        # torch runs the forward (and the jvp) with forward AD off: the jvp gives the tangents
        with grad_mode.no_grad(), tangents.suspended():
            out = cls.forward(*args, **kwargs) if uses_setup else cls.forward(ctx, *args, **kwargs)
        if uses_setup:
            cls.setup_context(ctx, args, out)
        outputs = out if isinstance(out, tuple) else (out,)
        if not all(any(d is o for o in outputs) for d in ctx._dirty):
            raise RuntimeError(_DIRTY_NOT_RETURNED)
        record = grad_mode.is_grad_enabled() and any(ctx.needs_input_grad)
        if not record:
            if arg_tangents is not None and any(t is not None for t in arg_tangents):
                _forward_tangents(cls, ctx, outputs, outputs, arg_tangents, level)
            return out
        edges = tuple(((a.grad_fn, a._output_nr) if a.grad_fn is not None else
                       (accumulate_grad_node(a), 0)) if needs else (None, 0)
                      for a, needs in zip(args, ctx.needs_input_grad))
        meta = tuple((o._data.shape, o._data.dtype) if isinstance(o, Tensor) else None for o in outputs)
        inputs = tuple((tuple(a.shape), a.dtype) if isinstance(a, Tensor) else None for a in args)
        node = cls._backward_cls(edges, functools.partial(_custom_backward, cls),
                                 (ctx, meta, inputs), True)
        wrapped = [_wrap_output(ctx, o, node, i, args) for i, o in enumerate(outputs)]
        if arg_tangents is not None and any(t is not None for t in arg_tangents):
            _forward_tangents(cls, ctx, outputs, wrapped, arg_tangents, level)
        return tuple(wrapped) if isinstance(out, tuple) else wrapped[0]


def _forward_tangents(cls, ctx, outputs, results, arg_tangents, level):
    """Forward AD through a custom Function: its ``jvp(ctx, *input_tangents)`` gives one
    tangent per output (None for inputs without one), checked as torch checks them."""
    Tensor = _tensor_type()
    ctx._in_jvp = True
    try:
        with tangents.suspended():
            got = cls.jvp(ctx, *arg_tangents)
    finally:
        ctx._in_jvp = False
    got = got if isinstance(got, tuple) else (got,)
    if len(got) != len(outputs):
        raise RuntimeError(f"Function's jvp returned an invalid number of forward gradients "
                           f"(expected {len(outputs)} but got {len(got)})")
    for o, r, tangent in zip(outputs, results, got):
        if not isinstance(r, Tensor) or tangent is None or \
                not (r.dtype.is_floating_point or r.dtype.is_complex):
            continue
        if tuple(tangent.shape) != tuple(o.shape):
            raise tangents.tangent_size_mismatch(o.shape, tangent.shape)
        tangents.set_tangent(r, tangent, level)


def _wrap_output(ctx, o, node, i, args):
    """Output ``i`` as the tensor carrying this node's history (the tensor itself when it was
    marked dirty: an in-place forward)."""
    Tensor = _tensor_type()
    if not isinstance(o, Tensor) or id(o) in ctx._non_differentiable or \
            not (o.dtype.is_floating_point or o.dtype.is_complex):
        return o
    if ctx._is_dirty(o):
        if o._grad_fn is None and o._requires_grad:
            raise RuntimeError("a leaf Variable that requires grad has been used in an in-place "
                               "operation.")
        t = o
    elif o._base is None and o._grad_fn is None and not o._requires_grad and \
            not any(o is a for a in args):
        # a tensor the forward made gets the history itself, as in torch: what the forward
        # kept of it (``ctx.result = result``) is then the output, history included
        t = o
    else:
        t = o.detach()
    t._base, t._view = None, None
    t._grad_fn, t._output_nr, t._requires_grad = node, i, True
    ctx._saved_outputs_became(o, t, node, i)
    return t


# --------------------------------------------------------------------------- backward
def _custom_backward(cls, payload, grads, create_graph):
    Tensor = _tensor_type()
    ctx, meta, inputs = payload
    tensors = []
    # one gradient per output, as torch passes them: outputs no gradient reached get None
    # (zeros where materialize_grads is on)
    grads = tuple(grads) + (None,) * (len(meta) - len(grads))
    for g, m in zip(grads, meta):
        if g is None and m is not None and ctx.materialize_grads:
            g = jnp.zeros(m[0], m[1])
        tensors.append(g if g is None or isinstance(g, Tensor) else Tensor._make(g))
    with grad_mode.set_grad_enabled(create_graph):
        result = cls.backward(ctx, *tensors)
        result = _checked_gradients(cls._backward_cls.__name__, result, inputs, ctx.needs_input_grad)
        result = tuple(None if r is None or not needs else _fit(r, spec)
                       for r, spec, needs in zip(result, inputs, ctx.needs_input_grad))
    if not create_graph:
        ctx._freed = False
    return tuple(None if r is None else (r if create_graph else r._value) for r in result)


def _checked_gradients(name, result, inputs, needs_grad):
    """What backward returned, one entry per forward input, checked as torch checks it: the
    count, then each entry's type, then the shapes of those the graph uses."""
    Tensor = _tensor_type()
    result = result if isinstance(result, tuple) else (result,)
    n = len(inputs)
    if len(result) > n and all(r is None for r in result[n:]):
        result = result[:n]
    if len(result) != n:
        raise RuntimeError(f"function {name} returned an incorrect number of gradients "
                           f"(expected {n}, got {len(result)})")
    for i, (r, spec) in enumerate(zip(result, inputs)):
        if spec is None:
            if r is not None:
                raise RuntimeError(f"function {name} returned a gradient different than None at "
                                   f"position {i + 1}, but the corresponding forward input was "
                                   "not a Variable")
        elif r is not None and not isinstance(r, Tensor):
            raise RuntimeError(f"expected Variable or None (got {type(r).__name__})")
    for i, (r, spec, needs) in enumerate(zip(result, inputs, needs_grad)):
        if r is not None and needs and not _expandable(spec[0], tuple(r.shape)):
            raise RuntimeError(f"Function {name} returned an invalid gradient at index {i} - got "
                               f"{list(r.shape)} but expected shape compatible with "
                               f"{list(spec[0])}")
    return result


def _expandable(shape, to) -> bool:
    """Whether ``shape`` broadcasts to ``to`` (torch's ``is_expandable_to``)."""
    if len(shape) > len(to):
        return False
    return all(s == t or s == 1 for s, t in zip(reversed(shape), reversed(to)))


def _fit(grad, spec):
    """A returned gradient brought to its input's shape (summed over the broadcast dims) and
    dtype, as torch's engine does with what a backward returns."""
    shape, dtype = spec
    got = tuple(grad.shape)
    if got != shape:
        lead = len(got) - len(shape)
        kept = tuple(lead + i for i, s in enumerate(shape) if s == 1 and got[lead + i] != 1)
        grad = grad.sum(tuple(range(lead)) + kept, keepdim=True).reshape(shape)
    if grad.dtype is not dtype:
        grad = grad.to(dtype)
    return grad


def once_differentiable(fn):
    """Marks a backward that is not itself differentiable: it runs without recording, and a
    gradient that would need its derivative raises torch's error when that is asked for.

    >>> import compat as torch
    >>> class Cube(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x ** 3
    ...     @staticmethod
    ...     @once_differentiable
    ...     def backward(ctx, grad):
    ...         (x,) = ctx.saved_tensors
    ...         return 3 * x ** 2 * grad
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> Cube.apply(x).backward(); x.grad
    tensor(12.)
    """
    @functools.wraps(fn)
    def wrapper(ctx, *args, **kwargs):
        with grad_mode.no_grad():
            outputs = fn(ctx, *args, **kwargs)
        Tensor = _tensor_type()
        if not grad_mode.is_grad_enabled() or \
                not any(isinstance(a, Tensor) and a.requires_grad for a in args):
            return outputs
        return _delayed_error(outputs)
    return wrapper


_TWICE_MESSAGE = ("trying to differentiate twice a function that was marked with "
                  "@once_differentiable")


class _DelayedErrorNode(Node):
    """torch's ``Error`` node: its outputs have history, but differentiating them raises."""

    __slots__ = ()

    def name(self) -> str:
        return "torch::autograd::Error"


_DelayedErrorNode.__name__ = _DelayedErrorNode.__qualname__ = "Error"


def _raise_twice(saved, grads, create_graph):
    raise RuntimeError(_TWICE_MESSAGE)


def _delayed_error(outputs):
    Tensor = _tensor_type()
    items = outputs if isinstance(outputs, tuple) else (outputs,)
    fakes = []
    for o in items:
        if isinstance(o, Tensor):
            o = o.detach()
            o.requires_grad = True
        fakes.append(o)
    edges = tuple((accumulate_grad_node(o), 0) if isinstance(o, Tensor) else (None, 0)
                  for o in fakes)
    node = _DelayedErrorNode(edges, _raise_twice, (), False)
    wrapped = tuple(Tensor._make(o._value, True, node, i) if isinstance(o, Tensor) else o
                    for i, o in enumerate(fakes))
    return wrapped if isinstance(outputs, tuple) else wrapped[0]
