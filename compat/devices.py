"""``torch.device`` over JAX's devices: 'cpu' is JAX's CPU, 'cuda' its GPU.

>>> import compat as torch
>>> torch.device("cpu"), str(torch.ones(1).device)
(device(type='cpu'), 'cpu')
"""
from __future__ import annotations

import functools
import re

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
        return self

    def __exit__(self, *exc):
        pass


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
