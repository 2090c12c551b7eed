"""Op-table entries for storage reads and writes and dtype casts: what views and in-place
writes are built from (``compat.views`` uses them; they are not Tensor methods themselves).

>>> import compat as torch
>>> x = torch.zeros(3, requires_grad=True) * 1
>>> x[0] = 1.0
>>> x.grad_fn.name()
'CopySlices'
"""
from __future__ import annotations

from jaxgrad import functional as F
from jaxgrad.functional import storage as _storage

from ..dispatch import OpSpec

gather_flat = OpSpec("as_strided", _storage.gather_flat, ("self", "positions"),
                     traced=("self", "positions"), grad_fn="AsStridedBackward0",
                     fn_names={"self": "base"})
scatter_flat = OpSpec("copy_slices", _storage.scatter_flat, ("self", "values", "positions"),
                      traced=("self", "values", "positions"), grad_fn="CopySlices",
                      fn_names={"self": "base"})
to_dtype = OpSpec("_to_copy", F.to_dtype, ("self", "dtype"), traced=("self",),
                  grad_fn="ToCopyBackward0", pointwise=True)
