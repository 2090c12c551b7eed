"""The whole op table, installed: imports every family of entries and puts the generated
methods, properties and operators on Tensor.

>>> import compat as torch
>>> from compat.ops.registry import METHODS
>>> METHODS["exp"] is torch.Tensor.exp
True
"""
from __future__ import annotations

import textwrap

from ..random import RandomMethods
from ..tensors import Tensor
from . import (arithmetic, arrangements, attention, combining, conversion, counting, functions,  # noqa: F401
               indexing, linalg, nn, expansion, normalization, pointwise_math, pooling,
               quantiles, recurrent, reductions, resampling, scatters, selection, shape,
               torch_nn_forms)
from . import inplace_functions  # noqa: F401,E402 (after every method is registered)
from .examples import (FUNCTION_EXAMPLES, KNOWN_DIFFERENCES, LINALG_EXAMPLES, METHOD_EXAMPLES,
                       NN_EXAMPLES, doctest_text)
from .registry import FUNCTIONS, LINALG_FUNCTIONS, METHODS, NN_FUNCTIONS, PROPERTIES

# (table, its examples, how examples.py names its entries)
_TABLES = ((METHODS, METHOD_EXAMPLES, "Tensor."), (FUNCTIONS, FUNCTION_EXAMPLES, "torch."),
           (NN_FUNCTIONS, NN_EXAMPLES, "torch.nn.functional."),
           (LINALG_FUNCTIONS, LINALG_EXAMPLES, "torch.linalg."))


def install(cls) -> None:
    """Put the table's methods, properties and operators on ``cls``."""
    for name, fn in METHODS.items():
        setattr(cls, name, fn)
    for name, getter in PROPERTIES.items():
        setattr(cls, name, getter if isinstance(getter, property) else property(getter))
    for name, fn in arithmetic.OPERATORS.items():
        setattr(cls, name, fn)
    for name, fn in vars(RandomMethods).items():  # uniform_, normal_, … (torch's generator)
        if callable(fn) and not name.startswith("__"):
            setattr(cls, name, fn)
    # Tensor defines __eq__, so Python would drop its inherited __hash__: tensors hash by id.
    cls.__hash__ = Tensor.__hash__


def attach_examples() -> None:
    """Append each entry's example session (torch's output, from ``examples.py``) to its
    docstring, unless the docstring already shows one; aliases share their entry's."""
    done = set()
    for table, examples, prefix in _TABLES:
        for name, fn in table.items():
            doc = fn.__doc__ or ""
            if id(fn) in done or name not in examples or ">>>" in doc \
                    or prefix + name in KNOWN_DIFFERENCES:
                continue
            session = textwrap.indent(doctest_text(examples[name]), "    ")
            fn.__doc__ = f"{doc.rstrip()}\n\n{session}\n"
            done.add(id(fn))


attach_examples()
install(Tensor)

__all__ = ["FUNCTIONS", "LINALG_FUNCTIONS", "METHODS", "NN_FUNCTIONS", "attach_examples",
           "install"]
