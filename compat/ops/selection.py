"""Op-table entries that select by index: gather, scatter, index_select, take, sort, topk,
median, cumulative max/min, masked_select and nonzero.

>>> import compat as torch
>>> torch.tensor([3., 1., 2.]).sort()
torch.return_types.sort(
values=tensor([1., 2., 3.]),
indices=tensor([1, 2, 0]))
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from jaxgrad import functional as F
from jaxgrad.functional._checks import broadcast_shapes

from .. import dtypes as _dt
from .. import views
from ..dispatch import argument_type_error
from ..tensors import Tensor
from .reductions import RETURN_TYPES
from .registry import method, op

gather = op("gather(self, dim, index, *, sparse_grad=False)", F.gather, "GatherBackward0",
            traced=("self", "index"), tensors_only=("index",))
_scatter = op("scatter(self, dim, index, src, reduce)", F.scatter,
              lambda self, dim, index, src, reduce:
              "ScatterBackward0" if isinstance(src, Tensor) else "ScatterBackward1",
              traced=("self", "index", "src"), method=False, function=False)


@method("scatter", function=True)
def scatter(self, dim, index, src=None, *, value=None, reduce=None):
    """``self`` with ``src`` (a tensor or ``value``) written at ``index`` along ``dim``."""
    return _scatter(self, dim, index, value if src is None else src, reduce)


@method("scatter_")
def scatter_(self, dim, index, src=None, *, value=None, reduce=None):
    """In-place :meth:`scatter`."""
    views.check_inplace(self)
    return views.assign(self, scatter(self, dim, index, src, value=value, reduce=reduce))


scatter_add = op("scatter_add(self, dim, index, src)", F.scatter_add, "ScatterAddBackward0",
                 traced=("self", "index", "src"), tensors_only=("index", "src"), inplace=True)
index_select = op("index_select(self, dim, index)", F.index_select, "IndexSelectBackward0",
                  traced=("self", "index"), tensors_only=("index",))
take = op("take(self, index)", F.take, "TakeBackward0", traced=("self", "index"),
          tensors_only=("index",))
index_add = op("index_add(self, dim, index, source, *, alpha=1)", F.index_add, "IndexAddBackward0",
               traced=("self", "index", "source"), inplace=True)
index_copy = op("index_copy(self, dim, index, source)", F.index_copy, "IndexCopyBackward0",
                traced=("self", "index", "source"), inplace=True)
index_fill = op("index_fill(self, dim, index, value)", F.index_fill,
                lambda self, dim, index, value:
                "IndexFillBackward1" if isinstance(value, Tensor) else "IndexFillBackward0",
                traced=("self", "index", "value"), inplace=True)
put = op("put(self, index, source, accumulate=False)", F.put, "PutBackward0",
         traced=("self", "index", "source"), inplace=True)
_masked_select = op("masked_select(self, positions)", F.take, "MaskedSelectBackward0",
                    traced=("self", "positions"), fn_names={"positions": "index"},
                    method=False, function=False)


@method("masked_select", function=True)
def masked_select(self, mask):
    """The elements where ``mask`` is True, as a 1-d tensor.

    The result's size depends on the mask's values, so the mask is resolved on the host (torch
    syncs here too) and the selection is an index op.

    >>> import compat as torch
    >>> torch.tensor([1., 2., 3.]).masked_select(torch.tensor([True, False, True]))
    tensor([1., 3.])
    """
    if not isinstance(mask, Tensor):
        raise argument_type_error("masked_select", "mask", 1, mask)
    if mask.dtype != _dt.bool:
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    full = np.broadcast_to(np.asarray(mask._value),
                           broadcast_shapes(tuple(mask.shape), tuple(self.shape)))
    source = self.expand(full.shape) if tuple(self.shape) != full.shape else self
    return _masked_select(source, jnp.asarray(np.flatnonzero(full)))


@method("nonzero", function=True)
def nonzero(self, *, as_tuple=False):
    """The indices of the non-zero elements (one row per element, or one tensor per dim)."""
    values = np.asarray(self._value)
    coords = np.nonzero(values) if self.ndim else np.nonzero(values.reshape(1))
    if as_tuple:
        return tuple(Tensor._make(jnp.asarray(c.astype(np.int64))) for c in coords)
    stacked = np.stack(coords, axis=1).astype(np.int64).reshape(-1, max(self.ndim, 1)) \
        if coords else np.zeros((0, self.ndim), np.int64)
    return Tensor._make(jnp.asarray(stacked))


@method("argwhere", function=True)
def argwhere(self):
    """``nonzero()``."""
    return self.nonzero()


sort = op("sort(self, dim=-1, descending=False, stable=False)", F.sort, "SortBackward0",
          returns=RETURN_TYPES["sort"], fn_names={"stable": "_"})


@method("argsort", function=True)
def argsort(self, dim=-1, descending=False, stable=False):
    """The indices that sort ``self`` along ``dim``."""
    return self.sort(dim, descending)[1]


topk = op("topk(self, k, dim=-1, largest=True, sorted=True)", F.topk, "TopkBackward0",
          returns=RETURN_TYPES["topk"], prepare=lambda self, k, dim, largest, sorted:
          (self, int(k), dim, largest, sorted), fn_names={"sorted": "_"})
kthvalue = op("kthvalue(self, k, dim=-1, keepdim=False)", F.kthvalue, "KthvalueBackward0",
              returns=RETURN_TYPES["kthvalue"],
              prepare=lambda self, k, dim, keepdim: (self, int(k), dim, keepdim))
_median_all = op("median(self)", F.median, "MedianBackward0", method=False, function=False)
_median_dim = op("median.dim(self, dim, keepdim=False)", F.median_dim, "MedianBackward1",
                 method=False, function=False)


@method("median", function=True)
def median(self, dim=None, keepdim=False):
    """The lower median of all elements, or (values, indices) along ``dim``."""
    if dim is None:
        return _median_all(self)
    return RETURN_TYPES["median"](*_median_dim(self, dim, keepdim))


_nanmedian_all = op("nanmedian(self)", F.nanmedian, "NanmedianBackward0", method=False,
                    function=False)
_nanmedian_dim = op("nanmedian.dim(self, dim, keepdim=False)", F.nanmedian_dim,
                    "NanmedianBackward1", method=False, function=False)


@method("nanmedian", function=True)
def nanmedian(self, dim=None, keepdim=False):
    """:meth:`median` of the values that are not NaN: of all elements, or (values, indices)
    along ``dim``.

    >>> import compat as torch
    >>> torch.tensor([1., float("nan"), 3., 2.]).nanmedian()
    tensor(2.)
    """
    if dim is None:
        return _nanmedian_all(self)
    return RETURN_TYPES["nanmedian"](*_nanmedian_dim(self, dim, keepdim))


cummax = op("cummax(self, dim)", F.cummax, "CummaxBackward0", returns=RETURN_TYPES["cummax"])
cummin = op("cummin(self, dim)", F.cummin, "CumminBackward0", returns=RETURN_TYPES["cummin"])
