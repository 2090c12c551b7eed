"""Tensor creation: ``tensor``, ``zeros``, ``arange``, … with torch's dtype inference.

>>> import compat as torch
>>> torch.tensor([1, 2]).dtype, torch.tensor([1., 2]).dtype, torch.arange(3.).dtype
(torch.int64, torch.float32, torch.float32)
"""
from __future__ import annotations

import builtins
import math
import numbers
import warnings

import jax.numpy as jnp
import numpy as np

from jaxgrad import dtypes as _jd

from . import dtypes as _dt
from .devices import device as _device
from .devices import place


def _np_dtype(dtype):
    return None if dtype is None else _dt.to_np(dtype)


def _finish(array, dtype, device, requires_grad, cls=None):
    """Wrap a numpy/jax array as a Tensor on ``device`` with ``requires_grad``."""
    from .tensors import Tensor
    data = jnp.asarray(array)
    if device is not None and _device(device).type != "cpu":
        data = place(data, _device(device))
    t = (cls or Tensor)._make(data)
    if requires_grad:
        if not (t.dtype.is_floating_point or t.dtype.is_complex):
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        t.requires_grad = True
    return t


def _infer_dtype(values) -> np.dtype:
    """torch's dtype for nested Python data: bool < int64 < default float < complex (no
    values at all: the default float)."""
    kind = -1
    stack = [values]
    while stack:
        v = stack.pop()
        if isinstance(v, (list, tuple)):
            stack.extend(v)
        elif isinstance(v, builtins.bool) or isinstance(v, np.bool_):
            kind = builtins.max(kind, 0)
        elif isinstance(v, numbers.Integral):
            kind = builtins.max(kind, 1)
        elif isinstance(v, numbers.Real):
            kind = builtins.max(kind, 2)
        elif isinstance(v, numbers.Complex):
            kind = builtins.max(kind, 3)
        elif _is_tensor(v):
            kind = builtins.max(kind, _jd.category(v._data.dtype))
        else:
            raise TypeError(f"new(): invalid data type '{type(v).__name__}'")
    if kind < 0:
        return _jd.default_float_dtype()
    return [_jd.bool_, _jd.int64, _jd.default_float_dtype(),
            np.dtype(np.complex64 if _jd.default_float_dtype() == _jd.float32 else np.complex128)][kind]


def _to_numpy(data):
    if _is_tensor(data):
        return np.asarray(data._value)
    if isinstance(data, (list, tuple)):
        return np.array([_to_numpy(d) if _is_tensor(d) else d for d in data]) if any(
            _is_tensor(d) for d in data) else np.array(data)
    return np.asarray(data)


def _is_tensor(x):
    from . import dispatch
    return isinstance(x, dispatch.Tensor)


def tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new leaf tensor holding a copy of ``data`` (``torch.tensor``).

    >>> import compat as torch
    >>> torch.tensor(3.0, requires_grad=True)
    tensor(3., requires_grad=True)
    """
    if _is_tensor(data):
        warnings.warn("To copy construct from a tensor, it is recommended to use "
                      "sourceTensor.detach().clone() or sourceTensor.detach().clone()."
                      "requires_grad_(True), rather than torch.tensor(sourceTensor).",
                      UserWarning, stacklevel=2)
    if dtype is None:
        if isinstance(data, np.ndarray) or isinstance(data, np.generic):
            np_dtype = np.asarray(data).dtype
        elif _is_tensor(data):
            np_dtype = data._data.dtype
        else:
            np_dtype = _infer_dtype(data)
    else:
        np_dtype = _np_dtype(dtype)
    array = _to_numpy(data)
    if isinstance(data, (list, tuple)) and array.dtype == object:
        raise ValueError("expected sequence of length matching the other sequences")
    if array.dtype.kind == "f" and np_dtype.kind in "iub":
        array = np.trunc(array)
    with np.errstate(over="ignore"):  # torch turns out-of-range floats into inf silently
        array = array.astype(np_dtype)
    return _finish(array, dtype, device, requires_grad)


def as_tensor(data, dtype=None, device=None):
    """Like :func:`tensor`, but returns ``data`` itself when it already is a matching tensor."""
    if _is_tensor(data):
        if (dtype is None or data.dtype is dtype) and device is None:
            return data
        return data.to(device=device, dtype=dtype)
    return tensor(data, dtype=dtype, device=device)


asarray = as_tensor


def from_numpy(array):
    """A tensor with the values of a numpy array, keeping its dtype (a copy: jax is immutable)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    return _finish(array, None, None, False)


def _shape(size, keyword=None, name="zeros"):
    """``f(2, 3)``, ``f((2, 3))`` and ``f(size=(2, 3))`` all mean shape (2, 3), as in torch."""
    if keyword is not None:
        if size:
            raise TypeError(f"{name}() got multiple values for argument 'size'")
        size = (keyword,)
    if not size:
        raise TypeError(f'{name}() missing 1 required positional arguments: "size"')
    if len(size) == 1 and isinstance(size[0], (tuple, list)):  # torch.Size is a tuple too
        size = tuple(size[0])
    return tuple(builtins.int(s) for s in size)


def _factory(fill, name):
    def make(*size, dtype=None, device=None, requires_grad=False, layout=None, pin_memory=False,
             out=None, **kwargs):
        shape = _shape(size, kwargs.pop("size", None), name)
        if kwargs:
            raise TypeError(f"{name}() got an unexpected keyword argument '{next(iter(kwargs))}'")
        if name == "zeros" and any(s < 0 for s in shape):
            raise RuntimeError("zeros: Dimension size must be non-negative.")  # torch's own check
        for s in shape:
            if s < 0:
                raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(shape)}")
        np_dtype = _np_dtype(dtype) or _jd.default_float_dtype()
        return _finish(fill(shape, np_dtype), dtype, device, requires_grad)
    return make


zeros = _factory(lambda shape, dt: np.zeros(shape, dt), "zeros")
ones = _factory(lambda shape, dt: np.ones(shape, dt), "ones")
empty = _factory(lambda shape, dt: np.zeros(shape, dt), "empty")
zeros.__doc__ = "``torch.zeros(*size)``: a tensor of zeros (default dtype float32)."
ones.__doc__ = "``torch.ones(*size)``: a tensor of ones (default dtype float32)."
empty.__doc__ = "``torch.empty(*size)``: uninitialised in torch; zeros here."


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False):
    """``torch.full``: the dtype follows ``fill_value`` when none is given, as torch."""
    np_dtype = _np_dtype(dtype) or _infer_dtype(fill_value)
    shape = _shape((size,), name="full")
    for s in shape:
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(shape)}")
    return _finish(np.full(shape, fill_value, np_dtype), dtype, device, requires_grad)


def _like(fn):
    def make(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
        return fn(tuple(input.shape), dtype=dtype or input.dtype, device=device or input.device,
                  requires_grad=requires_grad)
    return make


zeros_like = _like(zeros)
ones_like = _like(ones)
empty_like = _like(empty)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False):
    return full(tuple(input.shape), fill_value, dtype=dtype or input.dtype, device=device,
                requires_grad=requires_grad)


def arange(start=0, end=None, step=1, *, dtype=None, device=None, requires_grad=False):
    """``torch.arange``: int64 for integer bounds, the default float dtype otherwise."""
    if end is None:
        start, end = 0, start
    start, end, step = (s.item() if _is_tensor(s) else s for s in (start, end, step))
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    np_dtype = _np_dtype(dtype) or _infer_dtype([start, end, step])
    n = builtins.max(0, math.ceil((end - start) / step))
    # torch computes each value in double as start + i * step, then casts.
    values = start + np.arange(n, dtype=np.float64 if np_dtype.kind == "f" else np.int64) * step
    return _finish(values.astype(np_dtype), dtype, device, requires_grad)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False):
    """``torch.linspace``: ``steps`` points from ``start`` to ``end`` inclusive."""
    np_dtype = _np_dtype(dtype) or _jd.default_float_dtype()
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    # torch fills the first half forwards from start and the second half backwards from end.
    step = (end - start) / (steps - 1) if steps > 1 else 0.0
    i = np.arange(steps, dtype=np.float64)
    half = steps // 2
    values = np.where(i < half, start + step * i, end - step * (steps - 1 - i))
    if steps == 1:
        values = np.array([start], np.float64)
    return _finish(values.astype(np_dtype), dtype, device, requires_grad)


def logspace(start, end, steps, base=10.0, *, dtype=None, device=None, requires_grad=False):
    lin = linspace(start, end, steps, dtype=_dt.float64)
    np_dtype = _np_dtype(dtype) or _jd.default_float_dtype()
    return _finish(np.power(base, np.asarray(lin._data)).astype(np_dtype), dtype, device,
                   requires_grad)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False):
    """``torch.eye``: an identity matrix."""
    np_dtype = _np_dtype(dtype) or _jd.default_float_dtype()
    return _finish(np.eye(n, n if m is None else m, dtype=np_dtype), dtype, device, requires_grad)


def legacy_tensor(cls, *args, **kwargs):
    """``torch.Tensor(data)`` or ``torch.Tensor(*sizes)``: always the default float dtype."""
    device = kwargs.pop("device", None)
    if kwargs:
        raise TypeError("new() received an invalid combination of arguments")
    if len(args) == 1 and not isinstance(args[0], numbers.Integral):
        data = args[0]
        if _is_tensor(data):
            return data
        return _finish(_to_numpy(data).astype(_jd.default_float_dtype()), None, device, False, cls)
    return _finish(np.zeros(_shape(args), _jd.default_float_dtype()), None, device, False, cls)
