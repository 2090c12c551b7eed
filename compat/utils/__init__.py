"""``torch.utils``: ``data`` (datasets, samplers, DataLoader) and ``hooks``.

>>> import compat as torch
>>> ds = torch.utils.data.TensorDataset(torch.arange(4.))
>>> len(ds)
4
"""
from types import SimpleNamespace as _Namespace

from . import data  # noqa: F401
from ..nn.modules.module import RemovableHandle as _RemovableHandle

hooks = _Namespace(RemovableHandle=_RemovableHandle)
