"""Pointwise ops of three operands and bit shifts, with torch's promotion, kernels and errors.

>>> import jax.numpy as jnp
>>> f32 = jnp.float32
>>> addcmul(jnp.ones(2, f32), jnp.array([1., 2.], f32), jnp.array([3., 4.], f32), value=0.5)
Array([2.5, 5. ], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ..arguments import conversion_overflow
from ._checks import not_implemented
from .elementwise import _promoted, _REDUCED_FLOATS, widen

_ADDCDIV_INTEGER = (
    "Integer division with addcdiv is no longer supported, and in a future  release addcdiv "
    "will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be "
    "implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for "
    "integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future "
    "addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), "
    "for all dtypes.")


def _scaled_value(value, dtype):
    """``value`` as torch's kernels read it: in the result dtype (an int result truncates a
    float value), at float32 precision for float16/bfloat16 (their opmath); a complex value
    for a real result does not fit."""
    if isinstance(value, complex) and dtypes.category(dtype) < 3:
        raise conversion_overflow(dtypes.c_type_name(dtype))
    return jnp.asarray(value, dtypes.float32 if dtype in _REDUCED_FLOATS else dtype)


def _ternary(name, input, tensor1, tensor2, value, combine):
    a, b, c = _promoted(input, tensor1, tensor2)
    if a.dtype == dtypes.bool_:
        raise not_implemented(f"{name}_cpu_out", a.dtype)
    v = _scaled_value(value, a.dtype)
    if a.dtype in _REDUCED_FLOATS:
        return combine(widen(a), v, widen(b), widen(c)).astype(a.dtype)
    return combine(a, v, b, c)


def addcmul(input, tensor1, tensor2, value=1):
    """``input + value * tensor1 * tensor2`` (torch.addcmul), in the order torch's kernel
    multiplies.

    >>> import jax.numpy as jnp
    >>> addcmul(jnp.arange(3), jnp.arange(3), jnp.arange(3), value=2)
    Array([ 0,  3, 10], dtype=int64)
    """
    return _ternary("addcmul", input, tensor1, tensor2, value, lambda a, v, b, c: a + v * b * c)


def addcdiv(input, tensor1, tensor2, value=1):
    """``input + value * tensor1 / tensor2`` (torch.addcdiv); integer ``tensor1`` and
    ``tensor2`` are refused as torch does.

    >>> import jax.numpy as jnp
    >>> addcdiv(jnp.zeros(2), jnp.array([1., 3.]), jnp.array([2., 4.]))
    Array([0.5 , 0.75], dtype=float64)
    """
    if dtypes.category(dtypes.result_type(tensor1, tensor2)) < 2:
        raise RuntimeError(_ADDCDIV_INTEGER)
    return _ternary("addcdiv", input, tensor1, tensor2, value, lambda a, v, b, c: a + v * b / c)


def _shift_operands(input, other, kernel):
    a, b = _promoted(input, other)
    if dtypes.category(a.dtype) != 1:  # bools and floats have no shift kernel
        raise not_implemented(kernel, a.dtype)
    a, b = jnp.broadcast_arrays(a, b)  # lax's shifts take operands of one shape
    return a, b, 8 * a.dtype.itemsize


def bitwise_left_shift(input, other):
    """``input << other`` (torch.bitwise_left_shift): the bits as unsigned, 0 for a shift that
    is negative or not below the bit width, as torch's kernel.

    >>> import jax.numpy as jnp
    >>> bitwise_left_shift(jnp.array([1, 3], jnp.int8), jnp.array([7, -1], jnp.int8))
    Array([-128,    0], dtype=int8)
    """
    a, b, bits = _shift_operands(input, other, "lshift_cpu")
    out_of_range = (b < 0) | (b >= bits)
    shifted = jax.lax.shift_left(a, jnp.where(out_of_range, 0, b).astype(a.dtype))
    return jnp.where(out_of_range, jnp.zeros((), a.dtype), shifted)


def bitwise_right_shift(input, other):
    """``input >> other`` (torch.bitwise_right_shift): arithmetic for signed integers; a shift
    that is negative or too wide gives the sign (signed) or 0 (unsigned), as torch's kernel.

    >>> import jax.numpy as jnp
    >>> bitwise_right_shift(jnp.array([-8, 8], jnp.int64), jnp.array([1, 70], jnp.int64))
    Array([-4,  0], dtype=int64)
    """
    a, b, bits = _shift_operands(input, other, "rshift_cpu")
    signed = jnp.issubdtype(a.dtype, jnp.signedinteger)
    widest = bits - 1 if signed else bits
    out_of_range = (b < 0) | (b >= widest)
    if signed:
        amount = jnp.where(out_of_range, widest, b).astype(a.dtype)
        return jax.lax.shift_right_arithmetic(a, amount)
    shifted = jax.lax.shift_right_logical(a, jnp.where(out_of_range, 0, b).astype(a.dtype))
    return jnp.where(out_of_range, jnp.zeros((), a.dtype), shifted)
