"""The names torch's messages give Python types (CPython's ``tp_name``, torch's own classes
under their torch names).

>>> type_name(2.5)
'float'
"""
from __future__ import annotations

_TORCH_CLASS_NAMES = {"dtype": "torch.dtype", "device": "torch.device", "Size": "torch.Size",
                      "Generator": "torch._C.Generator"}


def type_name(obj) -> str:
    """The name torch's messages give the type of ``obj`` (CPython's ``tp_name``).

    >>> import numpy as np
    >>> type_name(2.5), type_name(np.float64(1)), type_name(np.zeros(2))
    ('float', 'numpy.float64', 'numpy.ndarray')
    """
    cls = type(obj)
    module = cls.__module__ or ""
    if module.startswith("numpy"):
        return f"{module}.{cls.__name__}"
    if (module == "torch" or module.startswith("compat")) and cls.__name__ in _TORCH_CLASS_NAMES:
        return _TORCH_CLASS_NAMES[cls.__name__]
    return cls.__name__
