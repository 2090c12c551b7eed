"""Host values for index checks: what a check reads without waiting for the device equals the
tensor's value, for every kind of view, and the checks still raise torch's errors."""
from __future__ import annotations

import numpy as np
import pytest

import compat
from compat import host_values, lazy


def _views(x):
    y = x.view(3, 4, 5)
    return {
        "slice": y[:, :-1], "select": y[1], "step": y[..., ::2], "t": y[0].t(),
        "permute": y.permute(2, 0, 1), "expand": y[:, :1].expand(3, 5, 5),
        "diagonal": y[0].diagonal(), "narrow": y.narrow(2, 1, 3),
        "split": y.split(2, dim=1)[1], "unbind": y.unbind(1)[2], "view of slice": y[1:].view(-1),
        "movedim": y.movedim(0, 2), "squeeze": y[:, :1].squeeze(1), "unsqueeze": y.unsqueeze(1),
        "mT": y.mT, "detach": y.detach()[1], "chunk": y.chunk(2, 2)[1],
        "offset slice": y[:, 1:3, 2:], "strided": x[1::7],
    }


@pytest.mark.parametrize("fusion", [True, False])
def test_host_values_of_views_equal_their_values(fusion):
    before = lazy._ENABLED[0]
    compat.set_fusion(fusion)
    try:
        x = compat.arange(60)
        for name, view in _views(x).items():
            np.testing.assert_array_equal(host_values.for_tensor(view), view.numpy(), err_msg=name)
        x.mul_(3)  # the base written in place: its views read the new values
        for name, view in _views(x).items():
            np.testing.assert_array_equal(host_values.for_tensor(view), view.numpy(), err_msg=name)
    finally:
        compat.set_fusion(before)


def test_a_view_of_a_transposed_base_is_read_correctly():
    base = (compat.arange(12).view(3, 4).t() * 1)  # a base whose strides are transposed
    view = base[1:]
    np.testing.assert_array_equal(host_values.for_tensor(view), view.numpy())


def test_host_copy_does_not_see_later_writes_to_the_source_ndarray():
    source = np.array([1, 2, 3])
    t = compat.tensor(source)
    source[0] = 99
    assert host_values.for_tensor(t).tolist() == [1, 2, 3] == t.tolist()


def test_out_of_range_indices_in_a_view_raise_torchs_errors():
    tokens = compat.tensor([[1, 2, 9], [3, 4, 5]])
    weight = compat.randn(6, 2)
    compat.nn.functional.embedding(tokens[:, :-1], weight)  # in range
    with pytest.raises(IndexError, match="index out of range in self"):
        compat.nn.functional.embedding(tokens[:, 1:], weight)
    logits = compat.randn(4, 6)
    compat.nn.functional.cross_entropy(logits, tokens[:, :-1].reshape(-1))
    with pytest.raises(IndexError, match="Target 9 is out of bounds."):
        compat.nn.functional.cross_entropy(logits, tokens[:, 1:].reshape(-1))
    with pytest.raises(IndexError, match="index out of range in self"):
        weight.index_select(0, tokens[0])


def test_embedding_under_vmap_has_no_values_to_check():
    weight = compat.randn(5, 3)
    idx = compat.tensor([[1, 2], [3, 4]])
    got = compat.func.vmap(lambda i: compat.nn.functional.embedding(i, weight))(idx)
    np.testing.assert_array_equal(got.numpy(), weight.numpy()[idx.numpy()])
