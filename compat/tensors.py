"""compat's Tensor: a jax array plus torch's autograd state.

The array is immutable; in-place ops replace it and bump ``_version``. A view (``x[0]``,
``x.view(…)``, ``x.data``, ``x.detach()``) remembers its base and how it was taken from it
(``_base``, ``_view``), so writes through the view reach the base and reads see the base's
later writes, as torch's shared storage does: ``compat.views`` holds that machinery.

This module holds the class and its state only. Its ops (``add``, ``view``, ``sum``, …) are
generated from the op-spec table (``compat.ops``) and installed by ``compat.ops.table``, with
the random fills of ``compat.random``;
the storage methods (``_sync``, ``_set_data``, ``_assign``, ``_check_inplace``) by
``compat.views``, and ``numpy()`` (memory shared with NumPy) by ``compat.host_memory``.
They run ops through ``compat.dispatch``, which stands on this module.

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

from . import dtypes as _dt
from . import grad_mode, printing, strides as layout, tangents
from .graph import RemovableHandle
from .lazy import Pending, resolve
from .devices import device_of
from .size import Size

_NONLEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
    "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
    "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
    "github.com/pytorch/pytorch/pull/30531 for more information. (Triggered internally at "
    "/__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)")


_GRAD_STATE = grad_mode.STATE


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


class Tensor:
    """A multi-dimensional array with autograd, as ``torch.Tensor``."""

    __slots__ = ("_store", "_requires_grad", "_grad", "_grad_fn", "_output_nr", "_version",
                 "_untracked_versions", "_untracked", "_accumulator", "_hooks",
                 "_post_accumulate_hooks", "_base", "_view", "_view_version", "_view_history",
                 "_retains_grad", "_is_inference", "_layout",
                 "__dict__", "__weakref__")
    __module__ = "torch"

    # ------------------------------------------------------------------ construction
    @classmethod
    def _make(cls, data, requires_grad=False, grad_fn=None, output_nr=0):
        t = object.__new__(cls)
        t._store = data
        t._requires_grad = requires_grad
        t._grad = None
        t._grad_fn = grad_fn
        t._output_nr = output_nr
        t._version = 0
        t._untracked_versions = 0  # of _version: writes autograd does not see (``.data``)
        t._untracked = False  # a ``.data`` alias: its writes are untracked
        t._accumulator = None
        t._hooks = None
        t._post_accumulate_hooks = None  # hook(tensor) after .grad is accumulated (leaves)
        t._base = None
        t._view = None
        t._view_version = 0
        t._view_history = None
        t._retains_grad = False
        t._is_inference = _GRAD_STATE.inference  # made inside inference_mode(): torch's rules
        t._layout = None  # contiguous at offset 0; views set (strides, offset): compat.layout
        return t

    def __new__(cls, *args, **kwargs):
        # torch.Tensor(data) / torch.Tensor(*sizes): the legacy constructor, default dtype.
        from .creation import legacy_tensor  # lazy: creation makes Tensors, so it imports this
        return legacy_tensor(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        pass

    # ------------------------------------------------------------------ storage
    # ``_store`` holds the array, or the ``lazy.Pending`` value a recorded op will compute;
    # ``_data`` is always the array (reading it runs the pending program that computes it).
    @property
    def _data(self):
        store = self._store
        if type(store) is Pending:
            store = self._store = resolve(store)
        return store

    @_data.setter
    def _data(self, value):
        self._store = value

    @property
    def _value(self):
        """The current array (a view's, recomputed from its base when stale)."""
        return self._data if self._base is None else resolve(self._sync())

    def _current(self):
        """The current value as stored: an array or a Pending one (never run here)."""
        return self._store if self._base is None else self._sync()

    # ------------------------------------------------------------------ autograd state
    @property
    def requires_grad(self) -> bool:
        if self._base is not None:
            self._sync()
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        value = builtins.bool(value)
        grad_mode.check_inference_requires_grad(self, value)
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

    def is_inference(self) -> bool:
        """Whether this tensor was made inside ``torch.inference_mode()``."""
        return self._is_inference

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
                    f"attempting to assign a gradient with dtype '{_jd.c_type_name(value.dtype.np)}' "
                    f"to a tensor with grad_dtype '{_jd.torch_type_name(self.dtype.np)}'. The gradient must match the "
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

    def _check_hookable(self):
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")

    def register_hook(self, hook):
        """``hook(grad)`` runs when this tensor's gradient is computed; it may return a new one."""
        self._check_hookable()
        if self._grad_fn is not None:
            return self._grad_fn._add_pre_hook(self._output_nr, hook)
        if self._hooks is None:
            self._hooks = []
        self._hooks.append(hook)
        return RemovableHandle(self._hooks, hook)

    def register_post_accumulate_grad_hook(self, hook):
        """``hook(tensor)`` runs after backward has accumulated this leaf's ``.grad`` (an
        optimizer can step there, one parameter at a time); it returns nothing.

        >>> import compat as torch
        >>> w = torch.ones(2, requires_grad=True)
        >>> _ = w.register_post_accumulate_grad_hook(lambda t: print(t.grad))
        >>> (w * 3).sum().backward()
        tensor([3., 3.])
        """
        self._check_hookable()
        if self._grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf "
                               "tensors")
        if self._post_accumulate_hooks is None:
            self._post_accumulate_hooks = []
        self._post_accumulate_hooks.append(hook)
        return RemovableHandle(self._post_accumulate_hooks, hook)

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

    # ------------------------------------------------------------------ metadata
    @property
    def shape(self):
        return Size(self._store.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self._store.shape)
        return self._store.shape[F._checks.normalize_dim(dim, self._store.ndim)]

    @property
    def dtype(self):
        return _dt.from_np(self._store.dtype)

    @property
    def device(self):
        return device_of(self._store)

    @property
    def is_cuda(self) -> bool:
        return self.device.type == "cuda"

    @property
    def ndim(self) -> int:
        return self._store.ndim

    def dim(self) -> int:
        return self._store.ndim

    ndimension = dim

    def numel(self) -> int:
        return self._store.size

    nelement = numel

    def element_size(self) -> int:
        return self._store.dtype.itemsize

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    def is_complex(self) -> bool:
        return self.dtype.is_complex

    def stride(self, dim=None):
        """The step in elements between neighbours along each dim, as torch's layout gives
        (a transposed view's are swapped).

        >>> import compat as torch
        >>> torch.zeros(2, 3).stride(), torch.zeros(2, 3).t().stride(1)
        ((3, 1), 3)
        """
        strides = layout.contiguous_strides(self._store.shape) if self._layout is None \
            else self._layout[0]
        if dim is None:
            return strides
        return strides[F._checks.normalize_dim(dim, max(len(strides), 1))] if strides else 1

    def storage_offset(self) -> int:
        """Where this tensor's first element lies in its storage (``x[1:]`` of a vector: 1)."""
        return 0 if self._layout is None else self._layout[1]

    def is_contiguous(self, memory_format=None) -> bool:
        """Whether the elements lie in row-major order (``memory_format=torch.channels_last``:
        channels innermost)."""
        if memory_format is not None and memory_format.name.startswith("channels_last"):
            return layout.is_channels_last(self._store.shape, self.stride())
        return self._layout is None or layout.is_contiguous(self._store.shape, self._layout[0])

    @property
    def is_sparse(self):
        return False

    def type(self, dtype=None):
        """Without argument, the legacy type name (``'torch.FloatTensor'``); else a cast."""
        if dtype is None:
            return _jd.legacy_type_name(self._store.dtype)
        if isinstance(dtype, str):
            dtype = _dt.from_np(_jd.from_legacy_type_name(dtype))
        return self.to(dtype)

    def __len__(self):
        if self._store.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._store.shape[0]

    def __iter__(self):
        if self._store.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __hash__(self):
        return id(self)

    # ------------------------------------------------------------------ conversion
    def item(self):
        """The value of a one-element tensor as a Python number."""
        if self._store.size != 1:
            raise RuntimeError(f"a Tensor with {self._store.size} elements cannot be converted to "
                               "Scalar")
        return np.asarray(self._value).reshape(()).item()

    def tolist(self):
        return np.asarray(self._value).tolist()

    def __array__(self, dtype=None, copy=None):
        arr = np.asarray(self._value)
        return arr.astype(dtype) if dtype is not None else arr

    def _scalar(self, kind):
        if self._store.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return kind(np.asarray(self._value).reshape(()).item())

    def __bool__(self):
        if self._store.size != 1:
            raise RuntimeError(f"Boolean value of Tensor with {'no values' if self._store.size == 0 else 'more than one value'} is ambiguous")
        return self._scalar(builtins.bool)

    def __float__(self):
        return self._scalar(builtins.float)

    def __int__(self):
        return self._scalar(builtins.int)

    def __complex__(self):
        return self._scalar(builtins.complex)

    def __index__(self):
        if self.dtype.is_floating_point or self._store.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return self._scalar(builtins.int)

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
        level = tangents.active()
        tangent = None if level is None else tangents.tangent_of(self, level)
        if tangent is not None:  # a dual tensor: torch shows a 0-d tangent as its number
            suffixes.append("tangent=" + (str(tangent.item()) if tangent._store.ndim == 0
                                          else repr(tangent)))
        return printing.format_tensor(
            np.asarray(self._value), dtype_name=repr(self.dtype),
            default_dtype=repr(_dt.get_default_dtype()), suffixes=suffixes,
            is_parameter=getattr(self, "_is_parameter", False))

    __str__ = __repr__

    def __format__(self, spec):
        if self._store.ndim == 0:
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
        value = self._value
        if self._base is not None:
            # a view or alias may read memory shared with NumPy: the copy takes its values now
            value = jnp.asarray(np.array(value))
        t = type(self)._make(value, self._requires_grad)
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
