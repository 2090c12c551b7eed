"""Indexing (``x[key]``) and index assignment (``x[key] = v``) with torch's semantics.

A key is split into a static part (ints, slices, None, Ellipsis: hashable, part of the
compiled op) and integer index arrays (dynamic operands). Boolean masks have data-dependent
shapes, so callers turn them into integer indices first with :func:`mask_to_indices`, as
torch itself does (``nonzero``). JAX clamps out-of-range indices where torch raises, so
callers check integer indices with :func:`check_bounds` before a compiled op sees them.

>>> import jax.numpy as jnp
>>> key, arrays = split_key((0, slice(None, None, 2)))
>>> index(jnp.arange(12).reshape(3, 4), *arrays, key=key)
Array([0, 2], dtype=int64)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import arguments, dtypes
from ._checks import gradient_samples, host_check, index_out_of_bounds, linear, smooth
from .elementwise import _sum_to
from .reductions import torch_type_name
from .shape import expand

ARRAY = "array"
BOOL = "bool"  # a bool scalar (True: a new dim of size 1, False: of size 0) is an advanced index


def consumes_dim(k) -> bool:
    """Whether index item ``k`` (a spec entry or a host key item) indexes a dim of the input."""
    if k is None or k is Ellipsis or isinstance(k, (bool, np.bool_)):
        return False
    return not (isinstance(k, tuple) and k[0] == BOOL)


def is_advanced(spec) -> bool:
    """Whether the spec has index arrays or bool scalars (torch's IndexBackward0, a copy)."""
    return any(isinstance(k, tuple) and k[0] in (ARRAY, BOOL) for k in spec)


def split_key(key):
    """Split a Python index into (hashable static spec, list of index arrays).

    Slices become ``("slice", start, stop, step)`` and each array becomes ``(ARRAY, i)``.
    """
    if not isinstance(key, tuple):
        key = (key,)
    spec, arrays = [], []
    for pos, k in enumerate(key):
        if k is Ellipsis and any(e is Ellipsis for e in key[:pos]):
            continue  # torch lets the first ``...`` take every free dim; later ones take none
        if isinstance(k, slice):
            spec.append(("slice", k.start, k.stop, k.step))
        elif isinstance(k, (bool, np.bool_)):
            # tagged: True == 1 for hashing, and the spec is a static (cached) argument
            spec.append((BOOL, bool(k)))
        elif k is None or k is Ellipsis or isinstance(k, (bool, int, np.integer)):
            spec.append(k if not isinstance(k, np.integer) else int(k))
        else:
            spec.append((ARRAY, len(arrays)))
            arrays.append(k)
    return tuple(spec), arrays


def _build(spec, arrays):
    out = []
    for k in spec:
        if isinstance(k, tuple) and k[0] == "slice":
            out.append(slice(*k[1:]))
        elif isinstance(k, tuple) and k[0] == BOOL:
            out.append(k[1])
        elif isinstance(k, tuple):
            out.append(arrays[k[1]])
        else:
            out.append(k)
    return tuple(out)


def _indexed_dims(shape, key):
    """(input dim, key item) for each item of ``key`` that indexes a dim; ``...`` jumps to the
    dims the items after it index."""
    dim = 0
    for pos, k in enumerate(key):
        if k is Ellipsis:
            dim = len(shape) - sum(1 for r in key[pos + 1:] if consumes_dim(r))
        elif consumes_dim(k):
            yield dim, k
            dim += 1


def _check_static(shape, spec):
    """torch's IndexErrors for int keys, steps and too many indices (at trace time)."""
    consumed = sum(1 for k in spec if consumes_dim(k))
    if consumed > len(shape):
        raise IndexError(f"too many indices for tensor of dimension {len(shape)}")
    for dim, k in _indexed_dims(shape, spec):
        if isinstance(k, int) and not -shape[dim] <= k < shape[dim]:
            raise index_out_of_bounds(k, dim, shape[dim])
        if isinstance(k, tuple) and k[0] == "slice" and k[3] is not None and k[3] <= 0:
            raise ValueError("slice step cannot be zero" if k[3] == 0 else
                             "step must be greater than zero")


def check_broadcast(arrays):
    """torch's error for index arrays whose shapes do not broadcast together.

    >>> check_broadcast([np.zeros(2, int), np.zeros((3, 1), int)])
    """
    shapes = [tuple(np.shape(a)) for a in arrays]
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        listed = ", ".join(str(list(s)) for s in shapes)
        raise IndexError(f"shape mismatch: indexing tensors could not be broadcast together with "
                         f"shapes {listed}") from None


@linear
def index(input, *arrays, key):
    """``input[key]`` where ``key`` comes from :func:`split_key` and ``arrays`` are its index arrays."""
    x = jnp.asarray(input)
    _check_static(x.shape, key)
    check_broadcast(arrays)
    k = _build(key, arrays)
    if not is_advanced(key):
        return x[k]
    basic, advanced = _two_phase(k, x.ndim)
    return x[basic][advanced]


def _two_phase(key, ndim):
    """``key`` as torch applies it: first its ints, slices, None and bools (views), then the
    index arrays on the dims they land on in that view.

    numpy (and JAX) treat ints as index arrays once arrays are present, which places dims
    differently: ``x[0, :, [0, 1]]`` of a (2, 3, 4) tensor is (3, 2) in torch, (2, 3) in numpy.
    A bool is an unsqueeze followed by the index array ``[0]`` (True) or ``[]`` (False).
    """
    consumed = sum(1 for k in key if k is not None and k is not Ellipsis and not isinstance(k, bool))
    basic, advanced = [], []
    for k in key:
        if k is Ellipsis:
            basic.append(Ellipsis)
            advanced.extend([slice(None)] * (ndim - consumed))
        elif k is None:
            basic.append(None)
            advanced.append(slice(None))
        elif isinstance(k, bool):
            basic.append(None)
            advanced.append(np.zeros(1 if k else 0, np.int64))
        elif isinstance(k, int):
            basic.append(k)
        elif isinstance(k, slice):
            basic.append(k)
            advanced.append(slice(None))
        else:
            basic.append(slice(None))
            advanced.append(k)
    return tuple(basic), tuple(advanced)


# The C++ type torch names when a number does not fit a dtype (reduced floats check as double).
_C_TYPES = {"int64": "int64_t", "int32": "int", "int16": "int16_t", "int8": "int8_t",
            "uint8": "uint8_t", "float32": "float", "float64": "double", "float16": "double",
            "bfloat16": "double", "complex64": "c10::complex<float>",
            "complex128": "c10::complex<double>"}


def _number_overflows(value, dtype) -> bool:
    """torch's ``overflows<To, From>`` for a Python number written into ``dtype``: integers out
    of range (unsigned types also take negatives down to -max, which wrap), floats out of range
    or NaN/inf for integers, complex numbers with an imaginary part for real types."""
    name = np.dtype(dtype).name
    if isinstance(value, bool) or name == "bool" or name in ("float64", "float16", "bfloat16"):
        return isinstance(value, complex) and value.imag != 0 and name != "bool"
    if isinstance(value, complex):
        if not name.startswith("complex") and value.imag != 0:
            return True
        part = "float32" if name == "complex64" else name
        return _number_overflows(value.real, part) or _number_overflows(value.imag, part)
    if name.startswith("complex"):
        return isinstance(value, float) and name == "complex64" and _number_overflows(value, "float32")
    if name == "float32":
        limit = float(np.finfo(np.float32).max)
        return isinstance(value, float) and np.isfinite(value) and abs(value) > limit
    info = np.iinfo(dtype)
    if isinstance(value, float):
        return not np.isfinite(value) or value < float(info.min) or value > float(info.max)
    if info.min == 0:
        return value > info.max or -value > info.max
    return not info.min <= value <= info.max


def _check_values(input, values, *arrays, key, accumulate=False, same_dtype=False):
    """A Python number must fit ``input``'s dtype (torch checks the value it writes)."""
    if isinstance(values, int) and not isinstance(values, bool) and not -2 ** 63 <= values < 2 ** 63:
        raise arguments.int64_overflow()
    dtype = np.dtype(jnp.result_type(input))
    if isinstance(values, (bool, int, float, complex)) and _number_overflows(values, dtype):
        raise arguments.conversion_overflow(_C_TYPES[dtype.name])


@gradient_samples(index_put=(
    lambda x, v: index_put(x, v, jnp.array([2, 0]), key=((ARRAY, 0),)),
    lambda: (smooth(4, 2), smooth(2, 2))))
@host_check(_check_values)
def index_put(input, values, *arrays, key, accumulate=False, same_dtype=False):
    """``input[key] = values`` as a new array (``accumulate`` adds instead, as ``index_put_``).

    ``x[key] = v`` casts ``v`` to ``input``'s dtype; ``index_put_`` wants the same dtype
    (``same_dtype=True``).

    >>> key, arrays = split_key((slice(None), 0))
    >>> index_put(jnp.zeros((2, 2), jnp.float32), 1.0, *arrays, key=key).tolist()
    [[1.0, 0.0], [1.0, 0.0]]
    """
    x = jnp.asarray(input)
    _check_static(x.shape, key)
    check_broadcast(arrays)
    if same_dtype and np.dtype(jnp.result_type(values)) != x.dtype:
        raise RuntimeError(f"Index put requires the source and destination dtypes match, got "
                           f"{torch_type_name(x.dtype)} for the destination and "
                           f"{torch_type_name(jnp.result_type(values))} for the source.")
    k = _build(key, arrays)
    target_shape = jnp.shape(index(x, *arrays, key=key))
    if dtypes.category(jnp.result_type(values)) == 3 and dtypes.category(x.dtype) < 3:
        # the host check made sure no imaginary part is lost (a bool takes either part)
        values = jnp.asarray(values) != 0 if x.dtype == dtypes.bool_ else jnp.real(values)
    values = dtypes.cast(values, x.dtype) if not hasattr(values, "dtype") or values.dtype != x.dtype else values
    # torch's setitem drops the value's leading 1s, then expands it to the indexed shape.
    shape = tuple(jnp.shape(values))
    while shape and shape[0] == 1:
        shape = shape[1:]
    if is_advanced(key):
        if len(shape) > len(target_shape) or any(
                v not in (1, t) for v, t in zip(shape[::-1], target_shape[::-1])):
            raise RuntimeError(f"shape mismatch: value tensor of shape {list(jnp.shape(values))} "
                               f"cannot be broadcast to indexing result of shape {list(target_shape)}")
    else:
        expand(jnp.zeros(shape, values.dtype), target_shape)  # torch's expand errors
    values = jnp.reshape(values, shape)
    if not is_advanced(key):
        return x.at[k].add(values) if accumulate else x.at[k].set(values)
    basic, advanced = _two_phase(k, x.ndim)
    view = x[basic]
    view = view.at[advanced].add(values) if accumulate else _scatter_set(view, values, advanced)
    # write the view back (without its new axes: scatter takes no None)
    basic = tuple(b for b in basic if b is not None)
    return x.at[basic].set(view.reshape(x[basic].shape))


def _scatter_set(view, values, key):
    """``view.at[key].set(values)`` with torch's index_put gradient for ``values``: the gather
    ``grad[key]``, so that every duplicate index gets the gradient (JAX's transpose of a
    scatter gives it to only the element that was written last)."""
    positions = [i for i, k in enumerate(key) if not isinstance(k, slice)]

    def full_key(arrays):
        out = list(key)
        for i, a in zip(positions, arrays):
            out[i] = a
        return tuple(out)

    @jax.custom_vjp
    def put(view, values, *arrays):
        return view.at[full_key(arrays)].set(values)

    def put_fwd(view, values, *arrays):
        return put(view, values, *arrays), arrays

    def put_bwd(arrays, g):
        g = jnp.asarray(g)  # a cotangent may come as a numpy array
        k = full_key(arrays)
        grad_values = _sum_to(g[k], jnp.shape(values))
        return (g.at[k].set(0), grad_values) + (None,) * len(arrays)

    put.defvjp(put_fwd, put_bwd)
    return put(view, values, *(jnp.asarray(key[i]) for i in positions))


def mask_to_indices(shape, key):
    """Replace boolean masks in ``key`` by integer index arrays (host side, as torch's nonzero),
    after checking the mask's shape against the dims it covers."""
    if not isinstance(key, tuple):
        key = (key,)
    out, dim = [], 0
    for pos, k in enumerate(key):
        arr = k if isinstance(k, np.ndarray) else None
        if k is Ellipsis:
            dim = len(shape) - sum(_dims_consumed(r) for r in key[pos + 1:])
        if not consumes_dim(k):
            out.append(k)
            continue
        if arr is not None and arr.dtype == np.bool_ and arr.ndim > 0:
            for i, size in enumerate(arr.shape):
                if dim + i >= len(shape) or shape[dim + i] != size:
                    raise IndexError(f"The shape of the mask {list(arr.shape)} at index {i} does not "
                                     f"match the shape of the indexed tensor {list(shape)} at index "
                                     f"{dim + i}")
            out.extend(np.nonzero(arr))
            dim += arr.ndim
        else:
            out.append(k)
            dim += 1
    return tuple(out)


def _dims_consumed(k) -> int:
    if isinstance(k, np.ndarray) and k.dtype == np.bool_:
        return k.ndim
    return 1 if consumes_dim(k) else 0


def check_bounds(shape, key):
    """Raise torch's IndexError for integer index arrays that do not broadcast together or are
    out of range (JAX would clamp)."""
    if not isinstance(key, tuple):
        key = (key,)
    check_broadcast([k for k in key if isinstance(k, np.ndarray)])
    ordinal = 0  # torch names the index tensor by its place among the index tensors
    for dim, k in _indexed_dims(shape, key):
        if isinstance(k, np.ndarray):
            if not np.issubdtype(k.dtype, np.integer):
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
            if k.size and dim < len(shape):
                size = shape[dim]
                bad = (k < -size) | (k >= size)
                if bad.any():
                    raise index_out_of_bounds(int(k[bad].flat[0]), ordinal, size)
            ordinal += 1
