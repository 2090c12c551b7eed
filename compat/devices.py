"""``torch.device`` over JAX's devices: 'cpu' is JAX's CPU, 'cuda' its GPU.

>>> import compat as torch
>>> torch.device("cpu"), str(torch.ones(1).device)
(device(type='cpu'), 'cpu')
"""
from __future__ import annotations

import functools
import re
import threading

import jax
import numpy as np

from .typenames import type_name


_DEVICE_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
                 "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia",
                 "privateuseone")
_SUPPORTED_TYPES = ("cpu", "cuda", "mps", "meta", "xla", "tpu")
# c10's device string grammar: a type, then optionally ':' and an index without leading zeros
_DEVICE_STRING = re.compile(r"([a-zA-Z_]+)(?::([1-9]\d*|0))?")
_INT32_MAX = (1 << 31) - 1


def _index_value(index) -> int:
    """A device index argument, checked as torch checks it."""
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
        raise TypeError(f"device(): argument 'index' (position 2) must be int, not "
                        f"{type_name(index)}")
    index = int(index)
    if index < 0:
        raise RuntimeError("Device index must not be negative")
    return index


def _parse_device_string(text: str):
    """(type, index or None) of ``'cuda:1'``, with c10's errors."""
    if not text:
        raise RuntimeError("Device string must not be empty")
    match = _DEVICE_STRING.fullmatch(text)
    if match is None:
        raise RuntimeError(f"Invalid device string: '{text}'")
    kind, index = match.group(1), match.group(2)
    if kind not in _DEVICE_TYPES and kind not in _SUPPORTED_TYPES:
        raise RuntimeError(f"Expected one of {', '.join(_DEVICE_TYPES)} device type at start of "
                           f"device string: {kind}")
    if index is not None and int(index) > _INT32_MAX:
        raise RuntimeError(f"Could not parse device index '{index}' in device string '{text}'")
    return kind, None if index is None else int(index)


def _invalid_device_arguments(*args):
    got = ", ".join(type_name(a) for a in args)
    return TypeError(f"device() received an invalid combination of arguments - got ({got}), but "
                     f"expected one of:\n * (torch.device device)\n * (str type, int index = -1)\n")


class device:
    """A device name and index, as ``torch.device``.

    >>> device("cuda:1"), device("cpu", 0)
    (device(type='cuda', index=1), device(type='cpu', index=0))
    """

    __slots__ = ("type", "index")

    def __init__(self, type, index=None):
        if isinstance(type, device):
            type, index = type.type, type.index
        elif isinstance(type, (int, np.integer)) and not isinstance(type, bool):
            type, index = "cuda", _index_value(type)
        elif isinstance(type, (str, bytes)):
            text = type.decode() if isinstance(type, bytes) else type
            type, parsed = _parse_device_string(text)
            if index is not None:
                if parsed is not None:
                    raise RuntimeError(f"type (string) must not include an index because index "
                                       f"was passed explicitly: {text}")
                index = _index_value(index)
            else:
                index = parsed
        else:
            raise _invalid_device_arguments(type, *(() if index is None else (index,)))
        self.type, self.index = type, index

    def __repr__(self):
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        if isinstance(other, str):
            other = device(other)
        return isinstance(other, device) and (self.type, self.index or 0) == (other.type, other.index or 0)

    def __hash__(self):
        return hash((self.type, self.index or 0))

    def __enter__(self):
        # ``with torch.device(d):`` makes ``d`` the factories' default device inside the block
        _default_devices().append(self)
        return self

    def __exit__(self, *exc):
        _default_devices().pop()


@functools.lru_cache(maxsize=None)
def _gpus():
    try:
        return tuple(jax.devices("gpu"))
    except RuntimeError:
        return ()


def cuda_available() -> bool:
    """True when JAX sees a GPU (``torch.cuda.is_available``)."""
    return bool(_gpus())


_CPU = device("cpu")


def device_of(array) -> device:
    """The torch device an array lives on."""
    devs = getattr(array, "devices", None)
    if devs is None:
        return _CPU
    d = next(iter(devs()))
    if d.platform == "cpu":
        return _CPU
    return device("cuda", d.id)


def jax_device(target: device):
    if target.type == "cpu":
        return jax.devices("cpu")[0]
    if target.type == "cuda":
        gpus = _gpus()
        if not gpus:
            raise AssertionError("Torch not compiled with CUDA enabled")
        return gpus[target.index or 0]
    raise RuntimeError(f"device {target} is not available")


def place(x, target: device):
    """``x`` on ``target`` (inside or outside jit)."""
    return jax.device_put(x, jax_device(target))


# The factories' default device, per thread as torch's: ``set_default_device`` at the bottom,
# ``with torch.device(...)`` blocks above it.
_DEFAULT = threading.local()


def _default_devices() -> list:
    if not hasattr(_DEFAULT, "stack"):
        _DEFAULT.stack = [None]
    return _DEFAULT.stack


def default_device():
    """The device a factory called without ``device=`` uses (None: the CPU).

    >>> import compat as torch
    >>> with torch.device("cpu", 0):
    ...     default_device()
    device(type='cpu', index=0)
    """
    return _default_devices()[-1]


def set_default_device(target) -> None:
    """``torch.set_default_device``: the device factories use from now on in this thread
    (``None`` restores the CPU). A device that is not available fails when a tensor is made,
    as in torch (``'cuda'`` without a GPU: ``Torch not compiled with CUDA enabled``).

    >>> import compat as torch
    >>> torch.set_default_device("cpu"); torch.ones(1).device
    device(type='cpu')
    >>> torch.set_default_device(None)
    """
    _default_devices()[0] = None if target is None else device(target)


def get_default_device() -> device:
    """``torch.get_default_device``: the default device, with its index where it has one
    (``cuda`` is ``cuda:0``); the CPU when none is set.

    >>> import compat as torch
    >>> torch.get_default_device()
    device(type='cpu')
    """
    current = default_device()
    if current is None or current.index is not None:
        return current or _CPU
    if current.type == "cpu":
        return _CPU
    jax_device(current)  # torch makes an empty tensor there: an unavailable device fails
    return device(current.type, 0)
