"""The op-spec table: every torch overload compat offers, described once.

Each family module (``arithmetic``, ``reductions``, ``shape``, …) declares its ops with
:func:`compat.ops.registry.op` — the jaxgrad function, the torch signature, which parameters
are traced, the grad_fn name or naming rule, and the in-place/view/function flags — and the
registry generates the Tensor methods, their ``_`` variants, the ``torch.*`` functions (with
``out=``) and ``nn.functional`` wrappers from those entries. ``compat.ops.table`` imports every
family and installs the result on Tensor. This package's own ``__init__`` imports nothing, so
the low-level ``storage`` entries can serve ``compat.views`` without an import cycle.

>>> import compat as torch
>>> from compat.ops.registry import SPECS
>>> SPECS["exp"].grad_fn, torch.exp(torch.zeros(1))
('ExpBackward0', tensor([1.]))
"""
