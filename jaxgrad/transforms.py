"""Differentiation as function transforms: torch's autograd ideas, stated functionally.

=====================================  ===============================================
torch (stateful)                        jaxgrad (functional)
=====================================  ===============================================
``x.requires_grad_()``                  the argument is in ``argnums``
``loss.backward(); x.grad``             ``grad(loss_fn)(x)``
``loss.item()`` and ``x.grad``          ``value_and_grad(loss_fn)(x)``
``p.grad += ...`` (a 2nd backward)      ``jaxgrad.accumulate(grads, more)``
``p.grad.zero_()``                      ``jaxgrad.zeros_like(grads)``
``with torch.no_grad():`` / detach      ``stop_gradient(x)``
``torch.autograd.grad(y, x, v)``        ``vjp(f, x)[1](v)``
``torch.func.jvp``                      ``jvp(f, (x,), (t,))``
``torch.autograd.functional.jacobian``  ``jacobian(f)(x)``
``torch.autograd.functional.hessian``   ``hessian(f)(x)``
=====================================  ===============================================

Each transform takes pytrees (dicts, lists, tuples of arrays) wherever torch takes tensors.
Following JAX, ``grad`` is ``value_and_grad`` without the value, and ``value_and_grad`` is a
``vjp`` seeded with 1.

>>> import jax.numpy as jnp
>>> from jaxgrad import transforms
>>> transforms.grad(lambda w: jnp.sum(w ** 2))(jnp.array([1., 2.], jnp.float32))
Array([2., 4.], dtype=float32)
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from . import dtypes


def _require_float(tree, where):
    for leaf in jax.tree.leaves(tree):
        dtype = np.asarray(leaf).dtype if not hasattr(leaf, "dtype") else leaf.dtype
        if dtypes.category(dtype) < 2:
            raise RuntimeError("only Tensors of floating point and complex dtype can require "
                               f"gradients (got {np.dtype(dtype).name} in {where})")


def _argnums_tuple(argnums, nargs):
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    for n in nums:
        if not -nargs <= n < nargs:
            raise ValueError(f"argnums {argnums} out of range for a function called with "
                             f"{nargs} positional arguments")
    return tuple(n % nargs for n in nums)


def _partial(fun, args, kwargs, nums):
    """``fun`` as a function of the arguments in ``nums`` only, the others held fixed."""
    def restricted(*diff_args):
        full = list(args)
        for i, value in zip(nums, diff_args):
            full[i] = value
        return fun(*full, **kwargs)
    return restricted


def stop_gradient(tree):
    """The values of ``tree``, seen as constants by every transform: ``torch.no_grad()`` /
    ``Tensor.detach()`` for the part of a computation wrapped in it.

    >>> import jax.numpy as jnp
    >>> grad(lambda x: x * stop_gradient(x))(jnp.float32(3.))   # d/dx of x * const
    Array(3., dtype=float32)
    """
    return jax.lax.stop_gradient(tree)


def vjp(fun, *primals, has_aux=False):
    """``fun(*primals)`` and its vector-Jacobian product: ``torch.autograd.grad(out, inputs,
    grad_outputs=v)`` is ``vjp(fun, *inputs)[1](v)``.

    Returns ``(out, vjp_fn)``, or ``(out, vjp_fn, aux)`` with ``has_aux``; ``vjp_fn(v)``
    gives one cotangent per primal (a tuple), each shaped like its primal.

    >>> import jax.numpy as jnp
    >>> out, pullback = vjp(lambda x: x * 2, jnp.array([1., 2.], jnp.float32))
    >>> pullback(jnp.array([1., 10.], jnp.float32))
    (Array([ 2., 20.], dtype=float32),)
    """
    _require_float(primals, "the differentiated arguments")
    return jax.vjp(fun, *primals, has_aux=has_aux)


def check_implicit_seed(scalar: bool, dtype, dtype_name: str) -> None:
    """torch's refusal to seed a backward implicitly (with 1) for a non-scalar or a non-float
    output; ``dtype_name`` as the caller's library prints the dtype.

    >>> import numpy as np
    >>> check_implicit_seed(True, np.float32, "float32")
    """
    if not scalar:
        raise RuntimeError("grad can be implicitly created only for scalar outputs")
    if not dtypes.is_floating(dtype):
        raise RuntimeError("grad can be implicitly created only for real scalar outputs but "
                           f"got {dtype_name}")


def value_and_grad(fun, argnums=0, has_aux=False):
    """``fun`` returning ``(value, gradient)``: the loss and what ``loss.backward()`` would
    leave in ``.grad`` of the arguments named by ``argnums`` (torch's ``requires_grad``).

    ``fun`` must return a real scalar (or ``(scalar, aux)`` with ``has_aux``, giving
    ``((value, aux), gradient)``). ``argnums`` an int gives one gradient, a tuple a tuple.

    >>> import jax.numpy as jnp
    >>> def loss(params, x):
    ...     return jnp.sum((params["w"] * x - 1.) ** 2)
    >>> params = {"w": jnp.float32(2.)}
    >>> value, grads = value_and_grad(loss)(params, jnp.float32(1.))
    >>> value, grads["w"]
    (Array(1., dtype=float32), Array(2., dtype=float32))
    """
    @functools.wraps(fun)
    def value_and_grad_fn(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        restricted = _partial(fun, args, kwargs, nums)
        result = vjp(restricted, *(args[i] for i in nums), has_aux=has_aux)
        out, pullback = result[0], result[1]
        check_implicit_seed(jnp.size(out) == 1 and jnp.shape(out) == (), jnp.result_type(out),
                            str(jnp.result_type(out)))
        grads = pullback(jnp.ones((), jnp.result_type(out)))
        grads = grads[0] if isinstance(argnums, int) else grads
        return ((out, result[2]) if has_aux else out), grads

    return value_and_grad_fn


def grad(fun, argnums=0, has_aux=False):
    """The gradient of scalar ``fun`` with respect to the arguments in ``argnums``:
    ``loss.backward()`` followed by reading ``.grad``, as one function.

    With ``has_aux`` (``fun`` returning ``(loss, aux)``) the result is ``(grads, aux)``.

    >>> import jax.numpy as jnp
    >>> grad(lambda x, y: x * y, argnums=(0, 1))(jnp.float32(2.), jnp.float32(5.))
    (Array(5., dtype=float32), Array(2., dtype=float32))
    """
    vg = value_and_grad(fun, argnums, has_aux)

    @functools.wraps(fun)
    def grad_fn(*args, **kwargs):
        value, grads = vg(*args, **kwargs)
        return (grads, value[1]) if has_aux else grads

    return grad_fn


def jvp(fun, primals, tangents, has_aux=False):
    """Forward mode: ``(fun(*primals), J @ tangents)``, as ``torch.func.jvp``.

    >>> import jax.numpy as jnp
    >>> jvp(lambda x: x ** 3, (jnp.float32(2.),), (jnp.float32(1.),))
    (Array(8., dtype=float32), Array(12., dtype=float32))
    """
    _require_float(primals, "the primals")
    return jax.jvp(fun, tuple(primals), tuple(tangents), has_aux=has_aux)


def transposed_jvp(fun, primals, tangents, has_aux=False):
    """``(fun(*primals), J @ tangents)`` by transposing the VJP, which is linear in the
    cotangent: the forward mode of functions whose gradients are ``jax.custom_vjp`` rules
    (torch-exact reverse-mode formulas), which ``jax.jvp`` cannot push tangents through.
    ``primals`` and ``tangents`` are tuples; the outputs may be any pytree of float arrays.

    >>> import jax, jax.numpy as jnp
    >>> @jax.custom_vjp
    ... def cube(x):
    ...     return x ** 3
    >>> cube.defvjp(lambda x: (x ** 3, x), lambda x, g: (3 * x ** 2 * g,))
    >>> transposed_jvp(cube, (jnp.float32(2.),), (jnp.float32(1.),))
    (Array(8., dtype=float32), Array(12., dtype=float32))
    """
    result = jax.vjp(fun, *primals, has_aux=has_aux)
    out, pullback = result[0], result[1]
    # The transpose of the linear pullback is its own VJP (at any cotangent: zeros). JAX
    # linearizes before it transposes, so this also holds where a rule's pullback scatters
    # to repeated indices, which ``jax.linear_transpose`` refuses.
    _, transpose = jax.vjp(pullback, jax.tree_util.tree_map(jnp.zeros_like, out))
    # one cotangent per primal: the tangents, in the primals' dtypes (torch accepts a tangent
    # of another float dtype)
    tangent, = transpose(jax.tree_util.tree_map(lambda t, p: jnp.asarray(t, p.dtype),
                                                tuple(tangents), tuple(primals)))
    return (out, tangent, result[2]) if has_aux else (out, tangent)


def jacobian(fun, argnums=0, has_aux=False, mode="reverse"):
    """The Jacobian of ``fun`` (``torch.autograd.functional.jacobian``), as a function.

    For each output leaf, an array of shape ``out.shape + arg.shape``. ``mode`` is
    ``"reverse"`` (one vjp per output element, torch's default) or ``"forward"`` (one jvp
    per input element, cheaper for wide outputs).

    >>> import jax.numpy as jnp
    >>> jacobian(lambda x: x ** 2)(jnp.array([1., 2.], jnp.float32))
    Array([[2., 0.],
           [0., 4.]], dtype=float32)
    """
    if mode not in ("reverse", "forward"):
        raise ValueError(f"mode must be 'reverse' or 'forward', got {mode!r}")
    transform = jax.jacrev if mode == "reverse" else jax.jacfwd

    @functools.wraps(fun)
    def jacobian_fn(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        _require_float([args[i] for i in nums], "the differentiated arguments")
        return transform(fun, argnums=argnums, has_aux=has_aux)(*args, **kwargs)

    return jacobian_fn


def hessian(fun, argnums=0, has_aux=False):
    """The Hessian of scalar ``fun`` (``torch.autograd.functional.hessian``), as a function:
    forward-over-reverse, shape ``arg.shape + arg.shape`` for one array argument.

    >>> import jax.numpy as jnp
    >>> hessian(lambda x: jnp.sum(x ** 3))(jnp.array([1., 2.], jnp.float32))
    Array([[ 6.,  0.],
           [ 0., 12.]], dtype=float32)
    """
    @functools.wraps(fun)
    def hessian_fn(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        _require_float([args[i] for i in nums], "the differentiated arguments")
        return jax.hessian(fun, argnums=argnums, has_aux=has_aux)(*args, **kwargs)

    return hessian_fn
