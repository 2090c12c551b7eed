"""torch's memory layout as metadata: strides and storage offsets, computed, never stored.

jax arrays have no strides, but torch programs read them (``stride()``, ``is_contiguous()``)
and torch's rules decide what they may do (``view`` of a transposed tensor raises; its
``reshape`` copies). Each tensor carries ``_layout``: ``None`` for a contiguous tensor at
offset 0 (almost every tensor, so the common path costs nothing), else ``(strides, offset)``
in elements. A view op derives its result's layout from its source's by the rule registered
here under the op's name, as torch's view kernels compute theirs; pointwise ops keep the
order of their input's dims, as torch's TensorIterator does.

>>> view_strides((3, 4), (1, 3), (12,)) is None   # a transposed 4x3 cannot be flattened
True
>>> view_strides((4, 6), (6, 1), (2, 12))
(12, 1)
"""
from __future__ import annotations

from jaxgrad.functional._checks import normalize_dim


def contiguous_strides(shape):
    """Row-major strides of ``shape`` (a size-0 dim counts as 1, as torch's do)."""
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= max(size, 1)
    return tuple(reversed(strides))


def is_contiguous(shape, strides) -> bool:
    """torch's definition: row-major, ignoring dims of size 1; empty tensors are contiguous."""
    if 0 in shape:
        return True
    expected = 1
    for size, stride in zip(reversed(shape), reversed(strides)):
        if size != 1:
            if stride != expected:
                return False
            expected *= size
    return True


def is_channels_last(shape, strides) -> bool:
    """``is_contiguous(memory_format=torch.channels_last)`` (4-D) or ``channels_last_3d``
    (5-D): dims in the order C, W, H, N (C, W, H, D, N) are row-major."""
    if len(shape) == 4:
        order = (1, 3, 2, 0)
    elif len(shape) == 5:
        order = (1, 4, 3, 2, 0)
    else:
        return False
    expected = 1
    for d in order:
        if shape[d] != 1:
            if strides[d] != expected:
                return False
            expected *= shape[d]
    return True


def view_strides(shape, strides, new_shape):
    """The strides ``new_shape`` has as a view of a tensor of ``shape`` and ``strides``, or
    None where no view can have it (torch's computeStride: dims may merge only where the
    memory they span is one contiguous chunk)."""
    if 0 in shape or not shape:
        return contiguous_strides(new_shape)
    new_strides = [0] * len(new_shape)
    view_d = len(new_shape) - 1
    chunk_base = strides[-1]
    tensor_numel = view_numel = 1
    for d in range(len(shape) - 1, -1, -1):
        tensor_numel *= shape[d]
        if d == 0 or (shape[d - 1] != 1 and strides[d - 1] != tensor_numel * chunk_base):
            while view_d >= 0 and (view_numel < tensor_numel or new_shape[view_d] == 1):
                new_strides[view_d] = view_numel * chunk_base
                view_numel *= new_shape[view_d]
                view_d -= 1
            if view_numel != tensor_numel:
                return None
            if d > 0:
                chunk_base = strides[d - 1]
                tensor_numel = view_numel = 1
    if view_d != -1:
        return None
    return tuple(new_strides)


def non_overlapping_and_dense(shape, strides) -> bool:
    """torch's ``is_non_overlapping_and_dense``: sorted by stride (dims of size < 2 last,
    where they no longer matter), each stride is the product of the sizes before it; an
    empty tensor is dense."""
    if 0 in shape:
        return True
    order = sorted(range(len(shape)), key=lambda d: (shape[d] < 2, strides[d] if shape[d] >= 2
                                                     else 0))
    expected = 1
    for d in order:
        if shape[d] < 2:
            return True
        if strides[d] != expected:
            return False
        expected *= shape[d]
    return True


def channels_last_strides(shape):
    """The strides of a fresh ``channels_last`` (4-D) or ``channels_last_3d`` (5-D) tensor."""
    order = (1, 3, 2, 0) if len(shape) == 4 else (1, 4, 3, 2, 0)
    out, step = [0] * len(shape), 1
    for d in order:
        out[d] = step
        step *= shape[d]
    return tuple(out)


def _broadcast(operand_shape, operand_strides, shape):
    """An operand's strides over the broadcast ``shape``: 0 along the dims it is broadcast in."""
    lead = len(shape) - len(operand_shape)
    return (0,) * lead + tuple(0 if n == 1 and m != 1 else s for n, s, m in
                               zip(operand_shape, operand_strides, shape[lead:]))


def _memory_order(shape, operand_strides):
    """TensorIterator's dim order (innermost first) for operands with these broadcast strides:
    an insertion sort whose comparison asks the operands in turn, skipping any broadcast in
    either dim, and breaks a tie of equal strides by putting the smaller dim inside."""
    def should_swap(a, b):  # 1: a lies outside b, -1: inside, 0: no operand says
        for strides in operand_strides:
            sa, sb = strides[a], strides[b]
            if sa == 0 or sb == 0:
                continue
            if sa != sb:
                return 1 if sa > sb else -1
            if shape[a] > shape[b]:
                return 1
        return 0

    perm = list(range(len(shape) - 1, -1, -1))
    for i in range(1, len(shape)):
        moving = i
        for j in range(i - 1, -1, -1):
            order = should_swap(perm[j], perm[moving])
            if order > 0:
                perm[j], perm[moving] = perm[moving], perm[j]
                moving = j
            elif order < 0:
                break
    return perm


def _dense_in_order(shape, perm, skip_unit=False):
    """Dense strides with the dims lying in memory in ``perm``'s order (innermost first);
    ``skip_unit``: sizes below 2 do not step (``empty_like``'s rule, not TensorIterator's)."""
    out, step = [0] * len(shape), 1
    for d in perm:
        out[d] = step
        if not skip_unit or shape[d] > 1:
            step *= shape[d]
    return tuple(out)


def pointwise_strides(operands, shape, scalars=False):
    """The strides torch's TensorIterator gives the result of an elementwise op on
    ``operands`` (their ``(shape, strides)``) with broadcast ``shape``; ``scalars``: a 0-d
    operand or a Python number takes part (it only turns off the same-shape fast path).
    Inputs with one layout keep it; mixed or broadcast ones follow the first operand whose
    strides order two dims.

    >>> pointwise_strides([((3, 2), (1, 3))], (3, 2))          # a transposed matrix
    (1, 3)
    >>> pointwise_strides([((3, 2), (1, 3)), ((3, 2), (2, 1))], (3, 2))
    (1, 3)
    """
    if not shape:
        return ()
    if not scalars and all(s == shape for s, _ in operands):
        if all(is_contiguous(shape, s) for _, s in operands):
            return contiguous_strides(shape)
        if len(shape) in (4, 5) and all(is_channels_last(shape, s) for _, s in operands):
            return channels_last_strides(shape)
        first = operands[0][1]
        if all(non_overlapping_and_dense(shape, s) for _, s in operands) and \
                all(s == first for _, s in operands):
            return tuple(first)
    perm = _memory_order(shape, [_broadcast(s, st, shape) for s, st in operands])
    return _dense_in_order(shape, perm)


def preserved_strides(shape, strides):
    """``memory_format=torch.preserve_format`` (``clone``, ``*_like``, ``to``): a
    non-overlapping dense layout is kept exactly, any other becomes dense in its order."""
    if non_overlapping_and_dense(shape, strides):
        return tuple(strides)
    return _dense_in_order(shape, _memory_order(shape, [strides]), skip_unit=True)


def outer_first(strides):
    """The dims in the order memory holds them, outermost first: a dense tensor's elements
    in memory are ``array.transpose(outer_first(strides))`` read row-major."""
    return sorted(range(len(strides)), key=lambda d: -strides[d])


def layout_of(shape, strides):
    """A fresh tensor's ``_layout`` for ``strides``: None where they are row-major."""
    strides = tuple(strides)
    return None if strides == contiguous_strides(shape) else (strides, 0)


_RANKS = {"channels_last": 4, "channels_last_3d": 5}


def copy_layout(memory_format, shape, strides):
    """The ``_layout`` of a copy of a tensor (``shape``, ``strides``) made in
    ``memory_format`` (its name, None for preserve_format; ``clone``, ``to``, ``*_like``,
    ``contiguous``)."""
    if memory_format is None or memory_format == "preserve_format":
        return layout_of(shape, preserved_strides(shape, strides))
    rank = _RANKS.get(memory_format)
    if rank is None:
        return None
    if len(shape) != rank:
        raise RuntimeError(f"required rank {rank} tensor to use {memory_format} format")
    return layout_of(shape, channels_last_strides(shape))


def suggests_channels_last(shape, strides) -> bool:
    """torch's ``suggest_memory_format() == channels_last`` (or ``_3d``): strides grow in the
    order C, W, H(, D), N; ambiguous layouts (a trivial C) count as contiguous."""
    if len(shape) not in (4, 5) or strides[1] == 0:
        return False
    smallest = 0
    for d in ((1, 3, 2, 0) if len(shape) == 4 else (1, 4, 3, 2, 0)):
        if shape[d] == 0 or strides[d] < smallest:
            return False
        if d == 0 and smallest == strides[1]:
            return False
        smallest = strides[d] * shape[d] if shape[d] > 1 else strides[d]
    return True


# --------------------------------------------------------------------------- view rules
# rule(shape, strides, offset, out_shape, *arguments) -> (strides, offset), or a list of them
# for ops with several results. ``arguments`` are the op's own after ``self``.
RULES: dict = {}


def rule(*names):
    def register(fn):
        for name in names:
            RULES[name] = fn
        return fn
    return register


@rule("view", "reshape", "flatten", "unflatten", "index.basic.reshape")
def _reshaped(shape, strides, offset, out_shape, *_):
    return view_strides(shape, strides, out_shape), offset


@rule("t", "t_")
def _t(shape, strides, offset, out_shape):
    return (strides[::-1] if len(strides) == 2 else strides), offset


@rule("transpose", "transpose_")
def _transpose(shape, strides, offset, out_shape, dim0, dim1):
    s = list(strides)
    if s:
        a, b = normalize_dim(dim0, len(s)), normalize_dim(dim1, len(s))
        s[a], s[b] = s[b], s[a]
    return tuple(s), offset


@rule("permute")
def _permute(shape, strides, offset, out_shape, dims):
    return tuple(strides[normalize_dim(d, len(strides))] for d in dims) if strides else (), offset


@rule("movedim")
def _movedim(shape, strides, offset, out_shape, source, destination):
    n = len(strides)
    if not n:
        return (), offset
    listed = (lambda d: [normalize_dim(i, n) for i in (d if isinstance(d, (tuple, list)) else (d,))])
    order = [-1] * n  # order[i]: the source dim that lands at i
    for s, d in zip(listed(source), listed(destination)):
        order[d] = s
    rest = iter(d for d in range(n) if d not in listed(source))
    order = [next(rest) if o == -1 else o for o in order]
    return tuple(strides[d] for d in order), offset


def _unsqueezed(shape, strides, dim):
    stride = 1 if dim >= len(shape) else shape[dim] * strides[dim]
    return shape[:dim] + (1,) + shape[dim:], strides[:dim] + (stride,) + strides[dim:]


@rule("unsqueeze", "unsqueeze_")
def _unsqueeze(shape, strides, offset, out_shape, dim):
    return _unsqueezed(tuple(shape), tuple(strides), normalize_dim(dim, len(shape) + 1))[1], offset


@rule("squeeze", "squeeze_")
def _squeeze(shape, strides, offset, out_shape, dim=None):
    if dim is None:
        dims = set(range(len(shape)))
    else:
        dims = {normalize_dim(d, max(len(shape), 1))
                for d in (dim if isinstance(dim, (tuple, list)) else (dim,))}
    return tuple(s for d, (n, s) in enumerate(zip(shape, strides))
                 if not (d in dims and n == 1)), offset


@rule("expand")
def _expand(shape, strides, offset, out_shape, *_):
    lead = len(out_shape) - len(shape)
    out = [0] * lead
    for n, s, m in zip(shape, strides, out_shape[lead:]):
        out.append(0 if n == 1 and m != 1 else s)
    return tuple(out), offset


@rule("narrow")
def _narrow(shape, strides, offset, out_shape, dim, start, length):
    d = normalize_dim(dim, len(shape))
    start = start + shape[d] if start < 0 else start
    return tuple(strides), offset + start * strides[d]


@rule("select")
def _select(shape, strides, offset, out_shape, dim, index):
    d = normalize_dim(dim, len(shape))
    index = index + shape[d] if index < 0 else index
    return strides[:d] + strides[d + 1:], offset + index * strides[d]


@rule("unfold")
def _unfold(shape, strides, offset, out_shape, dimension, size, step):
    if not shape:
        return (1,), offset
    d = normalize_dim(dimension, len(shape))
    return strides[:d] + (strides[d] * step,) + strides[d + 1:] + (strides[d],), offset


@rule("diagonal")
def _diagonal(shape, strides, offset, out_shape, diagonal_offset=0, dim1=0, dim2=1):
    d1, d2 = normalize_dim(dim1, len(shape)), normalize_dim(dim2, len(shape))
    if out_shape[-1] > 0:
        offset += diagonal_offset * strides[d2] if diagonal_offset >= 0 \
            else -diagonal_offset * strides[d1]
    rest = tuple(s for d, s in enumerate(strides) if d not in (d1, d2))
    return rest + (strides[d1] + strides[d2],), offset


def _pieces(strides, offset, dim, out_shapes):
    """The layouts of consecutive pieces of dim ``dim`` (split, chunk)."""
    out, start = [], 0
    for piece in out_shapes:
        out.append((tuple(strides), offset + start * strides[dim]))
        start += piece[dim]
    return out


@rule("split", "chunk")
def _split(shape, strides, offset, out_shapes, size_or_sections, dim=0):
    return _pieces(strides, offset, normalize_dim(dim, len(shape)), out_shapes)


@rule("unbind")
def _unbind(shape, strides, offset, out_shapes, dim=0):
    d = normalize_dim(dim, len(shape))
    return [(strides[:d] + strides[d + 1:], offset + i * strides[d]) for i in range(shape[d])]


@rule("index")
def _basic_index(shape, strides, offset, out_shape, key, node=None):
    """``x[ints, slices, None, ...]``: each item as torch applies it, left to right."""
    shape, strides = list(shape), list(strides)
    consumed = sum(1 for k in key if k is not Ellipsis and k is not None)
    dim = 0
    for k in key:
        if k is Ellipsis:
            dim += len(shape) - dim - (consumed - _consumed_before(key, k))
        elif k is None:
            new_shape, new_strides = _unsqueezed(tuple(shape), tuple(strides), dim)
            shape, strides = list(new_shape), list(new_strides)
            dim += 1
        elif isinstance(k, tuple):  # ("slice", start, stop, step)
            start, stop, step = slice(*k[1:]).indices(shape[dim])
            length = max(0, (stop - start + step - 1) // step) if step > 0 else 0
            offset += start * strides[dim] if length or start < shape[dim] else \
                shape[dim] * strides[dim]
            shape[dim], strides[dim] = length, strides[dim] * step
            dim += 1
        else:
            index = k + shape[dim] if k < 0 else k
            offset += index * strides[dim]
            del shape[dim], strides[dim]
    return tuple(strides), offset


def _consumed_before(key, item):
    """How many items before ``item`` (the first ``...``) index a dim."""
    count = 0
    for k in key:
        if k is item:
            return count
        if k is not None:
            count += 1
    return count
