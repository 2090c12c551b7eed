"""``torch.cpu``: the CPU device module (``torch.cpu.amp`` holds its deprecated autocast).

>>> import compat as torch
>>> torch.cpu.is_available(), torch.cpu.device_count()
(True, 1)
"""


def is_available() -> bool:
    return True


def device_count() -> int:
    return 1
