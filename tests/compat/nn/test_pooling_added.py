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
