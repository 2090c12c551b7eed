"""``torch.nn``: modules, parameters, ``functional`` and ``init`` on compat Tensors.

>>> import compat as torch
>>> _ = torch.manual_seed(0)
>>> model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
>>> [tuple(p.shape) for p in model.parameters()]
[(2, 2), (2,)]
"""
from . import functional, init  # noqa: F401
from .modules import *  # noqa: F401,F403
from .modules import __dict__ as _modules_namespace
from .modules import module  # noqa: F401
from .parameter import Buffer, Parameter  # noqa: F401

__all__ = ["Parameter", "Buffer", "functional", "init"] + [
    name for name, value in list(_modules_namespace.items())
    if isinstance(value, type) and not name.startswith("_")]
