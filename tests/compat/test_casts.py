"""Float → integer casts give torch's numbers for NaN, infinities and out-of-range values
(torch's x86 kernels, not XLA's saturation), from every float dtype to every integer one."""
from __future__ import annotations

import numpy as np
import pytest

from oracle import In, check

SPECIAL = [np.nan, np.inf, -np.inf, 1e20, -1e20, 3.7, -3.7, 2.0 ** 31, -2.0 ** 31, 2.0 ** 63,
           300.0, -129.5, 255.9, 2.0 ** 32 + 5, 65535.0, -0.5, 0.0]


@pytest.mark.parametrize("source", ["float32", "float64", "float16"])
@pytest.mark.parametrize("target", ["int64", "int32", "int16", "int8", "uint8", "bool"])
def test_float_to_integer_casts_as_torch(source, target):
    values = np.array(SPECIAL, np.float64)
    if source == "float16":
        values = values[np.abs(np.nan_to_num(values, posinf=0, neginf=0)) < 6e4]
    with np.errstate(over="ignore"):
        array = values.astype(source)
    check(lambda lib, x: (x.to(getattr(lib, target)), x.type(getattr(lib, target))),
          inputs=[In(array, requires_grad=False)], grad=False)


def test_named_casts_as_torch():
    array = np.array(SPECIAL, np.float32)
    check(lambda lib, x: (x.long(), x.int(), x.short(), x.byte(), x.char(), x.bool()),
          inputs=[In(array, requires_grad=False)], grad=False)
