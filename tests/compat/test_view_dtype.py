"""``Tensor.view(dtype)`` against torch: the same bytes read as another dtype, shapes and
strides scaled by the element sizes, writes through it (and through its views) reaching the
source, no history, and torch's errors."""
from __future__ import annotations

import itertools

import pytest

from oracle import check_program, check_raises

_DTYPES = ["float32", "int32", "int16", "uint8", "int8", "float16", "bfloat16", "float64",
           "int64", "bool"]


def _source(torch, dtype):
    # bytes that are valid values in every dtype here (no NaN patterns, bools 0/1)
    values = torch.tensor([0, 1, 0, 1, 1, 0, 0, 1] * 3, dtype=torch.uint8).view(3, 8)
    return values.view(getattr(torch, dtype)) if dtype != "uint8" else values


@pytest.mark.parametrize("src,dst", [p for p in itertools.product(_DTYPES, _DTYPES)
                                     if "bool" not in p or set(p) <= {"bool", "uint8", "int8"}])
def test_view_dtype_reads_the_same_bytes_as_torch(src, dst):
    def program(torch):
        x = _source(torch, src)
        out = x.view(getattr(torch, dst))
        return [out, out.shape, out.stride(), out.requires_grad]
    check_program(program, ulps=0)


@pytest.mark.parametrize("make", [
    lambda x: x, lambda x: x[1], lambda x: x[:, 2:6], lambda x: x[1:, :4],
], ids=["whole", "row", "columns", "block"])
def test_writes_through_a_dtype_view_reach_the_source_as_torchs(make):
    def program(torch):
        base = torch.arange(24, dtype=torch.int16).view(3, 8)
        source = make(base)
        wide = source.view(torch.int32)
        narrow = source.view(torch.int8)
        facts = [wide.stride(), wide.storage_offset(), narrow.stride(), narrow.storage_offset()]
        wide[..., 0] = 65537
        narrow[..., -1:].fill_(7)
        narrow[0].zero_() if narrow.ndim > 1 else narrow[:2].zero_()
        base.add_(1)  # the views read the source's later writes
        return facts + [base.clone(), wide.clone(), narrow.clone()]
    check_program(program, ulps=0)


def test_a_dtype_view_has_no_history():
    def program(torch):
        y = torch.linspace(0.5, 2, 4, requires_grad=True)
        z = y * 2
        same, other = z.view(torch.float32), z.view(torch.int32)
        half = torch.ones(2, 4, requires_grad=True).view(torch.float16)
        return [same.requires_grad, same.grad_fn is None, other.requires_grad,
                half.requires_grad, other, same]
    check_program(program, ulps=0, grad_fn=False)


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(2, 3).view(torch.float64),
    lambda torch: torch.ones(2, 3).t().view(torch.int16),
    lambda torch: torch.ones(3, dtype=torch.int8).view(torch.int32),
    lambda torch: torch.ones(()).view(torch.int16),
    lambda torch: torch.ones(8)[1:5].view(torch.float64),
    lambda torch: torch.ones(4, 3)[:, :2].view(torch.float64),
], ids=["size", "stride", "int8 size", "0-d", "offset", "outer stride"])
def test_view_dtype_refuses_as_torch(program):
    check_raises(program)
