"""``torch.accelerator``: whether JAX sees an accelerator.

>>> import compat as torch
>>> isinstance(torch.accelerator.is_available(), bool)
True
"""
import jax

from .devices import device as _device


def is_available() -> bool:
    return jax.default_backend() != "cpu"


def current_accelerator():
    return _device("cuda") if is_available() else None


def device_count() -> int:
    return len(jax.devices()) if is_available() else 0
