"""The whole op table, installed: imports every family of entries and puts the generated
methods, properties and operators on Tensor.

>>> import compat as torch
>>> from compat.ops.registry import METHODS
>>> METHODS["exp"] is torch.Tensor.exp
True
"""
from __future__ import annotations

from ..tensors import Tensor
from . import arithmetic, conversion, functions, indexing, nn, reductions, selection, shape  # noqa: F401
from .registry import FUNCTIONS, METHODS, NN_FUNCTIONS, PROPERTIES


def install(cls) -> None:
    """Put the table's methods, properties and operators on ``cls``."""
    for name, fn in METHODS.items():
        setattr(cls, name, fn)
    for name, getter in PROPERTIES.items():
        setattr(cls, name, getter if isinstance(getter, property) else property(getter))
    for name, fn in arithmetic.OPERATORS.items():
        setattr(cls, name, fn)
    # Tensor defines __eq__, so Python would drop its inherited __hash__: tensors hash by id.
    cls.__hash__ = Tensor.__hash__


install(Tensor)

__all__ = ["FUNCTIONS", "METHODS", "NN_FUNCTIONS", "install"]
