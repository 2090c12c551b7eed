"""``torch.autograd``: backward, grad, Function, functional, grad modes.

>>> import compat as torch
>>> x = torch.tensor(2.0, requires_grad=True)
>>> (g,) = torch.autograd.grad(x ** 3, x, create_graph=True)
>>> torch.autograd.grad(g, x)
(tensor(12.),)
"""
from __future__ import annotations

import warnings
from collections.abc import Mapping

from . import forward_ad, functional, graph, profiler  # noqa: F401
from ..creation import zeros_like
from ..ops.functions import stack
from ..tensors import Tensor
from .engine import accumulate_grad, run_backward
from .function import Function, FunctionCtx, once_differentiable  # noqa: F401
from .gradcheck import gradcheck, gradgradcheck  # noqa: F401
from .anomaly_mode import (detect_anomaly, is_anomaly_check_nan_enabled,  # noqa: F401
                           is_anomaly_enabled, set_detect_anomaly)
from .grad_mode import (enable_grad, inference_mode, is_grad_enabled,  # noqa: F401
                        is_inference_mode_enabled, no_grad, set_grad_enabled)


def _sequence(x):
    """torch's reading of a "tensor or tensors" argument: a Tensor is one, anything else is
    iterated (so a float raises ``'float' object is not iterable``, as in torch)."""
    return (x,) if isinstance(x, Tensor) else tuple(x)


def _grads_for(outputs, grads):
    """One gradient (or None) per output; torch's checks on what the caller passed."""
    grads = (None,) * len(outputs) if grads is None else _sequence(grads)
    for out, _ in zip(outputs, grads):
        if not isinstance(out, Tensor):
            raise AssertionError("Expected output to be a torch.Tensor")
    if len(grads) < len(outputs):
        raise RuntimeError(f"got {len(outputs)} tensors and {len(grads)} gradients")
    return grads[:len(outputs)]


def _inputs_tuple(inputs, fn_name):
    """``inputs`` of backward/grad as a tuple of tensors (a dict gives its values)."""
    if type(inputs) is dict:
        inputs = tuple(inputs.values())
    elif isinstance(inputs, Mapping):
        raise TypeError(f"`inputs` argument to `{fn_name}()` must be a dict, not "
                        f"{type(inputs).__name__}. Other Mapping types are not supported.")
    else:
        inputs = _sequence(inputs)
    if not inputs:
        raise RuntimeError(f"`inputs` argument to `{fn_name}()` cannot be empty.")
    for t in inputs:
        if not isinstance(t, Tensor):
            raise RuntimeError("all inputs have to be Tensors or GradientEdges, but got "
                               f"{type(t).__name__}")
    return inputs


_WARNED_CREATE_GRAPH: list = []  # [True] once the create_graph warning was given
_CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter "
    "and its gradient which can cause a memory leak. We recommend using autograd.grad when "
    "creating the graph to avoid this. If you have to use this function, make sure to reset the "
    ".grad fields of your parameters to None after use to break the cycle and avoid the leak. "
    "(Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)")


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None,
             inputs=None):
    """Accumulate gradients of ``tensors`` into the leaves (``torch.autograd.backward``).

    >>> import compat as torch
    >>> x = torch.tensor([1., 2.], requires_grad=True)
    >>> torch.autograd.backward(x * 3, torch.ones(2)); x.grad
    tensor([3., 3.])
    """
    if inputs is not None:
        inputs = _inputs_tuple(inputs, "backward")
    tensors = _sequence(tensors)
    grads = _grads_for(tensors, grad_tensors)
    if retain_graph is None:
        retain_graph = create_graph
    if create_graph and not _WARNED_CREATE_GRAPH:
        _WARNED_CREATE_GRAPH.append(True)  # torch warns once a process (TORCH_WARN_ONCE)
        warnings.warn(_CREATE_GRAPH_WARNING, UserWarning, stacklevel=3)
    if inputs is not None:
        for t in inputs:
            if not t.requires_grad:
                # torch's engine retains the gradient of each input, and refuses as retain_grad does.
                t.retain_grad()
        captured = run_backward(tensors, grads, retain_graph, create_graph, inputs=inputs,
                                accumulate=False)
        for t, g in zip(inputs, captured):
            if g is not None:
                accumulate_grad(t, g if create_graph else g._data, create_graph)
        return
    run_backward(tensors, grads, retain_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """Gradients of ``outputs`` w.r.t. ``inputs``, returned rather than accumulated.

    >>> import compat as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> torch.autograd.grad(x * x, x)
    (tensor(6.),)
    """
    if materialize_grads and allow_unused is False:
        raise ValueError("Expected allow_unused to be True or not passed when "
                         "materialize_grads=True, but got: allow_unused=False.")
    if allow_unused is None:
        allow_unused = materialize_grads
    outputs = _sequence(outputs)
    named = inputs if type(inputs) is dict else None
    inputs = _inputs_tuple(inputs, "grad")
    grads = _grads_for(outputs, grad_outputs)
    if retain_graph is None:
        retain_graph = create_graph
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    if is_grads_batched:
        result = _batched_backward(outputs, grads, retain_graph, create_graph, inputs)
    else:
        result = run_backward(outputs, grads, retain_graph, create_graph, inputs=inputs,
                              accumulate=False)
    out = []
    for index, (t, g) in enumerate(zip(inputs, result)):
        if g is None:
            if not allow_unused:
                raise RuntimeError(f"The differentiated Tensor at index {index} appears to not have "
                                   "been used in the graph. Set allow_unused=True if this is the "
                                   "desired behavior.")
            if materialize_grads:
                g = zeros_like(t)
        out.append(g)
    return dict(zip(named, out)) if named is not None else tuple(out)


def _batched_backward(outputs, grads, retain_graph, create_graph, inputs):
    """``is_grads_batched``: the first dim of each grad_output indexes independent backward
    passes (torch vmaps one); the gradients come back stacked along it."""
    _check_batched(outputs, grads)
    batch = grads[0].shape[0]
    passes = [run_backward(outputs, tuple(g[b] for g in grads), retain_graph or b < batch - 1,
                           create_graph, inputs=inputs, accumulate=False)
              for b in range(batch)]
    return [None if all(p[k] is None for p in passes) else
            stack([zeros_like(t) if p[k] is None else p[k] for p in passes])
            for k, t in enumerate(inputs)]


def _check_batched(outputs, grads):
    for i, (out, g) in enumerate(zip(outputs, grads)):
        if g is None or g.dim() == 0:
            raise ValueError("vmap(vjp, in_dims=0, ...)(<inputs>): Got in_dim=0 for some input, "
                             "but that input is a Tensor of dimensionality 0 so expected in_dim to "
                             "satisfy 0 <= in_dim < 0.")
        if tuple(g.shape[1:]) != tuple(out.shape):
            # torch reports the shape of grad_output[i][0] without its first dim.
            raise RuntimeError(
                "If `is_grads_batched=True`, we interpret the first dimension of each grad_output "
                "as the batch dimension. The sizes of the remaining dimensions are expected to "
                f"match the shape of corresponding output, but a mismatch was detected: "
                f"grad_output[{i}] has a shape of {g.shape[2:]} and output[{i}] has a shape of "
                f"{out.shape}. If you only want some tensors in `grad_output` to be considered "
                "batched, consider using vmap.")
    sizes = [g.shape[0] for g in grads]
    if len(set(sizes)) > 1:
        raise ValueError("vmap: Expected all tensors to have the same size in the mapped "
                         f"dimension, got sizes {sizes} for the mapped dimension")


class Variable:
    """The pre-0.4 wrapper: ``Variable(t)`` is ``t`` itself."""

    def __new__(cls, data, requires_grad=False):
        if requires_grad:
            data.requires_grad_(True)
        return data
