"""Op-table entries: ``select_scatter``, ``slice_scatter``, ``diagonal_scatter``,
``aminmax`` (torch.return_types.aminmax) and ``i0``.

>>> import compat as torch
>>> torch.tensor([3., 1., 2.]).aminmax()
torch.return_types.aminmax(
min=tensor(1.),
max=tensor(3.))
"""
from __future__ import annotations

from jaxgrad.functional import scatters as S

from .reductions import return_type
from .registry import op

select_scatter = op("select_scatter(self, src, dim, index)", S.select_scatter,
                    "SelectScatterBackward0", traced=("self", "src"), tensors_only=("src",))
slice_scatter = op("slice_scatter(self, src, dim=0, start=None, end=None, step=1)",
                   S.slice_scatter, "SliceScatterBackward0", traced=("self", "src"),
                   tensors_only=("src",))
diagonal_scatter = op("diagonal_scatter(self, src, offset=0, dim1=0, dim2=1)",
                      S.diagonal_scatter, "DiagonalScatterBackward0", traced=("self", "src"),
                      tensors_only=("src",))
aminmax = op("aminmax(self, *, dim=None, keepdim=False)", S.aminmax, "AminmaxBackward0",
             returns=return_type("aminmax", ("min", "max")))
i0 = op("i0(self)", S.i0, "I0Backward0", inplace=True, pointwise=True)
