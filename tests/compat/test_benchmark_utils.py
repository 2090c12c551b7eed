"""``torch.utils.benchmark`` against torch's: Measurement statistics and repr from the same
raw times are torch's exactly; Timer's block sizing and results have torch's shape; a timed
block waits for compat's lazy and asynchronous work."""
from __future__ import annotations

import jax
import pytest

from oracle import check_raises, compat, torch

import compat.utils.benchmark as ours  # noqa: E402
import torch.utils.benchmark as theirs  # noqa: E402
from compat import lazy  # noqa: E402

TIMES = [[3e-5], [2e-5, 2.2e-5], [2e-5, 3e-5, 4e-5, 5e-5],
         [1e-3, 1.01e-3, 1.02e-3, 0.99e-3, 1.0e-3, 1.03e-3], [5e-9, 6e-9, 5.5e-9, 5.2e-9],
         [2.0, 2.5, 2.1, 2.05, 3.0]]
SPECS = [dict(stmt="x * 2", setup="pass"),
         dict(stmt="y = x + 1\nz = y * 2", setup="x = torch.ones(3)\ny = x", label="add",
              sub_label="3", description="ones", num_threads=4),
         dict(stmt="x.sum()", setup="x = torch.ones(4)", sub_label="four"),
         dict(stmt="f()\ng()", setup="pass", sub_label="two")]


def _pair(times, spec, number):
    return (ours.Measurement(number, list(times), ours.TaskSpec(**spec)),
            theirs.Measurement(number, list(times), theirs.TaskSpec(**spec)))


@pytest.mark.parametrize("times", TIMES)
@pytest.mark.parametrize("spec", range(len(SPECS)))
def test_measurement_is_torchs(times, spec):
    a, b = _pair(times, SPECS[spec], 10)
    assert (a.median, a.iqr, a.times, a.number_per_run, a.has_warnings) == \
        (b.median, b.iqr, b.times, b.number_per_run, b.has_warnings)
    # torch sums in its vectorised order; the mean is within rounding of it
    assert a.mean == pytest.approx(b.mean, rel=1e-14, abs=0)
    assert (a.title, a.stmt, a.sub_label, a.description, a.num_threads, a.as_row_name) == \
        (b.title, b.stmt, b.sub_label, b.description, b.num_threads, b.as_row_name)
    first, rest = repr(a).split("\n", 1)
    their_first, their_rest = repr(b).split("\n", 1)
    assert rest == their_rest
    assert first.rsplit(" at ", 1)[0] == their_first.rsplit(" at ", 1)[0]
    assert a.meets_confidence(0.05) == b.meets_confidence(0.05)


def test_merge_is_torchs():
    a1, b1 = _pair([1e-5, 2e-5], SPECS[0], 10)
    a2, b2 = _pair([3e-5], SPECS[0], 5)
    (a,), (b,) = ours.Measurement.merge([a1, a2]), theirs.Measurement.merge([b1, b2])
    assert (a.times, a.number_per_run) == (b.times, b.number_per_run)


@pytest.mark.parametrize("t", [3e-10, 4.2e-9, 3.2e-6, 1e-3, 0.5, 12.0])
def test_units_are_torchs(t):
    assert ours.select_unit(t) == theirs.select_unit(t)
    for n in (1, 2, 3, 4):
        assert ours.trim_sigfig(t, n) == theirs.trim_sigfig(t, n)


def test_unit_names_are_torchs():
    for u in ("ns", "us", "ms", "s"):
        assert ours.unit_to_english(u) == theirs.unit_to_english(u)


def test_timeit_result_has_torchs_shape():
    def program(lib, bench):
        x = lib.ones(8)
        t = bench.Timer("x * 2", globals={"x": x}, label="mul", sub_label="8", description="d")
        m = t.timeit(20)
        return m.number_per_run, len(m.times), m.title, m.description, m.task_spec.stmt
    assert program(compat, ours) == program(torch, theirs)


def test_blocked_autorange_runs_at_least_min_run_time():
    m = ours.Timer("y = x + 1", setup="x = torch.ones(16)").blocked_autorange(min_run_time=0.05)
    assert sum(m.raw_times) >= 0.05 and len(m.times) >= 1
    exponent = len(str(m.number_per_run)) - 1
    assert m.number_per_run == 10 ** exponent  # block sizes are powers of ten, as torch's


def test_adaptive_autorange_takes_at_least_four_blocks():
    m = ours.Timer("x.sum()", globals={"x": compat.ones(32)}).adaptive_autorange(
        min_run_time=0.01, max_run_time=2.0)
    assert len(m.times) >= 4 or sum(m.raw_times) > 2.0


def test_globals_are_copied_and_torch_is_bound():
    namespace = {"x": compat.ones(2)}
    m = ours.Timer("y = torch.exp(x)", globals=namespace).timeit(3)
    assert set(namespace) == {"x"} and m.number_per_run == 3


def test_bad_timer_arguments_are_torchs():
    check_raises(lambda lib: (theirs if lib is torch else ours).Timer(stmt=lambda: None))
    check_raises(lambda lib: (theirs if lib is torch else ours).Timer("x", global_setup="y"))


def test_setup_names_reach_the_statement():
    m = ours.Timer("z = w * 3", setup="w = torch.full((2,), 2.0)").timeit(4)
    assert m.number_per_run == 4
    with pytest.raises(NameError):
        ours.Timer("undefined_name + 1").timeit(1)


def test_a_timed_block_waits_for_pending_work():
    before = lazy._ENABLED[0]
    compat.set_fusion(True)
    try:
        x = compat.ones(64)
        y = (x * 2).exp()
        assert type(y._store) is lazy.Pending and y._store.program is not None
        ours.synchronize()
        assert y._store.program is None  # the pending program ran
        assert all(a.is_ready() for a in jax.live_arrays())  # and its results are computed
        assert y.tolist() == pytest.approx([float(torch.tensor(2.0).exp())] * 64)
    finally:
        compat.set_fusion(before)


def test_timer_statement_results_are_right():
    namespace = {"x": compat.ones(3), "out": []}
    ours.Timer("out.append(x * 2)", globals=namespace).timeit(2)
    # the namespace is a copy, but the list it holds is the caller's
    assert len(namespace["out"]) >= 2 and namespace["out"][-1].tolist() == [2.0, 2.0, 2.0]


def _measurements(bench, extra_label=False):
    rows = [("x * 2", "8", 1, "a", [3.1e-6, 3.3e-6, 3.2e-6, 3.25e-6]),
            ("x * 2", "8", 1, "b", [6.2e-6, 6.0e-6]),
            ("x * 2", "64", 1, "a", [1.21e-5, 1.2e-5, 1.19e-5, 1.3e-5, 1.22e-5]),
            ("x * 2", "64", 4, "b", [4.1e-6, 9.0e-6, 4.0e-6, 4.2e-6]),
            ("x + 2", None, 4, "a", [2.5e-7, 2.6e-7, 2.4e-7, 2.55e-7])]
    out = [bench.Measurement(1, times, bench.TaskSpec(stmt, "pass", label="ops", sub_label=sub,
                                                      description=desc, num_threads=threads))
           for stmt, sub, threads, desc, times in rows]
    if extra_label:
        out.append(bench.Measurement(10, [2e-3, 2.1e-3], bench.TaskSpec(
            "y = x @ x", "pass", label="matmul", description="a")))
    return out


@pytest.mark.parametrize("options", [(), ("trim",), ("colorize",), ("rowwise",),
                                     ("highlight",), ("trim", "highlight", "colorize")])
@pytest.mark.parametrize("extra_label", [False, True])
def test_compare_is_torchs(options, extra_label):
    tables = []
    for bench in (ours, theirs):
        c = bench.Compare(_measurements(bench, extra_label))
        if "trim" in options:
            c.trim_significant_figures()
        if "colorize" in options:
            c.colorize()
        if "rowwise" in options:
            c.colorize(rowwise=True)
        if "highlight" in options:
            c.highlight_warnings()
        tables.append(str(c))
    assert tables[0] == tables[1]


def test_significant_figures_are_torchs():
    for times in TIMES + [[1e-5 + i * 1e-8 for i in range(40)]]:
        a, b = _pair(times, SPECS[0], 1)
        assert a.significant_figures == b.significant_figures


def test_compare_refuses_what_is_no_measurement():
    check_raises(lambda lib: (theirs if lib is torch else ours).Compare([1.0]))
