"""Indexing and index assignment against torch: ints, slices with steps, None, Ellipsis, bool
masks, integer tensors and lists (advanced indexing), values, gradients and grad_fn names;
``x[key] = value`` on non-leaves, no-grad leaves and integer tensors; index_put_; errors."""
import numpy as np
import pytest

from oracle import check, check_raises, randbool, randn

torch = pytest.importorskip("torch")

BASIC_KEYS = {
    "int": lambda x: x[1],
    "neg_int": lambda x: x[-1],
    "two_ints": lambda x: x[1, -2],
    "three_ints": lambda x: x[2, 0, 3],
    "slice": lambda x: x[1:],
    "slice_step": lambda x: x[:, ::2],
    "slice_step_start": lambda x: x[::2, 1:4:2],
    "empty_slice": lambda x: x[1:1],
    "slice_past_end": lambda x: x[2:10],
    "slice_negative": lambda x: x[-10:-1],
    "none": lambda x: x[None],
    "none_middle": lambda x: x[:, None, 1],
    "ellipsis_int": lambda x: x[..., 0],
    "ellipsis_none": lambda x: x[..., None],
    "ellipsis_middle": lambda x: x[0, ..., 1],
    "int_slice_none": lambda x: x[1, None, ::3, None],
    "ellipsis_only": lambda x: x[...],
    "empty_tuple": lambda x: x[()],
    "bool_true": lambda x: x[True],
}


@pytest.mark.parametrize("key", list(BASIC_KEYS))
def test_basic_indexing(key):
    check(lambda torch, x: BASIC_KEYS[key](x), [randn(3, 4, 5)])


@pytest.mark.parametrize("key", ["int", "slice_step", "ellipsis_int", "none"])
def test_basic_indexing_integer_tensor(key):
    check(lambda torch, x: BASIC_KEYS[key](x), [randn(3, 4, 5, dtype="int64")])


def test_grad_fn_of_slices_in_tuple_keys():
    # torch skips a slice inside a tuple key only if it starts at literal 0, steps by 1 and
    # stops at or past the end.
    check(lambda torch, x: (x[0:3, ], x[0:10, ], x[-3:, ], x[:-1, ], x[None, :], x[None, -3:]), [randn(3, 4)])
    check(lambda torch, x: (x[-1:, ], x[0:1, ]), [randn(1)])


def test_indexing_zero_dim_and_one_dim():
    check(lambda torch, x: (x[...], x[None], x[()], x[None, ..., None]), [randn()])
    check(lambda torch, x: (x[0], x[-1], x[1:3], x[::2], x[None, :]), [randn(5)])


def test_slices_with_tensor_bounds_and_numpy_ints():
    check(lambda torch, x: (x[torch.tensor(1):], x[np.int64(2)], x[:torch.tensor(2), torch.tensor(1)]),
          [randn(3, 4)])


ADVANCED_KEYS = {
    "tensor": lambda torch, x: x[torch.tensor([0, 2])],
    "list": lambda torch, x: x[[0, 2, 2]],
    "negative": lambda torch, x: x[torch.tensor([-1, 0])],
    "2d_index": lambda torch, x: x[torch.tensor([[0, 1], [2, 0]])],
    "two_tensors": lambda torch, x: x[torch.tensor([0, 2]), torch.tensor([1, 3])],
    "broadcast_tensors": lambda torch, x: x[torch.tensor([[0], [2]]), torch.tensor([1, 3, 0])],
    "slice_then_tensor": lambda torch, x: x[:, torch.tensor([3, 0])],
    "separated": lambda torch, x: x[torch.tensor([0, 1]), :, torch.tensor([4, 2])],
    "int_and_tensor": lambda torch, x: x[1, torch.tensor([0, 3])],
    "ellipsis_tensor": lambda torch, x: x[..., torch.tensor([0, 0, 4])],
    "zero_dim_long": lambda torch, x: x[torch.tensor(1)],
    "empty_index": lambda torch, x: x[torch.tensor([], dtype=torch.int64)],
    "repeated": lambda torch, x: x[torch.tensor([1, 1, 1, 0])],
    "none_and_tensor": lambda torch, x: x[None, torch.tensor([0, 2])],
    "int32_index": lambda torch, x: x[torch.tensor([0, 2], dtype=torch.int32)],
    # torch applies ints (and None) before the index tensors; numpy counts ints as index arrays
    "int_slice_tensor": lambda torch, x: x[0, :, torch.tensor([0, 1])],
    "int_none_tensor": lambda torch, x: x[1, None, torch.tensor([0, 2])],
    "tensor_int_tensor": lambda torch, x: x[torch.tensor([0, 1]), 0, torch.tensor([1, 2])],
    "none_tensor_slice_tensor": lambda torch, x: x[None, torch.tensor([0, 1]), :, torch.tensor([1, 2])],
    "list_of_lists": lambda torch, x: x[[[0, 1], [1, 2]]],
    "list_with_slice": lambda torch, x: x[[slice(None), [0, 2]]],
    "numpy_array": lambda torch, x: x[np.array([2, 0])],
    "true_with_tensor": lambda torch, x: x[torch.tensor([0, 1]), True],
}


@pytest.mark.parametrize("key", list(ADVANCED_KEYS))
def test_advanced_indexing(key):
    # warns: a list holding sequences is a deprecated tuple in torch
    check(ADVANCED_KEYS[key], [randn(3, 4, 5)], warns=True)


MASK_KEYS = {
    "full_mask": lambda torch, x: x[x > 0],
    "first_dim_mask": lambda torch, x: x[torch.tensor([True, False, True])],
    "second_dim_mask": lambda torch, x: x[:, torch.tensor([False, True, True, False])],
    "two_dim_mask": lambda torch, x: x[(x > 0).any(2)],
    "all_false": lambda torch, x: x[x > 100],
    "mask_and_int": lambda torch, x: x[torch.tensor([True, False, True]), 1],
    "zero_dim_false": lambda torch, x: x[False],
    "zero_dim_bool_tensor": lambda torch, x: x[torch.tensor(True)],
}


@pytest.mark.parametrize("key", list(MASK_KEYS))
def test_bool_mask_indexing(key):
    check(MASK_KEYS[key], [randn(3, 4, 5)])


def test_mask_on_integer_and_bool_tensors():
    check(lambda torch, x: (x[x > 0], x[x % 2 == 0]), [randn(3, 4, dtype="int64")])
    check(lambda torch, x: x[x], [randbool(3, 4)])


def test_indexing_chains_and_gradient_accumulation():
    def fn(torch, x):
        a = x[0][1:][::2]
        b = x[:, 1][torch.tensor([0, 0, 2])]
        return a * 2 + b[:1], x[x > 0].sum() + x[1, 2]
    check(fn, [randn(3, 4)])


# ----------------------------------------------------------------------------- assignment
SETITEMS = {
    "int_scalar": lambda torch, x, v: x.__setitem__(0, 1.5),
    "slice_tensor": lambda torch, x, v: x.__setitem__((slice(None), 1), v[0, 0]),
    "row_broadcast": lambda torch, x, v: x.__setitem__(1, v[0]),
    "step_slice": lambda torch, x, v: x.__setitem__((slice(None, None, 2),), v[:2]),
    "mask_scalar": lambda torch, x, v: x.__setitem__(x > 0, 0.0),
    "mask_values": lambda torch, x, v: x.__setitem__(torch.tensor([True, False, True]), v[:2]),
    "index_tensor": lambda torch, x, v: x.__setitem__(torch.tensor([2, 0]), v[:2]),
    "index_broadcast": lambda torch, x, v: x.__setitem__((torch.tensor([0, 2]), torch.tensor([1, 3])), v[0, 0, 0]),
    "ellipsis": lambda torch, x, v: x.__setitem__((Ellipsis, 0), v[0, :, 0]),
    "none_key": lambda torch, x, v: x.__setitem__((None, 1), v[0]),
    "int_value": lambda torch, x, v: x.__setitem__((0, 0), 7),
    "whole": lambda torch, x, v: x.__setitem__(slice(None), v),
    "int_slice_tensor": lambda torch, x, v: x.__setitem__((0, slice(None), torch.tensor([0, 1])), v[0, :, :2]),
    "tensor_partial_slice": lambda torch, x, v: x.__setitem__((torch.tensor([0, 2]), slice(1, 3)), v[0, :2, :]),
    "full_slice_tensor": lambda torch, x, v: x.__setitem__((slice(None), torch.tensor([3, 1])), v[:, :2, :]),
}


@pytest.mark.parametrize("op", list(SETITEMS))
def test_setitem_on_non_leaf(op):
    # The value requires grad too: both it and the base get gradients.
    def fn(torch, x, v):
        y = x * 1
        SETITEMS[op](torch, y, v)
        return y
    check(fn, [randn(3, 4, 5), randn(3, 4, 5)])


def test_setitem_trivial_key_grad_fn_names():
    def fn(torch, x, v):
        outs = []
        for value in (1.5, v[0], v[:1], v):
            y = x * 1
            y[...] = value
            z = x * 1
            z[:] = value
            outs += [y, z]
        return outs
    check(fn, [randn(3), randn(3)])


@pytest.mark.parametrize("op", ["int_scalar", "mask_scalar", "index_tensor", "step_slice", "int_value"])
def test_setitem_on_leaf_without_grad(op):
    def fn(torch, x, v):
        SETITEMS[op](torch, x, v)
        return x
    check(fn, [randn(3, 4, 5).nograd(), randn(3, 4, 5)])


def test_setitem_on_integer_tensor_casts_value():
    def fn(torch, x):
        x[0] = 2.7
        x[1, :2] = torch.tensor([1.9, -1.9])
        x[x > 3] = True
        return x
    check(fn, [randn(3, 4, dtype="int64")])


def test_setitem_on_zero_dim_and_under_no_grad():
    def fn(torch, x):
        y = x * 1
        y[()] = 5.0
        return y
    check(fn, [randn()])

    def fn2(torch, x):
        with torch.no_grad():
            x[0] = 0.0
        return x, x.requires_grad, x.is_leaf
    check(fn2, [randn(3)])


def test_setitem_with_duplicate_indices():
    # every duplicate gets the gradient of the value it writes (torch's index_put backward)
    def fn(torch, x, v):
        y = x * 1
        y[torch.tensor([0, 0, 2])] = v
        return y
    check(fn, [randn(3, 2), randn(3, 2)])
    check(fn, [randn(3, 2), randn(2)])


def test_index_put():
    def fn(torch, x, v):
        y = x * 1
        y.index_put_((torch.tensor([0, 1, 0]),), v, accumulate=True)
        z = x.index_put((torch.tensor([2]), torch.tensor([1])), v[0, 0])
        return y, z
    check(fn, [randn(3, 4), randn(3, 4)])


# ----------------------------------------------------------------------------- errors
def test_index_out_of_range():
    check_raises(lambda torch, x: x[3], [randn(3, 4)])
    check_raises(lambda torch, x: x[-4], [randn(3, 4)])
    check_raises(lambda torch, x: x[0, 4], [randn(3, 4)])
    check_raises(lambda torch, x: x[torch.tensor([0, 3])], [randn(3, 4)])
    check_raises(lambda torch, x: x[:, torch.tensor([-5])], [randn(3, 4)])
    check_raises(lambda torch, x: x[0], [randn()])
    check_raises(lambda torch, x: x[:], [randn()])
    check_raises(lambda torch, x: x[0, ], [randn()])


def test_too_many_indices():
    check_raises(lambda torch, x: x[0, 0, 0], [randn(3, 4)])
    check_raises(lambda torch, x: x[:, :, :], [randn(3, 4)])


def test_bad_index_types():
    check_raises(lambda torch, x: x[1.5], [randn(3, 4)])
    check_raises(lambda torch, x: x[torch.tensor([0.0, 1.0])], [randn(3, 4)])
    check_raises(lambda torch, x: x["a"], [randn(3, 4)], message=False)


def test_negative_step_raises():
    check_raises(lambda torch, x: x[::-1], [randn(3, 4)])


def test_mask_shape_mismatch():
    check_raises(lambda torch, x: x[torch.tensor([True, False])], [randn(3, 4)])
    check_raises(lambda torch, x: x[:, torch.tensor([True, False, True])], [randn(3, 4)])


def test_setitem_errors():
    def shape_mismatch(torch, x, v):
        y = x * 1
        y[0] = v
    check_raises(shape_mismatch, [randn(3, 4), randn(3)])

    for key in [0, (slice(None), 1), slice(None), Ellipsis, [0, 1]]:
        def on_leaf(torch, x):
            x[torch.tensor(key) if isinstance(key, list) else key] = 1.0
        check_raises(on_leaf, [randn(3, 4)])

    def out_of_range(torch, x):
        x[5] = 1.0
    check_raises(out_of_range, [randn(3, 4).nograd()])

    def tensor_out_of_range(torch, x):
        x[torch.tensor([0, 7])] = 1.0
    check_raises(tensor_out_of_range, [randn(3, 4).nograd()])
