"""``torch.autograd.gradcheck`` / ``gradgradcheck``: autograd's gradients against central
finite differences, with torch's arguments, tolerances and failure messages.

The numerical Jacobian of output ``o`` with respect to input ``i`` (one row per input element,
one column per output element) is ``(f(x + eps) - f(x - eps)) / (2 eps)``, element by element;
the analytical one is autograd's, one backward per output element. They agree when
``|analytical - numerical| <= atol + rtol * |numerical|`` everywhere. ``fast_mode=True`` is
accepted and checks the same full Jacobians.

>>> import compat as torch
>>> x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
>>> torch.autograd.gradcheck(torch.sin, (x,))
True
"""
from __future__ import annotations

import warnings

import jax.numpy as jnp

from ..dtypes import complex128, float64
from ..random import rand
from ..tensors import Tensor
from . import grad_mode
from .engine import run_backward

__all__ = ["gradcheck", "gradgradcheck", "GradcheckError"]


class GradcheckError(RuntimeError):
    """A gradient check failed (torch.autograd.gradcheck.GradcheckError)."""

    __module__ = "torch.autograd.gradcheck"


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _differentiable(outputs):
    return [o for o in outputs if isinstance(o, Tensor) and o.requires_grad]


_DOUBLE = (float64, complex128)  # finite differences in these are trustworthy


def _check_inputs(inputs):
    tensors = [t for t in inputs if isinstance(t, Tensor)]
    if not any(t.requires_grad for t in tensors):
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but "
                         "none of them have requires_grad=True.")
    for i, t in enumerate(inputs):
        if isinstance(t, Tensor) and t.requires_grad and t.dtype not in _DOUBLE:
            warnings.warn(f"Input #{i} requires gradient and is not a double precision floating "
                          "point or complex. This check will likely fail if all the inputs are "
                          "not of double precision floating point or complex. ", stacklevel=3)


def _numerical(func, inputs, index, positions, eps):
    """Per differentiable output (``positions`` among func's outputs), the (input numel,
    output numel) finite-difference Jacobian with respect to ``inputs[index]``."""
    base = inputs[index].detach()
    flat = jnp.ravel(base._value)
    columns = [[] for _ in positions]
    for k in range(flat.size):
        values = []
        for sign in (1, -1):
            args = list(inputs)
            # The moved input still requires grad: func may differentiate through it itself
            # (gradgradcheck's function does).
            args[index] = Tensor._make(flat.at[k].add(sign * eps).reshape(base._value.shape),
                                       requires_grad=True)
            outs = _as_tuple(func(*args))
            values.append([jnp.ravel(outs[p]._value) for p in positions])
        for column, plus, minus in zip(columns, *values):
            column.append((plus - minus) / (2 * eps))
    return [jnp.stack(c) for c in columns]


def _analytical(outputs, inputs, index):
    """Per differentiable output, autograd's (input numel, output numel) Jacobian with
    respect to ``inputs[index]``."""
    target = inputs[index]
    jacobians = []
    for out in outputs:
        flat = jnp.ravel(out._value)
        cols = []
        for j in range(flat.size):
            seed = Tensor._make(jnp.zeros_like(flat).at[j].set(1).reshape(out._value.shape))
            g, = run_backward([out], [seed], retain_graph=True, create_graph=False,
                              inputs=[target], accumulate=False)
            cols.append(jnp.zeros(target.numel(), target._value.dtype) if g is None
                        else jnp.ravel(g._value))
        jacobians.append(jnp.stack(cols, axis=1) if cols else
                         jnp.zeros((target.numel(), 0), target._value.dtype))
    return jacobians


def _forward_analytical(func, inputs, index, positions):
    """Per differentiable output, forward mode's (input numel, output numel) Jacobian with
    respect to ``inputs[index]``: one tangent per input element, as torch builds it."""
    from . import forward_ad  # lazy: forward_ad reaches back into the autograd package
    base = inputs[index].detach()
    rows = [[] for _ in positions]
    with forward_ad.dual_level():
        for k in range(base.numel()):
            tangent = Tensor._make(jnp.zeros(base.numel(), base._value.dtype).at[k].set(1)
                                   .reshape(base._value.shape))
            args = list(inputs)
            args[index] = forward_ad.make_dual(base, tangent)
            outs = _as_tuple(func(*args))
            for row, p in zip(rows, positions):
                t = forward_ad.unpack_dual(outs[p]).tangent
                row.append(jnp.zeros(outs[p].numel(), outs[p]._value.dtype) if t is None
                           else jnp.ravel(t._value))
    return [jnp.stack(r) if r else jnp.zeros((0, outs[p].numel())) for r in rows]


def _mismatch(analytical, numerical, o, i, atol, rtol, forward):
    if bool(jnp.all(jnp.abs(analytical - numerical) <= atol + rtol * jnp.abs(numerical))):
        return None
    mode = "computed with forward mode " if forward else ""
    return (f"Jacobian {mode}mismatch for output {o} with respect to input {i},\n"
            f"numerical:{Tensor._make(numerical)!r}\nanalytical:{Tensor._make(analytical)!r}\n")


def gradcheck(func, inputs, *, eps=1e-06, atol=1e-05, rtol=0.001, raise_exception=True,
              nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False,
              check_batched_grad=False, check_batched_forward_grad=False, check_forward_ad=False,
              check_backward_ad=True, fast_mode=False, masked=None):
    """Check autograd's gradients of ``func`` at ``inputs`` against finite differences
    (reverse mode, and forward mode with ``check_forward_ad``); True, or torch's
    ``GradcheckError`` (False with ``raise_exception=False``)."""
    if not (check_forward_ad or check_backward_ad):
        raise AssertionError("Expected at least one of check_forward_ad or check_backward_ad "
                             "to be True")
    if check_batched_grad and not check_backward_ad:
        raise AssertionError("Setting check_batched_grad=True requires check_backward_ad to be "
                             "True")
    if check_batched_forward_grad and not check_forward_ad:
        raise AssertionError("Setting check_batched_forward_grad=True requires check_forward_ad "
                             "to be True")
    inputs = _as_tuple(inputs)
    _check_inputs(inputs)
    every = _as_tuple(func(*inputs))
    positions = [p for p, o in enumerate(every) if isinstance(o, Tensor) and o.requires_grad]
    outputs = [every[p] for p in positions]
    checked = [i for i, t in enumerate(inputs)
               if isinstance(t, Tensor) and t.requires_grad and t.numel() > 0]
    numerical = {i: _numerical(func, inputs, i, positions, eps) for i in checked}
    # torch checks reverse mode for every input, then forward mode: the first failure is
    # the one it reports
    modes = [m for m, on in ((False, check_backward_ad), (True, check_forward_ad)) if on]
    for forward in modes:
        for i in checked:
            analytical = (_forward_analytical(func, inputs, i, positions) if forward
                          else _analytical(outputs, inputs, i))
            for o, (n, a) in enumerate(zip(numerical[i], analytical)):
                message = _mismatch(a, n, o, i, atol, rtol, forward)
                if message is not None:
                    if not raise_exception:
                        return False
                    raise GradcheckError(message)
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-06, atol=1e-05, rtol=0.001,
                  gen_non_contig_grad_outputs=False, raise_exception=True, nondet_tol=0.0,
                  check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
                  check_fwd_over_rev=False, check_rev_over_rev=True, fast_mode=False,
                  masked=False):
    """Check the second derivatives of ``func``: gradcheck of its vector-Jacobian product
    (``grad_outputs`` random in [-1, 1) when not given) with respect to the inputs and the
    ``grad_outputs``.

    >>> import compat as torch
    >>> x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    >>> torch.autograd.gradgradcheck(lambda a: a.sin() * a, (x,))
    True
    """
    inputs = _as_tuple(inputs)
    outputs = _differentiable(_as_tuple(func(*inputs)))
    if grad_outputs is None:
        grad_outputs = tuple((rand(o.shape, dtype=o.dtype) * 2 - 1).requires_grad_()
                             for o in outputs)
    grad_outputs = _as_tuple(grad_outputs)
    n_inputs = len(inputs)
    diff = [i for i, t in enumerate(inputs) if isinstance(t, Tensor) and t.requires_grad]

    def vjp(*values):
        ins, gos = values[:n_inputs], values[n_inputs:]
        outs = _differentiable(_as_tuple(func(*ins)))
        grads = run_backward(outs, list(gos), retain_graph=True, create_graph=True,
                             inputs=[ins[i] for i in diff], accumulate=False)
        return tuple(g for g in grads if g is not None)
    return gradcheck(vjp, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception, fast_mode=fast_mode)

