"""``torch.autograd.forward_ad``: forward-mode AD with dual tensors.

Inside ``dual_level()``, ``make_dual(x, t)`` gives a view of ``x`` that carries the tangent
``t``; every op of the table gives its outputs the tangent J·t (:mod:`compat.tangents`), and
``unpack_dual`` reads it back. One level at a time, as in torch.

>>> import compat as torch
>>> import compat.autograd.forward_ad as fwAD
>>> with fwAD.dual_level():
...     x = fwAD.make_dual(torch.tensor([0., 1.]), torch.tensor([1., 1.]))
...     fwAD.unpack_dual(x.sin()).tangent
tensor([1.0000, 0.5403])
"""
from __future__ import annotations

from collections import namedtuple

from .. import tangents as _tangents
from .. import views
from ..dispatch import argument_type_error
from ..grad_mode import _DecoratorContextManager
from ..ops.shape import view_as
from ..tensors import Tensor

__all__ = ["UnpackedDualTensor", "enter_dual_level", "exit_dual_level", "make_dual",
           "unpack_dual", "dual_level"]

_CURRENT = [-1]  # torch's ``_current_level``: the index of the open level, -1 when none


def enter_dual_level():
    """Open a forward-AD level and return its index (``dual_level()`` does this for you).

    >>> import compat.autograd.forward_ad as fwAD
    >>> fwAD.enter_dual_level()
    0
    >>> fwAD.exit_dual_level()
    """
    if _tangents.STATE.level is not None:
        raise RuntimeError("Nested forward mode AD is not supported at the moment")
    index = _CURRENT[0] + 1
    _tangents.STATE.level = _tangents.Level(index)
    _CURRENT[0] = index
    return index


def exit_dual_level(*, level=None):
    """Close the open level: every tangent made at it is dropped.

    >>> import compat.autograd.forward_ad as fwAD
    >>> fwAD.exit_dual_level()
    Traceback (most recent call last):
    RuntimeError: Dual level must be a positive number.
    """
    if level is None:
        level = _CURRENT[0]
    if level != _CURRENT[0]:
        raise RuntimeError("Trying to exit a forward AD level that was not the last one that was "
                           "created. This is not supported.")
    if level < 0:
        raise RuntimeError("Dual level must be a positive number.")
    _tangents.STATE.level = None
    _CURRENT[0] = level - 1


def _open_level(level, where):
    """The open Level that ``level`` (None: the current one) names; torch's error otherwise."""
    opened = _tangents.STATE.level
    if opened is None or level != opened.index:
        raise RuntimeError(f"Invalid level given to {where}")
    return opened


def _as_stored(tensor, tangent):
    """The tangent as torch stores it: the tensor given, unless its layout is not the
    primal's (then a copy with the primal's layout)."""
    if tuple(tangent.shape) != tuple(tensor.shape):
        raise _tangents.tangent_size_mismatch(tensor.shape, tangent.shape)
    if tangent.stride() == tensor.stride() and tangent.storage_offset() == \
            tensor.storage_offset():
        return tangent
    return views.lay_out(tangent.clone(), tensor)  # the primal's layout


def make_dual(tensor, tangent, *, level=None):
    """A dual tensor: a view of ``tensor`` whose tangent (forward gradient) is ``tangent``.

    >>> import compat as torch
    >>> import compat.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     dual = fwAD.make_dual(torch.ones(2), torch.tensor([1., 2.]))
    ...     fwAD.unpack_dual(dual * 3).tangent
    tensor([3., 6.])
    """
    if level is None:
        level = _CURRENT[0]
    if level < 0:
        raise RuntimeError("Trying to create a dual Tensor for forward AD but no level exists, "
                           "make sure to enter_dual_level() first.")
    if not (tensor.is_floating_point() or tensor.is_complex()):
        raise ValueError(f"Expected primal to be floating point or complex, but got: "
                         f"{tensor.dtype}")
    if not (tangent.is_floating_point() or tangent.is_complex()):
        raise ValueError(f"Expected tangent to be floating point or complex, but got: "
                         f"{tangent.dtype}")
    opened = _open_level(level, "_make_dual")
    if _tangents.tangent_of(tensor, opened) is not None:
        raise RuntimeError("Making a dual Tensor based on a Tensor that already has a forward "
                           f"gradient at the same level {level} is not supported.")
    stored = _as_stored(tensor, tangent)
    dual = view_as(tensor, tensor)  # torch's dual is ``primal.view(primal.sizes())``
    _tangents.set_tangent(dual, stored, opened)
    return dual


_UnpackedDualTensor = namedtuple("_UnpackedDualTensor", ["primal", "tangent"])


class UnpackedDualTensor(_UnpackedDualTensor):
    """What :func:`unpack_dual` returns: ``(primal, tangent)``, the tangent None where the
    tensor has none at the level."""

    __slots__ = ()


def unpack_dual(tensor, *, level=None):
    """``(primal, tangent)`` of a dual tensor: the primal a view without the tangent, the
    tangent None outside a level or where the tensor has none.

    >>> import compat as torch
    >>> import compat.autograd.forward_ad as fwAD
    >>> fwAD.unpack_dual(torch.ones(1))
    UnpackedDualTensor(primal=tensor([1.]), tangent=None)
    """
    if level is None:
        level = _CURRENT[0]
    if level < 0:
        return UnpackedDualTensor(tensor, None)
    if not isinstance(tensor, Tensor):
        raise argument_type_error("_unpack_dual", "dual", 1, tensor)
    opened = _open_level(level, "_unpack_dual")
    # a custom Function's forward sees no tangents (torch runs it with forward AD off)
    tangent = None if _tangents.active() is None else _tangents.tangent_of(tensor, opened)
    if tangent is None:
        return UnpackedDualTensor(tensor, None)
    with _tangents.suspended():  # the primal is a view without the tangent
        primal = view_as(tensor, tensor)
    return UnpackedDualTensor(primal, tangent)


class dual_level(_DecoratorContextManager):
    """A context manager (or decorator) for one forward-AD level: its tangents are dropped on
    exit.

    >>> import compat as torch
    >>> import compat.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     dual = fwAD.make_dual(torch.ones(1), torch.ones(1))
    >>> fwAD.unpack_dual(dual).tangent is None
    True
    """

    def __enter__(self):
        return enter_dual_level()

    def __exit__(self, exc_type, exc_value, traceback):
        exit_dual_level()
