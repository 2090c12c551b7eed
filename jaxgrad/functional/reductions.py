"""Reductions with torch's dtypes, dims, correction and tie-breaking.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.std(jnp.array([1., 2., 3., 4.], jnp.float32))      # unbiased, as torch
Array(1.2909944, dtype=float32)
"""
from __future__ import annotations

import builtins
import functools
import math

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import (empty_reduction, gradient_samples, linear, normalize_dim,
                      normalize_dims, smooth)
from .elementwise import abs as _abs
from .elementwise import in_opmath
from .elementwise import mul as _mul
from .elementwise import sign as _sign

torch_type_name = dtypes.torch_type_name  # the one table of torch's dtype names


def _sum_dtype(x, dtype):
    if dtype is not None:
        return jnp.dtype(dtype)
    # torch accumulates bools and every integer type into int64.
    return dtypes.int64 if dtypes.category(x.dtype) < 2 else x.dtype


@linear
def sum(input, dim=None, keepdim=False, dtype=None):
    """torch.sum; integers and bools sum to int64."""
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    return jnp.sum(x.astype(_sum_dtype(x, dtype)), axis=axes, keepdims=keepdim)


def check_mean_dtype(dtype, which="Input") -> None:
    """torch's refusal to average into an integer type: ``which`` is "Input" for the input's
    own dtype, "Optional" for an explicit ``dtype=``."""
    if not dtypes.is_floating(dtype):
        raise RuntimeError(f"mean(): could not infer output dtype. {which} dtype must be either a "
                           f"floating point or complex dtype. Got: {torch_type_name(dtype)}")


@linear
def mean(input, dim=None, keepdim=False, dtype=None):
    """torch.mean; integer inputs are an error, as in torch."""
    x = jnp.asarray(input)
    check_mean_dtype(x.dtype if dtype is None else jnp.dtype(dtype),
                     "Input" if dtype is None else "Optional")
    axes = normalize_dims(dim, x.ndim)
    return jnp.mean(x.astype(dtype) if dtype is not None else x, axis=axes, keepdims=keepdim)


def prod(input, dim=None, keepdim=False, dtype=None):
    """torch.prod (over one dim, or all elements)."""
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    return jnp.prod(x.astype(_sum_dtype(x, dtype)), axis=axes, keepdims=keepdim)


def _restored(value, x, axes, keepdim):
    """A reduction's result (or its gradient) broadcast back over the reduced ``axes``."""
    if not keepdim:
        value = jnp.expand_dims(value, tuple(range(x.ndim)) if axes is None else axes)
    return value


def _reduced_count(x, axes) -> int:
    return x.size if axes is None else math.prod(x.shape[a] for a in axes)


def _variance(x, axes, correction, keepdim):
    # torch divides by max(n - correction, 0): inf (not NaN, as jnp.var) when the correction
    # uses up every degree of freedom of a nonzero spread.
    deviations = x - jnp.mean(x, axis=axes, keepdims=True)
    squares = jnp.sum(deviations * deviations, axis=axes, keepdims=keepdim)
    return squares / builtins.max(_reduced_count(x, axes) - correction, 0)  # (max is shadowed)


def _var_backward(x, g, axes, correction, keepdim):
    """torch's var_backward, in ``x``'s dtype: ``(2 / (n - correction)) * grad * (x - mean)``
    with the mean rounded to ``x``'s dtype (float16 gradients are torch's to the last bit, not
    a float32 gradient rounded once); over all dims with no degree of freedom left,
    ``grad * (NaN where x == mean, else inf)``."""
    dof = _reduced_count(x, axes) - correction
    mean = in_opmath(lambda v: jnp.mean(v, axis=axes, keepdims=True), x)
    g = _restored(g, x, axes, keepdim)
    if (axes is None or x.ndim == 0) and dof <= 0:
        return g * jnp.where(x == mean, jnp.nan, jnp.inf).astype(x.dtype)
    return _mul(g, 2.0 / dof if dof else float("inf")) * (x - mean)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
def _var(x, axes, correction, keepdim):
    return in_opmath(lambda v: _variance(v, axes, correction, keepdim), x)


def _var_fwd(x, axes, correction, keepdim):
    return _var(x, axes, correction, keepdim), x


def _var_bwd(axes, correction, keepdim, x, g):
    return (_var_backward(x, g, axes, correction, keepdim),)


_var.defvjp(_var_fwd, _var_bwd)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
def _std(x, axes, correction, keepdim):
    return in_opmath(lambda v: jnp.sqrt(_variance(v, axes, correction, keepdim)), x)


def _std_fwd(x, axes, correction, keepdim):
    out = _std(x, axes, correction, keepdim)
    return out, (x, out)


def _std_bwd(axes, correction, keepdim, res, g):
    # torch's std_backward: var_backward of grad / (std * 2), masked to 0 where std == 0
    # (JAX's sqrt rule gives inf * 0 = NaN there).
    x, out = res
    g_var = jnp.where(out == 0, jnp.zeros((), g.dtype), g / (out * 2))
    return (_var_backward(x, g_var, axes, correction, keepdim),)


_std.defvjp(_std_fwd, _std_bwd)


def _checked_spread_input(input, dim, name="std and var"):
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        raise RuntimeError(f"{name} only support floating point and complex dtypes")
    return x, normalize_dims(dim, x.ndim)


@gradient_samples(var=(lambda x: var(x, 1), lambda: (smooth(3, 4),)),
                  var_all_biased=(lambda x: var(x, correction=0), lambda: (smooth(3, 4),)))
def var(input, dim=None, *, correction=1, keepdim=False):
    """torch.var with Bessel's correction by default (``correction=1``); float16/bfloat16 are
    computed in float32 (squares of 300 overflow float16), and the gradient is torch's
    formula, as torch.

    >>> import jax.numpy as jnp
    >>> var(jnp.array([300., 310., 290., 300.], jnp.float16))
    Array(66.7, dtype=float16)
    """
    x, axes = _checked_spread_input(input, dim)
    return _var(x, axes, correction, keepdim)


@gradient_samples(std=(lambda x: std(x, 1), lambda: (smooth(3, 4),)),
                  std_all=(lambda x: std(x, keepdim=True), lambda: (smooth(3, 4),)))
def std(input, dim=None, *, correction=1, keepdim=False):
    """torch.std with Bessel's correction by default (``correction=1``); the gradient of a
    zero std is 0, as torch's; float16/bfloat16 are computed in float32, as torch."""
    x, axes = _checked_spread_input(input, dim)
    return _std(x, axes, correction, keepdim)


def std_mean(input, dim=None, *, correction=1, keepdim=False):
    """torch.std_mean → ``(std, mean)`` over the same dims, from one pass over the input.

    >>> import jax.numpy as jnp
    >>> std_mean(jnp.array([1., 3.], jnp.float32))
    (Array(1.4142135, dtype=float32), Array(2., dtype=float32))
    """
    x, axes = _checked_spread_input(input, dim, "std_mean")
    return _std(x, axes, correction, keepdim), mean(x, dim, keepdim)


def var_mean(input, dim=None, *, correction=1, keepdim=False):
    """torch.var_mean → ``(var, mean)`` over the same dims.

    >>> import jax.numpy as jnp
    >>> var_mean(jnp.array([1., 3.], jnp.float32), correction=0)
    (Array(1., dtype=float32), Array(2., dtype=float32))
    """
    x, axes = _checked_spread_input(input, dim, "var_mean")
    return _var(x, axes, correction, keepdim), mean(x, dim, keepdim)


def _require_nonempty(x, name, axes=None):
    """torch's errors for a max-like reduction over nothing (``axes``: None for all dims)."""
    if x.size:
        return
    if axes is None:
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() "
                           "== 0. Specify the reduction dim with the 'dim' argument.")
    for axis in axes:
        if x.shape[axis] == 0:
            raise empty_reduction(name, axis)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
def _extremum(x, reduce, axes, keepdim):
    return reduce(x, axis=axes, keepdims=keepdim)


def _extremum_fwd(x, reduce, axes, keepdim):
    out = reduce(x, axis=axes, keepdims=keepdim)
    return out, (x, out)


def _extremum_bwd(reduce, axes, keepdim, res, g):
    # torch's amax/amin backward (scale_grad_by_count): (grad / count) * mask with
    # mask = (x == result). A NaN result matches nothing: count 0, and the whole reduced slice
    # gets NaN, as in torch (inf * 0); a NaN grad reaches the whole slice too. Written with a
    # select: XLA turns products with a converted mask into selects that drop those NaNs.
    x, out = res
    mask = x == _restored(out, x, axes, keepdim)
    share = _restored(g, x, axes, keepdim) / jnp.sum(mask, axis=axes, keepdims=True).astype(g.dtype)
    return (jnp.where(mask, share, share * jnp.zeros((), g.dtype)),)


_extremum.defvjp(_extremum_fwd, _extremum_bwd)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1,))
def _extremum_all(x, reduce):
    return reduce(x)


def _extremum_all_fwd(x, reduce):
    out = reduce(x)
    return out, (x, out)


def _extremum_all_bwd(reduce, res, g):
    # torch's evenly_distribute_backward (max()/min() over all elements): the grad split evenly
    # among the elements equal to the result, or among the NaNs when the result is NaN; the
    # other elements get exactly 0.
    x, out = res
    mask = jnp.where(jnp.isnan(out), jnp.isnan(x), x == out)
    return (jnp.where(mask, g / jnp.sum(mask).astype(g.dtype), jnp.zeros((), g.dtype)),)


_extremum_all.defvjp(_extremum_all_fwd, _extremum_all_bwd)


def _reduce_extremum(x, reduce, axes, keepdim):
    if dtypes.category(x.dtype) < 2:
        return reduce(x, axis=axes, keepdims=keepdim)
    return _extremum(x, reduce, axes, keepdim)


@gradient_samples(amax=(lambda x: amax(x, 1), lambda: (smooth(3, 4),)))
def amax(input, dim=(), keepdim=False):
    """torch.amax: ties share the gradient evenly; a NaN maximum gives its slice NaN gradients,
    as torch.

    >>> import jax, jax.numpy as jnp
    >>> jax.grad(lambda x: amax(x))(jnp.array([3., 1., 3.], jnp.float32))
    Array([0.5, 0. , 0.5], dtype=float32)
    """
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    _require_nonempty(x, "amax", axes)
    return _reduce_extremum(x, jnp.max, axes, keepdim)


@gradient_samples(amin_all=(lambda x: amin(x), lambda: (smooth(3, 4),)))
def amin(input, dim=(), keepdim=False):
    """torch.amin: ties share the gradient evenly; a NaN minimum gives its slice NaN gradients,
    as torch."""
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    _require_nonempty(x, "amin", axes)
    return _reduce_extremum(x, jnp.min, axes, keepdim)


def _reduce_all_extremum(input, reduce, name):
    x = jnp.asarray(input)
    if x.size == 0:
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() "
                           "== 0. Specify the reduction dim with the 'dim' argument.")
    return _extremum_all(x, reduce) if dtypes.category(x.dtype) >= 2 else reduce(x)


@gradient_samples(max_all=(lambda x: max(x), lambda: (smooth(3, 4),)))
def max(input):
    """torch.max over all elements: ties share the gradient evenly, and a NaN result sends it
    to the NaNs, as torch.

    >>> import jax, jax.numpy as jnp
    >>> jax.grad(lambda x: max(x))(jnp.array([1., jnp.nan, 3.], jnp.float32))
    Array([0., 1., 0.], dtype=float32)
    """
    return _reduce_all_extremum(input, jnp.max, "max")


@gradient_samples(min_all=(lambda x: min(x), lambda: (smooth(3, 4),)))
def min(input):
    """torch.min over all elements: ties share the gradient evenly, and a NaN result sends it
    to the NaNs, as torch."""
    return _reduce_all_extremum(input, jnp.min, "min")


def _select_along(x, dim, keepdim, argfn, name):
    axis = normalize_dim(dim, x.ndim)
    if x.ndim and x.shape[axis] == 0:
        raise empty_reduction(name, axis)
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    index = jnp.expand_dims(argfn(x, axis=axis), axis)
    # Gathering at the chosen index sends the whole gradient there, as torch's max(dim) does.
    values = jnp.take_along_axis(x, index, axis=axis)
    if not keepdim:
        values, index = jnp.squeeze(values, axis), jnp.squeeze(index, axis)
    return values, index.astype(dtypes.int64)


def max_dim(input, dim, keepdim=False):
    """torch.max(input, dim) → (values, indices); the gradient goes to the returned index."""
    return _select_along(jnp.asarray(input), dim, keepdim, jnp.argmax, "max")


def min_dim(input, dim, keepdim=False):
    """torch.min(input, dim) → (values, indices); the gradient goes to the returned index."""
    return _select_along(jnp.asarray(input), dim, keepdim, jnp.argmin, "min")


def _arg_reduce(x, dim, keepdim, pick, name):
    """argmax/argmin: int64 positions, over all elements (``dim=None``) or one dim."""
    x = jnp.asarray(x)
    if x.dtype == dtypes.bool_:
        raise RuntimeError(f"{name}(): does not support bool input")
    if dim is None:
        if x.size == 0:
            raise IndexError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0.")
        out = pick(x.reshape(-1))
        return (out.reshape((1,) * x.ndim) if keepdim else out).astype(dtypes.int64)
    axis = normalize_dim(dim, x.ndim)
    if x.ndim == 0:
        return jnp.zeros((), dtypes.int64)
    _require_nonempty(x, name, (axis,))
    return pick(x, axis=axis, keepdims=keepdim).astype(dtypes.int64)


def argmax(input, dim=None, keepdim=False):
    """torch.argmax (first occurrence among ties, NaN counts as the maximum)."""
    return _arg_reduce(input, dim, keepdim, jnp.argmax, "argmax")


def argmin(input, dim=None, keepdim=False):
    """torch.argmin (first occurrence among ties, NaN counts as the minimum)."""
    return _arg_reduce(input, dim, keepdim, jnp.argmin, "argmin")


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2))
def _l2_norm(x, axes, keepdim):
    return jnp.sqrt(jnp.sum(x * x, axis=axes, keepdims=keepdim))


def _l2_norm_fwd(x, axes, keepdim):
    out = _l2_norm(x, axes, keepdim)
    return out, (x, out)


def _l2_norm_bwd(axes, keepdim, res, g):
    # torch's norm_backward: x * g / norm, and 0 where the norm is 0 (JAX's rule gives NaN).
    x, out = res
    if not keepdim:
        reduced = axes if axes is not None else tuple(range(x.ndim))
        g, out = jnp.expand_dims(g, reduced), jnp.expand_dims(out, reduced)
    safe = jnp.where(out == 0, 1, out)
    return (jnp.where(out == 0, 0, x * (g / safe)),)


_l2_norm.defvjp(_l2_norm_fwd, _l2_norm_bwd)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
def _inf_norm(x, reduce, axes, keepdim):
    return reduce(jnp.abs(x), axis=axes, keepdims=keepdim)


def _inf_norm_fwd(x, reduce, axes, keepdim):
    out = _inf_norm(x, reduce, axes, keepdim)
    return out, (x, out)


def _inf_norm_bwd(reduce, axes, keepdim, res, g):
    # torch's linalg_vector_norm_backward for p = ±inf: sgn(x) * (grad / count) * mask with
    # mask = (|x| == norm) | isnan(|x|) (ties share, NaNs count as chosen, sgn(NaN) = 0), and a
    # select for the mask so that NaN grads reach the whole slice as torch's product does.
    x, out = res
    magnitude = jnp.abs(x)
    mask = (magnitude == _restored(out, x, axes, keepdim)) | jnp.isnan(magnitude)
    share = _restored(g, x, axes, keepdim) / jnp.sum(mask, axis=axes, keepdims=True).astype(g.dtype)
    return (_sign(x) * jnp.where(mask, share, share * jnp.zeros((), g.dtype)),)


_inf_norm.defvjp(_inf_norm_fwd, _inf_norm_bwd)


def _vector_norm(x, p, axes, keepdim):
    if p is None or (type(p) is not bool and p in ("fro", 2, 2.0)):
        return _l2_norm(x, axes, keepdim)
    if p == float("inf"):
        return _inf_norm(x, jnp.max, axes, keepdim)
    if p == float("-inf"):
        return _inf_norm(x, jnp.min, axes, keepdim)
    if p == 0:
        return jnp.sum((x != 0).astype(x.dtype), axis=axes, keepdims=keepdim)
    # abs with torch's gradient (sign(x), 0 at 0).
    if p == 1:
        return jnp.sum(_abs(x), axis=axes, keepdims=keepdim)
    return jnp.sum(_abs(x) ** p, axis=axes, keepdims=keepdim) ** (1.0 / p)


def _matrix_norm_axes(dim, ndim):
    """The two dims torch.norm's string orders reduce (matrix_norm's), with its errors."""
    if ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                           "dimensions.")
    dims = tuple(range(ndim)) if dim is None else (dim,) if isinstance(dim, int) else tuple(dim)
    if len(dims) != 2:
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got "
                           f"{' '.join(map(str, dims))}")
    axes = tuple(normalize_dim(d, ndim) for d in dims)
    if axes[0] == axes[1]:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got ({dims[0]}, "
                           f"{dims[1]})")
    return axes


def _check_norm_order(p):
    # torch.norm hands every string but 'fro' to matrix_norm, which knows 'fro' and 'nuc'.
    if isinstance(p, str) and p not in ("fro", "nuc"):
        raise RuntimeError(f"linalg.matrix_norm: Order {p} not supported.")
    if p is not None and not isinstance(p, (str, int, float)):
        raise order_not_a_number(p)


def order_not_a_number(p) -> TypeError:
    """torch's parser refusing a vector norm's ``ord`` that is not a number."""
    return TypeError(f"linalg_vector_norm(): argument 'ord' (position 2) must be Number, not "
                     f"{type(p).__name__}")


@gradient_samples(norm_2=(lambda x: norm(x, 2, 1), lambda: (smooth(3, 4),)),
                  norm_3=(lambda x: norm(x, 3, None), lambda: (smooth(3, 4),)),
                  norm_inf=(lambda x: norm(x, float("inf"), 1), lambda: (smooth(3, 4),)),
                  norm_minus_inf=(lambda x: norm(x, float("-inf"), None), lambda: (smooth(3, 4),)))
def norm(input, p="fro", dim=None, keepdim=False):
    """torch.norm: 2-norm (``'fro'``, None), any p, ``±inf``, nuclear (``'nuc'``); the 2-norm's
    gradient is 0 at 0; float16/bfloat16 are computed in float32 (so 300s do not overflow),
    as torch.

    >>> import jax.numpy as jnp
    >>> norm(jnp.full(4, 300., jnp.float16))
    Array(600., dtype=float16)
    """
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as "
                           f"input. Got {torch_type_name(x.dtype)}")
    _check_norm_order(p)
    if p == "nuc":
        axes = _matrix_norm_axes(dim, x.ndim)
        return in_opmath(lambda v: jnp.linalg.norm(v, "nuc", axis=axes, keepdims=keepdim), x)
    axes = normalize_dims(dim, x.ndim)
    return in_opmath(lambda v: _vector_norm(v, p, axes, keepdim), x)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2))
def _logsumexp(x, axes, keepdim):
    return jax.scipy.special.logsumexp(x, axis=axes, keepdims=keepdim)


def _logsumexp_fwd(x, axes, keepdim):
    out = _logsumexp(x, axes, keepdim)
    return out, (x, out)


def _logsumexp_bwd(axes, keepdim, res, g):
    # torch's logsumexp_backward: grad * exp(x - result), from the result as rounded to x's
    # dtype (in float16 that rounding moves the gradient by percents; JAX's rule does not
    # round it).
    x, out = res
    return (_restored(g, x, axes, keepdim) * jnp.exp(x - _restored(out, x, axes, keepdim)),)


_logsumexp.defvjp(_logsumexp_fwd, _logsumexp_bwd)


@gradient_samples(logsumexp=(lambda x: logsumexp(x, 1), lambda: (smooth(3, 4),)))
def logsumexp(input, dim, keepdim=False):
    """torch.logsumexp over ``dim`` (integers give the default float), with torch's gradient
    ``grad * exp(x - result)``."""
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        x = x.astype(dtypes.default_float_dtype())
    return _logsumexp(x, normalize_dims(dim, x.ndim), keepdim)


def all(input, dim=None, keepdim=False):
    x = jnp.asarray(input)
    return jnp.all(x, axis=normalize_dims(dim, x.ndim), keepdims=keepdim)


def any(input, dim=None, keepdim=False):
    x = jnp.asarray(input)
    return jnp.any(x, axis=normalize_dims(dim, x.ndim), keepdims=keepdim)


def count_nonzero(input, dim=None):
    x = jnp.asarray(input)
    return jnp.sum(x != 0, axis=normalize_dims(dim, x.ndim)).astype(dtypes.int64)


@linear
def cumsum(input, dim, dtype=None):
    """torch.cumsum; float16/bfloat16 accumulate in float32 and round each partial sum, as
    torch (a running half-precision sum overflows or stalls).

    >>> import jax.numpy as jnp
    >>> cumsum(jnp.array([60000., 60000., -60000.], jnp.float16), 0)
    Array([6.e+04,    inf, 6.e+04], dtype=float16)
    """
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    x = x.astype(_sum_dtype(x, dtype))
    return in_opmath(lambda v: jnp.cumsum(v, axis=axis), x) if x.ndim else x


def cumprod(input, dim, dtype=None):
    """torch.cumprod; float16/bfloat16 accumulate in float32, as torch."""
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    x = x.astype(_sum_dtype(x, dtype))
    return in_opmath(lambda v: jnp.cumprod(v, axis=axis), x) if x.ndim else x
