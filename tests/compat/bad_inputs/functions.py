"""Custom ``autograd.Function`` classes for the programs, built the same way in torch and compat.

Each program needs its own small subclass of ``lib.autograd.Function``; these builders write the
class statement once. The class keeps the name given (torch's messages and node names, such as
``MyFnBackward``, show it).
"""
from __future__ import annotations

import types

__all__ = ["function_class", "saving_function"]


def function_class(lib, name, forward, backward=None):
    """``class name(lib.autograd.Function)`` with ``forward`` and ``backward`` (each taking
    ``ctx`` first) as its static methods; without ``backward`` it defines only ``forward``."""
    methods = {"forward": forward} if backward is None else {"forward": forward,
                                                              "backward": backward}

    def body(namespace):
        namespace.update({key: staticmethod(fn) for key, fn in methods.items()})
        namespace["__module__"] = forward.__module__
        namespace["__qualname__"] = name
    return types.new_class(name, (lib.autograd.Function,), exec_body=body)


def saving_function(lib, name, value, gradient, once=False):
    """A one-input Function ``name(a) = value(a)`` that saves ``a`` for its backward, which
    returns ``gradient(grad, a)``; ``once``: that backward is ``once_differentiable``."""
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return value(a)

    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return gradient(grad, a)
    if once:
        backward = lib.autograd.function.once_differentiable(backward)
    return function_class(lib, name, forward, backward)
