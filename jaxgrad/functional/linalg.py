"""Matrix products with torch's shape rules and error messages.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.matmul(jnp.ones((2, 3), jnp.float32), jnp.ones(3, jnp.float32))
Array([3., 3.], dtype=float32)
"""
from __future__ import annotations

import jax.numpy as jnp

from .. import dtypes
from ._checks import broadcast_shapes
from .reductions import torch_type_name


def _same_dtype(name, a, b):
    if a.dtype != b.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {a.dtype} != {b.dtype}"
                           .replace("float32", "float").replace("float64", "double")
                           .replace("int64", "long int"))


def _same_dtype_addmv(mat, vec):
    # torch's mv is addmv into a result of the vector's dtype
    if mat.dtype != vec.dtype:
        v, m = torch_type_name(vec.dtype), torch_type_name(mat.dtype)
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got {v}, {m}, and {v}")


def _matmul_dtypes(a, b):
    """torch.matmul's dtype error, worded by the kernel its rank combination reaches."""
    if a.dtype == b.dtype:
        return
    if b.ndim == 1:                      # (batched) matrix @ vector: mv
        _same_dtype_addmv(a, b)
    elif a.ndim == 1 and b.ndim >= 3:    # vector @ batch: mv of the transposed batch
        _same_dtype_addmv(b, a)
    elif a.ndim == 2 and b.ndim >= 3:    # matrix @ batch: mm of the transposes
        _same_dtype("mm", b, a)
    elif b.ndim == 2:                    # vector/matrix/batch @ matrix: mm
        _same_dtype("mm", a, b)
    else:
        raise RuntimeError(f"expected scalar type {torch_type_name(a.dtype)} but found "
                           f"{torch_type_name(b.dtype)}")


def _shapes_cannot_multiply(a_shape, b_shape):
    return RuntimeError(f"mat1 and mat2 shapes cannot be multiplied "
                        f"({a_shape[0]}x{a_shape[1]} and {b_shape[0]}x{b_shape[1]})")


def mm(input, mat2):
    """torch.mm: 2-D × 2-D only."""
    a, b = jnp.asarray(input), jnp.asarray(mat2)
    if a.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a.shape[1] != b.shape[0]:
        raise _shapes_cannot_multiply(a.shape, b.shape)
    _same_dtype("mm", a, b)
    return a @ b


def bmm(input, mat2):
    """torch.bmm: batches of matrices, (b, n, m) × (b, m, p)."""
    a, b = jnp.asarray(input), jnp.asarray(mat2)
    if a.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if b.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    if a.shape[0] != b.shape[0] or a.shape[2] != b.shape[1]:
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{a.shape[0]}, {a.shape[2]}] but got: [{b.shape[0]}, {b.shape[1]}].")
    _same_dtype("bmm", a, b)
    return a @ b


def dot(input, other):
    """torch.dot: 1-D · 1-D of the same length and dtype."""
    a, b = jnp.asarray(input), jnp.asarray(other)
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if a.dtype != b.dtype:
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found "
                           f"{torch_type_name(a.dtype)} and {torch_type_name(b.dtype)}")
    if a.shape[0] != b.shape[0]:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src "
                           f"[{b.shape[0]}] to have the same number of elements, but got "
                           f"{a.shape[0]} and {b.shape[0]} elements respectively")
    return jnp.dot(a, b)


def mv(input, vec):
    a, b = jnp.asarray(input), jnp.asarray(vec)
    if a.ndim != 2 or b.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.ndim}, {b.ndim}")
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(f"size mismatch, got input ({a.shape[0]}), mat ({a.shape[0]}x{a.shape[1]}),"
                           f" vec ({b.shape[0]})")
    _same_dtype_addmv(a, b)
    return a @ b


def matmul(input, other):
    """torch.matmul (``@``): dot, matrix-vector, matrix and batched products with broadcasting."""
    a, b = jnp.asarray(input), jnp.asarray(other)
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{a.ndim}D and {b.ndim}D")
    if a.ndim == 1 and b.ndim == 1:
        return dot(a, b)
    if a.ndim == 2 and b.ndim == 2:
        return mm(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return mv(a, b)
    _matmul_dtypes(a, b)
    a_mat = a.reshape(1, -1) if a.ndim == 1 else a
    b_mat = b.reshape(-1, 1) if b.ndim == 1 else b
    if a_mat.shape[-1] != b_mat.shape[-2]:
        left = a_mat.reshape(-1, a_mat.shape[-1]).shape if a.ndim > 1 else a_mat.shape
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({left[0]}x{left[1]} and "
                           f"{b_mat.shape[-2]}x{b_mat.shape[-1]})") if b.ndim <= 2 else RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: "
            f"[{_batch(a_mat, b_mat)}, {a_mat.shape[-1]}] but got: [{_batch(a_mat, b_mat)}, "
            f"{b_mat.shape[-2]}].")
    broadcast_shapes(a_mat.shape[:-2], b_mat.shape[:-2])
    return jnp.matmul(a, b)


def _batch(a, b):
    import math
    return math.prod(broadcast_shapes(a.shape[:-2], b.shape[:-2]))


def outer(input, vec2):
    a, b = jnp.asarray(input), jnp.asarray(vec2)
    dtype = dtypes.result_type(a, b)
    return jnp.outer(a.astype(dtype), b.astype(dtype))


def einsum(equation, *operands):
    """torch.einsum (equation first, then the operands)."""
    return jnp.einsum(equation, *operands)


def addmm(input, mat1, mat2, beta=1, alpha=1):
    """torch.addmm: ``beta * input + alpha * (mat1 @ mat2)``."""
    product = mm(mat1, mat2)
    out = product if alpha == 1 else alpha * product
    return out + (input if beta == 1 else beta * jnp.asarray(input))
