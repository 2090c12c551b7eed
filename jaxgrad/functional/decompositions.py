"""Cholesky factorization, triangular solves and the inverse from a Cholesky factor, with
torch's argument checks, error texts and gradients.

torch reads only the triangle a factorization or solve needs (no symmetrizing), and its
Cholesky gradient is the symmetric one (``cholesky_backward``): the rules here follow it.

>>> import jax.numpy as jnp
>>> a = jnp.array([[4., 2.], [2., 3.]], jnp.float32)
>>> linalg_cholesky(a)
Array([[2.       , 0.       ],
       [1.       , 1.4142135]], dtype=float32)
>>> cholesky_info(jnp.array([[1., 2.], [2., 1.]], jnp.float32))
Array(2, dtype=int32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import dtypes
from ._checks import broadcast_shapes, gradient_samples, host_check, not_implemented, smooth


class LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError: a factorization or solve that the values make impossible
    (named as torch's class, ``torch._C._LinAlgError``, in tracebacks)."""

    __module__ = "torch._C"


LinAlgError.__name__ = LinAlgError.__qualname__ = "_LinAlgError"


def _mT(x):
    return jnp.swapaxes(x, -1, -2)


def _check_matrices(name, x, arg="A"):
    """torch's checks of a (batch of) square matrices of a float dtype."""
    if x.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor {arg} must have at least 2 dimensions.")
    if x.shape[-1] != x.shape[-2]:
        raise RuntimeError(f"{name}: {arg} must be batches of square matrices, but they are "
                           f"{x.shape[-2]} by {x.shape[-1]} matrices")


def check_float_input(name, x):
    """torch's refusal of integer and bool matrices in ``linalg``."""
    if dtypes.category(x.dtype) < 2:
        raise RuntimeError(f"{name}: Expected a floating point or complex tensor as input. "
                           f"Got {dtypes.torch_type_name(x.dtype)}")


def check_precision(name, x):
    """torch's refusal of float16/bfloat16 in the LAPACK-backed ``linalg`` functions."""
    if x.dtype in (dtypes.float16, dtypes.bfloat16):
        raise RuntimeError(f"{name}: Low precision dtypes not supported. Got "
                           f"{dtypes.torch_type_name(x.dtype)}")


def _check_float(name, kernel, x):
    check_float_input(name, x)
    if x.dtype in (dtypes.float16, dtypes.bfloat16):
        raise not_implemented(kernel, x.dtype)


# ------------------------------------------------------------------ failure detection
def _lower_factor_steps(a):
    """LAPACK's unblocked left-looking Cholesky (``potf2``) of the lower triangle of one
    matrix, run to its first non-positive pivot: ``(partial factor, info)``, info the order
    of the first leading minor that is not positive-definite (0 when none is)."""
    n = a.shape[-1]
    rows = jnp.arange(n)

    def step(j, state):
        L, info = state
        below = rows < j
        lj = jnp.where(below, L[j], 0)
        pivot = L[j, j] - jnp.dot(lj, lj)
        fails = (info == 0) & ~(pivot > 0)
        info = jnp.where(fails, j + 1, info)
        root = jnp.sqrt(jnp.where(pivot > 0, pivot, 1))
        column = (L[:, j] - L @ jnp.where(below, L[j], 0)) / root
        column = jnp.where(rows > j, column, jnp.where(rows == j, root, L[:, j]))
        done = info != 0
        new = L.at[:, j].set(column)
        new = jnp.where(fails, L.at[j, j].set(pivot), new)  # LAPACK keeps the failed pivot
        return jnp.where(done & ~fails, L, new), info

    L, info = jax.lax.fori_loop(0, n, step, (jnp.tril(a), jnp.zeros((), jnp.int32)))
    return jnp.tril(L), info


def _batched(fn, a):
    flat = a.reshape((-1,) + a.shape[-2:])
    out = jax.vmap(fn)(flat)
    return jax.tree_util.tree_map(lambda o: o.reshape(a.shape[:-2] + o.shape[1:]), out)


def cholesky_info(a):
    """For each matrix of ``a``, the order of the first leading minor (of its lower triangle)
    that is not positive-definite, 0 where the factorization succeeds (LAPACK's ``info``).

    >>> import jax.numpy as jnp
    >>> cholesky_info(jnp.eye(2, dtype=jnp.float32))
    Array(0, dtype=int32)
    """
    a = jnp.asarray(a)
    if a.shape[-1] == 0:
        return jnp.zeros(a.shape[:-2], jnp.int32)
    return _batched(lambda m: _lower_factor_steps(m)[1], a)


def first_failure(info):
    """``(prefix, code)`` of the first failed matrix of a batch (``info`` concrete: torch's
    per-matrix LAPACK codes, 0 where it succeeded), or None; ``prefix`` names the batch
    element as torch's LinAlgError does (empty for a single matrix)."""
    info = np.asarray(info)
    failed = np.flatnonzero(info.reshape(-1))
    if failed.size == 0:
        return None
    batch = f"(Batch element {failed[0]}): " if info.ndim else ""
    return batch, int(info.reshape(-1)[failed[0]])


def _not_positive_definite(name, info):
    """torch's LinAlgError for the first failed matrix of a batch (``info`` concrete)."""
    failure = first_failure(info)
    if failure is None:
        return None
    batch, order = failure
    return LinAlgError(f"{name}: {batch}The factorization could not be completed because the "
                       f"input is not positive-definite (the leading minor of order {order} "
                       f"is not positive-definite).")


# ------------------------------------------------------------------ cholesky
def _lower_cholesky(a):
    return jnp.tril(jax.lax.linalg.cholesky(a, symmetrize_input=False))


def _solve_lower(L, b, *, left=True, transpose=False):
    return jax.lax.linalg.triangular_solve(L, b, left_side=left, lower=True,
                                           transpose_a=transpose)


def _cholesky_grad(L, gL):
    # torch's cholesky_backward (Murray 2016): gA = L^-H Φ L^-1, Φ = ½(X + tril(X, -1)^H) for
    # X = tril(L^H gL), a symmetric gradient
    x = jnp.tril(_mT(L) @ gL)
    phi = 0.5 * (x + _mT(jnp.tril(x, -1)))
    g = jax.lax.linalg.triangular_solve(L, phi, left_side=True, lower=True, transpose_a=True)
    return jax.lax.linalg.triangular_solve(L, g, left_side=False, lower=True)


def _cholesky_fwd(a):
    # the residual L through the rule itself: a gradient of this gradient (create_graph)
    # differentiates L by torch's formula too, as torch's double backward does
    L = _cholesky_rule(a)
    return L, L


_cholesky_rule = jax.custom_vjp(_lower_cholesky)
_cholesky_rule.defvjp(_cholesky_fwd, lambda L, g: (_cholesky_grad(L, g),))


def _cholesky_values(input, upper=False):
    a = _checked_cholesky("linalg.cholesky", input, upper)  # the argument checks come first
    if a.size == 0:
        return
    err = _not_positive_definite("linalg.cholesky", cholesky_info(a))
    if err is not None:
        raise err


def _checked_cholesky(name, input, upper=False):
    """The matrices whose lower triangle is factored: with ``upper``, torch reads the upper
    triangle, which is the lower one of the transpose."""
    a = jnp.asarray(input)
    _check_matrices(name, a)
    _check_float(name, "cholesky_cpu", a)
    return _mT(a) if upper else a


def _positive_definite(n=3):
    m = smooth(n, n)
    return m @ m.T + n * jnp.eye(n)


@gradient_samples(linalg_cholesky=(lambda a: linalg_cholesky((a + a.T) / 2),
                                   lambda: (_positive_definite(),)))
@host_check(_cholesky_values)
def linalg_cholesky(input, upper=False):
    """torch.linalg.cholesky: the lower factor ``L`` of ``A = L L^H`` from ``A``'s lower
    triangle (``upper``: ``U`` of ``A = U^H U`` from the upper one); a matrix that is not positive-definite is torch's
    LinAlgError (raised by the host check).

    >>> import jax.numpy as jnp
    >>> linalg_cholesky(jnp.array([[9.]], jnp.float32))
    Array([[3.]], dtype=float32)
    """
    a = _checked_cholesky("linalg.cholesky", input, upper)
    if a.size == 0:
        return a
    L = _cholesky_rule(a)
    return _mT(L) if upper else L


def linalg_cholesky_ex(input, upper=False, check_errors=False):
    """torch.linalg.cholesky_ex → ``(L, info)``: no error for a matrix that is not
    positive-definite; ``info`` (int32) says which leading minor failed, and ``L`` holds
    LAPACK's partial factor there.

    >>> import jax.numpy as jnp
    >>> linalg_cholesky_ex(jnp.array([[1., 2.], [2., 1.]], jnp.float32))[1]
    Array(2, dtype=int32)
    """
    a = _checked_cholesky("linalg.cholesky", input, upper)
    if a.size == 0:
        return a, jnp.zeros(a.shape[:-2], jnp.int32)
    partial, info = _batched(_lower_factor_steps, a)
    ok = (info == 0)[..., None, None]
    L = jnp.where(ok, _cholesky_rule(jnp.where(ok, a, jnp.eye(a.shape[-1], dtype=a.dtype))),
                  jax.lax.stop_gradient(partial))
    return (_mT(L) if upper else L), info


def _cholesky_ex_values(input, upper=False, check_errors=False):
    a = _checked_cholesky("linalg.cholesky", input, upper)
    if check_errors and a.size:
        err = _not_positive_definite("linalg.cholesky_ex", cholesky_info(a))
        if err is not None:
            raise err


linalg_cholesky_ex = host_check(_cholesky_ex_values)(linalg_cholesky_ex)


# ------------------------------------------------------------------ triangular solves
def b_too_few_dims(name) -> RuntimeError:
    """torch's error for a right-hand side ``B`` with too few dims."""
    return RuntimeError(f"{name}: The input tensor B must have at least 2 dimensions.")


def check_solve_shapes(name, a_shape, b_shape, left):
    """torch's check that ``A X = B`` (``left=False``: ``X A = B``) fits the matrices' sizes."""
    rows, cols = (b_shape[-2], a_shape[-1]) if left else (b_shape[-1], a_shape[-2])
    if rows != cols:
        equation = "AX = B" if left else "XA = B"
        raise RuntimeError(f"{name}: Incompatible shapes of A and B for the equation {equation} "
                           f"({a_shape[-2]}x{a_shape[-1]} and {b_shape[-2]}x{b_shape[-1]})")


def linalg_solve_triangular(input, B, *, upper, left=True, unitriangular=False):
    """torch.linalg.solve_triangular: ``X`` with ``A X = B`` (``left=False``: ``X A = B``),
    reading only ``A``'s upper or lower triangle; batch dims broadcast.

    >>> import jax.numpy as jnp
    >>> a = jnp.array([[2., 0.], [1., 1.]], jnp.float32)
    >>> linalg_solve_triangular(a, jnp.array([[2.], [3.]], jnp.float32), upper=False)
    Array([[1.],
           [2.]], dtype=float32)
    """
    name = "linalg.solve_triangular"
    a, b = jnp.asarray(input), jnp.asarray(B)
    _check_matrices(name, a)
    if b.ndim < 2:
        raise b_too_few_dims(name)
    check_solve_shapes(name, a.shape, b.shape, left)
    if dtypes.category(a.dtype) < 2:
        raise not_implemented("triangular_solve_cpu", a.dtype)
    b = b.astype(a.dtype)
    batch = broadcast_shapes(b.shape[:-2], a.shape[:-2])  # torch names B first
    a = jnp.broadcast_to(a, batch + a.shape[-2:])
    b = jnp.broadcast_to(b, batch + b.shape[-2:])
    if a.size == 0 or b.size == 0:
        return jnp.zeros(b.shape, a.dtype)
    return jax.lax.linalg.triangular_solve(a, b, left_side=left, lower=not upper,
                                           unit_diagonal=unitriangular)


# ------------------------------------------------------------------ cholesky_inverse
def _inverse_of_factor(L, upper):
    # only the factor's triangle is read, as LAPACK's potri
    lower = _mT(jnp.triu(L)) if upper else jnp.tril(L)
    eye = jnp.broadcast_to(jnp.eye(L.shape[-1], dtype=L.dtype), L.shape)
    inv_l = _solve_lower(lower, eye)                    # L^-1
    return _solve_lower(lower, inv_l, transpose=True)   # L^-H L^-1 = (L L^H)^-1


def _cholesky_inverse_fwd(L, upper):
    inverse = _inverse_of_factor(L, upper)
    return inverse, (L, inverse)


def _cholesky_inverse_bwd(upper, res, g):
    # torch's cholesky_inverse_backward: -(A^-1 (g + g^H) A^-1) L (U (…) when upper), with
    # the whole input matrix, the triangle that is not read included
    L, inverse = res
    common = inverse @ (g + _mT(g)) @ inverse
    return (-(L @ common) if upper else -(common @ L),)


_cholesky_inverse_rule = jax.custom_vjp(_inverse_of_factor, nondiff_argnums=(1,))
_cholesky_inverse_rule.defvjp(_cholesky_inverse_fwd, _cholesky_inverse_bwd)


@gradient_samples(cholesky_inverse=(lambda L: cholesky_inverse(jnp.tril(L)),
                                    lambda: (jnp.tril(smooth(3, 3)) + 3 * jnp.eye(3),)))
def cholesky_inverse(input, upper=False):
    """torch.cholesky_inverse: ``(L L^H)^-1`` from a lower factor ``L`` (``upper``:
    ``(U^H U)^-1``), reading only that triangle.

    >>> import jax.numpy as jnp
    >>> cholesky_inverse(jnp.array([[2.]], jnp.float32))
    Array([[0.25]], dtype=float32)
    """
    L = jnp.asarray(input)
    _check_matrices("cholesky_inverse", L)
    if dtypes.category(L.dtype) < 2:
        raise not_implemented("cholesky_inverse_out_cpu", L.dtype)
    if L.size == 0:
        return L
    return _cholesky_inverse_rule(L, bool(upper))
