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


def is_lazy(param) -> bool:
    return False
