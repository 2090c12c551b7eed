"""``torch.cuda``: reports JAX's GPUs.

>>> import compat as torch
>>> isinstance(torch.cuda.is_available(), bool)
True
"""
import jax

from ..devices import _gpus, cuda_available


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


def _memory_stat(key, device=None) -> int:
    """One of JAX's memory statistics of the first GPU (0 without one, as CPU torch answers)."""
    gpus = _gpus()
    if not gpus:
        return 0
    stats = gpus[0].memory_stats() or {}
    return int(stats.get(key, 0))


def memory_allocated(device=None) -> int:
    """Bytes held by arrays on the GPU (``torch.cuda.memory_allocated``); 0 without a GPU.

    >>> import compat as torch
    >>> isinstance(torch.cuda.memory_allocated(), int)
    True
    """
    return _memory_stat("bytes_in_use", device)


def max_memory_allocated(device=None) -> int:
    return _memory_stat("peak_bytes_in_use", device)


def memory_reserved(device=None) -> int:
    return _memory_stat("bytes_reserved", device)


def max_memory_reserved(device=None) -> int:
    return _memory_stat("peak_bytes_reserved", device)


def empty_cache() -> None:
    """Frees nothing: JAX's allocator keeps its pool (CPU torch's call does nothing either)."""
