"""What a tensor says about its memory and kind (``is_cpu``, ``nbytes``, ``get_device``,
``is_signed``, ``mH``, storages, pinned and shared memory, …), against torch."""
from __future__ import annotations

import subprocess
import sys

import pytest

from oracle import both, check, check_raises, randn


def _same(program):
    ours, theirs = both(program)
    assert ours == theirs


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "uint8", "bool", "float16"])
def test_kind_and_size_queries_answer_as_torch(dtype):
    def program(torch):
        x = torch.zeros(2, 3, dtype=getattr(torch, dtype))
        views = [x, x[1], x.t(), x[:, 1:], x.reshape(-1)[2:]]
        return [(v.is_cpu, v.nbytes, v.itemsize, v.get_device(), torch.get_device(v),
                 v.is_signed(), torch.is_signed(v), v.is_conj(), v.is_neg(), torch.is_conj(v),
                 v.resolve_conj() is v, v.resolve_neg() is v, torch.resolve_conj(v) is v,
                 v.is_pinned(), v.output_nr, v.untyped_storage().nbytes(),
                 v.untyped_storage().data_ptr() == x.data_ptr(),
                 len(v.untyped_storage()), v.untyped_storage().element_size()) for v in views]
    _same(program)


def test_same_size_nonzero_and_output_nr_answer_as_torch():
    def program(torch):
        x = torch.ones(2, 3, requires_grad=True)
        a, b = x.split([1, 2], dim=1)
        return [x.is_same_size(x.t()), torch.is_same_size(x, x * 2),
                torch.tensor([0.5]).is_nonzero(), torch.is_nonzero(torch.tensor(0)),
                x.output_nr, a.output_nr, b.output_nr, (x * 2).output_nr]
    _same(program)


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(2, 3).is_nonzero(),
    lambda torch: torch.tensor([]).is_nonzero(),
    lambda torch: torch.ones(2).pin_memory(),
    lambda torch: torch.ones(2).mH,
], ids=["many values", "no values", "pin_memory", "mH of a vector"])
def test_queries_refuse_as_torch(program):
    check_raises(program)


def test_mH_of_a_real_matrix_is_its_transpose():
    check(lambda torch, x: x.mH * 2, [randn(3, 2, 4)])


def test_share_memory_marks_the_storage_shared():
    def program(torch):
        x = torch.zeros(4)
        before = (x.is_shared(), x.untyped_storage().is_shared())
        same = x.share_memory_() is x
        return [before, same, x.is_shared(), x[1:].is_shared(), x.untyped_storage().is_shared(),
                torch.zeros(4).is_shared()]
    _same(program)


@pytest.mark.parametrize("dtype", ["int32", "uint8", "float32"])
def test_storages_read_the_bytes_and_elements_as_torch(dtype):
    def program(torch):
        x = torch.arange(5).to(getattr(torch, dtype))[1:]
        untyped = x.untyped_storage()
        typed = x.storage()
        return [untyped.tolist(), untyped[0], untyped[-1], len(untyped), list(untyped),
                repr(untyped), str(untyped.device), untyped.is_pinned(),
                typed.tolist(), typed[1], len(typed), typed.element_size(), typed.nbytes(),
                str(typed.dtype), repr(typed), typed.data_ptr() == x.untyped_storage().data_ptr(),
                isinstance(untyped, torch.UntypedStorage), isinstance(typed, torch.TypedStorage),
                repr(torch.ones(0).untyped_storage())]
    _same(program)


def test_storage_warns_once_a_process_as_torch():
    script = """
import warnings, compat, torch
for lib in (torch, compat):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        lib.ones(2).storage(); lib.ones(3).storage()
    print(repr([(w.category.__name__, str(w.message)) for w in seen]))
"""
    printed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert len(printed) == 2 and printed[0] == printed[1] and "TypedStorage" in printed[0]
