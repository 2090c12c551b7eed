"""Op-table entries: casts and device moves, aliases without history, new_* factories and
``backward``.

>>> import compat as torch
>>> x = torch.ones(2, requires_grad=True)
>>> x.double().grad_fn.name(), x.detach().requires_grad
('ToCopyBackward0', False)
"""
from __future__ import annotations

import builtins

from .. import creation, host_memory
from .. import dtypes as _dt
from .. import strides as layout
from .. import views
from ..autograd import backward as _backward
from ..devices import device as _device
from ..devices import place
from ..creation import invalid_combination
from ..tensors import Tensor
from ..typenames import type_name
from .registry import method, op, tensor_property
from .storage import to_dtype


def _to_device(input, target):
    """``input`` moved to ``target`` (a static argument); the gradient moves back."""
    return place(input, target)


_to_device.linear = True
_move = op("to.device(self, target)", _to_device, "ToCopyBackward0", method=False,
           function=False)


_TO_SIGNATURES = (
    "(torch.device device = None, torch.dtype dtype = None, bool non_blocking = False, "
    "bool copy = False, *, torch.memory_format memory_format = None)",
    "(torch.dtype dtype, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
    "(Tensor tensor, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)")


def _check_to_keywords(args, kwargs) -> None:
    """torch's parser refusing ``dtype=``/``device=`` of the wrong type (``dtype='float32'``
    is not a torch.dtype), before anything is cast."""
    dtype, dev = kwargs.get("dtype"), kwargs.get("device")
    if (dtype is not None and not isinstance(dtype, _dt.dtype)) or (
            dev is not None and not isinstance(dev, (str, _device))
            and type(dev) is not builtins.int):
        raise TypeError(invalid_combination("to", [type_name(a) for a in args],
                                            [(k, type_name(v)) for k, v in kwargs.items()],
                                            _TO_SIGNATURES))


@method("to")
def to(self, *args, **kwargs):
    """Cast and/or move: ``to(dtype)``, ``to(device)``, ``to(device, dtype)``, ``to(other)``.

    >>> import compat as torch
    >>> torch.ones(2).to(torch.int64)
    tensor([1, 1])
    """
    _check_to_keywords(args, kwargs)
    dtype, dev = kwargs.pop("dtype", None), kwargs.pop("device", None)
    copy = kwargs.pop("copy", False)
    memory_format = kwargs.pop("memory_format", None)
    kwargs.pop("non_blocking", None)
    for a in args:
        if isinstance(a, _dt.dtype):
            dtype = a
        elif isinstance(a, Tensor):
            dtype, dev = a.dtype, a.device
        elif a is not None and not isinstance(a, builtins.bool):
            dev = a
    out = self
    if dev is not None:
        target = _device(dev)
        if target != self.device:
            out = _move(out, target)
    if dtype is not None and dtype is not out.dtype:
        out = to_dtype(out, dtype.np)
    if copy and out is self:  # torch's copy=True: a new tensor even when nothing changes
        out = to_dtype(out, self._data.dtype)
    if memory_format is not None and memory_format is not _dt.preserve_format:
        if out is self and _suggested_format(self) != memory_format.name:
            out = to_dtype(out, self._data.dtype)
        if out is not self:
            views.lay_out(out, self, memory_format)
    return out


def _suggested_format(t):
    """torch's ``suggest_memory_format()`` name: what ``to(memory_format=)`` leaves alone."""
    if layout.suggests_channels_last(tuple(t._store.shape), t.stride()):
        return "channels_last" if t.ndim == 4 else "channels_last_3d"
    return "contiguous_format"


def _cast(name, dtype):
    def cast(self, memory_format=None):
        return self.to(dtype)
    cast.__name__ = cast.__qualname__ = name
    cast.__doc__ = f"``to({dtype!r})``."
    return cast


for _name, _dtype in (("float", _dt.float32), ("double", _dt.float64), ("half", _dt.float16),
                      ("bfloat16", _dt.bfloat16), ("long", _dt.int64), ("int", _dt.int32),
                      ("short", _dt.int16), ("bool", _dt.bool), ("byte", _dt.uint8),
                      ("char", _dt.int8), ("cfloat", _dt.complex64), ("cdouble", _dt.complex128)):
    method(_name)(_cast(_name, _dtype))


@method("cpu")
def cpu(self, memory_format=None):
    """``to('cpu')``."""
    return self.to("cpu")


@method("cuda")
def cuda(self, device=None, non_blocking=False, memory_format=None):
    """``to('cuda')`` (JAX's GPU)."""
    return self.to(_device("cuda" if device is None else device))


@method("type_as")
def type_as(self, other):
    """``to(other.dtype)``."""
    return self.to(other.dtype)


# ----------------------------------------------------------------------------- history
@method("detach", function=True)
def detach(self):
    """A tensor sharing this one's values but not its history (writes reach both).

    >>> import compat as torch
    >>> x = torch.ones(2, requires_grad=True)
    >>> d = x.detach(); d.requires_grad
    False
    """
    return views.alias(self, requires_grad=False)


def _get_data(self):
    return views.alias(self, requires_grad=False, untracked=True)


def _set_data(self, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"data must be a Tensor, not {type(value).__name__}")
    if host_memory.is_shared(self) and self._view is None:
        # torch's tensor takes the other's storage: the NumPy array keeps the old values
        host_memory.unshare(self, value._value)
    else:
        views.set_data(self, value._value)
    (self._base if self._base is not None else self)._untracked_versions += 1  # as torch's


tensor_property("data")(property(_get_data, _set_data, doc="The values without history "
                                                            "(an alias; assigning replaces them)."))


@method("backward")
def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate the gradient of this tensor into the leaves' ``.grad``.

    >>> import compat as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> (x * x).backward(); x.grad
    tensor(6.)
    """
    _backward(self, gradient, retain_graph, create_graph, inputs=inputs)


# ----------------------------------------------------------------------------- new_*
# Factories with this tensor's dtype and device by default; creation parses their arguments
# as torch's bindings do (and names them in its errors).
for _name in ("new_tensor", "new_zeros", "new_ones", "new_empty", "new_full"):
    method(_name)(getattr(creation, _name))
