"""compat's Tensor: a jax array plus torch's autograd state.

The array is immutable; in-place ops replace it and bump ``_version``. A view (``x[0]``,
``x.view(…)``, ``x.data``, ``x.detach()``) remembers its base and how it was taken from it,
so writes through the view reach the base and reads see the base's later writes, as torch's
shared storage does.

>>> import compat as torch
>>> x = torch.tensor([1., 2.], requires_grad=True)
>>> (x * x).sum().backward()
>>> x.grad
tensor([2., 4.])
"""
from __future__ import annotations

import builtins
import warnings
import weakref

import jax.numpy as jnp
import numpy as np

from jaxgrad import dtypes as _jd
from jaxgrad import functional as F

from . import dispatch as _dispatch_module
from . import dtypes as _dt
from . import printing
from .autograd import engine as _engine
from .autograd import grad_mode
from .devices import device as _device
from .devices import device_of, place
from .dispatch import call, dispatch
from .random import RandomMethods
from .tensor_math import MathMixin
from .tensor_select import SelectMixin
from .tensor_shape import ShapeMixin

_STATE = grad_mode.STATE
_NONLEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
    "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
    "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
    "github.com/pytorch/pytorch/pull/30531 for more information. (Triggered internally at "
    "/__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)")
_LEGACY_TYPE_NAMES = {"float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor",
                      "bfloat16": "BFloat16Tensor", "int64": "LongTensor", "int32": "IntTensor",
                      "int16": "ShortTensor", "int8": "CharTensor", "uint8": "ByteTensor",
                      "bool": "BoolTensor", "complex64": "ComplexFloatTensor",
                      "complex128": "ComplexDoubleTensor"}
def _constant_cache(make):
    cache = {}

    def cached(shape, dtype):
        key = (shape, dtype)
        value = cache.get(key)
        if value is None:
            if len(cache) > 256:
                cache.clear()
            value = cache[key] = make(shape, dtype)
        return value
    return cached


# jax arrays are immutable, so one zeros (ones) array per shape and dtype serves every
# ``zero_()`` (every implicit backward seed).
_cached_zeros = _constant_cache(jnp.zeros)
_cached_ones = _constant_cache(jnp.ones)


class Tensor(MathMixin, ShapeMixin, SelectMixin, RandomMethods):
    """A multi-dimensional array with autograd, as ``torch.Tensor``."""

    __slots__ = ("_data", "_requires_grad", "_grad", "_grad_fn", "_output_nr", "_version",
                 "_accumulator", "_hooks", "_base", "_view", "_view_version", "_view_history",
                 "_retains_grad",
                 "__dict__", "__weakref__")
    __module__ = "torch"

    # ------------------------------------------------------------------ construction
    @classmethod
    def _make(cls, data, requires_grad=False, grad_fn=None, output_nr=0):
        t = object.__new__(cls)
        t._data = data
        t._requires_grad = requires_grad
        t._grad = None
        t._grad_fn = grad_fn
        t._output_nr = output_nr
        t._version = 0
        t._accumulator = None
        t._hooks = None
        t._base = None
        t._view = None
        t._view_version = 0
        t._view_history = None
        t._retains_grad = False
        return t

    def __new__(cls, *args, **kwargs):
        # torch.Tensor(data) / torch.Tensor(*sizes): the legacy constructor, default dtype.
        from .creation import legacy_tensor
        return legacy_tensor(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        pass

    # ------------------------------------------------------------------ storage and views
    def _sync(self):
        """This view's array, recomputed if its base was written since (shared storage)."""
        base = self._base
        if self._view_version != base._version:
            self._data = base._data if self._view is None else self._view(base._data)
            self._view_version = base._version
            if self._view_history is not DETACHED and base._grad_fn is not self._view_history:
                self._follow_base_history()
        return self._data

    def _follow_base_history(self):
        """After an in-place op gave the base a new history, this view is a view of that new
        history (torch regenerates it as ``AsStridedBackward0``): gradients through the view
        then include the in-place op."""
        base = self._base
        if base._requires_grad:
            with grad_mode.enable_grad():
                regenerated = dispatch(_gather_flat, "AsStridedBackward0",
                                       (base, _view_index(base._data.shape, self._view)))
            self._grad_fn, self._output_nr, self._requires_grad = regenerated._grad_fn, 0, True
        self._view_history = base._grad_fn

    @property
    def _value(self):
        return self._data if self._base is None else self._sync()

    def _set_data(self, new):
        """Replace the values in place (no autograd): reaches the base of a view."""
        if self._base is None:
            self._data = new
            self._version += 1
            return
        base = self._base
        base._data = new if self._view is None else _write_view(base._data, self._view, new)
        base._version += 1
        self._data = new
        self._view_version = base._version
        self._version += 1

    def _check_inplace(self):
        if _STATE.enabled and self._requires_grad:
            if self._base is None and self._grad_fn is None:
                raise RuntimeError("a leaf Variable that requires grad is being used in an "
                                   "in-place operation.")
            if self._base is not None and self._base._grad_fn is None and self._base._requires_grad:
                raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                                   "in-place operation.")

    def _inplace(self, fn, name, args, kwargs=_dispatch_module._EMPTY):
        """Run op ``fn`` and store its result in ``self`` (``add_``, ``-=``, …)."""
        self._check_inplace()
        out = dispatch(fn, name, args, kwargs)
        return self._assign(out)

    def _assign(self, out):
        """Make ``out`` (a fresh result) the new contents of ``self``, history included."""
        if out._data.dtype != self._data.dtype:
            if _jd.category(out._data.dtype) > _jd.category(self._data.dtype):
                raise RuntimeError(f"result type {_torch_name(out._data.dtype)} can't be cast to the "
                                   f"desired output type {_torch_name(self._data.dtype)}")
            out = dispatch(F.to_dtype, "ToCopyBackward0", (out,), {"dtype": self._data.dtype})
        if out._data.shape != self._data.shape:
            raise RuntimeError(f"output with shape {list(self._data.shape)} doesn't match the "
                               f"broadcast shape {list(out._data.shape)}")
        recorded = out._grad_fn is not None
        if self._base is not None and self._view_history is not DETACHED and \
                (recorded or self._base._grad_fn is not None):
            self._write_view_recorded(out)
            return self
        self._set_data(out._data)
        if recorded:
            self._grad_fn, self._output_nr, self._requires_grad = out._grad_fn, 0, True
        return self

    def _write_view_recorded(self, out):
        """In-place write through a view that is part of a graph: the base gets a
        ``CopySlices`` node, so gradients flow to both the old base and the new values."""
        base = self._base
        index = _write_index(base._data.shape, self._view)
        new_base = dispatch(_scatter_into, "CopySlices", (base, out, index))
        base._data, base._version = new_base._data, base._version + 1
        if new_base._grad_fn is not None:
            base._grad_fn, base._output_nr, base._requires_grad = new_base._grad_fn, 0, True
        self._data, self._view_version = out._data, base._version
        self._version += 1
        if base._grad_fn is not self._view_history:
            self._follow_base_history()

    # ------------------------------------------------------------------ autograd state
    @property
    def requires_grad(self) -> bool:
        if self._base is not None:
            self._sync()
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        value = builtins.bool(value)
        if self._grad_fn is not None:
            if not value:
                raise RuntimeError("you can only change requires_grad flags of leaf variables. If you "
                                   "want to use a computed variable in a subgraph that doesn't require "
                                   "differentiation use var_no_grad = var.detach().")
            return
        if value and not (self.dtype.is_floating_point or self.dtype.is_complex):
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self._requires_grad = value

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    @property
    def grad_fn(self):
        if self._base is not None:
            self._sync()
        return self._grad_fn

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def grad(self):
        if self._grad_fn is not None and not self._retains_grad:
            warnings.warn(_NONLEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of type "
                                f"{type(value).__name__}")
            if value.dtype is not self.dtype:
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{_c_name(value.dtype)}' to a tensor "
                    f"with grad_dtype '{_torch_name(self.dtype.np)}'. The gradient must match the "
                    "tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's "
                    "grad_dtype attribute with a specific dtype, or None to allow any dtype. Set "
                    "grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may "
                    "break downstream systems that assume they match.")
            if tuple(value.shape) != tuple(self.shape):
                raise RuntimeError(f"attempting to assign a gradient of size '{list(value.shape)}' to "
                                   f"a tensor of size '{list(self.shape)}'. Please ensure that the "
                                   "gradient and the tensor are the same size")
        self._grad = value

    @grad.deleter
    def grad(self):
        self._grad = None

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    def retain_grad(self):
        """Keep ``.grad`` for this non-leaf tensor after backward (a no-op on leaves)."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self._grad_fn is None or self._retains_grad:
            return
        node = self._grad_fn
        if node._retained is None:
            node._retained = {}
        node._retained[self._output_nr] = weakref.ref(self)
        self._retains_grad = True

    def register_hook(self, hook):
        """``hook(grad)`` runs when this tensor's gradient is computed; it may return a new one."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._grad_fn is not None:
            return self._grad_fn._add_pre_hook(self._output_nr, hook)
        if self._hooks is None:
            self._hooks = []
        self._hooks.append(hook)
        from .autograd.graph import RemovableHandle
        return RemovableHandle(self._hooks, hook)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Accumulate the gradient of this tensor into the leaves' ``.grad`` (``Tensor.backward``)."""
        from .autograd import backward
        backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def detach(self):
        """A tensor sharing this one's values but not its history (writes reach both)."""
        return self._alias(requires_grad=False)

    def detach_(self):
        if self._base is not None and self._view is not None:
            raise RuntimeError("Can't detach views in-place. Use detach() instead. If you are using "
                               "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view "
                               "is set as True, gradients are views of DDP buckets, and hence detach_() "
                               "cannot be called on these gradients. To fix this error, please refer to "
                               "the Optimizer.zero_grad() function in torch/optim/optimizer.py as the "
                               "solution.")
        self._grad_fn, self._requires_grad = None, False
        return self

    def _alias(self, requires_grad):
        t = Tensor._make(self._value)
        t._requires_grad = requires_grad
        t._base = self._base if self._base is not None else self
        t._view = self._view if self._base is not None else None
        t._view_version = t._base._version
        t._view_history = DETACHED
        return t

    @property
    def data(self):
        return self._alias(requires_grad=False)

    @data.setter
    def data(self, value):
        if not isinstance(value, Tensor):
            raise TypeError(f"data must be a Tensor, not {type(value).__name__}")
        self._set_data(value._value)

    # ------------------------------------------------------------------ metadata
    @property
    def shape(self):
        from .size import Size
        return Size(self._data.shape)

    def size(self, dim=None):
        from .size import Size
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[F._checks.normalize_dim(dim, self._data.ndim)]

    @property
    def dtype(self):
        return _dt.from_np(self._data.dtype)

    @property
    def device(self):
        return device_of(self._data)

    @property
    def is_cuda(self) -> bool:
        return self.device.type == "cuda"

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    ndimension = dim

    def numel(self) -> int:
        return self._data.size

    nelement = numel

    def element_size(self) -> int:
        return self._data.dtype.itemsize

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    def is_complex(self) -> bool:
        return self.dtype.is_complex

    def is_contiguous(self, memory_format=None) -> bool:
        return True

    @property
    def is_sparse(self):
        return False

    def type(self, dtype=None):
        """Without argument, the legacy type name (``'torch.FloatTensor'``); else a cast."""
        if dtype is None:
            return "torch." + _LEGACY_TYPE_NAMES.get(self._data.dtype.name, "Tensor")
        if isinstance(dtype, str):
            dtype = {"torch." + v: _dt.from_np(k) for k, v in _LEGACY_TYPE_NAMES.items()}[dtype]
        return self.to(dtype)

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __hash__(self):
        return id(self)

    # ------------------------------------------------------------------ conversion
    def item(self):
        """The value of a one-element tensor as a Python number."""
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to "
                               "Scalar")
        return np.asarray(self._value).reshape(()).item()

    def tolist(self):
        return np.asarray(self._value).tolist()

    def numpy(self, *, force=False):
        """The values as a numpy array (a copy: jax arrays are immutable)."""
        if self._requires_grad and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use "
                               "tensor.detach().numpy() instead.")
        return np.array(self._value)

    def __array__(self, dtype=None, copy=None):
        arr = np.asarray(self._value)
        return arr.astype(dtype) if dtype is not None else arr

    def _scalar(self, kind):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return kind(np.asarray(self._value).reshape(()).item())

    def __bool__(self):
        if self._data.size != 1:
            raise RuntimeError(f"Boolean value of Tensor with {'no values' if self._data.size == 0 else 'more than one value'} is ambiguous")
        return self._scalar(builtins.bool)

    def __float__(self):
        return self._scalar(builtins.float)

    def __int__(self):
        return self._scalar(builtins.int)

    def __complex__(self):
        return self._scalar(builtins.complex)

    def __index__(self):
        if self.dtype.is_floating_point or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return self._scalar(builtins.int)

    def to(self, *args, **kwargs):
        """Cast and/or move: ``to(dtype)``, ``to(device)``, ``to(device, dtype)``, ``to(other)``."""
        dtype, dev = kwargs.pop("dtype", None), kwargs.pop("device", None)
        kwargs.pop("non_blocking", None), kwargs.pop("copy", None), kwargs.pop("memory_format", None)
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
                out = dispatch(_to_device, "ToCopyBackward0", (out,), {"target": target})
        if dtype is not None and dtype is not out.dtype:
            out = dispatch(F.to_dtype, "ToCopyBackward0", (out,), {"dtype": dtype.np})
        return out

    def cpu(self):
        return self.to("cpu")

    def cuda(self, device=None, non_blocking=False):
        return self.to(_device("cuda" if device is None else device))

    def float(self):
        return self.to(_dt.float32)

    def double(self):
        return self.to(_dt.float64)

    def half(self):
        return self.to(_dt.float16)

    def bfloat16(self):
        return self.to(_dt.bfloat16)

    def long(self):
        return self.to(_dt.int64)

    def int(self):
        return self.to(_dt.int32)

    def short(self):
        return self.to(_dt.int16)

    def bool(self):
        return self.to(_dt.bool)

    def byte(self):
        return self.to(_dt.uint8)

    def type_as(self, other):
        return self.to(other.dtype)

    # ------------------------------------------------------------------ new_* factories
    def new_tensor(self, data, dtype=None, device=None, requires_grad=False):
        from .creation import tensor
        return tensor(data, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_zeros(self, *size, dtype=None, device=None, requires_grad=False):
        from .creation import zeros
        return zeros(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_ones(self, *size, dtype=None, device=None, requires_grad=False):
        from .creation import ones
        return ones(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_empty(self, *size, dtype=None, device=None, requires_grad=False):
        return self.new_zeros(*size, dtype=dtype, device=device, requires_grad=requires_grad)

    def new_full(self, size, fill_value, dtype=None, device=None, requires_grad=False):
        from .creation import full
        return full(size, fill_value, dtype=dtype or self.dtype, device=device,
                    requires_grad=requires_grad)

    # ------------------------------------------------------------------ printing
    def __repr__(self, *, tensor_contents=None):
        suffixes = []
        if self._grad_fn is not None:
            suffixes.append(f"grad_fn=<{type(self._grad_fn).__name__}>")
        elif self._requires_grad:
            suffixes.append("requires_grad=True")
        dev = self.device
        if dev.type != "cpu":
            suffixes.insert(0, f"device='{dev}'")
        return printing.format_tensor(
            np.asarray(self._value), dtype_name=repr(self.dtype),
            default_dtype=repr(_dt.get_default_dtype()), suffixes=suffixes,
            is_parameter=getattr(self, "_is_parameter", False))

    __str__ = __repr__

    def __format__(self, spec):
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    def __reduce_ex__(self, protocol):
        raise TypeError("compat tensors are saved with compat.save, not pickled")

    def __deepcopy__(self, memo):
        if self._grad_fn is not None:
            raise RuntimeError("Only Tensors created explicitly by the user (graph leaves) support "
                               "the deepcopy protocol at the moment.  If you were attempting to "
                               "deepcopy a module, this may be because of a torch.nn.utils."
                               "weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
        t = type(self)._make(self._value, self._requires_grad)
        t.__dict__.update(self.__dict__)
        if self._grad is not None:
            t._grad = self._grad.__deepcopy__(memo)
        memo[id(self)] = t
        return t


def reset_grad(t, set_to_none: bool = True) -> None:
    """What ``zero_grad`` does to one tensor: drop its ``.grad``, or zero it in place, detached.

    >>> import compat as torch
    >>> p = torch.ones(2, requires_grad=True); (p * 3).sum().backward()
    >>> reset_grad(p, set_to_none=False); p.grad
    tensor([0., 0.])
    """
    g = t._grad
    if g is None:
        return
    if set_to_none:
        t._grad = None
        return
    if g._grad_fn is not None:
        g.detach_()
    else:
        g.requires_grad_(False)
    g.zero_()


def _torch_name(np_dtype) -> str:
    from jaxgrad.functional.reductions import torch_type_name
    return torch_type_name(np_dtype)


def _c_name(d) -> str:
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int",
            "float16": "c10::Half", "bool": "bool"}.get(d.name, d.name)


def _to_device(x, target):
    """``x`` moved to ``target`` (a static argument); the gradient moves back."""
    return place(x, target)


_to_device.linear = True


DETACHED = object()  # the _view_history of aliases without history (detach(), .data)


def _view_index(shape, view):
    """For a view function, the flat base positions of each view element."""
    positions = jnp.arange(int(np.prod(shape)), dtype=jnp.int64).reshape(shape)
    return positions if view is None else view(positions)


def _write_index(shape, view):
    """The base positions a write through ``view`` goes to; torch refuses a write where
    several view elements share one position (an ``expand``-ed view)."""
    index = _view_index(shape, view)
    if np.unique(np.asarray(index)).size != index.size:
        raise RuntimeError("unsupported operation: more than one element of the written-to tensor "
                           "refers to a single memory location. Please clone() the tensor before "
                           "performing the operation.")
    return index


def _gather_flat(base, index):
    return base.reshape(-1)[index]


_gather_flat.linear = True


def _scatter_into(base, values, index):
    return base.reshape(-1).at[index.reshape(-1)].set(values.reshape(-1)).reshape(base.shape)


_scatter_into.linear = True


def _write_view(base, view, values):
    return call(_scatter_into, (base, values, _write_index(base.shape, view)))


_dispatch_module.Tensor = Tensor
_engine.Tensor = Tensor
_engine._cached_zeros, _engine._cached_ones = _cached_zeros, _cached_ones
