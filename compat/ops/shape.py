"""Op-table entries: views, shape ops, copies and in-place fills.

View entries (``view=True``) return tensors that share their source's storage, so in-place
writes through them reach the base (see ``compat.views``).

>>> import compat as torch
>>> x = torch.zeros(2, 3)
>>> x.t().shape, x.view(3, 2).grad_fn
(torch.Size([3, 2]), None)
"""
from __future__ import annotations

import builtins

import numpy as np

from jaxgrad import dtypes as _jd
from jaxgrad import functional as F

from .. import dtypes as _dt
from .. import strides as layout
from .. import views
from .. import grad_mode, tangents
from ..dispatch import argument_type_error
from ..tensors import Tensor, _cached_zeros
from .registry import keyword_alias, method, op, refuse_keywords_left, tensor_property


def sizes(*args):
    """``f(2, 3)`` and ``f((2, 3))`` both mean (2, 3), as in torch."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(args[0])
    return tuple(args)


def _sized(self, shape):
    return (self, sizes(*shape))


# ----------------------------------------------------------------------------- views
_view = op("view(self, *shape)", F.reshape, "ViewBackward0", view=True, prepare=_sized,
           method=False, function=False)
_reshape_view = op("reshape(self, *shape)", F.reshape, "ViewBackward0", view=True,
                   prepare=_sized, method=False, function=False)
# reshape where no view fits: a contiguous copy, reshaped (torch's nodes for it)
_contiguous_copy = op("clone.contiguous(self)", F.clone, "CloneBackward0", method=False,
                      function=False)
_unsafe_view = op("_unsafe_view(self, *shape)", F.reshape, "UnsafeViewBackward0",
                  prepare=_sized, method=False, function=False)


def _inferred(numel, shape):
    """``shape`` with its -1 worked out, or None where it is not a valid shape for ``numel``
    elements (the op itself then raises torch's error)."""
    known = 1
    for n in shape:
        if not isinstance(n, int) or n < -1:
            return None
        known *= n if n != -1 else 1
    if list(shape).count(-1) > 1:
        return None
    if -1 in shape:
        if known == 0 or numel % known:
            return None
        return tuple(numel // known if n == -1 else n for n in shape)
    return tuple(shape) if known == numel else None


@method("reshape", function=True)
def reshape(self, *shape, **keywords):
    """The same elements in another shape: a view where the strides allow one, else a copy
    (as torch's: a transposed matrix flattened is a copy).

    >>> import compat as torch
    >>> x = torch.zeros(2, 3)
    >>> x.reshape(6)._base is x, x.t().reshape(6)._base is None
    (True, True)
    """
    if keywords:
        return reshape(self, *shape, *_keyword_shape("reshape", shape, keywords))
    if self._layout is not None:
        target = _inferred(self.numel(), sizes(*shape))
        if target is not None and not views.viewable(self, target):
            return _unsafe_view(_contiguous_copy(self), target)
    return _reshape_view(self, *shape)


def _keyword_shape(name, shape, keywords):
    """``reshape(shape=(3, 2))``: torch's parser takes the sequence by its name."""
    value = keyword_alias(name, keywords, "shape", shape)
    refuse_keywords_left(name, keywords)
    return (value,)


@method("view")
def view(self, *shape):
    """The same storage with another shape (``view(2, 3)``, ``view(-1)``), or read as
    another dtype (``view(torch.int32)``: the same bytes).

    >>> import compat as torch
    >>> torch.arange(6).view(2, 3)
    tensor([[0, 1, 2],
            [3, 4, 5]])
    """
    if len(shape) == 1 and isinstance(shape[0], _dt.dtype):
        return _view_dtype(self, shape[0])
    return _view(self, *shape)


def _view_dtype(self, dtype):
    """``view(dtype)``: the same storage read as ``dtype`` (torch's checks, in its order);
    not differentiable, as torch's."""
    if dtype is self.dtype:
        return self.detach()
    src, dst = self.element_size(), dtype.itemsize
    strides, offset = self.stride(), self.storage_offset()
    if src != dst:
        what = f"to view {_jd.torch_type_name(self._store.dtype)} as " \
               f"{_jd.torch_type_name(dtype.np)} (different element sizes)"
        if self.ndim == 0:
            raise RuntimeError(f"self.dim() cannot be 0 {what}")
        if strides[-1] != 1:
            raise RuntimeError(f"self.stride(-1) must be 1 {what}, but got {strides[-1]}")
        ratio = max(src, dst) // min(src, dst)
        if dst > src:
            if self.shape[-1] % ratio:
                raise RuntimeError(f"self.size(-1) must be divisible by {ratio} {what}, but got "
                                   f"{self.shape[-1]}")
            if offset % ratio:
                raise RuntimeError(f"self.storage_offset() must be divisible by {ratio} {what}, "
                                   f"but got {offset}")
            for d, stride in enumerate(strides[:-1]):
                if stride % ratio:
                    raise RuntimeError(f"self.stride({d}) must be divisible by {ratio} {what}, "
                                       f"but got {stride}")
            strides, offset = tuple(s // ratio for s in strides[:-1]) + (1,), offset // ratio
        else:
            strides, offset = tuple(s * ratio for s in strides[:-1]) + (1,), offset * ratio
    shape = tuple(self.shape[:-1]) + (self.shape[-1] * src // dst,) if self.ndim else ()
    contiguous = offset == 0 and layout.is_contiguous(shape, strides)
    return views.reinterpret(self, dtype, None if contiguous else (strides, offset))


@method("view_as")
def view_as(self, other):
    """``view(other.shape)``."""
    return self.view(tuple(other.shape))


@method("reshape_as")
def reshape_as(self, other):
    """``reshape(other.shape)``."""
    return self.reshape(tuple(other.shape))


t = op("t(self)", F.t, "TBackward0", view=True)
_t_in_place = op("t_(self)", F.t, "TBackward1", view=True, method=False, function=False)


@method("t_")
def t_(self):
    """In-place transpose of a matrix."""
    views.check_inplace(self)
    return views.assign_shape(self, _t_in_place(self))


_permute = op("permute(self, *dims)", F.permute, "PermuteBackward0", view=True,
              prepare=lambda self, dims: (self, sizes(*dims)))


@tensor_property("T")
def T(self):
    """All dims reversed (``permute(n-1, …, 0)``)."""
    return _permute(self, *range(self.ndim)[::-1])


@tensor_property("mT")
def mT(self):
    """The last two dims swapped (of a matrix or a batch of them)."""
    if self.ndim == 1:   # torch: 0-d is the identity (with a warning), 1-d an error
        raise RuntimeError("tensor.mT is only supported on matrices or batches of matrices. "
                           "Got 1-D tensor.")
    return self.transpose(-2, -1)


transpose = op("transpose(self, dim0, dim1)", F.transpose, "TransposeBackward0", view=True,
               aliases=("swapaxes", "swapdims"))
unsqueeze = op("unsqueeze(self, dim)", F.unsqueeze, "UnsqueezeBackward0", view=True)


def _squeeze_name(self, dim):
    if dim is None:
        return "SqueezeBackward0"
    return "SqueezeBackward2" if isinstance(dim, (tuple, list)) else "SqueezeBackward1"


squeeze = op("squeeze(self, dim=None)", F.squeeze, _squeeze_name, view=True)

# In-place changes of shape: the tensor itself takes the view's shape, strides and history
# (torch's nodes for them are the ``…Backward1``/``3``-``5`` overloads).
_transpose_in_place = op("transpose_(self, dim0, dim1)", F.transpose, "TransposeBackward1",
                         view=True, method=False, function=False)
_unsqueeze_in_place = op("unsqueeze_(self, dim)", F.unsqueeze, "UnsqueezeBackward1", view=True,
                         method=False, function=False)


def _squeeze_in_place_name(self, dim):
    if dim is None:
        return "SqueezeBackward3"
    return "SqueezeBackward5" if isinstance(dim, (tuple, list)) else "SqueezeBackward4"


_squeeze_in_place = op("squeeze_(self, dim=None)", F.squeeze, _squeeze_in_place_name, view=True,
                       method=False, function=False)


@method("transpose_")
def transpose_(self, dim0, dim1):
    """In-place :meth:`transpose`: this tensor swaps dims ``dim0`` and ``dim1``.

    >>> import compat as torch
    >>> torch.zeros(2, 3).transpose_(0, 1).shape
    torch.Size([3, 2])
    """
    views.check_inplace(self)
    return views.assign_shape(self, _transpose_in_place(self, dim0, dim1))


@method("unsqueeze_")
def unsqueeze_(self, dim):
    """In-place :meth:`unsqueeze`: this tensor gains a dim of size 1 at ``dim``.

    >>> import compat as torch
    >>> torch.zeros(2, 3).unsqueeze_(1).shape
    torch.Size([2, 1, 3])
    """
    views.check_inplace(self)
    return views.assign_shape(self, _unsqueeze_in_place(self, dim))


@method("squeeze_")
def squeeze_(self, dim=None):
    """In-place :meth:`squeeze`: this tensor drops its dims of size 1 (those of ``dim``).

    >>> import compat as torch
    >>> torch.zeros(2, 1, 3).squeeze_().shape
    torch.Size([2, 3])
    """
    views.check_inplace(self)
    return views.assign_shape(self, _squeeze_in_place(self, dim))
expand = op("expand(self, *size)", F.expand, "ExpandBackward0", view=True, function=False,
            prepare=lambda self, size: (self, sizes(*size)))


@method("expand_as")
def expand_as(self, other):
    """``expand(other.shape)``."""
    return self.expand(tuple(other.shape))


@method("broadcast_to", function=True)
def broadcast_to(self, size):
    """``expand(size)``."""
    return self.expand(tuple(size))


_flatten = op("flatten(self, start_dim=0, end_dim=-1)", F.flatten, "ViewBackward0", view=True,
              method=False, function=False)


@method("flatten", function=True)
def flatten(self, start_dim=0, end_dim=-1):
    """Dims ``start_dim`` … ``end_dim`` merged into one.

    >>> import compat as torch
    >>> torch.zeros(2, 3, 4).flatten(1).shape
    torch.Size([2, 12])
    """
    if self.ndim and F._checks.normalize_dim(start_dim, self.ndim) == \
            F._checks.normalize_dim(end_dim, self.ndim):
        return self  # torch returns the input itself when there is nothing to flatten
    if self._layout is not None and self.ndim:
        first = F._checks.normalize_dim(start_dim, self.ndim)
        last = F._checks.normalize_dim(end_dim, self.ndim)
        shape = tuple(self.shape)
        merged = shape[:first] + (int(np.prod(shape[first:last + 1])),) + shape[last + 1:]
        if first <= last and not views.viewable(self, merged):
            return _unsafe_view(_contiguous_copy(self), merged)  # torch's flatten is reshape
    return _flatten(self, start_dim, end_dim)


@method("ravel", function=True)
def ravel(self):
    """``flatten()``."""
    return self.flatten()


unflatten = op("unflatten(self, dim, sizes)", F.unflatten, "ViewBackward0", view=True)
movedim = op("movedim(self, source, destination)", F.movedim, "PermuteBackward0", view=True,
             aliases=("moveaxis",))
narrow = op("narrow(self, dim, start, length)", F.narrow, "SliceBackward0", view=True,
            prepare=lambda self, dim, start, length: (self, dim, int(start), int(length)))
select = op("select(self, dim, index)", F.select, "SelectBackward0", view=True,
            prepare=lambda self, dim, index: (self, dim, int(index)))
diagonal = op("diagonal(self, offset=0, dim1=0, dim2=1)", F.diagonal, "DiagonalBackward0",
              view=True)
split = op("split(self, split_size, dim=0)", F.split,
           lambda self, split_size, dim: "SplitBackward0" if isinstance(split_size, int)
           else "SplitWithSizesBackward0",
           view=True, fn_names={"split_size": "split_size_or_sections"})
chunk = op("chunk(self, chunks, dim=0)", F.chunk, "SplitBackward0", view=True)
unbind = op("unbind(self, dim=0)", F.unbind, "UnbindBackward0", view=True)


@method("contiguous")
def contiguous(self, *, memory_format=_dt.contiguous_format):
    """This tensor where its elements already lie in row-major order, else a row-major
    copy (``CloneBackward0``).

    >>> import compat as torch
    >>> x = torch.zeros(2, 3)
    >>> x.contiguous() is x, x.t().contiguous().is_contiguous()
    (True, True)
    """
    if not isinstance(memory_format, _dt.memory_format):
        raise TypeError("contiguous(): argument 'memory_format' must be torch.memory_format, "
                        f"not {type(memory_format).__name__}")
    if self.is_contiguous(memory_format):
        return self
    if memory_format is _dt.preserve_format:
        raise RuntimeError("preserve memory format is unsupported by the contiguous operator")
    return views.lay_out(_contiguous_copy(self), self, memory_format)


# ----------------------------------------------------------------------------- copies
_clone = op("clone(self, *, memory_format=None)", F.clone, "CloneBackward0", method=False,
            function=False)


@method("clone", function=True)
def clone(self, *, memory_format=None):
    """A copy with its own storage and a ``CloneBackward0`` node, laid out as
    ``memory_format`` asks (by default as this tensor is, torch's preserve_format).

    >>> import compat as torch
    >>> x = torch.zeros(2, 3).t()
    >>> x.clone().stride(), x.clone(memory_format=torch.contiguous_format).stride()
    ((1, 3), (2, 1))
    """
    out = _clone(self, memory_format=memory_format)
    return views.lay_out(out, self, memory_format)
flip = op("flip(self, *dims)", F.flip, "FlipBackward0",
          prepare=lambda self, dims: (self, sizes(*dims)))
roll = op("roll(self, shifts, dims=None)", F.roll, "RollBackward0")
repeat = op("repeat(self, *sizes)", F.repeat, "RepeatBackward0", function=False,
            prepare=lambda self, repeats: (self, sizes(*repeats)))
tril = op("tril(self, diagonal=0)", F.tril, "TrilBackward0", inplace=True)
triu = op("triu(self, diagonal=0)", F.triu, "TriuBackward0", inplace=True)


# ----------------------------------------------------------------------------- fills
_fill_zero = op("zero(self, value)", F.fill, "ZeroBackward0", traced=("self", "value"),
                method=False, function=False)


@method("zero_")
def zero_(self):
    """Fill with zeros in place.

    >>> import compat as torch
    >>> torch.ones(2).zero_()
    tensor([0., 0.])
    """
    views.check_inplace(self)
    if self._requires_grad and grad_mode.STATE.enabled or tangents.STATE.level is not None:
        return views.assign(self, _fill_zero(self, 0))  # recorded, or a dual's tangent zeroed
    views.set_data(self, _cached_zeros(self._data.shape, self._data.dtype))
    return self


fill = op("fill(self, value)", F.fill,
          lambda self, value: "FillBackward3" if isinstance(value, Tensor) else "FillBackward2",
          traced=("self", "value"), inplace=True, method=False)


@method("fill_")
def fill_(self, value):
    """Fill with ``value`` (a number or a 0-d tensor) in place."""
    return views.inplace(fill.spec, (self, value))


copy = op("copy(self, src)", F.copy, "CopyBackwards", traced=("self", "src"), method=False,
          function=False)


@method("copy_")
def copy_(self, src, non_blocking=False):
    """Copy ``src`` (broadcast, cast) into this tensor in place."""
    if not isinstance(src, Tensor):
        raise argument_type_error("copy_", "other", 1, src)
    return views.inplace(copy.spec, (self, src))


@method("set_")
def set_(self, source):
    """Take ``source``'s values as this tensor's own."""
    views.set_data(self, source._value)
    return self


@method("swapaxes_", aliases=("swapdims_",))
def swapaxes_(self, axis0, axis1):
    """In-place :meth:`swapaxes`: :meth:`transpose_` of ``axis0`` and ``axis1``.

    >>> import compat as torch
    >>> torch.zeros(2, 3).swapaxes_(0, 1).shape
    torch.Size([3, 2])
    """
    return self.transpose_(axis0, axis1)


@method("sum_to_size")
def sum_to_size(self, *size):
    """Tensor.sum_to_size: ``self`` summed (keeping dims) down to ``size``, to which it must
    be expandable; ``self`` itself when it has that size already.

    >>> import compat as torch
    >>> torch.ones(2, 3).sum_to_size(1, 3)
    tensor([[2., 2., 2.]])
    """
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    size = tuple(size)
    shape = tuple(self.shape)
    lead = len(shape) - len(size)
    if lead < 0 or any(s != 1 and s != shape[lead + i] for i, s in enumerate(size)):
        raise RuntimeError(f"size {{{list(size)}}} is not expandable to size {{{list(shape)}}}.")
    if size == shape:
        return self
    if not size:
        return self.sum()
    dims = tuple(range(lead)) + tuple(lead + i for i, s in enumerate(size)
                                      if s == 1 and shape[lead + i] != 1)
    summed = self.sum(dims, keepdim=True)
    return summed.view(*size) if lead else summed


@method("fill_diagonal_")
def fill_diagonal_(self, fill_value, wrap=False):
    """Tensor.fill_diagonal_: ``fill_value`` written in place on the main diagonal (of a
    tensor whose dims are all equal, or of a matrix; ``wrap``: a tall matrix's diagonal starts
    again every ``cols + 1`` rows), as torch writes it: through a strided view of ``self``.

    >>> import compat as torch
    >>> torch.zeros(2, 3).fill_diagonal_(5.)
    tensor([[5., 0., 0.],
            [0., 5., 0.]])
    """
    if self.ndim < 2:
        raise RuntimeError("dimensions must larger than 1")
    shape = tuple(self.shape)
    if self.ndim > 2 and len(set(shape)) != 1:
        raise RuntimeError("all dimensions of input must be of equal length")
    flat = self.view(-1)
    if self.ndim == 2:
        rows, cols = shape
        step = cols + 1
        length = self.numel() if wrap and rows > cols else builtins.min(rows, cols) * step
    else:
        step = builtins.sum(shape[0] ** k for k in range(self.ndim))
        length = self.numel()
    flat[:length:step].fill_(fill_value)
    return self
