"""Op-table entries of ``torch.nn.functional``'s adaptive average pooling and
``interpolate`` (nearest, nearest-exact, linear, bilinear, bicubic, trilinear; 'area' is
adaptive average pooling, as torch's).

>>> import compat as torch
>>> import compat.nn.functional as F
>>> F.interpolate(torch.tensor([[[1., 3.]]]), scale_factor=2, mode="linear")
tensor([[[1.0000, 1.5000, 2.5000, 3.0000]]])
"""
from __future__ import annotations

import warnings

from jaxgrad.functional import resampling as _resampling

from .registry import check_input, nn_function, op


def _adaptive_2d_name(self, output_size):
    # torch computes a 1×1 output as a mean over the spatial dims.
    sizes = output_size if isinstance(output_size, tuple) else (output_size, output_size)
    return "MeanBackward1" if tuple(sizes) == (1, 1) else "AdaptiveAvgPool2DBackward0"


def _output_size(self, output_size):
    if isinstance(output_size, list):
        output_size = tuple(output_size)
    return (self, output_size)


adaptive_avg_pool1d = op("adaptive_avg_pool1d(self, output_size)",
                         _resampling.adaptive_avg_pool1d, "SqueezeBackward1",
                         prepare=_output_size, method=False, function=False, nn=True)
adaptive_avg_pool2d = op("adaptive_avg_pool2d(self, output_size)",
                         _resampling.adaptive_avg_pool2d, _adaptive_2d_name,
                         prepare=_output_size, method=False, function=False, nn=True)


def _interpolate_name(self, size, mode, align_corners, scales):
    kind = {"nearest": "Nearest", "nearest-exact": "NearestExact", "linear": "Linear",
            "bilinear": "Bilinear", "bicubic": "Bicubic", "trilinear": "Trilinear"}[mode]
    return f"Upsample{kind}{len(size)}DBackward0"


_interpolate = op("interpolate(self, size, mode, align_corners, scales)",
                  _resampling.interpolate, _interpolate_name, method=False, function=False)

# The modes interpolate knows, and the input rank each of those compat computes needs.
_MODES = ("nearest", "linear", "bilinear", "bicubic", "trilinear", "area", "nearest-exact")
_RANKS = {"linear": 3, "bilinear": 4, "trilinear": 5}  # bicubic: torch's generic error


def _spatial_values(input, value, head, what, shown, letter):
    """``value`` as one entry per spatial dim (an int or float repeated), with torch's error
    for a sequence of the wrong length."""
    dim = input.ndim - 2
    if isinstance(value, (list, tuple)):
        if len(value) != dim:
            raise ValueError(f"Input and {head} must have the same number of spatial dimensions, "
                             f"but got input with spatial dimensions of {list(input.shape[2:])} "
                             f"and {what} of {shown}{value}. Please provide input tensor in (N, C, "
                             f"d1, d2, ...,dK) format and {what} in ({letter}1, {letter}2, ...,"
                             f"{letter}K) format.")
        return list(value)
    return [value] * dim


def _check_mode_rank(input, mode):
    need = _RANKS.get(mode)
    if need is not None and input.ndim != need:
        raise NotImplementedError(f"Got {input.ndim}D input, but {mode} mode needs {need}D input")
    if mode not in _MODES or input.ndim not in (3, 4, 5) or (mode == "bicubic" and
                                                               input.ndim != 4):
        raise NotImplementedError(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got "
                                  f"{input.ndim}D) for the modes: nearest | linear | bilinear | "
                                  f"bicubic | trilinear | lanczos | area | nearest-exact (got "
                                  f"{mode})")


@nn_function("interpolate")
def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,
                recompute_scale_factor=None, antialias=False):
    """Resize the spatial dims to ``size`` or by ``scale_factor``: 'nearest' and
    'nearest-exact' (3-D to 5-D inputs), 'linear' (3-D), 'bilinear' and 'bicubic' (4-D),
    'trilinear' (5-D; ``align_corners`` for the interpolating modes), 'area' (adaptive
    average pooling), with torch's source positions and argument checks."""
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError("align_corners option can only be set with the interpolating "
                             "modes: linear | bilinear | bicubic | trilinear")
    elif align_corners is None:
        align_corners = False
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is None and scale_factor is None:
        raise ValueError("either size or scale_factor should be defined")
    output_size = scales = None
    if size is not None:
        output_size = [int(s) for s in _spatial_values(input, size, "output", "output size", "", "o")]
    else:
        scales = [float(s) for s in _spatial_values(input, scale_factor, "scale_factor",
                                                    "scale_factor", "shape ", "s")]
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if mode == "area" and output_size is None:
        recompute_scale_factor = True
    if output_size is None:
        output_size = list(_resampling.interpolated_size(input.shape[2:], scales))
        if recompute_scale_factor:
            scales = None
    if antialias and not (mode in ("bilinear", "bicubic") and input.ndim == 4):
        raise ValueError("Anti-alias option is restricted to bilinear and bicubic modes and "
                         "requires a 4-D tensor as input")
    _check_mode_rank(input, mode)
    if mode == "area":
        pool = adaptive_avg_pool1d if input.ndim == 3 else adaptive_avg_pool2d
        return pool(input, tuple(output_size) if input.ndim == 4 else output_size[0])
    if mode == "area" or antialias:  # 'area' of a 5-D input, antialiasing
        raise NotImplementedError(f"interpolate: mode {mode!r} on a {input.ndim}D input"
                                  f"{' with antialias' if antialias else ''} is not supported "
                                  "by compat")
    return _interpolate(input, tuple(output_size), mode, bool(align_corners),
                        None if scales is None else tuple(scales))


def _warn_deprecated(name):
    warnings.warn(f"`nn.functional.{name}` is deprecated. Use `nn.functional.interpolate` "
                  "instead.", stacklevel=3)


@nn_function("upsample")
def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    """The deprecated spelling of :func:`interpolate`."""
    _warn_deprecated("upsample")
    return interpolate(input, size, scale_factor, mode, align_corners)


@nn_function("upsample_nearest")
def upsample_nearest(input, size=None, scale_factor=None):
    """Deprecated: ``interpolate(mode='nearest')``."""
    _warn_deprecated("upsample_nearest")
    return interpolate(input, size, scale_factor, mode="nearest")


@nn_function("upsample_bilinear")
def upsample_bilinear(input, size=None, scale_factor=None):
    """Deprecated: ``interpolate(mode='bilinear', align_corners=True)``."""
    _warn_deprecated("upsample_bilinear")
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


_pixel_shuffle = op("pixel_shuffle(self, upscale_factor)", _resampling.pixel_shuffle,
                    "PixelShuffleBackward0", method=False, function=False)
_pixel_unshuffle = op("pixel_unshuffle(self, downscale_factor)", _resampling.pixel_unshuffle,
                      "PixelUnshuffleBackward0", method=False, function=False)


def _check_factor(name, param, input, factor):
    check_input(input, name)
    if type(factor) is not int:
        raise TypeError(f"{name}(): argument '{param}' (position 2) must be int, not "
                        f"{type(factor).__name__}")


@nn_function("pixel_shuffle")
def pixel_shuffle(input, upscale_factor):
    """``(*, C r², H, W)`` rearranged to ``(*, C, H r, W r)``.

    >>> import compat as torch
    >>> pixel_shuffle(torch.arange(4.).reshape(4, 1, 1), 2)
    tensor([[[0., 1.],
             [2., 3.]]])
    """
    _check_factor("pixel_shuffle", "upscale_factor", input, upscale_factor)
    return _pixel_shuffle(input, upscale_factor)


@nn_function("pixel_unshuffle")
def pixel_unshuffle(input, downscale_factor):
    """``(*, C, H r, W r)`` rearranged to ``(*, C r², H, W)``, undoing :func:`pixel_shuffle`.

    >>> import compat as torch
    >>> pixel_unshuffle(torch.arange(4.).reshape(1, 2, 2), 2).flatten()
    tensor([0., 1., 2., 3.])
    """
    _check_factor("pixel_unshuffle", "downscale_factor", input, downscale_factor)
    return _pixel_unshuffle(input, downscale_factor)
