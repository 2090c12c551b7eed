"""``torch.profiler``: :class:`profile` over a :func:`schedule` of steps, ``record_function``,
``ProfilerActivity``, ``ProfilerAction``, ``tensorboard_trace_handler``.

>>> import compat as torch
>>> x = torch.ones(2)
>>> with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
...     with torch.profiler.record_function("block"):
...         _ = x + 1
>>> [e.name for e in prof.events()]
['block', 'aten::add']
"""
from ..autograd.profiler import record_function  # noqa: F401
from .profiler import (ProfilerAction, ProfilerActivity, _KinetoProfile, profile,  # noqa: F401
                       schedule, supported_activities, tensorboard_trace_handler)

__all__ = ["profile", "schedule", "supported_activities", "tensorboard_trace_handler",
           "ProfilerAction", "ProfilerActivity", "record_function"]
