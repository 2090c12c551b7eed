"""Op-table entries: elementwise math, comparisons, logic and Python's operators.

>>> import compat as torch
>>> x = torch.tensor([1., 4.], requires_grad=True)
>>> x.sqrt(), torch.remainder(x, torch.tensor(3.)).grad_fn.name()
(tensor([1., 2.], grad_fn=<SqrtBackward0>), 'RemainderBackward1')
"""
from __future__ import annotations

import builtins

import numpy as np

from jaxgrad import functional as F
from jaxgrad.functional.elementwise import no_derivative

from ..dispatch import argument_type_error
from ..tensors import Tensor
from ..typenames import type_name
from .registry import METHODS, function, method, op


def is_tensor(x) -> bool:
    return isinstance(x, Tensor)


def by_other(scalar_name, tensor_name):
    """A naming rule: torch's Scalar and Tensor overloads of ``other`` have different nodes."""
    return lambda self, other, *rest: tensor_name if is_tensor(other) else scalar_name


# ----------------------------------------------------------------------------- unary
# method name → (op, grad_fn); each also has an in-place ``name_`` and a ``torch.name``.
_UNARY = {
    "abs": (F.abs, "AbsBackward0", ("absolute",)), "neg": (F.neg, "NegBackward0", ("negative",)),
    "exp": (F.exp, "ExpBackward0", ()), "exp2": (F.exp2, "Exp2Backward0", ()),
    "expm1": (F.expm1, "Expm1Backward0", ()), "log": (F.log, "LogBackward0", ()),
    "log2": (F.log2, "Log2Backward0", ()), "log10": (F.log10, "Log10Backward0", ()),
    "log1p": (F.log1p, "Log1PBackward0", ()), "sqrt": (F.sqrt, "SqrtBackward0", ()),
    "rsqrt": (F.rsqrt, "RsqrtBackward0", ()), "sin": (F.sin, "SinBackward0", ()),
    "cos": (F.cos, "CosBackward0", ()), "tan": (F.tan, "TanBackward0", ()),
    "asin": (F.asin, "AsinBackward0", ("arcsin",)), "acos": (F.acos, "AcosBackward0", ("arccos",)),
    "atan": (F.atan, "AtanBackward0", ("arctan",)), "sinh": (F.sinh, "SinhBackward0", ()),
    "cosh": (F.cosh, "CoshBackward0", ()), "tanh": (F.tanh, "TanhBackward0", ()),
    "sigmoid": (F.sigmoid, "SigmoidBackward0", ()), "relu": (F.relu, "ReluBackward0", ()),
    "erf": (F.erf, "ErfBackward0", ()), "sign": (F.sign, "SignBackward0", ()),
    "lgamma": (F.lgamma, "LgammaBackward0", ()), "digamma": (F.digamma, "DigammaBackward0", ()),
    "floor": (F.floor, "FloorBackward0", ()), "ceil": (F.ceil, "CeilBackward0", ()),
    "trunc": (F.trunc, "TruncBackward0", ("fix",)), "frac": (F.frac, "FracBackward0", ()),
    "reciprocal": (F.reciprocal, "ReciprocalBackward0", ()),
    "square": (F.square, "PowBackward0", ()),
    "logical_not": (F.logical_not, "LogicalNotBackward0", ()),
    "bitwise_not": (F.bitwise_not, "BitwiseNotBackward0", ()),
    "isnan": (F.isnan, "", ()), "isinf": (F.isinf, "", ()), "isfinite": (F.isfinite, "", ()),
}
_NN = {"relu": "inplace", "tanh": True, "sigmoid": True}  # also nn.functional's
UNARY = {name: op(f"{name}(self)", fn, grad_fn, inplace=not name.startswith("is"), pointwise=True,
                  aliases=aliases, nn=_NN.get(name, False))
         for name, (fn, grad_fn, aliases) in _UNARY.items()}


# ----------------------------------------------------------------------------- binary
def _integral(x) -> bool:
    if is_tensor(x):
        return not (x.dtype.is_floating_point or x.dtype.is_complex)
    return isinstance(x, builtins.int)


def check_integer_divisor(a, b):
    """torch raises for integer division by zero (XLA would return an arbitrary value)."""
    if _integral(a) and _integral(b):
        zero = builtins.bool((b._value == 0).any()) if is_tensor(b) else b == 0
        if zero:
            raise RuntimeError("ZeroDivisionError")


def _dividing(self, other, *rest):
    check_integer_divisor(self, other)
    return (self, other, *rest)


_BINARY = {
    "mul": (F.mul, "MulBackward0", ("multiply",)),
    "atan2": (F.atan2, "Atan2Backward0", ("arctan2",)),
    "maximum": (F.maximum, "MaximumBackward0", ()), "minimum": (F.minimum, "MinimumBackward0", ()),
    "logical_and": (F.logical_and, "LogicalAndBackward0", ()),
    "logical_or": (F.logical_or, "LogicalOrBackward0", ()),
    "logical_xor": (F.logical_xor, "LogicalXorBackward0", ()),
    "bitwise_and": (F.bitwise_and, "BitwiseAndBackward0", ()),
    "bitwise_or": (F.bitwise_or, "BitwiseOrBackward0", ()),
    "bitwise_xor": (F.bitwise_xor, "BitwiseXorBackward0", ()),
    "eq": (F.eq, "", ()), "ne": (F.ne, "", ("not_equal",)), "lt": (F.lt, "", ("less",)),
    "le": (F.le, "", ("less_equal",)), "gt": (F.gt, "", ("greater",)),
    "ge": (F.ge, "", ("greater_equal",)),
}
_NOT_IN_PLACE = {"maximum", "minimum"}  # torch has no maximum_/minimum_
# torch's overloads of these take a Tensor ``other`` only (``x.maximum(2)`` is a TypeError)
_TENSOR_OTHER = {"maximum", "minimum", "atan2", "logical_and", "logical_or", "logical_xor"}
BINARY = {name: op(f"{name}(self, other)", fn, grad_fn, traced=("self", "other"),
                   tensors_only=("other",) if name in _TENSOR_OTHER else (),
                   inplace=name not in _NOT_IN_PLACE, aliases=aliases, scalar_input=name == "mul",
                   pointwise=True)
          for name, (fn, grad_fn, aliases) in _BINARY.items()}
hypot = op("hypot(self, other)", F.hypot, "HypotBackward0", traced=("self", "other"),
           tensors_only=("other",), inplace=True, pointwise=True)
_SHIFT_SIGNATURES = ("(Tensor input, Tensor other, *, Tensor out = None)",
                     "(Number self, Tensor other)",
                     "(Tensor input, Number other, *, Tensor out = None)")


def _shifting(name):
    # torch's overloads take a Number first (``2 << x``) but not two Numbers
    def prepare(self, other):
        if not (is_tensor(self) or is_tensor(other)):
            from ..creation import invalid_combination  # lazy: creation needs the full Tensor
            raise TypeError(invalid_combination(name, [type_name(self), type_name(other)], [],
                                                _SHIFT_SIGNATURES))
        return (self, other)
    return prepare


bitwise_left_shift = op("bitwise_left_shift(self, other)", F.bitwise_left_shift, "",
                        traced=("self", "other"), inplace=True, scalar_input=True,
                        prepare=_shifting("bitwise_left_shift"), pointwise=True)
bitwise_right_shift = op("bitwise_right_shift(self, other)", F.bitwise_right_shift, "",
                         traced=("self", "other"), inplace=True, scalar_input=True,
                         prepare=_shifting("bitwise_right_shift"), pointwise=True)
remainder = op("remainder(self, other)", F.remainder,
               by_other("RemainderBackward0", "RemainderBackward1"), traced=("self", "other"),
               inplace=True, prepare=_dividing, scalar_input=True, pointwise=True)
fmod = op("fmod(self, other)", F.fmod, by_other("FmodBackward0", "FmodBackward1"),
          traced=("self", "other"), inplace=True, prepare=_dividing, pointwise=True)
floor_divide = op("floor_divide(self, other)", F.floor_divide, "NotImplemented",
                  traced=("self", "other"), inplace=True, prepare=_dividing, pointwise=True)
add = op("add(self, other, *, alpha=1)", F.add, "AddBackward0", traced=("self", "other"),
         inplace=True, scalar_input=True, pointwise=True)
sub = op("sub(self, other, *, alpha=1)", F.sub, "SubBackward0", traced=("self", "other"),
         inplace=True, aliases=("subtract",), scalar_input=True, pointwise=True)
rsub = op("rsub(self, other, *, alpha=1)", F.rsub, by_other("RsubBackward1", "RsubBackward0"),
          traced=("self", "other"), method=False, function=False, pointwise=True)


def _div_name(self, other, rounding_mode):
    return "DivBackward2" if rounding_mode else "DivBackward0"


def _rounded_division(self, other, rounding_mode):
    if rounding_mode is not None:
        check_integer_divisor(self, other)
    return (self, other, rounding_mode)


div = op("div(self, other, *, rounding_mode=None)", F.div, _div_name, traced=("self", "other"),
         inplace=True, prepare=_rounded_division, aliases=("divide", "true_divide"),
         scalar_input=True, pointwise=True)


def _check_integer_power(self, exponent):
    if isinstance(exponent, builtins.int) and not isinstance(exponent, builtins.bool) \
            and exponent < 0 and not (self.dtype.is_floating_point or self.dtype.is_complex):
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    return (self, exponent)


pow = op("pow(self, exponent)", F.pow, by_other("PowBackward0", "PowBackward1"),
         traced=("self", "exponent"), inplace=True, prepare=_check_integer_power,
         scalar_input=True, pointwise=True)
# ``2 ** x``, ``2 // x`` and ``2 % x``: torch's overloads with a Scalar first (parameters in
# the jaxgrad op's order; torch has no derivative for ``2 % x``).
pow_scalar_base = op("pow.Scalar(base, exponent)", F.pow, "PowBackward2",
                     traced=("base", "exponent"), fn_names={"base": "input"}, method=False,
                     function=False, pointwise=True)
floor_divide_scalar = op("floor_divide.Scalar(dividend, divisor)", F.floor_divide,
                         "NotImplemented", traced=("dividend", "divisor"),
                         fn_names={"dividend": "input", "divisor": "other"}, method=False,
                         function=False, pointwise=True)
remainder_scalar = op("remainder.Scalar(dividend, divisor)",
                      no_derivative(F.remainder, "remainder"), "NotImplemented",
                      traced=("dividend", "divisor"), method=False, function=False,
                      pointwise=True)


def _clamp_name(self, min, max):
    return "ClampBackward0" if is_tensor(min) or is_tensor(max) else "ClampBackward1"


clamp = op("clamp(self, min=None, max=None)", F.clamp, _clamp_name, traced=("self", "min", "max"),
           inplace=True, aliases=("clip",), pointwise=True)


def _one_bound_name(kind):
    return lambda self, bound: f"Clamp{kind}Backward{1 if is_tensor(bound) else 0}"


# clamp with one bound: torch's own ops (their nodes are ClampMin/ClampMax, not Clamp)
clamp_min = op("clamp_min(self, min)", F.clamp, _one_bound_name("Min"), traced=("self", "min"),
               inplace=True, pointwise=True)
clamp_max = op("clamp_max(self, max)", F.clamp, _one_bound_name("Max"), traced=("self", "max"),
               inplace=True, pointwise=True)




def _lerp_weight(self, end, weight):
    # torch reads a bool weight as the Scalar 0 or 1
    return (self, end, builtins.float(weight) if type(weight) is builtins.bool else weight)


lerp = op("lerp(self, end, weight)", F.lerp,
          lambda self, end, weight: "LerpBackward1" if is_tensor(weight) else "LerpBackward0",
          traced=("self", "end", "weight"), tensors_only=("end",), inplace=True,
          prepare=_lerp_weight, pointwise=True)


def _value_number(self, tensor1, tensor2, value):
    # torch's parser reads ``value`` as a Scalar (a 0-d tensor gives its number)
    return (self, tensor1, tensor2, value.item() if is_tensor(value) else value)


addcmul = op("addcmul(self, tensor1, tensor2, *, value=1)", F.addcmul, "AddcmulBackward0",
             traced=("self", "tensor1", "tensor2"), tensors_only=("tensor1", "tensor2"),
             inplace=True, prepare=_value_number, pointwise=True)
addcdiv = op("addcdiv(self, tensor1, tensor2, *, value=1)", F.addcdiv, "AddcdivBackward0",
             traced=("self", "tensor1", "tensor2"), tensors_only=("tensor1", "tensor2"),
             inplace=True, prepare=_value_number, pointwise=True)
round = op("round(self, *, decimals=0)", F.round,
           lambda self, decimals: "RoundBackward1" if decimals else "RoundBackward0", inplace=True,
           pointwise=True)
where = op("where(self, condition, other)", F.where, "WhereBackward0",
           traced=("self", "condition", "other"), function=False, pointwise=True)
masked_fill = op("masked_fill(self, mask, value)", F.masked_fill, "MaskedFillBackward0",
                 traced=("self", "mask", "value"), inplace=True)
isclose = op("isclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False)", F.isclose, "",
             traced=("self", "other"))


@method("allclose", function=True)
def allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
    """Whether every element of ``self`` is close to ``other`` (``isclose(...).all()``).

    >>> import compat as torch
    >>> torch.ones(2).allclose(torch.ones(2) + 1e-9)
    True
    """
    return builtins.bool(self.isclose(other, rtol, atol, equal_nan).all())


def _equal(self, other, other_position) -> bool:
    # torch's parser counts ``other``'s position from ``self`` for the method, from ``input``
    # for torch.equal
    if not isinstance(other, Tensor):
        raise argument_type_error("equal", "other", other_position, other)
    return tuple(self.shape) == tuple(other.shape) and builtins.bool((self == other).all())


@method("equal")
def equal(self, other) -> bool:
    """Same shape and same values; ``other`` must be a Tensor.

    >>> import compat as torch
    >>> torch.ones(2).equal(torch.ones(3))
    False
    """
    return _equal(self, other, 1)


@function("equal")
def equal_function(input, other) -> bool:
    """``torch.equal(input, other)``: :meth:`Tensor.equal`, counting positions from ``input``.

    >>> import compat as torch
    >>> torch.equal(torch.ones(2), torch.ones(2))
    True
    """
    if not isinstance(input, Tensor):
        raise argument_type_error("equal", "input", 1, input)
    return _equal(input, other, 2)


# ----------------------------------------------------------------------------- operators
_SCALAR_OPERANDS = (builtins.int, builtins.float, builtins.bool, builtins.complex, np.ndarray,
                    np.generic)


def is_operand(x) -> bool:
    return isinstance(x, Tensor) or isinstance(x, _SCALAR_OPERANDS)


def _operator(fn, name, accepts=is_operand):
    # torch's operators answer NotImplemented for operands they cannot take (a list, a str,
    # None; for ``@`` any non-Tensor), so Python tries the reflected operator and raises its
    # TypeError.
    def operator(self, other):
        if not accepts(other):
            return NotImplemented
        return fn(self, other)
    operator.__name__ = operator.__qualname__ = name
    operator.__doc__ = f"``{name}``: {getattr(fn, '__name__', name)}."
    return operator


def _rtruediv(self, other):
    # torch computes ``other / x`` as ``x.reciprocal() * other``.
    return self.reciprocal() * other


def _rfloordiv(self, other):
    check_integer_divisor(other, self)
    return floor_divide_scalar(other, self)


def _rmod(self, other):
    check_integer_divisor(other, self)
    return remainder_scalar(other, self)


def _rmatmul(self, other):
    from ..creation import as_tensor  # lazy: creation imports the Tensor class that this fills
    return as_tensor(other, dtype=self.dtype).matmul(self)


def _eq(self, other):
    if other is None or not is_operand(other):
        return False
    return BINARY["eq"](self, other)


def _ne(self, other):
    if other is None or not is_operand(other):
        return True
    return BINARY["ne"](self, other)


def _operators():
    """Python's operators on Tensor, each one of the table's methods (looked up when called,
    so every method exists by then)."""
    m = METHODS
    table = {
        "__add__": lambda s, o: m["add"](s, o), "__radd__": lambda s, o: m["add"](s, o),
        "__iadd__": lambda s, o: m["add_"](s, o),
        "__sub__": lambda s, o: m["sub"](s, o), "__rsub__": lambda s, o: rsub(s, o),
        "__isub__": lambda s, o: m["sub_"](s, o),
        "__mul__": lambda s, o: m["mul"](s, o), "__rmul__": lambda s, o: m["mul"](s, o),
        "__imul__": lambda s, o: m["mul_"](s, o),
        "__truediv__": lambda s, o: m["div"](s, o), "__rtruediv__": _rtruediv,
        "__itruediv__": lambda s, o: m["div_"](s, o),
        "__floordiv__": lambda s, o: m["floor_divide"](s, o), "__rfloordiv__": _rfloordiv,
        "__ifloordiv__": lambda s, o: m["floor_divide_"](s, o),
        "__mod__": lambda s, o: m["remainder"](s, o), "__rmod__": _rmod,
        "__imod__": lambda s, o: m["remainder_"](s, o),
        "__pow__": lambda s, o: m["pow"](s, o), "__rpow__": lambda s, o: pow_scalar_base(o, s),
        "__ipow__": lambda s, o: m["pow_"](s, o),
        "__matmul__": lambda s, o: m["matmul"](s, o), "__rmatmul__": _rmatmul,
        "__and__": lambda s, o: m["bitwise_and"](s, o), "__rand__": lambda s, o: m["bitwise_and"](s, o),
        "__iand__": lambda s, o: m["bitwise_and_"](s, o),
        "__or__": lambda s, o: m["bitwise_or"](s, o), "__ror__": lambda s, o: m["bitwise_or"](s, o),
        "__ior__": lambda s, o: m["bitwise_or_"](s, o),
        "__xor__": lambda s, o: m["bitwise_xor"](s, o), "__rxor__": lambda s, o: m["bitwise_xor"](s, o),
        "__ixor__": lambda s, o: m["bitwise_xor_"](s, o),
        "__lshift__": lambda s, o: m["bitwise_left_shift"](s, o),
        "__rlshift__": lambda s, o: m["bitwise_left_shift"](o, s),
        "__ilshift__": lambda s, o: m["bitwise_left_shift_"](s, o),
        "__rshift__": lambda s, o: m["bitwise_right_shift"](s, o),
        "__rrshift__": lambda s, o: m["bitwise_right_shift"](o, s),
        "__irshift__": lambda s, o: m["bitwise_right_shift_"](s, o),
        "__lt__": lambda s, o: m["lt"](s, o), "__le__": lambda s, o: m["le"](s, o),
        "__gt__": lambda s, o: m["gt"](s, o), "__ge__": lambda s, o: m["ge"](s, o),
    }
    ops = {name: _operator(fn, name) for name, fn in table.items()}
    # ``@`` takes Tensors only: a number answers NotImplemented, so Python raises its TypeError
    ops["__matmul__"] = _operator(table["__matmul__"], "__matmul__", is_tensor)
    ops["__rmatmul__"] = _operator(table["__rmatmul__"], "__rmatmul__", is_tensor)
    ops.update({
        "__eq__": _eq, "__ne__": _ne,
        "__neg__": lambda s: m["neg"](s), "__pos__": lambda s: s, "__abs__": lambda s: m["abs"](s),
        "__invert__": lambda s: m["bitwise_not"](s),
    })
    return ops


OPERATORS = _operators()


@function("rsub")
def rsub_function(input, other, alpha=1):
    """``torch.rsub(input, other, alpha=1)``: ``other - alpha * input``.

    >>> import compat as torch
    >>> torch.rsub(torch.ones(2), 5)
    tensor([4., 4.])
    """
    return rsub(input, other, alpha=alpha)
