"""Tensor arithmetic, math, comparison and reduction methods.

Each method dispatches one op of ``jaxgrad.functional`` under torch's ``grad_fn`` name; the
tables below say which op and name a method uses, and the in-place variant (``exp_``) is
derived from the same entry.

>>> import compat as torch
>>> x = torch.tensor([1., 4.], requires_grad=True)
>>> x.sqrt()
tensor([1., 2.], grad_fn=<SqrtBackward0>)
"""
from __future__ import annotations

import builtins
import warnings

import numpy as np

from jaxgrad import functional as F
from jaxgrad.functional.elementwise import no_derivative

from . import dispatch as _dispatch
from .dispatch import dispatch

# method name → (op, grad_fn name); each also gets an in-place ``name_`` variant.
UNARY = {
    "abs": (F.abs, "AbsBackward0"), "neg": (F.neg, "NegBackward0"),
    "exp": (F.exp, "ExpBackward0"), "exp2": (F.exp2, "Exp2Backward0"),
    "expm1": (F.expm1, "Expm1Backward0"), "log": (F.log, "LogBackward0"),
    "log2": (F.log2, "Log2Backward0"), "log10": (F.log10, "Log10Backward0"),
    "log1p": (F.log1p, "Log1PBackward0"), "sqrt": (F.sqrt, "SqrtBackward0"),
    "rsqrt": (F.rsqrt, "RsqrtBackward0"), "sin": (F.sin, "SinBackward0"),
    "cos": (F.cos, "CosBackward0"), "tan": (F.tan, "TanBackward0"),
    "asin": (F.asin, "AsinBackward0"), "acos": (F.acos, "AcosBackward0"),
    "atan": (F.atan, "AtanBackward0"), "sinh": (F.sinh, "SinhBackward0"),
    "cosh": (F.cosh, "CoshBackward0"), "tanh": (F.tanh, "TanhBackward0"),
    "sigmoid": (F.sigmoid, "SigmoidBackward0"), "relu": (F.relu, "ReluBackward0"),
    "erf": (F.erf, "ErfBackward0"), "sign": (F.sign, "SignBackward0"),
    "floor": (F.floor, "FloorBackward0"), "ceil": (F.ceil, "CeilBackward0"),
    "trunc": (F.trunc, "TruncBackward0"), "frac": (F.frac, "FracBackward0"),
    "reciprocal": (F.reciprocal, "ReciprocalBackward0"), "square": (F.square, "PowBackward0"),
    "logical_not": (F.logical_not, "LogicalNotBackward0"),
    "bitwise_not": (F.bitwise_not, "BitwiseNotBackward0"),
}
BINARY = {
    "mul": (F.mul, "MulBackward0"), "multiply": (F.mul, "MulBackward0"),
    # (name with a scalar other, name with a tensor other) where torch's differ
    "remainder": (F.remainder, ("RemainderBackward0", "RemainderBackward1")),
    "fmod": (F.fmod, ("FmodBackward0", "FmodBackward1")),
    "atan2": (F.atan2, "Atan2Backward0"), "maximum": (F.maximum, "MaximumBackward0"),
    "minimum": (F.minimum, "MinimumBackward0"), "floor_divide": (F.floor_divide, "NotImplemented"),
    "logical_and": (F.logical_and, "LogicalAndBackward0"), "logical_or": (F.logical_or, "LogicalOrBackward0"),
    "logical_xor": (F.logical_xor, "LogicalXorBackward0"),
    "bitwise_and": (F.bitwise_and, "BitwiseAndBackward0"), "bitwise_or": (F.bitwise_or, "BitwiseOrBackward0"),
    "bitwise_xor": (F.bitwise_xor, "BitwiseXorBackward0"),
    "eq": (F.eq, ""), "ne": (F.ne, ""), "lt": (F.lt, ""), "le": (F.le, ""), "gt": (F.gt, ""),
    "ge": (F.ge, ""),
}
_REQUIRED = object()  # marks an argument torch requires but Python cannot (it has a default)

ALIASES = {"absolute": "abs", "negative": "neg", "arctan": "atan", "arcsin": "asin",
           "arccos": "acos", "arctan2": "atan2", "greater": "gt", "less": "lt", "greater_equal": "ge",
           "less_equal": "le", "not_equal": "ne", "fix": "trunc"}

class _ReturnType(tuple):
    """torch.return_types.max/min/…: a named (values, indices) pair with torch's repr."""

    _name = "max"

    def __new__(cls, values, indices):
        return tuple.__new__(cls, (values, indices))

    @property
    def values(self):
        return self[0]

    @property
    def indices(self):
        return self[1]

    def __repr__(self):
        return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"


def return_type(name):
    """The ``torch.return_types.<name>`` class."""
    return type(name, (_ReturnType,), {"_name": name, "__module__": "torch.return_types"})


RETURN_TYPES = {n: return_type(n) for n in ("max", "min", "sort", "topk", "kthvalue", "median", "mode",
                                              "cummax", "cummin")}


def _unary_method(fn, name):
    def method(self):
        return dispatch(fn, name, (self,))
    return method


def _binary_method(fn, name):
    def method(self, other):
        if fn in _DIVIDING:
            _check_integer_divisor(self, other)
        return dispatch(fn, _grad_name(name, other), (self, other))
    return method


def _inplace_method(fn, name, n_args):
    if n_args == 1:
        def method(self):
            return self._inplace(fn, name, (self,))
    else:
        def method(self, other):
            if fn in _DIVIDING:
                _check_integer_divisor(self, other)
            return self._inplace(fn, _grad_name(name, other), (self, other))
    return method


def _grad_name(name, other):
    if type(name) is tuple:
        return name[1] if _is_tensor(other) else name[0]
    return name


_DIVIDING = frozenset((F.floor_divide, F.remainder, F.fmod))
_REMAINDER_NO_DERIVATIVE = no_derivative(F.remainder, "remainder")


def _is_integral(x) -> bool:
    if _is_tensor(x):
        return not (x.dtype.is_floating_point or x.dtype.is_complex)
    return isinstance(x, builtins.int)


def _check_integer_divisor(a, b):
    """torch raises for integer division by zero (XLA would return an arbitrary value)."""
    if _is_integral(a) and _is_integral(b):
        zero = builtins.bool((b._value == 0).any()) if _is_tensor(b) else b == 0
        if zero:
            raise RuntimeError("ZeroDivisionError")


def _dim_kwargs(dim, keepdim):
    if dim is None:
        return {"keepdim": keepdim} if keepdim else {}
    return {"dim": tuple(dim) if isinstance(dim, list) else dim, "keepdim": keepdim}


def _correction(unbiased, correction):
    if correction is not None:
        return correction
    return 1 if unbiased in (None, True) else 0


class MathMixin:
    """Arithmetic, math, comparison and reduction methods of Tensor."""

    __slots__ = ()

    # -------------------------------------------------------------- arithmetic with alpha
    def add(self, other, *, alpha=1):
        # alpha is static (a keyword of the compiled op): F.add branches on it while tracing.
        if alpha == 1:
            return dispatch(F.add, "AddBackward0", (self, other))
        return dispatch(F.add, "AddBackward0", (self, other), {"alpha": alpha})

    def sub(self, other, *, alpha=1):
        if alpha == 1:
            return dispatch(F.sub, "SubBackward0", (self, other))
        return dispatch(F.sub, "SubBackward0", (self, other), {"alpha": alpha})

    subtract = sub

    def add_(self, other, *, alpha=1):
        return self._inplace(F.add, "AddBackward0", (self, other), {} if alpha == 1 else {"alpha": alpha})

    def sub_(self, other, *, alpha=1):
        return self._inplace(F.sub, "SubBackward0", (self, other), {} if alpha == 1 else {"alpha": alpha})

    def div(self, other, *, rounding_mode=None):
        if rounding_mode is not None:
            _check_integer_divisor(self, other)
        if rounding_mode is None:
            return dispatch(F.div, "DivBackward0", (self, other))
        return dispatch(F.div, "DivBackward2" if rounding_mode else "DivBackward0", (self, other),
                        {"rounding_mode": rounding_mode})

    divide = true_divide = div

    def div_(self, other, *, rounding_mode=None):
        if rounding_mode is not None:
            _check_integer_divisor(self, other)
        if rounding_mode is None:
            return self._inplace(F.div, "DivBackward0", (self, other))
        return self._inplace(F.div, "DivBackward2", (self, other), {"rounding_mode": rounding_mode})

    def pow(self, exponent):
        _check_integer_power(self, exponent)
        return dispatch(F.pow, "PowBackward1" if _is_tensor(exponent) else "PowBackward0",
                        (self, exponent))

    def pow_(self, exponent):
        return self._inplace(F.pow, "PowBackward1" if _is_tensor(exponent) else "PowBackward0",
                             (self, exponent))

    def clamp(self, min=None, max=None):
        if min is None and max is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        name = "ClampBackward0" if _is_tensor(min) or _is_tensor(max) else "ClampBackward1"
        return dispatch(F.clamp, name, (self, min, max))

    clip = clamp

    def clamp_(self, min=None, max=None):
        if min is None and max is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        name = "ClampBackward0" if _is_tensor(min) or _is_tensor(max) else "ClampBackward1"
        return self._inplace(F.clamp, name, (self, min, max))

    clip_ = clamp_

    def clamp_min(self, min):
        return self.clamp(min=min)

    def clamp_max(self, max):
        return self.clamp(max=max)

    def lerp(self, end, weight):
        return dispatch(F.lerp, "LerpBackward0" if not _is_tensor(weight) else "LerpBackward1",
                        (self, end, weight))

    def round(self, decimals=0):
        if decimals:
            return dispatch(F.round, "RoundBackward1", (self,), {"decimals": decimals})
        return dispatch(F.round, "RoundBackward0", (self,))

    def where(self, condition, other):
        return dispatch(F.where, "WhereBackward0", (condition, self, other))

    def masked_fill(self, mask, value):
        return dispatch(F.masked_fill, "MaskedFillBackward0", (self, mask, value))

    def masked_fill_(self, mask, value):
        return self._inplace(F.masked_fill, "MaskedFillBackward0", (self, mask, value))

    def isnan(self):
        return dispatch(F.isnan, "", (self,))

    def isinf(self):
        return dispatch(F.isinf, "", (self,))

    def isfinite(self):
        return dispatch(F.isfinite, "", (self,))

    def isclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
        return dispatch(F.isclose, "", (self, other),
                        {"rtol": rtol, "atol": atol, "equal_nan": equal_nan})

    def allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
        return builtins.bool(self.isclose(other, rtol, atol, equal_nan).all())

    def equal(self, other) -> bool:
        return tuple(self.shape) == tuple(other.shape) and builtins.bool((self == other).all())

    # -------------------------------------------------------------- activations
    def softmax(self, dim=_REQUIRED, dtype=None):
        _require_dim("softmax", dim)
        return dispatch(F.softmax, "SoftmaxBackward0", (self,), _softmax_kwargs(self, dim, dtype))

    def log_softmax(self, dim=_REQUIRED, dtype=None):
        _require_dim("log_softmax", dim)
        return dispatch(F.log_softmax, "LogSoftmaxBackward0", (self,), _softmax_kwargs(self, dim, dtype))

    # -------------------------------------------------------------- operators
    def __add__(self, other):
        return dispatch(F.add, "AddBackward0", (self, other))

    def __radd__(self, other):
        return dispatch(F.add, "AddBackward0", (self, other))

    def __iadd__(self, other):
        return self._inplace(F.add, "AddBackward0", (self, other))

    def __sub__(self, other):
        return dispatch(F.sub, "SubBackward0", (self, other))

    def __rsub__(self, other):
        return dispatch(F.rsub, "RsubBackward1", (self, other))

    def __isub__(self, other):
        return self._inplace(F.sub, "SubBackward0", (self, other))

    def __mul__(self, other):
        return dispatch(F.mul, "MulBackward0", (self, other))

    def __rmul__(self, other):
        return dispatch(F.mul, "MulBackward0", (self, other))

    def __imul__(self, other):
        return self._inplace(F.mul, "MulBackward0", (self, other))

    def __truediv__(self, other):
        return dispatch(F.div, "DivBackward0", (self, other))

    def __rtruediv__(self, other):
        # torch computes ``other / x`` as ``x.reciprocal() * other``.
        return self.reciprocal() * other

    def __itruediv__(self, other):
        return self._inplace(F.div, "DivBackward0", (self, other))

    def __floordiv__(self, other):
        return self.floor_divide(other)

    def __rfloordiv__(self, other):
        _check_integer_divisor(other, self)
        return dispatch(F.floor_divide, "NotImplemented", (other, self))

    def __ifloordiv__(self, other):
        return self.floor_divide_(other)

    def __mod__(self, other):
        return self.remainder(other)

    def __rmod__(self, other):
        # torch's remainder(Scalar, Tensor) has no derivative formula.
        _check_integer_divisor(other, self)
        return dispatch(_REMAINDER_NO_DERIVATIVE, "NotImplemented", (other, self))

    def __imod__(self, other):
        return self.remainder_(other)

    def __pow__(self, exponent):
        return self.pow(exponent)

    def __rpow__(self, base):
        return dispatch(F.pow, "PowBackward2", (base, self))

    def __ipow__(self, exponent):
        return self.pow_(exponent)

    def __matmul__(self, other):
        return self.matmul(other)

    def __rmatmul__(self, other):
        return _as_tensor_like(other, self).matmul(self)

    def __neg__(self):
        return dispatch(F.neg, "NegBackward0", (self,))

    def __pos__(self):
        return self

    def __abs__(self):
        return dispatch(F.abs, "AbsBackward0", (self,))

    def __invert__(self):
        return dispatch(F.bitwise_not, "", (self,))

    def __and__(self, other):
        return dispatch(F.bitwise_and, "", (self, other))

    __rand__ = __and__

    def __or__(self, other):
        return dispatch(F.bitwise_or, "", (self, other))

    __ror__ = __or__

    def __xor__(self, other):
        return dispatch(F.bitwise_xor, "", (self, other))

    __rxor__ = __xor__

    def __iand__(self, other):
        return self._inplace(F.bitwise_and, "", (self, other))

    def __ior__(self, other):
        return self._inplace(F.bitwise_or, "", (self, other))

    def __ixor__(self, other):
        return self._inplace(F.bitwise_xor, "", (self, other))

    def __eq__(self, other):
        if other is None or not _is_operand(other):
            return False
        return dispatch(F.eq, "", (self, other))

    def __ne__(self, other):
        if other is None or not _is_operand(other):
            return True
        return dispatch(F.ne, "", (self, other))

    def __lt__(self, other):
        return dispatch(F.lt, "", (self, other))

    def __le__(self, other):
        return dispatch(F.le, "", (self, other))

    def __gt__(self, other):
        return dispatch(F.gt, "", (self, other))

    def __ge__(self, other):
        return dispatch(F.ge, "", (self, other))

    # -------------------------------------------------------------- reductions
    def sum(self, dim=None, keepdim=False, *, dtype=None):
        kwargs = _dim_kwargs(dim, keepdim)
        if dtype is not None:
            kwargs["dtype"] = dtype.np
        # torch's dim-list overload (SumBackward1) is what any dim or keepdim argument reaches
        name = "SumBackward0" if dim is None and not keepdim else "SumBackward1"
        return dispatch(F.sum, name, (self,), kwargs)

    def mean(self, dim=None, keepdim=False, *, dtype=None):
        kwargs = _dim_kwargs(dim, keepdim)
        if dtype is not None:
            kwargs["dtype"] = dtype.np
        name = "MeanBackward0" if dim is None and not keepdim else "MeanBackward1"
        return dispatch(F.mean, name, (self,), kwargs)

    def prod(self, dim=None, keepdim=False, *, dtype=None):
        kwargs = _dim_kwargs(dim, keepdim)
        if dtype is not None:
            kwargs["dtype"] = dtype.np
        return dispatch(F.prod, "ProdBackward0" if dim is None else "ProdBackward1", (self,), kwargs)

    def std(self, dim=None, unbiased=None, keepdim=False, *, correction=None):
        if isinstance(dim, builtins.bool):  # std(unbiased) legacy positional form
            dim, unbiased = None, dim
        kwargs = _dim_kwargs(dim, keepdim)
        kwargs["correction"] = _correction(unbiased, correction)
        out = dispatch(F.std, "StdBackward0", (self,), kwargs)
        _warn_degrees_of_freedom("std", self, dim, kwargs["correction"])
        return out

    def var(self, dim=None, unbiased=None, keepdim=False, *, correction=None):
        if isinstance(dim, builtins.bool):
            dim, unbiased = None, dim
        kwargs = _dim_kwargs(dim, keepdim)
        kwargs["correction"] = _correction(unbiased, correction)
        out = dispatch(F.var, "VarBackward0", (self,), kwargs)
        _warn_degrees_of_freedom("var", self, dim, kwargs["correction"])
        return out

    def max(self, dim=None, keepdim=False):
        if dim is None:
            return dispatch(F.max, "MaxBackward1", (self,))
        if _is_tensor(dim):
            return self.maximum(dim)
        values, indices = dispatch(F.max_dim, "MaxBackward0", (self,), {"dim": dim, "keepdim": keepdim})
        return RETURN_TYPES["max"](values, indices)

    def min(self, dim=None, keepdim=False):
        if dim is None:
            return dispatch(F.min, "MinBackward1", (self,))
        if _is_tensor(dim):
            return self.minimum(dim)
        values, indices = dispatch(F.min_dim, "MinBackward0", (self,), {"dim": dim, "keepdim": keepdim})
        return RETURN_TYPES["min"](values, indices)

    def amax(self, dim=(), keepdim=False):
        return dispatch(F.amax, "AmaxBackward0", (self,), {"dim": _hashable(dim), "keepdim": keepdim})

    def amin(self, dim=(), keepdim=False):
        return dispatch(F.amin, "AminBackward0", (self,), {"dim": _hashable(dim), "keepdim": keepdim})

    def argmax(self, dim=None, keepdim=False):
        return dispatch(F.argmax, "", (self,), {"dim": dim, "keepdim": keepdim})

    def argmin(self, dim=None, keepdim=False):
        return dispatch(F.argmin, "", (self,), {"dim": dim, "keepdim": keepdim})

    def norm(self, p="fro", dim=None, keepdim=False, dtype=None):
        out = dispatch(F.norm, "LinalgVectorNormBackward0", (self,),
                       {"p": p, "dim": _hashable(dim), "keepdim": keepdim})
        return out if dtype is None else out.to(dtype)

    def logsumexp(self, dim, keepdim=False):
        return dispatch(F.logsumexp, "LogsumexpBackward0", (self,),
                        {"dim": _hashable(dim), "keepdim": keepdim})

    def all(self, dim=None, keepdim=False):
        return dispatch(F.all, "", (self,), _dim_kwargs(dim, keepdim))

    def any(self, dim=None, keepdim=False):
        return dispatch(F.any, "", (self,), _dim_kwargs(dim, keepdim))

    def count_nonzero(self, dim=None):
        return dispatch(F.count_nonzero, "", (self,), {"dim": _hashable(dim)})

    def cumsum(self, dim, dtype=None):
        return dispatch(F.cumsum, "CumsumBackward0", (self,),
                        {"dim": dim, "dtype": dtype.np if dtype is not None else None})

    def cumprod(self, dim, dtype=None):
        return dispatch(F.cumprod, "CumprodBackward0", (self,),
                        {"dim": dim, "dtype": dtype.np if dtype is not None else None})

    # -------------------------------------------------------------- matrix products
    def matmul(self, other):
        return dispatch(F.matmul, _matmul_name(self.ndim, other.ndim), (self, other))

    def mm(self, mat2):
        return dispatch(F.mm, "MmBackward0", (self, mat2))

    def bmm(self, mat2):
        return dispatch(F.bmm, "BmmBackward0", (self, mat2))

    def dot(self, other):
        return dispatch(F.dot, "DotBackward0", (self, other))

    def mv(self, vec):
        return dispatch(F.mv, "MvBackward0", (self, vec))

    def outer(self, vec2):
        return dispatch(F.outer, "MulBackward0", (self, vec2))

    ger = outer


def _require_dim(name, dim):
    # Tensor.softmax has no implicit dim (only nn.functional.softmax keeps the legacy choice).
    if dim is _REQUIRED:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')


def _check_integer_power(base, exponent):
    if isinstance(exponent, builtins.int) and not isinstance(exponent, builtins.bool) \
            and exponent < 0 and not (base.dtype.is_floating_point or base.dtype.is_complex):
        raise RuntimeError("Integers to negative integer powers are not allowed.")


def _warn_degrees_of_freedom(name, t, dim, correction):
    # torch warns (on every call) when the correction leaves no degrees of freedom; the
    # compiled op cannot, as it only runs Python once per shape.
    axes = F._checks.normalize_dims(dim, t.ndim)
    kept = 1
    for axis, size in enumerate(t._data.shape):
        if axes is not None and axis not in axes:
            kept *= size
    factor = t._data.size // builtins.max(kept, 1)  # input numel / output numel, as torch
    if factor - correction <= 0:
        warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than "
                      "the reduction factor (input numel divided by output numel). (Triggered "
                      "internally at /__w/pytorch/pytorch/aten/src/ATen/native/ReduceOps.cpp:1861.)",
                      UserWarning, stacklevel=3)


def _matmul_name(a, b):
    """torch's grad_fn for ``matmul`` by ranks: the last node of the kernels it reaches."""
    if a == 1 and b == 1:
        return "DotBackward0"
    if a == 2 and b == 2:
        return "MmBackward0"
    if a == 2 and b == 1:
        return "MvBackward0"
    if a == 1 and b == 2:
        return "SqueezeBackward4"   # unsqueeze, mm, squeeze
    if a == 2 and b >= 3:
        return "CloneBackward0"     # (b^T @ a^T)^T made contiguous
    return "UnsafeViewBackward0"


def _softmax_kwargs(t, dim, dtype):
    if dim is None:
        dim = F.implicit_softmax_dim(t.ndim)
        warnings.warn("Implicit dimension choice for softmax has been deprecated. Change the call "
                      "to include dim=X as an argument.", UserWarning, stacklevel=3)
    return {"dim": dim, "dtype": None if dtype is None else dtype.np}


def _hashable(dim):
    return tuple(dim) if isinstance(dim, list) else dim


_SCALAR_OPERANDS = (builtins.int, builtins.float, builtins.bool, builtins.complex, np.ndarray,
                    np.generic)


def _is_tensor(x) -> bool:
    return isinstance(x, _dispatch.Tensor)


def _is_operand(x) -> bool:
    return isinstance(x, _dispatch.Tensor) or isinstance(x, _SCALAR_OPERANDS)


def _operator(method):
    # torch's operators answer NotImplemented for operands they cannot take (a list, a str,
    # None), so Python tries the reflected operator and raises torch's TypeError.
    def operator(self, other):
        if not _is_operand(other):
            return NotImplemented
        return method(self, other)
    operator.__name__ = operator.__qualname__ = method.__name__
    return operator


def _as_tensor_like(x, like):
    from .creation import as_tensor
    return as_tensor(x, dtype=like.dtype)


for _name, (_fn, _grad) in UNARY.items():
    setattr(MathMixin, _name, _unary_method(_fn, _grad))
    setattr(MathMixin, _name + "_", _inplace_method(_fn, _grad, 1))
for _name, (_fn, _grad) in BINARY.items():
    setattr(MathMixin, _name, _binary_method(_fn, _grad))
    setattr(MathMixin, _name + "_", _inplace_method(_fn, _grad, 2))
for _alias, _target in ALIASES.items():
    setattr(MathMixin, _alias, getattr(MathMixin, _target))
for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor",
              "lt", "le", "gt", "ge"):
    for _form in ("__{}__", "__r{}__", "__i{}__"):
        _dunder = _form.format(_name)
        if _dunder in MathMixin.__dict__:
            setattr(MathMixin, _dunder, _operator(MathMixin.__dict__[_dunder]))
