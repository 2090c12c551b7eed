"""Seeded draws torch makes for float16/bfloat16 tensors and for strided tensors (filled in
memory order), against torch: bit-identical values."""
from __future__ import annotations

import pytest

from oracle import check_program

_SIZES = [1, 15, 16, 17, 31, 32, 33, 100, 4097]


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
@pytest.mark.parametrize("mean,std", [(0.0, 1.0), (1.5, 0.3), (-2.0, 3.0)])
def test_normal_draws_of_narrow_floats_are_torchs(dtype, mean, std):
    def program(torch):
        kind = getattr(torch, dtype)
        out = [torch.empty(n, dtype=kind).normal_(mean, std) for n in _SIZES]
        out += [torch.randn(2, 9, dtype=kind), torch.randn_like(torch.zeros(3, 7, dtype=kind)),
                torch.normal(torch.zeros(17, dtype=kind), torch.ones(17, dtype=kind)),
                torch.nn.init.normal_(torch.empty(5, 5, dtype=kind)), torch.randn(3)]
        return out
    check_program(program, seed=7, ulps=0)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("make", [
    lambda torch, kind: torch.empty(4, 6, dtype=kind).t(),
    lambda torch, kind: torch.empty(3, 20, dtype=kind).t(),
    lambda torch, kind: torch.empty(3, 8, dtype=kind)[:, ::2],
    lambda torch, kind: torch.empty(2, 3, 4, dtype=kind).permute(2, 0, 1),
], ids=["t", "t large", "step", "permute"])
def test_in_place_draws_fill_a_strided_tensor_in_memory_order(dtype, make):
    def program(torch):
        kind = getattr(torch, dtype)
        probabilities = torch.linspace(0, 1, 24).view(2, 3, 4).permute(2, 0, 1)
        out = [make(torch, kind).normal_(), make(torch, kind).normal_(1.0, 2.0),
               make(torch, kind).uniform_(), make(torch, kind).uniform_(-1, 3),
               make(torch, kind).exponential_(), make(torch, kind).bernoulli_(0.3),
               make(torch, kind).random_(0, 10)]
        strided = make(torch, kind)
        if strided.shape == probabilities.shape:
            out.append(strided.bernoulli_(probabilities.to(kind)))
        return out
    check_program(program, seed=3, ulps=0)
