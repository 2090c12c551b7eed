"""``torch.cpu.amp``: the deprecated spelling of ``torch.amp.autocast("cpu", ...)``.

>>> import compat as torch, warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     torch.cpu.amp.autocast().fast_dtype
torch.bfloat16
"""
from ..amp.deprecated import CpuAutocast as autocast

__all__ = ["autocast"]
