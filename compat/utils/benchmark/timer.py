"""``torch.utils.benchmark.Timer``: time a Python statement, with torch's block sizing.

compat's work is asynchronous twice over: lazy fusion records ops and runs them later, and
JAX dispatches what runs without waiting for it. A timed block therefore ends by running
the thread's pending program and waiting for every live array (:func:`synchronize`), so
its time is the work's, not its dispatch's; the block sizing counts that wait as overhead.

>>> import compat as torch
>>> from compat.utils.benchmark import Timer
>>> m = Timer("x * 2", globals={"x": torch.ones(8)}, label="mul").timeit(10)
>>> m.number_per_run, len(m.times), m.title
(10, 1, 'mul')
"""
from __future__ import annotations

import enum
import textwrap
import timeit

import jax

from ... import lazy
from .common import Measurement, TaskSpec


class Language(enum.Enum):
    PYTHON = 0
    CPP = 1


def synchronize() -> None:
    """Run the pending program and wait until every live array is computed."""
    lazy.flush_all()
    jax.block_until_ready(jax.live_arrays())


def _inner_source(stmt, setup):
    return (f"def inner(_it, _timer, _sync):\n{textwrap.indent(setup or 'pass', '    ')}\n"
            f"    _sync()\n    _t0 = _timer()\n    for _i in _it:\n"
            f"{textwrap.indent(stmt or 'pass', '        ')}\n        pass\n"
            f"    _sync()\n    return _timer() - _t0\n")


class Timer:
    """Time ``stmt`` (after ``setup``) in a namespace holding ``globals`` and ``torch``.

    >>> import compat as torch
    >>> t = Timer("y = x + 1", setup="x = torch.ones(3)", sub_label="3", description="add")
    >>> m = t.blocked_autorange(min_run_time=0.01)
    >>> m.number_per_run >= 1, sum(m.raw_times) >= 0.01, m.description
    (True, True, 'add')
    """

    def __init__(self, stmt: str = "pass", setup: str = "pass", global_setup: str = "",
                 timer=timeit.default_timer, globals=None, label=None, sub_label=None,
                 description=None, env=None, num_threads: int = 1,
                 language=Language.PYTHON):
        if not isinstance(stmt, str):
            raise ValueError("Currently only a `str` stmt is supported.")
        if language not in (Language.PYTHON, "py", "python"):
            raise ValueError(f"Invalid language `{language}`.")
        if global_setup:
            raise ValueError(f"global_setup is C++ only, got `{global_setup}`. Most likely this "
                             "code can simply be moved to `setup`.")
        import compat  # lazy: the package imports this module while it loads
        self._globals = dict(globals or {})
        self._globals.setdefault("torch", compat)
        stmt = textwrap.dedent(stmt)
        stmt = (stmt[1:] if stmt and stmt[0] == "\n" else stmt).rstrip()
        setup = textwrap.dedent(setup)
        setup = (setup[1:] if setup and setup[0] == "\n" else setup).rstrip()
        namespace = self._globals
        exec(compile(_inner_source(stmt, setup), "<timeit-src>", "exec"), namespace)  # noqa: S102
        self._inner = namespace.pop("inner")
        self._clock = timer
        self._task_spec = TaskSpec(stmt=stmt, setup=setup, global_setup=global_setup,
                                   label=label, sub_label=sub_label, description=description,
                                   env=env, num_threads=num_threads)

    def _timeit(self, number: int) -> float:
        # No real statement takes under a nanosecond; this also keeps ratios finite.
        return max(self._inner(range(number), self._clock, synchronize), 1e-9)

    def timeit(self, number: int = 1000000) -> Measurement:
        """One block of ``number`` runs (after a warm-up block of ``number // 100``)."""
        self._timeit(max(int(number // 100), 2))
        return Measurement(number_per_run=number, raw_times=[self._timeit(number)],
                           task_spec=self._task_spec)

    def repeat(self, repeat: int = -1, number: int = -1):
        raise NotImplementedError("See `Timer.blocked_autorange.`")

    def autorange(self, callback=None):
        raise NotImplementedError("See `Timer.blocked_autorange.`")

    def _estimate_block_size(self, min_run_time: float) -> int:
        """The smallest power of ten of runs whose block makes the timing overhead
        negligible (or that alone lasts ``min_run_time``); also the warm-up."""
        overheads = sorted(self._timeit(0) for _ in range(5))
        overhead = overheads[2]
        number = 1
        while True:
            taken = self._timeit(number)
            if overhead / taken <= 1e-4 and taken >= min_run_time / 1000:
                break
            if taken > min_run_time or number * 10 > 2147483647:
                break
            number *= 10
        return number

    def _measure(self, number, stop, min_run_time, max_run_time=None, callback=None):
        total, can_stop, times = 0.0, False, []
        while total < min_run_time or not can_stop:
            spent = self._timeit(number)
            times.append(spent)
            total += spent
            if callback:
                callback(number, spent)
            can_stop = stop(times)
            if max_run_time and total > max_run_time:
                break
        return times

    def blocked_autorange(self, callback=None, min_run_time: float = 0.2) -> Measurement:
        """Blocks of one estimated size until ``min_run_time`` seconds have been timed."""
        number = self._estimate_block_size(min_run_time)
        times = self._measure(number, lambda times: True, min_run_time, callback=callback)
        return Measurement(number_per_run=number, raw_times=times, task_spec=self._task_spec)

    def adaptive_autorange(self, threshold: float = 0.1, *, min_run_time: float = 0.01,
                           max_run_time: float = 10.0, callback=None) -> Measurement:
        """Blocks until the IQR is under ``threshold`` of the median (after at least four
        blocks and ``min_run_time``), or ``max_run_time`` has passed."""
        number = self._estimate_block_size(min_run_time=0.05)

        def stop(times):
            return len(times) > 3 and Measurement(number, times, self._task_spec) \
                .meets_confidence(threshold=threshold)
        times = self._measure(number, stop, min_run_time, max_run_time, callback=callback)
        return Measurement(number_per_run=number, raw_times=times, task_spec=self._task_spec)
