"""nansum/nanmean, trace, logcumsumexp, rot90, diag/diag_embed/diagflat, vdot, kron, inner,
cross/linalg.cross, tile, diff and tensor_split against torch: values, dtypes, gradients, node
names, views and errors."""
import pytest

from oracle import check, check_raises, const, randint, randn

torch = pytest.importorskip("torch")

NAN = float("nan")


@pytest.mark.parametrize("kw", [{}, {"dim": 1}, {"dim": (0, 1), "keepdim": True}, {"dim": 0, "dtype": "float64"}])
@pytest.mark.parametrize("name", ["nansum", "nanmean"])
def test_nan_reductions(name, kw):
    def program(torch, x):
        args = dict(kw)
        if "dtype" in args:
            args["dtype"] = getattr(torch, args["dtype"])
        return getattr(torch, name)(x, **args), getattr(x, name)(**args)
    check(program, inputs=[const([[1.0, NAN, 2.0], [NAN, NAN, 3.5]])])
    check(program, inputs=[randn(3, 4)])


@pytest.mark.parametrize("dtype", ["int64", "bool", "float16"])
def test_nansum_dtypes(dtype):
    check(lambda torch, x: (torch.nansum(x), x.nansum(0)), inputs=[randn(3, 2, dtype=dtype)], grad=False)


@pytest.mark.parametrize("program", [
    lambda torch: torch.arange(3).nanmean(),
    lambda torch: torch.ones(3, dtype=torch.bool).nanmean(),
    lambda torch: torch.ones(3).trace(),
    lambda torch: torch.ones(2, 2, 2).trace(),
    lambda torch: torch.arange(3).logcumsumexp(0),
    lambda torch: torch.ones(3).logcumsumexp(1),
])
def test_reduction_errors(program):
    check_raises(program)


def test_trace():
    check(lambda torch, x, y: (x.trace(), torch.trace(y)), inputs=[randn(3, 3), randn(2, 4)])
    check(lambda torch, x: x.trace(), inputs=[randint(-5, 5, 3, 3)])


@pytest.mark.parametrize("shape,dim", [((4,), 0), ((3, 4), 1), ((3, 4), -2), ((), 0)])
def test_logcumsumexp(shape, dim):
    check(lambda torch, x: torch.logcumsumexp(x, dim), inputs=[randn(*shape)])


def test_logcumsumexp_infinities_and_half():
    check(lambda torch, x: x.logcumsumexp(0), inputs=[const([-float("inf"), 0.0, float("inf"), 1.0])],
          grad=False)
    check(lambda torch, x: x.logcumsumexp(0), inputs=[randn(5, dtype="float16")], grad=False)


@pytest.mark.parametrize("k", [0, 1, 2, 3, -1, 5])
@pytest.mark.parametrize("dims", [[0, 1], [1, 0], [-1, 0], [0, 2]])
def test_rot90(k, dims):
    check(lambda torch, x: x.rot90(k, dims), inputs=[randn(2, 3, 4)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(3).rot90(),
    lambda torch: torch.ones(2, 2).rot90(1, [0]),
    lambda torch: torch.ones(2, 2).rot90(1, [0, 0]),
    lambda torch: torch.ones(2, 2).rot90(1, [0, 2]),
    lambda torch: torch.ones(2, 2).rot90(1, [0, 1, 2]),
])
def test_rot90_errors(program):
    check_raises(program)


@pytest.mark.parametrize("offset", [0, 1, -2])
def test_diag_forms(offset):
    check(lambda torch, v, m: (v.diag(offset), torch.diag(m, offset), torch.diagflat(m, offset),
                               v.diagflat(offset)),
          inputs=[randn(3), randn(3, 4)])


@pytest.mark.parametrize("args", [(), (1,), (-1, 0, 2), (0, -1, 0), (2, 1, 2)])
def test_diag_embed(args):
    check(lambda torch, x: torch.diag_embed(x, *args), inputs=[randn(2, 3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(2, 2, 2).diag(),
    lambda torch: torch.ones(3).diag_embed(0, 0, 0),
    lambda torch: torch.tensor(1.).diag_embed(),
    lambda torch: torch.ones(3).diag_embed(0, 0, 3),
])
def test_diag_errors(program):
    check_raises(program)


def test_vdot_kron_inner():
    check(lambda torch, a, b: torch.vdot(a, b), inputs=[randn(4), randn(4)])
    check(lambda torch, a, b: (torch.kron(a, b), a.kron(b)), inputs=[randn(2, 3), randn(3)])
    check(lambda torch, a, b: torch.kron(a, b), inputs=[randn(2, 1, 2), randn(2, 2)])
    check(lambda torch, a, b: (torch.inner(a, b), a.inner(b)), inputs=[randn(2, 3), randn(4, 3)])
    check(lambda torch, a, b: torch.inner(a, b), inputs=[randn(3), randn(2, 2, 3)])
    check(lambda torch, a, b: torch.inner(a, b), inputs=[randn(()), randn(2, 3)])
    check(lambda torch, a, b: torch.kron(a, b), inputs=[randint(-3, 3, 2), randn(2)])


def test_complex_vdot_conjugates():
    def program(torch):
        return torch.vdot(torch.tensor([1 + 2j, 3 - 1j]), torch.tensor([2 - 1j, 1j]))
    from oracle import check_program
    check_program(program)


@pytest.mark.parametrize("program", [
    lambda torch: torch.vdot(torch.ones(2, 2), torch.ones(2)),
    lambda torch: torch.vdot(torch.ones(2), torch.ones(2).double()),
    lambda torch: torch.vdot(torch.ones(2), torch.ones(3)),
    lambda torch: torch.inner(torch.ones(2), torch.ones(3)),
    lambda torch: torch.kron(torch.ones(2), 2),
])
def test_product_errors(program):
    check_raises(program)


@pytest.mark.parametrize("shapes,dim", [(((3,), (3,)), 0), (((4, 3), (4, 3)), -1), (((3, 4), (3, 4)), 0),
                                        (((2, 3), (1, 3)), 1)])
def test_cross(shapes, dim):
    check(lambda torch, a, b: (torch.cross(a, b, dim=dim), a.cross(b, dim), torch.linalg.cross(a, b, dim=dim)),
          inputs=[randn(*shapes[0]), randn(*shapes[1])])


def test_cross_without_dim_takes_the_first_dim_of_size_three():
    check(lambda torch, a, b: (torch.cross(a, b), torch.linalg.cross(a, b)),
          inputs=[randn(3, 3), randn(3, 3)])
    check(lambda torch, a, b: torch.cross(a, b), inputs=[randn(2, 3, 4), randn(2, 3, 4)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.linalg.cross(torch.ones(2), torch.ones(2)),
    lambda torch: torch.cross(torch.ones(2, 2), torch.ones(2, 2)),
    lambda torch: torch.cross(torch.ones(3, 3), torch.ones(3, 3), dim=2),
    lambda torch: torch.linalg.cross(torch.ones(3), torch.ones(3).double()),
    lambda torch: torch.linalg.cross(torch.ones(3), torch.ones(2, 3)),
])
def test_cross_errors(program):
    check_raises(program)


@pytest.mark.parametrize("dims", [(2,), (2, 1), (1, 2, 3), ((3, 1),)])
def test_tile(dims):
    check(lambda torch, x: (x.tile(*dims), torch.tile(x, dims[0] if isinstance(dims[0], tuple) else dims)),
          inputs=[randn(2, 3)])


@pytest.mark.parametrize("kw", [{}, {"n": 2}, {"n": 0}, {"dim": 0}, {"n": 5}, {"n": 2, "dim": -2}])
def test_diff(kw):
    check(lambda torch, x: torch.diff(x, **kw), inputs=[randn(3, 4)])
    check(lambda torch, x: x.diff(**kw), inputs=[randint(-5, 5, 3, 4)])


def test_diff_prepend_append_and_bool():
    check(lambda torch, x, p, a: torch.diff(x, n=2, dim=1, prepend=p, append=a),
          inputs=[randn(2, 3), randn(2, 1), randn(2, 2)])
    check(lambda torch, x: x.diff(), inputs=[const([True, False, False, True])])


@pytest.mark.parametrize("program", [
    lambda torch: torch.tensor(1.).diff(),
    lambda torch: torch.ones(3).diff(n=-1),
    lambda torch: torch.ones(3).diff(prepend=torch.ones(2, 2)),
])
def test_diff_errors(program):
    check_raises(program)


@pytest.mark.parametrize("split", [1, 2, 3, 5, [1, 2], [-2, 1, 9, 3], (0,), []])
@pytest.mark.parametrize("dim", [0, -1])
def test_tensor_split(split, dim):
    check(lambda torch, x: x.tensor_split(split, dim), inputs=[randn(4, 7)])
    check(lambda torch, x: torch.tensor_split(x, split, dim=dim), inputs=[randn(4, 7)])


def test_tensor_split_parts_are_views():
    def program(torch, x):
        y = x * 1.0
        parts = y.tensor_split(2)
        parts[0].mul_(2)
        return y, parts[0]._base is y
    check(program, inputs=[randn(4, 3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(3).tensor_split(0),
    lambda torch: torch.tensor(1.).tensor_split(2),
    lambda torch: torch.ones(2, 3).tensor_split((1, 2), dim=2),
])
def test_tensor_split_errors(program):
    check_raises(program)


@pytest.mark.parametrize("shape,args", [((3, 4), (1, 2, 1)), ((3, 4), (0, 2, 2)), ((5,), (0, 5, 1)),
                                        ((2, 3, 4), (-1, 3, 1)), ((2, 6), (1, 2, 3)), ((3, 4), (0, 0, 1)),
                                        ((), (0, 1, 1))])
def test_unfold_is_a_view_with_gradients(shape, args):
    def program(torch, x):
        y = x * 1.0
        u = y.unfold(*args)
        return u, u._base is y, u.stride(), u.storage_offset(), u.is_contiguous()
    check(program, inputs=[randn(*shape)])


def test_unfold_writes_reach_the_base():
    def program(torch, x):
        y = x * 1.0
        u = y.t().unfold(0, 2, 2)
        u[1, 0].mul_(3)
        return y, u
    check(program, inputs=[randn(3, 4)])


@pytest.mark.parametrize("args", [(1, -1, 1), (2, 1, 1), (0, 4, 1), (0, 2, 0), (0, 2, -1)])
def test_unfold_errors(args):
    check_raises(lambda torch, x: x.unfold(*args), inputs=[randn(3, 4)])
