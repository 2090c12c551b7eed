"""Views and in-place writes: torch's shared storage on immutable jax arrays.

A view (``x[0]``, ``x.view(…)``, ``x.t()``, ``x.data``, ``x.detach()``) remembers its base
and a function from the base's array to its own, so

- reads see the base's later writes (:func:`sync` recomputes a stale view),
- writes through a view reach the base (:func:`set_data` scatters into the base's flat
  positions the view reads; a view whose elements share a position, as an ``expand``-ed
  one, is refused as torch refuses it),
- in a graph, a write through a view gives the base a ``CopySlices`` history, and a view
  whose base got a new history follows it (``AsStridedBackward0``), so gradients through the
  view include the in-place op.

The functions here are Tensor's private storage methods (``_sync``, ``_set_data``,
``_assign``, ``_check_inplace``); they are installed on the class at the end of this module,
since they record ops through the dispatch point, which itself stands on ``compat.tensors``.

>>> import compat as torch
>>> x = torch.zeros(2, 3)
>>> x[0].fill_(1.)
tensor([1., 1., 1.])
>>> x
tensor([[1., 1., 1.],
        [0., 0., 0.]])
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from jaxgrad import dtypes as _jd
from jaxgrad.functional._checks import output_shape_mismatch
from jaxgrad.functional.shape import view_dtype

from . import dispatch
from . import grad_mode
from . import saved_versions
from . import strides as _layout
from . import tangents
from . import host_memory
from .host_memory import HostMemory
from .lazy import resolve
from .ops import storage
from .tensors import Tensor

_STATE = grad_mode.STATE
DETACHED = object()  # the _view_history of aliases without history (detach(), .data)


# --------------------------------------------------------------------------- making views
def _compose(parent, fwd, item):
    """The base → view function of a view taken, by compiled op ``fwd``, from a view
    (``parent``: its base → view function, or None for the base itself)."""
    def view(base_array):
        out = fwd(base_array if parent is None else parent(base_array))
        return out if item is None else out[item]
    return view


def as_view(out, source, fwd, item=None, layout=None):
    """Make ``out`` (just computed from ``source`` by the compiled op ``fwd``; its output
    ``item`` for ops with several) a view of ``source``'s storage, with ``layout`` (strides,
    offset; None: contiguous) from :func:`layouts_of`."""
    out._layout = layout
    out._untracked = source._untracked  # a view of ``.data`` writes untracked too
    if source._base is None or type(source._view) is Reinterpret:
        # a view of a view(dtype) is one of its elements: writes go through it
        base, parent = source, None
    else:
        base, parent = source._base, source._view
    out._base = base
    out._view = _compose(parent, fwd, item)
    out._view_version = base._version
    out._view_history = base._grad_fn
    return out


class Reinterpret:
    """The base → view function of ``view(dtype)``: the bytes the view ``parent`` reads
    (None: the base itself), read as ``dtype``. Writes through the view go back through
    :meth:`inverse` (torch's view(dtype) shares storage, though it is no differentiable view)."""

    __slots__ = ("parent", "dtype", "source_dtype", "_to", "_back")

    def __init__(self, parent, dtype, source_dtype):
        self.parent, self.dtype, self.source_dtype = parent, dtype, source_dtype
        self._to, self._back = _bitcaster(dtype), _bitcaster(source_dtype)

    def __call__(self, base_array):
        return self._to(base_array if self.parent is None else self.parent(base_array))

    def inverse(self, values):
        """The source's values whose bytes are ``values`` (an array of the view's dtype)."""
        return self._back(values)


_BITCASTERS: dict = {}


def _bitcaster(dtype):
    """The compiled ``view_dtype(·, dtype)``."""
    fn = _BITCASTERS.get(dtype)
    if fn is None:
        fn = _BITCASTERS[dtype] = jax.jit(lambda a: view_dtype(a, dtype))
    return fn


def reinterpret(t, dtype, layout):
    """``t.view(dtype)`` for another dtype: a tensor over ``t``'s storage read as ``dtype``
    (no history, as torch's), with ``layout`` (its strides and offset)."""
    base = t._base if t._base is not None else t
    read = Reinterpret(t._view if t._base is not None else None, np.dtype(dtype.np),
                       np.dtype(t._store.dtype))
    out = Tensor._make(read(base._value))
    out._layout = layout
    out._untracked = t._untracked
    out._base, out._view = base, read
    out._view_version, out._view_history = base._version, DETACHED
    return out


_VIEW_ERROR = ("view size is not compatible with input tensor's size and stride (at least one "
               "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")


def layouts_of(name, source, out_shapes, arguments):
    """The layout (``(strides, offset)``, or None where contiguous at offset 0) of the result
    of view op ``name`` on ``source`` (a list for ops with several results), by torch's
    rules in :mod:`compat.strides`. ``view`` raises torch's error where no strides fit."""
    rule = _layout.RULES.get(name)
    if rule is None:
        return None if type(out_shapes) is tuple else [None] * len(out_shapes)
    shape = tuple(source._store.shape)
    strides = source.stride()
    found = rule(shape, strides, source.storage_offset(), out_shapes, *arguments)
    if type(out_shapes) is tuple:
        return _normal(found, out_shapes, name)
    return [_normal(f, s, name) for f, s in zip(found, out_shapes)]


def _normal(found, shape, name):
    strides, offset = found
    if strides is None:
        if name == "view":
            raise RuntimeError(_VIEW_ERROR)
        return None  # callers (reshape, flatten) copy first where no view fits
    if offset == 0 and strides == _layout.contiguous_strides(tuple(shape)):
        return None
    return (strides, offset)


def lay_out(copy, source, memory_format=None):
    """``copy``, just made from ``source`` (``clone``, ``to``, ``contiguous``), given the
    layout torch gives such a copy in ``memory_format`` (None: preserve_format)."""
    copy._layout = _layout.copy_layout(None if memory_format is None else memory_format.name,
                                       tuple(source._store.shape), source.stride())
    return copy


def viewable(t, shape) -> bool:
    """Whether ``t`` can be viewed as ``shape`` (sizes already inferred) without a copy."""
    return t._layout is None or \
        _layout.view_strides(tuple(t._store.shape), t._layout[0], tuple(shape)) is not None


def alias(t, requires_grad, untracked=False):
    """A tensor sharing ``t``'s storage but not its history (``detach()``, ``.data``);
    ``untracked``: its writes leave ``t``'s autograd version alone, as ``.data``'s do."""
    out = Tensor._make(t._current())
    out._untracked = untracked
    out._layout = t._layout
    out._requires_grad = requires_grad
    out._base = t._base if t._base is not None else t
    out._view = t._view if t._base is not None else None
    out._view_version = out._base._version
    out._view_history = DETACHED
    return out


def share_storage(new, t):
    """Make ``new`` (a fresh tensor holding ``t``'s current array) share ``t``'s storage, as
    ``nn.Parameter(t)`` does in torch: writes through either are seen by the other. A base
    ``t`` becomes an alias of ``new``, so the parameter itself is read without a base."""
    new._layout = t._layout
    base = t._base
    if base is None:
        t._base, t._view = new, None
        t._view_version, t._view_history = new._version, DETACHED
        return new
    new._base, new._view = base, t._view
    new._view_version, new._view_history = base._version, DETACHED
    if type(base) is HostMemory and t._view is None:
        host_memory.hand_over(base, new)
    return new


def is_view(t) -> bool:
    """Whether ``t`` is a view proper (``detach()`` aliases share storage but are not views)."""
    return t._base is not None and t._view is not None


# --------------------------------------------------------------------------- reading
def sync(view):
    """This view's array, recomputed if its base was written since (shared storage)."""
    base = view._base
    if view._view_version != base._version or base._base is not None or \
            type(base) is HostMemory:
        # a base sharing a NumPy array's memory is read afresh (NumPy writes bump no version);
        # a view function runs compiled ops on arrays: the base's pending values run first
        view._store = base._current() if view._view is None else view._view(base._value)
        view._view_version = base._version
        if view._view_history is not DETACHED and base._grad_fn is not view._view_history:
            _follow_base_history(view)
    return view._store


def _follow_base_history(view):
    """After an in-place op gave the base a new history, ``view`` is a view of that new
    history (torch regenerates it as ``AsStridedBackward0``): gradients through the view
    then include the in-place op."""
    base = view._base
    if base._requires_grad:
        with grad_mode.enable_grad():
            regenerated = storage.gather_flat(base, _positions(base._store.shape, view._view))
        view._grad_fn, view._output_nr, view._requires_grad = regenerated._grad_fn, 0, True
    view._view_history = base._grad_fn


def _positions(shape, view):
    """For a base → view function, the flat base position of each view element."""
    positions = jnp.arange(int(np.prod(shape)), dtype=jnp.int64).reshape(shape)
    return positions if view is None else view(positions)


def _write_positions(shape, view):
    """The base positions a write through ``view`` goes to; torch refuses a write where
    several view elements share one position (an ``expand``-ed view)."""
    positions = _positions(shape, view)
    if np.unique(np.asarray(positions)).size != positions.size:
        raise RuntimeError("unsupported operation: more than one element of the written-to tensor "
                           "refers to a single memory location. Please clone() the tensor before "
                           "performing the operation.")
    return positions


# --------------------------------------------------------------------------- writing
def set_data(t, new):
    """Replace ``t``'s values in place (no autograd): reaches the base of a view."""
    if t._base is None:
        t._store = new
        t._version += 1
        return
    base = t._base
    view = t._view
    if type(view) is Reinterpret:  # view(dtype): the source's elements with these bytes
        view, new_source = view.parent, view.inverse(resolve(new))
    else:
        new_source = new
    if view is None:
        whole = new_source
    else:
        positions = _write_positions(base._store.shape, view)
        whole = dispatch.call(storage.scatter_flat, (base._current(), new_source, positions))
    _store_into(base, whole)
    if t._untracked:
        base._untracked_versions += 1
    t._store = new
    t._view_version = base._version
    t._version += 1


def _store_into(base, whole):
    """``base`` (a view's base) takes the values ``whole``: a base that became an alias of
    NumPy memory after the view was made (``numpy()``) writes them there."""
    if base._base is None:
        base._store = whole
        base._version += 1
    else:
        set_data(base, whole)


_VIEW_OF_LEAF = ("a view of a leaf Variable that requires grad is being used in an in-place "
                 "operation.")


def check_inplace(t):
    """torch's refusal of in-place ops on leaves (and views of leaves) that require grad, and
    on inference tensors outside inference mode."""
    grad_mode.check_inference_inplace(t)
    if _STATE.enabled and t._requires_grad:
        alias = t._base is None or t._view_history is DETACHED  # detach()'s is no view
        if alias and t._grad_fn is None:
            raise RuntimeError("a leaf Variable that requires grad is being used in an "
                               "in-place operation.")
        if not alias and (t._grad_fn is None  # a view made to require grad itself
                          or t._base._grad_fn is None and t._base._requires_grad):
            raise RuntimeError(_VIEW_OF_LEAF)


def check_write_into_view(t):
    """torch's refusal of ``leaf[key] = v`` (a write into a view of a leaf) under grad mode."""
    if _STATE.enabled and t._requires_grad and t._grad_fn is None and t._base is None:
        raise RuntimeError(_VIEW_OF_LEAF)


def inplace(spec, values):
    """Run ``spec`` on ``values`` and store its result in ``values[0]`` (``add_``, ``-=``)."""
    target = values[0]
    check_inplace(target)
    return assign(target, dispatch.run(spec, values))


def assign(t, out):
    """Make ``out`` (a fresh result) the new contents of ``t``, history included."""
    new, old = out._store, t._store
    if new.dtype != old.dtype:
        _jd.check_can_cast(new.dtype, old.dtype)
        out = storage.to_dtype(out, old.dtype)
    if new.shape != old.shape:
        raise output_shape_mismatch(old.shape, new.shape)
    recorded = out._grad_fn is not None
    if t._base is not None and t._view_history is not DETACHED and \
            (recorded or t._base._grad_fn is not None):
        _write_view_recorded(t, out)
    else:
        set_data(t, out._store)
        if recorded:
            t._grad_fn, t._output_nr, t._requires_grad = out._grad_fn, 0, True
    if recorded:
        saved_versions.after_inplace(out._grad_fn, t, out)
    if tangents.STATE.level is not None:
        _assign_tangent(t, out)
    return t


def _assign_tangent(t, out):
    """Forward AD: ``t`` written in place takes ``out``'s tangent; written through a view, the
    base's tangent takes it at the view's positions (zeros elsewhere when the base had none),
    as torch writes a view's forward gradient into its base's."""
    level = tangents.active()
    if level is None:
        return
    tangent = tangents.tangent_of(out, level)
    if tangent is None and tangents.tangent_of(t, level) is None:
        return
    if tangent is None:  # the new value does not depend on a dual: its tangent is zero
        tangent = Tensor._make(jnp.zeros(out._store.shape, out._store.dtype))
    base = t._base
    if not tangents._is_view(t) or \
            tangents.stored(base, level) is None and tangents.stored(t, level) is not None:
        _write_tangent(t, tangent, level)  # a view holding its own (make_dual's) keeps it
        return
    base_tangent = tangents.stored(base, level)
    old = base_tangent._value if base_tangent is not None else \
        jnp.zeros(base._store.shape, tangent._store.dtype)
    positions = _write_positions(base._store.shape, t._view)
    new = dispatch.call(storage.scatter_flat, (old, tangent._current(), positions))
    _write_tangent(base, Tensor._make(new), level)
    tangents.set_tangent(t, None, level)  # read from the base's from now on


def _write_tangent(t, tangent, level):
    """``t``'s tangent becomes ``tangent``: written into the one it holds when that fits, as
    torch updates a forward gradient in place (so the tensor given to make_dual sees it)."""
    held = tangents.stored(t, level)
    new = tangent._current()
    if held is None or held._store.shape != new.shape or held._store.dtype != new.dtype:
        tangents.set_tangent(t, tangent, level)
    else:
        set_data(held, new)


def _write_view_recorded(view, out):
    """In-place write through a view that is part of a graph: the base gets a
    ``CopySlices`` node, so gradients flow to both the old base and the new values."""
    base = view._base
    positions = _write_positions(base._store.shape, view._view)
    new_base = storage.scatter_flat(base, out, positions)
    _store_into(base, new_base._store)
    if new_base._grad_fn is not None:
        base._grad_fn, base._output_nr, base._requires_grad = new_base._grad_fn, 0, True
    view._store, view._view_version = out._store, base._version
    view._version += 1
    if base._grad_fn is not view._view_history:
        _follow_base_history(view)


def assign_shape(t, out):
    """``t`` takes ``out``'s array and history as its own (``t_``, ``squeeze_``: in-place
    changes of shape)."""
    t._store, t._grad_fn = out._store, out._grad_fn
    t._layout = out._layout
    if t._base is not None:  # a view stays one, now of the new shape: writes map through it
        t._view = out._view
    t._version += 1
    level = tangents.active()
    if level is not None:
        tangents.set_tangent(t, tangents.tangent_of(out, level), level)
    return t


Tensor._sync = sync
Tensor._set_data = set_data
Tensor._check_inplace = check_inplace
Tensor._assign = assign
