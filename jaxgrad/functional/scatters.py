"""``select_scatter``, ``slice_scatter`` and ``diagonal_scatter`` (a copy of ``input`` with
``src`` written into one of its views), ``aminmax`` and ``i0``, with torch's checks.

>>> import jax.numpy as jnp
>>> select_scatter(jnp.zeros((2, 2)), jnp.ones(2), 0, 1).tolist()
[[0.0, 0.0], [1.0, 1.0]]
"""
from __future__ import annotations

import jax.numpy as jnp
import jax.scipy.special as jss

from .. import dtypes
from ._checks import normalize_dim
from .reductions import amax, amin
from .shape import diagonal_dims, select


def _written(x, src, view_shape):
    src = jnp.asarray(src)
    if tuple(src.shape) != tuple(view_shape):
        raise RuntimeError(f"expected src to have a size equal to the slice of self. src size = "
                           f"{list(src.shape)}, slice size = {list(view_shape)}")
    return src.astype(x.dtype)


def select_scatter(input, src, dim, index):
    """torch.select_scatter: ``input`` with ``src`` written at ``index`` along ``dim``."""
    x = jnp.asarray(input)
    view = select(x, dim, index).shape  # torch's checks of the index
    axis = normalize_dim(dim, x.ndim)
    return x.at[(slice(None),) * axis + (index % x.shape[axis],)].set(_written(x, src, view))


def slice_scatter(input, src, dim=0, start=None, end=None, step=1):
    """torch.slice_scatter: ``input`` with ``src`` written into ``[start:end:step]`` along
    ``dim``."""
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    if step <= 0:
        raise RuntimeError("slice step must be positive")
    part = (slice(None),) * axis + (slice(start, end, step),)
    view = jnp.zeros(x.shape, bool)[part].shape
    return x.at[part].set(_written(x, src, view))


def diagonal_scatter(input, src, offset=0, dim1=0, dim2=1):
    """torch.diagonal_scatter: ``input`` with ``src`` written into its ``offset`` diagonal of
    the (dim1, dim2) planes."""
    x = jnp.asarray(input)
    a, b = diagonal_dims(dim1, dim2, x.ndim)
    moved = jnp.moveaxis(x, (a, b), (-2, -1))
    rows, cols = moved.shape[-2], moved.shape[-1]
    length = max(0, min(rows, cols - offset) if offset >= 0 else min(rows + offset, cols))
    steps = jnp.arange(length)
    r, c = (steps, steps + offset) if offset >= 0 else (steps - offset, steps)
    view = moved.shape[:-2] + (length,)
    written = moved.at[..., r, c].set(_written(x, src, view))
    return jnp.moveaxis(written, (-2, -1), (a, b))


def aminmax(input, dim=None, keepdim=False):
    """torch.aminmax: ``(amin, amax)`` of all elements or along ``dim``, in one node.

    >>> [v.tolist() for v in aminmax(jnp.array([3., 1., 2.]))]
    [1.0, 3.0]
    """
    x = jnp.asarray(input)
    if x.size == 0:
        raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as the "
                           "operation has no identity.")
    dims = () if dim is None else dim
    if dim is None and keepdim:  # torch keeps every dim as 1
        return (amin(x, (), False).reshape((1,) * x.ndim), amax(x, (), False).reshape((1,) * x.ndim))
    return amin(x, dims, keepdim), amax(x, dims, keepdim)


def i0(input):
    """torch.i0: the modified Bessel function of the first kind, order 0 (integers as floats).

    >>> round(float(i0(jnp.array(2., jnp.float32))), 4)
    2.2796
    """
    x = jnp.asarray(input)
    if dtypes.category(x.dtype) < 2:
        x = x.astype(dtypes.default_float_dtype())
    return jss.i0(x)
