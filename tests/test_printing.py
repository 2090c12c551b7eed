"""Differential tests: compat.printing must print exactly what PyTorch 2.13 prints.

Every case builds a torch tensor, hands its numpy values (and the suffixes torch derives
from its autograd state) to ``format_tensor``, and compares with ``repr``/``str``.
"""

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from compat import printing  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_options():
    # Options are process-global on both sides: every test leaves them as it found them.
    torch_saved = torch._tensor_str.get_printoptions()
    ours_saved = printing.get_printoptions()
    default_dtype = torch.get_default_dtype()
    yield
    torch.set_printoptions(**torch_saved)
    printing.set_printoptions(**ours_saved)
    torch.set_default_dtype(default_dtype)


def _set_both(**options):
    torch.set_printoptions(**options)
    printing.set_printoptions(**options)


def _numpy_values(t):
    t = t.detach()
    if t.dtype == torch.bfloat16:
        ml_dtypes = pytest.importorskip("ml_dtypes")
        # float32 holds every bfloat16 exactly, so this round trip is lossless.
        return t.float().numpy().astype(ml_dtypes.bfloat16)
    return t.numpy()


def _autograd_suffixes(t):
    if t.grad_fn is not None:
        return [f"grad_fn=<{type(t.grad_fn).__name__}>"]
    if t.requires_grad:
        return ["requires_grad=True"]
    return []


def _ours(t):
    return printing.format_tensor(
        _numpy_values(t),
        dtype_name=str(t.dtype),
        default_dtype=str(torch.get_default_dtype()),
        suffixes=_autograd_suffixes(t),
        is_parameter=isinstance(t, torch.nn.Parameter),
    )


def _check(t):
    expected = repr(t)
    assert str(t) == expected
    assert _ours(t) == expected, f"\n--- torch ---\n{expected}\n--- ours ---\n{_ours(t)}"


def _seeded(fn):
    def build():
        torch.manual_seed(0)
        return fn()

    return build


nan, inf = math.nan, math.inf

# name -> tensor builder; ids make a failure say which tensor broke.
CASES = {
    # 0-d
    "scalar_float": lambda: torch.tensor(5.0),
    "scalar_frac": lambda: torch.tensor(0.1),
    "scalar_neg_zero": lambda: torch.tensor(-0.0),
    "scalar_nan": lambda: torch.tensor(nan),
    "scalar_tiny": lambda: torch.tensor(1e-5),
    "scalar_int": lambda: torch.tensor(-7),
    "scalar_bool": lambda: torch.tensor(True),
    "scalar_f64": lambda: torch.tensor(1 / 3, dtype=torch.float64),
    # empty
    "empty_0": lambda: torch.zeros(0),
    "empty_0x3": lambda: torch.zeros(0, 3),
    "empty_2x0x4": lambda: torch.zeros(2, 0, 4),
    "empty_int64": lambda: torch.zeros(0, dtype=torch.int64),
    "empty_bool_0x3": lambda: torch.zeros(0, 3, dtype=torch.bool),
    "empty_f64_2x0x4": lambda: torch.zeros(2, 0, 4, dtype=torch.float64),
    "empty_requires_grad": lambda: torch.zeros(0, 3, requires_grad=True),
    # floats, 1-d to 4-d
    "vec_f32_point1": lambda: torch.tensor([0.1, 0.2, 0.3]),
    "vec_intvalued": lambda: torch.tensor([5.0, -3.0, 100.0]),
    "vec_neg_zero": lambda: torch.tensor([-0.0, 1.0, 0.0]),
    "vec_neg_zero_frac": lambda: torch.tensor([-0.0, 1.5]),
    "vec_nonfinite": lambda: torch.tensor([nan, inf, -inf, 1.5]),
    "vec_nonfinite_int": lambda: torch.tensor([nan, inf, -inf, 2.0]),
    "vec_only_nonfinite": lambda: torch.tensor([nan, 0.0, -inf]),
    "vec_tiny": lambda: torch.tensor([1e-5, 2e-5]),
    "vec_huge": lambda: torch.tensor([1e9, 2e9]),
    "vec_huge_int_sci": lambda: torch.tensor([1e10, 3.0]),
    "vec_ratio": lambda: torch.tensor([0.5, 600.0]),
    "vec_ratio_sci": lambda: torch.tensor([0.1, 1000.5]),
    "vec_rounds_up": lambda: torch.tensor([9.99996, 0.5]),
    "vec_f64_digits": lambda: torch.tensor([1.23456789012, 123456.789], dtype=torch.float64),
    "vec_f64_extreme": lambda: torch.tensor([1e-300, 1e300, -5e-320], dtype=torch.float64),
    "vec_f16": lambda: torch.tensor([0.1, 65504.0, -2.5], dtype=torch.float16),
    "vec_bf16": lambda: torch.tensor([0.1, 3.0, -2.5], dtype=torch.bfloat16),
    "mat_f32": _seeded(lambda: torch.randn(3, 4)),
    "mat_f64": _seeded(lambda: torch.randn(3, 4, dtype=torch.float64) * 1e-6),
    "mat_f16": _seeded(lambda: torch.randn(4, 5).half() * 300),
    "cube_f32": _seeded(lambda: torch.randn(2, 3, 4)),
    "hyper_f32": _seeded(lambda: torch.randn(2, 2, 3, 4) * 1e3),
    "mixed_magnitudes": _seeded(lambda: torch.randn(4, 4) * torch.logspace(-6, 6, 4)),
    # ints and bools
    "vec_int64": lambda: torch.tensor([1, -20, 300]),
    "vec_int8": lambda: torch.tensor([-128, 0, 127], dtype=torch.int8),
    "vec_int16": lambda: torch.tensor([-1, 2], dtype=torch.int16),
    "vec_int32": lambda: torch.tensor([2**31 - 1, -5], dtype=torch.int32),
    "vec_uint8": lambda: torch.tensor([0, 255, 7], dtype=torch.uint8),
    "mat_int64_big": lambda: torch.tensor([[2**62, -1], [3, 4]]),
    "vec_bool": lambda: torch.tensor([True, False, True]),
    "vec_bool_all_true": lambda: torch.tensor([True, True]),
    "cube_bool": _seeded(lambda: torch.rand(2, 3, 4) > 0.5),
    # summarization (> 1000 elements) at several ranks
    "sum_1d": lambda: torch.arange(2000),
    "sum_1d_float": lambda: torch.arange(2000.0) / 7,
    "sum_2d": _seeded(lambda: torch.randn(40, 40)),
    "sum_2d_narrow": _seeded(lambda: torch.randn(1001, 2)),
    "sum_3d": _seeded(lambda: torch.randn(12, 12, 12) * 1e5),
    "sum_4d": _seeded(lambda: torch.randint(-1000, 1000, (7, 7, 7, 7))),
    "sum_bool": lambda: torch.arange(1500) % 3 == 0,
    # The tiny middle values are summarized away, so they must not switch on sci mode.
    "sum_hidden_extreme": lambda: torch.cat(
        [torch.ones(600), torch.full((500,), 1e-9), torch.ones(600)]
    ),
    # rows that wrap at the line width
    "wide_1d": _seeded(lambda: torch.randn(30)),
    "wide_2d": _seeded(lambda: torch.randn(3, 25) * 100),
    "wide_3d": _seeded(lambda: torch.randn(2, 2, 20) * 1e-7),
    "wide_int": lambda: torch.arange(100) * 1234567,
    # autograd suffixes
    "leaf_requires_grad": lambda: torch.ones(3, requires_grad=True),
    "leaf_requires_grad_f64": lambda: torch.ones(2, dtype=torch.float64, requires_grad=True),
    "grad_fn_mul": lambda: torch.ones(3, requires_grad=True) * 2,
    "grad_fn_scalar_sum": lambda: torch.ones(3, requires_grad=True).sum(),
    "grad_fn_long_row": _seeded(lambda: torch.randn(6, requires_grad=True) * 1e3 + 1),
    "grad_fn_wraps": _seeded(lambda: (torch.randn(18, requires_grad=True) * 3).exp()),
    "grad_fn_matrix": _seeded(lambda: torch.randn(2, 9, requires_grad=True).sin()),
    "grad_fn_f64_dtype": _seeded(
        lambda: torch.randn(9, dtype=torch.float64, requires_grad=True).tanh()
    ),
    # Parameter
    "parameter": _seeded(lambda: torch.nn.Parameter(torch.randn(2, 3))),
    "parameter_frozen": lambda: torch.nn.Parameter(torch.ones(3), requires_grad=False),
    "parameter_f64_long": _seeded(
        lambda: torch.nn.Parameter(torch.randn(8, dtype=torch.float64) * 1e4)
    ),
    # complex (optional in torch's eyes, supported here)
    "complex64": lambda: torch.tensor([1 + 2j, -0.5 - 1j, 3j]),
    "complex128_sci": lambda: torch.tensor([1e-6 + 1j, 2.0 - 0j], dtype=torch.complex128),
}

OPTIONS = {
    "default": {},
    "precision2": dict(precision=2),
    "precision8": dict(precision=8),
    "threshold5": dict(threshold=5),
    "edgeitems1": dict(threshold=5, edgeitems=1),
    "edgeitems0": dict(threshold=5, edgeitems=0),
    "linewidth40": dict(linewidth=40),
    "linewidth120": dict(linewidth=120),
    "sci_true": dict(sci_mode=True),
    "sci_false": dict(sci_mode=False),
    "profile_short": dict(profile="short"),
    "profile_full": dict(profile="full"),
    "full_then_override": dict(profile="full", precision=1, linewidth=50),
}


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize("build", CASES.values(), ids=CASES.keys())
def test_repr_matches_torch(build, options):
    _set_both(**options)
    _check(build())


def test_grid_exercises_suffix_on_new_line():
    # Guards the grid itself: some case must push a suffix onto its own line.
    moved = [
        name
        for name, build in CASES.items()
        if "\n       grad_fn=" in repr(build()) or "\n       requires_grad=" in repr(build())
    ]
    assert moved


@pytest.mark.parametrize("default", [torch.float64, torch.float16])
@pytest.mark.parametrize(
    "build",
    [
        lambda: torch.tensor([1.5, 2.0]),
        lambda: torch.tensor([1.5, 2.0], dtype=torch.float32),
        lambda: torch.tensor([1 + 1j], dtype=torch.complex64),
        lambda: torch.tensor([1 + 1j], dtype=torch.complex128),
        lambda: torch.zeros(0),
        lambda: torch.zeros(0, dtype=torch.float32),
        lambda: torch.zeros(0, 2, dtype=torch.int64),
        lambda: torch.tensor([3, 4]),
    ],
)
def test_other_default_dtype(build, default):
    torch.set_default_dtype(default)
    _check(build())


def test_is_default_dtype_override():
    text = printing.format_tensor(
        np.array([1, 2], np.int32), dtype_name="torch.int32", is_default_dtype=True
    )
    assert text == "tensor([1, 2])"


def test_dtype_inferred_from_numpy():
    t = torch.tensor([[1, 2]], dtype=torch.int16)
    assert printing.format_tensor(t.numpy()) == repr(t)
    assert printing.format_tensor(np.float64(2.5)) == repr(torch.tensor(2.5, dtype=torch.float64))


def test_custom_prefix_sets_indent():
    expected = "MyTensor([[1., 2.],\n          [3., 4.]])"
    values = np.array([[1.0, 2], [3, 4]], np.float32)
    assert printing.format_tensor(values, prefix="MyTensor(") == expected


@pytest.mark.parametrize("shape", [(), (2,), (2, 3), (0, 4, 1)])
def test_format_size(shape):
    assert printing.format_size(shape) == str(torch.Size(shape))
    assert printing.format_size(tuple(np.int64(d) for d in shape)) == str(torch.Size(shape))


@pytest.mark.parametrize(
    "calls",
    [
        [dict(precision=2)],
        [dict(profile="full")],
        [dict(profile="short", linewidth=100, sci_mode=True)],
        [dict(sci_mode=False), dict(precision=3)],  # a later call resets sci_mode to None
        [dict(profile="full"), dict(profile="default")],
        [dict(profile="nonsense", edgeitems=5)],
    ],
)
def test_printoptions_semantics(calls):
    for options in calls:
        _set_both(**options)
    assert printing.get_printoptions() == torch._tensor_str.get_printoptions()


def test_printoptions_context_manager_restores():
    before = printing.get_printoptions()
    with printing.printoptions(precision=1, sci_mode=True):
        assert printing.get_printoptions()["precision"] == 1
    assert printing.get_printoptions() == before


# --- random tensors -----------------------------------------------------------------------

_FLOAT_DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16]
_INT_DTYPES = [torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8]


@st.composite
def _tensors(draw):
    shape = tuple(draw(st.lists(st.integers(0, 6), min_size=0, max_size=4)))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    kind = draw(st.sampled_from(["float", "int", "bool", "special"]))
    if kind == "int":
        dtype = draw(st.sampled_from(_INT_DTYPES))
        info = torch.iinfo(dtype)
        high = draw(st.sampled_from([10, 1000, info.max]))
        low = max(info.min, -high)
        values = rng.integers(low, high, size=shape, endpoint=True)
        return torch.from_numpy(np.asarray(values)).to(dtype)
    if kind == "bool":
        return torch.from_numpy(np.asarray(rng.random(shape) > 0.5))
    dtype = draw(st.sampled_from(_FLOAT_DTYPES))
    k = draw(st.integers(-12, 12))
    values = (rng.standard_normal(shape) * 10.0**k).astype(np.float32)
    if draw(st.booleans()):
        values = np.asarray(np.round(values))  # integer-valued floats
    if kind == "special" and values.size:
        flat = values.reshape(-1)
        picks = rng.integers(0, flat.size, size=min(3, flat.size))
        specials = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0], np.float32)
        flat[picks] = rng.choice(specials, picks.size)
    return torch.from_numpy(np.asarray(values)).to(dtype)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    t=_tensors(),
    options=st.sampled_from(list(OPTIONS.values())),
    requires_grad=st.sampled_from([None, "leaf", "mul"]),
)
def test_random_tensors_match_torch(t, options, requires_grad):
    if requires_grad and t.dtype.is_floating_point:
        t = t.requires_grad_()
        if requires_grad == "mul":
            t = t * 1
    _set_both(**options)
    _check(t)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.integers(1, 40),
    cols=st.integers(30, 60),
    seed=st.integers(0, 2**32 - 1),
    k=st.integers(-8, 8),
)
def test_random_summarized_matrices(rows, cols, seed, k):
    # Sizes around the 1000-element threshold, summarized or not.
    values = np.random.default_rng(seed).standard_normal((rows, cols)).astype(np.float32) * 10.0**k
    _check(torch.from_numpy(values))
