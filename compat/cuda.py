"""``torch.cuda``: reports JAX's GPUs.

>>> import compat as torch
>>> isinstance(torch.cuda.is_available(), bool)
True
"""
import jax

from .devices import _gpus, cuda_available


def is_available() -> bool:
    return cuda_available()


def device_count() -> int:
    return len(_gpus())


def manual_seed(seed) -> None:
    """Seeds nothing: compat draws all random numbers from the CPU generator, as torch CPU."""


manual_seed_all = manual_seed


def synchronize(device=None) -> None:
    jax.effects_barrier()


def current_device() -> int:
    return 0


def get_device_name(device=None) -> str:
    gpus = _gpus()
    return gpus[0].device_kind if gpus else ""
