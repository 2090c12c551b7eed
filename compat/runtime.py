"""Process-level settings of torch that scripts call: threads, determinism, matmul precision.

JAX/XLA owns these choices; the calls are accepted and remembered so scripts run unchanged.

>>> import compat as torch
>>> torch.set_num_threads(2); torch.get_num_threads()
2
"""
import os

_settings = {"threads": os.cpu_count() or 1, "deterministic": False, "matmul_precision": "highest"}


def set_num_threads(n: int) -> None:
    _settings["threads"] = int(n)


def get_num_threads() -> int:
    return _settings["threads"]


def use_deterministic_algorithms(mode: bool, *, warn_only: bool = False) -> None:
    _settings["deterministic"] = bool(mode)


def are_deterministic_algorithms_enabled() -> bool:
    return _settings["deterministic"]


def set_float32_matmul_precision(precision: str) -> None:
    if precision not in ("highest", "high", "medium"):
        raise RuntimeError(f"Invalid value for precision: {precision}")
    _settings["matmul_precision"] = precision


def get_float32_matmul_precision() -> str:
    return _settings["matmul_precision"]
