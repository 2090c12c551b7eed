"""``torch.autocast``: regions where listed ops run in a lower-precision dtype.

The state is thread-local (``compat.autocast_state``); while CPU autocast is enabled the
dispatch point applies ``compat.amp.policy`` to every op. ``"cuda"`` without CUDA warns and
changes nothing, as torch's.

>>> import compat as torch
>>> with torch.autocast("cpu"):
...     y = torch.nn.functional.linear(torch.ones(1, 2), torch.ones(3, 2))
...     torch.is_autocast_enabled("cpu")
True
>>> y.dtype, torch.is_autocast_enabled("cpu")
(torch.bfloat16, False)
"""
from __future__ import annotations

import functools
import warnings

from .. import dtypes as _dt
from ..autocast_state import STATE
from ..devices import cuda_available as _cuda_available
from ..devices import device as _device
from . import policy

_SUPPORTED = (_dt.bfloat16, _dt.float16)


def _device_type(device_type) -> str:
    """The device type named by ``device_type``, refused as torch's device parser does."""
    kind = _device(device_type).type
    return kind


def is_autocast_available(device_type: str) -> bool:
    return _device_type(device_type) in ("cpu", "cuda")


def is_autocast_enabled(device_type: str = "cuda") -> bool:
    """Whether autocast is on for ``device_type`` (no argument: CUDA, as torch's)."""
    return STATE.enabled.get(_device_type(device_type), False)


def get_autocast_dtype(device_type: str):
    """The dtype autocast casts to on ``device_type`` (CPU: bfloat16, CUDA: float16)."""
    return STATE.dtypes[_device_type(device_type)]


def set_autocast_enabled(device_type, enabled=None) -> None:
    if enabled is None:  # the legacy one-argument form sets CUDA's
        device_type, enabled = "cuda", device_type
    STATE.enabled[_device_type(device_type)] = bool(enabled)
    STATE.cast = policy.cast if STATE.enabled["cpu"] else None


def set_autocast_dtype(device_type, dtype) -> None:
    STATE.dtypes[_device_type(device_type)] = dtype


def is_autocast_cache_enabled() -> bool:
    return STATE.cache_enabled


def set_autocast_cache_enabled(enabled: bool) -> None:
    STATE.cache_enabled = bool(enabled)


def _deprecated(old: str, new: str, device_type: str, line: int) -> None:
    warnings.warn(f"torch.{old}() is deprecated. Please use torch.{new}('{device_type}') "
                  f"instead. (Triggered internally at "
                  f"/__w/pytorch/pytorch/torch/csrc/autograd/init.cpp:{line}.)",
                  DeprecationWarning, stacklevel=2)


def get_autocast_cpu_dtype():
    _deprecated("get_autocast_cpu_dtype", "get_autocast_dtype", "cpu", 1016)
    return get_autocast_dtype("cpu")


def get_autocast_gpu_dtype():
    _deprecated("get_autocast_gpu_dtype", "get_autocast_dtype", "cuda", 1007)
    return get_autocast_dtype("cuda")


def is_autocast_cpu_enabled() -> bool:
    _deprecated("is_autocast_cpu_enabled", "is_autocast_enabled", "cpu", 883)
    return is_autocast_enabled("cpu")


class autocast:
    """Context manager and decorator: ops in torch's lists run in ``dtype`` inside it.

    >>> import compat as torch
    >>> @torch.autocast("cpu")
    ... def f(a, b):
    ...     return a @ b
    >>> f(torch.ones(2, 2), torch.ones(2, 2)).dtype
    torch.bfloat16
    """

    def __init__(self, device_type: str, dtype=None, enabled: bool = True,
                 cache_enabled=None):
        if not isinstance(device_type, str):
            raise ValueError(f"Expected `device_type` of type `str`, got: `{type(device_type)}`")
        self.fast_dtype = get_autocast_dtype(device_type) if dtype is None else dtype
        self.device = device_type
        if not is_autocast_available(device_type):
            raise RuntimeError(
                f"User specified an unsupported autocast device_type '{device_type}'")
        self._cache_enabled = (is_autocast_cache_enabled() if cache_enabled is None
                               else cache_enabled)
        name = device_type.upper()
        if enabled:
            if device_type == "cuda":
                if not _cuda_available():
                    warnings.warn("CUDA is not available or torch_xla is imported. Disabling "
                                  "autocast.", stacklevel=2)
                    enabled = False
            elif self.fast_dtype not in _SUPPORTED:
                warnings.warn(f"In {name} autocast, but the target dtype is not supported. "
                              f"Disabling autocast.\n{name} Autocast only supports dtypes of "
                              + ", ".join(map(str, _SUPPORTED)) + " currently.", stacklevel=2)
                enabled = False
        self._enabled = enabled

    def __enter__(self):
        self.prev_cache_enabled = is_autocast_cache_enabled()
        self.prev = is_autocast_enabled(self.device)
        self.prev_fastdtype = get_autocast_dtype(self.device)
        set_autocast_enabled(self.device, self._enabled)
        set_autocast_dtype(self.device, self.fast_dtype)
        set_autocast_cache_enabled(self._cache_enabled)
        STATE.nesting += 1
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        STATE.nesting -= 1
        if STATE.nesting == 0:  # leaving the outermost region drops the cached casts
            STATE.cache.clear()
        set_autocast_enabled(self.device, self.prev)
        set_autocast_dtype(self.device, self.prev_fastdtype)
        set_autocast_cache_enabled(self.prev_cache_enabled)
        return False

    def __call__(self, func):
        if not callable(func):
            raise TypeError(
                f"autocast()(func) requires a callable, but got {type(func).__name__}. "
                f"Did you mean to use autocast as a context manager? For example:\n"
                f"    with torch.autocast(device_type=...):\n"
                f"        output = model(input)")

        @functools.wraps(func)
        def decorate_autocast(*args, **kwargs):
            with self:
                return func(*args, **kwargs)
        return decorate_autocast
