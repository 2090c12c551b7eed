"""unique, unique_consecutive, searchsorted, bucketize, bincount, histc, histogram and the other
torch functions of this file against torch: values, dtypes, gradients, node names and errors."""
import pytest

from oracle import check, check_raises, const, randint, randn

torch = pytest.importorskip("torch")

NAN = float("nan")


# ----------------------------------------------------------------------------- unique
@pytest.mark.parametrize("kw", [{}, {"return_inverse": True}, {"return_counts": True},
                                {"return_inverse": True, "return_counts": True},
                                {"sorted": False, "return_inverse": True}])
def test_unique(kw):
    check(lambda torch, x: (torch.unique(x, **kw), x.unique(**kw)),
          inputs=[const([[3.0, 1.0, 3.0], [2.0, 1.0, 7.0]])], grad=False)
    check(lambda torch, x: torch.unique(x, **kw), inputs=[randint(0, 4, 3, 5)])
    check(lambda torch, x: torch.unique(x, **kw), inputs=[const([True, False, True])])
    check(lambda torch, x: torch.unique(x, **kw), inputs=[const(2.5)], grad=False)
    check(lambda torch, x: torch.unique(x, **kw), inputs=[randn(0, 3)], grad=False)


@pytest.mark.parametrize("dim", [0, 1, -1])
def test_unique_dim(dim):
    x = const([[1, 2, 1], [1, 2, 1], [0, 5, 0]])
    check(lambda torch, x: torch.unique(x, dim=dim, return_inverse=True, return_counts=True),
          inputs=[x])
    check(lambda torch, x: x.unique(dim=dim), inputs=[const([[1.0, 2.0, 1.0], [1.0, 2.0, 1.0]])],
          grad=False)


@pytest.mark.parametrize("kw", [{}, {"return_inverse": True, "return_counts": True}, {"dim": 0},
                                {"dim": 1, "return_counts": True}, {"dim": 0, "return_inverse": True}])
def test_unique_consecutive(kw):
    check(lambda torch, x: (torch.unique_consecutive(x, **kw), x.unique_consecutive(**kw)),
          inputs=[const([[1, 1, 2], [1, 1, 2], [3, 3, 3]])])
    check(lambda torch, x: torch.unique_consecutive(x, **kw),
          inputs=[const([[1.0, 1.0, 2.0], [1.0, 1.0, 2.0]])], grad=False)


@pytest.mark.parametrize("program", [
    lambda torch: torch.unique(torch.ones(3, requires_grad=True)).sum().backward(),
    lambda torch: torch.unique(torch.ones(3, 2, requires_grad=True), dim=0).sum().backward(),
    lambda torch: torch.unique_consecutive(torch.ones(3, requires_grad=True)).sum().backward(),
    lambda torch: torch.unique(torch.ones(2), dim=3),
    lambda torch: torch.unique(torch.ones(2, 0), dim=0),
])
def test_unique_errors(program):
    check_raises(program)


def test_unique_nodes():
    check(lambda torch, x: (torch.unique(x), torch.unique(x, dim=0), torch.unique_consecutive(x)),
          inputs=[const([[1.0, 2.0], [1.0, 2.0], [0.5, 0.0]])], grad=False)


# ----------------------------------------------------------------------------- searching
@pytest.mark.parametrize("kw", [{}, {"right": True}, {"side": "right"}, {"side": "left"},
                                {"out_int32": True}, {"right": True, "side": "right"}])
def test_searchsorted(kw):
    seq = const([1.0, 2.0, 2.0, 3.0])
    check(lambda torch, s, v: torch.searchsorted(s, v, **kw), inputs=[seq, const([[2.0, 0.5], [3.0, 9.0]])])
    check(lambda torch, s: torch.searchsorted(s, 2.0, **kw), inputs=[seq])
    check(lambda torch, s, v: torch.searchsorted(s, v, **kw),
          inputs=[const([[1, 3, 5], [2, 4, 6]]), const([[2, 5], [1, 6]])])
    check(lambda torch, s, v: torch.searchsorted(s, v, **kw), inputs=[seq, const([1, 2])])


def test_searchsorted_sorter_and_bucketize():
    check(lambda torch, s, v, i: torch.searchsorted(s, v, sorter=i),
          inputs=[const([3.0, 1.0, 2.0]), const([2.5, 0.0, 3.0]), const([1, 2, 0])])
    for kw in ({}, {"right": True}, {"out_int32": True}):
        check(lambda torch, v, b: (torch.bucketize(v, b, **kw), torch.bucketize(2, b, **kw)),
              inputs=[randn(3, 4), const([-1.0, 0.0, 2.0])])


@pytest.mark.parametrize("program", [
    lambda torch: torch.searchsorted(torch.ones(3), torch.ones(2), side="left", right=True),
    lambda torch: torch.searchsorted(torch.ones(3), torch.ones(2), side="x"),
    lambda torch: torch.searchsorted(torch.ones(2, 2), torch.ones(3)),
    lambda torch: torch.searchsorted(torch.ones(2, 2), torch.ones(3, 2)),
    lambda torch: torch.searchsorted(torch.tensor(1.0), torch.ones(3)),
    lambda torch: torch.searchsorted(torch.ones(4), torch.ones(3), sorter=torch.tensor([0, 1])),
    lambda torch: torch.bucketize(torch.ones(3), torch.ones(2, 2)),
])
def test_searchsorted_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- counting
def test_bincount():
    x = const([1, 1, 3, 0, 5])
    check(lambda torch, x: (torch.bincount(x), x.bincount(minlength=8), x.bincount(minlength=2)),
          inputs=[x])
    for w in (randn(5), randn(5, dtype="float64"), randint(0, 4, 5), randn(5, dtype="float16")):
        check(lambda torch, x, w: torch.bincount(x, w), inputs=[x, w])
    check(lambda torch, x: torch.bincount(x, minlength=3), inputs=[const([], dtype="int64")])
    check(lambda torch, x: torch.bincount(x), inputs=[const([2, 0], dtype="int32")])


@pytest.mark.parametrize("program", [
    lambda torch: torch.bincount(torch.tensor([-1])),
    lambda torch: torch.bincount(torch.tensor([[1]])),
    lambda torch: torch.bincount(torch.tensor([1.0])),
    lambda torch: torch.bincount(torch.tensor([True])),
    lambda torch: torch.bincount(torch.tensor([1]), minlength=-1),
    lambda torch: torch.bincount(torch.tensor([1, 2]), weights=torch.ones(3)),
])
def test_bincount_errors(program):
    check_raises(program)


@pytest.mark.parametrize("args", [(), (4,), (4, 0, 4), (3, -1.0, 1.0), (5, 2, 2)])
def test_histc(args):
    check(lambda torch, x: (torch.histc(x, *args), x.histc(*args)), inputs=[randn(20)])
    if len(args) == 3 and args[1] != args[2]:  # NaNs are not counted in a given range
        check(lambda torch, x: torch.histc(x, *args),
              inputs=[const([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, -1.0, 7.0, NAN])], grad=False)
    check(lambda torch, x: torch.histc(x, *args), inputs=[randn(3, 4, dtype="float64")])
    check(lambda torch, x: torch.histc(x, *args), inputs=[const([2.0, 2.0])])


def test_histc_empty():
    check(lambda torch, x: (torch.histc(x, bins=2), torch.histc(x, 2, 1, 1)), inputs=[randn(0)])


@pytest.mark.parametrize("kw", [{"bins": 3}, {"bins": 4, "range": (0.0, 4.0)}, {"bins": 2, "density": True},
                                {"bins": 3, "range": (-1.0, 1.0), "density": True}])
def test_histogram(kw):
    check(lambda torch, x: (torch.histogram(x, **kw), x.histogram(**kw)), inputs=[randn(12)])
    check(lambda torch, x, w: torch.histogram(x, weight=w, **kw), inputs=[randn(3, 4), randn(3, 4)])
    check(lambda torch, x: torch.histogram(x, **kw), inputs=[randn(6, dtype="float64")])
    check(lambda torch, x: torch.histogram(x, **kw), inputs=[const([2.0, 2.0])])
    check(lambda torch, x: torch.histogram(x, **kw), inputs=[randn(0)], grad=False)


def test_histogram_edges():
    check(lambda torch, x, e: torch.histogram(x, e), inputs=[randn(10), const([-1.0, 0.0, 0.5, 2.0], dtype="float32")])
    check(lambda torch, x, e, w: torch.histogram(x, e, weight=w, density=True),
          inputs=[randn(10), const([-1.0, 0.0, 0.5, 2.0], dtype="float32"), randn(10)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.histc(torch.tensor([1, 2]), bins=2),
    lambda torch: torch.histc(torch.ones(2), bins=0),
    lambda torch: torch.histc(torch.ones(2), min=3, max=1),
    lambda torch: torch.histc(torch.tensor([1.0, float("inf")]), bins=2),
    lambda torch: torch.histc(torch.tensor([1.0, float("nan")]), bins=2),
    lambda torch: torch.histogram(torch.tensor([1, 2]), bins=2),
    lambda torch: torch.histogram(torch.tensor([1.0, float("nan")]), bins=2),
    lambda torch: torch.histogram(torch.ones(1), bins=torch.ones(2, dtype=torch.float64)),
    lambda torch: torch.histogram(torch.ones(1), bins=2, weight=torch.ones(2)),
    lambda torch: torch.histogram(torch.ones(1), bins=2, range=(2.0, 1.0)),
    lambda torch: torch.histogram(torch.ones(2, requires_grad=True), 2)[0].sum().backward(),
    lambda torch: torch.bincount(torch.tensor([1]), torch.ones(1, requires_grad=True)).sum().backward(),
])
def test_counting_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- arrangements
@pytest.mark.parametrize("name", ["atleast_1d", "atleast_2d", "atleast_3d"])
def test_atleast(name):
    def program(torch, s, v, m, c):
        f = getattr(torch, name)
        return f(s), f(v), f(m), f(c), f(s, v), f([m, c]), f((v,))
    check(program, inputs=[randn(()), randn(3), randn(2, 3), randn(2, 1, 2)])


def test_stacks():
    check(lambda torch, s, v, m: (torch.dstack([v, v]), torch.dstack((m, m)), torch.column_stack([v, m.t()]), torch.column_stack([s, s]),
                                  torch.row_stack([v, m]), torch.column_stack([v])),
          inputs=[randn(()), randn(3), randn(2, 3)])


@pytest.mark.parametrize("name,shape", [("hsplit", (2, 6)), ("hsplit", (6,)), ("vsplit", (6, 2)),
                                        ("dsplit", (2, 2, 6))])
@pytest.mark.parametrize("arg", [2, 3, [1, 4], (0, 2, 9)])
def test_splits(name, shape, arg):
    check(lambda torch, x: (getattr(torch, name)(x, arg), getattr(x, name)(arg)), inputs=[randn(*shape)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.hsplit(torch.ones(2, 3), 2),
    lambda torch: torch.hsplit(torch.tensor(1.0), 2),
    lambda torch: torch.vsplit(torch.ones(3), 1),
    lambda torch: torch.dsplit(torch.ones(2, 2), 1),
    lambda torch: torch.vsplit(torch.ones(4, 2), 0),
    lambda torch: torch.fliplr(torch.ones(2)),
    lambda torch: torch.flipud(torch.tensor(1.0)),
    lambda torch: torch.take_along_dim(torch.ones(2, 2), torch.tensor([0]), 1),
    lambda torch: torch.tril_indices(-1, 2),
    lambda torch: torch.triu_indices(2, -2),
    lambda torch: torch.cartesian_prod(torch.ones(2, 2)),
])
def test_arrangement_errors(program):
    check_raises(program)


def test_flips_and_msort():
    check(lambda torch, m, c: (torch.fliplr(m), m.flipud(), c.fliplr(), torch.msort(m), c.msort()),
          inputs=[randn(3, 4), randn(2, 3, 2)])
    check(lambda torch, x: (torch.msort(x), x.flipud()), inputs=[randint(-5, 5, 4, 2)])


@pytest.mark.parametrize("dim", [None, 0, 1, -1])
def test_take_along_dim(dim):
    index = const([[0, 1, 1], [1, 1, 0]]) if dim is not None else const([0, 5, 3])
    check(lambda torch, x, i: (torch.take_along_dim(x, i, dim), x.take_along_dim(i, dim=dim)),
          inputs=[randn(2, 3), index])
    if dim is not None:  # broadcasting over the other dims
        check(lambda torch, x, i: torch.take_along_dim(x, i, dim), inputs=[randn(2, 3), const([[0]])])
        check(lambda torch, x, i: torch.take_along_dim(x, i, dim), inputs=[randn(1, 3), const([[0], [0]])])


def test_cartesian_prod():
    check(lambda torch, a, b, c: (torch.cartesian_prod(a, b), torch.cartesian_prod(a, b, c), torch.cartesian_prod(a)),
          inputs=[randn(3), randn(2), randn(2)])
    check(lambda torch, a, b: torch.cartesian_prod(a, b), inputs=[randint(0, 3, 2), randint(0, 3, 0)])


@pytest.mark.parametrize("args", [(3, 3), (3, 4, 1), (4, 3, -1), (2, 5, 9), (0, 3), (3, 3, -5)])
def test_triangle_indices(args):
    check(lambda torch: (torch.tril_indices(*args), torch.triu_indices(*args),
                         torch.tril_indices(*args, dtype=torch.int32)))


# ----------------------------------------------------------------------------- torch.<op>_
_UNARY_IN_PLACE = ["abs_", "acos_", "arccos_", "asin_", "arcsin_", "atan_", "arctan_", "atanh_",
                   "arctanh_", "asinh_", "arcsinh_", "ceil_", "cos_", "cosh_", "deg2rad_", "erf_",
                   "erfc_", "exp2_", "exp_", "expm1_", "fix_", "floor_", "frac_", "log10_", "log1p_",
                   "log2_", "log_", "logit_", "neg_", "negative_", "rad2deg_", "reciprocal_", "relu_",
                   "round_", "rsqrt_", "sigmoid_", "sin_", "sinc_", "sinh_", "sqrt_", "square_", "tan_",
                   "tanh_", "trunc_", "nan_to_num_", "zero_"]


@pytest.mark.parametrize("name", _UNARY_IN_PLACE)
def test_in_place_functions(name):
    def program(torch, x):
        y = x * 1
        result = getattr(torch, name)(y)
        return result, result is y
    check(program, inputs=[const([0.25, 0.5, 0.75], dtype="float32", requires_grad=True)])


@pytest.mark.parametrize("name", ["acosh_", "arccosh_"])
def test_in_place_functions_above_one(name):
    check(lambda torch, x: getattr(torch, name)(x * 1), inputs=[const([1.5, 2.0], dtype="float32", requires_grad=True)])


def test_in_place_functions_with_arguments():
    def program(torch, x, other):
        a, b, c, d, e = (x * 1 for _ in range(5))
        return (torch.clamp_(a, min=0.3, max=0.6), torch.clip_(b, 0.3), torch.fill_(c, 2.0),
                torch.xlogy_(d, other), torch.index_put_(e, (torch.tensor([0, 2]),), torch.tensor(5.0)))
    check(program, inputs=[randn(3), randn(3).nograd()])
    check(lambda torch, x: torch.detach_(x * 2), inputs=[randn(3)], grad=False)


@pytest.mark.parametrize("program", [
    lambda torch: torch.relu_(1),
    lambda torch: torch.exp_([1.0]),
    lambda torch: torch.sqrt_(torch.ones(2, requires_grad=True)),
    lambda torch: torch.fill_(torch.ones(2), torch.ones(2)),
])
def test_in_place_function_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- quantiles
@pytest.mark.parametrize("interpolation", ["linear", "lower", "higher", "midpoint", "nearest"])
@pytest.mark.parametrize("name", ["quantile", "nanquantile"])
def test_quantile(name, interpolation):
    def program(torch, x, q):
        f = getattr(torch, name)
        return (f(x, 0.3, interpolation=interpolation), f(x, q, dim=1, interpolation=interpolation),
                getattr(x, name)(0.5, dim=0, keepdim=True, interpolation=interpolation),
                f(x, q, keepdim=True, interpolation=interpolation), f(x, q[0], dim=-1, interpolation=interpolation),
                f(x, 1.0, 0, interpolation=interpolation), f(x, 0.0, 1, interpolation=interpolation))
    check(program, inputs=[randn(3, 5), const([0.25, 0.5, 0.875], dtype="float32", requires_grad=False)])
    check(lambda torch, x: getattr(torch, name)(x, 0.5, interpolation=interpolation),
          inputs=[const([[1.0, NAN, 3.0, 2.0], [NAN, NAN, NAN, NAN], [4.0, 1.0, 0.0, 2.0]])], grad=False)
    check(lambda torch, x: getattr(torch, name)(x, 0.4, dim=1, interpolation=interpolation),
          inputs=[const([[1.0, NAN, 3.0, 2.0], [NAN, NAN, NAN, NAN], [4.0, 1.0, 0.0, 2.0]])], grad=False)
    check(lambda torch, x: getattr(torch, name)(x, 0.5, dim=0), inputs=[randn(())])


@pytest.mark.parametrize("program", [
    lambda torch: torch.quantile(torch.ones(3), 1.5),
    lambda torch: torch.quantile(torch.ones(3), torch.tensor([[0.5]])),
    lambda torch: torch.quantile(torch.ones(3), torch.tensor([0.5, 2.0])),
    lambda torch: torch.quantile(torch.ones(3), 0.5, interpolation="x"),
    lambda torch: torch.quantile(torch.ones(3, dtype=torch.long), 0.5),
    lambda torch: torch.nanquantile(torch.ones(0), 0.5),
    lambda torch: torch.quantile(torch.ones(3), torch.tensor([0.5], dtype=torch.float64)),
    lambda torch: torch.quantile(torch.ones(3), 0.5, dim=2),
])
def test_quantile_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- gcd, lcm, ldexp, sizes
@pytest.mark.parametrize("name", ["gcd", "lcm"])
def test_gcd_lcm(name):
    def program(torch, a, b):
        c = a.clone()
        return getattr(torch, name)(a, b), getattr(a, name)(b[0]), getattr(c, name + "_")(b), c
    check(program, inputs=[randint(-20, 20, 3, 4), randint(-20, 20, 4)])
    check(program, inputs=[randint(0, 30, 5, dtype="int32"), randint(0, 30, 5, dtype="int32")])
    check(lambda torch, a, b: getattr(torch, name)(a, b), inputs=[randint(0, 9, 3, dtype="uint8"), randint(-9, 9, 3)])
    check(lambda torch, a, b: getattr(torch, name)(a, b), inputs=[const([0, 0, 5]), const([0, 7, 0])])


@pytest.mark.parametrize("program", [
    lambda torch: torch.gcd(torch.ones(2), torch.ones(2)),
    lambda torch: torch.lcm(torch.tensor([1]), 2),
    lambda torch: torch.tensor([True]).gcd(torch.tensor([True])),
    lambda torch: torch.ldexp(torch.ones(2), 2),
    lambda torch: torch.ones(2, 3).sum_to_size(4),
    lambda torch: torch.ones(2, 3).sum_to_size(1, 2, 3),
])
def test_gcd_ldexp_errors(program):
    check_raises(program)


def test_ldexp():
    check(lambda torch, x, e: (torch.ldexp(x, e), x.ldexp(e)), inputs=[randn(3, 4), randint(-3, 4, 4)])
    check(lambda torch, x, e: torch.ldexp(x, e), inputs=[randn(3), randn(3)])
    check(lambda torch, x, e: torch.ldexp(x, e), inputs=[randint(-3, 4, 3), randint(-3, 4, 3)])
    check(lambda torch, x, e: torch.ldexp(x, e), inputs=[randn(3, dtype="float64"), randn(())])

    def in_place(torch, x, e):
        y = x * 1
        return y.ldexp_(e), y
    check(in_place, inputs=[randn(3), randint(-3, 4, 3)])


@pytest.mark.parametrize("size", [(1, 3), ((2, 1),), (3,), (2, 3), (1,), ((),), (1, 1)])
def test_sum_to_size(size):
    check(lambda torch, x: x.sum_to_size(*size), inputs=[randn(2, 3)])


def test_swapaxes_in_place():
    def program(torch, x):
        a, b = x * 1, x * 2
        return a.swapaxes_(0, 2), a.shape, b.swapdims_(-1, 1), b
    check(program, inputs=[randn(2, 3, 4)])


# ----------------------------------------------------------------------------- scatters, aminmax, i0
def test_view_scatters():
    check(lambda torch, x, s: (torch.select_scatter(x, s, 0, 1), x.select_scatter(s, 0, -1)),
          inputs=[randn(3, 4), randn(4)])
    check(lambda torch, x, s: torch.select_scatter(x, s, 1, 2), inputs=[randn(3, 4), randn(3)])
    check(lambda torch, x, s: (torch.slice_scatter(x, s, 1, 0, 4, 2), x.slice_scatter(s[:, :1], 1, start=-1)),
          inputs=[randn(3, 4), randn(3, 2)])
    check(lambda torch, x, s: torch.slice_scatter(x, s), inputs=[randn(3, 4), randn(3, 4)])
    for args in ((), (1,), (-1,), (0, 1, 0)):
        n = {(): 3, (1,): 3, (-1,): 2, (0, 1, 0): 3}[args]
        check(lambda torch, x, s: (torch.diagonal_scatter(x, s, *args), x.diagonal_scatter(s, *args)),
              inputs=[randn(3, 4), randn(n)])
    check(lambda torch, x, s: torch.diagonal_scatter(x, s, 0, 0, 2), inputs=[randn(2, 3, 2), randn(3, 2)])
    check(lambda torch, x, s: torch.select_scatter(x, s, 0, 0), inputs=[randint(0, 5, 2, 2), randint(0, 5, 2)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.select_scatter(torch.ones(3, 4), torch.ones(3), 0, 1),
    lambda torch: torch.select_scatter(torch.ones(3, 4), torch.ones(4), 0, 5),
    lambda torch: torch.slice_scatter(torch.ones(3, 4), torch.ones(3, 4), 0, 0, 2),
    lambda torch: torch.diagonal_scatter(torch.ones(3, 4), torch.ones(2)),
    lambda torch: torch.aminmax(torch.ones(0)),
    lambda torch: torch.combinations(torch.ones(2, 2)),
])
def test_scatter_errors(program):
    check_raises(program)


@pytest.mark.parametrize("kw", [{}, {"dim": 0}, {"dim": -1, "keepdim": True}, {"keepdim": True}])
def test_aminmax(kw):
    check(lambda torch, x: (torch.aminmax(x, **kw), x.aminmax(**kw)), inputs=[randn(3, 4)])
    check(lambda torch, x: torch.aminmax(x, **kw), inputs=[const([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]])])
    check(lambda torch, x: torch.aminmax(x, **kw), inputs=[randint(-5, 5, 2, 3)])


def test_i0():
    check(lambda torch, x: (torch.i0(x), x.i0()), inputs=[randn(3, 4)])
    check(lambda torch, x: torch.i0(x), inputs=[randint(-3, 3, 4)])

    def in_place(torch, x):
        y = x * 1
        return torch.i0_(y), y.i0_()
    check(in_place, inputs=[randn(3)])


@pytest.mark.parametrize("r", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("with_replacement", [False, True])
def test_combinations(r, with_replacement):
    check(lambda torch, x: torch.combinations(x, r, with_replacement), inputs=[randn(4)])
    check(lambda torch, x: torch.combinations(x, r=r, with_replacement=with_replacement),
          inputs=[randint(0, 9, 3)])


@pytest.mark.parametrize("shape", [(3, 4), (4, 3), (7, 3), (2, 5), (3, 3, 3), (1, 1)])
@pytest.mark.parametrize("wrap", [False, True])
def test_fill_diagonal(shape, wrap):
    def program(torch, x):
        y = x * 1
        return y.fill_diagonal_(2.5, wrap=wrap), y
    check(program, inputs=[randn(*shape)])
    check(lambda torch, x: x.clone().fill_diagonal_(7, wrap), inputs=[randint(0, 3, *shape)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.zeros(2, 3, 4).fill_diagonal_(1),
    lambda torch: torch.zeros(2).fill_diagonal_(1),
])
def test_fill_diagonal_errors(program):
    check_raises(program)
