"""Op-table entries for ``torch.*`` functions that are not Tensor methods: joining tensors,
``where``, ``einsum``, broadcasting and dtype queries.

>>> import compat as torch
>>> torch.cat([torch.zeros(1), torch.ones(2)])
tensor([0., 1., 1.])
"""
from __future__ import annotations

from jaxgrad import dtypes as _jd
from jaxgrad import functional as F
from jaxgrad.functional._checks import broadcast_shapes as _broadcast_shapes

from .. import creation
from .. import dtypes as _dt
from ..size import Size
from ..tensors import Tensor
from ..typenames import type_name
from .arithmetic import where as _where_method
from .registry import OpName, check_input, function, op, write_out


def _tensors(seq, argument=0):
    """The Tensors of a tensor-list argument (the ``argument``-th); torch's parser takes
    nothing else in one (a number, a list, an array)."""
    for i, t in enumerate(seq):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument {argument}, but got "
                            f"{type_name(t)}")
    return tuple(seq)


def _non_empty(tensors, name):
    tensors = _tensors(tensors)
    if not tensors:
        raise RuntimeError(f"{name} expects a non-empty TensorList")
    return tensors


_cat = op("cat(tensors, dim=0)", F.cat, "CatBackward0", traced=("tensors",),
          sequences=("tensors",), method=False, function=False)
_stack = op("stack(tensors, dim=0)", F.stack, "StackBackward0", traced=("tensors",),
            sequences=("tensors",), method=False, function=False)


@function("cat", aliases=("concat", "concatenate"))
def cat(tensors, dim=0, *, out=None):
    """Join tensors along an existing dim.

    >>> import compat as torch
    >>> torch.cat([torch.zeros(1, 2), torch.ones(1, 2)]).shape
    torch.Size([2, 2])
    """
    if isinstance(tensors, Tensor):
        raise TypeError("cat(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
    return _with_out(out, "cat", lambda: _cat(list(_tensors(tensors)), dim), tensors)


@function("stack")
def stack(tensors, dim=0, *, out=None):
    """Join same-shaped tensors along a new dim.

    >>> import compat as torch
    >>> torch.stack([torch.zeros(2), torch.ones(2)], dim=1).shape
    torch.Size([2, 2])
    """
    if isinstance(tensors, Tensor):
        raise TypeError("stack(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
    return _with_out(out, "stack", lambda: _stack(list(_tensors(tensors)), dim), tensors)


def _with_out(out, name, compute, tensors):
    if out is None:
        return compute()
    return write_out(out, OpName(name), compute, tuple(tensors))


@function("hstack")
def hstack(tensors):
    """Join along dim 1 (dim 0 for 1-d tensors)."""
    tensors = [t.reshape(1) if t.ndim == 0 else t for t in _non_empty(tensors, "hstack")]
    return cat(tensors, 0 if tensors[0].ndim == 1 else 1)


@function("vstack")
def vstack(tensors):
    """Join along dim 0, 1-d tensors as rows."""
    return cat([t.reshape(1, -1) if t.ndim < 2 else t for t in _non_empty(tensors, "vstack")], 0)


@function("where")
def where(condition, input=None, other=None):
    """``torch.where(condition, input, other)``; ``torch.where(condition)`` gives the indices
    of the non-zero elements.

    >>> import compat as torch
    >>> torch.where(torch.tensor([True, False]), 1., 0.)
    tensor([1., 0.])
    """
    if input is None and other is None:
        return condition.nonzero(as_tuple=True)
    if not isinstance(input, Tensor) and not isinstance(other, Tensor):
        input = creation.as_tensor(input)
    return _where_method(input, condition, other)


_einsum = op("einsum(equation, operands)", F.einsum, "ViewBackward0", traced=("operands",),
             sequences=("operands",), method=False, function=False)


@function("einsum")
def einsum(equation, *operands):
    """Einstein summation; operands as separate arguments or one list.

    >>> import compat as torch
    >>> torch.einsum("i,i->", torch.ones(3), torch.ones(3))
    tensor(3.)
    """
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    return _einsum(equation, list(_tensors(operands, 1)))


@function("broadcast_tensors")
def broadcast_tensors(*tensors):
    """The tensors expanded to their common shape; one already of that shape is returned
    itself, as torch does (no ``ExpandBackward0`` view).

    >>> import compat as torch
    >>> a, b = torch.zeros(2), torch.zeros(1)
    >>> x, y = torch.broadcast_tensors(a, b)
    >>> x is a, y.shape
    (True, torch.Size([2]))
    """
    shape = _broadcast_shapes(*(tuple(t.shape) for t in tensors))
    return tuple(t if tuple(t.shape) == shape else t.expand(shape) for t in tensors)


@function("broadcast_shapes")
def broadcast_shapes(*shapes):
    """The shape the given shapes broadcast to.

    >>> import compat as torch
    >>> torch.broadcast_shapes((2, 1), (3,))
    torch.Size([2, 3])
    """
    return Size(_broadcast_shapes(*(tuple(s) if isinstance(s, (tuple, list)) else (s,)
                                    for s in shapes)))


@function("result_type")
def result_type(tensor1, tensor2):
    """The dtype torch's promotion gives an op on the two operands."""
    raw = [t._data if isinstance(t, Tensor) else t for t in (tensor1, tensor2)]
    return _dt.from_np(_jd.result_type(*raw))


@function("promote_types")
def promote_types(type1, type2):
    """The smallest dtype both dtypes promote to."""
    return _dt.from_np(_jd.promote_types(type1.np, type2.np))


@function("can_cast")
def can_cast(from_, to):
    """Whether torch's casting rules allow ``from_`` → ``to`` (no lower category)."""
    return _jd.category(from_.np) <= _jd.category(to.np)


@function("is_tensor")
def is_tensor(obj) -> bool:
    """Whether ``obj`` is a Tensor."""
    return isinstance(obj, Tensor)


def _query(name):
    def query(input):
        check_input(input, name)
        return getattr(input, name)()
    query.__name__ = query.__qualname__ = name
    query.__doc__ = f"``Tensor.{name}()``."
    return query


for _name in ("numel", "is_floating_point", "is_complex"):
    function(_name)(_query(_name))
