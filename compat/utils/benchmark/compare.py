"""``torch.utils.benchmark.Compare``: many Measurements as one table per label, as torch
lays it out (a row per sub_label or statement, a column per description, a block of rows
per thread count, all times in the unit of the fastest).

>>> from compat.utils.benchmark import Compare, Measurement, TaskSpec
>>> def m(desc, times):
...     return Measurement(1, times, TaskSpec("x * 2", "pass", label="mul", sub_label="8",
...                                           description=desc))
>>> print(Compare([m("a", [3.1e-6, 3.3e-6]), m("b", [6.2e-6, 6.0e-6])]))
[-------- mul --------]
         |   a   |   b
1 threads: ------------
      8  |  3.2  |  6.1
<BLANKLINE>
Times are in microseconds (us).
<BLANKLINE>
"""
from __future__ import annotations

import enum
import math

from .common import Measurement, ordered_unique, select_unit, trim_sigfig, unit_to_english

BEST, GOOD, BAD, VERY_BAD = "\033[92m", "\033[34m", "\033[2m\033[91m", "\033[31m"
BOLD, TERMINATE = "\033[1m", "\033[0m"


class Colorize(enum.Enum):
    NONE = "none"
    COLUMNWISE = "columnwise"
    ROWWISE = "rowwise"


def _leading_digits(value):
    return int(math.ceil(math.log10(value)))


class _Column:
    """One description's results: how many digits its numbers show."""

    def __init__(self, groups, scale, trim, highlight):
        self.groups = groups
        flat = [r for g in groups for r in g]
        self.trim = trim
        self.highlight = highlight and any(r.has_warnings for r in flat if r)
        digits = [_leading_digits(r.median / scale) if r else None for r in flat]
        unit_digits = max(d for d in digits if d is not None)
        decimals = min(max(m.significant_figures - d, 0) for d, m in zip(digits, flat)
                       if m is not None) if trim else 1
        length = unit_digits + decimals + (1 if decimals else 0)
        self.template = f"{{:>{length}.{decimals}f}}{{:>{7 if self.highlight else 0}}}"

    def text(self, value, figures, spread):
        if value is None:
            return " " * len(self.text(1, figures, None))
        if self.trim:
            value = trim_sigfig(value, figures)
        warning = f" (! {spread * 100:.0f}%)" if self.highlight and spread is not None else ""
        return self.template.format(value, warning)


def _colored(segment, value, best):
    if value <= best * 1.01 or value <= best + 100e-9:
        return BEST + BOLD + segment + TERMINATE * 2
    if value <= best * 1.1:
        return GOOD + BOLD + segment + TERMINATE * 2
    if value >= best * 5:
        return VERY_BAD + BOLD + segment + TERMINATE * 2
    if value >= best * 2:
        return BAD + segment + TERMINATE * 2
    return segment


def _render(results, colorize, trim, highlight):
    """One label's table."""
    label = results[0].label
    unit, scale = select_unit(min(r.median for r in results))
    row_keys = ordered_unique((r.num_threads, r.env, r.as_row_name) for r in results)
    row_keys.sort(key=lambda k: k[:2])  # stable: statements keep their order
    col_keys = ordered_unique(r.description for r in results)
    grid = [[None] * len(col_keys) for _ in row_keys]
    rows_at = {k: i for i, k in enumerate(row_keys)}
    cols_at = {k: i for i, k in enumerate(col_keys)}
    for r in results:
        grid[rows_at[(r.num_threads, r.env, r.as_row_name)]][cols_at[r.description]] = r
    envs = {r.env for r in results}
    render_env = len(envs) > 1
    env_width = max(len(e) for e in envs) if render_env else 0
    groups, group_of, separators, show_env = [], [], [], []
    prior_threads, prior_env = -1, ""
    for (threads, env, _), row in zip(row_keys, grid):
        new_group = threads != prior_threads
        if new_group:
            prior_threads, prior_env = threads, ""
            groups.append([])
        separators.append(threads if new_group else None)
        show_env.append(render_env and env != prior_env)
        group_of.append(len(groups) - 1)
        groups[-1].append(row)
        prior_env = env
    columns = [_Column([tuple(row[j] for row in g) for g in groups], scale, trim, highlight)
               for j in range(len(col_keys))]

    strings = [[""] + list(col_keys)]
    for row, env_shown in zip(grid, show_env):
        first = next(r for r in row if r is not None)
        env = (f"({first.env})" if env_shown else "").ljust(env_width + 4)
        cells = ["  " + env + first.as_row_name]
        for m, col in zip(row, columns):
            cells.append(col.text(None, 1, None) if m is None else
                         col.text(m.median / scale, m.significant_figures,
                                  m.iqr / m.median if m.has_warnings else None))
        strings.append(cells)
    width = max(len(s) for s in strings)
    for s in strings:
        s.extend([""] * (width - len(s)))
    widths = [max(len(c) for c in column) for column in zip(*strings)]
    lines = ["  |  ".join(c.center(w) for c, w in zip(strings[0], widths))]
    overall = len(lines[0])
    for cells, row, threads, g in zip(strings[1:], grid, separators, group_of):
        if threads is not None:
            lines.append(f"{threads} threads: ".ljust(overall, "-"))
        best = [-1] * len(cells)
        if colorize == Colorize.ROWWISE:
            best = [min(r.median for r in row if r is not None)] * len(cells)
        elif colorize == Colorize.COLUMNWISE:
            best = [min((r.median for r in col.groups[g] if r is not None), default=None)
                    for col in columns]
        out = [cells[0].ljust(widths[0])]
        for text, w, m, b in zip(cells[1:], widths[1:], row, best):
            text = text.center(w)
            if colorize != Colorize.NONE and m is not None and b is not None:
                text = _colored(text, m.median, b)
            out.append(text)
        lines.append("  |  ".join(out))
    warned = highlight and any(r.has_warnings for r in results)
    note = ("(! XX%) Measurement has high variance, where XX is the IQR / median * 100.\n"
            if warned else "")
    title = (" " + (label or "") + " ").center(overall - 2, "-")
    return (f"[{title}]\n" + "\n".join(lines) +
            f"\n\nTimes are in {unit_to_english(unit)}s ({unit}).\n{note}")


class Compare:
    """Tables of many Measurements, one per label (see the module's example)."""

    def __init__(self, results):
        self._results = []
        self.extend_results(results)
        self._trim_significant_figures = False
        self._colorize = Colorize.NONE
        self._highlight_warnings = False

    def __str__(self):
        merged = Measurement.merge(self._results)
        by_label: dict = {}
        for r in merged:
            by_label.setdefault(r.label, []).append(r)
        return "\n".join(_render(group, self._colorize, self._trim_significant_figures,
                                 self._highlight_warnings) for group in by_label.values())

    def extend_results(self, results):
        for r in results:
            if not isinstance(r, Measurement):
                raise ValueError(f"Expected an instance of `Measurement`, got {type(r)} instead.")
        self._results.extend(results)

    def trim_significant_figures(self):
        self._trim_significant_figures = True

    def colorize(self, rowwise=False):
        self._colorize = Colorize.ROWWISE if rowwise else Colorize.COLUMNWISE

    def highlight_warnings(self):
        self._highlight_warnings = True

    def print(self):
        print(str(self))
