"""The ``torch.<name>_`` in-place functions (``torch.relu_``, ``torch.exp_``, ``torch.fill_``…):
each is its Tensor method called on ``input``, so the op has one definition.

>>> import compat as torch
>>> x = torch.tensor([-1., 2.])
>>> torch.relu_(x) is x, x
(True, tensor([0., 2.]))
"""
from __future__ import annotations

from .registry import FUNCTIONS, check_input

# torch's in-place functions that are also Tensor methods
NAMES = (
    "abs_", "acos_", "acosh_", "arccos_", "arccosh_", "arcsin_", "arcsinh_", "arctan_",
    "arctanh_", "asin_", "asinh_", "atan_", "atanh_", "ceil_", "clamp_", "clip_", "cos_",
    "cosh_", "deg2rad_", "detach_", "erf_", "erfc_", "exp2_", "exp_", "expm1_", "fill_", "fix_",
    "floor_", "frac_", "index_put_", "log10_", "log1p_", "log2_", "log_", "logit_",
    "nan_to_num_", "neg_", "negative_", "rad2deg_", "reciprocal_", "relu_", "round_", "rsqrt_",
    "sigmoid_", "sin_", "sinc_", "sinh_", "sqrt_", "square_", "tan_", "tanh_", "trunc_",
    "xlogy_", "zero_", "gcd_", "lcm_", "ldexp_", "i0_",
)


def in_place_function(name):
    """``torch.<name>``: the Tensor method ``name`` applied to ``input`` (a Tensor)."""
    def function(input, *args, **kwargs):
        check_input(input, name)
        return getattr(input, name)(*args, **kwargs)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"torch.{name}: :meth:`Tensor.{name}` of ``input`` (in place)."
    function.__module__ = "torch"
    return function


for _name in NAMES:
    FUNCTIONS[_name] = in_place_function(_name)
