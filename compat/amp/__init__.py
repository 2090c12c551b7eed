"""``torch.amp``: automatic mixed precision (autocast regions and gradient scaling).

>>> import compat as torch
>>> with torch.amp.autocast("cpu"):
...     (torch.ones(2, 3) @ torch.ones(3, 2)).dtype
torch.bfloat16
>>> torch.amp.GradScaler("cpu").get_scale()
65536.0
"""
from .autocast_mode import autocast, is_autocast_available
from .grad_scaler import GradScaler
from . import deprecated

__all__ = ["GradScaler", "autocast", "is_autocast_available"]
