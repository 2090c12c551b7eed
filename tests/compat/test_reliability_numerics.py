"""Numerics where a plausible implementation silently disagrees with torch: half-precision
accumulation and rounding, gradients at boundaries, NaN propagation, the dtype a fill keeps,
and the errors bad arguments raise. Every case runs the same program through torch and
compat (tests/compat/oracle.py) and compares values and gradients.

    python -m pytest -q -p no:cacheprovider tests/compat/test_reliability_numerics.py
"""
from __future__ import annotations

import numpy as np
import pytest

from oracle import check, check_raises, const, randn, uniform

NAN, INF = float("nan"), float("inf")
HALF_FLOATS = ["float16", "bfloat16"]


def _around(center, spread, *shape):
    """float32 values near ``center`` (300 overflows float16 once squared or summed), the same
    in every run whatever the tests selected."""
    values = center + spread * np.random.default_rng(7).standard_normal(shape)
    return const(values.astype(np.float32))


def _spread(low, high, n):
    """``n`` fixed float32 values, uniform in [low, high)."""
    return const(np.random.default_rng(11).uniform(low, high, n).astype(np.float32))


def _in(dtype, fn):
    """``fn`` applied to its first input cast to ``dtype`` (numpy has no bfloat16 for the
    oracle's inputs; the gradient reaches the float32 input through the cast)."""
    return lambda torch, x, *rest: fn(torch, x.to(getattr(torch, dtype)), *rest)


# Gradients to a few ulps of the dtype: torch's backward formulas round at each of their
# half-precision steps, where the op table's derivative rounds once.
_BACKWARD_ROUNDING = {"float16": 4e-3, "bfloat16": 3e-2}


def _exactly(fn, inputs, dtype=None):
    """``check`` with values equal to torch's bit for bit (gradients to a few ulps)."""
    tolerance = _BACKWARD_ROUNDING.get(dtype)
    return check(fn, inputs, rtol=0, atol=0, grad_rtol=tolerance, grad_atol=tolerance)


# --------------------------------------------------------------------------- half precision
# torch's CPU kernels widen float16/bfloat16 to float32 (opmath), accumulate there and round
# once; in half precision 300 * 300 and 60000 + 60000 overflow, and long sums stall.
HALF_REDUCTIONS = {
    "norm": lambda torch, x: x.norm(),
    "norm_dim": lambda torch, x: x.norm(dim=1),
    "norm_inf": lambda torch, x: x.norm(float("inf"), dim=0),
    "var": lambda torch, x: x.var(1),
    "var_all_biased": lambda torch, x: x.var(correction=0),
    "std": lambda torch, x: x.std(),
    "std_dim": lambda torch, x: x.std(0, keepdim=True),
    "sum": lambda torch, x: x.sum(),
    "mean_dim": lambda torch, x: (x * 100).mean(1),
    "cumsum": lambda torch, x: x.cumsum(1),
    "cumprod": lambda torch, x: (x / 300).cumprod(1),
    "logsumexp": lambda torch, x: x.logsumexp(1),
    "softmax": lambda torch, x: torch.softmax(x / 30, 1),
    "log_softmax": lambda torch, x: torch.log_softmax(x / 30, 1),
    "layer_norm": lambda torch, x: torch.nn.functional.layer_norm(x, (16,)),
    "layer_norm_affine": lambda torch, x: torch.nn.functional.layer_norm(
        x, (16,), x[0].detach() / 300, x[1].detach() / 300),
    "batch_norm_train": lambda torch, x: torch.nn.functional.batch_norm(
        x.reshape(2, 4, 8), None, None, training=True),
    "avg_pool2d": lambda torch, x: torch.nn.functional.avg_pool2d(x.reshape(1, 4, 4, 4) * 100, 2),
    "normalize": lambda torch, x: torch.nn.functional.normalize(x, dim=1),
}


@pytest.mark.parametrize("dtype", HALF_FLOATS)
@pytest.mark.parametrize("name", sorted(HALF_REDUCTIONS))
def test_half_precision_reductions_accumulate_in_float32(name, dtype):
    check(_in(dtype, HALF_REDUCTIONS[name]), [_around(300.0, 30.0, 4, 16)])


@pytest.mark.parametrize("dtype", HALF_FLOATS)
def test_half_precision_cumsum_rounds_each_partial_sum(dtype):
    # torch: [60000, inf, 60000] (the running sum is float32; each output rounds to float16).
    check(_in(dtype, lambda torch, x: x.cumsum(0)), [const([60000.0, 60000.0, -60000.0], "float32")])


def test_half_precision_mean_of_sum_that_overflows():
    check(_in("float16", lambda torch, x: x.mean()), [const([60000.0] * 4, "float32")])


def test_clip_grad_norm_of_half_gradients():
    def clip(torch, w):
        (w * 300).sum().backward()
        total = torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)
        return total, w.grad
    check(clip, [const(np.ones(16, np.float16))], grad=False)


HALF_SCALARS = {
    "mul_small": lambda torch, x: x * 1e-4,
    "mul_0d_float32": lambda torch, x: x * torch.tensor(1e-4),
    "mul_0d_float64": lambda torch, x: x * torch.tensor(3.3, dtype=torch.float64),
    "rmul": lambda torch, x: 0.7777 * x,
    "div": lambda torch, x: x / 3.3,
    "rdiv": lambda torch, x: 3.3 / x,
    "add_number": lambda torch, x: x + 0.1,  # add rounds the number to the dtype, as torch
    "add_alpha": lambda torch, x: x.add(x.detach() * 2, alpha=0.1),
    "sub_alpha": lambda torch, x: x.sub(x.detach() / 3, alpha=3.3),
    "lerp_small_weight": lambda torch, x: torch.lerp(x, x.detach().flip(0), 0.3),
    "lerp_large_weight": lambda torch, x: torch.lerp(x, x.detach().flip(0), 0.7),
    "floor_divide": lambda torch, x: x // 0.1,
    "div_trunc": lambda torch, x: x.div(0.3, rounding_mode="trunc"),
    "div_floor_tensor": lambda torch, x: x.div(x.detach().flip(0), rounding_mode="floor"),
    "round_decimals": lambda torch, x: x.round(decimals=2),
    "round_negative_decimals": lambda torch, x: (x * 100).round(decimals=-1),
}


@pytest.mark.parametrize("dtype", HALF_FLOATS)
@pytest.mark.parametrize("name", sorted(HALF_SCALARS))
def test_half_precision_scalar_operands_keep_their_precision(name, dtype):
    # torch reads a one-value second operand at its own precision and rounds the result once.
    # (A multiple of torch's vector width: its scalar loop for leftover elements rounds
    # add's alpha * other separately.)
    _exactly(_in(dtype, HALF_SCALARS[name]), [_spread(-30.0, 30.0, 256)], dtype)


HALF_UNARY = {
    "expm1": lambda torch, x: x.expm1(),
    "exp2": lambda torch, x: x.exp2(),
    "log2": lambda torch, x: x.abs().log2(),
    "log10": lambda torch, x: x.abs().log10(),
    "asin": lambda torch, x: (x / 4).asin(),
    "acos": lambda torch, x: (x / 4).acos(),
    "rsqrt": lambda torch, x: x.abs().rsqrt(),
    "sigmoid": lambda torch, x: x.sigmoid(),
    "silu": lambda torch, x: torch.nn.functional.silu(x),
    "softplus": lambda torch, x: torch.nn.functional.softplus(x),
    "elu": lambda torch, x: torch.nn.functional.elu(x),
    "leaky_relu": lambda torch, x: torch.nn.functional.leaky_relu(x, 0.1),
    "logsigmoid": lambda torch, x: torch.nn.functional.logsigmoid(x),
}


@pytest.mark.parametrize("dtype", HALF_FLOATS)
@pytest.mark.parametrize("name", sorted(HALF_UNARY))
def test_half_precision_activations_round_once(name, dtype):
    _exactly(_in(dtype, HALF_UNARY[name]), [_spread(-4.0, 4.0, 256)], dtype)


@pytest.mark.parametrize("loss", ["smooth_l1_loss", "huber_loss"])
def test_half_precision_piecewise_loss_gradient_has_no_overflowed_branch(loss):
    # The quadratic branch of a large difference overflows float16; masked out, it must not
    # turn the gradient into NaN.
    check(_in("float16", lambda torch, x: getattr(torch.nn.functional, loss)(x * 100, x.detach() / 2)),
          [_around(300.0, 30.0, 8)])


def test_float32_division_by_a_number_is_ieee_division():
    # XLA would multiply by the reciprocal (an ulp off for a quarter of the elements).
    _exactly(lambda torch, x: (x / 0.3, x / torch.tensor([3.3]), x.div(0.3, rounding_mode="floor")),
             [randn(1000)])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_floor_division_floors_the_exact_quotient(dtype):
    # 1 // 0.1 is 9 (0.1 is slightly more than a tenth), not floor(1 / 0.1) = 10.
    check(lambda torch, x: (x // 0.1, x // -0.1, torch.div(x, 0.7, rounding_mode="floor")),
          [const([1.0, -1.0, 0.3, 7.0, -0.0, 0.0], dtype)])


def test_lerp_is_exact_at_weight_one():
    check(lambda torch, x, y: torch.lerp(x, y, 1.0), [randn(64), randn(64)], rtol=0, atol=0)


# --------------------------------------------------------------------------- boundary gradients
def test_hardtanh_gradient_is_zero_at_the_bounds():
    check(lambda torch, x: torch.nn.functional.hardtanh(x),
          [const([-2.0, -1.0, -0.5, 0.0, 1.0, 2.0], "float32")])


def test_hardtanh_custom_bounds():
    check(lambda torch, x: torch.nn.functional.hardtanh(x, -2.0, 3.0),
          [const([-2.0, 3.0, 0.0, 4.0, -3.0], "float32")])


def test_relu6_gradient_is_zero_at_zero_and_six():
    check(lambda torch, x: torch.nn.functional.relu6(x * 1),
          [const([-1.0, 0.0, 3.0, 6.0, 7.0], "float32")])


def test_relu6_integers_keep_their_dtype():
    check(lambda torch, x: (torch.nn.functional.relu6(x),
                            torch.nn.functional.hardtanh(x, -1.5, 2.5)),
          [const([-3, 0, 3, 7], "int64")])


@pytest.mark.parametrize("alpha", [1.0, 2.0])
def test_elu_gradient_at_zero_is_alpha(alpha):
    check(lambda torch, x: torch.nn.functional.elu(x, alpha),
          [const([-1.0, 0.0, 1.0, -50.0, 100.0], "float32")])


def test_softplus_gradient_at_the_threshold_is_the_smooth_one():
    check(lambda torch, x: torch.nn.functional.softplus(x),
          [const([0.0, 19.0, 20.0, 21.0], "float32")])
    check(lambda torch, x: torch.nn.functional.softplus(x, beta=2.0, threshold=10.0),
          [const([4.0, 5.0, 6.0], "float32")])


# --------------------------------------------------------------------------- NaN
def _nan_grads(values):
    """A constant with NaNs to multiply an output by: torch's backward masks (selects) where
    a product with a 0/1 mask would let those NaNs through."""
    return const(np.asarray(values, np.float32), requires_grad=False)


def test_nan_times_false_is_nan():
    check(lambda torch, x, m: (x * m, m * x, torch.mul(x, m)),
          [const([NAN, INF, -2.0, 1.0], "float32"), const([False, False, False, True])])


def test_bool_tensor_times_nan():
    check(lambda torch, x, m: m * x, [const([NAN], "float32"), const([False, True])])


def test_nan_gradient_through_a_bool_mask():
    check(lambda torch, x, m, g: (x * m) * g,
          [randn(4), const([False, True, False, True]), _nan_grads([NAN, 1.0, NAN, NAN])])


@pytest.mark.parametrize("reduce", ["max", "min"])
def test_max_min_of_nan_send_the_gradient_to_the_nans(reduce):
    check(lambda torch, x: getattr(x, reduce)(), [const([1.0, NAN, 3.0, NAN], "float32")])


@pytest.mark.parametrize("reduce", ["amax", "amin"])
def test_amax_amin_of_nan_give_their_slice_nan_gradients(reduce):
    check(lambda torch, x: getattr(x, reduce)(1), [const([[1.0, NAN], [3.0, 2.0]], "float32")])
    check(lambda torch, x: getattr(x, reduce)(), [const([1.0, NAN, 3.0], "float32")])


def test_amax_ties_with_a_nan_gradient():
    check(lambda torch, x, g: x.amax() * g, [const([1.0, 3.0, 3.0, 2.0], "float32"),
                                             _nan_grads(NAN)])


def test_max_with_a_nan_gradient_reaches_only_the_maxima():
    check(lambda torch, x, g: x.max() * g, [const([1.0, 3.0, 3.0, 2.0], "float32"),
                                            _nan_grads(NAN)])


def test_inf_norm_with_nan():
    check(lambda torch, x: x.norm(float("inf")), [const([1.0, NAN, -3.0], "float32")])
    check(lambda torch, x, g: x.norm(float("inf")) * g,
          [const([1.0, 3.0, -3.0], "float32"), _nan_grads(NAN)])


@pytest.mark.parametrize("op", ["maximum", "minimum"])
def test_maximum_minimum_with_nan_inputs(op):
    check(lambda torch, x, y: getattr(torch, op)(x, y),
          [const([1.0, NAN, 3.0, 2.0], "float32"), const([NAN, 1.0, 1.0, 2.0], "float32")])


@pytest.mark.parametrize("op", ["maximum", "minimum"])
def test_maximum_minimum_mask_nan_gradients(op):
    check(lambda torch, x, y, g: getattr(torch, op)(x, y) * g,
          [const([1.0, 1.0, 3.0, 2.0], "float32"), const([0.0, 1.0, 5.0, 2.0], "float32"),
           _nan_grads([NAN] * 4)])


def test_maximum_broadcast_gradient():
    check(lambda torch, x, y: torch.maximum(x, y), [randn(3, 4), const([0.0], "float32")])


ACTIVATIONS_WITH_NAN_GRADS = {
    "hardtanh": lambda torch, x: torch.nn.functional.hardtanh(x),
    "relu6": lambda torch, x: torch.nn.functional.relu6(x * 1),
    "elu": lambda torch, x: torch.nn.functional.elu(x),
    "clamp": lambda torch, x: x.clamp(-1.0, 1.0),
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS_WITH_NAN_GRADS))
def test_nan_gradients_through_clipping_activations(name):
    fn = ACTIVATIONS_WITH_NAN_GRADS[name]
    check(lambda torch, x, g: fn(torch, x) * g,
          [const([-2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 6.0, 7.0], "float32"), _nan_grads([NAN] * 8)])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS_WITH_NAN_GRADS))
def test_nan_inputs_through_clipping_activations(name):
    check(ACTIVATIONS_WITH_NAN_GRADS[name], [const([NAN, 0.5], "float32")])


def test_abs_gradient_at_nan_is_zero():
    check(lambda torch, x: x.abs(), [const([NAN, 0.0, -2.0], "float32")])


MAX_POOLS = {
    "plain": {"kernel_size": 2},
    "indices": {"kernel_size": 2, "return_indices": True},
    "padded": {"kernel_size": 2, "padding": 1},
    "padded_indices": {"kernel_size": 2, "padding": 1, "return_indices": True},
    "dilated": {"kernel_size": 2, "dilation": 2, "return_indices": True},
    "dilated_padded": {"kernel_size": 2, "dilation": 2, "padding": 1},
    "ceil": {"kernel_size": 2, "stride": 2, "ceil_mode": True, "return_indices": True},
}


@pytest.mark.parametrize("name", sorted(MAX_POOLS))
def test_max_pool2d_picks_torchs_element(name):
    # The last NaN of a window, else its first maximum, else (all -inf) its first element:
    # never padding.
    kwargs = MAX_POOLS[name]
    pool = lambda torch, x: torch.nn.functional.max_pool2d(x.reshape(1, 1, 3, 3), **kwargs)  # noqa: E731
    check(pool, [const([1.0, NAN, 3.0, NAN, 5.0, 5.0, 7.0, NAN, 0.0], "float32")])
    check(pool, [const([-INF] * 9, "float32")])
    check(pool, [const([3.0, 3.0, 1.0, 3.0, -INF, 3.0, 0.0, 3.0, 3.0], "float32")])


def test_max_pool2d_nan_gradients():
    check(lambda torch, x, g: torch.nn.functional.max_pool2d(x.reshape(1, 1, 3, 3), 2, 1) * g,
          [randn(9), _nan_grads([[[[NAN, 1.0], [1.0, 1.0]]]])])


# --------------------------------------------------------------------------- fill keeps dtype
def test_fill_of_a_0d_float64_tensor_stays_float64():
    check(lambda torch, x: (x.clone().fill_(0.1234567890123) * 2,
                            x.clone().fill_(torch.tensor(0.25, dtype=torch.float64)) + 1),
          [const(1.0, "float64")])


def test_constant_init_of_a_0d_float64_tensor():
    def init(torch, x):
        t = x.detach().clone()
        torch.nn.init.constant_(t, 0.1234567890123)
        return t * 3, t.dtype
    check(init, [const(1.0, "float64")])


# --------------------------------------------------------------------------- torch's errors
BAD_INPUTS = {
    # reductions
    "norm_string_order": lambda torch: torch.ones(3).norm(p="abc"),
    "norm_inf_string": lambda torch: torch.ones(3).norm(p="inf"),
    "norm_nuc_of_vector": lambda torch: torch.ones(3).norm(p="nuc"),
    "norm_nuc_three_dims": lambda torch: torch.ones(2, 2, 2).norm(p="nuc"),
    # activations
    "hardtanh_min_above_max": lambda torch: torch.nn.functional.hardtanh(torch.ones(3), 2.0, 1.0),
    "hardtanh_string_bound": lambda torch: torch.nn.functional.hardtanh(torch.ones(3), "a"),
    "hardtanh_string_bounds": lambda torch: torch.nn.functional.hardtanh(torch.ones(3), "a", "b"),
    "hardtanh_bool": lambda torch: torch.nn.functional.hardtanh(torch.ones(3, dtype=torch.bool)),
    "elu_string_alpha": lambda torch: torch.nn.functional.elu(torch.ones(3), "a"),
    "elu_none_alpha": lambda torch: torch.nn.functional.elu(torch.ones(3), None),
    "leaky_relu_string_slope": lambda torch: torch.nn.functional.leaky_relu(torch.ones(3), "a"),
    "softplus_string_threshold": lambda torch: torch.nn.functional.softplus(torch.ones(3), 1, "a"),
    "elu_integers": lambda torch: torch.nn.functional.elu(torch.ones(3, dtype=torch.int64)),
    "gelu_integers": lambda torch: torch.nn.functional.gelu(torch.ones(3, dtype=torch.int64)),
    "silu_integers": lambda torch: torch.nn.functional.silu(torch.ones(3, dtype=torch.int32)),
    "softplus_bools": lambda torch: torch.nn.functional.softplus(torch.ones(3, dtype=torch.bool)),
    "logsigmoid_integers": lambda torch: torch.nn.functional.logsigmoid(
        torch.ones(3, dtype=torch.int64)),
    "softmax_integers_inner_dim": lambda torch: torch.softmax(
        torch.ones(2, 3, dtype=torch.int64), 0),
    "log_softmax_integers": lambda torch: torch.log_softmax(torch.ones(3, dtype=torch.int64), 0),
    # elementwise
    "add_float_alpha_to_integers": lambda torch: torch.ones(3, dtype=torch.int64).add(
        torch.ones(3, dtype=torch.int64), alpha=0.5),
    "lerp_end_dtype": lambda torch: torch.lerp(torch.ones(3), torch.ones(3, dtype=torch.float64),
                                               0.5),
    "lerp_weight_dtype": lambda torch: torch.lerp(torch.ones(3), torch.ones(3),
                                                  torch.ones(3, dtype=torch.float64)),
    "lerp_integers": lambda torch: torch.lerp(torch.ones(3, dtype=torch.int64),
                                              torch.ones(3, dtype=torch.int64), 0.5),
    "masked_fill_float_mask": lambda torch: torch.ones(3).masked_fill(
        torch.ones(3, dtype=torch.float64), 1.0),
    "masked_fill_long_mask": lambda torch: torch.ones(3).masked_fill(
        torch.ones(3, dtype=torch.int64), 1.0),
    "masked_fill_vector_value": lambda torch: torch.ones(3).masked_fill(
        torch.ones(3) > 0, torch.ones(3)),
    "masked_fill_mask_shape": lambda torch: torch.ones(3).masked_fill(torch.ones(4) > 0, 1.0),
    "where_float_condition": lambda torch: torch.where(torch.ones(3), torch.ones(3),
                                                       torch.ones(3)),
    "fill_vector_value": lambda torch: torch.ones(3).fill_(torch.ones(2)),
    "round_integer_decimals": lambda torch: torch.ones(3, dtype=torch.int64).round(decimals=1),
    "round_float_decimals": lambda torch: torch.ones(3).round(decimals=1.5),
    "round_string_decimals": lambda torch: torch.ones(3).round(decimals="a"),
    "add_string_alpha": lambda torch: torch.ones(3).add(torch.ones(3), alpha="a"),
    "add_float_one_alpha_to_integers": lambda torch: torch.ones(3, dtype=torch.int64).add(
        torch.ones(3, dtype=torch.int64), alpha=1.0),
    "sub_bool_alpha": lambda torch: torch.ones(3).sub(torch.ones(3), alpha=True),
    "sub_none_alpha": lambda torch: torch.ones(3).sub(torch.ones(3), alpha=None),
    # layers
    "conv2d_3d_weight": lambda torch: torch.nn.functional.conv2d(torch.ones(1, 2, 5, 5),
                                                                 torch.ones(2, 2, 3)),
    "conv2d_3d_weight_one_stride": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3), stride=(2,)),
    "conv2d_5d_weight": lambda torch: torch.nn.functional.conv2d(torch.ones(1, 2, 5, 5),
                                                                 torch.ones(2, 2, 3, 3, 3)),
    "conv2d_three_strides": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3, 3), stride=(1, 1, 1)),
    "conv2d_groups_before_strides": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3, 3), groups=0, stride=(1, 1, 1)),
    "conv2d_more_groups_than_filters": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3, 3), groups=3),
    "conv2d_zero_dilation": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3, 3), dilation=(0, 1)),
    "conv2d_bias_dtype": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3, 3), torch.ones(2, dtype=torch.float64)),
    "conv2d_same_3d_weight": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3), padding="same"),
    "conv2d_same_three_strides": lambda torch: torch.nn.functional.conv2d(
        torch.ones(1, 2, 5, 5), torch.ones(2, 2, 3, 3), padding="same", stride=(1, 1, 1)),
    "batch_norm_1d_input": lambda torch: torch.nn.functional.batch_norm(
        torch.ones(3), torch.ones(3), torch.ones(3)),
    "batch_norm_1d_input_no_stats": lambda torch: torch.nn.functional.batch_norm(
        torch.ones(3), None, None, training=True),
    "batch_norm_0d_input": lambda torch: torch.nn.functional.batch_norm(
        torch.tensor(1.0), torch.ones(1), torch.ones(1)),
    "batch_norm_weight_length": lambda torch: torch.nn.functional.batch_norm(
        torch.ones(2, 3), torch.ones(3), torch.ones(3), torch.ones(4)),
    "batch_norm_integers": lambda torch: torch.nn.functional.batch_norm(
        torch.ones(2, 3, dtype=torch.int64), torch.ones(3), torch.ones(3)),
    "batch_norm_double_stats": lambda torch: torch.nn.functional.batch_norm(
        torch.ones(2, 3), torch.ones(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64)),
    "batch_norm_float_stats_for_double": lambda torch: torch.nn.functional.batch_norm(
        torch.ones(2, 3, dtype=torch.float64), torch.ones(3), torch.ones(3)),
    "layer_norm_empty_shape": lambda torch: torch.nn.functional.layer_norm(torch.ones(2, 3), []),
    "layer_norm_weight_before_input": lambda torch: torch.nn.functional.layer_norm(
        torch.ones(2, 3), (4,), torch.ones(2)),
    "layer_norm_integers": lambda torch: torch.nn.functional.layer_norm(
        torch.ones(2, 3, dtype=torch.int64), (3,)),
    "layer_norm_double_weight": lambda torch: torch.nn.functional.layer_norm(
        torch.ones(2, 3), (3,), torch.ones(3, dtype=torch.float64)),
    "layer_norm_bias_dtype": lambda torch: torch.nn.functional.layer_norm(
        torch.ones(2, 3, dtype=torch.float16), (3,), torch.ones(3, dtype=torch.float16),
        torch.ones(3)),
    "avg_pool2d_2d_input": lambda torch: torch.nn.functional.avg_pool2d(torch.ones(5, 5), 2),
    "avg_pool2d_5d_input": lambda torch: torch.nn.functional.avg_pool2d(torch.ones(1, 1, 1, 5, 5),
                                                                        2),
    "avg_pool2d_empty_channels": lambda torch: torch.nn.functional.avg_pool2d(
        torch.ones(1, 0, 5, 5), 2),
    "avg_pool2d_three_kernel_sizes": lambda torch: torch.nn.functional.avg_pool2d(
        torch.ones(1, 5, 5), (2, 2, 2)),
    "max_pool2d_5d_input": lambda torch: torch.nn.functional.max_pool2d(torch.ones(1, 1, 1, 5, 5),
                                                                        2),
    "max_pool2d_string_kernel": lambda torch: torch.nn.functional.max_pool2d(torch.ones(1, 5, 5),
                                                                             "a"),
    "max_pool2d_float_kernel": lambda torch: torch.nn.functional.max_pool2d(torch.ones(1, 5, 5),
                                                                            2.5),
    "max_pool2d_bad_second_size": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 5, 5), (2, 2.5)),
    "max_pool2d_three_strides": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 5, 5), 2, (2, 2, 2)),
    "max_pool2d_negative_kernel": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 5, 5), -1, 1),
    "max_pool2d_negative_stride": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 5, 5), 2, -1),
    "max_pool2d_negative_padding": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 5, 5), 3, padding=(1, -1)),
    "max_pool2d_zero_dilation": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 5, 5), 2, dilation=(1, 0)),
    "max_pool2d_output_too_small": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 1, 1), 3, stride=1),
    "max_pool2d_bools": lambda torch: torch.nn.functional.max_pool2d(
        torch.ones(1, 4, 4, dtype=torch.bool), 2),
    # losses
    "kl_div_shapes": lambda torch: torch.nn.functional.kl_div(torch.ones(3), torch.ones(4),
                                                              reduction="sum"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_raises_torchs_error(name):
    check_raises(lambda torch: BAD_INPUTS[name](torch))


def test_pooling_accepts_an_empty_batch():
    check(lambda torch, x: (torch.nn.functional.max_pool2d(x, 2),
                            torch.nn.functional.avg_pool2d(x, 2)),
          [const(np.ones((0, 1, 4, 4), np.float32))])


def test_nuclear_norm():
    check(lambda torch, x: x.norm(p="nuc"), [uniform(3, 3)], grad_fn=False)
