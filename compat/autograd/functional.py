"""``torch.autograd.functional``: jacobian, hessian, vjp, jvp, hvp, vhp.

Built on the engine (``autograd.grad``), so they accept any function of compat tensors. Inputs,
outputs and ``v`` are checked as torch checks them, in the same order and words.

>>> import compat as torch
>>> torch.autograd.functional.jacobian(lambda x: x ** 2, torch.tensor([1., 2.]))
tensor([[2., 0.],
        [0., 4.]])
"""
from __future__ import annotations

from ..creation import zeros_like
from ..ops.functions import stack
from ..tensors import Tensor
from . import grad_mode

_STRATEGIES = ("forward-mode", "reverse-mode")
_OUTPUTS = "outputs of the user-provided function"


# --------------------------------------------------------------------------- arguments
def _tensors(value, arg_name, fn_name):
    """``(was_tuple, tensors)``: ``value`` as a tuple of tensors, or torch's TypeError.

    Only a tuple counts as several tensors; a list is one (wrong) value, as in torch."""
    was_tuple = isinstance(value, tuple)
    items = value if was_tuple else (value,)
    for i, item in enumerate(items):
        if not isinstance(item, Tensor):
            where = f"value at index {i}" if was_tuple else f"given {arg_name}"
            raise TypeError(f"The {arg_name} given to {fn_name} must be either a Tensor or a tuple "
                            f"of Tensors but the {where} has type {type(item)}.")
    return was_tuple, items


def _unpack(result, was_tuple):
    return result if was_tuple else result[0]


def _unpack2(result, outer_was_tuple, inner_was_tuple):
    """Undo two levels of tupling (outputs × inputs, as jacobian returns them)."""
    if not inner_was_tuple:
        result = tuple(row[0] for row in result)
    return result if outer_was_tuple else result[0]


def _validate_v(v, like, like_was_tuple):
    if len(v) != len(like):
        if like_was_tuple:
            raise RuntimeError(f"v is a tuple of invalid length: should be {len(like)} but got "
                               f"{len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for i, (vi, li) in enumerate(zip(v, like)):
        if vi.shape != li.shape:
            entry = f"Entry {i} in " if like_was_tuple else ""
            raise RuntimeError(f"{entry}v has invalid size: should be {li.shape} but got "
                               f"{vi.shape}.")


def _v_or_none(v, like, like_was_tuple, fn_name, create_graph, none_message):
    """``v`` checked against ``like`` (the tensors it multiplies); None only where torch
    allows it: a single one-element tensor."""
    if v is None:
        if len(like) != 1 or like[0].numel() != 1:
            raise RuntimeError(none_message)
        return None
    _, v = _tensors(v, "v", fn_name)
    v = _prepare(v, create_graph, need_graph=False)
    _validate_v(v, like, like_was_tuple)
    return v


_V_NONE_FOR_OUTPUT = ("The vector v can only be None if the user-provided function returns a "
                      "single Tensor with a single element.")
_V_NONE_FOR_INPUT = ("The vector v can only be None if the input to the user-provided function "
                     "is a single Tensor with a single element.")


def _check_strict(tensors, kind, strict):
    """strict mode: every output (gradient, jacobian…) must depend on the inputs."""
    if not strict:
        return
    for i, t in enumerate(tensors):
        if t is None:
            raise RuntimeError(f"The output of the user-provided function is independent of input "
                               f"{i}. This is not allowed in strict mode.")
        if t.requires_grad:
            continue
        if kind == "hessian":
            raise RuntimeError(
                f"The hessian of the user-provided function with respect to input {i} is "
                "independent of the input. This is not allowed in strict mode. You should ensure "
                "that your function is thrice differentiable and that the hessian depends on the "
                "inputs.")
        if kind == "jacobian":
            raise RuntimeError(
                "While computing the hessian, found that the jacobian of the user-provided "
                f"function with respect to input {i} is independent of the input. This is not "
                "allowed in strict mode. You should ensure that your function is twice "
                "differentiable and that the jacobian depends on the inputs (this would be "
                "violated by a linear function for example).")
        if kind == "grad_inputs":
            raise RuntimeError(f"The gradient with respect to input {i} is independent of the "
                               "inputs of the user-provided function. This is not allowed in "
                               "strict mode.")
        raise RuntimeError(f"Output {i} of the user-provided function does not require gradients. "
                           "The outputs must be computed in a differentiable manner from the "
                           "input when running in strict mode.")


# --------------------------------------------------------------------------- gradients
def _prepare(inputs, create_graph, need_graph):
    """Fresh tensor objects for the inputs (so that the function's own captures of the same
    tensors are told apart), requiring grad where the computation needs it."""
    out = []
    for t in inputs:
        if create_graph and t.requires_grad:
            out.append(t.view_as(t))
        else:
            out.append(t.detach().requires_grad_(need_graph))
    return tuple(out)


def _grad(outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None):
    """``autograd.grad`` over the outputs that require grad (None for each input where none
    does)."""
    from . import grad as autograd_grad  # lazy: the package defines grad after importing this module
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o is not None and o.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    return autograd_grad([o for o, _ in pairs], inputs, [g for _, g in pairs],
                         retain_graph=retain_graph, create_graph=create_graph, allow_unused=True)


_STRICT_MISSING = {
    "back": "The output of the user-provided function is independent of input {i}. This is not "
            "allowed in strict mode.",
    "back_trick": "The gradient with respect to the input is independent of entry {i} in the "
                  "grad_outputs when using the double backward trick to compute forward mode "
                  "gradients. This is not allowed in strict mode.",
    "double_back": "The jacobian of the user-provided function is independent of input {i}. This "
                   "is not allowed in strict mode.",
    "double_back_trick": "The hessian of the user-provided function is independent of entry {i} "
                         "in the grad_jacobian. This is not allowed in strict mode as it prevents "
                         "from using the double backward trick to replace forward mode AD.",
}


def _zeros_for_missing(grads, like, strict, create_graph, stage):
    """Zeros where an input got no gradient (strict mode refuses that, as torch)."""
    out = []
    for i, g in enumerate(grads):
        if g is None:
            if strict:
                raise RuntimeError(_STRICT_MISSING[stage].format(i=i))
            g = zeros_like(like[i])
        elif strict and create_graph and not g.requires_grad:
            what = "hessian" if "double" in stage else "jacobian"
            raise RuntimeError(f"The {what} of the user-provided function is independent of input "
                               f"{i}. This is not allowed in strict mode when create_graph=True.")
        out.append(g)
    return tuple(out)


def _detached(tensors, create_graph):
    """Results without history unless ``create_graph`` (nested tuples too)."""
    if create_graph:
        return tensors
    return tuple(_detached(t, False) if isinstance(t, tuple) else t.detach() for t in tensors)


def _graph_inputs(inputs, fn_name, create_graph):
    """``(was_tuple, inputs)``: ``inputs`` checked for ``fn_name`` and made ready for the
    graph that vjp, jvp, hvp and vhp differentiate."""
    was_tuple, xs = _tensors(inputs, "inputs", fn_name)
    return was_tuple, _prepare(xs, create_graph, need_graph=True)


def _last_backward(outputs, inputs, v, like, strict, create_graph, stage):
    """The backward that gives vjp, jvp, hvp and vhp their product: ``v``ᵀ·∂outputs/∂inputs,
    zeros shaped like ``like`` where an input got none, with history only under
    ``create_graph`` or grad mode."""
    with grad_mode.set_grad_enabled(create_graph or grad_mode.is_grad_enabled()):
        grads = _grad(outputs, inputs, v, create_graph)
        return _zeros_for_missing(grads, like, strict, create_graph, stage)


def _results(outs, outs_were_tuple, product, product_was_tuple, create_graph):
    """``(func(inputs), product)``, each a tensor or a tuple as the caller gave it, detached
    unless ``create_graph``."""
    return (_unpack(_detached(outs, create_graph), outs_were_tuple),
            _unpack(_detached(product, create_graph), product_was_tuple))


def _call(func, xs, fn_name, strict):
    was_tuple, outs = _tensors(func(*xs), _OUTPUTS, fn_name)
    _check_strict(outs, "outputs", strict)
    return was_tuple, outs


def _single_tensor_output(outs_was_tuple, outs, fn_name):
    if outs_was_tuple:
        raise RuntimeError(f"The function given to {fn_name} should return a single Tensor")
    if outs[0].numel() != 1:
        raise RuntimeError(f"The Tensor returned by the function given to {fn_name} should "
                           "contain a single element")


# --------------------------------------------------------------------------- public API
def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), vᵀ·J)``.

    >>> import compat as torch
    >>> vjp(lambda x: x * 3, torch.tensor([1., 2.]), torch.tensor([1., 1.]))[1]
    tensor([3., 3.])
    """
    with grad_mode.enable_grad():
        in_was_tuple, xs = _graph_inputs(inputs, "vjp", create_graph)
        out_was_tuple, outs = _call(func, xs, "vjp", strict)
        v = _v_or_none(v, outs, out_was_tuple, "vjp", create_graph, _V_NONE_FOR_OUTPUT)
    grads = _last_backward(outs, xs, v, xs, strict, create_graph, "back")
    return _results(outs, out_was_tuple, grads, in_was_tuple, create_graph)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), J·v)``, by the double-backward trick as torch computes it.

    >>> import compat as torch
    >>> jvp(lambda x: x * 3, torch.tensor([1., 2.]), torch.tensor([1., 0.]))[1]
    tensor([3., 0.])
    """
    with grad_mode.enable_grad():
        in_was_tuple, xs = _graph_inputs(inputs, "jvp", create_graph)
        v = _v_or_none(v, xs, in_was_tuple, "jvp", create_graph, _V_NONE_FOR_INPUT)
        out_was_tuple, outs = _call(func, xs, "jvp", strict)
        # The backward is linear in these cotangents: their values never reach the result.
        us = tuple(zeros_like(o).requires_grad_(True) for o in outs)
        grad_inputs = _grad(outs, xs, us, create_graph=True)
        _check_strict(grad_inputs, "grad_inputs", strict)
    jv = _last_backward(grad_inputs, us, v, outs, strict, create_graph, "back_trick")
    return _results(outs, out_was_tuple, jv, out_was_tuple, create_graph)


def _check_strategy(strategy, create_graph, strict):
    if strategy not in _STRATEGIES:
        raise AssertionError(
            'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your '
            'function has more outputs than inputs, "forward-mode" tends to be more performant. '
            'Otherwise, prefer to use "reverse-mode".')
    if strategy == "forward-mode":
        if create_graph:
            raise NotImplementedError(
                "torch.autograd.functional.jacobian: `create_graph=True` and "
                '`strategy="forward-mode"` are not supported together (yet). Please either set '
                '`create_graph=False` or `strategy="reverse-mode"`.')
        if strict:
            raise RuntimeError(
                "torch.autograd.functional.jacobian: `strict=True` and "
                '`strategy="forward-mode"` are not supported together (yet). Please either set '
                '`strict=False` or `strategy="reverse-mode"`.')


def _jacobian_rows(out, i, xs, create_graph, strict):
    """The Jacobian of one output w.r.t. every input, one backward per output element."""
    rows = [[] for _ in xs]
    flat = out.reshape(-1)
    for j in range(out.numel()):
        grads = _grad((flat[j],), xs, retain_graph=True, create_graph=create_graph)
        for k, (g, x) in enumerate(zip(grads, xs)):
            if g is None:
                if strict:
                    raise RuntimeError(f"Output {i} of the user-provided function is independent "
                                       f"of input {k}. This is not allowed in strict mode.")
                g = zeros_like(x)
            elif strict and create_graph and not g.requires_grad:
                raise RuntimeError(f"The jacobian of the user-provided function is independent of "
                                   f"input {i}. This is not allowed in strict mode when "
                                   "create_graph=True.")
            rows[k].append(g)
    shape = tuple(out.shape)
    return tuple(stack(r).reshape(shape + tuple(x.shape)) if r else
                 zeros_like(x).reshape(shape + tuple(x.shape)) for r, x in zip(rows, xs))


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False,
             strategy="reverse-mode"):
    """The Jacobian of ``func`` at ``inputs``: shape ``output.shape + input.shape``.

    ``vectorize`` and ``strategy="forward-mode"`` give the same values (computed in reverse
    mode here); their argument checks are torch's.

    >>> import compat as torch
    >>> jacobian(lambda x: x.sum(), torch.tensor([1., 2.]))
    tensor([1., 1.])
    """
    _check_strategy(strategy, create_graph, strict)
    with grad_mode.enable_grad():
        in_was_tuple, xs = _tensors(inputs, "inputs", "jacobian")
        if strategy == "forward-mode" and not vectorize:
            raise NotImplementedError("Computing Jacobian using forward-AD or forward-over-reverse "
                                      "Hessian isonly implemented for `vectorize=True`.")
        xs = _prepare(xs, create_graph, need_graph=True)
        out_was_tuple, outs = _call(func, xs, "jacobian", strict)
        if vectorize and strict:
            raise RuntimeError("torch.autograd.functional.jacobian: `strict=True` and "
                               "`vectorized=True` are not supported together. Please either set "
                               "`strict=False` or `vectorize=False`.")
        jac = tuple(_jacobian_rows(o, i, xs, create_graph, strict) for i, o in enumerate(outs))
    return _unpack2(_detached(jac, create_graph), out_was_tuple, in_was_tuple)


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """The Hessian of a scalar ``func`` at ``inputs``.

    >>> import compat as torch
    >>> hessian(lambda x: (x ** 2).sum(), torch.tensor([1., 2.]))
    tensor([[2., 0.],
            [0., 2.]])
    """
    in_was_tuple, xs = _tensors(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in _STRATEGIES:
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')

    def scalar_output(*args):
        out_was_tuple, outs = _call(func, args, "hessian", strict)
        _single_tensor_output(out_was_tuple, outs, "hessian")
        return outs[0].squeeze()

    def gradient(*args):
        if outer_jacobian_strategy == "forward-mode":
            args = tuple(a.requires_grad_(True) for a in args)
        jac = jacobian(scalar_output, args, create_graph=True)
        _check_strict(jac, "jacobian", strict)
        return jac

    result = jacobian(gradient, xs, create_graph=create_graph, strict=strict,
                      vectorize=vectorize, strategy=outer_jacobian_strategy)
    return _unpack2(result, in_was_tuple, in_was_tuple)


def _hessian_product(func, inputs, v, create_graph, strict, fn_name, stage):
    """``(func(inputs), H·v)`` for a scalar ``func``; H is symmetric, so this is also vᵀ·H.
    ``stage`` names, for strict mode's errors, the backward torch's version of ``fn_name``
    fills in zeros after."""
    with grad_mode.enable_grad():
        in_was_tuple, xs = _graph_inputs(inputs, fn_name, create_graph)
        v = _v_or_none(v, xs, in_was_tuple, fn_name, create_graph, _V_NONE_FOR_INPUT)
        out_was_tuple, outs = _call(func, xs, fn_name, strict)
        _single_tensor_output(out_was_tuple, outs, fn_name)
        jac = _grad(outs, xs, create_graph=True)
        _check_strict(jac, "jacobian", strict)
    product = _last_backward(jac, xs, v, xs, strict, create_graph, stage)
    return _results(outs, out_was_tuple, product, in_was_tuple, create_graph)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), H·v)`` for a scalar ``func``.

    >>> import compat as torch
    >>> hvp(lambda x: (x ** 3).sum(), torch.tensor([1., 2.]), torch.tensor([1., 1.]))[1]
    tensor([ 6., 12.])
    """
    return _hessian_product(func, inputs, v, create_graph, strict, "hvp", "double_back_trick")


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), vᵀ·H)`` for a scalar ``func``.

    >>> import compat as torch
    >>> vhp(lambda x: (x ** 3).sum(), torch.tensor([1., 2.]), torch.tensor([1., 1.]))[1]
    tensor([ 6., 12.])
    """
    return _hessian_product(func, inputs, v, create_graph, strict, "vhp", "double_back")
