"""``torch.autograd.profiler``: :class:`profile` and :class:`record_function`.

Inside ``profile`` every op run at the dispatch point is an event named as torch names it
(``aten::mul``), every backward node one too (``MulBackward0`` inside
``autograd::engine::evaluate_function: MulBackward0``), every ``record_function`` block one
holding the events run inside it. The results are torch's :class:`EventList`,
:class:`FunctionEvent` and :class:`FunctionEventAvg`; ``key_averages().table()`` is torch's
table. Ops run one by one while a profiler is active (lazy fusion waits, see
``compat.autograd.recorder``), so each event times its op.

Timings are this library's own; which events appear follows compat's ops, not ATen's kernels
(no ``aten::empty_strided`` or ``aten::as_strided`` under ``aten::sum``; an in-place op is
named as its out-of-place op, ``aten::add`` for ``add_``).

>>> import compat as torch
>>> x = torch.ones(2, 2, requires_grad=True)
>>> with torch.autograd.profiler.profile() as prof:
...     with torch.autograd.profiler.record_function("block"):
...         y = (x * 2).sum()
...     y.backward()
>>> [e.name for e in prof.function_events][:3]
['block', 'aten::mul', 'aten::sum']
>>> prof.key_averages().table().splitlines()[1].split()[:3]
['Name', 'Self', 'CPU']
"""
from __future__ import annotations

import functools
import warnings

from ..devices import cuda_available
from . import recorder as _recorder
from .profiler_util import (DeviceType, EventList, FunctionEvent,  # noqa: F401
                            FunctionEventAvg, Interval, chrome_trace)

_DEVICES = ("cuda", "xpu", "mtia", "hpu")
_NO_RESULTS = "Expected profiling results"


def _step_name(name):
    """torch's key of a ``ProfilerStep#N`` range: every step is one row, ``ProfilerStep*``."""
    return "ProfilerStep*" if name.startswith("ProfilerStep#") else name


def function_events(rec, use_device=None, profile_memory=False, with_flops=False):
    """The :class:`EventList` of a stopped recorder, times in us from its start."""
    start = rec.start_ns
    annotations = rec.annotations
    events = EventList(
        [FunctionEvent(i, _step_name(r.name), r.thread, (r.start - start) / 1000.0,
                       (r.end - start) / 1000.0, input_shapes=r.shapes, stack=r.stack,
                       scope=r.scope, use_device=use_device, cpu_memory_usage=r.memory,
                       trace_name=r.name, is_user_annotation=id(r) in annotations,
                       overload_name="")
         for i, r in enumerate(rec.events)],
        use_device=use_device, profile_memory=profile_memory, with_flops=with_flops)
    events._build_tree()
    if profile_memory:
        for event in events:
            if event.cpu_parent is None:
                _memory_within(event)
    return events


def _memory_within(event):
    """A range's memory is what the ops inside it allocated (a block's own is nothing; a
    composite op's result is its inner op's), so no self memory is negative."""
    inner = sum(_memory_within(child) for child in event.cpu_children)
    event.cpu_memory_usage = max(event.cpu_memory_usage, inner)
    return event.cpu_memory_usage


class profile:
    """Record every op, backward node and ``record_function`` block run inside the block.

    ``use_cuda``/``use_device`` are accepted with torch's warnings (compat times the CPU
    side); ``record_shapes`` adds input shapes, ``profile_memory`` the bytes of each op's
    results (torch counts its allocator's bytes), ``with_stack`` the user's frames.

    >>> import compat as torch
    >>> with torch.autograd.profiler.profile(record_shapes=True) as prof:
    ...     _ = torch.ones(3) + torch.ones(3)
    >>> [(e.key, e.count, e.input_shapes) for e in prof.key_averages(group_by_input_shape=True)
    ...  if e.key == "aten::add"]
    [('aten::add', 1, [[3], [3], []])]
    """

    def __init__(self, enabled=True, *, use_cuda=False, use_device=None, record_shapes=False,
                 with_flops=False, profile_memory=False, with_stack=False, with_modules=False,
                 use_kineto=False, use_cpu=True, experimental_config=None, acc_events=False,
                 custom_trace_id_callback=None, post_processing_timeout_s=None,
                 activity_filters=None):
        self.enabled = enabled
        if not enabled:
            return
        self.use_cuda = use_cuda
        if use_cuda:
            warnings.warn("The attribute `use_cuda` will be deprecated soon, please use "
                          "``use_device = 'cuda'`` instead.", FutureWarning, stacklevel=2)
            use_device = "cuda"
        if use_device is not None and use_device not in _DEVICES:
            warnings.warn(f"The {use_device} is not a valid device option.", stacklevel=2)
            use_device = None
        if use_device == "cuda" and not cuda_available():
            warnings.warn("CUDA is not available, disabling CUDA profiling", stacklevel=2)
            self.use_cuda = False
            use_device = None
        self.use_device = use_device
        self.record_shapes = record_shapes or with_flops
        self.with_flops = with_flops
        self.profile_memory = profile_memory
        self.with_stack = with_stack
        self.with_modules = with_modules
        self.use_cpu = use_cpu
        self.acc_events = acc_events
        self.entered = False
        self._recorder = None
        self._function_events = None

    def __enter__(self):
        if not self.enabled:
            return None
        if self.entered:
            raise RuntimeError("Profiler context manager is not reentrant")
        self.entered = True
        self._start()
        return self

    def _start(self):
        self._recorder = _recorder.Recorder(self.record_shapes, self.profile_memory,
                                            self.with_stack)
        self._recorder.start()

    def __exit__(self, exc_type, exc_value, traceback):
        if not self.enabled:
            return False
        self._recorder.stop()
        events = function_events(self._recorder, self.use_device, self.profile_memory,
                                 self.with_flops)
        if self.acc_events and self._function_events:
            events = EventList(list(self._function_events) + list(events),
                               use_device=self.use_device, profile_memory=self.profile_memory,
                               with_flops=self.with_flops)
            events._tree_built = True
        self._function_events = events
        self._recorder = None
        return False

    def __repr__(self):
        if self._function_events is None:
            return "<unfinished torch.autograd.profile>"
        return repr(self._function_events)

    def __str__(self):
        if self._function_events is None:
            return "<unfinished torch.autograd.profile>"
        return str(self._function_events)

    def _events(self):
        if self._function_events is None:
            raise AssertionError(_NO_RESULTS)
        return self._function_events

    @property
    def function_events(self):
        return self._function_events

    def table(self, sort_by=None, row_limit=100, max_src_column_width=75,
              max_name_column_width=55, max_shapes_column_width=80, header=None,
              top_level_events_only=False):
        """The events as torch's table (see :meth:`EventList.table`)."""
        return self._events().table(sort_by=sort_by, row_limit=row_limit,
                                    max_src_column_width=max_src_column_width,
                                    max_name_column_width=max_name_column_width,
                                    max_shapes_column_width=max_shapes_column_width,
                                    header=header, top_level_events_only=top_level_events_only)

    def export_chrome_trace(self, path, metadata=None, use_python_export=False):
        """Write the events as a Chrome trace (a JSON object with ``traceEvents``)."""
        chrome_trace(self._events(), path, self.record_shapes)

    def export_stacks(self, path, metric="self_cpu_time_total"):
        if not self.with_stack:
            raise AssertionError("export_stacks() requires with_stack=True")
        return self._events().export_stacks(path, metric)

    def key_averages(self, group_by_input_shape=False, group_by_stack_n=0,
                     group_by_overload_name=False):
        """The events averaged per key (see :meth:`EventList.key_averages`)."""
        return self._events().key_averages(group_by_input_shape, group_by_stack_n,
                                           group_by_overload_name)

    def total_average(self):
        return self._events().total_average()

    @property
    def self_cpu_time_total(self):
        """The sum of every event's self CPU time, in us."""
        return self._events().self_cpu_time_total


class record_function:
    """A named range around a block (context manager) or every call of a function
    (decorator); it holds the events run inside it. Outside a profiler it does nothing.

    >>> import compat as torch
    >>> @torch.autograd.profiler.record_function("double")
    ... def double(t):
    ...     return t * 2
    >>> with torch.autograd.profiler.profile() as prof:
    ...     _ = double(torch.ones(2))
    >>> [(e.name, [c.name for c in e.cpu_children]) for e in prof.function_events]
    [('double', ['aten::mul']), ('aten::mul', [])]
    """

    def __init__(self, name: str, args: str | None = None):
        self.name = name
        self.args = args
        self.run_callbacks_on_exit = True
        self._range = None

    def __enter__(self):
        rec = _recorder.active()
        self._range = None if rec is None else rec.annotate(self.name)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if self._range is not None and self.run_callbacks_on_exit:
            self._range, event = None, self._range
            _recorder.close(event)
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            with record_function(self.name, self.args):
                return fn(*args, **kwargs)
        return wrapped
