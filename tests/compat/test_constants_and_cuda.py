"""torch's constants and CPU torch's answers to the cuda memory calls."""
from __future__ import annotations

import math

import pytest

import compat

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("name", ["pi", "e", "inf", "nan", "newaxis"])
def test_constants_are_torchs(name):
    got, want = getattr(compat, name), getattr(torch, name)
    assert type(got) is type(want)
    assert (math.isnan(got) and math.isnan(want)) if name == "nan" else got == want


@pytest.mark.parametrize("name", ["memory_allocated", "max_memory_allocated", "memory_reserved",
                                  "max_memory_reserved", "empty_cache"])
def test_cuda_memory_calls_answer_as_cpu_torch(name):
    if compat.cuda.is_available():
        pytest.skip("a GPU is present: its memory is reported")
    assert getattr(compat.cuda, name)() == getattr(torch.cuda, name)()
