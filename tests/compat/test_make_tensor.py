"""``torch.testing.make_tensor`` against torch: seeded values, dtypes, layouts, errors; and
``uniform_`` over ranges near the float64 maximum (drawn without overflow, as torch's)."""
from __future__ import annotations

import pytest

from oracle import check_program, check_raises

_DTYPES = ["float32", "float64", "float16", "bfloat16", "int64", "int32", "int8", "uint8",
           "bool", "complex64"]


@pytest.mark.parametrize("dtype", _DTYPES)
def test_make_tensor_draws_torchs_values(dtype):
    def program(torch):
        make = torch.testing.make_tensor
        kind = getattr(torch, dtype)
        out = [make(2, 3, dtype=kind, device="cpu"), make((4,), dtype=kind, device="cpu"),
               make(3, 4, dtype=kind, device="cpu", noncontiguous=True),
               make(5, dtype=kind, device="cpu", low=0, high=3, exclude_zero=True)]
        strided = out[2]
        return out + [strided.stride(), strided.is_contiguous()]
    check_program(program, seed=0, ulps=0, grad_fn=False)


def test_make_tensor_options_match_torch():
    def program(torch):
        make = torch.testing.make_tensor
        return [make(3, 2, dtype=torch.float32, device="cpu", low=-1, high=1, requires_grad=True),
                make(4, dtype=torch.float64, device="cpu", high=1e308),
                make(2, 2, 3, 3, dtype=torch.float32, device="cpu",
                     memory_format=torch.channels_last).stride(),
                make(6, dtype=torch.int16, device="cpu", low=-2.5, high=2.5)]
    check_program(program, seed=1, ulps=0)


@pytest.mark.parametrize("kw", [
    dict(low=3, high=1), dict(low=float("nan")), dict(requires_grad=True, dtype="int64"),
    dict(noncontiguous=True, memory_format="channels_last"), dict(low=300, dtype="int8"),
], ids=["low >= high", "nan", "integral grad", "exclusive", "out of range"])
def test_make_tensor_refuses_as_torch(kw):
    def program(torch):
        args = dict(dtype=torch.float32, device="cpu")
        args.update({k: getattr(torch, v) if k in ("dtype", "memory_format") else v
                     for k, v in kw.items()})
        return torch.testing.make_tensor(2, 2, 2, 2, **args)
    check_raises(program)


def test_uniform_over_the_float64_range_is_torchs():
    check_program(lambda torch: torch.empty(6, dtype=torch.float64).uniform_(-9, 1e308),
                  seed=2, ulps=0)
