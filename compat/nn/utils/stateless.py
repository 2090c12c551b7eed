"""Calling a module with other tensors in place of its parameters and buffers, as
``torch.func.functional_call`` does (and ``torch.nn.utils.stateless.functional_call``, its
deprecated spelling).

Tied tensors (one tensor under several names, such as a GPT's shared embedding and output
weight) stay tied: a value given for one name is used for all of them, unless
``tie_weights=False``. Names the module does not have are set as attributes meanwhile.

>>> import compat as torch
>>> net = torch.nn.Sequential(torch.nn.Linear(2, 2, bias=False), torch.nn.Linear(2, 2, bias=False))
>>> net[1].weight = net[0].weight                       # tied
>>> with reparametrized(net, {"0.weight": torch.eye(2)}):
...     net(torch.ones(1, 2))                           # both layers use the identity
tensor([[1., 1.]])
"""
from __future__ import annotations

import contextlib
import warnings

from ...tensors import Tensor

__all__ = ["functional_call"]

_MISSING = object()  # a name the module did not have before the call


def _tied_names(module):
    """{name: every name of the same tensor} for the module's tensors held under several names."""
    names_of = {}
    for name, tensor in [*module.named_parameters(remove_duplicate=False),
                         *module.named_buffers(remove_duplicate=False)]:
        names_of.setdefault(id(tensor), set()).add(name)
    return {name: names for names in names_of.values() if len(names) > 1 for name in names}


def _untied(module, tensors):
    """``tensors`` with each value given for a tied name set under all its names."""
    tied = _tied_names(module)
    given = [name for name in tensors if name in tied]
    for name in given:
        names = tied[name]
        if len(names.intersection(given)) > 1 and \
                len({id(tensors[n]) for n in names if n in tensors}) != 1:
            raise ValueError(f"functional_call got multiple values for keys {sorted(names)}, "
                             f"which are tied. Consider using tie_weights=False")
    out = dict(tensors)
    for name in given:
        for other in tied[name]:
            out[other] = tensors[name]
    return out


def _check_keys(module, tensors):
    valid = {name for name, _ in [*module.named_parameters(remove_duplicate=False),
                                  *module.named_buffers(remove_duplicate=False)]}
    missing, unexpected = sorted(valid - set(tensors)), sorted(set(tensors) - valid)
    errors = []
    if unexpected:
        errors.append(f"Unexpected key(s): {', '.join(map(repr, unexpected))}.")
    if missing:
        errors.append(f"Missing key(s): {', '.join(map(repr, missing))}.")
    if errors:
        raise RuntimeError("Error(s) in reparametrizing for {}:\n\t{}".format(
            module._get_name(), "\n\t".join(errors)))


def _swap(module, name, value):
    """Put ``value`` under ``name`` (a dotted path) and return what was there."""
    prefix, _, leaf = name.rpartition(".")
    owner = module.get_submodule(prefix) if prefix else module
    if value is not _MISSING and value is not None and not isinstance(value, Tensor):
        raise TypeError(f"{value} is not an instance of torch.Tensor")
    for table in (owner._parameters, owner._buffers):
        if leaf in table:
            before = table[leaf]
            if value is _MISSING:
                del table[leaf]
            else:
                table[leaf] = value
            return before
    before = getattr(owner, leaf, _MISSING)
    if before is not _MISSING and before is not None and not isinstance(before, Tensor):
        raise TypeError(f"attribute `{leaf}`: {before} is not an instance of torch.Tensor")
    if value is not _MISSING:
        setattr(owner, leaf, value)
    elif hasattr(owner, leaf):
        delattr(owner, leaf)
    return before


@contextlib.contextmanager
def reparametrized(module, tensors, tie_weights=True, strict=False):
    """``module`` with the named tensors in place of its own until the block ends; then, as
    torch does, ``tensors`` gets what the module holds under its names at that point (a
    tensor the call assigned anew)."""
    given = tensors
    tensors = _untied(module, given) if tie_weights else dict(given)
    if strict:
        _check_keys(module, tensors)
    before = {}
    try:
        for name, value in tensors.items():
            before[name] = _swap(module, name, value)
        yield
    finally:
        after = {name: _swap(module, name, value) for name, value in reversed(before.items())}
        given.update({name: after[name] for name in given if name in after})


def functional_call(module, parameters_and_buffers, args=None, kwargs=None, *,
                    tie_weights=True, strict=False):
    """``torch.nn.utils.stateless.functional_call``: ``torch.func.functional_call`` with one
    dictionary, and torch's deprecation warning.

    >>> import compat as torch, warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     functional_call(torch.nn.Linear(1, 1), {"weight": torch.ones(1, 1),
    ...                                              "bias": torch.zeros(1)}, torch.ones(1))
    tensor([1.])
    """
    warnings.warn("`torch.nn.utils.stateless.functional_call` is deprecated as of PyTorch 2.0 "
                  "and will be removed in a future version of PyTorch. Please use "
                  "`torch.func.functional_call` instead which is a drop-in replacement.",
                  FutureWarning, stacklevel=2)
    return call_with(module, parameters_and_buffers, args, kwargs, tie_weights, strict)


def call_with(module, tensors, args, kwargs, tie_weights, strict):
    """``module(*args, **kwargs)`` with ``tensors`` in place of its own."""
    if args is None:
        args = ()
    elif not isinstance(args, tuple):
        args = (args,)
    with reparametrized(module, tensors, tie_weights, strict):
        return module(*args, **(kwargs or {}))
