"""Bad inputs to the functions programs call beside the core ops: addcmul/addcdiv, hypot, lerp,
repeat_interleave, meshgrid, nanmedian, inverse, bit shifts, in-place squeeze/unsqueeze,
torch.testing and the default device."""
from __future__ import annotations

from . import cases


def _ones(torch, *shape, **kwargs):
    return torch.ones(*(shape or (3,)), **kwargs)


cases("addc", {
    "addcdiv-integer": lambda torch: torch.addcdiv(torch.tensor([1]), torch.tensor([1]),
                                                   torch.tensor([2])),
    "addcdiv-inplace-integer-operands": lambda torch: _ones(torch).addcdiv_(
        torch.tensor([1, 2, 3]), torch.tensor([1, 2, 3])),
    "addcmul-number-tensor1": lambda torch: torch.addcmul(_ones(torch), 1, _ones(torch)),
    "addcmul-broadcast": lambda torch: torch.addcmul(_ones(torch), _ones(torch), _ones(torch, 2)),
    "addcmul-bool": lambda torch: torch.addcmul(*(_ones(torch, dtype=torch.bool),) * 3),
    "addcmul-inplace-int-result": lambda torch: _ones(torch, dtype=torch.int64).addcmul_(
        _ones(torch), _ones(torch)),
    "addcmul-complex-value": lambda torch: torch.addcmul(_ones(torch), _ones(torch), _ones(torch),
                                                         value=1j),
})

cases("hypot", {
    "integers": lambda torch: torch.hypot(torch.tensor([1, 2]), torch.tensor([3, 4])),
    "number-other": lambda torch: _ones(torch).hypot(2.0),
    "broadcast": lambda torch: torch.hypot(_ones(torch), _ones(torch, 2)),
    "inplace-int-result": lambda torch: _ones(torch, dtype=torch.int64).hypot_(_ones(torch)),
})

cases("lerp", {
    "end-dtype": lambda torch: torch.lerp(_ones(torch), _ones(torch).double(), 0.5),
    "integers": lambda torch: torch.lerp(torch.tensor([1, 2]), torch.tensor([1, 2]), 0.5),
    "inplace-broadcast": lambda torch: _ones(torch).lerp_(_ones(torch, 2, 3), 0.5),
    "complex-weight": lambda torch: torch.lerp(_ones(torch), _ones(torch), 1j),
})

cases("repeat-interleave", {
    "negative-number": lambda torch: _ones(torch, 2, 2).repeat_interleave(-1),
    "negative-tensor": lambda torch: _ones(torch, 2, 2).repeat_interleave(torch.tensor([-1, 2]),
                                                                          dim=0),
    "repeats-size": lambda torch: _ones(torch, 2, 2).repeat_interleave(torch.tensor([1, 2, 3]),
                                                                       dim=0),
    "float-repeats": lambda torch: _ones(torch, 2).repeat_interleave(torch.tensor([1., 2.]),
                                                                     dim=0),
    "matrix-repeats": lambda torch: _ones(torch, 2).repeat_interleave(torch.tensor([[1, 2]]),
                                                                      dim=0),
    "dim-out-of-range": lambda torch: _ones(torch, 2, 2).repeat_interleave(2, dim=2),
    "output-size-tensor": lambda torch: _ones(torch, 2).repeat_interleave(
        torch.tensor([1, 2]), 0, output_size=4),
    "output-size-number": lambda torch: _ones(torch, 2).repeat_interleave(2, 0, output_size=5),
    "repeats-alone-0d": lambda torch: torch.repeat_interleave(torch.tensor(3)),
    "repeats-alone-float": lambda torch: torch.repeat_interleave(torch.tensor([1., 2.])),
    "repeats-alone-number": lambda torch: torch.repeat_interleave(2),
    "float-number": lambda torch: torch.repeat_interleave(_ones(torch, 2), 2.5),
    "no-repeats": lambda torch: _ones(torch, 2).repeat_interleave(),
})

cases("meshgrid", {
    "empty": lambda torch: torch.meshgrid(indexing="ij"),
    "bad-indexing": lambda torch: torch.meshgrid(_ones(torch, 2), indexing="xx"),
    "dtypes-differ": lambda torch: torch.meshgrid(_ones(torch, 2), _ones(torch, 2).double(),
                                                  indexing="ij"),
    "number": lambda torch: torch.meshgrid(_ones(torch, 2), 2, indexing="ij"),
    "indexing-int": lambda torch: torch.meshgrid(_ones(torch, 2), indexing=3),
})

cases("nanmedian", {
    "bool": lambda torch: torch.tensor([True]).nanmedian(),
    "bool-dim": lambda torch: torch.tensor([True]).nanmedian(0),
    "empty-dim": lambda torch: _ones(torch, 0, 3).nanmedian(0),
    "dim-out-of-range": lambda torch: _ones(torch, 2, 3).nanmedian(2),
    "number": lambda torch: torch.nanmedian(2.0),
})

# (a singular matrix raises torch.linalg.LinAlgError, a class of each library's own: see
# test_a_singular_matrix_is_torchs_linalg_error in tests/compat/test_functions_added.py)
cases("inverse", {
    "not-square": lambda torch: torch.linalg.inv(_ones(torch, 2, 3)),
    "vector": lambda torch: _ones(torch).inverse(),
    "integer": lambda torch: torch.linalg.inv(_ones(torch, 2, 2, dtype=torch.int64)),
    "half": lambda torch: torch.linalg.inv(_ones(torch, 2, 2).half()),
})

cases("scalar-tensor", {
    "complex-to-float": lambda torch: torch.scalar_tensor(1j),
    "str": lambda torch: torch.scalar_tensor("a"),
    "list": lambda torch: torch.scalar_tensor([1]),
    "missing": lambda torch: torch.scalar_tensor(),
    "too-big": lambda torch: torch.scalar_tensor(2 ** 70),
    "uint8-overflow": lambda torch: torch.scalar_tensor(300, dtype=torch.uint8),
    "int-requires-grad": lambda torch: torch.scalar_tensor(1, dtype=torch.int64,
                                                           requires_grad=True),
})

cases("shift", {
    "float-left": lambda torch: _ones(torch) << 1,
    "float-right": lambda torch: _ones(torch) >> 1,
    "float-amount": lambda torch: torch.tensor([1, 2]) << 1.5,
    "float-number-first": lambda torch: 2.0 << torch.tensor([1, 2]),
    "bool-tensors": lambda torch: torch.tensor([True]) << torch.tensor([True]),
    "none": lambda torch: torch.tensor([1, 2]) << None,
    "str": lambda torch: torch.tensor([1, 2]) >> "a",
    "inplace-float": lambda torch: _ones(torch).__irshift__(1),
    "broadcast": lambda torch: torch.tensor([1, 2]) << torch.tensor([1, 2, 3]),
    "two-numbers": lambda torch: torch.bitwise_left_shift(2, 3),
})

cases("inplace-shape", {
    "squeeze-leaf": lambda torch: _ones(torch, 2, 1, requires_grad=True).squeeze_(),
    "unsqueeze-leaf": lambda torch: _ones(torch, 2, 1, requires_grad=True).unsqueeze_(0),
    "transpose-leaf": lambda torch: _ones(torch, 2, 1, requires_grad=True).transpose_(0, 1),
    "t-leaf": lambda torch: _ones(torch, 2, 1, requires_grad=True).t_(),
    "squeeze-view-of-leaf": lambda torch: _ones(torch, 2, 1, requires_grad=True)[0:1].squeeze_(),
    "squeeze-dim": lambda torch: _ones(torch, 2, 1).squeeze_(5),
    "unsqueeze-dim": lambda torch: _ones(torch, 2, 1).unsqueeze_(3),
    "transpose-dim": lambda torch: _ones(torch, 2, 1).transpose_(0, 2),
    "squeeze-repeated-dims": lambda torch: _ones(torch, 2, 1).squeeze_((0, 0)),
})


def _on_default_device(device, make):
    def program(torch):
        torch.set_default_device(device)
        try:
            return make(torch)
        finally:
            torch.set_default_device(None)
    return program


cases("default-device", {
    "bad-string": lambda torch: torch.set_default_device("xyz"),
    "cuda-ones": _on_default_device("cuda", lambda torch: torch.ones(2)),
    "cuda-tensor": _on_default_device("cuda", lambda torch: torch.tensor([1.0])),
    "cuda-randn": _on_default_device("cuda", lambda torch: torch.randn(2)),
    "cuda-get": _on_default_device("cuda", lambda torch: torch.get_default_device()),
})

cases("testing", {
    "not-close": lambda torch: torch.testing.assert_close(torch.ones(3), torch.zeros(3)),
    "dtype": lambda torch: torch.testing.assert_close(torch.ones(3), torch.ones(3).double()),
    "shape": lambda torch: torch.testing.assert_close(torch.ones(2), torch.ones(3)),
    "rtol-alone": lambda torch: torch.testing.assert_close(torch.ones(2), torch.ones(2), rtol=0.1),
    "tensor-and-number": lambda torch: torch.testing.assert_close(torch.ones(1), 1.0),
    "sequence-length": lambda torch: torch.testing.assert_close([1.0], [1.0, 2.0]),
})

cases("std-mean", {
    "integer": lambda torch: torch.std_mean(torch.tensor([1, 2])),
    "integer-var": lambda torch: torch.var_mean(torch.tensor([1, 2]), 0),
    "dim-out-of-range": lambda torch: torch.std_mean(_ones(torch, 2), 1),
})
