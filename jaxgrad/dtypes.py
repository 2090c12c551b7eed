"""torch's dtype rules, applied to jax values.

JAX and torch disagree on type promotion: with 64-bit mode on, ``jnp.ones(3, jnp.int64) * 2.5``
is float64 in JAX but float32 in torch, and a float64 0-d array does not widen a float32
vector in torch. Every op in the table promotes its operands with :func:`result_type`, which
follows torch's three tiers (dimensioned tensors, 0-d tensors, Python scalars) at trace time,
so the promotion costs nothing at run time.

>>> import jax.numpy as jnp
>>> from jaxgrad import dtypes
>>> dtypes.result_type(jnp.arange(3), 2.5)
dtype('float32')
"""
from __future__ import annotations

import threading

import jax.numpy as jnp
import numpy as np

from . import _config  # noqa: F401  (64-bit mode before any array is made)

float16 = np.dtype(jnp.float16)
bfloat16 = np.dtype(jnp.bfloat16)
float32 = np.dtype(np.float32)
float64 = np.dtype(np.float64)
int64 = np.dtype(np.int64)
bool_ = np.dtype(np.bool_)

_state = threading.local()
_DEFAULT_FLOAT = [float32]  # process-wide, as torch.set_default_dtype is


def default_float_dtype() -> np.dtype:
    """The dtype Python floats and float-producing ops on integers take (torch's default dtype).

    >>> default_float_dtype()
    dtype('float32')
    """
    return _DEFAULT_FLOAT[0]


def set_default_float_dtype(dtype) -> None:
    """Set the default float dtype (float32 or float64, as ``torch.set_default_dtype``).

    >>> set_default_float_dtype(np.float64); set_default_float_dtype(np.float32)
    """
    # (None is checked apart: numpy compares it equal to float64)
    if dtype is None or np.dtype(dtype) not in (float16, bfloat16, float32, float64):
        raise TypeError("only floating-point types are supported as the default type")
    _DEFAULT_FLOAT[0] = np.dtype(dtype)


def category(dtype) -> int:
    """0 bool, 1 integer, 2 floating, 3 complex: the order torch promotes across."""
    dtype = np.dtype(dtype)
    if dtype == bool_:
        return 0
    if jnp.issubdtype(dtype, jnp.integer):
        return 1
    if jnp.issubdtype(dtype, jnp.complexfloating):
        return 3
    return 2


def is_floating(dtype) -> bool:
    """True for float16/bfloat16/float32/float64 (``torch.is_floating_point``)."""
    return category(dtype) == 2


def _is_python_scalar(x) -> bool:
    if isinstance(x, (bool, int, float, complex)):
        return True
    aval = getattr(x, "aval", None)
    return bool(getattr(aval, "weak_type", False)) and not x.shape


def _scalar_dtype(x) -> np.dtype:
    """The dtype torch gives a wrapped Python number: bool, int64, default float/complex."""
    kind = x.dtype if hasattr(x, "dtype") else np.asarray(x).dtype
    cat = category(kind)
    if cat == 0:
        return bool_
    if cat == 1:
        return int64
    if cat == 2:
        return default_float_dtype()
    return np.dtype(np.complex128) if default_float_dtype() == float64 else np.dtype(np.complex64)


def promote_types(a, b) -> np.dtype:
    """Promotion of two dtypes within torch's lattice (``torch.promote_types``)."""
    a, b = np.dtype(a), np.dtype(b)
    if a == b:
        return a
    return np.dtype(jnp.promote_types(a, b))


def _combine(higher, lower):
    # torch's combine_categories: a lower tier only matters when it is of a higher category.
    if higher is None:
        return lower
    if lower is None:
        return higher
    ch, cl = category(higher), category(lower)
    if ch == 3:
        return higher
    if cl == 3:
        return np.dtype(np.complex128 if higher == float64 else np.complex64) if ch == 2 else lower
    if ch == 2:
        return higher
    if ch == 0 or cl == 2:
        return promote_types(higher, lower)
    return higher


def result_type(*operands) -> np.dtype:
    """torch.result_type over arrays, tracers and Python scalars.

    >>> import jax.numpy as jnp
    >>> result_type(jnp.ones(3, jnp.int32), 7)       # a Python int does not widen int32
    dtype('int32')
    >>> result_type(jnp.ones(3, jnp.float32), jnp.float64(1).reshape(()))
    dtype('float32')
    """
    dim = zero = wrapped = None
    for x in operands:
        if x is None:
            continue
        if _is_python_scalar(x):
            d = _scalar_dtype(x)
            wrapped = d if wrapped is None else promote_types(wrapped, d)
        elif x.ndim == 0:
            zero = x.dtype if zero is None else promote_types(zero, x.dtype)
        else:
            dim = x.dtype if dim is None else promote_types(dim, x.dtype)
    return np.dtype(_combine(dim, _combine(zero, wrapped)))


def float_result_type(*operands) -> np.dtype:
    """result_type, lifted to the default float dtype when the operands are all integral/bool
    (the dtype of ``torch.exp(int_tensor)``, ``int_tensor / 2``, …)."""
    dtype = result_type(*operands)
    return dtype if category(dtype) >= 2 else default_float_dtype()


def cast(x, dtype):
    """``x`` as an array of ``dtype`` (Python scalars become arrays; no copy when it already is)."""
    if isinstance(x, (bool, int, float, complex)):
        return jnp.asarray(x, dtype)
    return x if x.dtype == dtype else x.astype(dtype)


# torch's names for each dtype, as its messages and legacy type strings print them: the only
# tables of dtype names in the project.
_SCALAR_TYPE_NAMES = {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char",
                      "uint8": "Byte", "bool": "Bool", "float32": "Float", "float64": "Double",
                      "float16": "Half", "bfloat16": "BFloat16", "complex64": "ComplexFloat",
                      "complex128": "ComplexDouble"}
_C_TYPE_NAMES = {"float32": "float", "float64": "double", "int64": "long int", "int32": "int",
                 "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
                 "bool": "bool", "float16": "c10::Half", "bfloat16": "c10::BFloat16",
                 "complex64": "c10::complex<float>", "complex128": "c10::complex<double>"}


def torch_type_name(dtype) -> str:
    """torch's ScalarType name of a dtype, as its error messages print it.

    >>> torch_type_name(np.int64), torch_type_name(np.float32)
    ('Long', 'Float')
    """
    name = np.dtype(dtype).name
    return _SCALAR_TYPE_NAMES.get(name, name)


def c_type_name(dtype) -> str:
    """The C++ type name torch's kernels print for a dtype (``expected m1 and m2 to have the
    same dtype, but got: float != double``).

    >>> c_type_name(np.float64)
    'double'
    """
    name = np.dtype(dtype).name
    return _C_TYPE_NAMES.get(name, name)


def legacy_type_name(dtype) -> str:
    """The legacy tensor type of a dtype (``'torch.FloatTensor'``), as ``Tensor.type()``.

    >>> legacy_type_name(np.int64)
    'torch.LongTensor'
    """
    name = np.dtype(dtype).name
    return f"torch.{_SCALAR_TYPE_NAMES[name]}Tensor" if name in _SCALAR_TYPE_NAMES else "torch.Tensor"


def from_legacy_type_name(name: str) -> np.dtype:
    """The dtype of a legacy tensor type string (``'torch.DoubleTensor'`` → float64).

    >>> from_legacy_type_name("torch.DoubleTensor")
    dtype('float64')
    """
    for dtype_name in _SCALAR_TYPE_NAMES:
        if legacy_type_name(dtype_name) == name:
            return np.dtype(jnp.bfloat16 if dtype_name == "bfloat16" else dtype_name)
    raise ValueError(f"invalid type: '{name}'")


def check_can_cast(from_dtype, to_dtype) -> None:
    """torch's error for storing a result where its dtype cannot go (a float result into an
    integer tensor in place, an out= tensor of a lower category).

    >>> check_can_cast(np.int64, np.float32)
    """
    if category(from_dtype) > category(to_dtype):
        raise RuntimeError(f"result type {torch_type_name(from_dtype)} can't be cast to the "
                           f"desired output type {torch_type_name(to_dtype)}")
