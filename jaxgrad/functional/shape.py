"""Shape ops (views in torch): reshape, permute, transpose, squeeze, expand, cat, … .

All are linear, so autograd keeps no input values for them.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.transpose(jnp.zeros((2, 3)), 0, 1).shape
(3, 2)
"""
from __future__ import annotations

import math
import operator

import jax.numpy as jnp
from jax import lax

from .. import arguments, dtypes
from ._checks import dim_of_zero_dim, linear, normalize_dim, repeated_dim
from .reductions import torch_type_name


def _dim_list(dims, ndim: int) -> list:
    """Each dim wrapped in turn, with torch's error for the first one seen twice.

    >>> _dim_list((0, -1), 3)
    [0, 2]
    """
    axes = []
    for d in dims:
        axis = normalize_dim(d, ndim)
        if axis in axes:
            raise repeated_dim(axis)
        axes.append(axis)
    return axes


def infer_shape(shape, numel: int) -> tuple:
    """Resolve one ``-1`` in ``shape`` for ``numel`` elements, with torch's error text.

    >>> infer_shape((2, -1), 6)
    (2, 3)
    """
    shape = tuple(operator.index(s) for s in shape)
    unknown = [i for i, s in enumerate(shape) if s == -1]
    if len(unknown) > 1:
        raise RuntimeError("only one dimension can be inferred")
    for i, s in enumerate(shape):
        if s < -1:
            raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {list(shape)}")
    known = math.prod(s for s in shape if s != -1)
    if unknown:
        if known == 0 and numel == 0:
            raise RuntimeError(f"cannot reshape tensor of 0 elements into shape {list(shape)} because "
                               "the unspecified dimension size -1 can be any value and is ambiguous")
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape = shape[:unknown[0]] + (numel // known,) + shape[unknown[0] + 1:]
    elif known != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
    return shape


@linear
def reshape(input, shape):
    """torch.reshape / Tensor.view."""
    x = jnp.asarray(input)
    return jnp.reshape(x, infer_shape(shape, x.size))


@linear
def permute(input, dims):
    x = jnp.asarray(input)
    if len(dims) != x.ndim:   # torch counts the dims before it reads them
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not "
                           f"match the length of the desired ordering of dimensions i.e. input.dim()"
                           f" = {x.ndim} is not equal to len(dims) = {len(dims)}")
    axes = tuple(normalize_dim(d, x.ndim) for d in dims)
    if len(set(axes)) != len(axes):
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return jnp.transpose(x, axes)


@linear
def transpose(input, dim0, dim1):
    x = jnp.asarray(input)
    if x.ndim == 0:
        normalize_dim(dim0, 0), normalize_dim(dim1, 0)
        return x
    return jnp.swapaxes(x, normalize_dim(dim0, x.ndim), normalize_dim(dim1, x.ndim))


@linear
def t(input):
    """torch.t: transpose of a matrix; vectors and scalars are returned as they are."""
    x = jnp.asarray(input)
    if x.ndim > 2:
        raise t_rank_error(x.ndim)
    return x.T


@linear
def unsqueeze(input, dim):
    x = jnp.asarray(input)
    return jnp.expand_dims(x, normalize_dim(dim, x.ndim + 1))


@linear
def squeeze(input, dim=None):
    """torch.squeeze: dims of size 1 are dropped (dims of other sizes are left alone)."""
    x = jnp.asarray(input)
    if dim is None:
        return jnp.squeeze(x)
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    axes = tuple(a for a in _dim_list(dims, x.ndim) if x.ndim and x.shape[a] == 1)
    return jnp.squeeze(x, axes) if axes else x


def _type_string(dtype) -> str:
    """How torch's expand error names a tensor's type: its legacy type name, or the backend
    type for the dtypes that have none."""
    name = torch_type_name(dtype)
    return f"CPU{name}Type" if name in ("Bool", "BFloat16") else f"torch.{name}Tensor"


def expand_mismatch(size, existing, dim, target, shape) -> RuntimeError:
    """torch's error for expanding a non-singleton dim to another size."""
    return RuntimeError(f"The expanded size of the tensor ({size}) must match the existing size "
                        f"({existing}) at non-singleton dimension {dim}.  Target sizes: "
                        f"{list(target)}.  Tensor sizes: {list(shape)}")


def t_rank_error(ndim) -> RuntimeError:
    """torch's error for ``t()`` of a tensor with more than 2 dims."""
    return RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {ndim}D")


@linear
def expand(input, size):
    """Tensor.expand: -1 keeps a size; new leading dims may be added."""
    x = jnp.asarray(input)
    size = tuple(operator.index(s) for s in size)
    if len(size) < x.ndim:
        raise RuntimeError(f"expand({_type_string(x.dtype)}{{{list(x.shape)}}}, size={list(size)}): "
                           f"the number of sizes provided ({len(size)}) must be greater or equal to the "
                           f"number of dimensions in the tensor ({x.ndim})")
    lead = len(size) - x.ndim
    target = []
    for i, s in enumerate(size):
        have = x.shape[i - lead] if i >= lead else None
        if s == -1:
            if have is None:
                raise RuntimeError(f"The expanded size of the tensor (-1) isn't allowed in a leading, "
                                   f"non-existing dimension {i}")
            s = have
        elif have is not None and have != 1 and have != s:
            raise expand_mismatch(s, have, i, size, x.shape)
        target.append(s)
    if any(s < 0 for s in target):
        raise RuntimeError("numel: integer multiplication overflow")  # torch's, for -2, -3, …
    return jnp.broadcast_to(x, tuple(target))


@linear
def flatten(input, start_dim=0, end_dim=-1):
    x = jnp.asarray(input)
    if x.ndim == 0:
        normalize_dim(start_dim, 0), normalize_dim(end_dim, 0)
        return x.reshape(1)
    start, end = normalize_dim(start_dim, x.ndim), normalize_dim(end_dim, x.ndim)
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    return x.reshape(x.shape[:start] + (-1,) + x.shape[end + 1:]) if x.size else \
        x.reshape(x.shape[:start] + (math.prod(x.shape[start:end + 1]),) + x.shape[end + 1:])


@linear
def unflatten(input, dim, sizes):
    """torch.unflatten: dim ``dim`` split into ``sizes`` (one of them may be -1).

    >>> unflatten(jnp.zeros((2, 6)), 1, (3, -1)).shape
    (2, 3, 2)
    """
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    sizes = tuple(operator.index(s) for s in sizes)
    if not sizes:
        raise RuntimeError("unflatten: sizes must be non-empty")
    try:
        if x.ndim == 0:
            raise dim_of_zero_dim()
        sizes = infer_shape(sizes, x.shape[axis])
    except (RuntimeError, IndexError) as err:
        # torch rewords a size that does not fit, and wraps any other error
        if "is invalid for input of size" in str(err):
            raise RuntimeError(f"unflatten: Provided sizes {list(sizes)} don't multiply up to the "
                               f"size of dim {axis} ({x.shape[axis]}) in the input tensor") from None
        raise RuntimeError(f"unflatten got an unexpected error:\n{err}") from None
    return x.reshape(x.shape[:axis] + sizes + x.shape[axis + 1:])


@linear
def movedim(input, source, destination):
    """torch.movedim: the dims ``source`` moved to the places ``destination``.

    >>> movedim(jnp.zeros((2, 3, 4)), (0, 1), (2, 0)).shape
    (3, 4, 2)
    """
    x = jnp.asarray(input)
    source = list(source) if isinstance(source, (list, tuple)) else [source]
    destination = list(destination) if isinstance(destination, (list, tuple)) else [destination]
    if len(source) != len(destination):
        raise RuntimeError(f"movedim: Invalid source or destination dims: source ({source} dims) "
                           f"should contain the same number of dims as destination "
                           f"({destination} dims)")
    src = [normalize_dim(d, x.ndim) for d in source]
    dst = [normalize_dim(d, x.ndim) for d in destination]
    for name, given, axes in (("source", source, src), ("destination", destination, dst)):
        if len(set(axes)) != len(axes):
            raise RuntimeError(f"movedim: repeated dim in `{name}` ({given})")
    return jnp.moveaxis(x, src, dst) if x.ndim else x


@linear
def cat(tensors, dim=0):
    """torch.cat: 1-D empty tensors are skipped, as torch's legacy rule; dtypes are promoted."""
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    arrays = [jnp.asarray(t) for t in tensors]
    dtype = _promote_all([a.dtype for a in arrays])
    kept = [a for a in arrays if not (a.ndim == 1 and a.shape[0] == 0)] or arrays[:1]
    ref = kept[0]
    if ref.ndim == 0:
        raise RuntimeError("zero-dimensional tensor (at position 0) cannot be concatenated")
    axis = normalize_dim(dim, ref.ndim)
    for i, a in enumerate(kept):
        if a.ndim != ref.ndim:
            raise RuntimeError(f"Tensors must have same number of dimensions: got {ref.ndim} and {a.ndim}")
        for d in range(ref.ndim):
            if d != axis and a.shape[d] != ref.shape[d]:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {axis}. Expected "
                                   f"size {ref.shape[d]} but got size {a.shape[d]} for tensor number "
                                   f"{i} in the list.")
    return jnp.concatenate([a.astype(dtype) for a in kept], axis=axis)


def _promote_all(dts):
    out = dts[0]
    for d in dts[1:]:
        out = dtypes.promote_types(out, d)
    return out


@linear
def stack(tensors, dim=0):
    """torch.stack: all tensors must have the same shape."""
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    arrays = [jnp.asarray(t) for t in tensors]
    for i, a in enumerate(arrays):
        if a.shape != arrays[0].shape:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got "
                               f"{list(arrays[0].shape)} at entry 0 and {list(a.shape)} at entry {i}")
    dtype = _promote_all([a.dtype for a in arrays])
    axis = normalize_dim(dim, arrays[0].ndim + 1)
    return jnp.stack([a.astype(dtype) for a in arrays], axis=axis)


def negative_narrow_length() -> RuntimeError:
    """torch's narrow() refusing a negative length (constant padding narrows too)."""
    return RuntimeError("narrow(): length must be non-negative.")


@linear
def narrow(input, dim, start, length):
    """torch.narrow: ``length`` entries of dim ``dim`` from ``start`` (negative: from the end).

    >>> narrow(jnp.arange(5), 0, -2, 2).tolist()
    [3, 4]
    """
    x = jnp.asarray(input)
    if x.ndim == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    axis = normalize_dim(dim, x.ndim)
    if length < 0:
        raise negative_narrow_length()
    size = x.shape[axis]
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], but "
                         f"got {start})")
    start = start + size if start < 0 else start
    if start + length > x.shape[axis]:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size "
                           f"({x.shape[axis]}).")
    return jnp.take(x, jnp.arange(start, start + length), axis=axis) if length else \
        jnp.zeros(x.shape[:axis] + (0,) + x.shape[axis + 1:], x.dtype)


@linear
def select(input, dim, index):
    x = jnp.asarray(input)
    if x.ndim == 0:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    axis = normalize_dim(dim, x.ndim)
    size = x.shape[axis]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{list(x.shape)} at dimension {axis}")
    return jnp.take(x, index % size, axis=axis)


def split_sizes(size: int, split_size_or_sections) -> list:
    """The chunk lengths torch.split produces along a dim of ``size``."""
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        if step < 0:
            raise RuntimeError(f"split expects split_size be non-negative, but got split_size={step}")
        if step == 0 and size:
            raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}")
        return [min(step, size - i) for i in range(0, size, step)] if size else [0]
    sections = list(split_size_or_sections)
    if any(s < 0 for s in sections):
        raise RuntimeError(f"split_with_sizes expects split_sizes have only non-negative entries, "
                           f"but got split_sizes={sections}")
    if sum(sections) != size:
        raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {size} (input "
                           f"tensor's size at dimension 0), but got split_sizes={sections}")
    return sections


@linear
def split(input, split_size_or_sections, dim=0):
    """torch.split → a tuple of pieces along ``dim``."""
    x = jnp.asarray(input)
    if x.ndim == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    if isinstance(split_size_or_sections, int) and split_size_or_sections < 0:
        split_sizes(0, split_size_or_sections)  # torch rejects a negative size before the dim
    axis = normalize_dim(dim, x.ndim)
    sizes = split_sizes(x.shape[axis], split_size_or_sections)
    bounds = [sum(sizes[:i]) for i in range(1, len(sizes))]
    return tuple(jnp.split(x, bounds, axis=axis))


@linear
def chunk(input, chunks, dim=0):
    """torch.chunk: pieces of ``ceil(size / chunks)``, possibly fewer than ``chunks``."""
    x = jnp.asarray(input)
    if chunks <= 0:
        raise RuntimeError("chunk expects `chunks` to be greater than 0, got: " + str(chunks))
    size = x.shape[normalize_dim(dim, x.ndim)]
    return split(x, max(-(-size // chunks), 1) if size else 1, dim)


@linear
def unbind(input, dim=0):
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    return tuple(jnp.take(x, i, axis=axis) for i in range(x.shape[axis]))


@linear
def flip(input, dims):
    """torch.flip: the order of the entries along each of ``dims`` reversed.

    >>> flip(jnp.arange(3), (0,)).tolist()
    [2, 1, 0]
    """
    x = jnp.asarray(input)
    axes = _dim_list(dims, x.ndim)
    return jnp.flip(x, tuple(axes)) if x.ndim else x


@linear
def roll(input, shifts, dims=None):
    """torch.roll: entries shifted along ``dims`` (of the flattened tensor without ``dims``).

    >>> roll(jnp.arange(4).reshape(2, 2), 1).tolist()
    [[3, 0], [1, 2]]
    """
    x = jnp.asarray(input)
    shifts = tuple(shifts) if isinstance(shifts, (tuple, list)) else (shifts,)
    dims = () if dims is None else tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    if not shifts:
        raise RuntimeError("`shifts` required")
    if not dims and len(shifts) == 1:
        return jnp.roll(x.reshape(-1), shifts[0]).reshape(x.shape)
    if len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                           f"dims:{len(dims)}")
    return jnp.roll(x, shifts, axis=tuple(normalize_dim(d, x.ndim) for d in dims))


@linear
def repeat(input, sizes):
    """Tensor.repeat (numpy's tile), with torch's dims check."""
    x = jnp.asarray(input)
    sizes = tuple(operator.index(s) for s in sizes)
    if len(sizes) < x.ndim:
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number of "
                           "dimensions of tensor")
    padded = (1,) * (len(sizes) - x.ndim) + x.shape
    target = [s * n for s, n in zip(padded, sizes)]
    arguments.check_sizes(target)
    return jnp.tile(x, sizes)


@linear
def diagonal(input, offset=0, dim1=0, dim2=1):
    """torch.diagonal: the diagonal of the (dim1, dim2) planes, as a last dim.

    >>> diagonal(jnp.arange(6).reshape(2, 3), 1).tolist()
    [1, 5]
    """
    x = jnp.asarray(input)
    axis1, axis2 = diagonal_dims(dim1, dim2, x.ndim)
    return jnp.diagonal(x, offset, axis1, axis2)


def diagonal_dims(dim1, dim2, ndim):
    """``dim1`` and ``dim2`` as axes of an ``ndim``-dimensional tensor; torch refuses the same
    dim twice."""
    axis1, axis2 = normalize_dim(dim1, ndim), normalize_dim(dim2, ndim)
    if axis1 == axis2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return axis1, axis2


def _check_matrix(name, x):
    if jnp.ndim(x) < 2:
        raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")


@linear
def tril(input, diagonal=0):
    """torch.tril: the lower triangle (below ``diagonal``) of the last two dims, zeros above.

    >>> tril(jnp.ones((2, 2), int)).tolist()
    [[1, 0], [1, 1]]
    """
    _check_matrix("tril", input)
    return jnp.tril(input, diagonal)


@linear
def triu(input, diagonal=0):
    """torch.triu: the upper triangle (above ``diagonal``) of the last two dims, zeros below.

    >>> triu(jnp.ones((2, 2), int)).tolist()
    [[1, 1], [0, 1]]
    """
    _check_matrix("triu", input)
    return jnp.triu(input, diagonal)


@linear
def broadcast_to(input, size):
    return expand(input, size)


def view_dtype(input, dtype):
    """torch's ``view(dtype)`` on values: the same bytes read as ``dtype``; the last dim
    scales by the ratio of the element sizes (the caller checks that it divides).

    >>> import jax.numpy as jnp
    >>> view_dtype(jnp.ones(2, jnp.float32), jnp.int32).tolist()
    [1065353216, 1065353216]
    >>> view_dtype(jnp.zeros((2, 4), jnp.uint8), jnp.int16).shape
    (2, 2)
    """
    dtype = jnp.dtype(dtype)
    if input.dtype == jnp.bool_ or dtype == jnp.bool_:  # one byte: XLA has no bool bitcast
        input = input.astype(jnp.uint8) if input.dtype == jnp.bool_ else input
        return input != 0 if dtype == jnp.bool_ else lax.bitcast_convert_type(input, dtype)
    src, dst = input.dtype.itemsize, dtype.itemsize
    if src == dst:
        return lax.bitcast_convert_type(input, dtype)
    if src > dst:  # each element becomes src // dst narrower ones
        return lax.bitcast_convert_type(input, dtype).reshape(*input.shape[:-1], -1)
    ratio = dst // src
    grouped = input.reshape(*input.shape[:-1], input.shape[-1] // ratio, ratio)
    return lax.bitcast_convert_type(grouped, dtype)
