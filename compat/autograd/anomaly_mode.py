"""Anomaly detection (``torch.autograd.detect_anomaly`` / ``set_detect_anomaly``): while it is
on, backward checks each node's gradients and raises torch's error at the first node that
returns NaN.

>>> import compat as torch
>>> x = torch.tensor([-1., 4.], requires_grad=True)
>>> with torch.autograd.set_detect_anomaly(True):
...     x.sqrt().sum().backward()  # doctest: +ELLIPSIS
Traceback (most recent call last):
RuntimeError: Function 'SqrtBackward0' returned nan values in its 0th output.
"""
from __future__ import annotations

import warnings

import jax.numpy as jnp

__all__ = ["detect_anomaly", "set_detect_anomaly", "is_anomaly_enabled",
           "is_anomaly_check_nan_enabled", "check_gradients"]

_STATE = {"enabled": False, "check_nan": True}  # process-wide, as torch's


def is_anomaly_enabled() -> bool:
    return _STATE["enabled"]


def is_anomaly_check_nan_enabled() -> bool:
    return _STATE["check_nan"]


class set_detect_anomaly:
    """Switch anomaly detection on or off; as a context manager, for the block only."""

    __module__ = "torch.autograd.anomaly_mode"

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.prev, self.prev_check_nan = _STATE["enabled"], _STATE["check_nan"]
        _STATE["enabled"], _STATE["check_nan"] = bool(mode), bool(check_nan)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *args) -> None:
        _STATE["enabled"], _STATE["check_nan"] = self.prev, self.prev_check_nan


class detect_anomaly:
    """Anomaly detection for a ``with`` block, with torch's warning."""

    __module__ = "torch.autograd.anomaly_mode"

    def __init__(self, check_nan: bool = True) -> None:
        self.check_nan = check_nan
        warnings.warn("Anomaly Detection has been enabled. This mode will increase the runtime "
                      "and should only be enabled for debugging.", stacklevel=2)

    def __enter__(self) -> None:
        self.prev, self.prev_check_nan = _STATE["enabled"], _STATE["check_nan"]
        _STATE["enabled"], _STATE["check_nan"] = True, self.check_nan

    def __exit__(self, *args) -> None:
        _STATE["enabled"], _STATE["check_nan"] = self.prev, self.prev_check_nan


def check_gradients(node, grads) -> None:
    """torch's error if anomaly detection checks NaNs and ``node`` returned one."""
    if not (_STATE["enabled"] and _STATE["check_nan"]):
        return
    for i, g in enumerate(grads):
        if g is not None and (g.dtype.is_floating_point or g.dtype.is_complex) and bool(
                jnp.isnan(g._value).any()):
            raise RuntimeError(f"Function '{node.name()}' returned nan values in its {i}th "
                               "output.")
