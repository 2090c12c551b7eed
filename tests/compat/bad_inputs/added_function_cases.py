"""Bad inputs to the functions programs call beside the core ops: addcmul/addcdiv, hypot,
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
