"""``torch.utils.benchmark``: :class:`Timer`, its :class:`Measurement`, and :class:`Compare`.

>>> import compat as torch
>>> from compat.utils import benchmark
>>> m = benchmark.Timer("x.sum()", globals={"x": torch.ones(4)}).timeit(5)
>>> m.number_per_run, m.title
(5, 'x.sum()')
"""
from .common import Measurement, TaskSpec, select_unit, trim_sigfig, unit_to_english  # noqa: F401
from .compare import Colorize, Compare  # noqa: F401
from .timer import Language, Timer, synchronize  # noqa: F401

__all__ = ["Colorize", "Compare", "Language", "Measurement", "TaskSpec", "Timer", "select_unit",
           "trim_sigfig", "unit_to_english"]
