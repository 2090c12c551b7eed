"""Tensor printing, character for character as PyTorch 2.13 prints CPU dense tensors.

This module works on plain numpy arrays so that it does not depend on compat's Tensor
class: the Tensor's ``__repr__`` hands over its values (``np.asarray`` of the jax array),
its torch dtype name and the suffixes only it knows about (``requires_grad=True``,
``grad_fn=<MulBackward0>``), and gets the exact text torch would print.

The rules follow ``torch/_tensor_str.py``:

* one formatter per tensor decides, from the (summarized) nonzero finite values, whether
  floats print as integers (``5.``), in scientific notation (``1.0000e-05``) or fixed
  (``0.1000``), and how wide the widest element is; every element is right-aligned to it;
* rows wrap to ``linewidth`` and nested rows are indented one column per level under the
  opening ``tensor(``;
* past ``threshold`` elements, every dimension keeps ``edgeitems`` entries at each end
  around ``...``;
* ``size=``/``dtype=`` suffixes and the caller's suffixes follow the values, on a new line
  when the last line would get longer than ``linewidth``.

Options are process-global, like torch's ``PRINT_OPTS``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

__all__ = [
    "format_tensor",
    "format_size",
    "set_printoptions",
    "get_printoptions",
    "printoptions",
    "torch_dtype_name",
]


@dataclasses.dataclass
class _PrintOptions:
    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: bool | None = None


_OPTS = _PrintOptions()

# Profiles as torch defines them; a profile resets the four numeric options, never sci_mode.
_PROFILES = {
    "default": dict(precision=4, threshold=1000, edgeitems=3, linewidth=80),
    "short": dict(precision=2, threshold=1000, edgeitems=2, linewidth=80),
    "full": dict(precision=4, threshold=math.inf, edgeitems=3, linewidth=80),
}


def set_printoptions(
    precision: int | None = None,
    threshold: float | None = None,
    edgeitems: int | None = None,
    linewidth: int | None = None,
    profile: str | None = None,
    sci_mode: bool | None = None,
) -> None:
    """Set the printing options, with ``torch.set_printoptions``'s semantics.

    ``profile`` ("default", "short" or "full") is applied first, then any explicit option
    overrides it. ``sci_mode`` is always assigned, so leaving it out turns it back to
    automatic (None), exactly as torch does.

    Example:
        >>> import numpy as np
        >>> set_printoptions(precision=2)
        >>> format_tensor(np.array([1.12345], np.float32), dtype_name="torch.float32")
        'tensor([1.12])'
        >>> set_printoptions(profile="default")
    """
    if profile is not None:
        # torch silently ignores an unknown profile name; so do we.
        for name, value in _PROFILES.get(profile, {}).items():
            setattr(_OPTS, name, value)
    if precision is not None:
        _OPTS.precision = precision
    if threshold is not None:
        _OPTS.threshold = threshold
    if edgeitems is not None:
        _OPTS.edgeitems = edgeitems
    if linewidth is not None:
        _OPTS.linewidth = linewidth
    _OPTS.sci_mode = sci_mode


def get_printoptions() -> dict[str, Any]:
    """Return the current options as a dict that ``set_printoptions(**d)`` accepts.

    Example:
        >>> get_printoptions()["precision"]
        4
    """
    return dataclasses.asdict(_OPTS)


@contextlib.contextmanager
def printoptions(**kwargs: Any) -> Iterator[None]:
    """Temporarily change the printing options (like ``torch._tensor_str.printoptions``).

    Example:
        >>> import numpy as np
        >>> with printoptions(precision=1):
        ...     format_tensor(np.array([0.25], np.float32), dtype_name="torch.float32")
        'tensor([0.2])'
    """
    old = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(**old)


def format_size(shape: Sequence[int]) -> str:
    """Print a shape as ``torch.Size`` does.

    Example:
        >>> format_size((2, 3))
        'torch.Size([2, 3])'
    """
    # int() so that numpy integers do not print as "np.int64(2)".
    return f"torch.Size({[int(d) for d in shape]})"


# --- dtypes -----------------------------------------------------------------------------

_ALIASES = {
    "torch.half": "torch.float16",
    "torch.float": "torch.float32",
    "torch.double": "torch.float64",
    "torch.cfloat": "torch.complex64",
    "torch.cdouble": "torch.complex128",
    "torch.short": "torch.int16",
    "torch.int": "torch.int32",
    "torch.long": "torch.int64",
}
_FLOATING = {"torch.float16", "torch.bfloat16", "torch.float32", "torch.float64"}
_COMPLEX = {"torch.complex64", "torch.complex128"}


def torch_dtype_name(dtype: Any) -> str:
    """The torch spelling of a numpy dtype (bfloat16 from ml_dtypes included).

    Example:
        >>> torch_dtype_name(np.float32)
        'torch.float32'
    """
    dtype = np.dtype(dtype)
    if dtype.name == "bfloat16":
        return "torch.bfloat16"
    return f"torch.{dtype.name}"


def _canonical(dtype_name: str) -> str:
    return _ALIASES.get(dtype_name, dtype_name)


def _default_complex(default_dtype: str) -> str:
    # torch pairs the default float dtype with a complex one this way, whatever it is.
    return "torch.complex128" if default_dtype == "torch.float64" else "torch.complex64"


# --- element formatting ----------------------------------------------------------------


class _Formatter:
    """Decides the notation and the common width of all elements of one tensor."""

    def __init__(self, values: np.ndarray, floating: bool):
        # values: the flattened (summarized) values; float64 when floating.
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        if not floating:
            if values.size:
                if values.dtype == np.bool_:
                    candidates = np.unique(values).tolist()
                else:
                    candidates = [values.min().item(), values.max().item()]
                self.max_width = max(1, *(len(str(v)) for v in candidates))
            return
        nonzero_finite = values[np.isfinite(values) & (values != 0)]
        if nonzero_finite.size == 0:
            # torch keeps the defaults: every element prints as "0." / "nan" / "inf".
            return
        absolute = np.abs(nonzero_finite)
        lo, hi = float(absolute.min()), float(absolute.max())
        self.int_mode = bool(np.all(nonzero_finite == np.ceil(nonzero_finite)))
        if _OPTS.sci_mode is None:
            self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        else:
            self.sci_mode = bool(_OPTS.sci_mode)
        # The printed length only grows with |v| within one sign (and in e-notation the
        # exponent's digit count peaks at the smallest or largest |v|), so the extremes
        # of each sign give the same width as torch's loop over every element.
        candidates = []
        for part in (nonzero_finite[nonzero_finite > 0], nonzero_finite[nonzero_finite < 0]):
            if part.size:
                candidates += [float(part.min()), float(part.max())]
        p = _OPTS.precision
        for v in candidates:
            if self.sci_mode:
                width = len(f"{v:.{p}e}")
            elif self.int_mode:
                width = len(f"{v:.0f}") + 1  # + 1 for the trailing "."
            else:
                width = len(f"{v:.{p}f}")
            self.max_width = max(self.max_width, width)

    def format(self, value: Any) -> str:
        if self.floating:
            p = _OPTS.precision
            if self.sci_mode:
                text = f"{value:{self.max_width}.{p}e}"
            elif self.int_mode:
                text = f"{value:.0f}"
                if math.isfinite(value):
                    text += "."  # marks a floating tensor whose values are all integers
            else:
                text = f"{value:.{p}f}"
        else:
            text = f"{value}"
        return text.rjust(self.max_width)


class _ComplexFormatter:
    """Real and imaginary parts get independent formatters, as in torch."""

    def __init__(self, values: np.ndarray):
        self.real = _Formatter(values.real, True)
        self.imag = _Formatter(values.imag, True)

    @property
    def max_width(self) -> int:
        # The "j" takes one more column.
        return self.real.max_width + self.imag.max_width + 1

    def format(self, value: complex) -> str:
        real = self.real.format(value.real)
        imag = (self.imag.format(value.imag) + "j").lstrip()
        # A sign (including that of -0.0) already separates the two parts.
        if imag[0] in "+-":
            return real + imag
        return real + "+" + imag


def _summarized(values: np.ndarray, edge: int) -> np.ndarray:
    """The elements that remain visible once summarized: what the formatter measures."""
    if values.ndim == 0:
        return values
    if values.ndim == 1:
        if values.shape[0] > 2 * edge:
            # With edge == 0, values[-0:] is the whole row, as in torch.
            return np.concatenate((values[:edge], values[-edge:]))
        return values
    if not edge:
        return np.empty([0] * values.ndim, values.dtype)
    n = values.shape[0]
    rows = list(range(edge)) + list(range(n - edge, n)) if n > 2 * edge else range(n)
    return np.stack([_summarized(values[i], edge) for i in rows])


def _vector_str(values: np.ndarray, indent: int, summarize: bool, formatter) -> str:
    # Every element takes its width plus ", ".
    element_length = formatter.max_width + 2
    per_line = max(1, math.floor((_OPTS.linewidth - indent) / element_length))
    edge = _OPTS.edgeitems
    if summarize and not edge:
        data = ["..."]
    elif summarize and values.shape[0] > 2 * edge:
        # " ..." counts as one element when lines are wrapped.
        data = [formatter.format(v) for v in values[:edge].tolist()]
        data += [" ..."]
        data += [formatter.format(v) for v in values[-edge:].tolist()]
    else:
        data = [formatter.format(v) for v in values.tolist()]
    lines = [", ".join(data[i : i + per_line]) for i in range(0, len(data), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _nested_str(values: np.ndarray, indent: int, summarize: bool, formatter) -> str:
    if values.ndim == 0:
        return formatter.format(values.item())
    if values.ndim == 1:
        return _vector_str(values, indent, summarize, formatter)
    edge = _OPTS.edgeitems
    n = values.shape[0]
    if summarize and n > 2 * edge:
        slices = [_nested_str(values[i], indent + 1, summarize, formatter) for i in range(edge)]
        slices.append("...")
        slices += [
            _nested_str(values[i], indent + 1, summarize, formatter) for i in range(n - edge, n)
        ]
    else:
        slices = [_nested_str(values[i], indent + 1, summarize, formatter) for i in range(n)]
    # Blocks of rank k are separated by k - 1 blank lines.
    return "[" + ("," + "\n" * (values.ndim - 1) + " " * (indent + 1)).join(slices) + "]"


def _values_str(values: np.ndarray, kind: str, indent: int) -> str:
    summarize = values.size > _OPTS.threshold
    measured = _summarized(values, _OPTS.edgeitems) if summarize else values
    measured = measured.reshape(-1)
    if kind == "complex":
        formatter = _ComplexFormatter(measured)
    else:
        formatter = _Formatter(measured, kind == "float")
    return _nested_str(values, indent, summarize, formatter)


def _add_suffixes(text: str, suffixes: Sequence[str], indent: int) -> str:
    pieces = [text]
    # torch counts two columns more than the last line really has (rfind's -1 included).
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > _OPTS.linewidth:
            pieces.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            pieces.append(", " + suffix)
            last_line_len += len(suffix) + 2
    pieces.append(")")
    return "".join(pieces)


def format_tensor(
    values: np.ndarray,
    *,
    dtype_name: str | None = None,
    is_default_dtype: bool | None = None,
    default_dtype: str = "torch.float32",
    suffixes: Sequence[str] = (),
    prefix: str = "tensor(",
    is_parameter: bool = False,
) -> str:
    """``repr(tensor)`` of a CPU dense tensor, from its values as a numpy array.

    Args:
        values: the tensor's values, any shape (0-d and empty included). Floating values
            are formatted from their exact float64 value, as torch formats ``.item()``.
        dtype_name: the torch dtype as ``str(dtype)`` spells it ("torch.float16", ...);
            inferred from ``values.dtype`` when None. It decides the element notation
            (floats, complex, integers, bools) and the ``dtype=`` suffix text.
        is_default_dtype: whether the ``dtype=`` suffix is left out of a non-empty
            tensor's repr. None (the default) applies torch's rule: left out for the
            default float dtype, its complex partner, int64 and bool.
        default_dtype: ``str(torch.get_default_dtype())``. Empty tensors show ``dtype=``
            whenever their dtype differs from it (so int64 is shown there).
        suffixes: items after the values and torch's own ``size=``/``dtype=``, e.g.
            ``"requires_grad=True"`` or ``"grad_fn=<MulBackward0>"``; each moves to a new
            line when the current one would exceed the line width.
        prefix: the opening text; nested rows are indented by its length.
        is_parameter: prepend ``"Parameter containing:\\n"`` as ``nn.Parameter`` does.

    Example:
        >>> import numpy as np
        >>> format_tensor(np.array([[1.0, 2.5], [3.0, 4.0]], np.float32))
        'tensor([[1.0000, 2.5000],\\n        [3.0000, 4.0000]])'
        >>> format_tensor(np.arange(3), dtype_name="torch.int32", suffixes=["requires_grad=True"])
        'tensor([0, 1, 2], dtype=torch.int32, requires_grad=True)'
    """
    values = np.asarray(values)
    dtype_name = _canonical(dtype_name or torch_dtype_name(values.dtype))
    default_dtype = _canonical(default_dtype)
    if dtype_name in _FLOATING:
        kind, values = "float", values.astype(np.float64)  # exact for f16/bf16/f32
    elif dtype_name in _COMPLEX:
        kind, values = "complex", values.astype(np.complex128)
    else:
        kind = "int"
    if is_default_dtype is None:
        is_default_dtype = dtype_name in (
            default_dtype,
            _default_complex(default_dtype),
            "torch.int64",
            "torch.bool",
        )
    indent = len(prefix)
    size_suffix = "size=" + repr(tuple(int(d) for d in values.shape))
    own: list[str] = []
    if values.size == 0:
        # NumPy-like: the shape is shown unless it is (0,); and with no element to tell
        # ints from floats, any dtype but the default float one is shown.
        if values.ndim != 1:
            own.append(size_suffix)
        if dtype_name != default_dtype:
            own.append("dtype=" + dtype_name)
        body = "[]"
    else:
        if not _OPTS.edgeitems:
            # Nothing but "..." is printed, so the shape is the only information left.
            own.append(size_suffix)
        if not is_default_dtype:
            own.append("dtype=" + dtype_name)
        body = _values_str(values, kind, indent)
    text = _add_suffixes(prefix + body, [*own, *suffixes], indent)
    if is_parameter:
        text = "Parameter containing:\n" + text
    return text
