"""Ops that pick elements by index: gather, scatter, index_select, take, put, index_add,
index_copy, index_fill, sort, topk, median, … .

Indices are integer arrays; like every op in the table these take jax arrays and return jax
arrays, with torch's argument order and error text. Shapes and dtypes are checked while the op
is traced. Index bounds depend on values, which a traced op cannot see (JAX would clamp or drop
an out-of-range index silently), so every op that takes an index carries a host check
(``op.host_check``, see :func:`._checks.host_check`) that raises torch's error before the
compiled op runs.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.gather(jnp.array([[1, 2], [3, 4]]), 1, jnp.array([[1], [0]]))
Array([[2],
       [3]], dtype=int64)
>>> F.gather.host_check(jnp.array([[1, 2], [3, 4]]), 1, jnp.array([[2], [0]]))
Traceback (most recent call last):
RuntimeError: index 2 is out of bounds for dimension 1 with size 2
"""
from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

from .. import dtypes
from ._checks import (dim_of_zero_dim, empty_reduction, gradient_samples, host_check,
                      index_out_of_bounds, index_out_of_range, linear, normalize_dim, not_implemented, smooth)
from .indexing import _scatter_set as _set_with_gathered_grad
from .reductions import torch_type_name

_INT32 = np.dtype(np.int32)


# --------------------------------------------------------------------------- shared helpers
def _shape(x) -> tuple:
    return tuple(jnp.shape(x))


def _numel(x) -> int:
    return math.prod(_shape(x))


def _dtype(x) -> np.dtype:
    return np.dtype(jnp.result_type(x))


def _nonempty(shape) -> tuple:
    """torch's ``ensure_nonempty_*``: a 0-d tensor counts as one of shape (1,)."""
    return tuple(shape) if len(shape) else (1,)


def _is_number(x) -> bool:
    """A Python number, also once jit has traced it (a weakly typed 0-d array), as opposed to
    a tensor: torch takes a number where it takes a tensor only in some overloads."""
    if isinstance(x, (bool, int, float, complex)):
        return True
    return bool(getattr(getattr(x, "aval", None), "weak_type", False)) and jnp.ndim(x) == 0


def _is_int32_or_64(dtype) -> bool:
    return np.dtype(dtype) in (_INT32, dtypes.int64)


def _host_index(index) -> np.ndarray:
    return np.asarray(index)


def _first_outside(values: np.ndarray, low: int, high: int):
    """The first of ``values`` (in C order) outside ``[low, high)``, or None: one pass."""
    flat = values.reshape(-1)
    bad = (flat < low) | (flat >= high)
    if not bad.any():
        return None
    return int(flat[np.argmax(bad)])


# --------------------------------------------------------------------------- gather / scatter
def _along(index, axis):
    """Index arrays selecting ``x[..., index[i, j, …] (at axis), …]`` elementwise (gather)."""
    grids = list(jnp.meshgrid(*[jnp.arange(s) for s in index.shape], indexing="ij"))
    grids[axis] = index
    return tuple(grids)


def _check_index_dtype(name, index):
    # torch checks the index dtype only when there is an index element to read.
    if _numel(index) and not _is_int32_or_64(_dtype(index)):
        raise RuntimeError(f"{name}(): Expected dtype int32/int64 for index")


def _gather_checks(x, dim, index):
    """torch's gather checks, in torch's order; the axis (None: an empty index, no more checks)."""
    axis = normalize_dim(dim, jnp.ndim(x))
    if not _numel(index):
        return None
    _check_index_dtype("gather", index)
    self_shape, index_shape = _nonempty(_shape(x)), _nonempty(_shape(index))
    if len(self_shape) != len(index_shape):
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    for d in range(len(self_shape)):
        if d != axis and index_shape[d] > self_shape[d]:
            raise RuntimeError(f"Size does not match at dimension {d} expected index "
                               f"{list(_shape(index))} to be no larger than self "
                               f"{list(_shape(x))} apart from dimension {axis}")
    return axis


def _contiguous_strides(shape) -> tuple:
    strides, step = [], 1
    for s in reversed(shape):
        strides.append(step)
        step *= s
    return tuple(reversed(strides))


def _kernel_visit_order(index_shape, axis, operand_shapes) -> tuple:
    """The axes of the index, outermost first, in the order torch's CPU scatter/gather kernel
    visits its elements (the first bad index it meets is the one its error names).

    The kernel runs a TensorIterator over the index's shape with ``axis`` squashed to 1 and
    loops over ``axis`` itself: innermost when ``axis`` is the last dim, otherwise just outside
    the iterator's innermost dimension, which is the run of trailing dims the iterator
    coalesces (it can merge two dims only where every operand's strides line up).
    """
    ndim = len(index_shape)
    if axis == ndim - 1:
        return tuple(range(ndim))
    shape = [1 if d == axis else s for d, s in enumerate(index_shape)]
    strides = [_contiguous_strides(_nonempty(s)) for s in operand_shapes]
    inner = [ndim - 1]
    size = shape[ndim - 1]
    inner_strides = [s[ndim - 1] for s in strides]
    for d in range(ndim - 2, -1, -1):
        if size == 1 or shape[d] == 1:
            if size == 1:
                inner_strides = [s[d] for s in strides]
        elif not all(size * st == s[d] for st, s in zip(inner_strides, strides)):
            break
        size *= shape[d]
        inner.append(d)
    inner = sorted(d for d in inner if d != axis)
    outer = [d for d in range(ndim) if d != axis and d not in inner]
    return tuple(outer) + (axis,) + tuple(inner)


def _check_kernel_bounds(index, axis, size, operand_shapes):
    """torch's scatter/gather kernel error for the first index outside [0, size)."""
    values = _host_index(index).reshape(_nonempty(_shape(index)))
    if _first_outside(values, 0, size) is None:
        return
    order = _kernel_visit_order(values.shape, axis, operand_shapes)
    bad = _first_outside(np.transpose(values, order), 0, size)
    raise index_out_of_bounds(bad, axis, size, RuntimeError)


def _gather_bounds(input, dim, index):
    axis = _gather_checks(input, dim, index)
    if axis is not None:
        size = _nonempty(_shape(input))[axis]
        shapes = (_nonempty(_shape(index)), _nonempty(_shape(input)), _nonempty(_shape(index)))
        _check_kernel_bounds(index, axis, size, shapes)


@host_check(_gather_bounds)
@linear
def gather(input, dim, index):
    """torch.gather: ``out[i][j] = input[i][index[i][j]]`` along ``dim``.

    >>> import jax.numpy as jnp
    >>> gather(jnp.array([[1., 2.], [3., 4.]], jnp.float32), 1, jnp.array([[1, 1], [0, 1]]))
    Array([[2., 2.],
           [3., 4.]], dtype=float32)
    """
    x, index = jnp.asarray(input), jnp.asarray(index)
    axis = _gather_checks(x, dim, index)
    if axis is None:
        return jnp.zeros(index.shape, x.dtype)
    return x.reshape(_nonempty(x.shape))[_along(index.reshape(_nonempty(index.shape)), axis)] \
        .reshape(index.shape)


def _traced_src_is_number(src) -> bool:
    """Whether a traced ``src`` stands for a number: jit keeps a Python float or int weakly
    typed, but a Python bool becomes a plain bool array, taken here for a number too (the host
    check, which sees the value itself, tells a bool tensor apart)."""
    return _is_number(src) or (jnp.ndim(src) == 0 and _dtype(src) == dtypes.bool_)


def _scatter_checks(x, dim, index, src, reduce, src_is_tensor):
    """torch's scatter checks, in torch's order; the axis (None: an empty index, no writes)."""
    axis = normalize_dim(dim, jnp.ndim(x))
    _check_index_dtype("scatter", index)
    if src_is_tensor and _dtype(src) != _dtype(x):
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    if _numel(index):
        _check_scatter_shapes(x, axis, index, src if src_is_tensor else None)
    if reduce is not None and reduce not in ("add", "multiply"):
        raise RuntimeError("reduce argument must be either add or multiply.")
    return axis if _numel(index) else None


def _check_scatter_shapes(x, axis, index, src):
    """torch's scatter_shape_check, whose order decides which error a bad call gets: index vs
    self sizes, index vs src sizes (reading a size src lacks raises IndexError), then dims."""
    self_shape, index_shape = _nonempty(_shape(x)), _nonempty(_shape(index))
    if len(index_shape) != len(self_shape):
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    too_large = any(d != axis and size > self_shape[d] for d, size in enumerate(index_shape))
    if not too_large and src is not None:
        too_large = any(size > _size_of(src, d) for d, size in enumerate(index_shape))
    message = (f"Expected index {list(_shape(index))} to be no larger than self "
               f"{list(_shape(x))} apart from dimension {axis}")
    if src is not None:
        if len(_nonempty(_shape(src))) != len(index_shape):
            raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
        message += f" and to be no larger size than src {list(_shape(src))}"
    if too_large:
        raise RuntimeError(message)


def _size_of(x, d) -> int:
    """``ensure_nonempty_size(x, d)``: a 0-d tensor has size 1, a missing dim raises."""
    if jnp.ndim(x) == 0:
        return 1
    return _shape(x)[normalize_dim(d, jnp.ndim(x))]


def _scatter_bounds(input, dim, index, src, reduce=None):
    axis = _scatter_checks(input, dim, index, src, reduce, not _is_number(src))
    if axis is not None:
        shapes = [_nonempty(_shape(input)), _nonempty(_shape(index))]
        if not _is_number(src):
            shapes.append(_nonempty(_shape(src)))
        _check_kernel_bounds(index, axis, _nonempty(_shape(input))[axis], shapes)


@gradient_samples(scatter=(lambda x, s: scatter(x, 1, jnp.array([[2, 0], [1, 3]]), s),
                           lambda: (smooth(2, 4), smooth(2, 2))))
@host_check(_scatter_bounds)
def scatter(input, dim, index, src, reduce=None):
    """torch.scatter: ``input`` with ``src`` written at ``index`` along ``dim`` (``src`` may be a
    number); ``reduce`` 'add'/'multiply' combines instead.

    >>> import jax.numpy as jnp
    >>> scatter(jnp.zeros((2, 3), jnp.float32), 1, jnp.array([[2], [0]]), 1.0)
    Array([[0., 0., 1.],
           [1., 0., 0.]], dtype=float32)
    """
    x, index = jnp.asarray(input), jnp.asarray(index)
    src_is_number = _traced_src_is_number(src)
    axis = _scatter_checks(x, dim, index, src, reduce, not src_is_number)
    if axis is None:
        return x
    shape = x.shape
    x, index = x.reshape(_nonempty(x.shape)), index.reshape(_nonempty(index.shape))
    if src_is_number:
        values = jnp.broadcast_to(dtypes.cast(src, x.dtype), index.shape)
    else:
        src = jnp.asarray(src)
        values = src.reshape(_nonempty(src.shape))[tuple(slice(0, s) for s in index.shape)]
    if reduce is None:
        return _scatter_set(x, axis, index, values).reshape(shape)
    return _scatter_reduce(x, _along(index, axis), values, reduce).reshape(shape)


def _scatter_reduce(x, positions, values, reduce):
    at = x.at[positions]
    if x.dtype == dtypes.bool_:  # torch's bool add is a logical or, its product a logical and
        return at.max(values) if reduce == "add" else at.min(values)
    return at.add(values) if reduce == "add" else at.multiply(values)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1,))
def _scatter_set(x, axis, index, values):
    return x.at[_along(index, axis)].set(values)


def _scatter_set_fwd(x, axis, index, values):
    return _scatter_set(x, axis, index, values), index


def _scatter_set_bwd(axis, index, g):
    # torch's scatter backward: the input gets the gradient except where it was overwritten,
    # and every src entry gets the gradient at its target, duplicates included (gather).
    # JAX's rule would give duplicates only to the write that won.
    g = jnp.asarray(g)
    positions = _along(index, axis)
    return g.at[positions].set(0), None, g[positions]


_scatter_set.defvjp(_scatter_set_fwd, _scatter_set_bwd)


def _scatter_add_bounds(input, dim, index, src):
    _scatter_bounds(input, dim, index, src)


@host_check(_scatter_add_bounds)
def scatter_add(input, dim, index, src):
    """torch.scatter_add: ``input`` plus ``src`` summed into ``index`` positions along ``dim``.

    >>> import jax.numpy as jnp
    >>> scatter_add(jnp.zeros(3, jnp.float32), 0, jnp.array([0, 0, 2]), jnp.ones(3, jnp.float32))
    Array([2., 0., 1.], dtype=float32)
    """
    return scatter(input, dim, index, src, reduce="add")


# --------------------------------------------------------------------------- index_select, take
def _index_select_checks(x, dim, index):
    axis = normalize_dim(dim, jnp.ndim(x))
    if jnp.ndim(index) > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    if jnp.ndim(x) == 0 and _numel(index) != 1:
        raise RuntimeError(f"index_select(): Index to scalar can have only 1 value, got "
                           f"{_numel(index)} value(s)")
    if not _is_int32_or_64(_dtype(index)):
        raise RuntimeError("index_select(): Expected dtype int32 or int64 for index")
    if jnp.ndim(x) > 1 and _numel(index) and not _numel(x) and _shape(x)[axis] == 0:
        raise RuntimeError("index_select(): self indexing axis dim should be positive")
    return axis


def _index_select_bounds(input, dim, index):
    axis = _index_select_checks(input, dim, index)
    size = _nonempty(_shape(input))[axis]
    bad = _first_outside(_host_index(index), 0, size)
    if bad is None:
        return
    # torch's CPU kernel has a fast path (its own wording) along dim 1 and for empty tensors
    if jnp.ndim(input) > 1 and (axis == 1 or not _numel(input)):
        raise RuntimeError(f"INDICES element is out of DATA bounds, id={bad} axis_dim={size}")
    raise index_out_of_range()


@host_check(_index_select_bounds)
@linear
def index_select(input, dim, index):
    """torch.index_select: the entries ``index`` (a vector or a scalar) along ``dim``.

    >>> import jax.numpy as jnp
    >>> index_select(jnp.array([[1., 2., 3.]], jnp.float32), 1, jnp.array([2, 0]))
    Array([[3., 1.]], dtype=float32)
    """
    x, index = jnp.asarray(input), jnp.asarray(index)
    axis = _index_select_checks(x, dim, index)
    if x.ndim == 0:
        return x
    return jnp.take(x, index.reshape(-1), axis=axis)


def _take_checks(x, index):
    if _dtype(index) != dtypes.int64:
        raise RuntimeError(f"take(): Expected a long tensor for index, but got "
                           f"{torch_type_name(_dtype(index))}")
    if not _numel(x) and _numel(index):
        raise IndexError("take(): tried to take from an empty tensor")


def _check_flat_bounds(x, index):
    """torch's take/put error for the first index outside [-numel, numel)."""
    numel = _numel(x)
    bad = _first_outside(_host_index(index), -numel, numel)
    if bad is not None:
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {numel} "
                         "elements.")


def _take_bounds(input, index):
    _take_checks(input, index)
    _check_flat_bounds(input, index)


@host_check(_take_bounds)
@linear
def take(input, index):
    """torch.take: ``input`` as 1-D, indexed by ``index`` (negative counts from the end); the
    output has ``index``'s shape.

    >>> import jax.numpy as jnp
    >>> take(jnp.array([[1., 2.], [3., 4.]], jnp.float32), jnp.array([0, -1]))
    Array([1., 4.], dtype=float32)
    """
    x, index = jnp.asarray(input), jnp.asarray(index)
    _take_checks(x, index)
    return x.reshape(-1)[index]


# --------------------------------------------------------------------------- put, index_*
def _put_checks(x, index, source):
    if _dtype(index) != dtypes.int64:
        raise RuntimeError(f"put_(): Expected a long tensor for index, but got "
                           f"{torch_type_name(_dtype(index))}")
    if _dtype(source) != _dtype(x):
        raise RuntimeError(f"put_(): self and source expected to have the same dtype, but got "
                           f"self.dtype = {torch_type_name(_dtype(x))} and source.dtype = "
                           f"{torch_type_name(_dtype(source))}")
    if _numel(source) != _numel(index):
        raise IndexError(f"put_(): Expected source and index to have the same number of elements, "
                         f"but got source.numel() = {_numel(source)}, index.numel() = "
                         f"{_numel(index)}")
    if not _numel(x) and _numel(index):
        raise IndexError("put_(): Tried to put elements into an empty tensor")


def _put_bounds(input, index, source, accumulate=False):
    _put_checks(input, index, source)
    _check_flat_bounds(input, index)


@host_check(_put_bounds)
def put(input, index, source, accumulate=False):
    """torch's Tensor.put: ``input`` as 1-D with ``source`` written at ``index`` (negative counts
    from the end), or added there with ``accumulate`` (a static flag).

    >>> import jax.numpy as jnp
    >>> put(jnp.zeros((2, 2), jnp.float32), jnp.array([0, -1]), jnp.array([1., 2.], jnp.float32))
    Array([[1., 0.],
           [0., 2.]], dtype=float32)
    """
    x, index, source = jnp.asarray(input), jnp.asarray(index), jnp.asarray(source)
    _put_checks(x, index, source)
    flat, positions, values = x.reshape(-1), index.reshape(-1), source.reshape(-1)
    if accumulate:
        out = _accumulate(flat, (positions,), values)
    else:
        # torch's put_ gradient: every source element gets the gradient at its target
        # (duplicates included), which JAX's scatter rule gives only to the write that won.
        out = _set_with_gathered_grad(flat, values, (positions,))
    return out.reshape(x.shape)


def _accumulate(x, key, values):
    """``x.at[key].add(values)``; a bool sum is a logical or, as in torch."""
    return x.at[key].max(values) if x.dtype == dtypes.bool_ else x.at[key].add(values)


def _along_dim(axis, index) -> tuple:
    """The key ``[:, …, :, index]`` that selects ``index`` along dim ``axis``."""
    return (slice(None),) * axis + (jnp.reshape(index, -1),)


def _index_add_checks(x, dim, index, source):
    axis = normalize_dim(dim, jnp.ndim(x))
    index_dtype = torch_type_name(_dtype(index))
    if jnp.ndim(index) > 1:
        raise IndexError(f"index_add_(): Index is supposed to be a vector, but got dim: "
                         f"{jnp.ndim(index)} with type: {index_dtype} and size: "
                         f"{list(_shape(index))}")
    if not _is_int32_or_64(_dtype(index)):
        raise RuntimeError(f"index_add_(): Expected dtype int32/int64 for index but got: "
                           f"{index_dtype}")
    if _dtype(x) != _dtype(source):
        raise RuntimeError(f"index_add_(): self ({torch_type_name(_dtype(x))}) and source "
                           f"({torch_type_name(_dtype(source))}) must have the same scalar type")
    source_ndim, count = jnp.ndim(source), _numel(index)
    if axis != 0 and axis >= source_ndim:
        raise RuntimeError(f"index_add_(): Indexing dim {axis} is out of bounds of the source "
                           f"tensor with dim {source_ndim}")
    if source_ndim == 0 and count != 1:
        # torch words this message with source.size(dim), which a 0-d source cannot answer
        raise dim_of_zero_dim()
    if source_ndim and count != _shape(source)[axis]:
        raise RuntimeError(f"index_add_(): Number of indices ({count}) should be equal to "
                           f"source.size(dim): ({_shape(source)[axis]}), for dim: {axis}")
    self_rest, source_rest = list(_shape(x)), list(_shape(source))
    if source_ndim and jnp.ndim(x):
        del self_rest[axis], source_rest[axis]
    if self_rest != source_rest:
        raise RuntimeError(f"source tensor shape must match self tensor shape, excluding the "
                           f"specified dimension. Got self.shape = {list(_shape(x))} "
                           f"source.shape = {list(_shape(source))}")
    return axis


def _index_add_bounds(input, dim, index, source, alpha=1):
    axis = _index_add_checks(input, dim, index, source)
    if jnp.ndim(input) > 1 and not _numel(input):
        return  # torch's kernel skips an empty tensor of 2 or more dims, bounds included
    size = _nonempty(_shape(input))[axis]
    bad = _first_outside(_host_index(index), 0, size)
    if bad is None:
        return
    # torch runs index_add as a scatter_add (that kernel's wording) when alpha is 1 and the
    # index is int64, along the first or last dim of a tensor of 2 or more dims
    ndim = jnp.ndim(input)
    alpha_is_one = not isinstance(alpha, bool) and bool(alpha == 1)
    if alpha_is_one and ndim > 1 and _dtype(index) == dtypes.int64 and axis in (0, ndim - 1):
        raise index_out_of_bounds(bad, axis, size, RuntimeError)
    raise index_out_of_range()


def _index_target(x, axis, index):
    """``x`` with no empty dim (0-d as 1-d), and the key selecting ``index`` along ``axis``."""
    return x.reshape(_nonempty(x.shape)), _along_dim(axis, index)


@host_check(_index_add_bounds)
def index_add(input, dim, index, source, alpha=1):
    """torch.index_add: ``input`` with ``alpha * source`` added at the entries ``index`` (a
    vector) along ``dim``; repeated indices add up.

    >>> import jax.numpy as jnp
    >>> x, source = jnp.zeros((2, 3), jnp.float32), jnp.ones((2, 3), jnp.float32)
    >>> index_add(x, 1, jnp.array([0, 0, 2]), source, alpha=2)
    Array([[4., 0., 2.],
           [4., 0., 2.]], dtype=float32)
    """
    x, index, source = jnp.asarray(input), jnp.asarray(index), jnp.asarray(source)
    axis = _index_add_checks(x, dim, index, source)
    if not x.size:
        return x
    target, key = _index_target(x, axis, index)
    values = source.reshape(target[key].shape)
    if x.dtype == dtypes.bool_:
        values = values & dtypes.cast(alpha, dtypes.bool_)
    else:
        values = values * dtypes.cast(alpha, x.dtype)
    return _accumulate(target, key, values).reshape(x.shape)


def _sizes_text(sizes) -> str:
    # how torch's index_copy_ prints a slice shape (the sizes, space separated)
    return " ".join(str(s) for s in sizes)


def _index_copy_checks(x, dim, index, source):
    axis = normalize_dim(dim, jnp.ndim(x))
    if jnp.ndim(index) > 1:
        raise IndexError(f"index_copy_(): Index should have dimension 1 or 0 (got "
                         f"{jnp.ndim(index)})")
    count, source_ndim, self_ndim = _numel(index), jnp.ndim(source), jnp.ndim(x)
    if source_ndim == 0 and count != 1:
        raise IndexError(f"index_copy_(): When source is scalar, index should have one element "
                         f"(got {count})")
    if source_ndim != self_ndim and source_ndim and self_ndim:
        raise IndexError(f"index_copy_(): When source and destination are not scalars, their "
                         f"dimensionality must match. Source dimensionality ({source_ndim}), "
                         f"destination dimensionality ({self_ndim})")
    if _dtype(index) != dtypes.int64:
        raise RuntimeError(f"index_copy_(): Expected a long tensor for index, but got "
                           f"{torch_type_name(_dtype(index))}")
    if _dtype(x) != _dtype(source):
        raise RuntimeError(f"index_copy_(): self and source expected to have the same dtype, but "
                           f"got (self) {torch_type_name(_dtype(x))} and (source) "
                           f"{torch_type_name(_dtype(source))}")
    self_slice, source_slice = list(_shape(x)), list(_shape(source))
    for sizes in (self_slice, source_slice):
        if sizes:
            del sizes[axis]
    if self_slice != source_slice:
        raise RuntimeError(f"index_copy_(): Source/destination tensor must have same slice shapes. "
                           f"Destination slice shape: {_sizes_text(self_slice)} at dimension "
                           f"{axis} and source slice shape: {_sizes_text(source_slice)} at "
                           f"dimension 0.")
    if source_ndim and count != _shape(source)[axis]:
        raise IndexError(f"index_copy_(): Number of indices ({count}) should be equal to "
                         f"source.size(dim) ({_shape(source)[axis]})")
    return axis


def _writes_nothing(x, axis) -> bool:
    """Whether torch's index_copy/index_fill kernels skip the tensor, bounds included: it is
    empty, unless only along the indexed dim (then they fail: any index is out of bounds)."""
    shape = _nonempty(_shape(x))
    others = math.prod(s for d, s in enumerate(shape) if d != axis)
    return not _numel(x) and (shape[axis] > 0 or others == 0)


def _index_copy_bounds(input, dim, index, source):
    axis = _index_copy_checks(input, dim, index, source)
    if _writes_nothing(input, axis):
        return
    size = _nonempty(_shape(input))[axis]
    bad = _first_outside(_host_index(index), 0, size)
    if bad is not None:
        raise IndexError(f"index_copy_(): index {bad} is out of bounds for dimension {axis} "
                         f"with size {size}")


@host_check(_index_copy_bounds)
def index_copy(input, dim, index, source):
    """torch.index_copy: ``input`` with the slices of ``source`` written at the entries
    ``index`` along ``dim``.

    >>> import jax.numpy as jnp
    >>> source = jnp.array([[1., 2.], [3., 4.]], jnp.float32)
    >>> index_copy(jnp.zeros((2, 3), jnp.float32), 1, jnp.array([2, 0]), source)
    Array([[2., 0., 1.],
           [4., 0., 3.]], dtype=float32)
    """
    x, index, source = jnp.asarray(input), jnp.asarray(index), jnp.asarray(source)
    axis = _index_copy_checks(x, dim, index, source)
    if not x.size:
        return x
    target, key = _index_target(x, axis, index)
    # torch's index_copy gradient gives every source slice the gradient at its target, also
    # for repeated indices (JAX's scatter rule gives it only to the write that won).
    out = _set_with_gathered_grad(target, source.reshape(target[key].shape), key)
    return out.reshape(x.shape)


def _index_fill_checks(x, dim, index, value):
    if not _is_number(value) and jnp.ndim(value):
        raise RuntimeError(f"index_fill_ only supports a 0-dimensional value tensor, but got "
                           f"tensor with {jnp.ndim(value)} dimension(s).")
    if _dtype(index) != dtypes.int64:
        raise IndexError("index_fill_(): Expected dtype int64 for index.")
    axis = normalize_dim(dim, jnp.ndim(x))
    if jnp.ndim(index) > 1:
        raise RuntimeError("Index has to be a vector/scalar")
    if dtypes.category(_dtype(value)) == 3 and dtypes.category(_dtype(x)) < 3:
        raise RuntimeError("index_fill_(): Converting complex Scalar to non-complex type is not "
                           "supported")
    return axis


def _index_fill_bounds(input, dim, index, value):
    axis = _index_fill_checks(input, dim, index, value)
    if _writes_nothing(input, axis):
        return
    size = _nonempty(_shape(input))[axis]
    bad = _first_outside(_host_index(index), -size, size)
    if bad is not None:
        raise index_out_of_bounds(bad, axis, size)


@host_check(_index_fill_bounds)
def index_fill(input, dim, index, value):
    """torch.index_fill: ``input`` with the entries ``index`` (negative counts from the end)
    along ``dim`` set to ``value`` (a number or a 0-d array, cast to ``input``'s dtype).

    >>> import jax.numpy as jnp
    >>> index_fill(jnp.zeros((2, 3), jnp.float32), 1, jnp.array([0, -1]), 5.)
    Array([[5., 0., 5.],
           [5., 0., 5.]], dtype=float32)
    """
    x, index = jnp.asarray(input), jnp.asarray(index)
    axis = _index_fill_checks(x, dim, index, value)
    if not x.size:
        return x
    target = x.reshape(_nonempty(x.shape))
    size = target.shape[axis]
    # A mask rather than a scatter: a repeated index fills once, so a value that requires grad
    # gets the gradient of each filled element once (torch sums over the unique indices).
    filled = jnp.zeros(size, dtypes.bool_).at[index.reshape(-1)].set(True)
    filled = filled.reshape((size,) + (1,) * (target.ndim - axis - 1))
    return jnp.where(filled, dtypes.cast(value, x.dtype), target).reshape(x.shape)


# --------------------------------------------------------------------------- sorting
def sort(input, dim=-1, descending=False, stable=False):
    """torch.sort → (values, indices); ties keep their order (stable), NaN sorts last.

    >>> import jax.numpy as jnp
    >>> sort(jnp.array([2., 1., 3.], jnp.float32))[1]
    Array([1, 0, 2], dtype=int64)
    """
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    order = jnp.argsort(x, axis=axis, stable=True, descending=descending)
    return jnp.take_along_axis(x, order, axis=axis), order.astype(dtypes.int64)


def argsort(input, dim=-1, descending=False, stable=False):
    """torch.argsort: the indices that sort ``input`` along ``dim``."""
    return sort(input, dim, descending, stable)[1]


def topk(input, k, dim=-1, largest=True, sorted=True):
    """torch.topk → (values, indices) of the k largest (or smallest) along ``dim``.

    >>> import jax.numpy as jnp
    >>> topk(jnp.array([2., 1., 3.], jnp.float32), 2)[0]
    Array([3., 2.], dtype=float32)
    """
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    size = x.shape[axis] if x.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")
    if x.dtype == dtypes.bool_:
        raise RuntimeError("topk does not support bool dtypes on CPU")
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    values, indices = sort(x, axis, descending=largest)
    keep = jnp.arange(k)
    return jnp.take(values, keep, axis=axis), jnp.take(indices, keep, axis=axis)


def _not_for_bool(x, kernel):
    if x.dtype == dtypes.bool_:
        raise not_implemented(kernel, dtypes.bool_)


def _reduced_size(x, axis, name) -> int:
    """The size of the reduced dim, which torch's selecting reductions need non-empty."""
    if x.ndim == 0:
        return 1
    if x.shape[axis] == 0:
        raise empty_reduction(name, axis)
    return x.shape[axis]


def kthvalue(input, k, dim=-1, keepdim=False):
    """torch.kthvalue → (values, indices): the k-th smallest along ``dim`` (1-based).

    >>> import jax.numpy as jnp
    >>> kthvalue(jnp.array([2., 1., 3.], jnp.float32), 2)[0]
    Array(2., dtype=float32)
    """
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    if not 1 <= k <= _reduced_size(x, axis, "kthvalue"):
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {axis}")
    _not_for_bool(x, "kthvalue_cpu")
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    values, indices = sort(x, axis)
    v, i = jnp.take(values, k - 1, axis=axis), jnp.take(indices, k - 1, axis=axis)
    return (jnp.expand_dims(v, axis), jnp.expand_dims(i, axis)) if keepdim else (v, i)


def _empty_median(dtype):
    """What torch's median of no elements gives: NaN, as the dtype holds it."""
    if dtypes.category(dtype) >= 2:
        return jnp.asarray(jnp.nan, dtype)
    if dtype == dtypes.bool_:
        return jnp.asarray(True)
    return jnp.asarray(jnp.iinfo(dtype).min, dtype)


def median(input):
    """torch.median of all elements: the lower of the two middle values (not their mean), NaN
    when there is a NaN.

    >>> import jax.numpy as jnp
    >>> median(jnp.array([4., 1., 3., 2.], jnp.float32))
    Array(2., dtype=float32)
    """
    x = jnp.asarray(input).reshape(-1)
    if x.size == 0:
        return _empty_median(x.dtype)
    _not_for_bool(x, "median_cpu")
    value = sort(x, 0)[0][(x.size - 1) // 2]
    if not dtypes.is_floating(x.dtype):
        return value
    value = jax.lax.stop_gradient(jnp.where(jnp.isnan(x).any(), jnp.nan, value))
    # torch spreads the gradient evenly over the elements equal to the median (the NaNs, when
    # it is NaN); the sum below is 0 (NaN) and only carries that gradient.
    ties = jnp.where(jnp.isnan(value), jnp.isnan(x), x == value)
    return value + jnp.sum(jnp.where(ties, x - value, 0)) / jnp.sum(ties)


def median_dim(input, dim=-1, keepdim=False):
    """torch.median(input, dim) → (values, indices): the lower middle value, or the first NaN.

    >>> import jax.numpy as jnp
    >>> median_dim(jnp.array([[4., 1., 3.], [1., jnp.nan, 0.]], jnp.float32), 1)
    (Array([ 3., nan], dtype=float32), Array([2, 1], dtype=int64))
    """
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    size = _reduced_size(x, axis, "median")
    _not_for_bool(x, "median_out")
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    _, indices = kthvalue(x, (size - 1) // 2 + 1, axis, keepdim=True)
    if dtypes.is_floating(x.dtype):
        nan = jnp.isnan(x)
        indices = jnp.where(nan.any(axis, keepdims=True),
                            jnp.argmax(nan, axis, keepdims=True).astype(dtypes.int64), indices)
    values = jnp.take_along_axis(x, indices, axis=axis)
    if not keepdim:
        values, indices = jnp.squeeze(values, axis), jnp.squeeze(indices, axis)
    return values, indices


def _lower_middle(valid):
    """Where torch's nanmedian picks, in each sorted row (NaNs last): the lower middle of the
    ``valid`` non-NaN values, position 0 when there are none (C++'s ``(0 - 1) / 2``)."""
    return jnp.maximum((valid - 1) // 2, 0)


def _nth_of_equivalent(size, nth) -> int:
    """Which of ``size`` mutually equivalent elements (a row of NaNs) ``std::nth_element``
    (libstdc++'s introselect, torch's CPU median kernel) leaves at position ``nth``: its
    median-of-three pivots and Hoare partitions permute them even though none compares
    less, so torch's index for a row of NaNs is this position, not the first."""
    order, first, last = list(range(size)), 0, size
    while last - first > 3:
        mid = first + (last - first) // 2
        order[first], order[mid] = order[mid], order[first]  # the "median" of three ties
        low, high = first + 1, last
        while True:
            high -= 1
            if not low < high:
                break
            order[low], order[high] = order[high], order[low]
            low += 1
        first, last = (low, last) if low <= nth else (first, low)
    return order[nth]  # the final insertion sort moves no equivalent element


def nanmedian(input):
    """torch.nanmedian of all elements: the lower median of the values that are not NaN (NaN
    when all are), the gradient spread over the elements equal to it, as torch's.

    >>> import jax.numpy as jnp
    >>> nanmedian(jnp.array([4., jnp.nan, 3., 2.], jnp.float32))
    Array(3., dtype=float32)
    """
    x = jnp.asarray(input).reshape(-1)
    if x.size == 0:
        return _empty_median(x.dtype)
    _not_for_bool(x, "median_cpu")
    if not dtypes.is_floating(x.dtype):
        return sort(x, 0)[0][(x.size - 1) // 2]
    nan = jnp.isnan(x)
    value = jnp.take(sort(x, 0)[0], _lower_middle(jnp.sum(~nan)))
    value = jax.lax.stop_gradient(value)
    ties = jnp.where(jnp.isnan(value), nan, x == value)
    return value + jnp.sum(jnp.where(ties, x - value, 0)) / jnp.sum(ties)


def nanmedian_dim(input, dim=-1, keepdim=False):
    """torch.nanmedian(input, dim) → (values, indices): the lower median of each row's values
    that are not NaN (NaN for a row of NaNs); the gradient goes to the index.

    >>> import jax.numpy as jnp
    >>> nanmedian_dim(jnp.array([[4., jnp.nan, 3.], [1., jnp.nan, 0.]], jnp.float32), 1)
    (Array([3., 0.], dtype=float32), Array([2, 2], dtype=int64))
    """
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    _reduced_size(x, axis, "median")
    _not_for_bool(x, "median_out")
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    _, order = sort(x, axis)
    present = ~jnp.isnan(x) if dtypes.is_floating(x.dtype) else jnp.ones(x.shape, bool)
    valid = jnp.sum(present, axis, keepdims=True)
    indices = jnp.take_along_axis(order, _lower_middle(valid), axis=axis).astype(dtypes.int64)
    indices = jnp.where(valid == 0, _nth_of_equivalent(x.shape[axis], 0), indices)
    values = jnp.take_along_axis(x, indices, axis=axis)
    if not keepdim:
        values, indices = jnp.squeeze(values, axis), jnp.squeeze(indices, axis)
    return values, indices


def cummax(input, dim):
    """torch.cummax → (values, indices) of the running maximum along ``dim``.

    >>> import jax.numpy as jnp
    >>> cummax(jnp.array([1., 3., 2.], jnp.float32), 0)[1]
    Array([0, 1, 1], dtype=int64)
    """
    return _cumulative_select(jnp.asarray(input), dim, jnp.greater_equal, "cummax")


def cummin(input, dim):
    """torch.cummin → (values, indices) of the running minimum along ``dim``.

    >>> import jax.numpy as jnp
    >>> cummin(jnp.array([1., 3., 0.], jnp.float32), 0)[1]
    Array([0, 0, 2], dtype=int64)
    """
    return _cumulative_select(jnp.asarray(input), dim, jnp.less_equal, "cummin")


def _cumulative_select(x, dim, better, name):
    if x.ndim == 0:
        if dim not in (-1, 0):
            raise IndexError(f"{name}(): Expected reduction dim -1 or 0 for scalar but got {dim}")
        return x, jnp.zeros((), dtypes.int64)
    axis = normalize_dim(dim, x.ndim)
    if x.size == 0:
        return x, jnp.zeros(x.shape, dtypes.int64)
    moved = jnp.moveaxis(x, axis, 0)

    def step(carry, item):
        value, index, i = carry
        take = better(item, value) | jnp.isnan(item)
        value = jnp.where(take, item, value)
        index = jnp.where(take, i, index)
        return (value, index, i + 1), (value, index)

    init = (moved[0], jnp.zeros(moved.shape[1:], dtypes.int64), jnp.asarray(0, dtypes.int64))
    _, (values, indices) = jax.lax.scan(step, init, moved)
    return jnp.moveaxis(values, 0, axis), jnp.moveaxis(indices, 0, axis)
