"""Op-table entries: more pointwise math (inverse hyperbolic functions, erfc/erfinv, angle
conversions, sinc, logit, nan_to_num, sign and infinity tests, copysign, heaviside, fmax/fmin,
logaddexp/logaddexp2, xlogy, float_power) and ``positive``.

>>> import compat as torch
>>> x = torch.tensor([0.5, 2.], requires_grad=True)
>>> x.asinh().grad_fn.name(), torch.xlogy(x, 2).grad_fn.name()
('AsinhBackward0', 'XlogyBackward2')
"""
from __future__ import annotations

from jaxgrad.dtypes import torch_type_name
from jaxgrad.functional import pointwise_math as P

from .. import dtypes as _dt
from .. import views
from ..tensors import Tensor
from .registry import method, op


def _is_tensor(x) -> bool:
    return isinstance(x, Tensor)


_UNARY = {
    "acosh": (P.acosh, "AcoshBackward0", ("arccosh",)),
    "asinh": (P.asinh, "AsinhBackward0", ("arcsinh",)),
    "atanh": (P.atanh, "AtanhBackward0", ("arctanh",)),
    "erfc": (P.erfc, "ErfcBackward0", ()), "erfinv": (P.erfinv, "ErfinvBackward0", ()),
    "deg2rad": (P.deg2rad, "Deg2RadBackward0", ()), "rad2deg": (P.rad2deg, "Rad2DegBackward0", ()),
    "sinc": (P.sinc, "SincBackward0", ()), "sgn": (P.sgn, "SgnBackward0", ()),
}
# torch's in-place acosh_, asinh_ and atanh_ have nodes of their own (…Backward1), with no
# derivative formula
_OWN_IN_PLACE = {"acosh", "asinh", "atanh"}
UNARY = {name: op(f"{name}(self)", fn, grad_fn, inplace=name not in _OWN_IN_PLACE,
                  pointwise=True, aliases=aliases)
         for name, (fn, grad_fn, aliases) in _UNARY.items()}


def _own_in_place(name):
    fn, grad_fn, aliases = _UNARY[name]
    entry = op(f"{name}_(self)", P.in_place_without_derivative(fn, name), grad_fn.replace("Backward0", "Backward1"), method=False,
               function=False, pointwise=True)

    def in_place(self):
        return views.inplace(entry.spec, (self,))
    in_place.__name__ = in_place.__qualname__ = name + "_"
    in_place.__doc__ = f"``Tensor.{name}_()``: :meth:`{name}` in place, returning this tensor."
    return method(name + "_", aliases=tuple(a + "_" for a in aliases))(in_place)


OWN_IN_PLACE = {name: _own_in_place(name) for name in sorted(_OWN_IN_PLACE)}
TESTS = {name: op(f"{name}(self)", getattr(P, name), "", pointwise=True)
         for name in ("signbit", "isposinf", "isneginf", "isreal")}
logit = op("logit(self, eps=None)", P.logit, "LogitBackward0", inplace=True, pointwise=True)
nan_to_num = op("nan_to_num(self, nan=0.0, posinf=None, neginf=None)", P.nan_to_num,
                "NanToNumBackward0", inplace=True, pointwise=True)

copysign = op("copysign(self, other)", P.copysign,
              lambda self, other: "CopysignBackward0" if _is_tensor(other) else "CopysignBackward1",
              traced=("self", "other"), inplace=True, pointwise=True)
heaviside = op("heaviside(self, values)", P.heaviside, "NotImplemented",
               traced=("self", "values"), tensors_only=("values",), inplace=True, pointwise=True)
fmax = op("fmax(self, other)", P.fmax, "FmaxBackward0", traced=("self", "other"),
          tensors_only=("other",), pointwise=True)
fmin = op("fmin(self, other)", P.fmin, "FminBackward0", traced=("self", "other"),
          tensors_only=("other",), pointwise=True)
logaddexp = op("logaddexp(self, other)", P.logaddexp, "LogaddexpBackward0",
               traced=("self", "other"), tensors_only=("other",), pointwise=True)
logaddexp2 = op("logaddexp2(self, other)", P.logaddexp2, "Logaddexp2Backward0",
                traced=("self", "other"), tensors_only=("other",), pointwise=True)


def _xlogy_name(self, other):
    if not _is_tensor(self):
        return "XlogyBackward1"
    return "XlogyBackward0" if _is_tensor(other) else "XlogyBackward2"


xlogy = op("xlogy(self, other)", P.xlogy, _xlogy_name, traced=("self", "other"), inplace=True,
           scalar_input=True, pointwise=True)


def _float_power_name(self, exponent):
    if not _is_tensor(self):
        return "PowBackward2"
    return "PowBackward1" if _is_tensor(exponent) else "PowBackward0"


float_power = op("float_power(self, exponent)", P.float_power, _float_power_name,
                 traced=("self", "exponent"), scalar_input=True, pointwise=True)


@method("float_power_")
def float_power_(self, exponent):
    """``Tensor.float_power_(exponent)``: :meth:`float_power` in place, on a float64 (or
    complex128) tensor only.

    >>> import compat as torch
    >>> torch.tensor([2., 3.], dtype=torch.float64).float_power_(2)
    tensor([4., 9.], dtype=torch.float64)
    """
    operands = (self, exponent) if _is_tensor(exponent) else (self,)
    wide = _dt.complex128 if any(t.dtype.is_complex for t in operands) else _dt.float64
    if self.dtype != wide:
        raise RuntimeError(f"the base given to float_power_ has dtype {torch_type_name(self.dtype.np)} "
                           f"but the operation's result requires dtype {torch_type_name(wide.np)}")
    return views.inplace(float_power.spec, (self, exponent))


@method("positive", function=True)
def positive(self):
    """``+self``: this very tensor (torch refuses a bool tensor).

    >>> import compat as torch
    >>> x = torch.ones(2)
    >>> torch.positive(x) is x
    True
    """
    if self.dtype == _dt.bool:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return self

gcd = op("gcd(self, other)", P.gcd, "", traced=("self", "other"), tensors_only=("other",),
         inplace=True, pointwise=True)
lcm = op("lcm(self, other)", P.lcm, "", traced=("self", "other"), tensors_only=("other",),
         inplace=True, pointwise=True)
ldexp = op("ldexp(self, other)", P.ldexp, "LdexpBackward0", traced=("self", "other"),
           tensors_only=("other",), inplace=True, pointwise=True)
