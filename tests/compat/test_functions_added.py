"""Functions real torch programs call, against torch: addcmul/addcdiv, hypot, lerp,
repeat_interleave, meshgrid, nanmedian, inverse, scalar_tensor, bit shifts, in-place
squeeze/unsqueeze/transpose, torch.testing.assert_close, the default device, std_mean/var_mean
and ``axis=`` on the hand-written fronts."""
import numpy as np
import pytest

from oracle import check, check_raises, const, randint, randn, uniform

torch = pytest.importorskip("torch")


# ----------------------------------------------------------------------------- addcmul/addcdiv
@pytest.mark.parametrize("name", ["addcmul", "addcdiv"])
@pytest.mark.parametrize("shapes", [((3,), (3,), (3,)), ((2, 1, 3), (4, 1), (3,)), ((), (2, 3), ())])
def test_addc_broadcasts_with_gradients(name, shapes):
    a, b, c = shapes
    check(lambda torch, x, y, z: getattr(torch, name)(x, y, z, value=0.5),
          inputs=[randn(*a), randn(*b), uniform(*c)])


@pytest.mark.parametrize("name", ["addcmul", "addcdiv"])
def test_addc_method_default_value_and_in_place(name):
    def program(torch, x, y, z):
        w = x * 1.0
        getattr(w, name + "_")(y, z, value=-2)
        return getattr(x, name)(y, z), w
    check(program, inputs=[randn(2, 3), randn(2, 3), uniform(3)])


@pytest.mark.parametrize("dtypes", [("float64", "float32", "float32"), ("int64", "float32", "float32"),
                                    ("float32", "float64", "float16"), ("float16", "float16", "float16")])
def test_addc_promotion(dtypes):
    a, b, c = dtypes
    check(lambda torch, x, y, z: (torch.addcmul(x, y, z, value=0.1), torch.addcdiv(x, y, z, value=3)),
          inputs=[uniform(4, dtype=a), uniform(4, dtype=b), uniform(4, dtype=c)], grad=False)


def test_addcmul_integers_truncate_a_float_value_and_take_a_tensor_value():
    check(lambda torch, x, y: (torch.addcmul(x, x, y, value=2), torch.addcmul(x, x, y, value=0.5),
                               torch.addcmul(x, y, y, value=torch.tensor(3))),
          inputs=[randint(-5, 5, 4), randint(-5, 5, 4)])


def test_addc_zero_dim_tensor_does_not_promote():
    check(lambda torch, x, y: torch.addcmul(x, y.double().sum(), y),
          inputs=[randn(3), randn(3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.addcdiv(torch.tensor([1]), torch.tensor([1]), torch.tensor([2])),
    lambda torch: torch.addcdiv(torch.ones(2), torch.tensor([1, 2]), torch.tensor([2, 2])),
    lambda torch: torch.ones(2).addcdiv_(torch.tensor([1, 2]), torch.tensor([2, 2])),
    lambda torch: torch.addcmul(torch.ones(2), 1, torch.ones(2)),
    lambda torch: torch.ones(2).addcmul(torch.ones(2), 2.0),
    lambda torch: torch.addcmul(1, torch.ones(2), torch.ones(2)),
    lambda torch: torch.addcmul(torch.ones(2), torch.ones(2), torch.ones(2), 2),
    lambda torch: torch.addcmul(torch.ones(3), torch.ones(3), torch.ones(2)),
    lambda torch: torch.ones(3, dtype=torch.int64).addcmul_(torch.ones(3), torch.ones(3)),
    lambda torch: torch.ones(3).addcmul_(torch.ones(3), torch.ones(2, 3)),
    lambda torch: torch.addcmul(torch.ones(2, dtype=torch.bool), torch.ones(2, dtype=torch.bool),
                                torch.ones(2, dtype=torch.bool)),
    lambda torch: torch.addcmul(torch.ones(2), torch.ones(2), torch.ones(2), value=1j),
])
def test_addc_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- hypot, lerp
@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2, 1), (3,)), ((), (2, 2))])
def test_hypot_broadcasts_with_gradients(shapes):
    check(lambda torch, x, y: torch.hypot(x, y), inputs=[randn(*shapes[0]), randn(*shapes[1])])


def test_hypot_gradient_at_the_origin_is_nan_as_torch():
    check(lambda torch, x, y: x.hypot(y), inputs=[const([0.0, 3.0]), const([0.0, -4.0])])


@pytest.mark.parametrize("dtypes", [("float16", "float16"), ("float32", "float64"), ("int64", "float32")])
def test_hypot_promotion(dtypes):
    check(lambda torch, x, y: torch.hypot(x, y), inputs=[uniform(4, dtype=dtypes[0]),
                                                          uniform(4, dtype=dtypes[1])], grad=False)


def test_hypot_in_place():
    check(lambda torch, x, y: x.clone().hypot_(y), inputs=[randn(2, 3), randn(3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.hypot(torch.tensor([1, 2]), torch.tensor([3, 4])),
    lambda torch: torch.ones(2).hypot(2.0),
    lambda torch: torch.hypot(torch.ones(3), torch.ones(2)),
    lambda torch: torch.ones(2, dtype=torch.int64).hypot_(torch.ones(2)),
])
def test_hypot_errors(program):
    check_raises(program)


@pytest.mark.parametrize("weight", [0.25, 0.75, 2, True, "tensor", "scalar-tensor"])
def test_lerp_function_method_and_in_place(weight):
    def program(torch, x, y, w):
        wt = {"tensor": w, "scalar-tensor": w.sum()}.get(weight, weight)
        z = x * 1.0
        z.lerp_(y, wt)
        return torch.lerp(x, y, wt), x.lerp(y, weight=wt), z
    check(program, inputs=[randn(2, 3), randn(3), uniform(2, 3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.lerp(torch.ones(2), torch.ones(2).double(), 0.5),
    lambda torch: torch.lerp(torch.tensor([1, 2]), torch.tensor([1, 2]), 0.5),
    lambda torch: torch.ones(3).lerp_(torch.ones(2, 3), 0.5),
    lambda torch: torch.lerp(torch.ones(2), torch.ones(2), 1j),
])
def test_lerp_errors(program):
    check_raises(program)


def test_lerp_end_must_be_a_tensor():
    # torch words it as an invalid combination of its overloads; the type is torch's
    check_raises(lambda torch: torch.lerp(torch.ones(2), 2.0, 0.5), message=False)


# ----------------------------------------------------------------------------- repeat_interleave
@pytest.mark.parametrize("repeats, dim", [(2, None), (3, 0), (2, 1), (0, 1), (2, -1)])
def test_repeat_interleave_number(repeats, dim):
    check(lambda torch, x: (x.repeat_interleave(repeats, dim),
                            torch.repeat_interleave(x, repeats, dim=dim)), inputs=[randn(2, 3)])


def test_repeat_interleave_number_of_a_zero_dim_and_a_transposed_tensor():
    check(lambda torch, x, y: (torch.repeat_interleave(x, 3), y.t().repeat_interleave(2, 0)),
          inputs=[randn(), randn(2, 3)])


@pytest.mark.parametrize("repeats, dim", [([1, 0, 3], 1), ([2, 1], 0), ([2], 0), (2, 1),
                                          ([1, 2, 0, 1, 1, 3], None)])
def test_repeat_interleave_tensor(repeats, dim):
    check(lambda torch, x: (x.repeat_interleave(torch.tensor(repeats), dim=dim),
                            torch.repeat_interleave(x, torch.tensor(repeats), dim)),
          inputs=[randn(2, 3)])


def test_repeat_interleave_output_size():
    check(lambda torch, x: (x.repeat_interleave(torch.tensor([1, 3]), 0, output_size=4),
                            x.repeat_interleave(2, 1, output_size=6)), inputs=[randn(2, 3)])


@pytest.mark.parametrize("dtype", ["int64", "int32"])
def test_repeat_interleave_of_the_repeats_alone(dtype):
    check(lambda torch, r: (torch.repeat_interleave(r), torch.repeat_interleave(r, output_size=5)),
          inputs=[const([2, 0, 3], dtype=dtype)])


def test_repeat_interleave_integers():
    check(lambda torch, x: x.repeat_interleave(torch.tensor([2, 1], dtype=torch.int32), dim=0),
          inputs=[randint(0, 9, 2, 2, dtype="int32")])


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(2, 2).repeat_interleave(-1),
    lambda torch: torch.ones(2, 2).repeat_interleave(torch.tensor([-1, 2]), dim=0),
    lambda torch: torch.ones(2, 2).repeat_interleave(torch.tensor([1, 2, 3]), dim=0),
    lambda torch: torch.ones(2, 2).repeat_interleave(torch.tensor([1., 2.]), dim=0),
    lambda torch: torch.ones(2, 2).repeat_interleave(torch.tensor([True, False]), dim=0),
    lambda torch: torch.ones(2, 2).repeat_interleave(torch.tensor([[1, 2]]), dim=0),
    lambda torch: torch.ones(2, 2).repeat_interleave(2, dim=2),
    lambda torch: torch.ones(2, 2).repeat_interleave(torch.tensor([1, 2]), 0, output_size=4),
    lambda torch: torch.ones(2, 2).repeat_interleave(2, 0, output_size=5),
    lambda torch: torch.repeat_interleave(torch.tensor(3)),
    lambda torch: torch.repeat_interleave(torch.tensor([[1, 2]])),
    lambda torch: torch.repeat_interleave(torch.tensor([1., 2.])),
    lambda torch: torch.repeat_interleave(2),
])
def test_repeat_interleave_errors(program):
    check_raises(program)


@pytest.mark.parametrize("program", [
    lambda torch: torch.repeat_interleave(torch.ones(2), 2.5),
    lambda torch: torch.ones(2).repeat_interleave(True),
    lambda torch: torch.ones(2).repeat_interleave(),
    lambda torch: torch.repeat_interleave(torch.ones(2), [1, 2], dim=0),
])
def test_repeat_interleave_refuses_other_arguments_with_torchs_first_line(program):
    theirs = ours = None
    try:
        program(torch)
    except TypeError as e:
        theirs = str(e).splitlines()[0]
    import compat
    try:
        program(compat)
    except TypeError as e:
        ours = str(e).splitlines()[0]
    assert theirs is not None and ours == theirs


# ----------------------------------------------------------------------------- meshgrid
@pytest.mark.parametrize("indexing", ["ij", "xy"])
@pytest.mark.parametrize("shapes", [((3,), (2,)), ((3,), (2,), (4,)), ((), (2,)), ((3,),)])
def test_meshgrid(indexing, shapes):
    def program(torch, *xs):
        grids = torch.meshgrid(*xs, indexing=indexing)
        return grids, [g.stride() for g in grids], torch.meshgrid(list(xs), indexing=indexing)
    check(program, inputs=[randn(*s) for s in shapes])


def test_meshgrid_without_indexing_warns_once_as_torch():
    import subprocess
    import sys
    code = ("import warnings, {lib} as torch\nwarnings.simplefilter('always')\n"
            "with warnings.catch_warnings(record=True) as w:\n"
            "    warnings.simplefilter('always')\n"
            "    a = torch.meshgrid(torch.ones(2), torch.ones(3))\n"
            "    b = torch.meshgrid(torch.ones(2), indexing=None)\n"
            "print([str(x.message) for x in w], [g.shape for g in a + b])\n")
    outputs = [subprocess.run([sys.executable, "-c", code.format(lib=lib)], capture_output=True,
                              text=True, check=True).stdout for lib in ("torch", "compat")]
    assert outputs[0] == outputs[1] and "indexing argument" in outputs[0]


@pytest.mark.parametrize("program", [
    lambda torch: torch.meshgrid(),
    lambda torch: torch.meshgrid(torch.ones(2), torch.ones(2), indexing="xx"),
    lambda torch: torch.meshgrid(torch.ones(2), torch.ones(2).double(), indexing="ij"),
    lambda torch: torch.meshgrid(torch.ones(2), 2, indexing="ij"),
    lambda torch: torch.meshgrid([torch.ones(2)], [torch.ones(2)], indexing="ij"),
    lambda torch: torch.meshgrid(torch.ones(2), indexing=3),
])
def test_meshgrid_errors(program):
    check_raises(program)


def test_meshgrid_refuses_a_matrix():
    check_raises(lambda torch: torch.meshgrid(torch.ones(2), torch.ones(2, 2), indexing="ij"),
                 message=False)


def test_meshgrid_warns_before_it_checks_as_torch():
    import subprocess
    import sys
    code = ("import warnings, {lib} as torch\n"
            "with warnings.catch_warnings(record=True) as w:\n"
            "    warnings.simplefilter('always')\n"
            "    try:\n        torch.meshgrid()\n    except RuntimeError as e:\n        print(e)\n"
            "print([str(x.message) for x in w])\n")
    outputs = [subprocess.run([sys.executable, "-c", code.format(lib=lib)], capture_output=True,
                              text=True, check=True).stdout for lib in ("torch", "compat")]
    assert outputs[0] == outputs[1] and "indexing argument" in outputs[0]


# ----------------------------------------------------------------------------- nanmedian
NAN = float("nan")


@pytest.mark.parametrize("values", [
    [[1.0, NAN, 3.0, 2.0], [NAN, NAN, NAN, NAN], [4.0, 1.0, 0.5, NAN]],
    [[1.0, 2.0, NAN, 2.0, 3.0]], [[NAN, NAN]], [[2.0, 1.0, 2.0, 1.0, 3.0, 1.0]],
])
def test_nanmedian_of_all_elements_spreads_the_gradient_over_ties(values):
    check(lambda torch, x: (x.nanmedian(), torch.nanmedian(x)), inputs=[const(values, "float32")])


@pytest.mark.parametrize("dim, keepdim", [(1, False), (0, True), (-1, True), (0, False)])
def test_nanmedian_along_a_dim(dim, keepdim):
    values = [[1.0, NAN, 3.0, 2.0], [NAN, NAN, NAN, NAN], [4.0, 1.5, 0.5, NAN]]
    check(lambda torch, x: (x.nanmedian(dim, keepdim), torch.nanmedian(x, dim=dim, keepdim=keepdim)),
          inputs=[const(values, "float32")])


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 8, 13, 40])
def test_nanmedian_index_of_a_row_of_nans_is_torchs(size):
    check(lambda torch, x: x.nanmedian(1), inputs=[const(np.full((2, size), np.nan), "float32")])


def test_nanmedian_without_nans_is_median_and_takes_integers_and_zero_dim():
    check(lambda torch, x, i, s: (x.nanmedian(1), x.nanmedian(), i.nanmedian(), i.nanmedian(0),
                                  s.nanmedian(), s.nanmedian(0)),
          inputs=[randn(3, 5), randint(-5, 5, 6), randn()])


def test_nanmedian_of_nothing():
    check(lambda torch, x, y: (x.nanmedian(), y.nanmedian(1)),
          inputs=[randn(0), randn(0, 3)], grad=False)


@pytest.mark.parametrize("program", [
    lambda torch: torch.tensor([True]).nanmedian(),
    lambda torch: torch.tensor([True]).nanmedian(0),
    lambda torch: torch.ones(0, 3).nanmedian(0),
    lambda torch: torch.ones(2, 3).nanmedian(2),
    lambda torch: torch.nanmedian(2.0),
])
def test_nanmedian_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- inverse
def _invertible(*shape):
    m = np.random.default_rng(len(shape)).standard_normal(shape)
    return const((m + 3 * np.eye(shape[-1])).astype("float32"))


@pytest.mark.parametrize("shape", [(1, 1), (3, 3), (2, 4, 4)])
def test_inverse_forms_and_gradients(shape):
    check(lambda torch, a: (torch.inverse(a), a.inverse(), torch.linalg.inv(a),
                            torch.linalg.inv_ex(a)), inputs=[_invertible(*shape)],
          rtol=1e-4, atol=1e-5, grad_rtol=1e-4, grad_atol=1e-5)


def test_inverse_float64_and_empty():
    check(lambda torch, a, e: (torch.linalg.inv(a.double()), torch.linalg.inv(e),
                               torch.linalg.inv_ex(e)), inputs=[_invertible(3, 3), randn(2, 0, 0)])


def test_inv_ex_of_a_singular_matrix_reports_the_zero_pivot():
    check(lambda torch, a: torch.linalg.inv_ex(torch.stack([a, a + torch.eye(2)])),
          inputs=[const([[1.0, 2.0], [2.0, 4.0]], "float32", requires_grad=False)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.linalg.inv(torch.tensor([[1.0, 2.0], [2.0, 4.0]])),
    lambda torch: torch.inverse(torch.zeros(3, 3)),
    lambda torch: torch.linalg.inv(torch.stack([torch.eye(2), torch.zeros(2, 2)])),
    lambda torch: torch.linalg.inv_ex(torch.zeros(2, 2), check_errors=True),
])
def test_a_singular_matrix_is_torchs_linalg_error(program):
    import compat
    raised = []
    for lib in (torch, compat):
        with pytest.raises(lib.linalg.LinAlgError) as info:
            program(lib)
        raised.append((type(info.value).__name__, str(info.value)))
    assert raised[0] == raised[1]


@pytest.mark.parametrize("program", [
    lambda torch: torch.linalg.inv(torch.ones(2, 3)),
    lambda torch: torch.linalg.inv(torch.ones(3)),
    lambda torch: torch.linalg.inv(torch.ones(2, 2, dtype=torch.int64)),
    lambda torch: torch.linalg.inv(torch.ones(2, 2).half()),
    lambda torch: torch.linalg.inv_ex(torch.ones(3)),
])
def test_inverse_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- scalar_tensor
@pytest.mark.parametrize("args, kwargs", [
    ((3,), {}), ((3.5,), {}), ((True,), {}), ((2,), {"dtype": "int64"}),
    ((2.0,), {"requires_grad": True}), ((3.7,), {"dtype": "int32"}), ((3,), {"dtype": "uint8"}),
    ((1 + 2j,), {"dtype": "complex64"}), ((3,), {"device": "cpu"}),
])
def test_scalar_tensor(args, kwargs):
    def program(torch):
        given = dict(kwargs)
        if "dtype" in given:
            given["dtype"] = getattr(torch, given["dtype"])
        s = torch.scalar_tensor(*args, **given)
        return s, torch.scalar_tensor(torch.tensor(args[0]), **given)
    from oracle import check_program
    check_program(program)


@pytest.mark.parametrize("program", [
    lambda torch: torch.scalar_tensor(1j),
    lambda torch: torch.scalar_tensor("a"),
    lambda torch: torch.scalar_tensor([1]),
    lambda torch: torch.scalar_tensor(),
    lambda torch: torch.scalar_tensor(2 ** 70),
    lambda torch: torch.scalar_tensor(300, dtype=torch.uint8),
    lambda torch: torch.scalar_tensor(1, dtype=torch.int64, requires_grad=True),
])
def test_scalar_tensor_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- shifts
INT_DTYPES = ["int64", "int32", "int16", "int8", "uint8"]


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_shifts_in_and_out_of_range(dtype):
    values = const([1, 3, 5, 7, 100, 127, 0, 9][:8], dtype)
    amounts = const([0, 1, 3, 7, 8, 15, 31, 63], dtype) if dtype != "uint8" \
        else const([0, 1, 3, 7, 8, 9, 200, 255], dtype)
    check(lambda torch, a, b: (a << b, a >> b, torch.bitwise_left_shift(a, b),
                               torch.bitwise_right_shift(a, b), a.bitwise_left_shift(b),
                               a.bitwise_right_shift(b)), inputs=[values, amounts])


@pytest.mark.parametrize("dtype", ["int64", "int32", "int8"])
def test_shifts_of_negative_values_and_by_negative_amounts(dtype):
    check(lambda torch, a, b: (a << b, a >> b),
          inputs=[const([-8, -1, 5, -128 if dtype == "int8" else -1000], dtype),
                  const([1, 70 if dtype != "int8" else 9, -1, 2], dtype)])


def test_shifts_by_python_numbers_and_reflected():
    check(lambda torch, a: (a << 2, a >> 1, 2 << a, 64 >> a, a.__rlshift__(3), a.__rrshift__(64),
                            a << 64, a >> -1, torch.bitwise_left_shift(2, a)),
          inputs=[const([0, 1, 2, 3])])


def test_shifts_promote():
    check(lambda torch, a, b, c, m: (a << b, b << a, c << 1, a << m.sum(), b >> m),
          inputs=[const([1, 2], "int32"), const([1, 40], "int64"), const([True, False]),
                  const([1, 1], "uint8")])


def test_shifts_in_place_and_augmented():
    def program(torch, a):
        b = a.clone()
        b <<= 2
        c = a.clone()
        c >>= torch.tensor([1, 0, 2])
        d = a.clone().bitwise_left_shift_(1)
        e = a.clone().bitwise_right_shift_(torch.tensor(1))
        return b, c, d, e
    check(program, inputs=[const([4, 8, 16])])


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(2) << 1,
    lambda torch: torch.ones(2) >> 1,
    lambda torch: torch.tensor([1, 2]) << 1.5,
    lambda torch: 2.0 << torch.tensor([1, 2]),
    lambda torch: torch.tensor([1]) << torch.ones(1),
    lambda torch: torch.tensor([True]) << torch.tensor([True]),
    lambda torch: torch.ones(2, requires_grad=True) << 1,
    lambda torch: torch.tensor([1, 2]) << None,
    lambda torch: torch.tensor([1, 2]) >> "a",
    lambda torch: torch.ones(2).__irshift__(1),
    lambda torch: torch.tensor([1, 2]).bitwise_left_shift_(torch.ones(2, dtype=torch.int64).reshape(2, 1)),
    lambda torch: torch.tensor([1, 2]) << torch.tensor([1, 2, 3]),
])
def test_shift_errors(program):
    check_raises(program)


@pytest.mark.parametrize("name", ["bitwise_left_shift", "bitwise_right_shift"])
def test_shift_of_two_numbers_is_refused_with_torchs_first_line(name):
    import compat
    lines = []
    for lib in (torch, compat):
        with pytest.raises(TypeError) as info:
            getattr(lib, name)(2, 3)
        lines.append(str(info.value).splitlines()[0])
    assert lines[0] == lines[1]


# ----------------------------------------------------------------------------- in-place shapes
@pytest.mark.parametrize("name, args", [("squeeze_", ()), ("squeeze_", (1,)), ("squeeze_", ((0, 1),)),
                                        ("squeeze_", (-1,)), ("unsqueeze_", (0,)),
                                        ("unsqueeze_", (-1,)), ("transpose_", (0, 2)),
                                        ("transpose_", (1, -1))])
def test_in_place_shape_change_of_a_non_leaf(name, args):
    def program(torch, x):
        y = x * 2
        same = getattr(y, name)(*args) is y
        return y, same, y.stride(), y._version
    check(program, inputs=[randn(1, 1, 3)] if name == "squeeze_" else [randn(2, 1, 3)])


def test_in_place_shape_change_of_a_view_keeps_writing_into_its_base():
    def program(torch, b):
        base = b.clone()
        v = base[0]
        v.squeeze_()
        v.add_(1)
        w = base[:, :, 1:]
        w.unsqueeze_(0)
        w.mul_(3)
        u = base[1]
        u.transpose_(0, 1)
        u.sub_(torch.arange(3.0).reshape(3, 1))
        return base, v, w, u, v.stride(), w.stride(), u.stride(), v._base is base
    check(program, inputs=[randn(2, 1, 3)])


def test_in_place_shape_change_of_a_non_contiguous_tensor():
    check(lambda torch, x: (x.t()[:, :1].squeeze_().stride(), x[:, :1].unsqueeze_(0).stride(),
                            x.t().transpose_(0, 1).stride()), inputs=[randn(3, 4).nograd()])


def test_in_place_shape_change_under_no_grad_and_of_a_detached_leaf():
    def program(torch, x):
        with torch.no_grad():
            x.squeeze_()
        y = x.detach()
        y.unsqueeze_(0)
        return x.shape, x.requires_grad, y.shape
    check(program, inputs=[randn(2, 1)], grad=False)


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(2, 1, requires_grad=True).squeeze_(),
    lambda torch: torch.ones(2, 1, requires_grad=True).unsqueeze_(0),
    lambda torch: torch.ones(2, 1, requires_grad=True).transpose_(0, 1),
    lambda torch: torch.ones(2, 1, requires_grad=True).t_(),
    lambda torch: torch.ones(2, 1, requires_grad=True)[0:1].squeeze_(),
    lambda torch: torch.ones(2, 1).squeeze_(5),
    lambda torch: torch.ones(2, 1).unsqueeze_(3),
    lambda torch: torch.ones(2, 1).transpose_(0, 2),
    lambda torch: torch.ones(2, 1).squeeze_((0, 0)),
])
def test_in_place_shape_change_errors(program):
    check_raises(program)


def test_unsqueeze_in_place_needs_a_dim():
    # Python words the missing argument its own way ("argument: 'dim'")
    check_raises(lambda torch: torch.ones(2, 1).unsqueeze_(), message=False)


# ----------------------------------------------------------------------------- torch.testing
def _outcome(program, lib):
    try:
        program(lib)
    except Exception as e:  # noqa: BLE001 (the outcome is compared, whatever it is)
        return type(e).__name__, str(e)
    return None


def _same_outcome(program):
    import compat
    theirs, ours = _outcome(program, torch), _outcome(program, compat)
    assert ours == theirs


ASSERT_CLOSE = {
    "close": lambda t: t.testing.assert_close(t.tensor([1., 2., 3.]), t.tensor([1., 2., 3. + 1e-6])),
    "not-close": lambda t: t.testing.assert_close(t.tensor([1., 2., 3.]), t.tensor([1., 2., 3.5])),
    "matrix": lambda t: t.testing.assert_close(t.zeros(2, 2), t.eye(2)),
    "many": lambda t: t.testing.assert_close(t.arange(20.).reshape(4, 5),
                                             t.arange(20.).reshape(4, 5) + t.eye(4, 5)),
    "ties-and-signs": lambda t: t.testing.assert_close(t.tensor([1., -3.]), t.tensor([-1., 3.])),
    "relative-inf": lambda t: t.testing.assert_close(t.tensor([0.5, 0.]), t.tensor([0., 0.5])),
    "zero-dim": lambda t: t.testing.assert_close(t.tensor(1.), t.tensor(1.5)),
    "dtype": lambda t: t.testing.assert_close(t.ones(3), t.ones(3).double()),
    "dtype-unchecked": lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 3.]).double(),
                                                        check_dtype=False),
    "dtype-unchecked-int-float": lambda t: t.testing.assert_close(t.tensor([1, 2]), t.tensor([1., 2.5]),
                                                                  check_dtype=False),
    "half-tolerance": lambda t: t.testing.assert_close(t.tensor([1., 2.]).half(),
                                                       t.tensor([1., 2.01]).half()),
    "half-within": lambda t: t.testing.assert_close(t.tensor([1., 2.]).half(),
                                                    t.tensor([1., 2.001]).half()),
    "mixed-tolerance": lambda t: t.testing.assert_close(t.tensor([1., 2.]).half(), t.tensor([1., 2.0005]),
                                                        check_dtype=False),
    "float64": lambda t: t.testing.assert_close(t.tensor([1.]).double(), t.tensor([1. + 1e-6]).double()),
    "nan": lambda t: t.testing.assert_close(t.tensor([1., NAN]), t.tensor([1., NAN])),
    "nan-equal": lambda t: t.testing.assert_close(t.tensor([1., NAN]), t.tensor([1., NAN]), equal_nan=True),
    "inf": lambda t: t.testing.assert_close(t.tensor([float("inf")]), t.tensor([float("inf")])),
    "inf-signs": lambda t: t.testing.assert_close(t.tensor([float("inf")]), t.tensor([-float("inf")])),
    "integers": lambda t: t.testing.assert_close(t.tensor([1, 2]), t.tensor([1, 3])),
    "integers-atol": lambda t: t.testing.assert_close(t.tensor([1, 5]), t.tensor([1, 2]), atol=1, rtol=0),
    "uint8": lambda t: t.testing.assert_close(t.tensor([1, 5], dtype=t.uint8), t.tensor([3, 2], dtype=t.uint8)),
    "bool": lambda t: t.testing.assert_close(t.tensor([True]), t.tensor([False])),
    "shape": lambda t: t.testing.assert_close(t.ones(2), t.ones(3)),
    "shape-unsqueezed": lambda t: t.testing.assert_close(t.ones(2), t.ones(1, 2)),
    "stride-unchecked": lambda t: t.testing.assert_close(t.ones(3, 4)[:, :2], t.ones(3, 2)),
    "stride": lambda t: t.testing.assert_close(t.ones(3, 4)[:, :2], t.ones(3, 2), check_stride=True),
    "rtol-atol": lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1.1, 2.]), rtol=0.2, atol=0),
    "rtol-alone": lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1.1, 2.]), rtol=0.2),
    "atol-alone": lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.]), atol=1),
    "exact": lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([2., 1.]), rtol=0, atol=0),
    "large": lambda t: t.testing.assert_close(t.tensor([1e10, 2.]), t.tensor([1e10 + 1e5, 2.])),
    "requires-grad": lambda t: t.testing.assert_close(t.ones(2, requires_grad=True), t.ones(2)),
    "empty": lambda t: t.testing.assert_close(t.ones(0), t.ones(0)),
    "msg": lambda t: t.testing.assert_close(t.ones(2), t.zeros(2), msg="custom"),
    "msg-callable": lambda t: t.testing.assert_close(t.ones(2), t.zeros(2), msg=lambda m: "X" + m[:10]),
    "numbers": lambda t: t.testing.assert_close(1.0, 1.5),
    "numbers-close": lambda t: t.testing.assert_close(1.0, 1.0 + 1e-9),
    "ints": lambda t: t.testing.assert_close(1, 2),
    "int-float": lambda t: t.testing.assert_close(1, 1.0),
    "int-float-unchecked": lambda t: t.testing.assert_close(1, 1.0, check_dtype=False),
    "bools": lambda t: t.testing.assert_close(True, False),
    "complex": lambda t: t.testing.assert_close(1 + 1j, 1 + 2j),
    "tensor-and-number": lambda t: t.testing.assert_close(t.ones(1), 1.0),
    "tensor-and-list": lambda t: t.testing.assert_close(t.ones(2), [1., 1.]),
    "strings": lambda t: t.testing.assert_close("a", "a"),
    "nones": lambda t: t.testing.assert_close(None, None),
    "sequence-item": lambda t: t.testing.assert_close([t.tensor(1.), t.tensor(2.)],
                                                      [t.tensor(1.), t.tensor(2.5)]),
    "sequence-kinds": lambda t: t.testing.assert_close((t.tensor(1.),), [t.tensor(1.)]),
    "sequence-length": lambda t: t.testing.assert_close([1., 2.], [1., 2., 3.]),
    "mapping-item": lambda t: t.testing.assert_close({"a": t.tensor(1.)}, {"a": t.tensor(2.)}),
    "mapping-keys": lambda t: t.testing.assert_close({"a": 1.}, {"b": 1.}),
    "nested": lambda t: t.testing.assert_close({"w": [t.ones(2), (1, t.zeros(3))]},
                                               {"w": [t.ones(2), (1, t.tensor([0., 1., 0.]))]}),
}


@pytest.mark.parametrize("name", list(ASSERT_CLOSE))
def test_assert_close_as_torch(name):
    _same_outcome(ASSERT_CLOSE[name])


# ----------------------------------------------------------------------------- default device
def _with_default_device(device, body):
    def program(lib):
        lib.set_default_device(device)
        try:
            return body(lib)
        finally:
            lib.set_default_device(None)
    return program


FACTORIES = {
    "ones": lambda t: t.ones(2), "tensor": lambda t: t.tensor([1.0]), "arange": lambda t: t.arange(3),
    "empty": lambda t: t.empty(1), "randn": lambda t: t.randn(2), "full": lambda t: t.full((1,), 2.0),
    "eye": lambda t: t.eye(2), "as_tensor": lambda t: t.as_tensor([1.0]),
    "scalar_tensor": lambda t: t.scalar_tensor(1), "linspace": lambda t: t.linspace(0, 1, 2),
    "randint": lambda t: t.randint(0, 3, (2,)), "get_default_device": lambda t: t.get_default_device(),
    "explicit-cpu": lambda t: t.zeros(2, device="cpu").device,
    "like": lambda t: t.ones_like(t.zeros(1, device="cpu")).device,
    "new": lambda t: t.zeros(2, device="cpu").new_ones(1).device,
    "from_numpy": lambda t: t.from_numpy(np.ones(1)).device,
    "arithmetic": lambda t: t.zeros(2, device="cpu") + 1,
}


@pytest.mark.parametrize("name", list(FACTORIES))
@pytest.mark.parametrize("device", ["cpu", "cpu:0", "cuda"])
def test_factories_after_set_default_device(device, name):
    _same_outcome(_with_default_device(device, lambda t: str(FACTORIES[name](t))))


def test_default_device_is_cpu_and_resets():
    _same_outcome(lambda t: (str(t.get_default_device()), t.set_default_device("cpu"),
                             str(t.get_default_device()), t.set_default_device(None),
                             str(t.get_default_device())))


def test_device_block_sets_the_default_device():
    _same_outcome(_with_default_device("cpu", lambda t: [
        str(t.get_default_device())] + [str((t.ones(1).device, t.get_default_device()))
                                        for _ in [t.device("cpu", 0).__enter__()]]
        + [t.device("cpu", 0).__exit__(None, None, None), str(t.get_default_device())]))


def test_set_default_device_refuses_a_bad_string():
    _same_outcome(lambda t: t.set_default_device("xyz"))


# ----------------------------------------------------------------------------- axis= on composites
AXIS_PROGRAMS = {
    "std": lambda t, x: (x.std(axis=0), t.std(x, axis=1, keepdim=True)),
    "var": lambda t, x: (x.var(axis=0, correction=0), t.var(x, axis=1)),
    "std_mean": lambda t, x: t.std_mean(x, axis=0),
    "var_mean": lambda t, x: t.var_mean(x, axis=1, keepdim=True),
    "max": lambda t, x: (x.max(axis=0), t.max(x, axis=1, keepdim=True)),
    "min": lambda t, x: (x.min(axis=1), t.min(x, axis=0)),
    "median": lambda t, x: (x.median(axis=0), t.median(x, axis=1)),
    "nanmedian": lambda t, x: x.nanmedian(axis=1),
    "softmax": lambda t, x: (x.softmax(axis=0), t.log_softmax(x, axis=1)),
    "cat-stack": lambda t, x: (t.cat([x, x], axis=1), t.stack([x, x], axis=1)),
    "argsort": lambda t, x: x.argsort(axis=0),
    "repeat_interleave": lambda t, x: (x.repeat_interleave(2, axis=0),
                                       t.repeat_interleave(x, t.tensor([1, 2, 0, 1]), axis=1)),
    "in-place-shapes": lambda t, x: ((x * 1).unsqueeze_(axis=0), (x[:1] * 1).squeeze_(axis=0)),
}


@pytest.mark.parametrize("name", list(AXIS_PROGRAMS))
def test_composites_take_axis(name):
    check(AXIS_PROGRAMS[name], inputs=[randn(3, 4)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.ones(2, 2).max(0, axis=0),
    lambda torch: torch.ones(2, 2).std(axis=0, dim=0),
    lambda torch: torch.ones(2, 2).norm(axis=0),
    lambda torch: torch.ones(2, 2).max(axes=0),
])
def test_axis_with_dim_or_where_torch_has_none_is_refused(program):
    check_raises(program, message=False)


# ----------------------------------------------------------------------------- std_mean/var_mean
@pytest.mark.parametrize("args, kwargs", [((), {}), ((0,), {}), ((1,), {"keepdim": True}),
                                          (((0, 1),), {"correction": 0}), ((0, False), {}),
                                          ((None,), {"correction": 2})])
def test_std_mean_and_var_mean(args, kwargs):
    check(lambda torch, x: (torch.std_mean(x, *args, **kwargs), torch.var_mean(x, *args, **kwargs)),
          inputs=[randn(3, 4)])


def test_std_mean_warns_without_degrees_of_freedom_as_torch():
    check(lambda torch, x: torch.std_mean(x, 0), inputs=[randn(1, 3)], warns=True)


@pytest.mark.parametrize("program", [
    lambda torch: torch.std_mean(torch.tensor([1, 2])),
    lambda torch: torch.var_mean(torch.tensor([1, 2]), 0),
    lambda torch: torch.std_mean(torch.ones(2), 1),
])
def test_std_mean_errors(program):
    check_raises(program)


def test_std_mean_refuses_a_number():
    # torch lists its overloads; the type is torch's
    check_raises(lambda torch: torch.var_mean(2.0), message=False)
