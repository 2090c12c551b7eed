"""``torch.backends``: the flags scripts set (cudnn.deterministic, …) and availability checks.

XLA picks its own kernels, so the flags are recorded but change nothing.

>>> import compat as torch
>>> torch.backends.cudnn.deterministic = True
>>> torch.backends.mps.is_available()
False
"""
from types import SimpleNamespace

cudnn = SimpleNamespace(deterministic=False, benchmark=False, enabled=True, allow_tf32=True,
                        is_available=lambda: False, version=lambda: None)
mps = SimpleNamespace(is_available=lambda: False, is_built=lambda: False)
cuda = SimpleNamespace(matmul=SimpleNamespace(allow_tf32=False, allow_fp16_reduced_precision_reduction=True),
                       is_built=lambda: False)
mkldnn = SimpleNamespace(enabled=True, is_available=lambda: False)
openmp = SimpleNamespace(is_available=lambda: False)
