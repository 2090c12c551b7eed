"""The one dispatch point: every op on Tensors runs here.

An op is an :class:`OpSpec` (one torch overload: its ``jaxgrad.functional`` function, its
parameters, which of them are traced, its grad_fn name or naming rule). ``run(spec, values)``
splits the call's values into traced ones (Tensors and Python numbers in traced parameters)
and static ones (everything else: dims, flags, strings, None), so the same op on new numbers
reuses its compiled function while a new dim compiles a new one. It then

1. runs the op's host-side value check (``fn.host_check``, e.g. index bounds) when it has one,
2. calls the op through one ``jax.jit`` cached per (spec, static values),
3. wraps the results as Tensors and, when grad mode is on and an input requires grad, records
   a graph node whose vector-Jacobian product is one shared ``jax.jit`` per op signature (never
   a fresh ``jax.vjp`` trace per call). Under ``create_graph`` the backward is itself run
   through this point, so it is recorded and differentiable.

>>> import compat as torch
>>> from jaxgrad import functional as F
>>> mul = OpSpec("mul", F.mul, ("self", "other"), traced=("self", "other"), grad_fn="MulBackward0")
>>> x = torch.tensor([1., 2.], requires_grad=True)
>>> run(mul, (x, 3.0))
tensor([3., 6.], grad_fn=<MulBackward0>)
"""
from __future__ import annotations

import inspect
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from jaxgrad import dtypes

from . import grad_mode, host_memory, host_values, lazy, saved_versions, tangents
from .autocast_state import STATE as _AUTOCAST
from . import strides as _strides
from .ops.backward_names import MASKS_ONLY, gradient_node_name
from .dependence import dependencies
from .lazy import Pending, resolve
from .graph import accumulate_grad_node, node_class
from .dtypes import dtype as _compat_dtype
from .tensors import Tensor

_STATE = grad_mode.STATE
_FORWARD = tangents.STATE
_HOST_READS = host_memory.READS
_NUMBERS = frozenset((int, float, bool, complex))
_ARRAYS = (np.generic, np.ndarray, jax.Array)
_TRACED = -1  # layout entry of one traced value; n >= 0: a sequence of n traced values
# kinds of parameter: static; traced (a Tensor or a number); traced or None; a sequence of
# tensors; a Tensor only (torch's parser refuses a number there)
_STATIC, _OPERAND, _OPTIONAL, _SEQUENCE, _TENSOR = 0, 1, 2, 3, 4


def is_differentiable_dtype(dtype) -> bool:
    """Float and complex dtypes carry gradients (integer and bool results have no history)."""
    return dtype.kind in "fc" or dtype == dtypes.bfloat16


class OpSpec:
    """One torch overload, described once.

    ``params`` are the torch-side parameter names in call order; ``traced`` names those whose
    Tensor or number values are traced (the rest are static: compiled into the op);
    ``sequences`` names traced parameters that hold a list of tensors (``cat``),
    ``tensors_only`` those where torch takes a Tensor and refuses a number (``maximum``).
    ``fn_names`` maps a torch parameter to the jaxgrad function's parameter it feeds (by
    default the same name, ``self`` → ``input``). ``grad_fn`` is the node name, or a rule
    ``grad_fn(*values) -> name`` for overloads whose node depends on the arguments.
    ``linear`` (default: the function's own flag) means the VJP needs no float input values.
    ``pointwise`` marks an elementwise op, whose result keeps its inputs' memory order (the
    strides torch's TensorIterator gives it).

    >>> from jaxgrad import functional as F
    >>> spec = OpSpec("exp", F.exp, ("self",), traced=("self",), grad_fn="ExpBackward0")
    >>> spec.name, spec.linear
    ('exp', False)
    """

    __slots__ = ("name", "fn", "params", "traced", "sequences", "kinds", "grad_fn", "linear",
                 "pointwise", "_fn_args", "__weakref__")

    def __init__(self, name, fn, params, *, traced, grad_fn="", sequences=(), optional=None,
                 tensors_only=(), fn_names=None, linear=None, pointwise=False):
        self.name = name
        self.pointwise = pointwise
        self.fn = fn
        self.params = tuple(params)
        unknown = set(traced) - set(self.params)
        if unknown:
            raise ValueError(f"{name}: traced parameters {sorted(unknown)} are not parameters")
        self.traced = tuple(p in traced for p in self.params)
        self.sequences = tuple(p in sequences for p in self.params)
        # Per parameter: static, traced, traced sequence, or traced that may be None. By default
        # every traced parameter may be None (a spec used by hand-written code).
        optional = set(self.params) if optional is None else set(optional)
        self.kinds = tuple(_STATIC if p not in traced else _SEQUENCE if p in sequences
                           else _TENSOR if p in tensors_only
                           else _OPTIONAL if p in optional else _OPERAND for p in self.params)
        self.grad_fn = grad_fn
        self.linear = getattr(fn, "linear", False) if linear is None else linear
        names = dict(fn_names or {})
        self._fn_args = _fn_argument_builder(fn, [names.get(p, "input" if p == "self" else p)
                                                  for p in self.params])

    def __repr__(self):
        return f"OpSpec({self.name})"

    def __call__(self, *values):
        return run(self, values)


def _fn_argument_builder(fn, names):
    """A function mapping the torch-side values (in ``names`` order) to ``fn``'s positional
    and keyword arguments; names ``fn`` does not take are dropped (torch-only parameters)."""
    try:
        parameters = inspect.signature(fn).parameters
    except (TypeError, ValueError):  # a callable without a signature takes the values in order
        return lambda values: (tuple(values), {})
    positional, var_positional, keywords = [], None, set()
    for p in parameters.values():
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and var_positional is None:
            positional.append((p.name, p.default))
        elif p.kind is p.VAR_POSITIONAL:
            var_positional = p.name
        elif p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD):
            keywords.add(p.name)
    index = {n: i for i, n in enumerate(names)}
    unfed = [n for n, d in positional if d is inspect.Parameter.empty and n not in index]
    if unfed:  # a spec whose parameter names do not reach the function's
        raise ValueError(f"{getattr(fn, '__name__', fn)}: no torch parameter feeds {unfed}")
    if not positional and not keywords and var_positional not in index:
        return lambda values: (tuple(values), {})  # ``fn(*args)``: the values in order

    def build(values):
        args = []
        for name, default in positional:
            i = index.get(name)
            args.append(values[i] if i is not None else default)
        if var_positional is not None and var_positional in index:
            args.extend(values[index[var_positional]])
        kwargs = {n: values[i] for n, i in index.items() if n in keywords}
        return tuple(args), kwargs
    return build


class BoundOp:
    """An op with its static values fixed; called with the traced values only. Hashable, so
    it keys the compiled forward and the shared compiled VJP."""

    __slots__ = ("spec", "layout", "generation", "host_check", "_hash", "__weakref__")

    def __init__(self, spec, layout):
        self.spec, self.layout = spec, layout
        # JAX caches traces by the function's equality while an equal one is alive (a node may
        # keep one): ops made after clear_caches() must not equal those traced before it.
        self.generation = _GENERATION[0]
        self.host_check = getattr(spec.fn, "host_check", None)
        self._hash = hash((spec, layout, self.generation))

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return (type(other) is BoundOp and self.spec is other.spec and self.layout == other.layout
                and self.generation == other.generation)

    def values(self, traced):
        """The torch-side values of a call, from its traced values and this op's statics."""
        it = iter(traced)
        out = []
        for entry in self.layout:
            if entry == _TRACED:
                out.append(next(it))
            elif type(entry) is int:
                out.append([next(it) for _ in range(entry)])
            else:
                out.append(entry[1])
        return out

    def fn_arguments(self, traced):
        return self.spec._fn_args(self.values(traced))

    def __call__(self, *traced):
        args, kwargs = self.fn_arguments(traced)
        return self.spec.fn(*args, **kwargs)

    def check_host(self, traced):
        """The op's host-side value check (index bounds, value ranges) on concrete values;
        values traced by a transform (``torch.func.vmap``, ``grad``) have none to check."""
        if any(isinstance(t, jax.core.Tracer) for t in traced):
            return
        args, kwargs = self.fn_arguments(traced)
        self.host_check(*args, **kwargs)


_compiled: dict = {}
_GENERATION = [0]  # bumped by clear_caches


def clear_caches() -> None:
    """Drop compiled ops (after a change of default dtype, which ops read while tracing)."""
    global _vjp
    _compiled.clear()
    _vjp_specs.clear()
    lazy.clear_caches()
    _GENERATION[0] += 1
    _vjp = jax.jit(_vjp_impl, static_argnums=(0, 1, 2))


def _static(value):
    """A static value as the jaxgrad function takes it, tagged with its type so that ``True``,
    ``1`` and ``1.0`` (equal, same hash) never share a compiled op."""
    kind = type(value)
    if kind is list:
        value = tuple(value)
        kind = tuple
    elif kind is _compat_dtype:
        value = value.np
    return (kind, value)


def argument_type_error(op, param, position, value) -> TypeError:
    """torch's parser refusing a value of the wrong type for a Tensor parameter."""
    return TypeError(f"{op}(): argument '{param}' (position {position}) must be Tensor, not "
                     f"{type(value).__name__}")


def _split(spec, values):
    """(traced raw values, layout, Tensors in traced order, whether one requires grad); a
    traced parameter holding what torch's parser refuses is torch's TypeError."""
    raw, layout, tensors = [], [], []
    requires = False
    position = 0
    for v, kind in zip(values, spec.kinds):
        if kind:
            if isinstance(v, Tensor):
                raw.append(v._store if v._base is None else v._sync())
                tensors.append(v)
                layout.append(_TRACED)
                requires = requires or v._requires_grad
            elif kind != _TENSOR and (type(v) in _NUMBERS or isinstance(v, _ARRAYS)):
                raw.append(v)  # a number or a raw array (index positions) is traced too
                tensors.append(None)
                layout.append(_TRACED)
            elif kind == _SEQUENCE and isinstance(v, (list, tuple)):
                for t in v:
                    if isinstance(t, Tensor):
                        raw.append(t._store if t._base is None else t._sync())
                        tensors.append(t)
                        requires = requires or t._requires_grad
                    else:
                        raw.append(t)  # a raw index array
                        tensors.append(None)
                layout.append(len(v))
            elif v is None and kind == _OPTIONAL:
                layout.append((type(None), None))
            else:
                raise argument_type_error(spec.name, spec.params[position], position, v)
        else:
            layout.append(_static(v))
        position += 1
    return raw, tuple(layout), tensors, requires


def compiled(spec, layout):
    """The (BoundOp, jitted function) of ``spec`` with ``layout``'s static values."""
    key = (spec, layout)
    entry = _compiled.get(key)
    if entry is None:
        bound = BoundOp(spec, layout)
        entry = _compiled[key] = (bound, lazy.jitted(bound))
    return entry


def _invoke(bound, fwd, raw, host=None):
    """Run (or, with fusion on, record) the bound op on its traced values; its host check
    reads ``host`` (the values as :func:`host_values.for_check` gives them) or ``raw``."""
    if bound.host_check is not None:
        # a pending value it reads is computed then (lazy.host_value)
        bound.check_host(raw if host is None else host)
    program = lazy.current()
    if program is None:  # the per-op path runs on arrays
        raw = [resolve(r) if type(r) is Pending else r for r in raw]
    try:
        if program is None:
            out = fwd(*raw)
        else:
            with lazy.LOCK:
                out = program.record(bound, raw)
    except (RuntimeError, IndexError, ValueError, TypeError, NotImplementedError) as err:
        # Errors raised while tracing are the op table's torch-worded ones; JAX's internal
        # frames, and the note JAX attaches about them, mean nothing to a torch user.
        if hasattr(err, "__notes__"):
            err.__notes__ = [n for n in err.__notes__ if "JAX" not in n]
        raise err.with_traceback(None) from None
    if _HOST_READS.in_place:  # an input is a NumPy array's memory: the op runs now, as torch's
        out = host_memory.complete(out)
    return out


def call(spec, values):
    """Run ``spec`` on raw values (arrays and Python values, no Tensors) without autograd."""
    raw = []
    layout = []
    for v, traced in zip(values, spec.traced):
        if traced and (hasattr(v, "shape") or type(v) in _NUMBERS):
            raw.append(v)
            layout.append(_TRACED)
        else:
            layout.append(_static(v))
    bound, fwd = compiled(spec, tuple(layout))
    return _invoke(bound, fwd, raw)


# The active profiler's recorder (``compat.autograd.recorder``), or None: when no profiler
# runs, this one check per op is all that profiling costs.
_observer = None


def observe(recorder):
    """Make ``recorder`` (None: nothing) time every op run here, through
    ``recorder.op(spec, values, execute)``; returns the recorder it replaces."""
    global _observer
    previous, _observer = _observer, recorder
    return previous


def observer():
    """The recorder :func:`observe` installed, or None."""
    return _observer


def run(spec, values):
    """Run ``spec`` on ``values`` (its parameters' values, Tensors included) and record it."""
    if _observer is not None:
        return _observer.op(spec, values, _execute)[0]
    return _execute(spec, values)[0]


def execute(spec, values):
    """:func:`run`, also returning the compiled function of the call's static values (a view
    op's result recomputes itself from its base with it)."""
    if _observer is not None:
        return _observer.op(spec, values, _execute)
    return _execute(spec, values)


def _execute(spec, values):
    if _AUTOCAST.cast is not None:  # CPU autocast: the op's inputs recast by its policy
        values = _AUTOCAST.cast(spec, values)
    raw, layout, tensors, requires = _split(spec, values)
    entry = _compiled.get((spec, layout))
    bound, fwd = entry if entry is not None else compiled(spec, layout)
    out = _invoke(bound, fwd, raw,
                  None if bound.host_check is None else host_values.for_check(raw, tensors))
    if requires and _STATE.enabled:
        rule = spec.grad_fn
        result = _record(bound, rule if type(rule) is str else rule(*values), raw, tensors, out)
    elif type(out) is tuple:
        result = tuple(None if o is None else Tensor._make(o) for o in out)
    else:
        result = Tensor._make(out)
    if spec.pointwise:
        _keep_memory_order(result, tensors)
    if _FORWARD.level is not None:  # forward AD: outputs of inputs with tangents get J·t
        tangents.propagate(bound, raw, tensors, result)
    return result, fwd


def _keep_memory_order(result, tensors):
    """An elementwise result takes the strides torch's TensorIterator gives it from its
    inputs' (a transposed input gives a transposed result, which ``view`` then refuses to
    flatten, as torch's). Inputs all contiguous, the common case, cost one check each."""
    for t in tensors:
        if t is not None and t._layout is not None:
            break
    else:
        return
    operands, scalars = [], False
    for t in tensors:
        if t is None or not t._store.shape:
            scalars = True  # a number or 0-d tensor: an operand that orders no dims
        else:
            operands.append((tuple(t._store.shape), t.stride()))
    shape = tuple(result._store.shape)
    result._layout = _strides.layout_of(shape, _strides.pointwise_strides(operands, shape, scalars))


# --------------------------------------------------------------------------- recording
class Recorded(NamedTuple):
    """What a recorded node keeps for its backward."""

    op: BoundOp           # the op and its static values
    mask: tuple           # per traced value: whether its gradient is wanted
    meta: tuple | None    # (shape, dtype) of the float inputs not kept (linear ops: all)
    saved: tuple          # the traced values the VJP needs (None where not kept)
    inputs: tuple | None  # the kept input Tensors, for a recorded backward and version checks;
                          # None for a linear op
    name: str             # the node's name (a recorded backward names its nodes after it)


def _record(bound, name, raw, tensors, out):
    if type(out) is not tuple and not is_differentiable_dtype(out.dtype):
        return Tensor._make(out)  # integer/bool results (argmax, comparisons) have no history
    mask = tuple(t is not None and t._requires_grad for t in tensors)
    edges = tuple(_edge(t) if m else (None, 0) for t, m in zip(tensors, mask))
    if bound.spec.linear:
        # The VJP of a linear op needs no float input values: keep only shapes, and the integer
        # or boolean arrays (indices, masks) it does need.
        meta, kept, has_saved = [], [], False
        for r in raw:
            if hasattr(r, "dtype") and is_differentiable_dtype(r.dtype):
                meta.append((r.shape, r.dtype))
                kept.append(None)
            else:
                meta.append(None)
                kept.append(r)
                has_saved = has_saved or hasattr(r, "dtype")
        payload = Recorded(bound, mask, tuple(meta), tuple(kept), None, name)
    else:
        for t in tensors:  # a non-linear op saves its inputs for backward
            if t is not None and t._is_inference:
                grad_mode.check_inference_saved(t)
        unread = saved_versions.values_not_read(bound.spec.name, mask)
        if unread:
            # what the VJP does not read is not kept (``x * 2`` keeps 2, not x): a chain of
            # such ops holds no intermediate values, as torch's nodes hold none
            meta = tuple((r.shape, r.dtype) if i in unread else None for i, r in enumerate(raw))
            payload = Recorded(bound, mask, meta,
                               tuple(None if i in unread else r for i, r in enumerate(raw)),
                               tuple(None if i in unread else t for i, t in enumerate(tensors)),
                               name)
        else:
            payload = Recorded(bound, mask, None, tuple(raw), tuple(tensors), name)
        has_saved = True
    node = node_class(name)(edges, _op_backward, payload, has_saved)
    if type(out) is tuple:  # None outputs (statistics not asked for) stay None
        return tuple(None if o is None else Tensor._make(o, True, node, i)
                     if is_differentiable_dtype(o.dtype) else Tensor._make(o)
                     for i, o in enumerate(out))
    result = Tensor._make(out, True, node, 0)
    if not bound.spec.linear:
        saved_versions.watch(node, bound.spec, tensors, raw, mask, result)
    return result


def _edge(t):
    if t._grad_fn is not None:
        return (t._grad_fn, t._output_nr)
    return (accumulate_grad_node(t), 0)


# --------------------------------------------------------------------------- backward
def _vjp_impl(op, mask, meta, args, cts):
    """Gradients of ``op`` w.r.t. the ``mask``-ed traced args, for output cotangents ``cts``
    (``None`` entries are zeros)."""
    if meta is not None:
        args = tuple(jnp.zeros(m[0], m[1]) if m is not None else a for m, a in zip(meta, args))
    positions = [i for i, m in enumerate(mask) if m]

    def partial_fn(*diff_args):
        full = list(args)
        for i, value in zip(positions, diff_args):
            full[i] = value
        return op(*full)

    out, pullback = jax.vjp(partial_fn, *[args[i] for i in positions])
    if type(out) is tuple:
        cts = tuple(cts) + (None,) * (len(out) - len(cts))  # later outputs got no gradient
        cts = tuple(None if o is None else _zero_cotangent(o) if c is None else c.astype(o.dtype)
                    for o, c in zip(out, cts))
    else:
        cts = _zero_cotangent(out) if cts[0] is None else cts[0].astype(out.dtype)
    return pullback(cts)


def _zero_cotangent(out):
    if is_differentiable_dtype(out.dtype):
        return jnp.zeros_like(out)
    return np.zeros(out.shape, jax.dtypes.float0)


_vjp = jax.jit(_vjp_impl, static_argnums=(0, 1, 2))


class _VjpOp(lazy.Step):
    """The backward of a recorded op, as an op itself (hashable, so it compiles once): run
    through the dispatch point under ``create_graph`` so that the gradient computation is
    recorded too."""

    __slots__ = ("op", "mask", "meta", "n_args")

    def __call__(self, *values):
        args, cts = values[:self.n_args], values[self.n_args:]
        return tuple(_vjp_impl(self.op, self.mask, self.meta, args, cts))


class _VjpStep(lazy.Step):
    """The backward of a recorded op as a step of a lazy program: called with the saved
    values and output cotangents that are not None (``present`` says which are)."""

    __slots__ = ("op", "mask", "meta", "n_saved", "present")

    def __call__(self, *values):
        it = iter(values)
        full = [next(it) if p else None for p in self.present]
        return tuple(_vjp_impl(self.op, self.mask, self.meta, tuple(full[:self.n_saved]),
                               tuple(full[self.n_saved:])))


def _resolved(values):
    return tuple(resolve(v) if type(v) is Pending else v for v in values)


_vjp_specs: dict = {}


def _vjp_spec(vjp_op, name):
    """The OpSpec of a backward op whose node is called ``name``: every value traced, no
    static values."""
    key = (vjp_op, name)
    spec = _vjp_specs.get(key)
    if spec is None:
        n = vjp_op.n_args + 8  # up to 8 output cotangents
        params = tuple(f"v{i}" for i in range(n))
        spec = _vjp_specs[key] = OpSpec("backward", vjp_op, params, traced=params, grad_fn=name)
    return spec


def _op_backward(payload, grads, create_graph):
    op, mask, meta, saved, inputs, name = payload
    if all(g is None for g in grads):
        return (None,) * len(mask)  # no gradient came: none goes on (torch's undefined grads)
    if type(op.spec.fn) is _VjpOp:
        # A gradient differentiated again: inputs the asked-for outputs do not involve get
        # None, as torch's graph has no path to them (the gradient of x*y w.r.t. x is y*grad).
        mask = _involved(op, mask, saved, grads)
        if not any(mask):
            return (None,) * len(mask)
    if not create_graph:
        cts = tuple(None if g is None else g._current() for g in grads)
        program = lazy.current()
        if program is not None:
            values = (*saved, *cts)
            step = _VjpStep(op, mask, meta, len(saved), tuple(v is not None for v in values))
            with lazy.LOCK:
                result = program.record(step, [v for v in values if v is not None])
        else:
            result = _vjp(op, mask, meta, _resolved(saved), _resolved(cts))
        it = iter(result)
        return tuple(Tensor._make(next(it)) if m else None for m in mask)
    values = saved if inputs is None else _saved_inputs(saved, inputs)
    cts = list(grads) + [None] * 8
    # One recorded op per input's gradient, as torch's formulas are separate ops: each node
    # has torch's name and only the values its own gradient involves as inputs.
    out = []
    for index, wanted in enumerate(mask):
        if not wanted:
            out.append(None)
            continue
        vjp_op = _VjpOp(op, tuple(i == index for i in range(len(mask))), meta, len(values))
        spec = _vjp_spec(vjp_op, gradient_node_name(name, index, op.spec.name))
        args = [*values, *cts[:len(spec.params) - len(values)]]
        used = set().union(*dependencies(vjp_op, [_raw(a) for a in args],
                                         through_masks=name not in MASKS_ONLY))
        # A value the gradient does not involve is no input of its node (the gradient of 2*x
        # does not require grad).
        args = [Tensor._make(a._current()) if isinstance(a, Tensor) and i not in used else a
                for i, a in enumerate(args)]
        out.append(run(spec, args)[0])
    return tuple(out)


def _raw(value):
    return resolve(value._value) if isinstance(value, Tensor) else resolve(value)


def _involved(op, mask, saved, grads):
    """``mask`` without the inputs that no output with a gradient depends on."""
    depends = dependencies(op, [resolve(v) for v in saved])
    wanted = set().union(*(depends[i] for i, g in enumerate(grads) if g is not None))
    return tuple(m and i in wanted for i, m in enumerate(mask))


def _saved_inputs(saved, inputs):
    """The recorded inputs as tensors that still carry their history, for double backward;
    torch's error if one was modified in place since it was saved."""
    out = []
    for value, arg in zip(saved, inputs):
        if arg is not None:
            if not lazy.same_value(arg._current(), value):
                producer = None if arg._grad_fn is None else (arg._grad_fn, arg._output_nr)
                raise saved_versions.modified_in_place(arg, arg._version - 1, producer)
            out.append(arg)
        else:
            out.append(value)
    return out
