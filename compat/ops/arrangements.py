"""Op-table entries: ``nansum``/``nanmean``, ``trace``, ``logcumsumexp``, ``rot90``, ``diag``,
``diag_embed``, ``diagflat``, ``vdot``, ``kron``, ``inner``, ``cross``/``linalg.cross``,
``tile``, ``diff`` and ``tensor_split`` (the last ones composites of table ops, as in torch).

>>> import compat as torch
>>> x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
>>> x.trace(), x.tile(1, 2).grad_fn.name()
(tensor(5., grad_fn=<TraceBackward0>), 'RepeatBackward0')
"""
from __future__ import annotations

import builtins
import operator
import warnings

from jaxgrad.functional import arrangements as A

from ..tensors import Tensor
from .. import dtypes as _dt
from . import shape
from .registry import FUNCTIONS, method, op

# a view in torch: windows of ``size`` entries, ``step`` apart, that share self's storage
unfold = op("unfold(self, dimension, size, step)", A.unfold, "UnfoldBackward0", view=True,
            function=False)
nansum = op("nansum(self, dim=None, keepdim=False, *, dtype=None)", A.nansum, "NansumBackward0")
trace = op("trace(self)", A.trace, "TraceBackward0")
logcumsumexp = op("logcumsumexp(self, dim)", A.logcumsumexp, "LogcumsumexpBackward0")


def _dims_tuple(self, k, dims):
    return (self, k, tuple(dims))


rot90 = op("rot90(self, k=1, dims=(0, 1))", A.rot90, "Rot90Backward0", prepare=_dims_tuple)
diag_embed = op("diag_embed(self, offset=0, dim1=-2, dim2=-1)", A.diag_embed,
                "DiagEmbedBackward0")
# torch's diag of a matrix is diagonal_copy (its node keeps the name of diagonal's formula)
diag = op("diag(self, diagonal=0)", A.diag,
          lambda self, diagonal: "DiagEmbedBackward0" if self.ndim == 1
          else "DiagonalBackward0_copy")
diagflat = op("diagflat(self, offset=0)", A.diagflat, "DiagEmbedBackward0")
vdot = op("vdot(self, other)", A.vdot, "VdotBackward0", traced=("self", "other"),
          tensors_only=("other",))
# torch reshapes the broadcast product with _unsafe_view
kron = op("kron(self, other)", A.kron, "UnsafeViewBackward0", traced=("self", "other"),
          tensors_only=("other",))
linalg_cross = op("linalg_cross(self, other, *, dim=-1)", A.linalg_cross, "LinalgCrossBackward0",
                  traced=("self", "other"), tensors_only=("other",), method=False,
                  function=False, linalg="cross")

_CROSS_DIM_WARNING = (
    "Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the "
    "dim explicitly or simply use torch.linalg.cross.\nThe default value of dim will change to "
    "agree with that of linalg.cross in a future release. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Cross.cpp:63.)")
_WARNED = set()  # torch's TORCH_WARN_ONCE: once per process


@method("cross", function=True)
def cross(self, other, dim=None):
    """torch.cross: :func:`torch.linalg.cross` along ``dim``; without ``dim`` (deprecated, with
    torch's warning) along the first dim of size 3.

    >>> import compat as torch
    >>> torch.cross(torch.tensor([1., 0., 0.]), torch.tensor([0., 1., 0.]), dim=0)
    tensor([0., 0., 1.])
    """
    if dim is None:
        if "cross" not in _WARNED:
            _WARNED.add("cross")
            warnings.warn(_CROSS_DIM_WARNING, UserWarning, stacklevel=3)
        if isinstance(other, Tensor) and self.ndim == other.ndim:
            sizes = [builtins.max(a, b) for a, b in zip(self.shape, other.shape)]
            dim = next((d for d, n in enumerate(sizes) if n == 3), None)
            if dim is None:
                raise RuntimeError("no dimension of size 3 in input")
        else:
            dim = -1
    return linalg_cross(self, other, dim=dim)


@method("nanmean", function=True)
def nanmean(self, dim=None, keepdim=False, *, dtype=None):
    """torch.nanmean: the mean of the elements that are not NaN (a composite, as torch's:
    ``nansum / count``).

    >>> import compat as torch
    >>> torch.tensor([1., float('nan'), 3.]).nanmean()
    tensor(2.)
    """
    if not (self.dtype.is_floating_point or self.dtype.is_complex):
        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype "
                           f"but got {_dt_name(self.dtype)}")
    count = self.isnan().logical_not().sum(dim, keepdim)
    return nansum(self, dim, keepdim, dtype=dtype) / count


def _dt_name(dtype):
    return A.dtypes.torch_type_name(dtype.np)


def _sizes(dims):
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = tuple(dims[0])
    return tuple(operator.index(d) for d in dims)


@method("tile", function=True)
def tile(self, *dims):
    """torch.tile: :meth:`repeat` with ``dims`` padded with leading 1s to ``self.ndim``.

    >>> import compat as torch
    >>> torch.tensor([[1, 2]]).tile(2)
    tensor([[1, 2, 1, 2]])
    """
    dims = _sizes(dims)
    return self.repeat(*((1,) * (self.ndim - len(dims)) + dims))


@method("diff", function=True)
def diff(self, n=1, dim=-1, prepend=None, append=None):
    """torch.diff: the ``n``-th forward difference along ``dim`` (``prepend``/``append``
    concatenated first); bools differ by ``logical_xor``.

    >>> import compat as torch
    >>> torch.tensor([1, 4, 9, 16]).diff(n=2)
    tensor([2, 2])
    """
    if self.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    parts = [t for t in (prepend, self, append) if t is not None]
    for t in parts:
        if t.ndim != self.ndim:
            raise RuntimeError("diff expects prepend or append to be the same dimension as input")
    x = self if len(parts) == 1 else FUNCTIONS["cat"](parts, dim)
    if n == 0:  # torch copies the input into a new tensor (its node is CopyBackwards)
        return shape.copy(x.detach(), x)
    for _ in range(n):
        length = x.shape[dim]
        if length == 0:
            break
        later, earlier = x.narrow(dim, 1, length - 1), x.narrow(dim, 0, length - 1)
        x = later.logical_xor(earlier) if x.dtype == _dt.bool else later - earlier
    return x


@method("tensor_split", function=True)
def tensor_split(self, indices_or_sections, dim=0):
    """torch.tensor_split: views of ``self`` split into ``sections`` nearly equal parts (the
    first ``size % sections`` one longer), or at the given indices.

    >>> import compat as torch
    >>> [t.tolist() for t in torch.arange(5).tensor_split(2)]
    [[0, 1, 2], [3, 4]]
    """
    if self.ndim == 0:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a "
                           "tensor with 0 dims")
    dim = A.normalize_dim(dim, self.ndim)
    size = self.shape[dim]
    if isinstance(indices_or_sections, Tensor) and indices_or_sections.ndim == 0:
        indices_or_sections = indices_or_sections.item()
    if isinstance(indices_or_sections, builtins.int):
        sections = indices_or_sections
        if sections <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {sections}")
        base, extra = divmod(size, sections)
        bounds, start = [], 0
        for i in range(sections):
            length = base + (1 if i < extra else 0)
            bounds.append((start, length))
            start += length
    else:
        indices = [builtins.int(i) for i in (indices_or_sections.tolist()
                   if isinstance(indices_or_sections, Tensor) else indices_or_sections)]
        # each part is the slice ``[previous index : index]``, with Python's slicing rules
        bounds = []
        for start, stop in zip([0] + indices, indices + [size]):
            part = range(size)[start:stop]
            bounds.append((builtins.min(part.start, size), len(part)))
    return tuple(self.narrow(dim, s, n) for s, n in bounds)


@method("inner", function=True)
def inner(self, other):
    """torch.inner: the sum of products over the last dims (a product with a 0-d operand).

    >>> import compat as torch
    >>> torch.inner(torch.tensor([1., 2.]), torch.tensor([3., 4.]))
    tensor(11.)
    """
    if self.ndim == 0 or other.ndim == 0:
        return self * other
    if self.shape[-1] != other.shape[-1]:
        raise RuntimeError(f"inner() the last dimension must match on both input tensors but got "
                           f"shapes {list(self.shape)} and {list(other.shape)}")
    n = self.shape[-1]
    product = self.reshape(-1, n).matmul(other.reshape(-1, n).t())
    return product.view(*(tuple(self.shape[:-1]) + tuple(other.shape[:-1])))
