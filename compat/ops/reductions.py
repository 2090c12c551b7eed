"""Op-table entries: reductions, scans, softmax, matrix products, and torch.return_types.

>>> import compat as torch
>>> x = torch.tensor([[1., 5.], [3., 2.]], requires_grad=True)
>>> x.sum(), x.max(dim=1).indices
(tensor(11., grad_fn=<SumBackward0>), tensor([1, 0]))
"""
from __future__ import annotations

import builtins
import warnings

from jaxgrad import functional as F

from ..tensors import Tensor
from .registry import check_input, function, method, op


class _ReturnType(tuple):
    """torch.return_types.max/min/…: a named pair (``values``, ``indices`` unless the type
    says otherwise) with torch's repr."""

    _name = "max"
    _fields = ("values", "indices")

    def __new__(cls, *values):
        if len(values) != len(cls._fields):
            raise TypeError(f"torch.return_types.{cls._name} takes {len(cls._fields)} values")
        return tuple.__new__(cls, values)

    def __getattr__(self, name):
        if name in type(self)._fields:
            return self[type(self)._fields.index(name)]
        raise AttributeError(f"'torch.return_types.{self._name}' object has no attribute "
                             f"'{name}'")

    def __repr__(self):
        fields = ",\n".join(f"{f}={v!r}" for f, v in zip(type(self)._fields, self))
        return f"torch.return_types.{self._name}(\n{fields})"


def return_type(name, fields=("values", "indices")):
    """The ``torch.return_types.<name>`` class.

    >>> pair = return_type("linalg_cholesky_ex", ("L", "info"))(1, 0)
    >>> pair.L, pair.info
    (1, 0)
    """
    return type(name, (_ReturnType,), {"_name": name, "_fields": tuple(fields),
                                       "__module__": "torch.return_types", "__slots__": ()})


RETURN_TYPES = {n: return_type(n) for n in ("max", "min", "sort", "topk", "kthvalue", "median",
                                              "nanmedian", "mode", "cummax", "cummin")}


def _whole_or_dims(whole, dims):
    """Naming rule: torch's dim-list overload is what any dim or keepdim argument reaches."""
    return lambda self, dim, keepdim, dtype: whole if dim is None and not keepdim else dims


sum = op("sum(self, dim=None, keepdim=False, *, dtype=None)", F.sum,
         _whole_or_dims("SumBackward0", "SumBackward1"))
mean = op("mean(self, dim=None, keepdim=False, *, dtype=None)", F.mean,
          _whole_or_dims("MeanBackward0", "MeanBackward1"))
prod = op("prod(self, dim=None, keepdim=False, *, dtype=None)", F.prod,
          lambda self, dim, keepdim, dtype: "ProdBackward0" if dim is None else "ProdBackward1")

# std/var: the Python front (legacy ``std(unbiased)``, the degrees-of-freedom warning) is the
# composite below; the entries take the resolved correction.
_std = op("std.correction(self, dim, correction, keepdim)", F.std, "StdBackward0",
          method=False, function=False)
_var = op("var.correction(self, dim, correction, keepdim)", F.var, "VarBackward0",
          method=False, function=False)


def _spread(name, spec):
    def reduce(self, dim=None, unbiased=None, keepdim=False, *, correction=None):
        if isinstance(dim, builtins.bool):  # the legacy positional std(unbiased) form
            dim, unbiased = None, dim
        if correction is None:
            correction = 1 if unbiased in (None, True) else 0
        out = spec(self, dim, correction, keepdim)
        _warn_degrees_of_freedom(name, self, dim, correction)
        return out
    reduce.__name__ = reduce.__qualname__ = name
    reduce.__doc__ = (f"``{name}(dim=None, unbiased=None, keepdim=False, *, correction=None)``: "
                      f"torch's {name} (Bessel-corrected by default).")
    return reduce


std = method("std", function=True)(_spread("std", _std))
var = method("var", function=True)(_spread("var", _var))
_std_mean = op("std_mean.correction(self, dim, correction, keepdim)", F.std_mean,
               "StdMeanBackward0", method=False, function=False)
_var_mean = op("var_mean.correction(self, dim, correction, keepdim)", F.var_mean,
               "VarMeanBackward0", method=False, function=False)


def _spread_and_mean(name, spec):
    # torch has these as functions only: ``torch.std_mean(input, …)`` → (std, mean)
    reduce = _spread(name, spec)

    def spread_and_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
        check_input(input, name)
        return reduce(input, dim, unbiased, keepdim, correction=correction)
    spread_and_mean.__name__ = spread_and_mean.__qualname__ = name
    spread_and_mean.__doc__ = (f"``torch.{name}(input, dim=None, unbiased=None, keepdim=False, "
                               f"*, correction=None)``: (``{name[:3]}``, ``mean``) over ``dim``.")
    return spread_and_mean


std_mean = function("std_mean")(_spread_and_mean("std_mean", _std_mean))
var_mean = function("var_mean")(_spread_and_mean("var_mean", _var_mean))


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


_max_all = op("max(self)", F.max, "MaxBackward1", method=False, function=False)
_min_all = op("min(self)", F.min, "MinBackward1", method=False, function=False)
_max_dim = op("max.dim(self, dim, keepdim=False)", F.max_dim, "MaxBackward0", method=False,
              function=False)
_min_dim = op("min.dim(self, dim, keepdim=False)", F.min_dim, "MinBackward0", method=False,
              function=False)


def _extreme(name, whole, along, pairwise):
    def extreme(self, dim=None, keepdim=False):
        if dim is None:
            return whole(self)
        if isinstance(dim, Tensor):
            return getattr(self, pairwise)(dim)
        return RETURN_TYPES[name](*along(self, dim, keepdim))
    extreme.__name__ = extreme.__qualname__ = name
    extreme.__doc__ = (f"``{name}()``: the {name}imum element; ``{name}(dim, keepdim=False)``: "
                       f"(values, indices) along ``dim``; ``{name}(other)``: ``{pairwise}``.")
    return extreme


max = method("max", function=True)(_extreme("max", _max_all, _max_dim, "maximum"))
min = method("min", function=True)(_extreme("min", _min_all, _min_dim, "minimum"))

amax = op("amax(self, dim=(), keepdim=False)", F.amax, "AmaxBackward0")
amin = op("amin(self, dim=(), keepdim=False)", F.amin, "AminBackward0")
argmax = op("argmax(self, dim=None, keepdim=False)", F.argmax, "")
argmin = op("argmin(self, dim=None, keepdim=False)", F.argmin, "")
_norm = op("norm(self, p='fro', dim=None, keepdim=False)", F.norm,
           lambda self, p, dim, keepdim: "SumBackward1" if p == "nuc" else "LinalgVectorNormBackward0",
           method=False, function=False)


@method("norm", function=True, axis=False)  # torch's norm is Python: no axis=
def norm(self, p="fro", dim=None, keepdim=False, dtype=None):
    """The ``p``-norm over ``dim`` (all elements by default; 'fro' is the 2-norm).

    >>> import compat as torch
    >>> torch.tensor([3., 4.]).norm()
    tensor(5.)
    """
    out = _norm(self, p, dim, keepdim)
    return out if dtype is None else out.to(dtype)


logsumexp = op("logsumexp(self, dim, keepdim=False)", F.logsumexp, "LogsumexpBackward0")
all = op("all(self, dim=None, keepdim=False)", F.all, "")
any = op("any(self, dim=None, keepdim=False)", F.any, "")
count_nonzero = op("count_nonzero(self, dim=None)", F.count_nonzero, "")
cumsum = op("cumsum(self, dim, dtype=None)", F.cumsum, "CumsumBackward0")
cumprod = op("cumprod(self, dim, dtype=None)", F.cumprod, "CumprodBackward0")

# ----------------------------------------------------------------------------- softmax
_softmax = op("softmax(self, dim, dtype=None)", F.softmax, "SoftmaxBackward0", method=False,
              function=False)
_log_softmax = op("log_softmax(self, dim, dtype=None)", F.log_softmax, "LogSoftmaxBackward0",
                  method=False, function=False)
_REQUIRED = object()  # an argument torch requires, with torch's message when it is missing


def _softmax_method(name, spec):
    def softmax(self, dim=_REQUIRED, dtype=None):
        if dim is _REQUIRED:
            raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
        if dim is None:
            dim = implicit_dim(name, self.ndim, stacklevel=3)
        return spec(self, dim, dtype)
    softmax.__name__ = softmax.__qualname__ = name
    softmax.__doc__ = f"``{name}(dim, dtype=None)`` along ``dim``."
    return softmax


def implicit_dim(name, ndim, stacklevel):
    """torch's deprecated choice of dim for softmax-like ops called without one."""
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to "
                  "include dim=X as an argument.", UserWarning, stacklevel=stacklevel + 1)
    return F.implicit_softmax_dim(ndim)


softmax = method("softmax", function=True)(_softmax_method("softmax", _softmax))
log_softmax = method("log_softmax", function=True)(_softmax_method("log_softmax", _log_softmax))


# ----------------------------------------------------------------------------- products
def _matmul_name(self, other):
    """torch's grad_fn for ``matmul`` by ranks: the last node of the kernels it reaches."""
    a, b = self.ndim, other.ndim
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


matmul = op("matmul(self, other)", F.matmul, _matmul_name, traced=("self", "other"),
            tensors_only=("other",))
mm = op("mm(self, mat2)", F.mm, "MmBackward0", traced=("self", "mat2"), tensors_only=("mat2",))
bmm = op("bmm(self, mat2)", F.bmm, "BmmBackward0", traced=("self", "mat2"),
         tensors_only=("mat2",))
dot = op("dot(self, tensor)", F.dot, "DotBackward0", traced=("self", "tensor"),
         tensors_only=("tensor",), fn_names={"tensor": "other"})
mv = op("mv(self, vec)", F.mv, "MvBackward0", traced=("self", "vec"), tensors_only=("vec",))
outer = op("outer(self, vec2)", F.outer, "MulBackward0", traced=("self", "vec2"),
           tensors_only=("vec2",), aliases=("ger",))
addmm = op("addmm(self, mat1, mat2, *, beta=1, alpha=1)", F.addmm, "AddmmBackward0",
           traced=("self", "mat1", "mat2"), inplace=True)
