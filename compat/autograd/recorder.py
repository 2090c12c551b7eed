"""What a running profiler records: one timed range per op, per backward node, per
``record_function`` block.

While a :class:`Recorder` is active (``dispatch.observe``), the dispatch point hands it each
op; it times the op as torch's profiler names it, ``aten::<name>`` from the op-table entry.
The backward engine hands it each node (``autograd::engine::evaluate_function: MulBackward0``
around ``MulBackward0``, as torch shows them). Ranges nest by time, as torch's do.

Lazy fusion would record ops now and run them later, at a boundary, as one program: timed
at dispatch they would cost nothing and the boundary would cost everything. So the thread
that starts a profiler runs its pending program first (work recorded before the profiler is
not charged to it) and runs ops one by one until the profiler stops; each op waits for its
results (JAX dispatches asynchronously), so a range is the time the op really took.

>>> import compat as torch
>>> recorder = Recorder(record_shapes=True)
>>> recorder.start()
>>> _ = torch.ones(2, 3) * 2
>>> recorder.stop()
>>> [(e.name, e.shapes) for e in recorder.events if e.name == "aten::mul"]
[('aten::mul', [[2, 3], []])]
"""
from __future__ import annotations

import os
import threading
import time
import traceback

import jax

from .. import dispatch, lazy
from ..graph import AccumulateGrad
from ..tensors import Tensor

_EVALUATE = "autograd::engine::evaluate_function: "
_COMPAT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORWARD, BACKWARD = 0, 1  # torch's RecordScope of an op and of a backward node


class Range:
    """One timed range: name, start and end (ns), thread, input shapes, scope, bytes of its
    results, and the user's stack when asked for."""

    __slots__ = ("name", "start", "end", "thread", "shapes", "scope", "memory", "stack")

    def __init__(self, name, thread, shapes, scope, stack):
        self.name, self.thread, self.shapes, self.scope, self.stack = (name, thread, shapes,
                                                                       scope, stack)
        self.memory = 0
        self.end = None
        self.start = time.perf_counter_ns()


def _shapes(values):
    """torch's ``input_shapes``: a Tensor's sizes, ``[]`` for anything else."""
    return [list(v.shape) if isinstance(v, Tensor) else [] for v in values]


def _nbytes(out):
    outs = out if type(out) is tuple else (out,)
    return sum(o._store.size * o._store.dtype.itemsize for o in outs if isinstance(o, Tensor))


def _block(out):
    """Wait until an op's results are computed (JAX runs them asynchronously)."""
    outs = out if type(out) in (tuple, list) else (out,)
    for o in outs:
        if isinstance(o, Tensor):
            value = lazy.resolve(o._store)
            if isinstance(value, jax.Array):
                value.block_until_ready()


def _user_stack():
    """The caller's frames outside compat, innermost first, as torch's ``with_stack`` shows
    them (``file.py(12): fn``)."""
    frames = traceback.extract_stack()[:-3]
    return [f"{f.filename}({f.lineno}): {f.name}" for f in reversed(frames)
            if not f.filename.startswith(_COMPAT_DIR)]


class Recorder:
    """The ranges of one profiling window (``start()`` … ``stop()``)."""

    def __init__(self, record_shapes=False, profile_memory=False, with_stack=False):
        self.record_shapes = record_shapes
        self.profile_memory = profile_memory
        self.with_stack = with_stack
        self.events: list[Range] = []
        self.threads: dict = {}  # thread ident -> torch's small thread number (1, 2, …)
        self.annotations: set = set()  # ids of the record_function ranges
        self.start_ns = self.end_ns = 0
        self._previous = None
        self._suspended = None

    # ------------------------------------------------------------------ window
    def start(self):
        self._suspended = lazy.suspended()
        self._suspended.__enter__()  # runs what is pending, then ops run one by one
        self.start_ns = time.perf_counter_ns()
        self._previous = dispatch.observe(self)

    def stop(self):
        dispatch.observe(self._previous)
        self.end_ns = time.perf_counter_ns()
        self._suspended.__exit__(None, None, None)
        # A range an error left open has no end: it is no event.
        self.events = [e for e in self.events if e.end is not None]

    # ------------------------------------------------------------------ ranges
    def begin(self, name, shapes=(), scope=FORWARD):
        ident = threading.get_ident()
        thread = self.threads.get(ident)
        if thread is None:
            thread = self.threads.setdefault(ident, len(self.threads) + 1)
        event = Range(name, thread, list(shapes) if self.record_shapes else [], scope,
                      _user_stack() if self.with_stack else None)
        self.events.append(event)
        return event

    def annotate(self, name):
        """A ``record_function`` range, open until :func:`close`."""
        event = self.begin(name)
        self.annotations.add(id(event))
        return event

    def end(self, event, results=None):
        if results is not None:
            _block(results)
            if self.profile_memory:
                event.memory = _nbytes(tuple(results))
        if type(event) is tuple:
            for e in reversed(event):
                e.end = time.perf_counter_ns()
        else:
            event.end = time.perf_counter_ns()

    # ------------------------------------------------------------------ hooks
    def op(self, spec, values, execute):
        """An op at the dispatch point: timed as ``aten::<name>``, its results waited for."""
        if spec.name == "backward":  # a recorded backward: its node's range times it
            return execute(spec, values)
        event = self.begin("aten::" + spec.name, _shapes(values) if self.record_shapes else ())
        try:
            out = execute(spec, values)
            _block(out[0])
            if self.profile_memory:
                event.memory = _nbytes(out[0])
        finally:
            event.end = time.perf_counter_ns()
        return out

    def evaluate(self, node, slots):
        """The engine's range around one node (its hooks, its backward, passing gradients on);
        a leaf's AccumulateGrad is timed inside it as torch times it."""
        outer = self.begin(_EVALUATE + node.name(), (), BACKWARD)
        if not isinstance(node, AccumulateGrad):
            return outer
        grads = [slots.get(0)] if slots.get(0) is not None else []
        return outer, self.begin(node.name(), _shapes(grads), BACKWARD)

    def apply(self, node, grads):
        """The range of a node's own backward, named as its grad_fn."""
        return self.begin(node.name(), _shapes([g for g in grads if g is not None]), BACKWARD)


def close(event) -> None:
    """End a range opened by :meth:`Recorder.annotate`."""
    event.end = time.perf_counter_ns()


def active() -> Recorder | None:
    """The recorder timing ops now, if any."""
    observer = dispatch.observer()
    return observer if isinstance(observer, Recorder) else None
