"""Random tensors identical to PyTorch's on CPU: ``manual_seed``, ``rand``, ``randn``, … .

Draws come from :class:`jaxgrad.generator.TorchGenerator` (mt19937 with torch's transforms),
so ``torch.manual_seed(42); torch.randn(1)`` gives torch's number. Code compiled with
``jax.jit`` cannot hold this state: it takes explicit ``jax.random`` keys instead.

>>> import compat as torch
>>> _ = torch.manual_seed(0)
>>> torch.rand(2)
tensor([0.4963, 0.7682])
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from jaxgrad import dtypes as _jd
from jaxgrad import generator as _gen

from . import dtypes as _dt
from .creation import _finish, _shape


class Generator:
    """``torch.Generator``: an independent torch-identical random stream."""

    def __init__(self, device="cpu"):
        self._gen = _gen.TorchGenerator()
        self.device = device

    def manual_seed(self, seed):
        self._gen.manual_seed(int(seed))
        return self

    def seed(self):
        return self._gen.seed()

    def initial_seed(self):
        return self._gen.initial_seed()

    def get_state(self):
        from .creation import tensor
        return tensor(self._gen.get_state(), dtype=_dt.uint8)

    def set_state(self, new_state):
        self._gen.set_state(np.asarray(new_state._value if hasattr(new_state, "_value") else new_state))
        return self


default_generator = Generator()
default_generator._gen = _gen.default_generator


def _generator(generator):
    return (generator or default_generator)._gen


def manual_seed(seed):
    """Seed the default generator; returns it, as torch does."""
    default_generator.manual_seed(seed)
    return default_generator


def seed():
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state):
    default_generator.set_state(new_state)


def _float(dtype):
    return _dt.to_np(dtype) if dtype is not None else _jd.default_float_dtype()


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    """Uniform on [0, 1), as ``torch.rand``."""
    values = _generator(generator).uniform(_shape(size, kwargs.pop("size", None), "rand"),
                                           dtype=_float(dtype))
    return _finish(values, dtype, device, requires_grad)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    """Standard normal, as ``torch.randn``."""
    values = _generator(generator).normal(_shape(size, kwargs.pop("size", None), "randn"),
                                          dtype=_float(dtype))
    return _finish(values, dtype, device, requires_grad)


def randint(low=0, high=None, size=None, *, generator=None, dtype=None, device=None,
            requires_grad=False):
    """Integers in [low, high), as ``torch.randint(low, high, size)`` / ``randint(high, size)``."""
    if size is None:
        low, high, size = 0, low, high
    np_dtype = _dt.to_np(dtype) if dtype is not None else _jd.int64
    values = _generator(generator).randint(int(low), int(high), tuple(size), dtype=np_dtype)
    return _finish(values, dtype, device, requires_grad)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False):
    np_dtype = _dt.to_np(dtype) if dtype is not None else _jd.int64
    return _finish(_generator(generator).randperm(int(n), dtype=np_dtype), dtype, device,
                   requires_grad)


def rand_like(input, *, dtype=None, device=None, requires_grad=False):
    return rand(tuple(input.shape), dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input, *, dtype=None, device=None, requires_grad=False):
    return randn(tuple(input.shape), dtype=dtype or input.dtype, requires_grad=requires_grad)


def randint_like(input, low=0, high=None, *, dtype=None, device=None):
    if high is None:
        low, high = 0, low
    return randint(low, high, tuple(input.shape), dtype=dtype or input.dtype)


def normal(mean, std=1.0, size=None, *, generator=None, dtype=None):
    """``torch.normal``: tensor or float mean/std, or a ``size`` for float ones."""
    gen = _generator(generator)
    if size is not None:
        return _finish(gen.normal(tuple(size), float(mean), float(std), dtype=_float(dtype)),
                       dtype, None, False)
    m = np.asarray(mean._value) if hasattr(mean, "_value") else mean
    s = np.asarray(std._value) if hasattr(std, "_value") else std
    ref = m if isinstance(m, np.ndarray) else s
    values = gen.normal(None, np.asarray(m), np.asarray(s), dtype=ref.dtype)
    return _finish(values, None, None, False)


def bernoulli(input, p=None, *, generator=None):
    gen = _generator(generator)
    if p is None:
        return _finish(gen.bernoulli(np.asarray(input._value)), None, None, False)
    return _finish(gen.bernoulli(float(p), tuple(input.shape), dtype=input._data.dtype), None,
                   None, False)


def multinomial(input, num_samples, replacement=False, *, generator=None):
    values = _generator(generator).multinomial(np.asarray(input._value), num_samples, replacement)
    return _finish(values, None, None, False)


class RandomMethods:
    """In-place random fills of Tensor (``uniform_``, ``normal_``, …)."""

    __slots__ = ()

    def _fill_random(self, values):
        self._check_inplace()
        self._set_data(jnp.asarray(values))
        return self

    def uniform_(self, a=0.0, b=1.0, *, generator=None):
        return self._fill_random(_generator(generator).uniform(tuple(self.shape), a, b,
                                                               dtype=self._data.dtype))

    def normal_(self, mean=0.0, std=1.0, *, generator=None):
        return self._fill_random(_generator(generator).normal(tuple(self.shape), mean, std,
                                                              dtype=self._data.dtype))

    def random_(self, from_=None, to=None, *, generator=None):
        if to is None and from_ is not None:
            from_, to = None, from_
        return self._fill_random(_generator(generator).random_(tuple(self.shape), from_, to,
                                                               dtype=self._data.dtype))

    def bernoulli_(self, p=0.5, *, generator=None):
        if hasattr(p, "_value"):
            values = _generator(generator).bernoulli(np.asarray(p._value), tuple(self.shape),
                                                     dtype=self._data.dtype)
        else:
            values = _generator(generator).bernoulli(float(p), tuple(self.shape),
                                                     dtype=self._data.dtype)
        return self._fill_random(values)

    def exponential_(self, lambd=1.0, *, generator=None):
        return self._fill_random(_generator(generator).exponential(tuple(self.shape), lambd,
                                                                   dtype=self._data.dtype))

    def bernoulli(self, p=None, *, generator=None):
        return bernoulli(self, p, generator=generator)

    def multinomial(self, num_samples, replacement=False, *, generator=None):
        return multinomial(self, num_samples, replacement, generator=generator)
