"""Anomaly detection against torch: the switches, their scoping, the warning and the NaN error."""
from __future__ import annotations

import warnings

import pytest

import compat

torch = pytest.importorskip("torch")


def _script(lib):
    seen = [lib.is_anomaly_enabled(), lib.is_anomaly_check_nan_enabled()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with lib.autograd.detect_anomaly():
            seen.append(lib.is_anomaly_enabled())
            x = lib.tensor([0., 1.], requires_grad=True)
            try:
                (x.sqrt() * 0).sum().backward()  # 0 * inf in sqrt's backward
            except RuntimeError as err:
                seen.append(str(err))
            x = lib.tensor([1., 4.], requires_grad=True)
            (x.sqrt() * 2).sum().backward()
            seen.append(x.grad.tolist())
    seen.append(str(caught[0].message))
    lib.autograd.set_detect_anomaly(True)
    seen.append(lib.is_anomaly_enabled())
    lib.autograd.set_detect_anomaly(False)
    with lib.autograd.set_detect_anomaly(True, check_nan=False):
        seen.append((lib.is_anomaly_enabled(), lib.is_anomaly_check_nan_enabled()))
        x = lib.tensor([-1.], requires_grad=True)
        x.sqrt().sum().backward()  # NaN, but not checked
        seen.append(str(x.grad))
    seen.append((lib.is_anomaly_enabled(), lib.is_anomaly_check_nan_enabled()))
    return seen


def test_anomaly_mode_matches_torch():
    assert _script(compat) == _script(torch)
