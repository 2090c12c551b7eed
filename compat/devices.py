"""``torch.device`` over JAX's devices: 'cpu' is JAX's CPU, 'cuda' its GPU.

>>> import compat as torch
>>> torch.device("cpu"), str(torch.ones(1).device)
(device(type='cpu'), 'cpu')
"""
from __future__ import annotations

import functools

import jax


class device:
    """A device name and index, as ``torch.device``."""

    __slots__ = ("type", "index")

    def __init__(self, type, index=None):
        if isinstance(type, device):
            type, index = type.type, type.index
        elif isinstance(type, int):
            type, index = "cuda", type
        elif ":" in type:
            type, _, idx = type.partition(":")
            index = int(idx)
        if type not in ("cpu", "cuda", "mps", "meta", "xla", "tpu"):
            raise RuntimeError(f"Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, "
                               f"hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, "
                               f"privateuseone device type at start of device string: {type}")
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
