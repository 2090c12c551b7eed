"""The profiler's results, as torch's: :class:`FunctionEvent` (one timed range),
:class:`FunctionEventAvg` (the ranges of one key, summed), :class:`EventList` (their parent
links, ``key_averages``, ``total_average``, ``table`` and ``export_chrome_trace``).

Times are in microseconds. The table is laid out as torch's ``_build_table``: a name column
as wide as the longest key plus 4 (at most 55), 12-wide numeric columns, two spaces between,
dashed rules above and below the header and at the end, and the self-CPU total.

>>> events = EventList([FunctionEvent(0, "outer", 1, 0.0, 10.0),
...                     FunctionEvent(1, "inner", 1, 2.0, 6.0)])
>>> events._build_tree()
>>> [(e.key, e.self_cpu_time_total) for e in events.key_averages()]
[('outer', 6.0), ('inner', 4.0)]
>>> print(events.key_averages().table())
---------  ------------  ------------  ------------  ------------  ------------  ------------  
     Name    Self CPU %      Self CPU   CPU total %     CPU total  CPU time avg    # of Calls  
---------  ------------  ------------  ------------  ------------  ------------  ------------  
    outer        60.00%       6.000us       100.00%      10.000us      10.000us             1  
    inner        40.00%       4.000us        40.00%       4.000us       4.000us             1  
---------  ------------  ------------  ------------  ------------  ------------  ------------  
Self CPU time total: 10.000us
<BLANKLINE>
"""
from __future__ import annotations

import enum
import itertools
import json
import os
from collections import defaultdict

_US_IN_SECOND = 1000.0 * 1000.0
_US_IN_MS = 1000.0
_NAME_WIDTH, _SHAPES_WIDTH, _SOURCE_WIDTH, _COLUMN_WIDTH, _SPACING = 55, 80, 75, 12, 2


class DeviceType(enum.Enum):
    """``torch.autograd.DeviceType``: where an event ran (compat times the CPU side)."""

    CPU = 0
    CUDA = 1

    def __repr__(self):
        return f"DeviceType.{self.name}"

    __str__ = __repr__


def _format_time(time_us):
    if time_us >= _US_IN_SECOND:
        return f"{time_us / _US_IN_SECOND:.3f}s"
    if time_us >= _US_IN_MS:
        return f"{time_us / _US_IN_MS:.3f}ms"
    return f"{time_us:.3f}us"


def _format_time_share(time_us, total_us):
    if total_us == 0:
        return "NaN"
    return f"{time_us * 100.0 / total_us:.2f}%"


def _format_memory(nbytes):
    for unit, size in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if abs(nbytes) >= size:
            return f"{nbytes * 1.0 / size:.2f} {unit}"
    return f"{nbytes} B"


def _time_in(time_us, default, unit):
    """A time in the table's fixed unit (``time_unit=``), else in its own."""
    if unit == "s":
        return f"{time_us / _US_IN_SECOND:.3f}s"
    if unit == "ms":
        return f"{time_us / _US_IN_MS:.3f}ms"
    if unit == "us":
        return f"{time_us:.3f}us"
    return default


class Interval:
    """A range's start and end, in microseconds."""

    def __init__(self, start, end):
        self.start, self.end = start, end

    def elapsed_us(self):
        return self.end - self.start


class _Times:
    """The formatted times and per-call averages FunctionEvent and FunctionEventAvg share."""

    @property
    def cpu_time(self):
        return 0.0 if self.count == 0 else 1.0 * self.cpu_time_total / self.count

    @property
    def device_time(self):
        return 0.0 if self.count == 0 else 1.0 * self.device_time_total / self.count

    cpu_time_str = property(lambda self: _format_time(self.cpu_time))
    device_time_str = property(lambda self: _format_time(self.device_time))
    cpu_time_total_str = property(lambda self: _format_time(self.cpu_time_total))
    device_time_total_str = property(lambda self: _format_time(self.device_time_total))
    self_cpu_time_total_str = property(lambda self: _format_time(self.self_cpu_time_total))
    self_device_time_total_str = property(
        lambda self: _format_time(self.self_device_time_total))


class FunctionEvent(_Times):
    """One timed range: an op (``aten::mul``), a backward node or a ``record_function``
    block.

    >>> e = FunctionEvent(0, "aten::mul", 1, 1.0, 3.5)
    >>> e.cpu_time_total, e.self_cpu_time_total, e.cpu_time_str
    (2.5, 2.5, '2.500us')
    """

    def __init__(self, id, name, thread, start_us, end_us, input_shapes=None, stack=None,
                 scope=0, use_device=None, cpu_memory_usage=0, sequence_nr=-1, trace_name=None,
                 is_user_annotation=False, overload_name=None):
        self.id = id
        self.node_id = -1
        self.name = name
        self.overload_name = overload_name
        self.trace_name = name if trace_name is None else trace_name
        self.time_range = Interval(start_us, end_us)
        self.thread = thread
        self.fwd_thread = thread
        self.kernels = []
        self.count = 1
        self.cpu_children = []
        self.cpu_parent = None
        self.input_shapes = [] if input_shapes is None else input_shapes
        self.stack = [] if stack is None else stack
        self.scope = scope
        self.use_device = use_device
        self.cpu_memory_usage = cpu_memory_usage
        self.device_memory_usage = 0
        self.is_async = False
        self.is_remote = False
        self.sequence_nr = sequence_nr
        self.device_type = DeviceType.CPU
        self.device_index = 0
        self.is_legacy = False
        self.flops = None
        self.is_user_annotation = is_user_annotation

    def append_cpu_child(self, child):
        self.cpu_children.append(child)

    def set_cpu_parent(self, parent):
        self.cpu_parent = parent

    @property
    def cpu_time_total(self):
        return self.time_range.elapsed_us()

    @property
    def self_cpu_time_total(self):
        return self.cpu_time_total - sum(c.cpu_time_total for c in self.cpu_children)

    @property
    def self_cpu_memory_usage(self):
        return self.cpu_memory_usage - sum(c.cpu_memory_usage for c in self.cpu_children)

    device_time_total = self_device_time_total = self_device_memory_usage = property(
        lambda self: 0)

    @property
    def key(self):
        return self.name

    def __repr__(self):
        device = self.use_device
        return (f"<FunctionEvent id={self.id} name={self.name} overload_name={self.overload_name} "
                f"device_type={self.device_type} node_id={self.node_id} "
                f"cpu_time={self.cpu_time_str} start_us={self.time_range.start} "
                f"end_us={self.time_range.end} "
                f"cpu_children={[c.id for c in self.cpu_children]} {device}_time="
                f"{self.device_time_str} name={self.name} thread={self.thread} "
                f"input_shapes={self.input_shapes} cpu_memory_usage={self.cpu_memory_usage} "
                f"{device}_memory_usage={self.device_memory_usage} is_async={self.is_async} "
                f"is_remote={self.is_remote} seq_nr={self.sequence_nr} "
                f"is_legacy={self.is_legacy}>")


class FunctionEventAvg(_Times):
    """The events of one key, summed (``key_averages``, ``total_average``).

    >>> avg = FunctionEventAvg()
    >>> for e in (FunctionEvent(0, "aten::mul", 1, 0.0, 2.0),
    ...           FunctionEvent(1, "aten::mul", 1, 3.0, 7.0)):
    ...     avg += e
    >>> avg.key, avg.count, avg.cpu_time_total, avg.cpu_time
    ('aten::mul', 2, 6.0, 3.0)
    """

    def __init__(self):
        self.key = None
        self.count = 0
        self.node_id = 0
        self.is_async = self.is_remote = self.is_legacy = False
        self.is_user_annotation = False
        self.use_device = None
        self.cpu_time_total = self.device_time_total = 0
        self.self_cpu_time_total = self.self_device_time_total = 0
        self.input_shapes = None
        self.overload_name = None
        self.stack = None
        self.scope = None
        self.cpu_memory_usage = self.device_memory_usage = 0
        self.self_cpu_memory_usage = self.self_device_memory_usage = 0
        self.cpu_children = None
        self.cpu_parent = None
        self.device_type = DeviceType.CPU
        self.flops = 0

    def add(self, other):
        if self.key is None:  # the first event of the key gives the shared fields
            self.key = other.key
            for name in ("node_id", "is_async", "is_remote", "cpu_parent", "cpu_children",
                         "overload_name", "input_shapes", "stack", "scope", "device_type",
                         "is_legacy", "use_device", "is_user_annotation"):
                setattr(self, name, getattr(other, name))
        for name in ("cpu_time_total", "device_time_total", "self_cpu_time_total",
                     "self_device_time_total", "cpu_memory_usage", "device_memory_usage",
                     "self_cpu_memory_usage", "self_device_memory_usage", "count"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def __iadd__(self, other):
        return self.add(other)

    def __repr__(self):
        device = self.use_device or "cuda"
        return (f"<FunctionEventAvg key={self.key} self_cpu_time={self.self_cpu_time_total_str} "
                f"cpu_time={self.cpu_time_str}  self_{device}_time="
                f"{self.self_device_time_total_str} {device}_time={self.device_time_str} "
                f"input_shapes={self.input_shapes} cpu_memory_usage={self.cpu_memory_usage} "
                f"{device}_memory_usage={self.device_memory_usage}>")


class EventList(list):
    """A list of events with torch's summaries (``table``, ``key_averages``, …)."""

    def __init__(self, *args, use_device=None, profile_memory=False, with_flops=False):
        super().__init__(*args)
        self._use_device = use_device
        self._profile_memory = profile_memory
        self._with_flops = with_flops
        self._tree_built = False

    def _build_tree(self):
        """Link each event to the innermost one whose range holds it, per thread."""
        ordered = sorted(self, key=lambda e: e.thread)
        for _, events in itertools.groupby(ordered, key=lambda e: e.thread):
            open_ranges = []
            for event in sorted(events, key=lambda e: (e.time_range.start, -e.time_range.end)):
                while open_ranges:
                    parent = open_ranges[-1]
                    if (event.time_range.start >= parent.time_range.end
                            or event.time_range.end > parent.time_range.end):
                        open_ranges.pop()
                    else:
                        parent.append_cpu_child(event)
                        event.set_cpu_parent(parent)
                        break
                open_ranges.append(event)
        self._remove_duplicates()
        self._tree_built = True

    def _remove_duplicates(self):
        """Drop an event that is its same-named parent's only child (a composite op calling
        its own entry), as torch does: its children become the parent's."""
        while True:
            dropped = [e for e in self if e.cpu_parent is not None
                       and e.cpu_parent.name == e.name and len(e.cpu_parent.cpu_children) == 1]
            if not dropped:
                return
            for e in dropped:
                e.cpu_parent.cpu_children = e.cpu_children
                for child in e.cpu_children:
                    child.cpu_parent = e.cpu_parent
            ids = {id(e) for e in dropped}
            self[:] = [e for e in self if id(e) not in ids]

    def __str__(self):
        return self.table()

    @property
    def self_cpu_time_total(self):
        return sum(e.self_cpu_time_total for e in self)

    def table(self, sort_by=None, row_limit=100, max_src_column_width=75,
              max_name_column_width=55, max_shapes_column_width=80, header=None,
              top_level_events_only=False, time_unit=None):
        """The events as torch's table (``sort_by``: an event attribute, largest first)."""
        return build_table(self, sort_by=sort_by, row_limit=row_limit,
                           max_src_column_width=max_src_column_width,
                           max_name_column_width=max_name_column_width,
                           max_shapes_column_width=max_shapes_column_width, header=header,
                           profile_memory=self._profile_memory,
                           top_level_events_only=top_level_events_only, time_unit=time_unit)

    def key_averages(self, group_by_input_shapes=False, group_by_stack_n=0,
                     group_by_overload_name=False):
        """One :class:`FunctionEventAvg` per key (and per input shapes, stack prefix when
        asked), in order of first appearance."""
        stats = defaultdict(FunctionEventAvg)
        for event in self:
            key = [event.key, str(event.node_id), str(event.device_type)]
            if group_by_input_shapes:
                key.append(str(event.input_shapes))
            if group_by_stack_n > 0:
                key += event.stack[:group_by_stack_n]
            stats[tuple(key)].add(event)
        out = EventList(stats.values(), use_device=self._use_device,
                        profile_memory=self._profile_memory, with_flops=self._with_flops)
        for avg in out:
            avg.stack = avg.stack[:group_by_stack_n]
            if not group_by_input_shapes:
                avg.input_shapes = ""
            if not group_by_overload_name:
                avg.overload_name = ""
        return out

    def total_average(self):
        """All events summed into one, keyed ``Total``."""
        total = FunctionEventAvg()
        for event in self:
            total += event
            total.key = None
        total.key = "Total"
        return total

    def export_chrome_trace(self, path):
        """Write the events as a Chrome trace (``chrome://tracing``, Perfetto): a JSON list
        of complete (``"ph": "X"``) events."""
        trace = [{"name": e.trace_name, "ph": "X", "ts": e.time_range.start,
                  "dur": e.time_range.elapsed_us(), "tid": e.thread, "pid": "CPU functions",
                  "args": {}} for e in self if e.trace_name is not None]
        with open(path, "w") as f:
            json.dump(trace, f)

    def export_stacks(self, path, metric="self_cpu_time_total"):
        """Write each event's stack with its ``metric`` (flame-graph input), as torch."""
        with open(path, "w") as f:
            for e in self:
                value = int(getattr(e, metric.replace("cuda", "device")))
                if e.stack and value > 0:
                    stack = ";".join(s.translate(str.maketrans(" ;\t\n", "____"))
                                     for s in reversed(e.stack))
                    f.write(f"{stack} {value}\n")


def chrome_trace(events, path, record_shapes=False):
    """Write ``events`` as torch.profiler's trace file: a JSON object whose ``traceEvents``
    are complete events, ops as ``cpu_op``, ``record_function`` blocks as
    ``user_annotation``."""
    pid = os.getpid()
    trace = []
    for e in events:
        entry = {"ph": "X", "cat": "user_annotation" if e.is_user_annotation else "cpu_op",
                 "name": e.trace_name, "pid": pid, "tid": e.thread, "ts": e.time_range.start,
                 "dur": e.time_range.elapsed_us(), "args": {}}
        if record_shapes and not e.is_user_annotation:
            entry["args"]["Input Dims"] = e.input_shapes
        trace.append(entry)
    with open(path, "w") as f:
        json.dump({"schemaVersion": 1, "deviceProperties": [], "displayTimeUnit": "ms",
                   "traceEvents": trace, "traceName": path}, f)


def build_table(events, sort_by=None, header=None, row_limit=100, max_src_column_width=75,
                max_name_column_width=55, max_shapes_column_width=80, profile_memory=False,
                top_level_events_only=False, time_unit=None):
    """torch's summary table of ``events`` (FunctionEvents or their averages)."""
    if len(events) == 0:
        return ""
    if sort_by is not None:
        # An unknown key is the AttributeError getattr raises, as in torch.
        events = sorted(events, key=lambda e: getattr(e, sort_by.replace("cuda", "device")),
                        reverse=True)
    has_shapes = any(e.input_shapes is not None and len(e.input_shapes) > 0 for e in events)
    name_width = max(len(e.key) for e in events) + 4
    if max_name_column_width is not None:
        name_width = min(name_width, max_name_column_width)
    shapes_width = max(len(str(e.input_shapes)) for e in events) + 4
    if max_shapes_column_width is not None:
        shapes_width = min(shapes_width, max_shapes_column_width)
    stacks = [e.stack for e in events if e.stack]
    source_width = None
    if stacks:
        source_width = max(len(s) for stack in stacks for s in stack) + 4
        if max_src_column_width is not None:
            source_width = min(source_width, max_src_column_width)

    headers = ["Name", "Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg"]
    if profile_memory:
        headers += ["CPU Mem", "Self CPU Mem"]
    headers.append("# of Calls")
    widths = [(name_width, ">")] + [(_COLUMN_WIDTH, ">")] * (len(headers) - 1)
    if has_shapes:
        headers.append("Input Shapes")
        widths.append((shapes_width, ">"))
    if stacks:
        headers.append("Source Location")
        widths.append((source_width, "<"))
    row_format = "".join("{: " + align + str(w) + "}" + " " * _SPACING for w, align in widths)
    rule = "".join("-" * w + " " * _SPACING for w, _ in widths)
    line_length = sum(w + _SPACING for w, _ in widths) - _SPACING

    total = sum(e.self_cpu_time_total for e in events)
    lines = []
    if header is not None:
        lines += ["=" * line_length, header]
    if top_level_events_only:
        lines += ["=" * line_length, "This report only display top-level ops statistics"]
    lines += [rule, row_format.format(*headers), rule]

    def trim(path):
        if len(path) > source_width:
            path = path[len(path) - source_width:]
            if len(path) > 3:
                path = "..." + path[3:]
        return path

    shown = 0
    for e in events:
        if shown == row_limit:
            break
        if top_level_events_only and e.cpu_parent is not None:
            continue
        shown += 1
        name = e.key
        if max_name_column_width is not None and len(name) >= max_name_column_width - 3:
            name = name[:max_name_column_width - 3] + "..."
        row = [name, _format_time_share(e.self_cpu_time_total, total),
               _time_in(e.self_cpu_time_total, e.self_cpu_time_total_str, time_unit),
               _format_time_share(e.cpu_time_total, total),
               _time_in(e.cpu_time_total, e.cpu_time_total_str, time_unit),
               _time_in(e.cpu_time, e.cpu_time_str, time_unit)]
        if profile_memory:
            row += [_format_memory(e.cpu_memory_usage), _format_memory(e.self_cpu_memory_usage)]
        row.append(e.count)
        if has_shapes:
            row.append(str(e.input_shapes)[:shapes_width])
        if stacks:
            row.append(trim(e.stack[0]) if e.stack else "")
        lines.append(row_format.format(*row))
        if stacks:
            blank = [""] * (len(headers) - 1)
            for entry in e.stack[1:]:
                lines.append(row_format.format(*(blank + [trim(entry)])))
            lines.append(row_format.format(*(blank + [""])))
    lines += [rule, f"Self CPU time total: {_time_in(total, _format_time(total), time_unit)}"]
    return "".join(line + "\n" for line in lines)
