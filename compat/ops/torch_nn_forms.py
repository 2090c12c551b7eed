"""The ``torch.*`` spellings of ``nn.functional`` ops that torch also exposes at the top
level (``torch.celu``, ``torch.threshold_``, ``torch.alpha_dropout``, …): each calls the
``nn.functional`` form, so the two never differ.

>>> import compat as torch
>>> torch.hardshrink(torch.tensor([0.3, -2.]))
tensor([ 0., -2.])
"""
from __future__ import annotations

from . import nn as _nn
from . import resampling as _resampling
from .registry import check_input, function


@function("selu_")
def selu_(input):
    """``torch.selu_``: :func:`selu` in place."""
    return _nn.selu_(input)


@function("celu")
def celu(input, alpha=1.0):
    """``torch.celu``."""
    return _nn.celu(input, alpha)


@function("celu_")
def celu_(input, alpha=1.0):
    """``torch.celu_``: :func:`celu` in place."""
    return _nn.celu_(input, alpha)


@function("threshold")
def threshold(input, threshold, value):
    """``torch.threshold``: ``value`` where ``input <= threshold``."""
    return _nn.threshold(input, threshold, value)


@function("threshold_")
def threshold_(input, threshold, value):
    """``torch.threshold_``: :func:`threshold` in place."""
    return _nn.threshold_(input, threshold, value)


@function("hardshrink")
def hardshrink(input, lambd=0.5):
    """``torch.hardshrink``: zero where ``|input| <= lambd``."""
    check_input(input, "hardshrink")
    return _nn.hardshrink(input, lambd)


@function("prelu")
def prelu(input, weight):
    """``torch.prelu``: ``weight * x`` where ``x < 0`` (one weight, or one per channel)."""
    check_input(input, "prelu")
    return _nn.prelu(input, weight)


@function("rrelu")
def rrelu(input, lower=1.0 / 8, upper=1.0 / 3, training=False, generator=None):
    """``torch.rrelu`` (the default generator's draws in training)."""
    return _nn.rrelu(input, lower, upper, training)


@function("rrelu_")
def rrelu_(input, lower=1.0 / 8, upper=1.0 / 3, training=False, generator=None):
    """``torch.rrelu_``: :func:`rrelu` in place."""
    return _nn.rrelu(input, lower, upper, training, True)


@function("cosine_similarity")
def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """``torch.cosine_similarity``."""
    return _nn.cosine_similarity(x1, x2, dim, eps)


@function("pairwise_distance")
def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """``torch.pairwise_distance``."""
    return _nn.pairwise_distance(x1, x2, p, eps, keepdim)


@function("pixel_shuffle")
def pixel_shuffle(input, upscale_factor):
    """``torch.pixel_shuffle``."""
    return _resampling.pixel_shuffle(input, upscale_factor)


@function("pixel_unshuffle")
def pixel_unshuffle(input, downscale_factor):
    """``torch.pixel_unshuffle``."""
    return _resampling.pixel_unshuffle(input, downscale_factor)


def _dropout_forms(name, nn_function):
    """``torch.<name>(input, p, train)`` and its in-place ``torch.<name>_``."""
    def out_of_place(input, p, train):
        check_input(input, name)
        return nn_function(input, p, train)

    def in_place(input, p, train):
        check_input(input, name + "_")
        return nn_function(input, p, train, True)
    out_of_place.__name__ = out_of_place.__qualname__ = name
    in_place.__name__ = in_place.__qualname__ = name + "_"
    out_of_place.__doc__ = f"``torch.{name}(input, p, train)``."
    in_place.__doc__ = f"``torch.{name}_(input, p, train)``: :func:`{name}` in place."
    function(name)(out_of_place)
    function(name + "_")(in_place)


_dropout_forms("dropout", _nn.dropout)
_dropout_forms("feature_dropout",
               lambda input, p, train, inplace=False: _nn._feature_dropout(input, p, train, inplace))
_dropout_forms("alpha_dropout", _nn.alpha_dropout)
_dropout_forms("feature_alpha_dropout", _nn.feature_alpha_dropout)
