"""QR, singular-value and symmetric eigen-decompositions and the pseudo-inverse (torch's
``linalg.qr``, ``svd``, ``svdvals``, ``eigh``, ``eigvalsh``, ``pinv``), with torch's argument
checks and error texts; LAPACK computes them, as in torch, so the factors come with the
same signs where they are not unique.

>>> import jax.numpy as jnp
>>> linalg_svdvals(jnp.array([[3., 0.], [0., -4.]], jnp.float32))
Array([4., 3.], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import gradient_samples, not_implemented, smooth
from .decompositions import _check_matrices, check_float_input


def _matrices(name, input):
    a = jnp.asarray(input)
    if a.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor A must have at least 2 dimensions.")
    check_float_input(name, a)
    return a


def linalg_qr(input, mode="reduced"):
    """torch.linalg.qr → ``(Q, R)``; ``mode`` 'reduced', 'complete' or 'r' (Q empty).

    >>> import jax.numpy as jnp
    >>> linalg_qr(jnp.array([[2., 0.], [0., 3.]], jnp.float32))[1].shape
    (2, 2)
    """
    if mode not in ("reduced", "r", "complete"):
        raise RuntimeError(f"qr received unrecognized mode '{mode}' but expected one of "
                           f"'reduced' (default), 'r', or 'complete'")
    a = _matrices("linalg.qr", input)
    q, r = jnp.linalg.qr(a, mode="complete" if mode == "complete" else "reduced")
    if mode == "r":
        return jnp.zeros((0,), a.dtype), r
    return q, r


def linalg_svd(input, full_matrices=True):
    """torch.linalg.svd → ``(U, S, Vh)`` with ``A = U diag(S) Vh``.

    >>> import jax.numpy as jnp
    >>> linalg_svd(jnp.eye(2, dtype=jnp.float32))[1]
    Array([1., 1.], dtype=float32)
    """
    a = _matrices("linalg.svd", input)
    u, s, vh = jnp.linalg.svd(a, full_matrices=bool(full_matrices))
    return u, s, vh


def linalg_svdvals(input):
    """torch.linalg.svdvals: the singular values, in descending order.

    >>> import jax.numpy as jnp
    >>> linalg_svdvals(jnp.array([[0., 2.]], jnp.float32))
    Array([2.], dtype=float32)
    """
    a = _matrices("linalg.svd", input)
    return jnp.linalg.svd(a, compute_uv=False)


def svd(input, some=True, compute_uv=True):
    """torch.svd → ``(U, S, V)``: V, not Vh; without ``compute_uv``, U and V are zeros.

    >>> import jax.numpy as jnp
    >>> svd(jnp.eye(2, dtype=jnp.float32))[2].shape
    (2, 2)
    """
    a = _matrices("linalg.svd", input)
    m, n = a.shape[-2:]
    if not compute_uv:
        s = jnp.linalg.svd(a, compute_uv=False)
        return (jnp.zeros(a.shape[:-2] + (m, m), a.dtype), s,
                jnp.zeros(a.shape[:-2] + (n, n), a.dtype))
    u, s, vh = jnp.linalg.svd(a, full_matrices=not some)
    return u, s, jnp.swapaxes(vh, -1, -2)


@jax.custom_vjp
def _symmetric_gradient(a):
    return a


def _symmetric_gradient_bwd(_, g):
    # torch's linalg_eig_backward for Hermitian input returns a Hermitian gradient
    return ((g + jnp.swapaxes(g, -1, -2)) / 2,)


_symmetric_gradient.defvjp(lambda a: (a, None), _symmetric_gradient_bwd)


def _eigh_sample():
    m = smooth(3, 3)
    return (m @ m.T + 3 * jnp.eye(3),)


def _check_uplo(UPLO):
    if UPLO not in ("L", "U", "l", "u"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")


def _eigh(name, input, UPLO):
    a = jnp.asarray(input)
    _check_uplo(UPLO)
    _check_matrices(name, a)
    if dtypes.category(a.dtype) < 2 or a.dtype in (dtypes.float16, dtypes.bfloat16):
        raise not_implemented("linalg_eigh_cpu", a.dtype)
    # only the triangle UPLO names is read, as LAPACK's syevd; the gradient is torch's
    # symmetric one
    v, w = jax.lax.linalg.eigh(_symmetric_gradient(a), lower=UPLO in ("L", "l"),
                               symmetrize_input=False)
    return w, v


def linalg_eigh(input, UPLO="L"):
    """torch.linalg.eigh → ``(eigenvalues, eigenvectors)`` of a symmetric matrix, eigenvalues
    ascending, reading only the ``UPLO`` triangle.

    >>> import jax.numpy as jnp
    >>> linalg_eigh(jnp.array([[2., 0.], [0., 1.]], jnp.float32))[0]
    Array([1., 2.], dtype=float32)
    """
    return _eigh("linalg.eigh", input, UPLO)


@gradient_samples(eigvalsh=(lambda a: linalg_eigvalsh((a + a.T) / 2), _eigh_sample))
def linalg_eigvalsh(input, UPLO="L"):
    """torch.linalg.eigvalsh: the eigenvalues of :func:`linalg_eigh`.

    >>> import jax.numpy as jnp
    >>> linalg_eigvalsh(jnp.array([[2., 1.], [1., 2.]], jnp.float32))
    Array([1., 3.], dtype=float32)
    """
    return _eigh("linalg.eigh", input, UPLO)[0]


def linalg_pinv(input, *, atol=None, rtol=None, hermitian=False):
    """torch.linalg.pinv: the pseudo-inverse, singular values below ``max(atol, rtol·σ₁)``
    dropped (``rtol`` defaults to ``eps·max(m, n)`` when neither is given, else 0).

    >>> import jax.numpy as jnp
    >>> linalg_pinv(jnp.array([[2., 0.]], jnp.float32))
    Array([[0.5],
           [0. ]], dtype=float32)
    """
    a = jnp.asarray(input)
    if a.ndim < 2 or dtypes.category(a.dtype) < 2 or a.dtype in (dtypes.float16,
                                                                 dtypes.bfloat16):
        raise RuntimeError(f"linalg.pinv({dtypes.torch_type_name(a.dtype)}{{{list(a.shape)}}}): "
                           f"expected a tensor with 2 or more dimensions of float, double, cfloat "
                           f"or cdouble types")
    if rtol is None:
        rtol = 0.0 if (atol is not None and atol > 0) else \
            float(jnp.finfo(a.dtype).eps) * max(a.shape[-2:])
    if atol is not None and atol > 0:
        top = jnp.linalg.svd(jax.lax.stop_gradient(a), compute_uv=False)[..., :1]
        rtol = jnp.maximum(atol / jnp.where(top == 0, 1, top), rtol)[..., 0]
    general = jnp.linalg.pinv(a, rtol=rtol)
    if not hermitian:
        return general
    # the values from the eigendecomposition of the lower triangle; the gradient torch's
    # generic pinv formula (JAX's hermitian one is symmetrized)
    lower = jnp.tril(a) + jnp.swapaxes(jnp.tril(a, -1), -1, -2)
    values = jnp.linalg.pinv(jax.lax.stop_gradient(lower), rtol=rtol, hermitian=True)
    return general + jax.lax.stop_gradient(values - general)


def pinverse(input, rcond=1e-15):
    """torch.pinverse: :func:`linalg_pinv` with ``rtol=rcond``.

    >>> import jax.numpy as jnp
    >>> pinverse(jnp.array([[4.]], jnp.float32))
    Array([[0.25]], dtype=float32)
    """
    return linalg_pinv(input, rtol=rcond)

