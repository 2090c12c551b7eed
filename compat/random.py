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

import math

import jax.numpy as jnp
import numpy as np

from jaxgrad import arguments as _args
from jaxgrad import dtypes as _jd
from jaxgrad.functional._checks import broadcast_shapes
from jaxgrad import generator as _gen

from . import dtypes as _dt
from . import strides as _layout
from .creation import (_FACTORY, _LIKE, _OUT_FACTORY, Overloads, _defaults_from, _finish,
                       _fmt, _like_values, check_out, check_shape, double_arg, dtype_arg,
                       fill_like, finish, int_arg, not_implemented, result_dtype, scalar_to, scalar_type_name, size_arg,
                       tensor)


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


# ---------------------------------------------------------------- argument parsing
_GEN = "torch.Generator? generator"


def _generator_overloads(name, keywords, *heads):
    """``name``'s signatures as torch lists them: each of ``heads`` (the positional part)
    with a ``generator`` keyword before ``keywords``, then without one."""
    return Overloads(name, *(f"({head}, *, {kw})" for head in heads
                             for kw in (f"{_GEN}, {keywords}", keywords)))


_RAND = _generator_overloads("rand", _OUT_FACTORY, "tuple of ints size")
_RANDN = _generator_overloads("randn", _OUT_FACTORY, "tuple of ints size")
_RANDINT = _generator_overloads("randint", _OUT_FACTORY, "SymInt high, tuple of ints size",
                                "SymInt low, SymInt high, tuple of ints size")
_RANDPERM = _generator_overloads("randperm", _OUT_FACTORY, "SymInt n")
_RAND_LIKE = _generator_overloads("rand_like", _LIKE, "Tensor input")
_RANDN_LIKE = _generator_overloads("randn_like", _LIKE, "Tensor input")
_RANDINT_LIKE = _generator_overloads("randint_like", _LIKE,
                                     "Tensor input, SymInt low, SymInt high",
                                     "Tensor input, Tensor high", "Tensor input, SymInt high")
_NORMAL_GEN = "torch.Generator generator = None, Tensor out = None"
_NORMAL = Overloads(
    "normal",
    f"(Tensor mean, Tensor std, *, {_NORMAL_GEN})",
    f"(Tensor mean, float std = 1, *, {_NORMAL_GEN})",
    f"(float mean, Tensor std, *, {_NORMAL_GEN})",
    f"(float mean, float std, tuple of ints size, *, {_NORMAL_GEN}, {_FACTORY})")
_BERNOULLI = Overloads("bernoulli", f"(Tensor input, *, {_NORMAL_GEN})",
                       "(Tensor input, float p, *, torch.Generator generator = None)")
_MULTINOMIAL = Overloads("multinomial", "(Tensor input, SymInt num_samples, bool replacement = "
                                        f"False, *, {_NORMAL_GEN})")


def _factory_dtype(name, values, default):
    """The parsed dtype (a compat dtype or None) and the result's numpy dtype."""
    values["dtype"] = dtype_arg(values["dtype"])
    check_out(name, values.get("out"), values["dtype"])
    return result_dtype(values["dtype"], values.get("out"), default)


def _real_draw(draw, shape, np_dtype, *args, **options):
    """``draw`` for a real dtype; for a complex one torch draws the real view
    (``(*shape, 2)`` of the real dtype)."""
    if _jd.category(np_dtype) != 3:
        return draw(shape, *args, dtype=np_dtype, **options)
    real = np.dtype(np.float32 if np_dtype == np.complex64 else np.float64)
    return draw(tuple(shape) + (2,), *args, dtype=real, **options).view(np_dtype).reshape(shape)


def _uniform(gen, shape, np_dtype, low=0.0, high=1.0):
    if _jd.category(np_dtype) < 2:
        raise not_implemented("check_uniform_bounds", np_dtype)
    return _real_draw(gen.uniform, shape, np_dtype, low, high)


def _check_std(std: float):
    """torch checks a scalar std before the dtype (``CHECK_NORMAL_STD``)."""
    _args.check_normal_std(std)


def _standard_normal(gen, shape, np_dtype, mean=0.0, std=1.0, contiguous=True):
    """Normal draws; ``contiguous=False``: for a strided tensor (torch's serial path)."""
    if _jd.category(np_dtype) < 2:
        raise not_implemented("normal_kernel_cpu", np_dtype)
    if _jd.category(np_dtype) == 3:  # the real and imaginary parts share the variance
        std = std / math.sqrt(2)
    return _real_draw(gen.normal, shape, np_dtype, mean, std, contiguous=contiguous)


def _random_tensor(name, overloads, draw, args, kwargs):
    _, values = overloads.parse(args, kwargs)
    shape = size_arg(values["size"], name)
    np_dtype = _factory_dtype(name, values, _jd.default_float_dtype())
    check_shape(shape, np_dtype)
    return finish(draw(_generator(values.get("generator")), shape, np_dtype), values,
                  values.get("out"))


def rand(*args, **kwargs):
    """``torch.rand(*size, *, generator=None, dtype=None, …)``: uniform on [0, 1), the same
    numbers as torch's CPU generator.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand(2)
    tensor([0.4963, 0.7682])
    """
    return _random_tensor("rand", _RAND, _uniform, args, kwargs)


def randn(*args, **kwargs):
    """``torch.randn(*size, *, generator=None, dtype=None, …)``: standard normal.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randn(2)
    tensor([ 1.5410, -0.2934])
    """
    return _random_tensor("randn", _RANDN, _standard_normal, args, kwargs)


def _integers(gen, low, high, shape, np_dtype):
    if _jd.category(np_dtype) == 3:
        _args.check_random_bounds(low, high)
        raise RuntimeError("check_random_bounds handles only integral, floating-point and "
                           "boolean types")
    return gen.randint(low, high, shape, dtype=np_dtype)


def randint(*args, **kwargs):
    """``torch.randint(low=0, high, size, *, generator=None, dtype=None, …)``: integers in
    [low, high), int64 unless ``dtype`` says otherwise.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randint(10, (3,))
    tensor([4, 9, 3])
    """
    which, values = _RANDINT.parse(args, kwargs)
    low = int_arg(values["low"]) if which >= 2 else 0
    high = int_arg(values["high"])
    shape = size_arg(values["size"], "randint")
    np_dtype = _factory_dtype("randint", values, _jd.int64)
    check_shape(shape, np_dtype)
    gen = _generator(values.get("generator"))
    return finish(_integers(gen, low, high, shape, np_dtype), values, values.get("out"))


# torch's limit on n for float dtypes: every value up to n - 1 must be exact
_RANDPERM_FLOAT_LIMITS = {"float16": (2049, "2049", "Half"),
                          "float32": ((1 << 24) + 1, "2^24+1", "Float"),
                          "float64": ((1 << 53) + 1, "2^53+1", "Double")}


def randperm(*args, **kwargs):
    """``torch.randperm(n, *, generator=None, dtype=torch.int64, …)``: a random permutation
    of ``0 .. n-1``.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.randperm(4)
    tensor([0, 1, 3, 2])
    """
    _, values = _RANDPERM.parse(args, kwargs)
    n = int_arg(values["n"])
    np_dtype = _factory_dtype("randperm", values, _jd.int64)
    check_shape((n,), np_dtype)
    scalar_to(n - 1 if n > 0 else n, np_dtype)
    if np_dtype.name in _RANDPERM_FLOAT_LIMITS:
        limit, text, name = _RANDPERM_FLOAT_LIMITS[np_dtype.name]
        if n > limit:
            raise RuntimeError(f"n cannot be greater than {text} for {name} type.")
    if _jd.category(np_dtype) in (0, 3):
        raise not_implemented("randperm", np_dtype)
    gen = _generator(values.get("generator"))
    return finish(gen.randperm(n, dtype=np_dtype), values, values.get("out"))


def rand_like(*args, **kwargs):
    """``torch.rand_like(input, *, generator=None, dtype=None, …)``: uniform on [0, 1) in
    ``input``'s shape and dtype.

    >>> import compat as torch
    >>> torch.rand_like(torch.zeros(2, 3)).shape
    torch.Size([2, 3])
    """
    source, values = _like_values(_RAND_LIKE, args, kwargs)
    gen = _generator(values.get("generator"))
    return fill_like(source, values,
                     lambda shape, contiguous: _uniform(gen, shape, values["dtype"].np))


def randn_like(*args, **kwargs):
    """``torch.randn_like(input, *, generator=None, dtype=None, …)``: standard normal in
    ``input``'s shape and dtype.

    >>> import compat as torch
    >>> torch.randn_like(torch.zeros(2)).dtype
    torch.float32
    """
    source, values = _like_values(_RANDN_LIKE, args, kwargs)
    gen = _generator(values.get("generator"))
    return fill_like(source, values,
                     lambda shape, contiguous: _standard_normal(gen, shape, values["dtype"].np,
                                                                contiguous=contiguous))


def randint_like(*args, **kwargs):
    """``torch.randint_like(input, low=0, high, *, dtype=None, …)``: integers in [low, high)
    in ``input``'s shape and dtype.

    >>> import compat as torch
    >>> torch.randint_like(torch.zeros(2), 5).dtype
    torch.float32
    """
    which, values = _RANDINT_LIKE.parse(args, kwargs)
    source = values["input"]
    low = int_arg(values["low"]) if which < 2 else 0
    high = int_arg(values["high"])
    _defaults_from(source, values)
    gen = _generator(values.get("generator"))
    return fill_like(source, values,
                     lambda shape, contiguous: _integers(gen, low, high, shape,
                                                         values["dtype"].np))


def _host(t) -> np.ndarray:
    return np.asarray(t._value)


def _broadcast_shape(a, b):
    """torch's ``infer_size`` for two shapes, with its message."""
    return broadcast_shapes(a, b)


def normal(*args, **kwargs):
    """``torch.normal(mean, std, size=None, *, generator=None, …)``: tensor or float
    ``mean``/``std``, or float ones with a ``size``.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.normal(2.0, 3.0, (2,))
    tensor([6.6230, 1.1197])
    """
    which, values = _NORMAL.parse(args, kwargs)
    gen = _generator(values["generator"])
    if which == 3:
        mean, std = double_arg(values["mean"]), double_arg(values["std"])
        shape = size_arg(values["size"], "normal")
        np_dtype = _factory_dtype("normal", values, _jd.default_float_dtype())
        check_shape(shape, np_dtype)
        _check_std(std)
        return finish(_standard_normal(gen, shape, np_dtype, mean, std), values, values["out"])
    mean, std = values["mean"], values["std"]
    np_dtype = (mean if which < 2 else std)._data.dtype
    if which == 1:
        _check_std(double_arg(std))
    if which == 0:
        _broadcast_shape(tuple(mean.shape), tuple(std.shape))
    if _jd.category(np_dtype) < 2:
        raise not_implemented("normal_kernel_cpu", np_dtype)
    # torch draws standard normals in the broadcast shape, then scales and shifts them
    m = _host(mean) if which < 2 else double_arg(mean)
    s = double_arg(std) if which == 1 else _host(std)
    return _finish(gen.normal(None, m, s, dtype=np_dtype), None, None, False)


def bernoulli(*args, **kwargs):
    """``torch.bernoulli(input, p=None, *, generator=None)``: 1 with probability ``input``
    (or ``p``), in ``input``'s shape and dtype.

    >>> import compat as torch
    >>> torch.bernoulli(torch.ones(3))
    tensor([1., 1., 1.])
    """
    which, values = _BERNOULLI.parse(args, kwargs)
    source = values["input"]
    gen = _generator(values["generator"])
    if which == 0:
        if _jd.category(source._data.dtype) < 2:
            raise not_implemented("bernoulli_tensor_cpu_p_", source._data.dtype)
        return _finish(gen.bernoulli(_host(source)), None, None, False)
    return _finish(gen.bernoulli(double_arg(values["p"]), tuple(source.shape),
                                 dtype=source._data.dtype), None, None, False)


def multinomial(*args, **kwargs):
    """``torch.multinomial(input, num_samples, replacement=False, *, generator=None)``:
    indices drawn from the rows of ``input`` (non-negative weights).

    >>> import compat as torch
    >>> torch.multinomial(torch.tensor([0., 1.]), 1)
    tensor([1])
    """
    _, values = _MULTINOMIAL.parse(args, kwargs)
    probs = values["input"]
    _args.check_multinomial_input(probs.dim(), _jd.category(probs._data.dtype) == 2,
                                  scalar_type_name(probs._data.dtype))
    gen = _generator(values["generator"])
    draws = gen.multinomial(_host(values["input"]), int_arg(values["num_samples"]),
                            values["replacement"])
    return _finish(draws, None, None, False)


_INPLACE_GEN = "*, torch.Generator generator = None"
_UNIFORM_ = Overloads("uniform_", f"(float from = 0, float to = 1, {_INPLACE_GEN})")
_NORMAL_ = Overloads("normal_", f"(float mean = 0, float std = 1, {_INPLACE_GEN})")
_EXPONENTIAL_ = Overloads("exponential_", f"(float lambd = 1, {_INPLACE_GEN})")
_RANDOM_ = Overloads("random_", f"({_INPLACE_GEN})", f"(int from, int? to, {_INPLACE_GEN})",
                     f"(int to, {_INPLACE_GEN})")
_BERNOULLI_ = Overloads("bernoulli_", f"(Tensor p, {_INPLACE_GEN})",
                        f"(float p = 0.5, {_INPLACE_GEN})")


class RandomMethods:
    """In-place random fills of Tensor (``uniform_``, ``normal_``, …), drawing what torch's
    CPU generator draws, with torch's argument checks (``compat.ops.table`` installs them).

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.zeros(2).uniform_(-1, 1)
    tensor([-0.0075,  0.5364])
    """

    __slots__ = ()

    def _fill_random(self, draw):
        """Fill with ``draw(shape, contiguous, in_memory)``'s values, drawn in memory order as
        torch's kernels write a strided tensor (``in_memory`` arranges an array of this
        shape, as ``bernoulli_``'s probabilities, in that order; ``contiguous``: whether the
        memory is row-major, where torch's normal kernel differs)."""
        self._check_inplace()
        shape, strides = tuple(self.shape), self.stride()
        if self._layout is None or _layout.is_contiguous(shape, strides):
            values = draw(shape, True, lambda a: np.broadcast_to(a, shape))
        else:
            order = _layout.outer_first(strides)
            values = np.asarray(draw(tuple(shape[d] for d in order), False,
                                     lambda a: np.broadcast_to(a, shape).transpose(order)))
            values = values.transpose(np.argsort(order))
        self._set_data(jnp.asarray(values))
        return self

    def uniform_(self, *args, **kwargs):
        """``uniform_(from=0, to=1, *, generator=None)``: uniform on [from, to).

        >>> import compat as torch
        >>> torch.zeros(3).uniform_(2, 2.5).min() >= 2
        tensor(True)
        """
        _, values = _UNIFORM_.parse(args, kwargs)
        gen, low, high = _generator(values["generator"]), double_arg(values["from"]), \
            double_arg(values["to"])
        return self._fill_random(
            lambda shape, contiguous, _: _uniform(gen, shape, self._data.dtype, low, high))

    def normal_(self, *args, **kwargs):
        """``normal_(mean=0, std=1, *, generator=None)``.

        >>> import compat as torch
        >>> torch.zeros(2).normal_(5, 0).tolist()
        [5.0, 5.0]
        """
        _, values = _NORMAL_.parse(args, kwargs)
        mean, std = double_arg(values["mean"]), double_arg(values["std"])
        _check_std(std)
        gen = _generator(values["generator"])
        return self._fill_random(lambda shape, contiguous, _: _standard_normal(
            gen, shape, self._data.dtype, mean, std, contiguous=contiguous))

    def random_(self, *args, **kwargs):
        """``random_()``, ``random_(to)``, ``random_(from, to)``: integers drawn as torch draws.

        >>> import compat as torch
        >>> torch.zeros(3).random_(1, 2).tolist()
        [1.0, 1.0, 1.0]
        """
        which, values = _RANDOM_.parse(args, kwargs)
        low = int_arg(values["from"]) if which == 1 else None
        high = values.get("to")
        high = None if high is None else int_arg(high)
        gen = _generator(values["generator"])
        return self._fill_random(
            lambda shape, contiguous, _: gen.random_(shape, low, high, dtype=self._data.dtype))

    def bernoulli_(self, *args, **kwargs):
        """``bernoulli_(p=0.5, *, generator=None)``, ``p`` a float or a tensor.

        >>> import compat as torch
        >>> torch.zeros(2).bernoulli_(1.0).tolist()
        [1.0, 1.0]
        """
        which, values = _BERNOULLI_.parse(args, kwargs)
        gen, p = _generator(values["generator"]), values["p"]
        probability = _host(p) if which == 0 else double_arg(p)
        return self._fill_random(lambda shape, contiguous, in_memory: gen.bernoulli(
            in_memory(probability) if which == 0 else probability, shape,
            dtype=self._data.dtype))

    def exponential_(self, *args, **kwargs):
        """``exponential_(lambd=1, *, generator=None)``.

        >>> import compat as torch
        >>> bool((torch.zeros(4).exponential_(2.0) >= 0).all())
        True
        """
        _, values = _EXPONENTIAL_.parse(args, kwargs)
        if _jd.category(self._data.dtype) < 2:
            raise RuntimeError(f"Exponential distribution is a continuous probability "
                               f"distribution. dtype must be a floating point but you specified "
                               f"{scalar_type_name(self._data.dtype)}")
        gen, lambd = _generator(values["generator"]), double_arg(values["lambd"])
        return self._fill_random(
            lambda shape, contiguous, _: gen.exponential(shape, lambd, dtype=self._data.dtype))

    def bernoulli(self, *args, **kwargs):
        """``Tensor.bernoulli(p=None, *, generator=None)``: :func:`bernoulli` of ``self``."""
        return bernoulli(self, *args, **kwargs)

    def multinomial(self, *args, **kwargs):
        """``Tensor.multinomial(num_samples, replacement=False)``: :func:`multinomial`."""
        return multinomial(self, *args, **kwargs)
