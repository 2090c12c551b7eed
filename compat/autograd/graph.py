"""``torch.autograd.graph``: backward-graph nodes (``Node``) and hook handles.

They live in :mod:`compat.graph`, below the autograd package, since the dispatch point and
the Tensor class make them; this module is their torch-side name, and that of the
saved-tensor hooks (:mod:`compat.saved_hooks`).

>>> import compat as torch
>>> from compat.autograd.graph import Node
>>> isinstance((torch.ones(1, requires_grad=True) * 2).grad_fn, Node)
True
"""
from ..graph import *  # noqa: F401,F403
from ..saved_hooks import (disable_saved_tensors_hooks, save_on_cpu,  # noqa: F401
                           saved_tensors_hooks)
