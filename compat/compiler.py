"""``torch.compile``: a whole call — forward, ``backward()`` and ``optimizer.step()`` — runs as
one XLA program.

A compiled function runs its Python as written, with lazy fusion's natural boundaries held
(``backward()`` does not cut the program), so everything it computes is recorded and runs as
one jitted program when the call returns. The program is cached by what was recorded (ops,
static values, shapes, dtypes, which values feed which), so a training step compiles on its
second call and later calls replay that program; a new shape, dtype or control-flow path
records, and compiles, another. Python numbers (a scheduler's learning rate) are inputs of the
program, not part of its key. A value needed on the host inside the call (``.item()``,
printing, data-dependent ``if``) cuts the program there, as a graph break does in torch, and
the result is the same.

>>> import compat as torch
>>> w = torch.ones(3, requires_grad=True)
>>> opt = torch.optim.SGD([w], lr=0.5)
>>> @torch.compile
... def step(x):
...     opt.zero_grad()
...     loss = (w * x).sum()
...     loss.backward()
...     opt.step()
...     return loss
>>> step(torch.tensor([1., 2., 3.]))
tensor(6., grad_fn=<SumBackward0>)
>>> w
tensor([ 0.5000,  0.0000, -0.5000], requires_grad=True)
"""
from __future__ import annotations

import functools

from . import lazy
from .nn.modules.module import Module

__all__ = ["compile", "OptimizedModule"]

_MODES = ("default", "lite", "reduce-overhead", "max-autotune-no-cudagraphs", "max-autotune")


def _held(fn):
    """``fn`` with each call run as one program."""
    @functools.wraps(fn)
    def compiled(*args, **kwargs):
        with lazy.held():
            return fn(*args, **kwargs)
    compiled._torchdynamo_orig_callable = fn
    return compiled


class OptimizedModule(Module):
    """The module ``torch.compile(module)`` returns: ``_orig_mod`` is the module, its forward
    runs as one program, and its attributes read through to the module, as torch's.

    >>> import compat as torch
    >>> torch.compile(torch.nn.Linear(2, 1))
    OptimizedModule(
      (_orig_mod): Linear(in_features=2, out_features=1, bias=True)
    )
    """

    __module__ = "torch._dynamo.eval_frame"

    def __init__(self, mod):
        super().__init__()
        self._orig_mod = mod
        self._compiled_call = _held(mod.__call__)

    def forward(self, *args, **kwargs):
        return self._compiled_call(*args, **kwargs)

    def __getattr__(self, name):
        try:
            return super().__getattr__(name)
        except AttributeError:
            return getattr(super().__getattr__("_orig_mod"), name)


def compile(model=None, *, fullgraph: bool = False, dynamic=None, backend=None, mode=None,
            options=None, name=None, disable: bool = False, recompile_limit=None,
            isolate_recompiles: bool = False, shapes_spec=None):
    """``torch.compile(model_or_fn, ...)``: each call of the result runs as one XLA program
    (see the module docstring). Used bare, with arguments (``@torch.compile(mode=...)``) or on
    an ``nn.Module``; ``fullgraph``, ``dynamic``, ``backend`` and the rest are accepted (one
    program per call is what every backend and mode gives here).

    >>> import compat as torch
    >>> torch.compile(lambda x: x * 2)(torch.ones(2))
    tensor([2., 2.])
    """
    if mode is not None and options is not None:
        raise RuntimeError("Either mode or options can be specified, but both can't be specified "
                           "at the same time.")
    if mode is not None and mode not in _MODES:
        raise RuntimeError(f"Unrecognized mode={mode}, should be one of: {', '.join(_MODES)}")
    if model is None:
        def decorate(fn):
            return compile(fn, fullgraph=fullgraph, dynamic=dynamic, backend=backend, mode=mode,
                           options=options, name=name, disable=disable)
        return decorate
    if not callable(model):
        raise AssertionError(f"A callable function is expected, but {type(model)} is provided.")
    if disable:
        return model
    if isinstance(model, Module):
        return OptimizedModule(model)
    return _held(model)
