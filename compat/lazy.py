"""Lazy fusion: ops are recorded, not run, and a whole region runs as one compiled program.

With fusion on (the default), the dispatch point does not call each op's compiled function.
It appends the op to the calling thread's pending :class:`Program` and hands back
:class:`Pending` values that know their shape and dtype (inferred once per op and input
shapes, so a shape error still raises at the line that made it, in torch's words). The
program runs, as one ``jax.jit`` of all its ops, when

- a value is needed on the host (printing, ``.item()``, ``bool()``, ``.numpy()``, a host-side
  index check, anything that reads ``Tensor._data``): :func:`resolve`,
- ``backward()`` or ``autograd.grad`` has finished (:func:`boundary`); the optimizer's
  update is recorded too, so it runs with the next step's forward and backward: a training
  loop makes one XLA call per step,
- it reaches :data:`MAX_STEPS` ops, or fusion is switched off.

A program seen for the first time runs op by op (each op's own compiled function); one that
recurs is compiled whole.

Its compiled form is found by walking a trie of recorded steps, keyed as ops are recorded
(op, static values, which earlier values or input shapes they read), so a training loop that
records the same ops each step compiles once. Only values still referenced when it runs are
outputs of the program: XLA drops the rest. Per-op execution (``set_fusion(False)``, or the
environment variable ``COMPAT_FUSION=0``) is the fallback. Inside one compiled program XLA
contracts ``a * b + c`` into a fused multiply-add (XLA:CPU has no option to stop it), so a
fused result can differ from the per-op one in the last bit of float32.

>>> import compat as torch
>>> x = torch.ones(3)
>>> y = (x * 2).exp()          # recorded: nothing has run yet
>>> y.shape                    # known without running
torch.Size([3])
>>> y                          # printing runs the pending program
tensor([7.3891, 7.3891, 7.3891])
"""
from __future__ import annotations

import bisect
import math
import os
import threading
import weakref

import jax
import numpy as np

FUSE_AFTER = 1  # runs of a program, op by op, before it is compiled whole
MAX_STEPS = 2048  # ops per program: bounds compile time and the memory held by pending inputs
_MAX_TRIE = 20000  # recorded steps kept in the program cache before it starts afresh

LOCK = threading.RLock()  # programs of one thread may be run by another (a value it needs)
_LOCAL = threading.local()
_ENABLED = [os.environ.get("COMPAT_FUSION", "1").lower() not in ("0", "false", "off", "no")]
_SCALARS = (int, float, bool, complex)


def set_fusion(enabled: bool) -> None:
    """Switch lazy fusion on (the default) or off (every op runs at once, as its own call).

    >>> import compat
    >>> before = compat.is_fusion_enabled()
    >>> compat.set_fusion(False); compat.is_fusion_enabled()
    False
    >>> compat.set_fusion(before)
    """
    if not enabled:
        flush_all()
    _ENABLED[0] = bool(enabled)


def is_fusion_enabled() -> bool:
    """Whether ops are recorded and fused (see :func:`set_fusion`).

    >>> import compat
    >>> with compat.lazy.suspended():
    ...     compat.is_fusion_enabled()
    False
    """
    return _ENABLED[0] and not getattr(_LOCAL, "suspended", 0)


class suspended:
    """A region where ops run one by one (code that traces compat ops itself, or needs each
    result at once)."""

    def __enter__(self):
        _LOCAL.suspended = getattr(_LOCAL, "suspended", 0) + 1
        flush_thread()

    def __exit__(self, *exc):
        _LOCAL.suspended -= 1


# --------------------------------------------------------------------------- values
class Pending:
    """A value the pending program will compute: its shape and dtype are known now."""

    __slots__ = ("shape", "dtype", "weak_type", "program", "_slot", "value", "__weakref__")

    def __init__(self, shape, dtype, weak_type, program, slot):
        self.shape, self.dtype, self.weak_type = shape, dtype, weak_type
        self.program = program  # None once computed
        self._slot = slot       # its place among the program's values
        self.value = None

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def devices(self):
        return {jax.devices()[0]}

    # A host-side check (index bounds) reads shapes, and values only where it needs them:
    # converting a Pending value computes it then (see host_value), not before.
    def __array__(self, dtype=None, copy=None):
        return np.asarray(host_value(self), dtype=dtype)

    def __jax_array__(self):
        return resolve(self)

    def __repr__(self):
        return f"Pending({self.shape}, {self.dtype})"


def resolve(value):
    """``value`` itself, or, for a :class:`Pending` one, its computed array (running its
    program first if it has not run)."""
    if type(value) is not Pending:
        return value
    if value.program is not None:
        with LOCK:
            if value.program is not None:
                value.program.run()
    return value.value


SLICE_STEPS = 8  # the most steps host_value runs on their own rather than cut the program


def host_value(value):
    """``value``'s array, for a host-side check (an index bound, a target class): a pending
    value made by a few steps (``target.view(-1)``) is computed by those steps alone, each by
    its own compiled function, as the per-op path computes it; its program stays whole, so
    the check does not cut the region it is part of. Otherwise as :func:`resolve`."""
    if type(value) is not Pending:
        return value
    with LOCK:
        program = value.program
        if program is None:
            return value.value
        found = program.slice_value(value._slot)
        if found is not None:
            return found
    return resolve(value)


def same_value(a, b) -> bool:
    """Whether two stored values (arrays or Pending) are the same value."""
    if type(a) is Pending and a.program is None:
        a = a.value
    if type(b) is Pending and b.program is None:
        b = b.value
    return a is b


class Step:
    """A callable keyed by its fields: equal steps share one compiled function and one node
    of the program trie. Subclasses list their fields in ``__slots__`` and call
    ``Step.__init__`` with them, in that order.

    >>> class Scale(Step):
    ...     __slots__ = ("factor",)
    ...     def __call__(self, x):
    ...         return x * self.factor
    >>> Scale(2) == Scale(2), Scale(2) == Scale(3)
    (True, False)
    """

    __slots__ = ("_key", "_hash", "__weakref__")

    def __init__(self, *fields):
        for name, value in zip(type(self).__slots__, fields):
            object.__setattr__(self, name, value)
        self._key = fields
        self._hash = hash(fields)

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return type(other) is type(self) and other._key == self._key


# --------------------------------------------------------------------------- the trie
class _Step:
    """A node of the program trie: the program recorded so far, one step at a time."""

    __slots__ = ("children", "out", "compiled", "visits")

    def __init__(self, out):
        self.children = {}
        self.visits = 0       # times a program ending here ran op by op
        self.out = out        # (several, avals): one (shape, dtype, weak_type), or a tuple of them
        self.compiled = None  # {live output slots: jitted program} for a program ending here


_ROOT = [_Step(None)]
_TRIE_SIZE = [0]
COMPILED = [0]  # programs compiled so far (tests count them)


def _aval(value):
    """The abstract input a value gives a program, as a hashable key."""
    kind = type(value)
    if kind in _SCALARS:
        return kind
    return (value.shape, value.dtype, getattr(value, "weak_type", False))


def _abstract(value):
    kind = type(value)
    if kind in _SCALARS:
        return value
    return jax.ShapeDtypeStruct(value.shape, value.dtype,
                                weak_type=getattr(value, "weak_type", False))


_JITS: dict = {}    # step function -> its own jitted form (programs run before they fuse)
_SHAPES: dict = {}  # (step function, input avals) -> (several, output avals)


def jitted(fn):
    """``fn``'s own compiled function (one per op and static values, shared by programs)."""
    out = _JITS.get(fn)
    if out is None:
        out = _JITS[fn] = jax.jit(fn)
    return out


def _shapes(fn, key, inputs):
    """(several, output avals) of ``fn`` on ``inputs`` (abstract values; ``key``: theirs as a
    key), with the errors it raises while tracing (the op table's torch-worded ones) as they
    are. The trace is the one its compiled function reuses."""
    key = (fn, key)
    found = _SHAPES.get(key)
    if found is None:
        out = jitted(fn).eval_shape(*inputs)
        if type(out) is tuple:
            found = True, tuple(None if o is None else (o.shape, o.dtype, o.weak_type)
                                for o in out)
        else:
            found = False, (out.shape, out.dtype, out.weak_type)
        if len(_SHAPES) > _MAX_TRIE:
            _SHAPES.clear()
        _SHAPES[key] = found
    return found


def clear_caches() -> None:
    """Forget compiled programs and inferred shapes (after a change of default dtype)."""
    flush_thread()
    _JITS.clear()
    _SHAPES.clear()
    _ROOT[0] = _Step(None)
    _TRIE_SIZE[0] = 0


# --------------------------------------------------------------------------- programs
class Program:
    """The ops one thread has recorded since its last program ran."""

    __slots__ = ("externals", "external_ids", "steps", "first_slots", "slots", "avals", "node")

    def __init__(self):
        self.externals = []     # concrete inputs, in first-use order
        self.external_ids = {}  # id(array) -> its input index (one input per array)
        self.steps = []         # (fn, refs): refs >= 0 a slot, < 0 an input (-1 - index)
        self.first_slots = []   # per step: the slot of its first output (its outputs are
                                # consecutive slots)
        self.slots = []         # weak references to the Pending outputs, one per slot
        self.avals = []         # per slot: its (shape, dtype, weak_type)
        self.node = _ROOT[0]

    def _ref(self, value, key):
        kind = type(value)
        if kind is Pending:
            if value.program is self:
                return value._slot
            # another program's value (its program runs now, if it has not): its abstract
            # value is known without reading the array's
            aval = (value.shape, value.dtype, value.weak_type)
            value = resolve(value)
        elif kind in _SCALARS:
            key.append(kind)
            self.externals.append(value)
            return -len(self.externals)
        else:
            aval = (value.shape, value.dtype, getattr(value, "weak_type", False))
        index = self.external_ids.get(id(value))
        if index is not None:
            return -1 - index
        self.external_ids[id(value)] = len(self.externals)
        key.append(aval)
        self.externals.append(value)
        return -len(self.externals)

    def record(self, fn, inputs):
        """Append ``fn(*inputs)`` (inputs: arrays, Python numbers or Pending values) and
        return its Pending output(s)."""
        key = []
        n_externals = len(self.externals)
        ref = self._ref
        refs = tuple([ref(v, key) for v in inputs])
        step_key = (fn, refs, tuple(key))
        node = self.node.children.get(step_key)
        if node is None:
            avals = tuple(_aval(self.externals[-1 - r]) if r < 0 else self.avals[r]
                          for r in refs)
            abstract = [_abstract(self.externals[-1 - r]) if r < 0 else
                        jax.ShapeDtypeStruct(*self.avals[r][:2], weak_type=self.avals[r][2])
                        for r in refs]
            try:
                out = _shapes(fn, avals, abstract)
            except BaseException:  # a refused op leaves the program as it was
                for value in self.externals[n_externals:]:
                    self.external_ids.pop(id(value), None)
                del self.externals[n_externals:]
                raise
            node = _Step(out)
            if _TRIE_SIZE[0] > _MAX_TRIE:  # a cache, not a record of every program seen
                _ROOT[0] = _Step(None)
                _TRIE_SIZE[0] = 0
            else:
                self.node.children[step_key] = node
                _TRIE_SIZE[0] += 1
        self.node = node
        self.steps.append((fn, refs))
        self.first_slots.append(len(self.slots))
        several, out = node.out
        if several:
            return tuple(None if o is None else self._pending(o) for o in out)
        return self._pending(out)

    def _pending(self, aval):
        p = Pending(aval[0], aval[1], aval[2], self, len(self.slots))
        self.slots.append(weakref.ref(p))
        self.avals.append(aval)
        return p

    def slice_value(self, slot):
        """The array of ``slot`` computed by the steps it depends on alone, or None if more
        than :data:`SLICE_STEPS` steps make it."""
        first_slots = self.first_slots
        wanted = {bisect.bisect_right(first_slots, slot) - 1}
        stack = list(wanted)
        while stack:
            for r in self.steps[stack.pop()][1]:
                if r >= 0:
                    producer = bisect.bisect_right(first_slots, r) - 1
                    if producer not in wanted:
                        if len(wanted) >= SLICE_STEPS:
                            return None
                        wanted.add(producer)
                        stack.append(producer)
        values = {}
        for index in sorted(wanted):
            fn, refs = self.steps[index]
            out = jitted(fn)(*[self.externals[-1 - r] if r < 0 else values[r] for r in refs])
            outs = [o for o in out if o is not None] if type(out) is tuple else (out,)
            for k, o in enumerate(outs):
                values[first_slots[index] + k] = o
        return values[slot]

    def run(self):
        """Run the program once: every Pending value still referenced gets its array."""
        if _LOCAL.__dict__.get("program") is self:
            _LOCAL.program = None
        pendings = [ref() for ref in self.slots]
        live = tuple(i for i, p in enumerate(pendings) if p is not None)
        if live:
            cache = self.node.compiled
            if cache is None:
                cache = self.node.compiled = {}
            fn = cache.get(live)
            if fn is not None:
                results = fn(*self.externals)
            elif self.node.visits < FUSE_AFTER:
                # A program seen for the first time runs op by op (each op's compiled function
                # is shared by every program): only programs that recur are compiled whole.
                self.node.visits += 1
                results = _run_steps(self.steps, live, self.externals)
            else:
                fn = cache[live] = _compile(tuple(self.steps), live)
                results = fn(*self.externals)
            for i, value in zip(live, results):
                p = pendings[i]
                p.value = value
                p.program = None
        for p in pendings:
            if p is not None:
                p.program = None
        self.externals = self.external_ids = self.steps = self.first_slots = self.slots = None


def _run_steps(steps, live, inputs, call=jitted):
    """The ``live`` slots of running ``steps`` on ``inputs``, each step by ``call(fn)``."""
    values = []
    for fn, refs in steps:
        out = call(fn)(*[inputs[-1 - r] if r < 0 else values[r] for r in refs])
        if type(out) is tuple:  # None outputs (statistics not asked for) take no slot
            values.extend(o for o in out if o is not None)
        else:
            values.append(out)
    return [values[i] for i in live]


def _compile(steps, live):
    """One jitted function running ``steps`` and returning the ``live`` slots."""
    COMPILED[0] += 1
    return jax.jit(lambda *inputs: _run_steps(steps, live, inputs, call=_itself))


def _itself(fn):
    return fn


def current() -> Program | None:
    """The calling thread's program to record into, or None when fusion is off."""
    local = _LOCAL.__dict__
    if not _ENABLED[0] or local.get("suspended"):
        return None
    program = local.get("program")
    if program is None or program.steps is None:
        program = _LOCAL.program = Program()
    elif len(program.steps) >= MAX_STEPS:
        with LOCK:
            program.run()
        program = _LOCAL.program = Program()
    return program


def record(fn, inputs):
    """Record ``fn(*inputs)`` in the calling thread's program (fusion must be on)."""
    with LOCK:
        return current().record(fn, inputs)


def flush_thread() -> None:
    """Run the calling thread's pending program, if it has one."""
    program = _LOCAL.__dict__.get("program")
    if program is not None and program.steps is not None:
        with LOCK:
            if program.steps is not None:
                program.run()


def boundary() -> None:
    """A natural end of a region (``backward()`` done): the pending program runs, unless a
    compiled function is running, whose whole call is one program (see :class:`held`)."""
    if not getattr(_LOCAL, "held", 0):
        flush_thread()


def is_held() -> bool:
    """Whether the calling thread runs a :class:`held` region (a compiled call)."""
    return bool(getattr(_LOCAL, "held", 0))


class held:
    """A region whose natural boundaries do not cut the program: it runs once, at the end
    (``compat.compile``'s calls: forward, backward and optimizer step as one program)."""

    def __enter__(self):
        _LOCAL.held = getattr(_LOCAL, "held", 0) + 1

    def __exit__(self, *exc):
        _LOCAL.held -= 1
        if not _LOCAL.held:
            flush_thread()


def flush_all() -> None:
    """Run this thread's pending program (other threads' run when their values are read)."""
    flush_thread()
