"""``torch.cuda.amp``: the deprecated spellings of ``torch.amp.autocast("cuda", ...)`` and
``torch.amp.GradScaler("cuda", ...)`` (without CUDA both warn and do nothing, as torch's).

>>> import compat as torch, warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     torch.cuda.amp.GradScaler().is_enabled()
False
"""
from ..amp.deprecated import CudaAutocast as autocast
from ..amp.deprecated import CudaGradScaler as GradScaler

__all__ = ["GradScaler", "autocast"]
