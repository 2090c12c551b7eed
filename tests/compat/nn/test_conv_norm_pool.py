"""Convolutions (1-D, transposed), normalisations (group, RMS, instance), adaptive pooling,
interpolation, padding modules and activations against torch: default initialisation under
a seed, outputs, gradients of inputs and parameters, buffers, repr, grad_fn names, errors."""

import warnings

import numpy as np
import pytest

from nn_oracle import assert_close, check_module, compat, raises_like, torch

rng = np.random.default_rng(3)


def randn(*shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def nn(make):
    return lambda lib: make(lib.nn)


LAYERS = {
    "conv1d": (nn(lambda n: n.Conv1d(3, 4, 3)), [randn(2, 3, 9)]),
    "conv1d_stride_pad_dil": (nn(lambda n: n.Conv1d(4, 6, 3, stride=2, padding=2, dilation=2,
                                                    groups=2)), [randn(2, 4, 11)]),
    "conv1d_same": (nn(lambda n: n.Conv1d(2, 3, 4, padding="same", bias=False)),
                    [randn(1, 2, 7)]),
    "conv1d_unbatched": (nn(lambda n: n.Conv1d(2, 3, 3)), [randn(2, 6)]),
    "conv1d_circular": (nn(lambda n: n.Conv1d(2, 3, 3, padding=1, padding_mode="circular")),
                        [randn(2, 2, 6)]),
    "conv_transpose1d": (nn(lambda n: n.ConvTranspose1d(4, 3, 3, stride=2, padding=1,
                                                        output_padding=1)), [randn(2, 4, 7)]),
    "conv_transpose1d_groups": (nn(lambda n: n.ConvTranspose1d(4, 6, 3, groups=2, dilation=2,
                                                               bias=False)), [randn(2, 4, 5)]),
    "conv_transpose1d_unbatched": (nn(lambda n: n.ConvTranspose1d(4, 3, 2)), [randn(4, 5)]),
    "conv_transpose2d": (nn(lambda n: n.ConvTranspose2d(4, 6, 3, stride=2, padding=1,
                                                        output_padding=1)), [randn(2, 4, 5, 6)]),
    "conv_transpose2d_groups": (nn(lambda n: n.ConvTranspose2d(4, 6, (3, 2), stride=(1, 2),
                                                               groups=2, dilation=(2, 1))),
                                [randn(1, 4, 5, 4)]),
    "group_norm": (nn(lambda n: n.GroupNorm(2, 4)), [randn(3, 4, 5)]),
    "group_norm_4d": (nn(lambda n: n.GroupNorm(3, 6, eps=1e-3)), [randn(2, 6, 3, 4)]),
    "group_norm_noaffine": (nn(lambda n: n.GroupNorm(1, 4, affine=False)), [randn(3, 4)]),
    "rms_norm": (nn(lambda n: n.RMSNorm(6)), [randn(3, 4, 6)]),
    "rms_norm_2d_eps": (nn(lambda n: n.RMSNorm((4, 6), eps=1e-3)), [randn(3, 4, 6)]),
    "rms_norm_noaffine": (nn(lambda n: n.RMSNorm(6, elementwise_affine=False)), [randn(3, 6)]),
    "instance_norm_1d": (nn(lambda n: n.InstanceNorm1d(4)), [randn(2, 4, 6)]),
    "instance_norm_1d_affine": (nn(lambda n: n.InstanceNorm1d(4, affine=True)),
                                [randn(2, 4, 6)]),
    "instance_norm_1d_unbatched": (nn(lambda n: n.InstanceNorm1d(4, affine=True)),
                                   [randn(4, 6)]),
    "instance_norm_2d_stats": (nn(lambda n: n.InstanceNorm2d(3, affine=True,
                                                             track_running_stats=True)),
                               [randn(2, 3, 4, 5)]),
    "instance_norm_2d_stats_cma": (nn(lambda n: n.InstanceNorm2d(3, momentum=None,
                                                                 track_running_stats=True)),
                                   [randn(2, 3, 4, 5)]),
    "adaptive_avg_pool1d": (nn(lambda n: n.AdaptiveAvgPool1d(4)), [randn(2, 3, 10)]),
    "adaptive_avg_pool1d_one": (nn(lambda n: n.AdaptiveAvgPool1d(1)), [randn(2, 3, 7)]),
    "adaptive_avg_pool2d": (nn(lambda n: n.AdaptiveAvgPool2d((3, 4))), [randn(2, 3, 7, 9)]),
    "adaptive_avg_pool2d_none": (nn(lambda n: n.AdaptiveAvgPool2d((None, 2))),
                                 [randn(3, 5, 7)]),
    "adaptive_avg_pool2d_global": (nn(lambda n: n.AdaptiveAvgPool2d(1)), [randn(2, 3, 5, 5)]),
    "adaptive_avg_pool2d_upscale": (nn(lambda n: n.AdaptiveAvgPool2d(5)), [randn(1, 2, 3, 4)]),
    "avg_pool2d_ceil_nopad": (nn(lambda n: n.AvgPool2d(3, stride=2, padding=1, ceil_mode=True,
                                                       count_include_pad=False)),
                              [randn(1, 2, 6, 7)]),
    "upsample_nearest": (nn(lambda n: n.Upsample(scale_factor=2)), [randn(1, 2, 3, 4)]),
    "upsample_nearest_fraction": (nn(lambda n: n.Upsample(scale_factor=1.7)),
                                  [randn(1, 2, 5, 3)]),
    "upsample_nearest_size": (nn(lambda n: n.Upsample(size=(5, 3))), [randn(1, 2, 3, 4)]),
    "upsample_nearest_1d": (nn(lambda n: n.Upsample(size=7)), [randn(2, 3, 4)]),
    "upsample_linear": (nn(lambda n: n.Upsample(scale_factor=2.5, mode="linear")),
                        [randn(2, 3, 4)]),
    "upsample_linear_corners": (nn(lambda n: n.Upsample(size=9, mode="linear",
                                                        align_corners=True)), [randn(2, 3, 4)]),
    "upsample_bilinear": (nn(lambda n: n.Upsample(scale_factor=2, mode="bilinear")),
                          [randn(1, 2, 3, 4)]),
    "upsample_bilinear_corners": (nn(lambda n: n.Upsample(size=(5, 7), mode="bilinear",
                                                          align_corners=True)),
                                  [randn(1, 2, 3, 4)]),
    "upsample_bilinear_down": (nn(lambda n: n.Upsample(size=(2, 3), mode="bilinear")),
                               [randn(1, 2, 5, 7)]),
    "reflection_pad1d": (nn(lambda n: n.ReflectionPad1d(2)), [randn(2, 3, 5)]),
    "reflection_pad2d": (nn(lambda n: n.ReflectionPad2d((1, 2, 0, 3))), [randn(1, 2, 4, 5)]),
    "replication_pad1d": (nn(lambda n: n.ReplicationPad1d((3, 1))), [randn(2, 3, 5)]),
    "replication_pad2d": (nn(lambda n: n.ReplicationPad2d(2)), [randn(1, 2, 4, 5)]),
    "circular_pad2d": (nn(lambda n: n.CircularPad2d(1)), [randn(1, 2, 4, 5)]),
    "zero_pad2d": (nn(lambda n: n.ZeroPad2d((1, 0, 2, 1))), [randn(1, 2, 4, 5)]),
    "zero_pad1d": (nn(lambda n: n.ZeroPad1d(2)), [randn(2, 3, 5)]),
    "constant_pad1d": (nn(lambda n: n.ConstantPad1d(2, 3.5)), [randn(2, 3, 5)]),
    "constant_pad2d": (nn(lambda n: n.ConstantPad2d((1, 0, 1, 0), 1)), [randn(1, 2, 4, 5)]),
    "selu": (nn(lambda n: n.SELU()), [randn(4, 5)]),
    "mish": (nn(lambda n: n.Mish()), [randn(4, 5)]),
    "prelu": (nn(lambda n: n.PReLU()), [randn(4, 5)]),
    "prelu_channels": (nn(lambda n: n.PReLU(3, 0.1)), [randn(2, 3, 4)]),
    "prelu_1d_input": (nn(lambda n: n.PReLU()), [randn(5)]),
    "softplus_threshold": (nn(lambda n: n.Softplus(beta=0.5, threshold=2)), [randn(4, 5) * 5]),
    "silu": (nn(lambda n: n.SiLU()), [randn(4, 5)]),
    "dropout1d": (nn(lambda n: n.Dropout1d(0.4)), [randn(3, 5, 4)]),
    "dropout1d_unbatched": (nn(lambda n: n.Dropout1d(0.4)), [randn(5, 4)]),
    "dropout2d": (nn(lambda n: n.Dropout2d(0.3)), [randn(2, 5, 3, 4)]),
    "unet_block": (nn(lambda n: n.Sequential(n.Conv1d(2, 4, 3, padding=1), n.GroupNorm(2, 4),
                                             n.SiLU(), n.ConvTranspose1d(4, 2, 2, stride=2),
                                             n.Upsample(scale_factor=0.5, mode="linear"))),
                   [randn(2, 2, 8)]),
}


@pytest.mark.parametrize("name", list(LAYERS))
def test_layer_against_torch(name):
    make, arrays = LAYERS[name]
    check_module(make, arrays, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", ["instance_norm_2d_stats", "dropout2d", "group_norm"])
def test_layer_in_eval_mode(name):
    make, arrays = LAYERS[name]
    check_module(make, arrays, train=False)


def test_instance_norm_running_stats_over_calls():
    check_module(nn(lambda n: n.InstanceNorm1d(3, track_running_stats=True)), [randn(4, 3, 5)],
                 calls=3)


def _names(fn):
    out = []
    for lib in (torch, compat):
        x = lib.tensor(randn(2, 4, 6, 5), requires_grad=True)
        r = fn(lib, x)
        out.append(type(r.grad_fn).__name__)
    assert out[1] == out[0]


@pytest.mark.parametrize("fn", [
    lambda lib, x: lib.nn.functional.conv1d(x[0], lib.ones(3, 6, 2)),
    lambda lib, x: lib.nn.functional.conv_transpose2d(x, lib.ones(4, 2, 2, 2)),
    lambda lib, x: lib.nn.functional.group_norm(x, 2),
    lambda lib, x: lib.nn.functional.rms_norm(x, (5,)),
    lambda lib, x: lib.nn.functional.rms_norm(x.half(), (5,)),
    lambda lib, x: lib.nn.functional.instance_norm(x),
    lambda lib, x: lib.nn.functional.adaptive_avg_pool1d(x[0], 2),
    lambda lib, x: lib.nn.functional.adaptive_avg_pool2d(x, 2),
    lambda lib, x: lib.nn.functional.adaptive_avg_pool2d(x, (1, 1)),
    lambda lib, x: lib.nn.functional.interpolate(x, scale_factor=2),
    lambda lib, x: lib.nn.functional.interpolate(x[0], size=3, mode="linear"),
    lambda lib, x: lib.nn.functional.interpolate(x, size=3, mode="bilinear"),
    lambda lib, x: lib.nn.functional.interpolate(x, size=3, mode="area"),
    lambda lib, x: lib.nn.functional.pad(x[0], (1, 1), mode="reflect"),
    lambda lib, x: lib.nn.functional.pad(x, (1, 1, 1, 1), mode="replicate"),
    lambda lib, x: lib.nn.functional.selu(x),
    lambda lib, x: lib.nn.functional.mish(x),
    lambda lib, x: lib.nn.functional.prelu(x, lib.tensor([0.1, 0.2, 0.3, 0.4])),
    lambda lib, x: lib.nn.functional.dropout2d(x),
])
def test_grad_fn_names(fn):
    _names(fn)


def test_functional_values_and_dtypes():
    x64 = randn(2, 4, 6).astype(np.float64)
    for fn in (lambda lib, x: lib.nn.functional.group_norm(x, 2),
               lambda lib, x: lib.nn.functional.rms_norm(x, (6,)),
               lambda lib, x: lib.nn.functional.interpolate(x, scale_factor=1.5, mode="linear"),
               lambda lib, x: lib.nn.functional.conv_transpose1d(
                   x, lib.ones(4, 2, 3, dtype=lib.float64), stride=2)):
        outs = []
        for lib in (torch, compat):
            x = lib.tensor(x64.copy(), requires_grad=True)
            out = fn(lib, x)
            out.sum().backward()
            outs.append((out, x.grad))
        assert_close(outs[1], outs[0], rtol=1e-10, atol=1e-10)
    half = randn(2, 4, 6).astype(np.float16)
    outs = [lib.nn.functional.rms_norm(lib.tensor(half), (6,)) for lib in (torch, compat)]
    assert_close(outs[1], outs[0], rtol=1e-3, atol=1e-3)


@pytest.mark.parametrize("p", [0.3, 1.0])
def test_dropout2d_functional_inplace_draws(p):
    base = randn(2, 3, 4, 4)
    outs = []
    for lib in (torch, compat):
        x = lib.tensor(base.copy())
        lib.manual_seed(11)
        lib.nn.functional.dropout2d(x, p, inplace=True)
        outs.append(x)
    assert_close(outs[1], outs[0])


def test_dropout2d_warns_as_torch_for_3d_input():
    messages = []
    for lib in (torch, compat):
        with pytest.warns(UserWarning) as record:
            lib.nn.functional.dropout2d(lib.ones(2, 3, 4))
        messages.append([str(w.message) for w in record])
    assert messages[1] == messages[0]


def test_conv_transpose_output_size():
    outs = []
    for lib in (torch, compat):
        lib.manual_seed(0)
        m = lib.nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)
        outs.append(m(lib.ones(1, 2, 4, 4), output_size=[8, 8]))
    assert_close(outs[1], outs[0])
    raises_like(lambda lib: lib.nn.ConvTranspose2d(2, 3, 3, stride=2)(lib.ones(1, 2, 4, 4),
                                                                     output_size=[20, 20]))


def test_instance_norm_warns_on_channel_mismatch():
    messages = []
    for lib in (torch, compat):
        with pytest.warns(UserWarning) as record:
            lib.nn.InstanceNorm1d(4)(lib.ones(2, 3, 5))
        messages.append([str(w.message) for w in record])
    assert messages[1] == messages[0]


ERRORS = {
    "conv1d_kernel": lambda lib: lib.nn.functional.conv1d(lib.ones(2, 4, 3), lib.ones(3, 4, 5)),
    "conv1d_channels": lambda lib: lib.nn.functional.conv1d(lib.ones(2, 4, 3), lib.ones(3, 2, 2)),
    "conv1d_rank": lambda lib: lib.nn.functional.conv1d(lib.ones(4, 3, 3, 3), lib.ones(3, 4, 2)),
    "conv1d_stride": lambda lib: lib.nn.functional.conv1d(lib.ones(2, 4, 6), lib.ones(3, 4, 2),
                                                          stride=(1, 2)),
    "convt_channels": lambda lib: lib.nn.functional.conv_transpose1d(lib.ones(2, 4, 3),
                                                                     lib.ones(3, 4, 5)),
    "convt_output_padding": lambda lib: lib.nn.functional.conv_transpose1d(
        lib.ones(2, 4, 3), lib.ones(4, 4, 5), output_padding=2),
    "convt_too_small": lambda lib: lib.nn.functional.conv_transpose2d(
        lib.ones(4, 3, 3), lib.ones(4, 2, 2, 2), padding=3),
    "convt_bias": lambda lib: lib.nn.functional.conv_transpose1d(
        lib.ones(4, 3), lib.ones(4, 2, 2), bias=lib.ones(3)),
    "convt_padding_mode": lambda lib: lib.nn.ConvTranspose1d(2, 2, 2, padding_mode="reflect"),
    "group_norm_groups": lambda lib: lib.nn.functional.group_norm(lib.ones(2, 4, 6), 3),
    "group_norm_weight": lambda lib: lib.nn.functional.group_norm(lib.ones(2, 4, 6), 2,
                                                                  lib.ones(3)),
    "group_norm_one_value": lambda lib: lib.nn.functional.group_norm(lib.ones(1, 4, 1), 4),
    "group_norm_rank": lambda lib: lib.nn.functional.group_norm(lib.ones(4), 4),
    "group_norm_module": lambda lib: lib.nn.GroupNorm(3, 4),
    "group_norm_integers": lambda lib: lib.nn.functional.group_norm(
        lib.ones(2, 4, 6, dtype=lib.int64), 2),
    "rms_norm_shape": lambda lib: lib.nn.functional.rms_norm(lib.ones(2, 4, 6), (5,)),
    "rms_norm_weight": lambda lib: lib.nn.functional.rms_norm(lib.ones(2, 4, 6), (6,),
                                                              lib.ones(5)),
    "rms_norm_int_shape": lambda lib: lib.nn.functional.rms_norm(lib.ones(2, 6), 6),
    "instance_norm_spatial": lambda lib: lib.nn.functional.instance_norm(lib.ones(2, 4, 1)),
    "instance_norm_features": lambda lib: lib.nn.InstanceNorm1d(4, affine=True)(
        lib.ones(2, 3, 5)),
    "instance_norm_rank": lambda lib: lib.nn.InstanceNorm2d(4)(lib.ones(2, 3)),
    "adaptive_1d_rank": lambda lib: lib.nn.functional.adaptive_avg_pool1d(lib.ones(1, 2, 3, 4),
                                                                          2),
    "adaptive_2d_size": lambda lib: lib.nn.functional.adaptive_avg_pool2d(lib.ones(1, 2, 3, 4),
                                                                          (2,)),
    "adaptive_2d_rank": lambda lib: lib.nn.functional.adaptive_avg_pool2d(lib.ones(3, 3), 2),
    "interp_both": lambda lib: lib.nn.functional.interpolate(lib.ones(1, 1, 3), size=2,
                                                             scale_factor=2),
    "interp_neither": lambda lib: lib.nn.functional.interpolate(lib.ones(1, 1, 3)),
    "interp_corners": lambda lib: lib.nn.functional.interpolate(lib.ones(1, 1, 3), size=2,
                                                                align_corners=True),
    "interp_rank": lambda lib: lib.nn.functional.interpolate(lib.ones(1, 1, 3), size=2,
                                                             mode="bilinear"),
    "interp_mode": lambda lib: lib.nn.functional.interpolate(lib.ones(1, 1, 3, 3), size=2,
                                                             mode="foo"),
    "interp_sizes": lambda lib: lib.nn.functional.interpolate(lib.ones(1, 1, 3, 3),
                                                              size=(7, 3, 2)),
    "interp_scales": lambda lib: lib.nn.functional.interpolate(lib.ones(1, 1, 3, 3),
                                                               scale_factor=[2.0]),
    "interp_integers": lambda lib: lib.nn.functional.interpolate(
        lib.ones(1, 1, 3, 3, dtype=lib.int64), size=2),
    "prelu_channels": lambda lib: lib.nn.functional.prelu(lib.ones(2, 3), lib.ones(2)),
    "prelu_number": lambda lib: lib.nn.functional.prelu(lib.ones(2, 3), 0.2),
    "mish_integers": lambda lib: lib.nn.functional.mish(lib.ones(2, dtype=lib.int64)),
    "pad_rank": lambda lib: lib.nn.functional.pad(lib.ones(1, 1, 1, 2), (1, 1), mode="reflect"),
    "dropout1d_rank": lambda lib: lib.nn.functional.dropout1d(lib.ones(2, 3, 4, 5)),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_as_torch(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raises_like(ERRORS[name])
