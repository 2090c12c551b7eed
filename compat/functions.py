"""Module-level ops (``torch.exp(x)``, ``torch.cat([...])``, …).

Unary and reduction functions are the Tensor methods themselves; the rest dispatch directly.

>>> import compat as torch
>>> torch.cat([torch.zeros(1), torch.ones(2)])
tensor([0., 1., 1.])
"""
from __future__ import annotations

from jaxgrad import functional as F

from .creation import as_tensor
from .dispatch import dispatch
from .tensors import Tensor
from .tensor_math import ALIASES, BINARY, UNARY

_METHODS = (list(UNARY) + list(BINARY) + list(ALIASES) + [
    "add", "sub", "subtract", "div", "divide", "true_divide", "pow", "clamp", "clip", "lerp", "round",
    "masked_fill", "isnan", "isinf", "isfinite", "isclose", "allclose", "equal", "softmax",
    "log_softmax", "sum", "mean", "prod", "std", "var", "max", "min", "amax", "amin", "argmax",
    "argmin", "norm", "logsumexp", "all", "any", "count_nonzero", "cumsum", "cumprod", "matmul",
    "mm", "bmm", "dot", "mv", "outer", "ger", "reshape", "t", "transpose", "swapaxes", "permute",
    "unsqueeze", "squeeze", "flatten", "unflatten", "movedim", "narrow", "select", "diagonal",
    "split", "chunk", "unbind", "clone", "flip", "roll", "tril", "triu", "numel", "detach",
    "broadcast_to",
    "is_floating_point", "is_complex", "index_put", "bernoulli", "multinomial",
    "gather", "scatter", "scatter_add", "index_select", "take", "masked_select", "nonzero",
    "argwhere", "sort", "argsort", "topk", "kthvalue", "median", "cummax", "cummin",
])


def _function(name):
    method = getattr(Tensor, name)

    def function(input, *args, **kwargs):
        kwargs.pop("out", None)
        if not isinstance(input, Tensor):
            input = as_tensor(input)
        return method(input, *args, **kwargs)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"``torch.{name}(input, …)``: the same as ``Tensor.{name}``."
    return function


FUNCTIONS = {name: _function(name) for name in _METHODS}


def _tensors(seq):
    return tuple(t if isinstance(t, Tensor) else as_tensor(t) for t in seq)


def _varargs(fn):
    """The op over a list of tensors, called with the tensors as separate arguments."""
    def op(*tensors, **kwargs):
        return fn(list(tensors), **kwargs)
    op.linear = getattr(fn, "linear", False)
    op.__name__ = fn.__name__
    return op


_cat_op, _stack_op = _varargs(F.cat), _varargs(F.stack)


def cat(tensors, dim=0, *, out=None):
    """``torch.cat``: join tensors along an existing dim."""
    if isinstance(tensors, Tensor):
        raise TypeError("cat(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
    if not len(tensors):
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    return dispatch(_cat_op, "CatBackward0", _tensors(tensors), {"dim": dim})


concat = concatenate = cat


def stack(tensors, dim=0, *, out=None):
    """``torch.stack``: join same-shaped tensors along a new dim."""
    if isinstance(tensors, Tensor):
        raise TypeError("stack(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
    return dispatch(_stack_op, "StackBackward0", _tensors(tensors), {"dim": dim})


def hstack(tensors):
    tensors = _tensors(tensors)
    return cat(tensors, 0 if tensors[0].ndim == 1 else 1)


def vstack(tensors):
    return cat([t.reshape(1, -1) if t.ndim < 2 else t for t in _tensors(tensors)], 0)


def where(condition, input=None, other=None):
    """``torch.where(condition, input, other)``; ``torch.where(condition)`` gives nonzero indices."""
    if input is None and other is None:
        return condition.nonzero(as_tuple=True)
    if not isinstance(input, Tensor) and not isinstance(other, Tensor):
        input = as_tensor(input)
    return dispatch(F.where, "WhereBackward0", (condition, input, other))


def einsum(equation, *operands):
    """``torch.einsum``: operands as separate arguments or one list."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    return dispatch(_einsum, "ViewBackward0", _tensors(operands), {"equation": equation})


def _einsum(*operands, equation):
    """F.einsum with the operands first, so the equation is a static (compiled-in) argument."""
    return F.einsum(equation, *operands)


def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    return dispatch(F.addmm, "AddmmBackward0", (input, mat1, mat2), {"beta": beta, "alpha": alpha})


def rsub(input, other, alpha=1):
    return dispatch(F.rsub, "RsubBackward1" if not isinstance(other, Tensor) else "RsubBackward0",
                    (input, other), {} if alpha == 1 else {"alpha": alpha})


def broadcast_tensors(*tensors):
    from jaxgrad.functional._checks import broadcast_shapes
    shape = broadcast_shapes(*(tuple(t.shape) for t in tensors))
    return tuple(t.expand(shape) for t in tensors)


def broadcast_shapes(*shapes):
    from jaxgrad.functional._checks import broadcast_shapes as shapes_of
    from .size import Size
    return Size(shapes_of(*(tuple(s) if isinstance(s, (tuple, list)) else (s,) for s in shapes)))


def result_type(tensor1, tensor2):
    from jaxgrad import dtypes
    from . import dtypes as _dt
    raw = [t._data if isinstance(t, Tensor) else t for t in (tensor1, tensor2)]
    return _dt.from_np(dtypes.result_type(*raw))


def promote_types(type1, type2):
    from jaxgrad import dtypes
    from . import dtypes as _dt
    return _dt.from_np(dtypes.promote_types(type1.np, type2.np))


def can_cast(from_, to):
    from jaxgrad import dtypes
    return dtypes.category(from_.np) <= dtypes.category(to.np)


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def numel(input) -> int:
    return input.numel()
