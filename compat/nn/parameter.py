"""``torch.nn.Parameter`` and ``torch.nn.Buffer``.

A Parameter is a leaf Tensor that requires grad by default and that a Module registers as a
parameter when assigned to one of its attributes.

>>> import compat as torch
>>> torch.nn.Parameter(torch.ones(2))
Parameter containing:
tensor([1., 1.], requires_grad=True)
"""
from __future__ import annotations

from .. import views
from ..creation import check_can_require_grad, empty
from ..tensors import Tensor


class Parameter(Tensor):
    """A Tensor that is a module parameter (``torch.nn.Parameter``).

    ``Parameter(data)`` shares ``data``'s storage, as torch's does (writes through either
    are seen by the other); ``requires_grad`` defaults to True.
    """

    __module__ = "torch.nn.parameter"
    _is_parameter = True

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = empty(0)
        if not isinstance(data, Tensor):
            # torch's path for tensor-like objects starts with ``data.detach()``: anything
            # without it fails there.
            detached = data.detach()
            raise TypeError(f"Creating a Parameter from an instance of type {type(data).__name__} "
                            "requires that detach() returns an instance of the same type, but "
                            f"return type {type(detached).__name__} was found instead. To use the "
                            "type as a Parameter, please correct the detach() semantics defined by "
                            "its __torch_dispatch__() implementation.")
        if requires_grad:
            check_can_require_grad(data.dtype)
        p = views.share_storage(cls._make(data._current()), data)
        if requires_grad:
            p.requires_grad = True
        return p

    def __init__(self, data=None, requires_grad=True):
        pass

    def __repr__(self, *, tensor_contents=None):
        return super().__repr__()

    __str__ = __repr__


class Buffer(Tensor):
    """``torch.nn.Buffer``: assigning one to a Module attribute registers it as a buffer.

    It is a marker only: the Module stores a plain Tensor with the same values.
    """

    __module__ = "torch.nn.parameter"

    def __new__(cls, data=None, *, persistent=True):
        if data is None:
            data = empty(0)
        data = data.detach()
        b = cls._make(data._value)
        b.persistent = persistent
        return b

    def __init__(self, data=None, *, persistent=True):
        pass


_UNINITIALIZED_SHAPE = ("Can't access the shape of an uninitialized parameter or buffer. This "
                        "error usually happens in `load_state_dict` when trying to load an "
                        "uninitialized parameter into an initialized one. Call `forward` to "
                        "initialize the parameters before accessing their attributes.")


class UninitializedTensorMixin:
    """What uninitialized parameters and buffers share: no shape until ``materialize``."""

    __slots__ = ()
    cls_to_become = Tensor

    @classmethod
    def _empty(cls, requires_grad, device, dtype):
        """A fresh instance holding no elements yet."""
        t = cls._make(empty(0, device=device, dtype=dtype)._current())
        t._requires_grad = bool(requires_grad)
        return t

    def materialize(self, shape, device=None, dtype=None) -> None:
        """Give the tensor ``shape`` (empty values) and make it a plain Parameter (Tensor).

        >>> import compat as torch
        >>> p = torch.nn.UninitializedParameter()
        >>> p.materialize((2, 3)); type(p).__name__, tuple(p.size())
        ('Parameter', (2, 3))
        """
        if device is None:
            device = self.data.device
        if dtype is None:
            dtype = self.data.dtype
        self.data = empty(shape, device=device, dtype=dtype)
        self.__class__ = self.cls_to_become

    @property
    def shape(self):
        raise RuntimeError(_UNINITIALIZED_SHAPE)

    def share_memory_(self):
        raise RuntimeError("Can't share memory on an uninitialized parameter or buffer. Call "
                           "`forward` to initialize the parameters before calling "
                           "`module.share_memory()`.")

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}>"

    __str__ = __repr__

    def __reduce_ex__(self, proto):
        return (self.__class__, (self.requires_grad,))


class UninitializedParameter(UninitializedTensorMixin, Parameter):
    """A Parameter whose shape is not known yet (``torch.nn.UninitializedParameter``); a lazy
    module materializes it on its first call.

    >>> import compat as torch
    >>> torch.nn.UninitializedParameter()
    <UninitializedParameter>
    """

    __module__ = "torch.nn.parameter"
    __slots__ = ()
    cls_to_become = Parameter

    def __new__(cls, requires_grad=True, device=None, dtype=None):
        return cls._empty(requires_grad, device, dtype)

    def __init__(self, requires_grad=True, device=None, dtype=None):
        pass

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        result = type(self)(self.requires_grad, self.data.device, self.data.dtype)
        memo[id(self)] = result
        return result


class UninitializedBuffer(UninitializedTensorMixin, Tensor):
    """A buffer whose shape is not known yet (``torch.nn.UninitializedBuffer``).

    >>> import compat as torch
    >>> torch.nn.UninitializedBuffer()
    <UninitializedBuffer>
    """

    __module__ = "torch.nn.parameter"
    __slots__ = ()
    cls_to_become = Tensor
    _is_buffer = True

    def __new__(cls, requires_grad=False, device=None, dtype=None, persistent=True):
        b = cls._empty(requires_grad, device, dtype)
        b.persistent = persistent
        return b

    def __init__(self, requires_grad=False, device=None, dtype=None, persistent=True):
        pass


def is_lazy(param) -> bool:
    """Whether ``param`` is an ``UninitializedParameter`` or ``UninitializedBuffer``.

    >>> import compat as torch
    >>> from compat.nn.parameter import is_lazy
    >>> is_lazy(torch.nn.UninitializedParameter()), is_lazy(torch.ones(1))
    (True, False)
    """
    return isinstance(param, UninitializedTensorMixin)
