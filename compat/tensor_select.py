"""Tensor methods that select by index: gather, scatter, index_select, sort, topk, nonzero, … .

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

from .dispatch import dispatch
from .tensor_math import RETURN_TYPES


class SelectMixin:
    """Index-driven selection methods of Tensor."""

    __slots__ = ()

    def gather(self, dim, index, *, sparse_grad=False):
        return dispatch(_gather, "GatherBackward0", (self, index), {"dim": dim})

    def scatter(self, dim, index, src=None, *, value=None, reduce=None):
        src = value if src is None else src
        name = "ScatterBackward0" if _is_tensor(src) else "ScatterBackward1"
        kwargs = {"dim": dim} if reduce is None else {"dim": dim, "reduce": reduce}
        return dispatch(_scatter, name, (self, index, src), kwargs)

    def scatter_(self, dim, index, src=None, *, value=None, reduce=None):
        return self._assign_checked(self.scatter(dim, index, src, value=value, reduce=reduce))

    def scatter_add(self, dim, index, src):
        return dispatch(_scatter_add, "ScatterAddBackward0", (self, index, src), {"dim": dim})

    def scatter_add_(self, dim, index, src):
        return self._assign_checked(self.scatter_add(dim, index, src))

    def index_select(self, dim, index):
        return dispatch(_index_select, "IndexSelectBackward0", (self, index), {"dim": dim})

    def take(self, index):
        return dispatch(F.take, "TakeBackward0", (self, index))

    def masked_select(self, mask):
        # The result's size depends on the mask's values, so the mask is resolved on the host
        # (torch syncs here too) and the selection is an index op.
        full = np.broadcast_to(np.asarray(mask._value), np.broadcast_shapes(tuple(self.shape), tuple(mask.shape)))
        source = self.expand(full.shape) if tuple(self.shape) != full.shape else self
        flat = jnp.asarray(np.flatnonzero(full))
        return dispatch(F.take, "MaskedSelectBackward0", (source, flat))

    def nonzero(self, *, as_tuple=False):
        coords = np.nonzero(np.asarray(self._value)) if self.ndim else np.nonzero(np.asarray(self._value).reshape(1))
        from .creation import tensor
        if as_tuple:
            return tuple(tensor(c.astype(np.int64)) for c in coords)
        return tensor(np.stack(coords, axis=1).astype(np.int64).reshape(-1, max(self.ndim, 1)) if coords else
                      np.zeros((0, self.ndim), np.int64))

    def argwhere(self):
        return self.nonzero()

    def sort(self, dim=-1, descending=False, stable=False):
        values, indices = dispatch(F.sort, "SortBackward0", (self,),
                                   {"dim": dim, "descending": descending})
        return RETURN_TYPES["sort"](values, indices)

    def argsort(self, dim=-1, descending=False, stable=False):
        return self.sort(dim, descending)[1]

    def topk(self, k, dim=-1, largest=True, sorted=True):
        values, indices = dispatch(F.topk, "TopkBackward0", (self,),
                                   {"k": int(k), "dim": dim, "largest": largest})
        return RETURN_TYPES["topk"](values, indices)

    def kthvalue(self, k, dim=-1, keepdim=False):
        values, indices = dispatch(F.kthvalue, "KthvalueBackward0", (self,),
                                   {"k": int(k), "dim": dim, "keepdim": keepdim})
        return RETURN_TYPES["kthvalue"](values, indices)

    def median(self, dim=None, keepdim=False):
        if dim is None:
            return dispatch(F.median, "MedianBackward0", (self,))
        values, indices = dispatch(F.median_dim, "MedianBackward1", (self,),
                                   {"dim": dim, "keepdim": keepdim})
        return RETURN_TYPES["median"](values, indices)

    def cummax(self, dim):
        values, indices = dispatch(F.cummax, "CummaxBackward0", (self,), {"dim": dim})
        return RETURN_TYPES["cummax"](values, indices)

    def cummin(self, dim):
        values, indices = dispatch(F.cummin, "CumminBackward0", (self,), {"dim": dim})
        return RETURN_TYPES["cummin"](values, indices)

    def _assign_checked(self, out):
        self._check_inplace()
        return self._assign(out)


def _is_tensor(x):
    from . import dispatch as _dispatch
    return isinstance(x, _dispatch.Tensor)


# The table's signatures put ``dim`` before the index (torch's order); dispatch passes the
# arrays positionally and the static ``dim`` by keyword, so these reorder the arguments.
# The math stays in jaxgrad.functional.
def _gather(input, index, dim):
    return F.gather(input, dim, index)


_gather.linear = True


def _scatter(input, index, src, dim, reduce=None):
    return F.scatter(input, dim, index, src, reduce)


def _scatter_add(input, index, src, dim):
    return F.scatter_add(input, dim, index, src)


def _index_select(input, index, dim):
    return F.index_select(input, dim, index)


_index_select.linear = True


def _forward_host_check(adapter, op, reorder):
    """The op's host-side value check, called through an adapter's argument order."""
    check = getattr(op, "host_check", None)
    if check is not None:
        adapter.host_check = lambda *args, **kwargs: check(*reorder(*args, **kwargs))


_forward_host_check(_gather, F.gather, lambda input, index, dim: (input, dim, index))
_forward_host_check(_scatter, F.scatter,
                    lambda input, index, src, dim, reduce=None: (input, dim, index, src, reduce))
_forward_host_check(_scatter_add, F.scatter_add,
                    lambda input, index, src, dim: (input, dim, index, src))
_forward_host_check(_index_select, F.index_select, lambda input, index, dim: (input, dim, index))
