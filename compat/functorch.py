"""``functorch``: the transforms' former home. Each function is ``torch.func``'s, with torch's
``FutureWarning`` that it moved; ``make_functional``, ``make_functional_with_buffers`` and
``combine_state_for_ensemble`` turn modules into functions of their parameters (and buffers).

>>> import compat as torch, warnings
>>> from compat import functorch
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     func, params = functorch.make_functional(torch.nn.Linear(2, 1))
...     func([torch.ones(1, 2), torch.zeros(1)], torch.ones(2))
tensor([2.])
"""
from __future__ import annotations

import copy
import warnings

from . import func as _func
from .nn.modules.module import Module
from .nn.utils import stateless
from .ops.table import FUNCTIONS

__all__ = ["vmap", "grad", "grad_and_value", "vjp", "jvp", "jacrev", "jacfwd", "hessian",
           "make_functional", "make_functional_with_buffers", "combine_state_for_ensemble",
           "FunctionalModule", "FunctionalModuleWithBuffers"]


def _warn_moved(api, new_api=None):
    new_api = new_api or f"torch.func.{api}"
    warnings.warn(f"We've integrated functorch into PyTorch. As the final step of the "
                  f"integration, `functorch.{api}` is deprecated as of PyTorch 2.0 and will be "
                  f"deleted in a future version of PyTorch >= 2.3. Please use `{new_api}` "
                  f"instead; see the PyTorch 2.0 release notes and/or the `torch.func` "
                  f"migration guide for more details "
                  f"https://pytorch.org/docs/main/func.migrating.html", FutureWarning,
                  stacklevel=3)


def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    _warn_moved("vmap", "torch.vmap")
    return _func.vmap(func, in_dims, out_dims, randomness, chunk_size=chunk_size)


def grad(func, argnums=0, has_aux=False):
    _warn_moved("grad")
    return _func.grad(func, argnums, has_aux)


def grad_and_value(func, argnums=0, has_aux=False):
    _warn_moved("grad_and_value")
    return _func.grad_and_value(func, argnums, has_aux)


def vjp(func, *primals, has_aux=False):
    _warn_moved("vjp")
    return _func.vjp(func, *primals, has_aux=has_aux)


def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    _warn_moved("jvp")
    return _func.jvp(func, primals, tangents, strict=strict, has_aux=has_aux)


def jacrev(func, argnums=0, *, has_aux=False, chunk_size=None, _preallocate_and_copy=False):
    _warn_moved("jacrev")
    return _func.jacrev(func, argnums, has_aux=has_aux, chunk_size=chunk_size)


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    _warn_moved("jacfwd")
    return _func.jacfwd(func, argnums, has_aux, randomness=randomness)


def hessian(func, argnums=0):
    _warn_moved("hessian")
    return _func.hessian(func, argnums)


# --------------------------------------------------------------------------- modules as functions
def _names_map(module, named):
    """(unique tensors, their first names, {first name: every name of that tensor})."""
    first, every = {}, {}
    for name, tensor in named(module, False):
        key = id(tensor)
        if key not in first:
            first[key] = (name, tensor)
        every.setdefault(first[key][0], []).append(name)
    names = tuple(name for name, _ in first.values())
    return tuple(t for _, t in first.values()), names, every


def _parameters(module, remove_duplicate):
    return module.named_parameters(remove_duplicate=remove_duplicate)


def _buffers(module, remove_duplicate):
    return module.named_buffers(remove_duplicate=remove_duplicate)


class FunctionalModule(Module):
    """What :func:`make_functional` returns: ``func(params, *args)`` runs a copy of the module
    with ``params`` (in the order of its parameters) in place of its own."""

    def __init__(self, stateless_model, param_names, names_map):
        super().__init__()
        self.stateless_model = stateless_model
        self.param_names = param_names
        self.names_map = names_map

    def forward(self, params, *args, **kwargs):
        return _call(self.stateless_model, self.names_map, tuple(params), args, kwargs)


class FunctionalModuleWithBuffers(Module):
    """What :func:`make_functional_with_buffers` returns: ``func(params, buffers, *args)``."""

    def __init__(self, stateless_model, param_names, buffer_names, param_names_map,
                 buffer_names_map):
        super().__init__()
        self.stateless_model = stateless_model
        self.param_names = param_names
        self.buffer_names = buffer_names
        self.all_names_map = dict(param_names_map)
        self.all_names_map.update(buffer_names_map)

    def forward(self, params, buffers, *args, **kwargs):
        return _call(self.stateless_model, self.all_names_map, tuple(params) + tuple(buffers),
                     args, kwargs)


def _call(model, names_map, values, args, kwargs):
    tensors = {name: value for names, value in zip(names_map.values(), values) for name in names}
    with stateless.reparametrized(model, tensors, tie_weights=False):
        return model(*args, **kwargs)


def _functional(model, disable_autograd_tracking, with_buffers):
    copied = copy.deepcopy(model)
    params, param_names, param_map = _names_map(copied, _parameters)
    if disable_autograd_tracking:
        for p in params:
            p.requires_grad_(False)
    if not with_buffers:
        return FunctionalModule(copied, param_names, param_map), params
    buffers, buffer_names, buffer_map = _names_map(copied, _buffers)
    return (FunctionalModuleWithBuffers(copied, param_names, buffer_names, param_map,
                                        buffer_map), params, buffers)


def make_functional(model, disable_autograd_tracking=False):
    """``functorch.make_functional(model)`` → ``(func, params)``: ``func(params, *args)`` is the
    model as a function of its parameters (a module with buffers needs
    :func:`make_functional_with_buffers`)."""
    _warn_moved("make_functional", "torch.func.functional_call")
    if len(list(model.buffers())) > 0:
        raise RuntimeError("make_functional(model): `model` has buffers. Please use "
                           "make_functional_with_buffers(model) instead.")
    return _functional(model, disable_autograd_tracking, with_buffers=False)


def make_functional_with_buffers(model, disable_autograd_tracking=False):
    """``functorch.make_functional_with_buffers(model)`` → ``(func, params, buffers)``."""
    _warn_moved("make_functional_with_buffers", "torch.func.functional_call")
    return _functional(model, disable_autograd_tracking, with_buffers=True)


def combine_state_for_ensemble(models):
    """``functorch.combine_state_for_ensemble(models)`` → ``(func, params, buffers)``: each
    parameter and buffer of the models stacked along a new first dimension (detached), and
    the first model as a function of them, for ``vmap`` over the ensemble."""
    _warn_moved("combine_state_for_ensemble", "torch.func.stack_module_state")
    _func._same_models(models, "combine_state_for_ensemble")
    parts = [_functional(m, False, with_buffers=True) for m in models]
    stack = FUNCTIONS["stack"]
    params = tuple(stack(list(shards)).detach() for shards in zip(*(p[1] for p in parts)))
    buffers = tuple(stack(list(shards)).detach() for shards in zip(*(p[2] for p in parts)))
    return parts[0][0], params, buffers
