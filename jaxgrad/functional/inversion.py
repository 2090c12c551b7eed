"""Matrix inversion by LU with partial pivoting (torch's ``linalg.inv_ex``), with torch's
argument checks, singular-matrix error and ``info``.

The gradient is JAX's of the LU solve, ``-A⁻ᴴ G A⁻ᴴ``: torch's ``linalg_inv_ex`` formula.

>>> import jax.numpy as jnp
>>> linalg_inv(jnp.array([[2., 0.], [0., 4.]], jnp.float32))
Array([[0.5 , 0.  ],
       [0.  , 0.25]], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import gradient_samples, host_check, smooth
from .decompositions import (LinAlgError, _check_matrices, check_float_input, check_precision,
                             first_failure)


def _checked(name, input):
    a = jnp.asarray(input)
    _check_matrices(name, a)
    check_float_input(name, a)
    check_precision(name, a)
    return a


def inverse_info(a):
    """LAPACK's ``getrf`` info for each matrix: the 1-based position of the first exactly zero
    diagonal element of ``U`` (0 when there is none).

    >>> import jax.numpy as jnp
    >>> inverse_info(jnp.array([[1., 2.], [2., 4.]], jnp.float32))
    Array(2, dtype=int32)
    """
    a = jnp.asarray(a)
    if a.shape[-1] == 0:
        return jnp.zeros(a.shape[:-2], jnp.int32)
    zero = jnp.diagonal(jax.lax.linalg.lu(a)[0], axis1=-2, axis2=-1) == 0
    return jnp.where(zero.any(-1), jnp.argmax(zero, -1) + 1, 0).astype(jnp.int32)


def _singular(name, info):
    """torch's LinAlgError for the first singular matrix of a batch (``info`` concrete)."""
    failure = first_failure(info)
    if failure is None:
        return None
    batch, element = failure
    return LinAlgError(f"{name}: {batch}The diagonal element {element} "
                       f"is zero, the inversion could not be completed because the input matrix "
                       f"is singular.")


def _inverse(a):
    if a.shape[-1] == 0:
        return a
    return jnp.linalg.solve(a, jnp.broadcast_to(jnp.eye(a.shape[-1], dtype=a.dtype), a.shape))


def _inv_values(input):
    a = _checked("linalg.inv", input)
    err = _singular("linalg.inv", inverse_info(a))
    if err is not None:
        raise err


@gradient_samples(linalg_inv=(lambda a: linalg_inv(a), lambda: (smooth(3, 3) + 3 * jnp.eye(3),)))
@host_check(_inv_values)
def linalg_inv(input):
    """torch.linalg.inv (and torch.inverse): the inverse of each square matrix; a singular one
    is torch's LinAlgError (raised by the host check).

    >>> import jax.numpy as jnp
    >>> linalg_inv(jnp.array([[4.]], jnp.float32))
    Array([[0.25]], dtype=float32)
    """
    return _inverse(_checked("linalg.inv", input))


def _inv_ex_values(input, check_errors=False):
    a = _checked("linalg.inv", input)
    if check_errors:
        err = _singular("linalg.inv_ex", inverse_info(a))
        if err is not None:
            raise err


@host_check(_inv_ex_values)
def linalg_inv_ex(input, check_errors=False):
    """torch.linalg.inv_ex → ``(inverse, info)``: no error for a singular matrix; ``info``
    (int32) is LAPACK's position of the zero pivot, and the inverse holds what the solve gives
    there (infinities, NaNs).

    >>> import jax.numpy as jnp
    >>> linalg_inv_ex(jnp.array([[1., 2.], [2., 4.]], jnp.float32))[1]
    Array(2, dtype=int32)
    """
    a = _checked("linalg.inv", input)
    return _inverse(a), inverse_info(a)
