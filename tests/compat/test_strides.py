"""Strides as metadata, against torch: ``stride()``, ``storage_offset()``, ``is_contiguous()``
of views, ``view`` refusing what no strides fit, ``reshape``/``flatten`` copying there (so
writes through the copy stay in it), ``contiguous()`` copying only when it must.

    python -m pytest -q tests/compat/test_strides.py
"""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402
from oracle import check_raises, randn  # noqa: E402

# Chains of view ops, each a program on a (4, 6) tensor or a (2, 3, 4, 5) one.
VIEW_CHAINS = {
    "t": lambda x: x.t(),
    "T": lambda x: x.T,
    "mT": lambda x: x.mT,
    "transpose-then-unsqueeze": lambda x: x.transpose(0, 1).unsqueeze(0),
    "unsqueeze-last": lambda x: x.unsqueeze(-1),
    "unsqueeze-of-t": lambda x: x.t().unsqueeze(2),
    "column": lambda x: x[:, 1],
    "strided-slices": lambda x: x[::2, 1::3],
    "empty-slice-past-end": lambda x: x[:, 10:],
    "none-then-int": lambda x: x[None, 1],
    "int-then-none": lambda x: x[1, None],
    "slice-none": lambda x: x[:, None],
    "ellipsis-none": lambda x: x[..., None],
    "ellipsis-int": lambda x: x[..., 2],
    "negative-int": lambda x: x[-1],
    "expand": lambda x: x.expand(2, 4, 6),
    "expand-size-one": lambda x: x[:1].expand(3, 6),
    "diagonal": lambda x: x.diagonal(),
    "diagonal-above": lambda x: x.diagonal(2),
    "diagonal-below": lambda x: x.diagonal(-2),
    "diagonal-empty": lambda x: x.diagonal(10),
    "narrow": lambda x: x.narrow(1, 2, 3),
    "narrow-negative-start": lambda x: x.narrow(1, -3, 2),
    "select-negative": lambda x: x.select(1, -1),
    "squeeze-of-t": lambda x: x.t().unsqueeze(1).squeeze(),
    "movedim": lambda x: x.movedim(0, 1),
    "view-of-rows": lambda x: x[1:3].view(12),
    "view-of-column-split": lambda x: x.t().view(3, 2, 4),
    "unflatten-of-t": lambda x: x.t().unflatten(0, (2, 3)),
    "t-of-t": lambda x: x.t().t(),
    "detach-of-t": lambda x: x.t().detach(),
    "data-of-t": lambda x: x.t().data,
    "contiguous-of-t": lambda x: x.t().contiguous(),
    "contiguous-then-t": lambda x: x.t().contiguous().t(),
    "reshape-of-t-copies": lambda x: x.t().reshape(2, 3, 4),
    "reshape-of-t-views": lambda x: x.t().reshape(6, 2, 2),
    "flatten-of-t": lambda x: x.t().flatten(),
}
CHAINS_4D = {
    "permute": lambda x: x.permute(2, 0, 3, 1),
    "permute-negative": lambda x: x.permute(-1, -2, -3, -4),
    "movedim-several": lambda x: x.movedim((0, 1), (3, 0)),
    "channels-last": lambda x: x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2),
    "split": lambda x: x.split(2, 3)[1],
    "chunk-of-transposed": lambda x: x.transpose(1, 3).chunk(2, 1)[1],
    "unbind": lambda x: x.unbind(2)[3],
    "flatten-middle": lambda x: x.flatten(1, 2),
    "flatten-of-permuted": lambda x: x.permute(0, 2, 1, 3).flatten(1, 2),
}


def _layout(lib, t):
    channels_last = t.is_contiguous(memory_format=lib.channels_last) if t.ndim == 4 else None
    return (tuple(t.shape), t.stride(), t.storage_offset(), t.is_contiguous(), channels_last)


@pytest.mark.parametrize("name", list(VIEW_CHAINS) + list(CHAINS_4D))
def test_layout_of_views_is_torchs(name):
    chain, shape = (VIEW_CHAINS[name], (4, 6)) if name in VIEW_CHAINS else (CHAINS_4D[name],
                                                                             (2, 3, 4, 5))
    ours = _layout(compat, chain(compat.arange(float(_numel(shape))).reshape(shape)))
    theirs = _layout(torch, chain(torch.arange(float(_numel(shape))).reshape(shape)))
    assert ours == theirs


def _numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def test_stride_of_one_dim():
    for lib in (torch, compat):
        x = lib.zeros(2, 3).t()
        assert (x.stride(0), x.stride(-1)) == (1, 3)


def test_view_of_a_transposed_tensor_raises_torchs_error():
    check_raises(lambda lib, x: x.t().view(-1), [randn(3, 4)])
    check_raises(lambda lib, x: x.permute(1, 0, 2).view(6, 4), [randn(2, 3, 4)])


@pytest.mark.parametrize("make", [
    lambda lib, x: x.t().reshape(6),
    lambda lib, x: x.t().flatten(),
    lambda lib, x: x.reshape(6),
    lambda lib, x: x.t().reshape(3, 2),
])
def test_writes_through_reshape_reach_the_base_only_where_it_is_a_view(make):
    results = []
    for lib in (torch, compat):
        base = lib.zeros(2, 3)
        out = make(lib, base)
        out[(0,) * out.ndim] = 5.
        results.append((base.tolist(), out.tolist(), out._base is base))
    assert results[0] == results[1]


def test_reshape_copy_has_torchs_nodes_and_gradients():
    names, grads = [], []
    for lib in (torch, compat):
        a = lib.arange(6.).reshape(2, 3).requires_grad_()
        r = a.t().reshape(6)
        names.append((r.grad_fn.name(), r.grad_fn.next_functions[0][0].name()))
        (r * lib.arange(6.)).sum().backward()
        grads.append(a.grad.tolist())
    assert names[0] == names[1] == ("UnsafeViewBackward0", "CloneBackward0")
    assert grads[0] == grads[1]


def test_contiguous_copies_only_a_non_contiguous_tensor():
    for lib in (torch, compat):
        x = lib.zeros(2, 3, requires_grad=True) * 1
        assert x.contiguous() is x
        y = x.t().contiguous()
        assert y.grad_fn.name() == "CloneBackward0" and y.is_contiguous()


def test_in_place_transpose_changes_the_strides():
    ours, theirs = compat.ones(3, 4), torch.ones(3, 4)
    ours.t_(), theirs.t_()
    assert (ours.stride(), ours.is_contiguous()) == (theirs.stride(), theirs.is_contiguous())
