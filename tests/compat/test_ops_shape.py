"""Views and shape ops against torch: view, reshape, t/T/mT, permute, transpose, unsqueeze,
squeeze, expand, flatten, contiguous, narrow, split/chunk/unbind, flip, repeat, cat, stack;
storage shared between a view and its base; the errors torch raises."""
import warnings

import pytest

from oracle import check, check_raises, randint, randn

torch = pytest.importorskip("torch")


def _ids(v):
    return str(v).replace(" ", "")


# ----------------------------------------------------------------------------- view / reshape
VIEW_CASES = [((3, 4), (12,)), ((3, 4), (4, 3)), ((3, 4), (-1, 2)), ((2, 3, 4), (2, -1, 2)),
              ((), (1,)), ((1,), ()), ((0, 3), (3, 0)), ((0, 3), (-1,)), ((2, 3, 4), (6, 4))]


@pytest.mark.parametrize("shape,new", VIEW_CASES, ids=_ids)
@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_view_and_reshape(shape, new, dtype):
    x = randn(*shape, dtype=dtype)
    check(lambda torch, x: (x.view(new), x.reshape(*new) if new else x.reshape(new),
                            torch.reshape(x, new)), [x])


def test_view_as_reshape_as_and_dtype_view():
    check(lambda torch, x, y: (x.view_as(y), x.reshape_as(y), x.view(torch.float32)), [randn(3, 4), randn(2, 6)])


def test_view_chains_and_gradients():
    check(lambda torch, x: x.view(4, 3).t().reshape(2, 6).unsqueeze(0).sum(1) * 2, [randn(3, 4)])
    check(lambda torch, x: x.view(-1)[::2].view(3, 2), [randn(3, 4)])


# ----------------------------------------------------------------------------- transposes
@pytest.mark.parametrize("shape", [(), (5,), (3, 4)], ids=_ids)
def test_t(shape):
    check(lambda torch, x: (x.t(), torch.t(x)), [randn(*shape)])


@pytest.mark.parametrize("shape", [(3, 4), (2, 3, 4)], ids=_ids)
def test_T_and_mT(shape):
    def fn(torch, x):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # x.T on n != 2 dims is deprecated in torch
            return x.T, x.mT
    check(fn, [randn(*shape)])


@pytest.mark.parametrize("dims", [(0, 1, 2), (2, 0, 1), (1, 2, 0), (-1, 0, -2)], ids=_ids)
def test_permute(dims):
    check(lambda torch, x: (x.permute(*dims), x.permute(dims), torch.permute(x, dims)), [randn(2, 3, 4)])


@pytest.mark.parametrize("shape,d0,d1", [((3, 4), 0, 1), ((2, 3, 4), 0, 2), ((2, 3, 4), -1, 1),
                                         ((2, 3, 4), 1, 1), ((), 0, -1), ((5,), 0, 0)], ids=_ids)
def test_transpose(shape, d0, d1):
    check(lambda torch, x: (x.transpose(d0, d1), torch.transpose(x, d0, d1), x.swapaxes(d0, d1)),
          [randn(*shape)])


# ----------------------------------------------------------------------------- unsqueeze / squeeze
@pytest.mark.parametrize("shape,dim", [((), 0), ((), -1), ((3,), 0), ((3,), 1), ((3, 4), -1), ((3, 4), 1),
                                       ((3, 4), -3)], ids=_ids)
def test_unsqueeze(shape, dim):
    check(lambda torch, x: (x.unsqueeze(dim), torch.unsqueeze(x, dim)), [randn(*shape)])


@pytest.mark.parametrize("shape,dim", [((1, 3, 1), None), ((1, 3, 1), 0), ((1, 3, 1), -1), ((1, 3, 1), 1),
                                       ((1, 3, 1), (0, 2)), ((), None), ((), 0), ((1,), 0), ((3,), None),
                                       ((1, 0, 1), None)], ids=_ids)
def test_squeeze(shape, dim):
    if dim is None:
        check(lambda torch, x: (x.squeeze(), torch.squeeze(x)), [randn(*shape)])
    else:
        check(lambda torch, x: (x.squeeze(dim), torch.squeeze(x, dim)), [randn(*shape)])


# ----------------------------------------------------------------------------- expand / flatten
@pytest.mark.parametrize("shape,size", [((3, 1), (3, 4)), ((1,), (2, 3)), ((3, 1), (-1, 4)),
                                        ((3, 1), (2, 3, 5)), ((), (2, 2)), ((2, 1, 4), (2, 3, -1)),
                                        ((3, 1), (3, 0))], ids=_ids)
def test_expand(shape, size):
    check(lambda torch, x: (x.expand(*size), x.expand(size)), [randn(*shape)])


def test_expand_as_and_broadcast_to():
    check(lambda torch, x, y: (x.expand_as(y), x.broadcast_to((2, 3, 4)), torch.broadcast_to(x, (3, 4))),
          [randn(3, 1), randn(3, 4)])
    check(lambda torch, x, y: torch.broadcast_tensors(x, y), [randn(3, 1), randn(4)])


@pytest.mark.parametrize("shape,start,end", [((2, 3, 4), 0, -1), ((2, 3, 4), 1, -1), ((2, 3, 4), 0, 1),
                                             ((2, 3, 4), 1, 1), ((), 0, -1), ((5,), 0, 0),
                                             ((2, 0, 3), 0, 1)], ids=_ids)
def test_flatten(shape, start, end):
    check(lambda torch, x: (x.flatten(start, end), torch.flatten(x, start_dim=start, end_dim=end)),
          [randn(*shape)])
    check(lambda torch, x: x.flatten(), [randn(*shape)])


def test_unflatten_and_movedim():
    check(lambda torch, x: (x.unflatten(1, (2, 2)), x.unflatten(-1, (-1, 2))), [randn(3, 4)])
    check(lambda torch, x: (x.movedim(0, -1), torch.movedim(x, (0, 1), (2, 0))), [randn(2, 3, 4)])


# ----------------------------------------------------------------------------- contiguous
def test_contiguous():
    check(lambda torch, x: (x.contiguous(), x.is_contiguous()), [randn(3, 4)])
    check(lambda torch, x: x.view(2, 6).contiguous(), [randn(3, 4)])


def test_contiguous_of_a_transposed_view():
    check(lambda torch, x: (x.t().is_contiguous(), x.t().contiguous()), [randn(3, 4)])


def test_view_of_non_contiguous_raises():
    check_raises(lambda torch, x: x.t().view(-1), [randn(3, 4)])


# ----------------------------------------------------------------------------- other views
def test_narrow_select_split_chunk_unbind():
    x = randn(4, 6)
    check(lambda torch, x: (x.narrow(1, 2, 3), x.narrow(0, -2, 2), x.select(1, -1), torch.select(x, 0, 2)), [x])
    check(lambda torch, x: (x.split(2), x.split([1, 5], dim=1), torch.split(x, 3, 1)), [x])
    check(lambda torch, x: (x.chunk(3, 1), torch.chunk(x, 2), x.chunk(4, 1)), [x])
    check(lambda torch, x: (x.unbind(), torch.unbind(x, 1)), [x])


def test_t_in_place():
    check(lambda torch, x: (x * 1).t_(), [randn(2, 3)])


def test_flip_roll_repeat_diagonal_tril():
    x = randn(3, 4)
    check(lambda torch, x: (x.flip(0), torch.flip(x, (0, 1)), x.roll(1, 1), torch.roll(x, -2)), [x])
    check(lambda torch, x: (x.repeat(2, 1), x.repeat(2, 1, 2)), [x])
    check(lambda torch, x: (x.diagonal(), x.tril(), x.triu(1), torch.tril(x, -1)), [x])


# ----------------------------------------------------------------------------- cat / stack
@pytest.mark.parametrize("shapes,dim", [(((2, 3), (4, 3)), 0), (((2, 3), (2, 1), (2, 2)), 1),
                                        (((2, 3, 4), (2, 3, 1)), -1), (((3,), (0,), (2,)), 0),
                                        (((0, 3), (2, 3)), 0), (((2, 3),), 0)], ids=_ids)
@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_cat(shapes, dim, dtype):
    inputs = [randn(*s, dtype=dtype) for s in shapes]
    check(lambda torch, *xs: (torch.cat(xs, dim), torch.cat(list(xs), dim=dim)), inputs)


def test_cat_promotes_dtypes_and_skips_legacy_empty():
    check(lambda torch, a, b: torch.cat([a, b]), [randn(3, dtype="float32"), randn(2, dtype="float64")])
    check(lambda torch, a, b: torch.cat([a, b]), [randn(3), randint(0, 3, 2)])
    check(lambda torch, a, b: torch.cat([a, b], 1), [randn(2, 3), randn(0)])
    check(lambda torch, a, b: (torch.concat([a, b]), torch.concatenate([a, b])), [randn(2), randn(3)])


@pytest.mark.parametrize("shape,dim", [((3,), 0), ((3,), 1), ((3,), -1), ((2, 3), 1), ((2, 3), 2),
                                       ((), 0), ((0, 2), 0)], ids=_ids)
def test_stack(shape, dim):
    check(lambda torch, a, b, c: torch.stack([a, b, c], dim), [randn(*shape), randn(*shape), randn(*shape)])


def test_stack_promotes_and_hstack_vstack():
    check(lambda torch, a, b: torch.stack((a, b)), [randn(3), randint(0, 4, 3)])
    check(lambda torch, a, b: (torch.hstack([a, b]), torch.vstack([a, b])), [randn(3), randn(3)])


# ----------------------------------------------------------------------------- shared storage
def test_writes_through_a_view_reach_the_base():
    def fn(torch, x):
        v = x.view(2, 6)
        v[0, 1] = 100.0
        t = x.t()
        t.mul_(2)
        x[2].fill_(-1)
        return x, v, t, x.unsqueeze(0).squeeze(0)
    check(fn, [randn(3, 4).nograd()])


def test_base_writes_are_seen_by_views():
    def fn(torch, x):
        row, col, flat = x[1], x[:, 2], x.reshape(-1)
        x.add_(1)
        x[0, 0] = 7.0
        return row, col, flat
    check(fn, [randn(3, 4).nograd()])


def test_view_of_non_leaf_in_graph():
    def fn(torch, x):
        y = x * 2
        v = y.view(12)
        v[3] = 0.0
        return y, v.sum()
    check(fn, [randn(3, 4)])

    def fn2(torch, x):
        y = x * 2
        y.t()[0].mul_(3)
        y[1:, 1] = 5.0
        return y
    check(fn2, [randn(3, 4)])


def test_view_history_follows_inplace_on_base():
    def fn(torch, x):
        y = x * 2
        v = y.view(12)
        y.mul_(3)  # v's values and gradient now include the factor 3
        return v
    check(fn, [randn(3, 4)], grad_fn=False)


def test_view_grad_fn_after_inplace_through_it():
    def fn(torch, x):
        y = x * 2
        v = y[0]
        v[1] = 0.0
        return v
    check(fn, [randn(3, 4)])


def test_inplace_on_expanded_view_raises():
    check_raises(lambda torch, x: x.expand(3, 3).add_(1), [randn(1, 3).nograd()])


def test_detach_and_data_share_storage():
    def fn(torch, x):
        d = x.detach()
        d.zero_()
        x.data[0] = 5.0
        return x.detach(), d
    check(fn, [randn(3)], grad=False)


# ----------------------------------------------------------------------------- errors
def test_view_errors():
    check_raises(lambda torch, x: x.view(5, 3), [randn(3, 4)])
    check_raises(lambda torch, x: x.view(-1, -1), [randn(3, 4)])
    check_raises(lambda torch, x: x.reshape(-1, 5), [randn(3, 4)])
    check_raises(lambda torch, x: x.view(0, -1), [randn(3, 4)])
    check_raises(lambda torch, x: x.view(-2, 6), [randn(3, 4)])
    check_raises(lambda torch, x: x.reshape(0, -1), [randn(0, 3)])


def test_dim_errors():
    check_raises(lambda torch, x: x.transpose(0, 2), [randn(3, 4)])
    check_raises(lambda torch, x: x.unsqueeze(3), [randn(3, 4)])
    check_raises(lambda torch, x: x.unsqueeze(-4), [randn(3, 4)])
    check_raises(lambda torch, x: x.squeeze(2), [randn(3, 4)])
    check_raises(lambda torch, x: x.flatten(2), [randn(3, 4)])
    check_raises(lambda torch, x: x.flatten(1, 0), [randn(3, 4)])
    check_raises(lambda torch, x: x.t(), [randn(2, 3, 4)])
    check_raises(lambda torch, x: x.select(0, 3), [randn(3, 4)])
    check_raises(lambda torch, x: x.narrow(1, 2, 3), [randn(3, 4)])


def test_permute_errors():
    check_raises(lambda torch, x: x.permute(0, 1), [randn(2, 3, 4)], message=False)
    check_raises(lambda torch, x: x.permute(0, 1, 1), [randn(2, 3, 4)])
    check_raises(lambda torch, x: x.permute(0, 1, 3), [randn(2, 3, 4)])


def test_expand_errors():
    check_raises(lambda torch, x: x.expand(3, 5), [randn(3, 4)])
    check_raises(lambda torch, x: x.expand(4), [randn(3, 4)])
    check_raises(lambda torch, x: x.expand(-1, 2, 4), [randn(2, 4)])


def test_cat_stack_errors():
    check_raises(lambda torch, a, b: torch.cat([a, b]), [randn(2, 3), randn(2, 4)])
    check_raises(lambda torch, a, b: torch.cat([a, b], 2), [randn(2, 3), randn(2, 3)])
    check_raises(lambda torch, a, b: torch.cat([a, b]), [randn(2, 3), randn(3)])
    check_raises(lambda torch, a, b: torch.cat([a, b]), [randn(), randn()])
    check_raises(lambda torch: torch.cat([]), [])
    check_raises(lambda torch, a: torch.cat(a), [randn(2, 3)], message=False)
    check_raises(lambda torch, a, b: torch.stack([a, b]), [randn(3), randn(4)])
    check_raises(lambda torch, a, b: torch.stack([a, b], 2), [randn(3), randn(3)])
    check_raises(lambda torch: torch.stack([]), [])
