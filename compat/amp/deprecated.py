"""The device-specific spellings torch deprecates (``torch.cpu.amp.autocast``,
``torch.cuda.amp.autocast``, ``torch.cuda.amp.GradScaler``), each warning (``FutureWarning``)
and then behaving as its ``torch.amp`` form; ``compat.cpu.amp``/``compat.cuda.amp`` export them.

>>> import compat as torch, warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     torch.cpu.amp.autocast().fast_dtype
torch.bfloat16
"""
from __future__ import annotations

import warnings

from .. import dtypes as _dt
from .autocast_mode import autocast as _autocast
from .grad_scaler import GradScaler as _GradScaler


def _warn(device_type: str, what: str) -> None:
    warnings.warn(f"`torch.{device_type}.amp.{what}(args...)` is deprecated. Please use "
                  f"`torch.amp.{what}('{device_type}', args...)` instead.", FutureWarning,
                  stacklevel=3)


class CpuAutocast(_autocast):
    """``torch.cpu.amp.autocast``: ``torch.amp.autocast("cpu", ...)``."""

    def __init__(self, enabled: bool = True, dtype=_dt.bfloat16, cache_enabled: bool = True):
        _warn("cpu", "autocast")
        super().__init__("cpu", enabled=enabled, dtype=dtype, cache_enabled=cache_enabled)


class CudaAutocast(_autocast):
    """``torch.cuda.amp.autocast``: ``torch.amp.autocast("cuda", ...)``."""

    def __init__(self, enabled: bool = True, dtype=_dt.float16, cache_enabled: bool = True):
        _warn("cuda", "autocast")
        super().__init__("cuda", enabled=enabled, dtype=dtype, cache_enabled=cache_enabled)


class CudaGradScaler(_GradScaler):
    """``torch.cuda.amp.GradScaler``: ``torch.amp.GradScaler("cuda", ...)``."""

    def __init__(self, init_scale: float = 2.0 ** 16, growth_factor: float = 2.0,
                 backoff_factor: float = 0.5, growth_interval: int = 2000,
                 enabled: bool = True) -> None:
        _warn("cuda", "GradScaler")
        super().__init__("cuda", init_scale=init_scale, growth_factor=growth_factor,
                         backoff_factor=backoff_factor, growth_interval=growth_interval,
                         enabled=enabled)


for _cls, _name in ((CpuAutocast, "autocast"), (CudaAutocast, "autocast"),
                    (CudaGradScaler, "GradScaler")):
    _cls.__name__ = _cls.__qualname__ = _name
