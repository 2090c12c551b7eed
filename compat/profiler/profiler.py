"""``torch.profiler.profile``: the autograd profiler over a schedule of steps.

Each ``step()`` asks the schedule what the next step is (``NONE``, ``WARMUP``, ``RECORD``,
``RECORD_AND_SAVE``) and starts or stops recording as torch's state machine does; when an
active cycle ends, ``on_trace_ready(prof)`` is called (``tensorboard_trace_handler`` writes
the trace). With a schedule, each step is a ``ProfilerStep#N`` range.

>>> import compat as torch
>>> from compat.profiler import ProfilerActivity, profile, schedule
>>> ready, x = [], torch.ones(2)
>>> with profile(activities=[ProfilerActivity.CPU],
...              on_trace_ready=lambda p: ready.append(p.step_num),
...              schedule=schedule(wait=1, warmup=1, active=2, repeat=1)) as prof:
...     for _ in range(5):
...         _ = x * 2
...         prof.step()
>>> ready
[4]
>>> sorted({e.key for e in prof.key_averages()})
['ProfilerStep*', 'aten::mul']
"""
from __future__ import annotations

import enum
import os
import socket
import time
import warnings

from ..autograd import profiler as _profiler

_STEP = "ProfilerStep#"
_SHOWN: set = set()  # the warnings torch shows once per process


def _warn_once(message):
    if message not in _SHOWN:
        _SHOWN.add(message)
        warnings.warn(message, stacklevel=3)


class ProfilerActivity(enum.Enum):
    """What the profiler records (compat records the CPU side only)."""

    CPU = 0
    XPU = 1
    MTIA = 2
    CUDA = 3
    HPU = 4
    PrivateUse1 = 5


class ProfilerAction(enum.Enum):
    """What the profiler does during a step."""

    NONE = 0
    WARMUP = 1
    RECORD = 2
    RECORD_AND_SAVE = 3
    DEVICE_STOPPED = 4


def supported_activities():
    """The activities this build can record."""
    return {ProfilerActivity.CPU}


def schedule(*, wait: int, warmup: int, active: int, repeat: int = 0, skip_first: int = 0,
             skip_first_wait: int = 0):
    """The action of each step: skip ``skip_first`` steps, then cycles of ``wait`` steps
    idle, ``warmup`` steps warming up and ``active`` steps recorded (the last one saving),
    ``repeat`` times (0: without end).

    >>> from compat.profiler import schedule
    >>> s = schedule(wait=1, warmup=1, active=2, repeat=1)
    >>> [s(i).name for i in range(5)]
    ['NONE', 'WARMUP', 'RECORD', 'RECORD_AND_SAVE', 'NONE']
    """
    def schedule_fn(step: int) -> ProfilerAction:
        if step < 0:
            raise AssertionError(f"Step must be non-negative. Got {step}.")
        if step < skip_first:
            return ProfilerAction.NONE
        step -= skip_first
        if skip_first_wait != 0:
            step += wait
        cycle = wait + warmup + active
        if repeat > 0 and step / cycle >= repeat:
            return ProfilerAction.NONE
        position = step % cycle
        if position < wait:
            return ProfilerAction.NONE
        if position < wait + warmup:
            return ProfilerAction.WARMUP
        return (ProfilerAction.RECORD if position < cycle - 1
                else ProfilerAction.RECORD_AND_SAVE)

    if wait < 0 or warmup < 0 or active <= 0 or repeat < 0 or skip_first < 0:
        raise AssertionError(
            f"Invalid profiler schedule arguments. Got wait={wait} (need >= 0), warmup={warmup} "
            f"(need >= 0), active={active} (need > 0), repeat={repeat} (need >= 0), "
            f"skip_first={skip_first} (need >= 0).")
    if warmup == 0:
        warnings.warn("Profiler won't be using warmup, this can skew profiler results",
                      stacklevel=2)
    return schedule_fn


def _default_schedule(_step):
    return ProfilerAction.RECORD


def tensorboard_trace_handler(dir_name: str, worker_name: str | None = None,
                              use_gzip: bool = False, use_python_export: bool = False):
    """An ``on_trace_ready`` that writes each trace to ``dir_name`` as
    ``<worker>.<ns>.pt.trace.json`` (gzipped with ``use_gzip``), for TensorBoard."""
    def handler_fn(prof) -> None:
        nonlocal worker_name
        if not os.path.isdir(dir_name):
            try:
                os.makedirs(dir_name, exist_ok=True)
            except Exception as e:
                raise RuntimeError("Can't create directory: " + dir_name) from e
        if not worker_name:
            worker_name = f"{socket.gethostname()}_{os.getpid()}"
        file_name = f"{worker_name}.{time.time_ns()}.pt.trace.json"
        if use_gzip:
            file_name += ".gz"
        prof.export_chrome_trace(os.path.join(dir_name, file_name))
    return handler_fn


class _KinetoProfile:
    """A profiler started and stopped by hand (``start()``, ``stop()``); each window is one
    ``torch.autograd.profiler.profile``."""

    def __init__(self, *, activities=None, record_shapes=False, profile_memory=False,
                 with_stack=False, with_flops=False, with_modules=False,
                 experimental_config=None, execution_trace_observer=None, acc_events=False,
                 custom_trace_id_callback=None, post_processing_timeout_s=None):
        self.activities = set(activities) if activities else supported_activities()
        self.record_shapes = record_shapes
        self.profile_memory = profile_memory
        self.with_stack = with_stack
        self.with_flops = with_flops
        self.with_modules = with_modules
        self.acc_events = acc_events
        self.execution_trace_observer = execution_trace_observer
        self.profiler = None

    def start(self):
        self.prepare_trace()
        self.start_trace()

    def stop(self):
        self.stop_trace()

    def prepare_trace(self):
        if self.profiler is not None and not self.acc_events:
            _warn_once("Warning: Profiler clears events at the end of each cycle. Only events "
                       "from the current cycle will be reported. To keep events across cycles, "
                       "set acc_events=True.")
        if self.profiler is None or not self.acc_events:
            self.profiler = _profiler.profile(record_shapes=self.record_shapes,
                                              profile_memory=self.profile_memory,
                                              with_stack=self.with_stack,
                                              with_flops=self.with_flops,
                                              with_modules=self.with_modules,
                                              acc_events=self.acc_events)
        self.profiler.entered = False

    def start_trace(self):
        self.profiler.__enter__()

    def stop_trace(self):
        if self.profiler is not None and self.profiler._recorder is not None:  # a window is open
            self.profiler.__exit__(None, None, None)

    def export_chrome_trace(self, path: str):
        """Write the last window's events as a Chrome trace (JSON, or gzipped JSON when
        ``path`` ends in ``.gz``)."""
        if not path.endswith(".gz"):
            return self.profiler.export_chrome_trace(path)
        import gzip  # lazy: only gzipped traces need it
        plain = path[:-3]
        self.profiler.export_chrome_trace(plain)
        with open(plain, "rb") as src, gzip.open(path, "wb") as dst:
            dst.write(src.read())
        os.remove(plain)

    def export_stacks(self, path: str, metric: str = "self_cpu_time_total"):
        return self.profiler.export_stacks(path, metric)

    def events(self):
        """The last window's events (an ``EventList``)."""
        if self.profiler is None:
            raise AssertionError("Expected profiler to be set")
        return self.profiler.function_events

    def key_averages(self, group_by_input_shape: bool = False, group_by_stack_n: int = 0,
                     group_by_overload_name: bool = False):
        """The last window's events averaged per key."""
        if self.profiler is None:
            raise AssertionError("Expected profiler to be set")
        return self.profiler.key_averages(group_by_input_shape, group_by_stack_n,
                                          group_by_overload_name)


class profile(_KinetoProfile):
    """``torch.profiler.profile``: a context manager recording the ops of each active step
    (see the module's example)."""

    def __init__(self, *, activities=None, schedule=None, on_trace_ready=None,
                 record_shapes=False, profile_memory=False, with_stack=False, with_flops=False,
                 with_modules=False, experimental_config=None, execution_trace_observer=None,
                 acc_events=False, use_cuda=None, custom_trace_id_callback=None,
                 post_processing_timeout_s=None):
        chosen = set(activities) if activities is not None else supported_activities()
        if use_cuda is not None:
            warnings.warn("`use_cuda` is deprecated, use `activities` argument instead",
                          FutureWarning, stacklevel=2)
            if use_cuda:
                chosen.add(ProfilerActivity.CUDA)
            else:
                chosen.discard(ProfilerActivity.CUDA)
        if not chosen:
            raise AssertionError("No valid profiler activities found")
        super().__init__(activities=chosen, record_shapes=record_shapes,
                         profile_memory=profile_memory, with_stack=with_stack,
                         with_flops=with_flops, with_modules=with_modules,
                         acc_events=acc_events)
        self.schedule = schedule or _default_schedule
        self.record_steps = schedule is not None
        self.on_trace_ready = on_trace_ready
        self.step_num = 0
        self.step_rec_fn = None
        self.current_action = self.schedule(self.step_num)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.stop()
        return False

    def start(self):
        self._transit(ProfilerAction.NONE, self.current_action)
        self._open_step()

    def stop(self):
        self._close_step()
        self._transit(self.current_action, None)

    def step(self):
        """The next step has started: record, warm up or wait as the schedule says."""
        self._close_step()
        previous = self.current_action
        self.step_num += 1
        self.current_action = self.schedule(self.step_num)
        self._transit(previous, self.current_action)
        self._open_step()

    def _open_step(self):
        if self.record_steps:
            self.step_rec_fn = _profiler.record_function(_STEP + str(self.step_num))
            self.step_rec_fn.__enter__()

    def _close_step(self):
        if self.record_steps and self.step_rec_fn is not None:
            self.step_rec_fn.__exit__(None, None, None)
            self.step_rec_fn = None

    def _trace_ready(self):
        if self.on_trace_ready:
            self.on_trace_ready(self)

    def _transit(self, previous, current):
        """torch's transitions between the actions of two steps (None: the profiler
        stops)."""
        A = ProfilerAction
        recording = (A.RECORD, A.RECORD_AND_SAVE)
        if previous == A.NONE:
            if current == A.WARMUP:
                self.prepare_trace()
            elif current in recording:
                self.prepare_trace()
                self.start_trace()
        elif previous == A.WARMUP:
            if current == A.NONE:
                warnings.warn("Incorrect schedule: WARMUP followed by NONE")
            if current in recording:
                self.start_trace()
            elif current != A.WARMUP:  # NONE or the end: a window with nothing in it
                self.start_trace()
                self.stop_trace()
        elif previous == A.RECORD:
            if current in (A.NONE, A.WARMUP):
                warnings.warn(f"Incorrect schedule: RECORD followed by {current.name}")
                self.stop_trace()
            elif current is None:
                self.stop_trace()
                self._trace_ready()
        elif previous == A.RECORD_AND_SAVE:
            self.stop_trace()
            self._trace_ready()
            if current == A.WARMUP:
                self.prepare_trace()
            elif current in recording:
                self.prepare_trace()
                self.start_trace()
