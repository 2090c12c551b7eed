"""1-D and 3-D max/average pooling, adaptive max pooling, 3-D adaptive average pooling,
power-average pooling, max unpooling, unfold/fold, local response normalisation, channel
shuffle and their modules against torch: values, indices, gradients, grad_fn names, dtypes,
unbatched inputs, module reprs and torch's errors."""

import warnings

import pytest
from hypothesis import given, settings, strategies as st

from oracle import check, check_raises, compat, const, randn, torch

F = "nn.functional"


def _f(lib, name):
    return getattr(lib.nn.functional, name)


CASES = {
    "max_pool1d": (lambda lib, x: _f(lib, "max_pool1d")(x, 2), [randn(2, 3, 9)]),
    "max_pool1d_unbatched": (lambda lib, x: _f(lib, "max_pool1d")(x, 3, 2, 1), [randn(3, 8)]),
    "max_pool1d_dilation_ceil": (lambda lib, x: _f(lib, "max_pool1d")(
        x, 2, stride=2, dilation=2, ceil_mode=True), [randn(2, 2, 10)]),
    "max_pool1d_indices": (lambda lib, x: _f(lib, "max_pool1d")(x, 3, 2, 1,
                                                                return_indices=True),
                           [randn(2, 3, 9)]),
    "max_pool1d_with_indices": (lambda lib, x: _f(lib, "max_pool1d_with_indices")(x, 2),
                                [randn(2, 6)]),
    "max_pool1d_ties": (lambda lib, x: _f(lib, "max_pool1d")(x, 2, 1, return_indices=True),
                        [const([[[1., 1., 0., 2., 2.]]])]),
    "torch_max_pool1d": (lambda lib, x: lib.max_pool1d(x, 2), [randn(2, 3, 9)]),
    "torch_max_pool1d_with_indices": (lambda lib, x: lib.max_pool1d_with_indices(x, 2, 1),
                                      [randn(2, 3, 9)]),
    "torch_max_pool2d": (lambda lib, x: lib.max_pool2d(x, 2), [randn(2, 3, 6, 5)]),
    "torch_max_pool3d": (lambda lib, x: lib.max_pool3d(x, 2), [randn(1, 2, 4, 4, 4)]),
    "max_pool2d_with_indices": (lambda lib, x: _f(lib, "max_pool2d_with_indices")(x, 2),
                                [randn(2, 3, 6, 5)]),
    "max_pool3d": (lambda lib, x: _f(lib, "max_pool3d")(x, 2), [randn(2, 3, 4, 5, 6)]),
    "max_pool3d_unbatched": (lambda lib, x: _f(lib, "max_pool3d")(x, (2, 1, 3), (1, 2, 2),
                                                                  (1, 0, 1)),
                             [randn(2, 5, 4, 6)]),
    "max_pool3d_indices_ceil": (lambda lib, x: _f(lib, "max_pool3d")(
        x, 3, 2, 1, dilation=1, ceil_mode=True, return_indices=True), [randn(1, 2, 5, 6, 7)]),
    "max_pool3d_dilation": (lambda lib, x: _f(lib, "max_pool3d_with_indices")(
        x, 2, 1, 0, dilation=(2, 1, 2)), [randn(1, 2, 5, 5, 5)]),
    "max_pool3d_f64": (lambda lib, x: _f(lib, "max_pool3d")(x, 2),
                       [randn(1, 1, 4, 4, 4, dtype="float64")]),
    "max_pool3d_int": (lambda lib, x: _f(lib, "max_pool3d")(x, 2),
                       [randn(1, 1, 4, 4, 4, dtype="int64")]),
    "avg_pool1d": (lambda lib, x: _f(lib, "avg_pool1d")(x, 3), [randn(2, 3, 10)]),
    "avg_pool1d_pad": (lambda lib, x: _f(lib, "avg_pool1d")(x, 3, 2, 1, True, False),
                       [randn(3, 10)]),
    "torch_avg_pool1d": (lambda lib, x: lib.avg_pool1d(x, 2, 1, 1), [randn(2, 3, 7)]),
    "avg_pool3d": (lambda lib, x: _f(lib, "avg_pool3d")(x, 2), [randn(2, 3, 4, 5, 6)]),
    "avg_pool3d_pad_ceil": (lambda lib, x: _f(lib, "avg_pool3d")(x, 3, 2, 1, True),
                            [randn(1, 2, 5, 6, 7)]),
    "avg_pool3d_no_pad_count": (lambda lib, x: _f(lib, "avg_pool3d")(x, 3, 2, 1, True, False),
                                [randn(4, 5, 6, 7)]),
    "avg_pool3d_divisor": (lambda lib, x: _f(lib, "avg_pool3d")(x, 2, divisor_override=3),
                           [randn(1, 2, 4, 4, 4)]),
    "avg_pool3d_int": (lambda lib, x: _f(lib, "avg_pool3d")(x, 3, 1, 1),
                       [randn(1, 1, 4, 4, 4, dtype="int64")]),
    "adaptive_max_pool1d": (lambda lib, x: _f(lib, "adaptive_max_pool1d")(x, 4),
                            [randn(2, 3, 10)]),
    "adaptive_max_pool1d_indices": (lambda lib, x: _f(lib, "adaptive_max_pool1d")(x, 3, True),
                                    [randn(3, 7)]),
    "adaptive_max_pool1d_with_indices": (
        lambda lib, x: _f(lib, "adaptive_max_pool1d_with_indices")(x, 5), [randn(2, 3, 7)]),
    "torch_adaptive_max_pool1d": (lambda lib, x: lib.adaptive_max_pool1d(x, 3),
                                  [randn(2, 3, 7)]),
    "torch_adaptive_avg_pool1d": (lambda lib, x: lib.adaptive_avg_pool1d(x, 3),
                                  [randn(2, 3, 7)]),
    "adaptive_max_pool2d": (lambda lib, x: _f(lib, "adaptive_max_pool2d")(x, (3, 4)),
                            [randn(2, 3, 7, 9)]),
    "adaptive_max_pool2d_none": (lambda lib, x: _f(lib, "adaptive_max_pool2d")(
        x, [None, 2], return_indices=True), [randn(3, 5, 7)]),
    "adaptive_max_pool2d_upscale": (lambda lib, x: _f(lib, "adaptive_max_pool2d_with_indices")(
        x, 5), [randn(1, 2, 3, 4)]),
    "adaptive_max_pool2d_global": (lambda lib, x: _f(lib, "adaptive_max_pool2d")(x, 1),
                                   [randn(2, 3, 5, 5)]),
    "adaptive_max_pool3d": (lambda lib, x: _f(lib, "adaptive_max_pool3d")(x, (2, 3, 2), True),
                            [randn(2, 2, 5, 6, 7)]),
    "adaptive_max_pool3d_unbatched": (lambda lib, x: _f(lib, "adaptive_max_pool3d")(x, 2),
                                      [randn(2, 3, 4, 5)]),
    "adaptive_avg_pool3d": (lambda lib, x: _f(lib, "adaptive_avg_pool3d")(x, (2, None, 3)),
                            [randn(2, 2, 5, 6, 7)]),
    "adaptive_avg_pool3d_global": (lambda lib, x: _f(lib, "adaptive_avg_pool3d")(x, 1),
                                   [randn(2, 2, 3, 4, 5)]),
    "adaptive_avg_pool3d_unbatched": (lambda lib, x: _f(lib, "adaptive_avg_pool3d")(x, 2),
                                      [randn(2, 3, 4, 5)]),
    "lp_pool1d": (lambda lib, x: _f(lib, "lp_pool1d")(x, 2, 3), [randn(2, 3, 9)]),
    "lp_pool1d_stride": (lambda lib, x: _f(lib, "lp_pool1d")(x, 3., 2, 1), [randn(2, 3, 9)]),
    "lp_pool2d": (lambda lib, x: _f(lib, "lp_pool2d")(x, 2, (2, 3)), [randn(2, 3, 6, 6)]),
    "lp_pool2d_ceil": (lambda lib, x: _f(lib, "lp_pool2d")(x, 1.5, 2, 2, True),
                       [randn(1, 3, 5, 5)]),
    "lp_pool2d_inf": (lambda lib, x: _f(lib, "lp_pool2d")(x, float("inf"), 2), [randn(1, 2, 4, 4)]),
    "lp_pool3d": (lambda lib, x: _f(lib, "lp_pool3d")(x, 2, 2), [randn(1, 2, 4, 4, 4)]),
    "unfold": (lambda lib, x: _f(lib, "unfold")(x, 3), [randn(2, 3, 6, 7)]),
    "unfold_all": (lambda lib, x: _f(lib, "unfold")(x, (2, 3), dilation=(1, 2), padding=1,
                                                    stride=(2, 1)), [randn(2, 3, 7, 8)]),
    "unfold_unbatched": (lambda lib, x: _f(lib, "unfold")(x, 2, stride=2), [randn(3, 4, 4)]),
    "fold": (lambda lib, x: _f(lib, "fold")(x, (4, 5), 2), [randn(2, 12, 12)]),
    "fold_all": (lambda lib, x: _f(lib, "fold")(x, (7, 8), (2, 3), dilation=(1, 2), padding=1,
                                                stride=(2, 1)), [randn(2, 18, 24)]),
    "fold_unbatched": (lambda lib, x: _f(lib, "fold")(x, 4, 2, stride=2), [randn(8, 4)]),
    "local_response_norm": (lambda lib, x: _f(lib, "local_response_norm")(x, 3),
                            [randn(2, 5, 4, 4)]),
    "local_response_norm_3d": (lambda lib, x: _f(lib, "local_response_norm")(x, 2, 0.1, 0.5,
                                                                             2.),
                               [randn(2, 5, 6)]),
    "local_response_norm_5d": (lambda lib, x: _f(lib, "local_response_norm")(x, 4),
                               [randn(2, 5, 2, 3, 2)]),
    "channel_shuffle": (lambda lib, x: _f(lib, "channel_shuffle")(x, 3), [randn(2, 6, 2, 2)]),
    "torch_channel_shuffle": (lambda lib, x: lib.channel_shuffle(x, 2), [randn(2, 4, 3)]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_against_torch(name):
    fn, inputs = CASES[name]
    check(fn, inputs)


def test_max_unpool2d_inverts_max_pool2d():
    def program(lib, x):
        out, idx = lib.nn.functional.max_pool2d(x, 2, return_indices=True)
        return lib.nn.functional.max_unpool2d(out, idx, 2, output_size=x.shape[-2:]), idx
    check(program, [randn(2, 3, 6, 5)])


def test_max_unpool2d_output_size_and_stride():
    def program(lib, x):
        out, idx = lib.nn.functional.max_pool2d(x, 3, 2, 1, return_indices=True)
        return lib.nn.MaxUnpool2d(3, 2, 1)(out, idx, output_size=x.size())
    check(program, [randn(1, 2, 6, 7)])


def test_max_unpool1d_inverts_max_pool1d():
    def program(lib, x):
        out, idx = lib.nn.functional.max_pool1d(x, 2, return_indices=True)
        return lib.nn.functional.max_unpool1d(out, idx, 2, output_size=[9])
    check(program, [randn(2, 3, 9)])


MODULES = {
    "MaxPool1d": (lambda nn: nn.MaxPool1d(3, 2, 1), [randn(2, 3, 9)]),
    "MaxPool1d_indices": (lambda nn: nn.MaxPool1d(2, return_indices=True), [randn(3, 8)]),
    "MaxPool3d": (lambda nn: nn.MaxPool3d((2, 1, 2), stride=1, padding=(1, 0, 1), dilation=2,
                                          ceil_mode=True), [randn(1, 2, 5, 5, 5)]),
    "AvgPool1d": (lambda nn: nn.AvgPool1d(3, 2, 1, True, False), [randn(2, 3, 9)]),
    "AvgPool3d": (lambda nn: nn.AvgPool3d(2, divisor_override=2), [randn(1, 2, 4, 4, 4)]),
    "AdaptiveMaxPool1d": (lambda nn: nn.AdaptiveMaxPool1d(3), [randn(2, 3, 8)]),
    "AdaptiveMaxPool2d": (lambda nn: nn.AdaptiveMaxPool2d((2, None), True), [randn(2, 3, 5, 4)]),
    "AdaptiveMaxPool3d": (lambda nn: nn.AdaptiveMaxPool3d(2), [randn(2, 3, 5, 4, 3)]),
    "AdaptiveAvgPool3d": (lambda nn: nn.AdaptiveAvgPool3d((1, 2, 3)), [randn(2, 3, 5, 4, 3)]),
    "LPPool1d": (lambda nn: nn.LPPool1d(2, 3), [randn(2, 3, 9)]),
    "LPPool2d": (lambda nn: nn.LPPool2d(2., (2, 3), stride=1, ceil_mode=True),
                 [randn(2, 3, 5, 6)]),
    "LPPool3d": (lambda nn: nn.LPPool3d(2, 2), [randn(1, 2, 4, 4, 4)]),
    "MaxUnpool1d": (lambda nn: nn.MaxUnpool1d(2), None),
    "MaxUnpool2d": (lambda nn: nn.MaxUnpool2d(2, stride=1, padding=1), None),
    "Unfold": (lambda nn: nn.Unfold(3, padding=1), [randn(2, 3, 5, 5)]),
    "Fold": (lambda nn: nn.Fold((4, 5), 2, padding=1), [randn(2, 12, 30)]),
    "LocalResponseNorm": (lambda nn: nn.LocalResponseNorm(3), [randn(2, 5, 4, 4)]),
    "ChannelShuffle": (lambda nn: nn.ChannelShuffle(2), [randn(2, 4, 3, 3)]),
}


@pytest.mark.parametrize("name", list(MODULES))
def test_module_repr_and_forward(name):
    make, inputs = MODULES[name]
    assert repr(make(compat.nn)) == repr(make(torch.nn))
    assert type(make(compat.nn)).__module__ == type(make(torch.nn)).__module__
    if inputs is not None:
        check(lambda lib, *xs: make(lib.nn)(*xs), inputs)


ERRORS = {
    "mp1_kernel_size": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5), (2, 2)),
    "mp1_stride_size": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5), 2, (2, 2)),
    "mp1_zero_kernel": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5), 0),
    "mp1_padding": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5), 2, 1, 2),
    "mp1_output": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5), 6),
    "mp1_rank": lambda lib: _f(lib, "max_pool1d")(lib.ones(5), 2),
    "mp1_integers": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5, dtype=lib.int64), 2),
    "mp1_float_kernel": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5), 2.0),
    "mp1_indices_rank": lambda lib: _f(lib, "max_pool1d")(lib.ones(5), 2, return_indices=True),
    "mp1_indices_kernel": lambda lib: _f(lib, "max_pool1d")(lib.ones(1, 2, 5), (2, 2),
                                                            return_indices=True),
    "mp3_kernel_size": lambda lib: _f(lib, "max_pool3d")(lib.ones(1, 2, 4, 4, 4), (2, 2)),
    "mp3_stride_size": lambda lib: _f(lib, "max_pool3d")(lib.ones(1, 2, 4, 4, 4), 2, (1, 1)),
    "mp3_rank": lambda lib: _f(lib, "max_pool3d")(lib.ones(2, 4, 4), 2),
    "mp3_output": lambda lib: _f(lib, "max_pool3d")(lib.ones(1, 2, 4, 4, 4), 5),
    "mp3_padding": lambda lib: _f(lib, "max_pool3d")(lib.ones(1, 2, 4, 4, 4), 2, padding=2),
    "mp3_dilation": lambda lib: _f(lib, "max_pool3d")(lib.ones(1, 2, 4, 4, 4), 2, dilation=0),
    "mp3_empty": lambda lib: _f(lib, "max_pool3d")(lib.ones(1, 0, 2, 2, 2), 2),
    "mp3_bool": lambda lib: _f(lib, "max_pool3d")(lib.ones(1, 1, 2, 2, 2, dtype=lib.bool), 2),
    "ap1_kernel_size": lambda lib: _f(lib, "avg_pool1d")(lib.ones(1, 2, 5), (2, 2)),
    "ap1_rank": lambda lib: _f(lib, "avg_pool1d")(lib.ones(1, 1, 2, 5), 2),
    "ap1_output": lambda lib: _f(lib, "avg_pool1d")(lib.ones(1, 2, 5), 6),
    "ap3_kernel_size": lambda lib: _f(lib, "avg_pool3d")(lib.ones(1, 2, 4, 4, 4), (2, 2)),
    "ap3_padding_size": lambda lib: _f(lib, "avg_pool3d")(lib.ones(1, 2, 4, 4, 4), 2,
                                                          padding=(1, 1)),
    "ap3_rank": lambda lib: _f(lib, "avg_pool3d")(lib.ones(2, 4, 4), 2),
    "ap3_small": lambda lib: _f(lib, "avg_pool3d")(lib.ones(1, 2, 4, 4, 4), 5),
    "ap3_divisor": lambda lib: _f(lib, "avg_pool3d")(lib.ones(1, 2, 4, 4, 4), 2,
                                                     divisor_override=0),
    "amp1_rank": lambda lib: _f(lib, "adaptive_max_pool1d")(lib.ones(5), 2),
    "amp1_size": lambda lib: _f(lib, "adaptive_max_pool1d")(lib.ones(1, 2, 5), (2, 2)),
    "amp1_integers": lambda lib: _f(lib, "adaptive_max_pool1d")(
        lib.ones(1, 2, 5, dtype=lib.int64), 2),
    "amp2_rank": lambda lib: _f(lib, "adaptive_max_pool2d")(lib.ones(5, 5), 2),
    "amp2_size": lambda lib: _f(lib, "adaptive_max_pool2d")(lib.ones(1, 5, 5), (2, 2, 2)),
    "amp3_rank": lambda lib: _f(lib, "adaptive_max_pool3d")(lib.ones(5, 5), 2),
    "aap3_rank": lambda lib: _f(lib, "adaptive_avg_pool3d")(lib.ones(5, 5), 2),
    "unfold_blocks": lambda lib: _f(lib, "unfold")(lib.ones(1, 2, 3, 3), 4),
    "fold_channels": lambda lib: _f(lib, "fold")(lib.ones(1, 5, 4), (3, 3), 2),
    "fold_blocks": lambda lib: _f(lib, "fold")(lib.ones(1, 8, 5), (3, 3), 2),
    "channel_shuffle_groups": lambda lib: _f(lib, "channel_shuffle")(lib.ones(1, 4, 2, 2), 3),
    "channel_shuffle_zero": lambda lib: _f(lib, "channel_shuffle")(lib.ones(1, 4, 2, 2), 0),
    "channel_shuffle_rank": lambda lib: _f(lib, "channel_shuffle")(lib.ones(4), 2),
    "lrn_rank": lambda lib: _f(lib, "local_response_norm")(lib.ones(4, 3), 2),
    "unpool_dtype": lambda lib: _f(lib, "max_unpool2d")(lib.ones(1, 2, 2, 2),
                                                        lib.zeros(1, 2, 2, 2, dtype=lib.int32), 2),
    "unpool_shape": lambda lib: _f(lib, "max_unpool2d")(lib.ones(1, 2, 2, 2),
                                                        lib.zeros(1, 2, 2, 1, dtype=lib.int64), 2),
    "unpool_rank": lambda lib: _f(lib, "max_unpool2d")(lib.ones(2, 2),
                                                       lib.zeros(2, 2, dtype=lib.int64), 2),
    "unpool_output_size": lambda lib: _f(lib, "max_unpool2d")(
        lib.ones(1, 1, 2, 2), lib.zeros(1, 1, 2, 2, dtype=lib.int64), 2, output_size=(9, 9)),
    "unpool_index": lambda lib: _f(lib, "max_unpool2d")(lib.ones(1, 1, 2, 2),
                                                        lib.full((1, 1, 2, 2), 20), 2),
    "unpool_output_len": lambda lib: _f(lib, "max_unpool2d")(
        lib.ones(1, 1, 2, 2), lib.zeros(1, 1, 2, 2, dtype=lib.int64), 2, output_size=(4,)),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_as_torch(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check_raises(ERRORS[name])


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(0, 1), st.booleans(),
       st.integers(5, 8))
def test_max_and_avg_pool3d_shapes(kernel, stride, padding, ceil_mode, size):
    padding = min(padding, kernel // 2)
    x = randn(1, 2, size, size - 1, size - 2)
    check(lambda lib, t: (_f(lib, "max_pool3d")(t, kernel, stride, padding, 1, ceil_mode, True),
                          _f(lib, "avg_pool3d")(t, kernel, stride, padding, ceil_mode)), [x])


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 7), st.integers(1, 7), st.integers(3, 8), st.integers(3, 8))
def test_adaptive_max_pool2d_shapes(out_h, out_w, h, w):
    check(lambda lib, t: _f(lib, "adaptive_max_pool2d")(t, (out_h, out_w), True),
          [randn(1, 2, h, w)])


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 2), st.integers(0, 1),
       st.integers(4, 7))
def test_unfold_fold_shapes(kh, kw, stride, padding, size):
    def program(lib, t):
        cols = _f(lib, "unfold")(t, (kh, kw), 1, padding, stride)
        return cols, _f(lib, "fold")(cols, (size, size + 1), (kh, kw), 1, padding, stride)
    check(program, [randn(2, 2, size, size + 1)])


# ----------------------------------------------------------------------------- activations
ACTIVATIONS = {
    "elu_": (lambda lib, x: _f(lib, "elu_")(x * 1, 0.5), [randn(3, 4)]),
    "elu_inplace": (lambda lib, x: _f(lib, "elu")(x * 1, inplace=True), [randn(3, 4)]),
    "selu_": (lambda lib, x: _f(lib, "selu_")(x * 1), [randn(3, 4)]),
    "selu_inplace": (lambda lib, x: lib.nn.SELU(inplace=True)(x * 1), [randn(3, 4)]),
    "hardtanh_": (lambda lib, x: _f(lib, "hardtanh_")(x * 1, -0.5, 0.5), [randn(3, 4)]),
    "torch_selu": (lambda lib, x: lib.selu(x), [randn(3, 4)]),
    "torch_selu_": (lambda lib, x: lib.selu_(x * 1), [randn(3, 4)]),
    "torch_celu": (lambda lib, x: lib.celu(x, 2.), [randn(3, 4)]),
    "torch_celu_": (lambda lib, x: lib.celu_(x * 1), [randn(3, 4)]),
    "torch_relu_": (lambda lib, x: lib.relu_(x * 1), [randn(3, 4)]),
    "torch_threshold": (lambda lib, x: lib.threshold(x, 0.1, 2.), [randn(3, 4)]),
    "torch_threshold_": (lambda lib, x: lib.threshold_(x * 1, 0.1, 2.), [randn(3, 4)]),
    "torch_hardshrink": (lambda lib, x: lib.hardshrink(x, 0.3), [randn(3, 4)]),
    "torch_prelu": (lambda lib, x, w: lib.prelu(x, w), [randn(2, 3, 4), randn(3)]),
    "torch_cosine_similarity": (lambda lib, x, y: lib.cosine_similarity(x, y, 0),
                                [randn(3, 4), randn(3, 4)]),
    "torch_pairwise_distance": (lambda lib, x, y: lib.pairwise_distance(x, y, 1.5),
                                [randn(3, 4), randn(3, 4)]),
    "torch_pixel_shuffle": (lambda lib, x: lib.pixel_shuffle(x, 2), [randn(1, 8, 2, 3)]),
    "torch_pixel_unshuffle": (lambda lib, x: lib.pixel_unshuffle(x, 2), [randn(1, 2, 4, 6)]),
    "rrelu_eval": (lambda lib, x: _f(lib, "rrelu")(x, 0.1, 0.4), [randn(3, 4)]),
    "rrelu_eval_zero": (lambda lib, x: _f(lib, "rrelu")(x), [const([-1., 0., 2.])]),
    "rrelu_eval_inplace": (lambda lib, x: _f(lib, "rrelu_")(x * 1), [randn(3, 4)]),
    "torch_rrelu_eval": (lambda lib, x: lib.rrelu(x), [randn(3, 4)]),
    "rrelu_module_eval": (lambda lib, x: lib.nn.RReLU(0.2, 0.3).eval()(x), [randn(3, 4)]),
    "softmax2d": (lambda lib, x: lib.nn.Softmax2d()(x), [randn(2, 3, 4, 5)]),
    "softmax2d_unbatched": (lambda lib, x: lib.nn.Softmax2d()(x), [randn(3, 4, 5)]),
    "alpha_dropout_eval": (lambda lib, x: _f(lib, "alpha_dropout")(x, 0.3), [randn(3, 4)]),
    "feature_alpha_dropout_eval": (lambda lib, x: lib.nn.FeatureAlphaDropout(0.3).eval()(x),
                                   [randn(3, 4, 2)]),
    "torch_alpha_dropout_eval": (lambda lib, x: lib.alpha_dropout(x, 0.3, False), [randn(3, 4)]),
    "dropout3d_eval": (lambda lib, x: lib.nn.Dropout3d().eval()(x), [randn(2, 3, 2, 2, 2)]),
}


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activations_against_torch(name):
    fn, inputs = ACTIVATIONS[name]
    check(fn, inputs)


def _seeded(program):
    return lambda lib, *xs: (lib.manual_seed(3), program(lib, *xs))[1]


SEEDED = {
    "rrelu_train": (lambda lib, x: _f(lib, "rrelu")(x, training=True), [randn(4, 5)]),
    "rrelu_train_bounds": (lambda lib, x: lib.rrelu(x, 0.2, 0.7, True), [randn(3, 5)]),
    "rrelu_module_train": (lambda lib, x: lib.nn.RReLU()(x), [randn(4, 5)]),
    "rrelu_train_inplace": (lambda lib, x: _f(lib, "rrelu")(x * 1, training=True, inplace=True),
                            [randn(4, 5)]),
    "alpha_dropout": (lambda lib, x: _f(lib, "alpha_dropout")(x, 0.3, True), [randn(4, 5)]),
    "alpha_dropout_module": (lambda lib, x: lib.nn.AlphaDropout(0.4)(x), [randn(4, 5)]),
    "alpha_dropout_inplace": (lambda lib, x: _f(lib, "alpha_dropout")(x * 1, 0.3, True, True),
                              [randn(4, 5)]),
    "alpha_dropout_all": (lambda lib, x: _f(lib, "alpha_dropout")(x, 1.0, True), [randn(4, 5)]),
    "torch_alpha_dropout_": (lambda lib, x: lib.alpha_dropout_(x * 1, 0.3, True), [randn(4, 5)]),
    "feature_alpha_dropout": (lambda lib, x: _f(lib, "feature_alpha_dropout")(x, 0.5, True),
                              [randn(3, 4, 2, 2)]),
    "torch_feature_alpha_dropout": (lambda lib, x: lib.feature_alpha_dropout(x, 0.5, True),
                                    [randn(3, 4, 2)]),
    "torch_dropout": (lambda lib, x: lib.dropout(x, 0.5, True), [randn(4, 5)]),
    "torch_dropout_": (lambda lib, x: lib.dropout_(x * 1, 0.5, True), [randn(4, 5)]),
    "torch_feature_dropout": (lambda lib, x: lib.feature_dropout(x, 0.5, True),
                              [randn(3, 4, 2)]),
    "dropout3d": (lambda lib, x: _f(lib, "dropout3d")(x, 0.5, True), [randn(2, 4, 2, 2, 2)]),
    "dropout3d_unbatched": (lambda lib, x: lib.nn.Dropout3d(0.3)(x), [randn(4, 2, 2, 2)]),
    "dropout3d_inplace": (lambda lib, x: _f(lib, "dropout3d")(x * 1, 0.5, True, True),
                          [randn(4, 2, 2, 2)]),
    "gumbel_softmax": (lambda lib, x: _f(lib, "gumbel_softmax")(x, tau=0.5), [randn(4, 5)]),
    "gumbel_softmax_hard": (lambda lib, x: _f(lib, "gumbel_softmax")(x, hard=True, dim=0),
                            [randn(4, 5)]),
}


@pytest.mark.parametrize("name", list(SEEDED))
def test_seeded_draws_against_torch(name):
    fn, inputs = SEEDED[name]
    check(_seeded(fn), inputs)


def test_dropout3d_warns_as_torch():
    check(lambda lib, x: _f(lib, "dropout3d")(x, 0.5, False), [randn(2, 3, 4)], warns=True)


def test_gumbel_softmax_eps_warns_as_torch():
    check(_seeded(lambda lib, x: _f(lib, "gumbel_softmax")(x, eps=1e-3)), [randn(2, 3)],
          warns=True)


@pytest.mark.parametrize("name", ["RReLU", "RReLU_inplace", "Softmax2d", "AlphaDropout",
                                  "FeatureAlphaDropout", "Dropout3d"])
def test_activation_module_repr(name):
    make = {"RReLU": lambda nn: nn.RReLU(), "RReLU_inplace": lambda nn: nn.RReLU(0.1, 0.3, True),
            "Softmax2d": lambda nn: nn.Softmax2d(), "AlphaDropout": lambda nn: nn.AlphaDropout(0.2),
            "FeatureAlphaDropout": lambda nn: nn.FeatureAlphaDropout(0.2, True),
            "Dropout3d": lambda nn: nn.Dropout3d()}[name]
    assert repr(make(compat.nn)) == repr(make(torch.nn))
    assert type(make(compat.nn)).__module__ == type(make(torch.nn)).__module__


@pytest.mark.parametrize("program", [
    lambda lib: lib.nn.Softmax2d()(lib.ones(3)),
    lambda lib: _f(lib, "feature_alpha_dropout")(lib.ones(3), 0.5, True),
    lambda lib: _f(lib, "alpha_dropout")(lib.ones(3), 1.5, True),
    lambda lib: _f(lib, "dropout3d")(lib.ones(2, 3, 4, 5), -0.1),
    lambda lib: _f(lib, "rrelu")(lib.ones(3, dtype=lib.int64), training=True),
])
def test_activation_errors_as_torch(program):
    check_raises(program)


@pytest.mark.parametrize("p", [2.0, 1.0, 0.0, 0.5, 1.5, 3.0, float("inf")])
def test_pdist_against_torch(p):
    x = randn(5, 3)
    x.array[3] = x.array[1]  # a zero distance: torch's gradient is 0 there
    check(lambda lib, t: lib.pdist(t, p), [x])
    check(lambda lib, t: lib.nn.functional.pdist(t, p), [randn(4, 2, dtype="float64")])


@pytest.mark.parametrize("program", [
    lambda lib: lib.pdist(lib.ones(2, 2, 2)),
    lambda lib: lib.pdist(lib.ones(2, 2), -1.),
    lambda lib: lib.pdist(lib.ones(2, 2, dtype=lib.int64)),
])
def test_pdist_errors_as_torch(program):
    check_raises(program)


def test_pdist_of_fewer_than_two_rows():
    check(lambda lib, t: lib.pdist(t), [randn(1, 3)])
