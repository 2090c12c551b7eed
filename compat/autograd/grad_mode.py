"""``torch.autograd.grad_mode``: no_grad, enable_grad, set_grad_enabled, inference_mode.

They live in :mod:`compat.grad_mode`, below the autograd package, since the dispatch point
and the Tensor class read them; this module is their torch-side name.

>>> import compat as torch
>>> from compat.autograd.grad_mode import no_grad
>>> with no_grad():
...     torch.is_grad_enabled()
False
"""
from ..grad_mode import *  # noqa: F401,F403
