"""Determinants, linear solves, powers and exponentials of square matrices (torch's
``linalg.det``/``slogdet``, ``logdet``, ``linalg.solve``/``solve_ex``, ``matrix_power``,
``matrix_exp``), with torch's argument checks, error texts and singular-matrix errors.

Gradients are JAX's: for a nonsingular matrix they are torch's formulas (``det · A⁻ᴴ``,
``A⁻ᴴ`` for the log-determinant, ``-A⁻ᴴ G Xᴴ`` for a solve).

>>> import jax.numpy as jnp
>>> linalg_det(jnp.array([[2., 1.], [1., 3.]], jnp.float32))
Array(5., dtype=float32)
>>> linalg_solve(jnp.array([[2., 0.], [0., 4.]], jnp.float32), jnp.array([2., 2.], jnp.float32))
Array([1. , 0.5], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import broadcast_shapes, host_check, not_implemented
from .decompositions import LinAlgError, _check_matrices, check_float_input, check_precision
from .decompositions import b_too_few_dims, check_solve_shapes, first_failure
from .inversion import _checked as _checked_inverse
from .inversion import _inv_values, _inverse, inverse_info


def _square(name, input):
    a = jnp.asarray(input)
    _check_matrices(name, a)
    check_float_input(name, a)
    return a


def _no_lu_for_half(a):
    if a.dtype in (dtypes.float16, dtypes.bfloat16):
        raise not_implemented("lu_cpu", a.dtype)


# ------------------------------------------------------------------ determinants
def linalg_det(input):
    """torch.linalg.det (and torch.det): the determinant of each square matrix, by LU.

    >>> import jax.numpy as jnp
    >>> linalg_det(jnp.eye(2, dtype=jnp.float32) * 3)
    Array(9., dtype=float32)
    """
    a = _square("linalg.det", input)
    _no_lu_for_half(a)
    if a.shape[-1] == 0:
        return jnp.ones(a.shape[:-2], a.dtype)
    # as torch: the product of U's diagonal, negated for an odd permutation (so a singular
    # matrix may give -0.)
    lu, pivots, _ = jax.lax.linalg.lu(a)
    swaps = jnp.sum(pivots != jnp.arange(a.shape[-1], dtype=pivots.dtype), -1)
    diagonal = jnp.prod(jnp.diagonal(lu, axis1=-2, axis2=-1), -1)
    return jnp.where(swaps % 2 == 1, -diagonal, diagonal)


def _slogdet(a):
    if a.shape[-1] == 0:
        return jnp.ones(a.shape[:-2], a.dtype), jnp.zeros(a.shape[:-2], a.dtype)
    sign, logabsdet = jnp.linalg.slogdet(a)
    return sign.astype(a.dtype), logabsdet


def linalg_slogdet(input):
    """torch.linalg.slogdet (and torch.slogdet) → ``(sign, logabsdet)``: ``sign`` 0 and
    ``logabsdet`` -inf for a singular matrix.

    >>> import jax.numpy as jnp
    >>> linalg_slogdet(jnp.array([[-2.]], jnp.float32))
    (Array(-1., dtype=float32), Array(0.6931472, dtype=float32))
    """
    a = _square("linalg.slogdet", input)
    check_precision("linalg.slogdet", a)
    return _slogdet(a)


def logdet(input):
    """torch.logdet: ``log(det(A))``, NaN where the determinant is negative, -inf where it is 0.

    >>> import jax.numpy as jnp
    >>> logdet(jnp.array([[-2.]], jnp.float32))
    Array(nan, dtype=float32)
    """
    a = _square("logdet", input)
    check_precision("logdet", a)
    sign, logabsdet = _slogdet(a)
    return jnp.where(sign == -1, jnp.nan, logabsdet)


# ------------------------------------------------------------------ solve
def _solve_operands(A, B, left):
    """``(A, B, vector)``: the operands broadcast to one batch, torch's checks done; ``B`` is
    a (batch of) vector(s) when it is 1-D or has exactly ``A``'s batch and rows."""
    name = "linalg.solve"
    a, b = jnp.asarray(A), jnp.asarray(B)
    check_float_input(name, a)
    if a.dtype != b.dtype:
        raise RuntimeError(f"{name}: Expected A and B to have the same dtype, but found A of type "
                           f"{dtypes.torch_type_name(a.dtype)} and B of type "
                           f"{dtypes.torch_type_name(b.dtype)} instead")
    _check_matrices(name, a)
    vector = b.ndim == 1 or (b.ndim == a.ndim - 1 and b.shape == a.shape[:-1])
    if b.ndim < 1 or (not vector and b.ndim < 2):
        raise b_too_few_dims(name)
    if vector:  # a column, whichever side A is on (so XA = B takes no vector)
        b = b[..., None]
    check_solve_shapes(name, a.shape, b.shape, left)
    _no_lu_for_half(a)
    batch = broadcast_shapes(b.shape[:-2], a.shape[:-2])  # torch names B first
    return (jnp.broadcast_to(a, batch + a.shape[-2:]), jnp.broadcast_to(b, batch + b.shape[-2:]),
            vector)


def _solve(a, b, left, vector):
    if left:
        x = jnp.linalg.solve(a, b) if a.size and b.size else jnp.zeros(b.shape, a.dtype)
    else:
        xt = jnp.linalg.solve(jnp.swapaxes(a, -1, -2), jnp.swapaxes(b, -1, -2)) \
            if a.size and b.size else jnp.zeros(b.shape[:-2] + b.shape[:-3:-1], a.dtype)
        x = jnp.swapaxes(xt, -1, -2)
    return x[..., 0] if vector else x


def _solver_failed(name, a):
    failure = first_failure(inverse_info(a))
    if failure is None:
        return None
    return LinAlgError(f"{name}: {failure[0]}The solver failed because the input matrix is "
                       f"singular.")


def _solve_values(input, B, *, left=True):
    a, _, _ = _solve_operands(input, B, left)
    err = _solver_failed("torch.linalg.solve", a)
    if err is not None:
        raise err


@host_check(_solve_values)
def linalg_solve(input, B, *, left=True):
    """torch.linalg.solve: ``X`` with ``A X = B`` (``left=False``: ``X A = B``), batches
    broadcast, ``B`` a matrix or a vector; a singular ``A`` is torch's LinAlgError.

    >>> import jax.numpy as jnp
    >>> linalg_solve(jnp.array([[2.]], jnp.float32), jnp.array([[4., 6.]], jnp.float32))
    Array([[2., 3.]], dtype=float32)
    """
    a, b, vector = _solve_operands(input, B, left)
    return _solve(a, b, left, vector)


def _solve_ex_values(input, B, *, left=True, check_errors=False):
    a, _, _ = _solve_operands(input, B, left)
    if check_errors:
        err = _solver_failed("torch.linalg.solve_ex", a)
        if err is not None:
            raise err


@host_check(_solve_ex_values)
def linalg_solve_ex(input, B, *, left=True, check_errors=False):
    """torch.linalg.solve_ex → ``(result, info)``: no error for a singular ``A``; ``info``
    (int32) is LAPACK's position of the zero pivot.

    >>> import jax.numpy as jnp
    >>> linalg_solve_ex(jnp.zeros((2, 2), jnp.float32), jnp.ones((2, 1), jnp.float32))[1]
    Array(1, dtype=int32)
    """
    a, b, vector = _solve_operands(input, B, left)
    return _solve(a, b, left, vector), inverse_info(a)


# ------------------------------------------------------------------ powers and exponentials
def _check_power(input, n, name, position=2):
    a = jnp.asarray(input)
    if type(n) is not int:
        raise TypeError(f"{name}(): argument 'n' (position {position}) must be int, not "
                        f"{type(n).__name__}")
    _check_matrices("linalg.matrix_power", a)
    return a


def _matrix_power_values(input, n, name="linalg_matrix_power", position=2):
    a = _check_power(input, n, name, position)
    if n < 0:
        _inv_values(a)


def _bool_product(a):
    if a.dtype == dtypes.bool_:
        raise not_implemented("addmm_impl_cpu_", dtypes.bool_)
    return a


@host_check(_matrix_power_values)
def linalg_matrix_power(input, n, name="linalg_matrix_power", position=2):
    """torch.linalg.matrix_power (torch.matrix_power): ``A^n`` by torch's binary powering
    (its order of products); ``n < 0`` inverts first (torch's inverse errors).

    >>> import jax.numpy as jnp
    >>> linalg_matrix_power(jnp.array([[1, 1], [0, 1]]), 3).tolist()
    [[1, 3], [0, 1]]
    """
    a = _check_power(input, n, name, position)
    if n == 0:
        return jnp.broadcast_to(jnp.eye(a.shape[-1], dtype=a.dtype), a.shape)
    if n == 1:
        return a
    if n < 0:
        a, n = _inverse(_checked_inverse("linalg.inv", a)), -n
        if n == 1:
            return a
    a = _bool_product(a)
    if n == 2:
        return a @ a
    if n == 3:
        return (a @ a) @ a
    z = result = None
    while n > 0:
        bit, n = n % 2, n // 2
        z = a if z is None else z @ z
        if bit:
            result = z if result is None else result @ z
    return result


def linalg_matrix_exp(input):
    """torch.linalg.matrix_exp (torch.matrix_exp): the matrix exponential of each square
    matrix (float16/bfloat16 computed in float32).

    >>> import jax.numpy as jnp
    >>> linalg_matrix_exp(jnp.zeros((2, 2), jnp.float32))
    Array([[1., 0.],
           [0., 1.]], dtype=float32)
    """
    a = _square("linalg.matrix_exp", input)
    if a.size == 0:
        return a
    wide = jnp.float32 if a.dtype in (dtypes.float16, dtypes.bfloat16) else a.dtype
    flat = a.reshape((-1,) + a.shape[-2:]).astype(wide)
    out = jax.vmap(jax.scipy.linalg.expm)(flat)
    return out.reshape(a.shape).astype(a.dtype)


def _matrix_power_method_values(input, n):
    _matrix_power_values(input, n, "matrix_power")


@host_check(_matrix_power_method_values)
def matrix_power(input, n):
    """torch.matrix_power / Tensor.matrix_power: :func:`linalg_matrix_power`, its argument
    errors named ``matrix_power``.

    >>> import jax.numpy as jnp
    >>> matrix_power(jnp.array([[2.]], jnp.float32), -1)
    Array([[0.5]], dtype=float32)
    """
    return linalg_matrix_power(input, n, "matrix_power")


def _matrix_power_of_self_values(input, n):
    _matrix_power_values(input, n, "matrix_power", 1)


@host_check(_matrix_power_of_self_values)
def matrix_power_of_self(input, n):
    """Tensor.matrix_power: :func:`matrix_power`, ``n`` counted as the method's first
    argument in torch's errors.

    >>> import jax.numpy as jnp
    >>> matrix_power_of_self(jnp.array([[2.]], jnp.float32), 2)
    Array([[4.]], dtype=float32)
    """
    return linalg_matrix_power(input, n, "matrix_power", 1)
