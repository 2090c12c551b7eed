"""The profilers (``torch.autograd.profiler``, ``torch.profiler``) against torch's: the same
program profiled by both gives the same table layout (rules, header columns, widths), the
same event names where compat runs the same ops, the same nesting and call counts; tables
built from the same fixed events are identical strings; traces are valid JSON.

Timings differ, so tables of real runs are compared by structure, not by numbers."""
from __future__ import annotations

import json
import warnings

import pytest

from oracle import check_raises, compat, torch

import compat.profiler  # noqa: E402,F401  (the packages under test, in both libraries)
import torch.profiler  # noqa: E402,F401
from compat import dispatch, lazy  # noqa: E402
from compat.autograd import profiler_util as ours_util  # noqa: E402
from torch.autograd import profiler_util as torch_util  # noqa: E402

EVALUATE = "autograd::engine::evaluate_function: "


def _mul_sum(lib, record_shapes=False, profile_memory=False):
    """``(x * y).sum().backward()`` inside a record_function block, profiled."""
    x = lib.ones(3, 4, requires_grad=True)
    y = lib.full((3, 4), 2.0, requires_grad=True)
    with lib.autograd.profiler.profile(record_shapes=record_shapes,
                                       profile_memory=profile_memory) as prof:
        with lib.autograd.profiler.record_function("my_block"):
            z = (x * y).sum()
        z.backward()
    return prof, x, y


def _lines(table):
    return table.splitlines()


def _columns(header_line):
    """The header's column names (they are separated by at least two spaces)."""
    return [c.strip() for c in header_line.split("  ") if c.strip()]


def _rows(table):
    """{name: columns} of a table's rows (between the second and the last rule)."""
    lines = _lines(table)
    return [_columns(line) for line in lines[3:-2]]


# --------------------------------------------------------------------------- structure
@pytest.mark.parametrize("record_shapes", [False, True])
@pytest.mark.parametrize("profile_memory", [False, True])
def test_table_header_is_torchs(record_shapes, profile_memory):
    ours, _, _ = _mul_sum(compat, record_shapes, profile_memory)
    theirs, _, _ = _mul_sum(torch, record_shapes, profile_memory)
    a = _lines(ours.key_averages(group_by_input_shape=record_shapes).table())
    b = _lines(theirs.key_averages(group_by_input_shape=record_shapes).table())
    # Both name columns are capped at 55 (the engine's AccumulateGrad range is longer).
    if not record_shapes:  # the shapes column's width follows the longest shapes
        assert a[0] == b[0]
    assert _columns(a[1]) == _columns(b[1])
    assert a[0][:55 + 2 + 7 * 14] == b[0][:55 + 2 + 7 * 14]
    assert set(a[0]) == {"-", " "} and a[2] == a[0] and a[-2] == a[0]
    assert a[-1].startswith("Self CPU time total: ") and b[-1].startswith("Self CPU time total: ")
    expected = ["Name", "Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg"]
    expected += ["CPU Mem", "Self CPU Mem"] if profile_memory else []
    expected += ["# of Calls"] + (["Input Shapes"] if record_shapes else [])
    assert _columns(b[1]) == expected  # the test reads torch's layout right


def test_event_names_and_counts_are_torchs():
    ours, _, _ = _mul_sum(compat)
    theirs, _, _ = _mul_sum(torch)
    a = {e.key: e.count for e in ours.key_averages()}
    b = {e.key: e.count for e in theirs.key_averages()}
    assert set(a) <= set(b), set(a) - set(b)
    same = ["my_block", "aten::sum", "SumBackward0", "MulBackward0",
            EVALUATE + "SumBackward0", EVALUATE + "MulBackward0",
            "torch::autograd::AccumulateGrad", EVALUATE + "torch::autograd::AccumulateGrad"]
    for name in same:
        assert a[name] == b[name], name
    assert "aten::mul" in a  # torch also counts the two muls inside MulBackward0's kernel


def test_nesting_is_torchs():
    ours, _, _ = _mul_sum(compat)
    theirs, _, _ = _mul_sum(torch)

    def children(prof, name):
        return [{c.name for c in e.cpu_children} for e in prof.function_events if e.name == name]

    expected = [{"aten::mul", "aten::sum"}]
    assert children(ours, "my_block") == children(theirs, "my_block") == expected
    for node in ("MulBackward0", "SumBackward0", "torch::autograd::AccumulateGrad"):
        assert children(ours, EVALUATE + node) == children(theirs, EVALUATE + node)
    tops = [e.name for e in ours.function_events if e.cpu_parent is None]
    assert tops == [e.name for e in theirs.function_events if e.cpu_parent is None
                    and e.name != "aten::ones_like"]  # torch's seed gradient is an op


def test_input_shapes_of_the_same_ops():
    ours, _, _ = _mul_sum(compat, record_shapes=True)
    theirs, _, _ = _mul_sum(torch, record_shapes=True)

    def shapes(prof, name):
        return [e.input_shapes for e in prof.function_events if e.name == name]

    assert shapes(ours, "aten::mul") == shapes(theirs, "aten::mul")[:1] == [[[3, 4], [3, 4]]]
    assert shapes(ours, "my_block") == shapes(theirs, "my_block") == [[]]
    for node in ("MulBackward0", "SumBackward0", "torch::autograd::AccumulateGrad"):
        assert shapes(ours, node) == shapes(theirs, node), node
    assert shapes(ours, "aten::sum")[0][0] == shapes(theirs, "aten::sum")[0][0] == [3, 4]


def test_profiled_values_and_gradients_are_right():
    ours, x, y = _mul_sum(compat)
    _, tx, ty = _mul_sum(torch)
    assert x.grad.tolist() == tx.grad.tolist() and y.grad.tolist() == ty.grad.tolist()


@pytest.mark.parametrize("key", ["cpu_time_total", "self_cpu_time_total", "cpu_time", "count",
                                 "cpu_memory_usage", "self_cpu_memory_usage",
                                 "self_cuda_time_total", "cuda_time_total"])
def test_sort_keys(key):
    prof, _, _ = _mul_sum(compat, profile_memory=True)
    averages = prof.key_averages()
    table = averages.table(sort_by=key, row_limit=5)
    rows = _rows(table)
    assert len(rows) == 5
    attr = key.replace("cuda", "device")
    values = [getattr(e, attr) for e in averages]
    shown = sorted(values, reverse=True)[:5]
    by_name = {e.key[:52]: getattr(e, attr) for e in averages}
    assert [by_name[r[0].removesuffix("...")] for r in rows] == shown


def test_unknown_sort_key_is_torchs_error():
    check_raises(lambda lib: _mul_sum(lib)[0].key_averages().table(sort_by="cpu_speed"))


def test_total_average_and_self_cpu_time_total():
    prof, _, _ = _mul_sum(compat)
    total = prof.total_average()
    assert total.key == "Total" and total.count == len(prof.function_events)
    self_total = sum(e.self_cpu_time_total for e in prof.function_events)
    assert prof.self_cpu_time_total == pytest.approx(self_total)
    top = sum(e.cpu_time_total for e in prof.function_events if e.cpu_parent is None)
    assert self_total == pytest.approx(top)  # self times partition the top-level ranges
    assert repr(total).startswith("<FunctionEventAvg key=Total self_cpu_time=")
    assert type(torch.autograd.profiler.profile().__init__) is type(prof.__init__)


# --------------------------------------------------------------------------- fixed events
def _fixed_events(util, shapes=False, stacks=False):
    spans = [("outer", 0.0, 1500.0), ("aten::mul", 10.0, 30.5), ("aten::mul", 40.0, 47.25),
             ("a_very_long_name_" * 4, 50.0, 1200.0), ("aten::sum", 60.0, 1100.0),
             ("ProfilerStep*", 2000.0, 2000.5)]
    out = []
    for i, (name, start, end) in enumerate(spans):
        kwargs = {"stack": [f"file.py({i}): f{i}", "main.py(1): <module>"] if stacks else []}
        if shapes:
            kwargs["input_shapes"] = [[3, i], []]
        event = util.FunctionEvent(i, name, 1, start, end, **kwargs)
        event.cpu_memory_usage = 1024 * 1024 * i + 10 * i
        out.append(event)
    events = util.EventList(out, profile_memory=True)
    events._build_tree()
    return events


@pytest.mark.parametrize("shapes", [False, True])
@pytest.mark.parametrize("kwargs", [{}, {"sort_by": "cpu_time_total"}, {"sort_by": "count"},
                                    {"row_limit": 2}, {"time_unit": "ms"}, {"header": "HEAD"},
                                    {"top_level_events_only": True},
                                    {"sort_by": "self_cpu_memory_usage"},
                                    {"max_name_column_width": 20}])
def test_table_of_fixed_events_is_torchs(shapes, kwargs):
    ours = _fixed_events(ours_util, shapes).key_averages(group_by_input_shapes=shapes)
    theirs = _fixed_events(torch_util, shapes).key_averages(group_by_input_shapes=shapes)
    assert ours.table(**kwargs) == theirs.table(**kwargs)
    assert [(e.key, e.count, e.self_cpu_time_total, e.self_cpu_memory_usage) for e in ours] == \
        [(e.key, e.count, e.self_cpu_time_total, e.self_cpu_memory_usage) for e in theirs]


def test_table_of_raw_events_with_stacks_is_torchs():
    ours = _fixed_events(ours_util, True, True)
    theirs = _fixed_events(torch_util, True, True)
    assert ours.table() == theirs.table()
    assert ours.key_averages(group_by_stack_n=1).table() == \
        theirs.key_averages(group_by_stack_n=1).table()
    assert repr(ours[1]) == repr(theirs[1])
    assert repr(ours.total_average()) == repr(theirs.total_average())


def test_format_helpers_are_torchs():
    for t in (0.0, 0.5, 999.9994, 1000.0, 12345.678, 2.5e6):
        assert ours_util._format_time(t) == torch_util._format_time(t)
    for n in (0, 1023, 1024, 5 * 1024 ** 2 + 1, -3 * 1024 ** 3):
        assert ours_util._format_memory(n) == torch_util._format_memory(n)
    assert ours_util._format_time_share(0, 0) == torch_util._format_time_share(0, 0)


# --------------------------------------------------------------------------- the API
def test_record_function_as_decorator():
    def program(lib):
        @lib.autograd.profiler.record_function("double")
        def double(t):
            return t * 2
        x = lib.ones(2)
        with lib.autograd.profiler.profile() as prof:
            double(x)
            double(x)
        return [(e.name, [c.name for c in e.cpu_children]) for e in prof.function_events
                if e.name == "double"]
    assert program(compat) == program(torch) == [("double", ["aten::mul"])] * 2


def test_record_function_outside_a_profiler_does_nothing():
    with compat.autograd.profiler.record_function("nothing") as rf:
        y = compat.ones(2) * 3
    assert rf.name == "nothing" and y.tolist() == [3.0, 3.0]


def test_disabled_profiler():
    for lib in (compat, torch):
        with lib.autograd.profiler.profile(enabled=False) as prof:
            _ = lib.ones(2) + 1
        assert prof is None
    assert dispatch.observer() is None


def test_not_reentrant():
    def program(lib):
        prof = lib.autograd.profiler.profile()
        with prof:
            with prof:
                pass
    check_raises(program)
    assert dispatch.observer() is None


def test_unfinished_repr():
    assert repr(compat.autograd.profiler.profile()) == repr(torch.autograd.profiler.profile())


def test_use_cuda_warnings_are_torchs():
    if torch.cuda.is_available() or compat.cuda.is_available():
        pytest.skip("the warnings are those of a machine without CUDA")

    def warned(lib):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            lib.autograd.profiler.profile(use_cuda=True)
            lib.autograd.profiler.profile(use_device="tpu")
        return [(w.category, str(w.message)) for w in caught]
    assert warned(compat) == warned(torch)


def test_observer_is_removed_after_an_error():
    with pytest.raises(ZeroDivisionError):
        with compat.autograd.profiler.profile():
            _ = compat.ones(2) * 2
            1 / 0
    assert dispatch.observer() is None
    assert (compat.ones(2) * 2).tolist() == [2.0, 2.0]


def test_nothing_is_recorded_without_a_profiler():
    with compat.autograd.profiler.profile() as prof:
        pass
    x = compat.ones(2, requires_grad=True)
    (x * 2).sum().backward()
    assert list(prof.function_events) == []
    assert dispatch.observer() is None


def test_pending_work_before_the_profiler_is_not_charged_to_it():
    before = lazy._ENABLED[0]
    compat.set_fusion(True)
    try:
        x = compat.ones(4)
        y = (x * 3).exp()  # recorded, not run
        with compat.autograd.profiler.profile() as prof:
            assert not compat.is_fusion_enabled()  # ops run one by one, each timed
            z = y + 1
        assert compat.is_fusion_enabled()
        assert [e.name for e in prof.function_events] == ["aten::add"]
        assert z.tolist() == pytest.approx([float(torch.tensor(3.0).exp()) + 1] * 4)
    finally:
        compat.set_fusion(before)


def test_with_stack_records_the_callers_line():
    with compat.autograd.profiler.profile(with_stack=True) as prof:
        _ = compat.ones(2) * 2
    (mul,) = [e for e in prof.function_events if e.name == "aten::mul"]
    assert mul.stack and mul.stack[0].startswith(__file__ + "(")
    assert "test_with_stack_records_the_callers_line" in mul.stack[0]


def test_profile_memory_counts_result_bytes():
    x = compat.ones(8, 16)
    with compat.autograd.profiler.profile(profile_memory=True) as prof:
        _ = x * 2
    (mul,) = [e for e in prof.function_events if e.name == "aten::mul"]
    assert mul.cpu_memory_usage == 8 * 16 * 4


def test_export_chrome_trace(tmp_path):
    prof, _, _ = _mul_sum(compat, record_shapes=True)
    path = tmp_path / "trace.json"
    prof.export_chrome_trace(str(path))
    trace = json.loads(path.read_text())
    events = trace["traceEvents"]
    assert {e["ph"] for e in events} == {"X"}
    names = [e["name"] for e in events]
    assert names == [e.name for e in prof.function_events]
    (block,) = [e for e in events if e["name"] == "my_block"]
    assert block["cat"] == "user_annotation"
    mul = next(e for e in events if e["name"] == "aten::mul")
    assert mul["cat"] == "cpu_op" and mul["args"]["Input Dims"] == [[3, 4], [3, 4]]
    assert all(e["dur"] >= 0 for e in events)
    assert block["ts"] <= mul["ts"] and mul["ts"] + mul["dur"] <= block["ts"] + block["dur"]
    listed = tmp_path / "list.json"
    prof.function_events.export_chrome_trace(str(listed))
    assert [e["name"] for e in json.loads(listed.read_text())] == names


# --------------------------------------------------------------------------- torch.profiler
def _stepped(lib, handler_calls, **schedule):
    x = lib.ones(3, requires_grad=True)
    with lib.profiler.profile(activities=[lib.profiler.ProfilerActivity.CPU],
                              schedule=lib.profiler.schedule(**schedule), record_shapes=True,
                              on_trace_ready=lambda p: handler_calls.append(
                                  (p.step_num, sorted((e.key, e.count)
                                                      for e in p.key_averages()
                                                      if e.key in ("ProfilerStep*", "work",
                                                                   "aten::sum"))))) as p:
        for _ in range(7):
            with lib.profiler.record_function("work"):
                (x * 2).sum().backward()
            p.step()
    return handler_calls, p.step_num


@pytest.mark.parametrize("schedule", [dict(wait=1, warmup=1, active=2, repeat=1),
                                      dict(wait=0, warmup=1, active=1, repeat=2),
                                      dict(wait=1, warmup=1, active=3),
                                      dict(wait=2, warmup=1, active=1, skip_first=1)])
def test_schedule_steps_and_trace_ready_are_torchs(schedule):
    assert _stepped(compat, [], **schedule) == _stepped(torch, [], **schedule)


@pytest.mark.parametrize("args", [dict(wait=1, warmup=1, active=2, repeat=1),
                                  dict(wait=2, warmup=0, active=3, repeat=0, skip_first=2),
                                  dict(wait=3, warmup=1, active=1, skip_first=4,
                                       skip_first_wait=1)])
def test_schedule_actions_are_torchs(args):
    with warnings.catch_warnings(record=True) as ours_warnings:
        warnings.simplefilter("always")
        ours = compat.profiler.schedule(**args)
    with warnings.catch_warnings(record=True) as their_warnings:
        warnings.simplefilter("always")
        theirs = torch.profiler.schedule(**args)
    assert [ours(i).name for i in range(20)] == [theirs(i).name for i in range(20)]
    assert [str(w.message) for w in ours_warnings] == [str(w.message) for w in their_warnings]


def test_bad_schedule_is_torchs_error():
    check_raises(lambda lib: lib.profiler.schedule(wait=1, warmup=1, active=0))
    check_raises(lambda lib: lib.profiler.schedule(wait=1, warmup=1, active=1)(-1))


def test_enums_are_torchs():
    assert list(compat.profiler.ProfilerActivity.__members__) == \
        list(torch.profiler.ProfilerActivity.__members__)
    assert list(compat.profiler.ProfilerAction.__members__) == \
        list(torch.profiler.ProfilerAction.__members__)


def test_profiler_without_schedule_records_everything(tmp_path):
    def program(lib):
        x = lib.ones(2, 2)
        with lib.profiler.profile(activities=[lib.profiler.ProfilerActivity.CPU]) as p:
            with lib.profiler.record_function("mm_block"):
                lib.mm(x, x)
        return [(e.name, [c.name for c in e.cpu_children]) for e in p.events()
                if e.name in ("mm_block",)], _columns(_lines(p.key_averages().table())[1])
    assert program(compat) == program(torch)


def test_tensorboard_trace_handler_writes_a_trace(tmp_path):
    x = compat.ones(2)
    with compat.profiler.profile(
            schedule=compat.profiler.schedule(wait=0, warmup=1, active=1),
            on_trace_ready=compat.profiler.tensorboard_trace_handler(str(tmp_path / "log"),
                                                                     worker_name="w")) as p:
        for _ in range(4):
            _ = x * 2
            p.step()
    files = sorted((tmp_path / "log").iterdir())
    assert len(files) == 2 and all(f.name.startswith("w.") for f in files)
    assert all(f.name.endswith(".pt.trace.json") for f in files)
    for f in files:
        trace = json.loads(f.read_text())
        names = {e["name"] for e in trace["traceEvents"]}
        assert "aten::mul" in names and any(n.startswith("ProfilerStep#") for n in names)


def test_gzipped_trace(tmp_path):
    import gzip  # lazy: only this test reads a gzipped trace
    with compat.profiler.profile() as p:
        _ = compat.ones(2) * 2
    p.export_chrome_trace(str(tmp_path / "t.json.gz"))
    with gzip.open(tmp_path / "t.json.gz") as f:
        assert "aten::mul" in {e["name"] for e in json.load(f)["traceEvents"]}


def test_cycle_warning_is_torchs():
    def warned(lib):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _stepped(lib, [], wait=0, warmup=1, active=1, repeat=2)
        return sorted({str(w.message) for w in caught if "cycle" in str(w.message)})
    compat.profiler.profiler._SHOWN.clear()
    ours = warned(compat)
    torch.profiler.profiler._WARNINGS_SHOWN.clear()
    assert ours == warned(torch) and len(ours) == 1


def test_double_backward_under_the_profiler():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        with lib.autograd.profiler.profile() as prof:
            (g,) = lib.autograd.grad((x ** 3).sum(), x, create_graph=True)
            (gg,) = lib.autograd.grad(g.sum(), x)
        names = {e.name for e in prof.function_events}
        return gg.tolist(), names
    (ours, our_names), (theirs, their_names) = program(compat), program(torch)
    assert ours == theirs == [6.0, 12.0]
    # compat's recorded backward is one node, "Backward" (torch's are the ops' own nodes)
    recorded = {"Backward", EVALUATE + "Backward"}
    assert our_names - recorded <= their_names, our_names - recorded - their_names
    assert {"aten::pow", "PowBackward0", EVALUATE + "PowBackward0", "SumBackward0"} <= our_names


def test_ops_of_another_thread_are_events_too():
    import threading  # lazy: only this test starts a thread
    x = compat.ones(3)
    with compat.autograd.profiler.profile() as prof:
        worker = threading.Thread(target=lambda: x * 2)
        worker.start()
        worker.join()
        _ = x + 1
    threads = {e.name: e.thread for e in prof.function_events}
    assert set(threads) == {"aten::mul", "aten::add"}
    assert threads["aten::mul"] != threads["aten::add"]


def test_a_torch_script_profiles_and_times_unchanged(tmp_path, capsys):
    from compat import runner  # lazy: only this test runs a script
    script = tmp_path / "s.py"
    script.write_text(
        "import torch\n"
        "from torch.profiler import profile, ProfilerActivity, record_function\n"
        "from torch.utils import benchmark\n"
        "x = torch.ones(4, requires_grad=True)\n"
        "with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:\n"
        "    with record_function('model'):\n"
        "        (x * 2).sum().backward()\n"
        "table = prof.key_averages().table(sort_by='cpu_time_total', row_limit=3)\n"
        "print(table.splitlines()[1].split('  ')[-2].strip(), len(table.splitlines()))\n"
        "m = benchmark.Timer('x * 2', globals={'x': x}).timeit(5)\n"
        "print(type(m).__module__, m.number_per_run, x.grad.tolist())\n")
    assert runner.main([str(script)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["# of Calls 8", "compat.utils.benchmark.common 5 [2.0, 2.0, 2.0, 2.0]"]
