"""``torch.nn.utils``: gradient clipping, parameter/vector conversion and, in ``rnn``, padded
and packed sequences.

>>> import compat as torch
>>> w = torch.nn.Parameter(torch.tensor([3., 4.]))
>>> (w * w).sum().backward()                  # grad = [6, 8], norm 10
>>> torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)
tensor(10.)
>>> w.grad
tensor([0.6000, 0.8000])
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from jaxgrad import tree

from ...ops.functions import cat
from ...tensors import Tensor
from . import rnn, stateless  # noqa: F401


def _grads(parameters):
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p for p in parameters if p.grad is not None]


_clip_by_global_norm = jax.jit(tree.clip_by_global_norm, static_argnums=2)


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """Scale the gradients in place so that their joint ``norm_type``-norm is at most
    ``max_norm``; returns the norm before clipping."""
    params = _grads(parameters)
    if not params:
        return Tensor._make(jnp.zeros((), jnp.float32))
    norm_type = float(norm_type)
    total, new = _clip_by_global_norm([p.grad._value for p in params], float(max_norm), norm_type)
    if error_if_nonfinite and not bool(jnp.isfinite(total)):
        raise RuntimeError(f"The total norm of order {norm_type} for gradients from "
                           "`parameters` is non-finite, so it cannot be clipped. To disable this "
                           "error and scale the gradients by the non-finite norm anyway, set "
                           "`error_if_nonfinite=False`")
    for p, g in zip(params, new):
        p.grad._set_data(g)
    return Tensor._make(total)


def clip_grad_value_(parameters, clip_value, foreach=None):
    """Clamp every gradient in place to ``[-clip_value, clip_value]``."""
    clip_value = float(clip_value)
    for p in _grads(parameters):
        p.grad._set_data(jnp.clip(p.grad._value, -clip_value, clip_value))


def parameters_to_vector(parameters):
    """All parameters flattened into one vector."""
    device, flat = None, []
    for p in parameters:
        device = _same_device(p, device)
        flat.append(p.view(-1))
    return cat(flat)


def vector_to_parameters(vec, parameters):
    """Copy consecutive slices of ``vec`` into the parameters (in place); each parameter
    takes the slice's values and dtype, as torch's ``param.data = …``."""
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {_typename(vec)}")
    device, offset = None, 0
    for p in parameters:
        device = _same_device(p, device)
        n = p.numel()
        p.data = vec[offset:offset + n].view_as(p).data
        offset += n


def _same_device(param, device):
    """The device of the parameters so far; torch's error for a parameter on another one."""
    if device is None:
        return param.device
    if param.device != device:
        raise TypeError("Found two parameters on different devices, this is currently not "
                        "supported.")
    return device


def _typename(obj) -> str:
    from ..modules.module import _typename as typename  # lazy: nn imports this before its modules
    return typename(obj)
