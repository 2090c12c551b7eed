"""A random number generator that reproduces PyTorch 2.13's CPU generator, on numpy.

``TorchGenerator`` is ``torch.Generator()`` (the CPU ``CPUGeneratorImpl``): the same
mt19937 engine, seeding, ``get_state()`` bytes, and the same transforms from raw 32/64-bit
draws to uniforms, normals, integers, permutations, Bernoulli, exponential and
multinomial samples. After ``manual_seed(s)`` and the same sequence of calls it returns
torch's numbers; see each method for what is bit-identical.

How torch calls map onto it (``g`` a ``TorchGenerator``, results are numpy arrays):

=========================================  ============================================
torch                                      TorchGenerator
=========================================  ============================================
``torch.rand(*size, dtype=dt)``            ``g.uniform(size, dtype=dt)``
``torch.rand_like(x)``                     ``g.uniform(x.shape, dtype=x.dtype)``
``x.uniform_(a, b)``                       ``g.uniform(x.shape, a, b, x.dtype)``
``torch.randn(*size, dtype=dt)``           ``g.normal(size, dtype=dt)``
``torch.randn_like(x)``                    ``g.normal(x.shape, dtype=x.dtype)``
``x.normal_(m, s)``                        ``g.normal(x.shape, m, s, x.dtype)``
``torch.normal(m, s, size)``               ``g.normal(size, m, s)``
``torch.normal(mean_t, std_t)``            ``g.normal(None, mean_arr, std_arr)``
``torch.randint(lo, hi, size, dtype=dt)``  ``g.randint(lo, hi, size, dtype=dt)``
``x.random_(lo, hi)`` / ``x.random_()``    ``g.random_(x.shape, lo, hi, x.dtype)``
``torch.randperm(n, dtype=dt)``            ``g.randperm(n, dt)``
``torch.bernoulli(p_t)``                   ``g.bernoulli(p_arr)``
``x.bernoulli_(p)`` (float p)              ``g.bernoulli(p, x.shape, x.dtype)``
``x.exponential_(lambd)``                  ``g.exponential(x.shape, lambd, x.dtype)``
``torch.multinomial(p, n, replacement)``   ``g.multinomial(p, n, replacement)``
``torch.get_rng_state()``                  ``g.get_state()``
=========================================  ============================================

Everything above is bit-identical to torch 2.13 on x86-64 Linux (glibc libm), with two
platform-dependent exceptions: float32 ``normal`` of >= 16 contiguous elements (and
float16/bfloat16's, which torch computes in float32) follows ATen's AVX2 kernel, which torch runs on AVX2 and AVX512 CPUs (on a CPU without AVX2 torch
uses a libm path instead, up to ~2e-6 away); and ``bernoulli`` with a float ``p`` follows
torch's default kernel, which torch replaces by MKL's own stream on Intel CPUs.

>>> g = TorchGenerator().manual_seed(0)
>>> g.uniform(3)
array([0.4962566 , 0.7682218 , 0.08847743], dtype=float32)
"""
from __future__ import annotations

import math
import os
from typing import Optional, Sequence, Union

import numpy as np

from . import arguments as _args
from ._mt19937 import N as _MT_N
from ._mt19937 import MT19937Engine

try:  # bfloat16 comes with jax (ml_dtypes); only uniform() needs it
    from ml_dtypes import bfloat16 as _bfloat16
except ImportError:  # pragma: no cover
    _bfloat16 = None

__all__ = ["TorchGenerator", "default_generator", "DEFAULT_RNG_SEED", "STATE_SIZE"]

DEFAULT_RNG_SEED = 67280421310721  # c10::detail::default_rng_seed_val
STATE_SIZE = 5056  # sizeof(at::detail::CPUGeneratorImplState) on 64-bit platforms

# randperm switches from random() % (n - i) to an inside-out shuffle with random64()
# from this n on (``std::numeric_limits<uint32_t>::max() / 20``).
RANDPERM_LARGE_N = 0xFFFFFFFF // 20

_F32 = np.float32
_F64 = np.float64
_M24 = np.uint32((1 << 24) - 1)
_M53 = np.uint64((1 << 53) - 1)

ShapeLike = Union[int, Sequence[int], None]

# Offsets in CPUGeneratorImplState (CPUGeneratorImplStateLegacy, then two new fields).
_OFF_SEED, _OFF_LEFT, _OFF_SEEDED, _OFF_NEXT, _OFF_STATE = 0, 8, 12, 16, 24
_OFF_NORMAL_X = _OFF_STATE + 8 * _MT_N  # 5016
_OFF_NORMAL_Y, _OFF_NORMAL_VALID = 5024, 5040  # normal_x/normal_rho are unused zeros
_OFF_FLOAT_SAMPLE, _OFF_FLOAT_VALID = 5048, 5052


# ---------------------------------------------------------------------------------------
# floating-point helpers: torch's kernels are built with -mfma and GCC contracts a*b+c
# into a fused multiply-add, so the transforms must round once where torch does.
# ---------------------------------------------------------------------------------------
def _fma32(a, b, c) -> np.ndarray:
    """Correctly rounded float32 ``a*b + c`` (vectorized)."""
    a = np.asarray(a, _F64)
    b = np.asarray(b, _F64)
    c = np.asarray(c, _F64)
    p = a * b  # exact: two 24-bit significands
    s = p + c
    out = s.astype(_F32)
    # Rounding s to float32 is a second rounding; it can only go wrong when s lies exactly
    # halfway between two float32 values: then the TwoSum error of p + c says which way
    # the exact sum leans.
    tie = (s.view(np.uint64) & np.uint64((1 << 29) - 1)) == np.uint64(1 << 28)
    if tie.any():
        bb = s - p
        err = (p - (s - bb)) + (c - bb)
        fix = tie & (err != 0)
        if fix.any():
            s = np.where(fix, np.nextafter(s, np.copysign(np.inf, err)), s)
            out = s.astype(_F32)
    return out


def _fma64(a, b, c) -> np.ndarray:
    """float64 ``a*b + c`` with a single rounding (TwoProduct + TwoSum; exact but for
    double-rounding ties in the final addition, which do not occur in practice)."""
    a, b, c = np.broadcast_arrays(np.asarray(a, _F64), np.asarray(b, _F64), np.asarray(c, _F64))
    # the split multiplies by 2**27: factors that large are scaled by a power of two first
    # (exactly), so that it does not overflow (uniform_ over ranges near the float64 maximum)
    big = _F64(2.0 ** 995)
    scale_a = np.where(np.abs(a) > big, _F64(2.0 ** -60), _F64(1))
    scale_b = np.where(np.abs(b) > big, _F64(2.0 ** -60), _F64(1))
    a, b = a * scale_a, b * scale_b
    p = a * b
    k = 134217729.0  # Veltkamp split constant 2**27 + 1
    ta, tb = k * a, k * b
    ah = ta - (ta - a)
    bh = tb - (tb - b)
    al, bl = a - ah, b - bh
    pe = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    unscale = _F64(1) / (scale_a * scale_b)
    p, pe = p * unscale, pe * unscale
    s = p + c
    bb = s - p
    se = (p - (s - bb)) + (c - bb)
    return s + (pe + se)


def _affine(x: np.ndarray, std: float, mean: float, fma) -> np.ndarray:
    """torch's ``x * std + mean`` (contracted to one fma); ``x + 0`` when it is the identity."""
    if std == 1.0 and mean == 0.0:
        return x + x.dtype.type(0)  # fma(x, 1, 0) only turns -0 into +0
    if x.dtype == _F32:
        return fma(x, _F32(std), _F32(mean))
    return fma(x, std, mean)


_math_log = np.frompyfunc(math.log, 1, 1)
_math_log1p = np.frompyfunc(math.log1p, 1, 1)
_math_sin = np.frompyfunc(math.sin, 1, 1)
_math_cos = np.frompyfunc(math.cos, 1, 1)


def _libm(fn, x: np.ndarray) -> np.ndarray:
    """Apply a C-library function element-wise (numpy's own SIMD log/log1p round
    differently from glibc's, which torch calls)."""
    if x.size == 0:
        return np.empty(x.shape, _F64)
    return fn(x).astype(_F64)


def _numpy_agrees(np_fn, py_fn) -> bool:
    """Whether numpy's float64 ``np_fn`` returns libm's bits on a probe of angles."""
    probe = (2.0 * math.pi) * (np.arange(1, 4097, dtype=_F64) * (1.0 / 4097.0) + 1e-9)
    return bool(np.array_equal(np_fn(probe), _libm(py_fn, probe)))


# numpy's float64 sin/cos call libm on common builds; fall back to math.* where they do not.
_SIN = np.sin if _numpy_agrees(np.sin, _math_sin) else (lambda x: _libm(_math_sin, x))
_COS = np.cos if _numpy_agrees(np.cos, _math_cos) else (lambda x: _libm(_math_cos, x))


# --- avx_mathfun.h (Cephes-based) log256_ps / sincos256_ps, emulated lane by lane ------
_LOG_P = [_F32(v) for v in (7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1,
                             -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
                             2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1)]
_LOG_Q1, _LOG_Q2 = _F32(-2.12194440e-4), _F32(0.693359375)
_SQRTHF = _F32(0.707106781186547524)
_DP = [_F32(-0.78515625), _F32(-2.4187564849853515625e-4), _F32(-3.77489497744594108e-8)]
_SINCOF = [_F32(-1.9515295891e-4), _F32(8.3321608736e-3), _F32(-1.6666654611e-1)]
_COSCOF = [_F32(2.443315711809948e-005), _F32(-1.388731625493765e-003),
           _F32(4.166664568298827e-002)]
_FOPI = _F32(1.27323954473516)


def _log256_ps(x: np.ndarray) -> np.ndarray:
    """``log256_ps`` from ATen's avx_mathfun.h, with the FMAs GCC forms in it."""
    x = np.maximum(x, _F32(np.finfo(_F32).tiny))
    bits = x.view(np.uint32)
    e = ((bits >> np.uint32(23)).astype(np.int32) - 127).astype(_F32) + _F32(1)
    x = ((bits & np.uint32(0x807FFFFF)) | np.uint32(0x3F000000)).view(_F32)  # mantissa in [0.5, 1)
    small = x < _SQRTHF
    x = (x - _F32(1)) + np.where(small, x, _F32(0))
    e = e - np.where(small, _F32(1), _F32(0))
    z = x * x
    y = np.full_like(x, _LOG_P[0])
    for p in _LOG_P[1:]:
        y = _fma32(y, x, p)
    y = y * x
    y = _fma32(y, z, e * _LOG_Q1)
    y = _fma32(z, _F32(-0.5), y)
    return _fma32(e, _LOG_Q2, x + y)


def _sincos256_ps(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``sincos256_ps`` from ATen's avx_mathfun.h, with the FMAs GCC forms in it."""
    sign_sin = x.view(np.uint32) & np.uint32(0x80000000)
    x = np.abs(x)
    j = (x * _FOPI).astype(np.int32)
    j = (j + 1) & ~1
    y = j.astype(_F32)
    sign_sin = sign_sin ^ ((j & 4) << 29).astype(np.uint32)
    sign_cos = ((~(j - 2) & 4) << 29).astype(np.uint32)
    use_sin_poly = (j & 2) == 0
    for dp in _DP:  # extended-precision reduction x - y*pi/4
        x = _fma32(y, dp, x)
    z = x * x
    yc = _fma32(_fma32(np.full_like(x, _COSCOF[0]), z, _COSCOF[1]), z, _COSCOF[2]) * z
    yc = _fma32(yc, z, -(z * _F32(0.5))) + _F32(1)
    ys = _fma32(_fma32(np.full_like(x, _SINCOF[0]), z, _SINCOF[1]), z, _SINCOF[2]) * z
    ys = _fma32(ys, x, x)
    s = np.where(use_sin_poly, ys, yc)
    c = np.where(use_sin_poly, yc, ys)
    return (s.view(np.uint32) ^ sign_sin).view(_F32), (c.view(np.uint32) ^ sign_cos).view(_F32)


def _normal_fill_16_avx2(d: np.ndarray, mean: float, std: float) -> np.ndarray:
    """torch's ``normal_fill_16_AVX2`` on rows of 16 float32 uniforms: Box-Muller with
    u1 = 1 - d[:8] (radius) and u2 = d[8:] (angle), cos to the first half, sin to the second."""
    u1 = _F32(1) - d[:, :8]
    u2 = d[:, 8:]
    radius = np.sqrt(_F32(-2) * _log256_ps(u1))
    sin, cos = _sincos256_ps(_F32(2.0 * math.pi) * u2)
    out = np.empty_like(d)
    out[:, :8] = _affine(radius * cos, std, mean, _fma32)
    out[:, 8:] = _affine(radius * sin, std, mean, _fma32)
    return out


def _normal_fill_16_double(d: np.ndarray, mean: float, std: float) -> np.ndarray:
    """torch's scalar ``normal_fill_16<double>``: the same Box-Muller with libm calls."""
    u1 = 1.0 - d[:, :8]
    u2 = d[:, 8:]
    radius = np.sqrt(-2.0 * _libm(_math_log, u1))
    theta = (2.0 * math.pi) * u2
    out = np.empty_like(d)
    out[:, :8] = _affine(radius * _COS(theta), std, mean, _fma64)
    out[:, 8:] = _affine(radius * _SIN(theta), std, mean, _fma64)
    return out


_BLOCK = 1 << 16  # elements per block: temporaries stay in cache (several times faster)


def _blockwise(fn, x: np.ndarray, out_dtype, *args) -> np.ndarray:
    """``fn(x, *args)`` evaluated over blocks of rows of ``x``."""
    out = np.empty(x.shape, out_dtype)
    step = max(1, _BLOCK // max(1, x[0].size if x.ndim > 1 and len(x) else 1))
    for i in range(0, len(x), step):
        out[i:i + step] = fn(x[i:i + step], *args)
    return out


# ---------------------------------------------------------------------------------------
# argument helpers
# ---------------------------------------------------------------------------------------
def _shape(shape: ShapeLike) -> tuple[int, ...]:
    if shape is None:
        return ()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return _args.check_sizes(int(s) for s in shape)


def _numel(shape: tuple[int, ...]) -> int:
    return int(np.prod(shape, dtype=np.int64)) if shape else 1


_fmt = _args.format_number


_TORCH_TYPE_NAME = {  # c10 ScalarType/TypeMeta spellings used in torch's messages
    np.dtype(np.bool_): "bool", np.dtype(np.uint8): "unsigned char",
    np.dtype(np.int8): "signed char", np.dtype(np.int16): "short int",
    np.dtype(np.int32): "int", np.dtype(np.int64): "long int",
    np.dtype(np.float16): "c10::Half", np.dtype(np.float32): "float",
    np.dtype(np.float64): "double",
}

_FLOAT_DIGITS = {np.dtype(np.float16): 11, np.dtype(np.float32): 24, np.dtype(np.float64): 53}
_FLOAT_MAX = {dt: float(np.finfo(dt).max) for dt in _FLOAT_DIGITS}
_SCALAR_TYPE_NAME = {np.dtype(np.float16): "Half", np.dtype(np.float32): "Float",
                     np.dtype(np.float64): "Double"}  # c10::toString(ScalarType)
if _bfloat16 is not None:
    _FLOAT_DIGITS[np.dtype(_bfloat16)] = 8
    _FLOAT_MAX[np.dtype(_bfloat16)] = 3.3895313892515355e38
    _TORCH_TYPE_NAME[np.dtype(_bfloat16)] = "c10::BFloat16"
    _SCALAR_TYPE_NAME[np.dtype(_bfloat16)] = "BFloat16"


def _float_dtype(dtype, allowed=None) -> np.dtype:
    dt = np.dtype(dtype)
    if dt not in _FLOAT_DIGITS or (allowed is not None and dt not in allowed):
        raise TypeError(f"unsupported dtype {dt} (expected a floating dtype)")
    return dt


class TorchGenerator:
    """PyTorch 2.13's CPU generator (``torch.Generator()``) in numpy.

    ``TorchGenerator(seed)`` equals ``torch.Generator().manual_seed(seed)``; every method
    draws from the shared mt19937 stream in the order torch's CPU kernels do, so a
    sequence of calls returns what the same torch calls return.

    >>> g = TorchGenerator(42)
    >>> g.normal(3)
    array([0.33669037, 0.1288094 , 0.23446237], dtype=float32)
    >>> g.randint(0, 10, (4,))
    array([0, 3, 8, 4])
    """

    def __init__(self, seed: int = DEFAULT_RNG_SEED):
        self._engine = MT19937Engine(5489)
        # CPUGeneratorImpl caches the second Box-Muller value of the scalar path.
        self._next_double_normal: Optional[float] = None
        self._next_float_normal: Optional[float] = None
        self.manual_seed(seed)

    # ------------------------------------------------------------------ seeding / state
    def manual_seed(self, seed: int) -> "TorchGenerator":
        """Seed like ``torch.Generator.manual_seed``; returns ``self``.

        Seeds are 64-bit: negative values wrap (``-1`` is ``2**64 - 1``) and only the low
        32 bits reach mt19937, as in torch.

        >>> TorchGenerator().manual_seed(-1).initial_seed()
        18446744073709551615
        """
        if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
            raise RuntimeError(f"manual_seed expected a long, but got {type(seed).__name__}")
        seed = int(seed)
        if not -(1 << 63) <= seed < (1 << 64):
            raise _args.int64_overflow()
        self._engine.seed_(seed & 0xFFFFFFFFFFFFFFFF)
        self._next_double_normal = None
        self._next_float_normal = None
        return self

    def initial_seed(self) -> int:
        """The seed last set (``torch.Generator.initial_seed``).

        >>> TorchGenerator(2**40 + 7).initial_seed()
        1099511627783
        """
        return self._engine.seed

    def seed(self) -> int:
        """Re-seed from the OS entropy source (64 bits, as torch reads /dev/urandom);
        returns the new seed.

        >>> g = TorchGenerator(); s = g.seed(); s == g.initial_seed()
        True
        """
        s = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(s)
        return s

    def get_state(self) -> np.ndarray:
        """The generator state as the 5056 bytes of ``torch.Generator.get_state()``.

        >>> TorchGenerator(0).get_state().shape
        (5056,)
        """
        seed, left, nxt, key = self._engine.data()
        buf = np.zeros(STATE_SIZE, dtype=np.uint8)
        buf[_OFF_SEED:_OFF_SEED + 8] = np.frombuffer(np.uint64(seed).tobytes(), np.uint8)
        buf[_OFF_LEFT:_OFF_LEFT + 4] = np.frombuffer(np.int32(left).tobytes(), np.uint8)
        buf[_OFF_SEEDED:_OFF_SEEDED + 4] = np.frombuffer(np.int32(1).tobytes(), np.uint8)
        buf[_OFF_NEXT:_OFF_NEXT + 8] = np.frombuffer(np.uint64(nxt).tobytes(), np.uint8)
        buf[_OFF_STATE:_OFF_NORMAL_X] = key.astype("<u8").view(np.uint8)
        if self._next_double_normal is not None:
            buf[_OFF_NORMAL_Y:_OFF_NORMAL_Y + 8] = np.frombuffer(
                np.float64(self._next_double_normal).tobytes(), np.uint8)
            buf[_OFF_NORMAL_VALID] = 1
        if self._next_float_normal is not None:
            buf[_OFF_FLOAT_SAMPLE:_OFF_FLOAT_SAMPLE + 4] = np.frombuffer(
                np.float32(self._next_float_normal).tobytes(), np.uint8)
            buf[_OFF_FLOAT_VALID] = 1
        return buf

    def set_state(self, new_state) -> "TorchGenerator":
        """Restore a state from ``get_state()`` here or from torch (same bytes); returns ``self``.

        Raises ``TypeError`` unless given uint8 bytes, and ``RuntimeError`` (torch's wording)
        for a wrong size or an invalid mt19937 state.

        >>> g = TorchGenerator(3); s = g.get_state(); a = g.uniform(4)
        >>> bool((g.set_state(s).uniform(4) == a).all())
        True
        """
        arr = np.asarray(new_state)
        if arr.dtype != np.uint8:
            raise TypeError("RNG state must be a torch.ByteTensor")
        arr = np.ascontiguousarray(arr).reshape(-1)
        if arr.size != STATE_SIZE:
            raise RuntimeError(f"Expected a CPUGeneratorImplState of size {STATE_SIZE} but found "
                               f"the input RNG state size to be {arr.size}")
        raw = arr.tobytes()

        def field(off, fmt):
            return np.frombuffer(raw, dtype=fmt, count=1, offset=off)[0]

        seed = int(field(_OFF_SEED, "<u8"))
        left = int(field(_OFF_LEFT, "<i4"))
        seeded = int(field(_OFF_SEEDED, "<i4")) != 0
        nxt = int(field(_OFF_NEXT, "<u8")) & 0xFFFFFFFF  # stored as uint64, read as uint32
        # mt19937::is_valid()
        if not (seeded and 0 < left <= _MT_N and nxt <= _MT_N):
            raise RuntimeError("Invalid mt19937 state")
        state = np.frombuffer(raw, dtype="<u8", count=_MT_N, offset=_OFF_STATE).astype(np.uint32)
        self._engine.set_data(seed, left, nxt, state)
        self._next_double_normal = (float(field(_OFF_NORMAL_Y, "<f8"))
                                    if field(_OFF_NORMAL_VALID, "<i4") else None)
        self._next_float_normal = (float(field(_OFF_FLOAT_SAMPLE, "<f4"))
                                   if raw[_OFF_FLOAT_VALID] else None)
        return self

    # ------------------------------------------------------------------ raw draws
    def random32(self, n: int) -> np.ndarray:
        """``n`` draws of ``CPUGeneratorImpl::random()`` (uint32).

        >>> TorchGenerator(42).random32(2)
        array([1608637542, 3421126067], dtype=uint32)
        """
        return self._engine.random32(n)

    def random64(self, n: int) -> np.ndarray:
        """``n`` draws of ``CPUGeneratorImpl::random64()`` (two 32-bit draws, first is high).

        >>> int(TorchGenerator(42).random64(1)[0]) == (1608637542 << 32) | 3421126067
        True
        """
        return self._engine.random64(n)

    def _unit(self, n: int, dtype: np.dtype) -> np.ndarray:
        """``uniform_real_distribution<T>(0, 1)`` for float (24 low bits of ``random()``
        times 2**-24) or double (53 low bits of ``random64()`` times 2**-53)."""
        if dtype == np.float64:
            return (self._engine.random64(n) & _M53).astype(_F64) * _F64(2.0 ** -53)
        return (self._engine.random32(n) & _M24).astype(_F32) * _F32(2.0 ** -24)

    # ------------------------------------------------------------------ uniform
    def uniform(self, shape: ShapeLike = (), low: float = 0.0, high: float = 1.0,
                dtype=np.float32) -> np.ndarray:
        """Uniform samples on ``[low, high)``: ``torch.rand`` / ``Tensor.uniform_``. Bit-identical.

        float32, float16 and bfloat16 use 24 bits of one ``random()`` and float32 arithmetic
        (rounded to the dtype last); float64 uses the low 53 bits of ``random64()``; then
        ``x * (high - low) + low`` with one rounding, and a result equal to ``high`` becomes
        ``low``.

        >>> TorchGenerator(0).uniform((2,), -1.0, 1.0, np.float64)
        array([0.940106  , 0.41563973])
        """
        dt = _float_dtype(dtype)
        shape = _shape(shape)
        n = _numel(shape)
        if n == 0:
            return np.empty(shape, dt)
        info_max = _FLOAT_MAX[dt]
        for name, v in (("from", low), ("to", high)):
            if not -info_max <= v <= info_max:
                raise RuntimeError(f"{name} is out of bounds for {_TORCH_TYPE_NAME.get(dt, str(dt))}")
        if not low <= high:
            raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                               f"from={_fmt(low)} > to={_fmt(high)}")
        if high - low > info_max:
            tname = _SCALAR_TYPE_NAME[dt]
            raise RuntimeError(f"uniform_ expects to-from <= std::numeric_limits<{tname}>::max(), "
                               f"but found to={_fmt(high)} and from={_fmt(low)} which result in "
                               f"to-from to exceed the limit")
        if low == 0.0 and high == 1.0:  # x * 1 + 0 == x: skip the fused multiply-add
            out = self._unit(n, np.dtype(_F64 if dt == np.float64 else _F32)).astype(dt, copy=False)
        elif dt == np.float64:
            lo, hi = _F64(low), _F64(high)
            out = _blockwise(_fma64, self._unit(n, dt), dt, hi - lo, lo)
        else:
            # float32 arithmetic with a 24-bit uniform, also for float16/bfloat16 (rounded last)
            lo, hi = _F32(low), _F32(high)
            out = _blockwise(_fma32, self._unit(n, np.dtype(_F32)), dt, hi - lo, lo)
        # A value that rounds up to ``to`` is replaced by ``from``, keeping [from, to).
        out[out == dt.type(high)] = dt.type(low)
        return out.reshape(shape)

    def rand(self, *size, dtype=np.float32) -> np.ndarray:
        """``torch.rand(*size)``.

        >>> TorchGenerator(0).rand(2, 2).shape
        (2, 2)
        """
        return self.uniform(_varargs_shape(size), dtype=dtype)

    # ------------------------------------------------------------------ normal
    def normal(self, shape: ShapeLike = (), mean=0.0, std=1.0, dtype=np.float32,
               contiguous: bool = True) -> np.ndarray:
        """Normal samples: ``torch.randn`` / ``Tensor.normal_`` / ``torch.normal``.

        torch has two algorithms. For a contiguous tensor of >= 16 elements it fills all
        uniforms first and applies Box-Muller to blocks of 16 (the first 8 give radii, the
        last 8 angles), redrawing 16 fresh uniforms for a ragged tail; float32 goes through
        ATen's AVX2 ``log256_ps``/``sincos256_ps``, float64 through libm. Below 16 elements
        (or ``contiguous=False``: torch's serial path for strided tensors, values in
        iteration order) each value is one double Box-Muller draw from two ``random64()``
        uniforms, the second value cached for the next call.

        ``mean``/``std`` given as arrays reproduce ``torch.normal(mean_t, std_t)``: standard
        normals of the broadcast shape, then ``* std + mean``.

        >>> TorchGenerator(42).normal((2,), 1.0, 2.0, np.float64)
        array([1.67338071, 1.25761881])
        """
        dt = _float_dtype(dtype)
        if isinstance(mean, np.ndarray) or isinstance(std, np.ndarray):
            mean_a, std_a = np.asarray(mean), np.asarray(std)
            if isinstance(std, np.ndarray) and np.any(std_a < 0):
                raise RuntimeError("normal expects all elements of std >= 0.0")
            if not isinstance(std, np.ndarray):
                _args.check_normal_std(float(std))
            if shape is None:
                shape = np.broadcast_shapes(mean_a.shape, std_a.shape)
            z = self.normal(shape, 0.0, 1.0, dt, contiguous)
            return (z * std_a.astype(dt) + mean_a.astype(dt)).astype(dt, copy=False)
        mean, std = float(mean), float(std)
        _args.check_normal_std(std)
        shape = _shape(shape)
        n = _numel(shape)
        if n == 0:
            return np.empty(shape, dt)
        if n >= 16 and contiguous and dt.itemsize == 2:
            return self._normal_fill_narrow(n, mean, std, dt).reshape(shape)
        if n >= 16 and contiguous:
            d = self._unit(n, dt)
            fill = _normal_fill_16_avx2 if dt == np.float32 else _normal_fill_16_double
            full = n - n % 16
            d[:full] = _blockwise(fill, d[:full].reshape(-1, 16), dt, mean, std).reshape(-1)
            if n % 16:
                # torch recomputes the last 16 values from 16 fresh uniforms
                d[n - 16:] = fill(self._unit(16, dt).reshape(1, 16), mean, std).reshape(-1)
            return d.reshape(shape)
        values = self._normal_serial(n, mean, std)
        if dt.itemsize == 2:  # torch casts the double to float, then to float16/bfloat16
            values = values.astype(_F32)
        return values.astype(dt).reshape(shape)

    def _normal_fill_narrow(self, n: int, mean: float, std: float, dt) -> np.ndarray:
        """torch's normal fill of a float16/bfloat16 tensor of >= 16 elements: float32's
        (AVX2 Box-Muller on blocks of 16 float uniforms), rounded to ``dt``, except that
        only the full blocks draw uniforms before the ragged tail's 16 fresh ones."""
        full = n - n % 16
        out = np.empty(n, dt)
        if full:
            d = self._unit(full, np.dtype(_F32)).reshape(-1, 16)
            out[:full] = _blockwise(_normal_fill_16_avx2, d, dt, mean, std).reshape(-1)
        if n % 16:
            tail = self._unit(16, np.dtype(_F32)).reshape(1, 16)
            out[n - 16:] = _normal_fill_16_avx2(tail, mean, std).astype(dt).reshape(-1)
        return out

    def _normal_serial(self, n: int, mean: float, std: float) -> np.ndarray:
        """``at::normal_distribution<double>`` called n times (cached sine included)."""
        out = np.empty(n, _F64)
        start = 0
        if self._next_double_normal is not None:
            out[0] = self._next_double_normal
            self._next_double_normal = None
            start = 1
        pairs = (n - start + 1) // 2
        if pairs:
            w = self._engine.random64(2 * pairs).reshape(pairs, 2)
            u = (w & _M53).astype(_F64) * 2.0 ** -53
            r = np.sqrt(-2.0 * _libm(_math_log1p, -u[:, 1]))
            theta = 2.0 * math.pi * u[:, 0]
            cos = r * _libm(_math_cos, theta)
            sin = r * _libm(_math_sin, theta)
            seq = np.stack([cos, sin], axis=1).reshape(-1)
            out[start:] = seq[:n - start]
            if (n - start) % 2:
                self._next_double_normal = float(sin[-1])
        return _affine(out, std, mean, _fma64)

    def randn(self, *size, dtype=np.float32) -> np.ndarray:
        """``torch.randn(*size)``.

        >>> TorchGenerator(0).randn(3).round(4)
        array([ 1.541 , -0.2934, -2.1788], dtype=float32)
        """
        return self.normal(_varargs_shape(size), dtype=dtype)

    # ------------------------------------------------------------------ integers
    def randint(self, low: int, high: Optional[int] = None, shape: ShapeLike = (),
                dtype=np.int64) -> np.ndarray:
        """Integers in ``[low, high)``: ``torch.randint`` / ``Tensor.random_(low, high)``.
        Bit-identical.

        ``randint(high, shape=...)`` means ``[0, high)``. Like torch's ``random_from_to``,
        each value is ``draw % (high - low) + low`` where the draw is one ``random()``, or
        one ``random64()`` when the range is >= 2**28 (any dtype). For float dtypes the
        bounds are first moved to values the dtype holds (torch's ``update_from/_to``).

        >>> TorchGenerator(0).randint(0, 2**40, (2,))
        array([741280623151, 506137267392])
        """
        if high is None:
            low, high = 0, low
        low, high = int(low), int(high)
        dt = np.dtype(dtype)
        shape = _shape(shape)
        n = _numel(shape)
        _args.check_random_bounds(low, high)
        if dt in _FLOAT_DIGITS:
            low, high = _update_from(low, dt), _update_to(high, dt)
            if not low < high:
                raise RuntimeError(f"random_ expects 'from' casted to dtype to be less than 'to' "
                                   f"casted to dtype, but got from={low} >= to={high}")
        self._check_int_bounds(low, high - 1, dt)
        if n == 0:
            return np.empty(shape, dt)
        return self._from_to(n, (high - low) & 0xFFFFFFFFFFFFFFFF, low, dt).reshape(shape)

    @staticmethod
    def _check_int_bounds(low: int, last: int, dt: np.dtype) -> None:
        if dt == np.bool_:
            lo, hi = 0, 1
        elif dt.kind in "iu":
            lo, hi = int(np.iinfo(dt).min), int(np.iinfo(dt).max)
        elif dt == np.float16:
            lo, hi = -65504, 65504
        else:
            return  # torch only warns for float, double and bfloat16
        if not lo <= low <= hi:
            raise RuntimeError(f"from is out of bounds for {_TORCH_TYPE_NAME[dt]}")
        if not lo <= last <= hi:
            raise RuntimeError(f"to - 1 is out of bounds for {_TORCH_TYPE_NAME[dt]}")

    def _from_to(self, n: int, rng: int, base: int, dt: np.dtype) -> np.ndarray:
        """``uniform_int_from_to_distribution``: ``(draw % range) + base`` as int64."""
        # torch's non-fbcode build takes 64-bit draws from a range of 2**28 up, any dtype
        # ("allow approx 5% skew in uniform int generation using %").
        if rng >= 1 << 28:
            v = self._engine.random64(n)
        else:
            v = self._engine.random32(n).astype(np.uint64)
        with np.errstate(over="ignore"):
            r = (v % np.uint64(rng)) + np.uint64(base & 0xFFFFFFFFFFFFFFFF)  # wraps as in C
        return _cast_int64(r.view(np.int64), dt)

    def random_(self, shape: ShapeLike = (), low: Optional[int] = None,
                high: Optional[int] = None, dtype=np.int64) -> np.ndarray:
        """``Tensor.random_()``, ``random_(to)`` (pass ``high``) and ``random_(from, to)``.
        Bit-identical.

        Without bounds: ``[0, 2**digits]`` for floats and ``[0, max]`` for integers, from
        ``random64()`` for int64/float64 and ``random()`` otherwise (bool takes the low bit).
        With only ``low``: ``[low, max]`` (the full int64 range when ``low == -2**63``).

        >>> TorchGenerator(0).random_((3,), dtype=np.uint8)
        array([172,  47, 117], dtype=uint8)
        """
        dt = np.dtype(dtype)
        shape = _shape(shape)
        n = _numel(shape)
        if high is not None:
            return self.randint(0 if low is None else low, high, shape, dt)
        if low is not None:
            low = int(low)
            if low == -(1 << 63):  # random_full_64_bits_range_kernel
                if dt in (np.dtype(np.bool_), np.dtype(np.float16)):
                    tname = "Bool" if dt == np.bool_ else "Half"
                    raise NotImplementedError(
                        f'"random_full_64_bits_range_kernel_cpu" not implemented for \'{tname}\'')
                if dt not in (np.dtype(np.int64), np.dtype(np.float32), np.dtype(np.float64)) and not (
                        _bfloat16 is not None and dt == _bfloat16):
                    raise RuntimeError("random_full_64_bits_range_kernel_cpu handles only int64, "
                                       "double, float and bfloat16")
                v = self._engine.random64(n).view(np.int64)
                return _cast_int64(v, dt).reshape(shape)
            if dt in _FLOAT_DIGITS:
                top = 1 << _FLOAT_DIGITS[dt]
                low = _update_from(low, dt)
            elif dt == np.bool_:
                top = 1
            else:
                top = int(np.iinfo(dt).max)
            self._check_int_bounds(low, top, dt)
            rng = (top - low + 1) & 0xFFFFFFFFFFFFFFFF
            return self._from_to(n, rng, low, dt).reshape(shape)
        # uniform_int_distribution<T>
        if dt == np.bool_:
            return (self._engine.random32(n) & np.uint32(1)).astype(np.bool_).reshape(shape)
        if dt in (np.dtype(np.int64), np.dtype(np.float64)):
            v = self._engine.random64(n)
        else:
            v = self._engine.random32(n).astype(np.uint64)
        if dt in _FLOAT_DIGITS:
            mod = (1 << _FLOAT_DIGITS[dt]) + 1
        else:
            mod = int(np.iinfo(dt).max) + 1
        return (v % np.uint64(mod)).astype(dt).reshape(shape)

    # ------------------------------------------------------------------ permutations
    def randperm(self, n: int, dtype=np.int64) -> np.ndarray:
        """A random permutation of ``range(n)``: ``torch.randperm``. Bit-identical.

        For ``n < 2**32 / 20`` torch swaps position ``i`` with ``i + random() % (n - i)``
        for ``i = 0 .. n-2``; above that it runs an inside-out shuffle with
        ``random64() % (i + 1)`` (a Python loop here: correct but slow at that size).

        >>> TorchGenerator(0).randperm(5)
        array([4, 0, 1, 3, 2])
        """
        n = int(n)
        _args.check_sizes((n,))
        dt = np.dtype(dtype)
        if n < RANDPERM_LARGE_N:
            if n <= 1:
                return np.arange(n, dtype=np.int64).astype(dt)
            i = np.arange(n - 1, dtype=np.int64)
            j = (self._engine.random32(n - 1).astype(np.int64) % (n - i) + i).tolist()
            perm = list(range(n))
            for a, b in enumerate(j):  # sequential swaps, as torch does
                perm[a], perm[b] = perm[b], perm[a]
            return np.array(perm, dtype=np.int64).astype(dt)
        perm = np.empty(n, dtype=np.int64)
        draws = self._engine.random64(n)
        for i in range(n):
            z = int(draws[i] % np.uint64(i + 1))
            perm[i] = perm[z]
            perm[z] = i
        return perm.astype(dt)

    # ------------------------------------------------------------------ bernoulli & co
    def bernoulli(self, p, shape: ShapeLike = None, dtype=None) -> np.ndarray:
        """Bernoulli samples (``uniform < p``). Bit-identical on the paths below.

        ``p`` an array: ``torch.bernoulli(p)`` / ``x.bernoulli_(p_tensor)`` (p broadcast to
        ``shape``; float64 ``p`` compares a 53-bit ``random64()`` uniform, other dtypes a
        24-bit float ``random()`` uniform). ``p`` a float: ``x.bernoulli_(p)`` /
        ``torch.bernoulli(x, p)`` / dropout masks, a 53-bit uniform per element. That is
        torch's default kernel; torch built with MKL running on an Intel CPU uses MKL's
        own stream for float ``p`` instead, which is not reproduced.

        >>> TorchGenerator(0).bernoulli(np.array([0.2, 0.9, 0.5], np.float32))
        array([0., 1., 1.], dtype=float32)
        """
        if isinstance(p, np.ndarray):
            pdt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float32)
            shape = p.shape if shape is None else _shape(shape)
            dt = np.dtype(pdt if dtype is None else dtype)
            pb = np.broadcast_to(p, shape)
            if np.any(~((pb >= 0) & (pb <= 1))):
                raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  "
                                   "(Could this error message be improved?  If so, please report "
                                   "an enhancement request to PyTorch.)")
            n = _numel(shape)
            if pdt == np.float64:
                u = self._unit(n, np.dtype(np.float64))
                hit = u < pb.reshape(-1)
            else:
                u = self._unit(n, np.dtype(np.float32))
                hit = u < pb.reshape(-1).astype(_F32)
            return hit.astype(dt).reshape(shape)
        p = float(p)
        if not 0 <= p <= 1:
            raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={_fmt(p)}")
        shape = _shape(shape)
        dt = np.dtype(np.float32 if dtype is None else dtype)
        u = self._unit(_numel(shape), np.dtype(np.float64))
        return (u < p).astype(dt).reshape(shape)

    def exponential(self, shape: ShapeLike = (), lambd: float = 1.0, dtype=np.float32) -> np.ndarray:
        """``Tensor.exponential_(lambd)``: ``-1/lambd * log1p(-u)`` on a 53-bit uniform,
        computed in double (libm ``log1p``), cast to ``dtype``. Bit-identical.

        >>> TorchGenerator(0).exponential((2,), 2.0, np.float64)
        array([1.75416309, 0.61519238])
        """
        lambd = float(lambd)
        if not lambd > 0.0:
            raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={_fmt(lambd)}")
        dt = _float_dtype(dtype)
        shape = _shape(shape)
        u = self._unit(_numel(shape), np.dtype(np.float64))
        x = (-1.0 / lambd) * _libm(_math_log1p, -u)
        return x.astype(dt).reshape(shape)

    def multinomial(self, probs: np.ndarray, num_samples: int,
                    replacement: bool = False) -> np.ndarray:
        """Category indices sampled from the rows of ``probs``: ``torch.multinomial``.

        Without replacement (or one sample) torch draws ``q ~ Exp(1)`` with the shape and
        dtype of ``probs`` and takes the top-k of ``probs / q``; ties (only zero-probability
        categories in practice) are broken by index here, which torch does not promise.
        With replacement it searches a normalized float cumulative sum with one 53-bit
        uniform per sample, row by row. float32/float64 ``probs``.

        >>> TorchGenerator(0).multinomial(np.array([0.1, 0.2, 0.7]), 4, replacement=True)
        array([2, 2, 2, 2])
        """
        probs = np.asarray(probs)
        _args.check_multinomial_input(probs.ndim, probs.dtype.kind == "f", probs.dtype.name)
        num_samples = int(num_samples)
        if num_samples <= 0:
            raise RuntimeError("cannot sample n_sample <= 0 samples")
        n_cat = probs.shape[-1]
        if not replacement and num_samples > n_cat:
            raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        rows = probs.reshape(-1, n_cat)
        out_shape = (num_samples,) if probs.ndim == 1 else (rows.shape[0], num_samples)
        if rows.size == 0 or rows.shape[0] == 0:
            return np.empty(out_shape, np.int64)
        if not replacement or num_samples == 1:
            if not (np.all(rows < np.inf) and np.all(rows >= 0)):
                raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
            if np.any(rows.sum(axis=1) == 0):
                raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
            q = self.exponential(rows.shape, 1.0, rows.dtype)
            with np.errstate(divide="ignore", invalid="ignore"):
                key = rows / q
            if num_samples == 1:
                idx = np.argmax(key, axis=1)[:, None]
            else:
                idx = np.argsort(-key, axis=1, kind="stable")[:, :num_samples]
            return idx.astype(np.int64).reshape(out_shape)
        dt = rows.dtype
        res = np.empty((rows.shape[0], num_samples), np.int64)
        for i, row in enumerate(rows):
            if np.any(row < 0):
                raise RuntimeError("invalid multinomial distribution (encountering probability entry < 0)")
            if not np.all(np.isfinite(row)):
                raise RuntimeError("invalid multinomial distribution (encountering probability entry "
                                   "= infinity or NaN)")
            cum = np.cumsum(row, dtype=dt)  # sequential sum in the input dtype, as torch
            total = cum[-1]
            if not total > 0:
                raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
            cum = (cum / total).astype(dt)
            cum[-1] = 1
            u = self._unit(num_samples, np.dtype(np.float64))
            res[i] = np.searchsorted(cum.astype(_F64), u, side="left")
        return res.reshape(out_shape)

    # ------------------------------------------------------------------ misc
    def __repr__(self) -> str:
        return f"TorchGenerator(initial_seed={self.initial_seed()})"


def _varargs_shape(size) -> tuple[int, ...]:
    if len(size) == 1 and not isinstance(size[0], (int, np.integer)):
        return _shape(size[0])
    return _shape(size)


def _update_from(frm: int, dt: np.dtype) -> int:
    """torch's ``update_from<scalar_t>``: move ``from`` up to a value the float dtype holds."""
    plus1 = int(np.array(frm + 1, np.int64).astype(dt).astype(np.float64))
    if plus1 < frm:
        nbits = abs(frm + 1).bit_length() - 1
        frm = plus1 + (1 << (nbits - _FLOAT_DIGITS[dt] + 1))
    return frm


def _update_to(to: int, dt: np.dtype) -> int:
    """torch's ``update_to<scalar_t>``: move ``to`` down to a value the float dtype holds."""
    minus1 = int(np.array(to - 1, np.int64).astype(dt).astype(np.float64))
    if minus1 >= to:
        nbits = abs(to - 1).bit_length() - 1
        to = minus1 - (1 << (nbits - _FLOAT_DIGITS[dt] + 1))
    return to


def _cast_int64(v: np.ndarray, dt: np.dtype) -> np.ndarray:
    """C++ ``static_cast<T>(int64)``: integers wrap modulo 2**bits, bool is ``!= 0``, and
    Half/BFloat16 are built from the value rounded to float first."""
    if dt == np.bool_:
        return v != 0
    if dt.kind == "V" or dt == np.float16:
        return v.astype(_F32).astype(dt)
    return v.astype(dt)


default_generator = TorchGenerator(DEFAULT_RNG_SEED)
