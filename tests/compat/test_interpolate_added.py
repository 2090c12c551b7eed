"""``F.interpolate``'s bicubic, trilinear, nearest-exact and 5-D nearest modes, the deprecated
``upsample_nearest``/``upsample_bilinear`` and ``UpsamplingNearest2d``/``UpsamplingBilinear2d``,
against torch (values, gradients, node names, errors, warnings, reprs)."""
from __future__ import annotations

import pytest

from oracle import check, check_raises, randn


def _interpolate(mode, **kw):
    return lambda torch, x: torch.nn.functional.interpolate(x, mode=mode, **kw)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape,mode,kw", [
    ((2, 3, 5, 7), "bicubic", dict(size=(9, 4))),
    ((2, 3, 5, 7), "bicubic", dict(scale_factor=2.5)),
    ((1, 2, 4, 4), "bicubic", dict(scale_factor=0.5, align_corners=True)),
    ((1, 2, 6, 5), "bicubic", dict(size=(13, 11), align_corners=True)),
    ((1, 1, 5, 5), "bicubic", dict(size=(3, 3))),
    ((1, 2, 3, 4, 5), "trilinear", dict(scale_factor=2)),
    ((1, 2, 3, 4, 5), "trilinear", dict(size=(5, 3, 7), align_corners=True)),
    ((1, 2, 3, 4, 5), "nearest", dict(scale_factor=1.7)),
    ((1, 2, 3, 4, 5), "nearest-exact", dict(size=(5, 3, 7))),
    ((2, 3, 7), "nearest-exact", dict(size=12)),
    ((2, 3, 7, 5), "nearest-exact", dict(scale_factor=0.6)),
])
def test_interpolate_modes_match_torch(dtype, shape, mode, kw):
    check(_interpolate(mode, **kw), [randn(*shape, dtype=dtype)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.nn.functional.interpolate(torch.randn(1, 1, 4), size=7, mode="bicubic"),
    lambda torch: torch.nn.functional.interpolate(torch.randn(1, 1, 4, 4, 4), size=7,
                                                  mode="bicubic"),
    lambda torch: torch.nn.functional.interpolate(torch.randn(1, 1, 4, 4), size=7,
                                                  mode="trilinear"),
    lambda torch: torch.nn.functional.interpolate(torch.randn(1, 1, 4, 4, 4), size=7,
                                                  mode="bilinear"),
    lambda torch: torch.nn.functional.interpolate(torch.randn(1, 1, 4), size=7,
                                                  mode="nearest-exact", align_corners=True),
])
def test_interpolate_refuses_as_torch(program):
    check_raises(program)


@pytest.mark.parametrize("name,kw", [("upsample_nearest", dict(scale_factor=2)),
                                     ("upsample_bilinear", dict(size=3)),
                                     ("upsample_bilinear", dict(scale_factor=2))])
def test_deprecated_upsampling_functions_warn_and_match_torch(name, kw):
    check(lambda torch, x: getattr(torch.nn.functional, name)(x, **kw), [randn(1, 2, 3, 4)],
          warns=True)


@pytest.mark.parametrize("make", [
    lambda nn: nn.UpsamplingBilinear2d(scale_factor=2), lambda nn: nn.UpsamplingNearest2d(size=3),
    lambda nn: nn.UpsamplingBilinear2d(size=(5, 2)), lambda nn: nn.Upsample(scale_factor=2,
                                                                            mode="bicubic"),
])
def test_upsampling_modules_match_torch(make):
    check(lambda torch, x: (repr(make(torch.nn)), make(torch.nn)(x)), [randn(1, 2, 3, 4)])
