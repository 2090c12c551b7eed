"""Bad inputs to autograd: backward, grad, custom Functions, hooks, grad modes and
``autograd.functional``."""
from __future__ import annotations

from . import cases
from .functions import function_class, saving_function


def _leaf(torch, n=2):
    return torch.arange(1.0, n + 1.0).requires_grad_()


def _twice(torch, n=2):
    """``(leaf, leaf * 2)``: a non-scalar output with history."""
    x = _leaf(torch, n)
    return x, x * 2


def _backward_twice(torch):
    x = _leaf(torch)
    y = (x * x).sum()
    y.backward()
    y.backward()


def _grad_twice(torch):
    x = _leaf(torch)
    y = (x * x).sum()
    torch.autograd.grad(y, x)
    torch.autograd.grad(y, x)


def _unused_input(torch, **kwargs):
    x, z = _leaf(torch), _leaf(torch)
    return torch.autograd.grad((x * 2).sum(), [x, z], **kwargs)


cases("backward", {
    "non-scalar": lambda torch: _twice(torch)[1].backward(),
    "no-grad-output": lambda torch: torch.ones(2).sum().backward(),
    "int-output": lambda torch: torch.tensor(3).backward(),
    "twice-without-retain": _backward_twice,
    "gradient-shape": lambda torch: _twice(torch)[1].backward(torch.ones(3)),
    "gradient-float": lambda torch: _twice(torch)[1].backward(1.0),
    "gradient-list": lambda torch: _twice(torch)[1].backward([1.0, 1.0]),
    "gradient-str": lambda torch: _twice(torch)[1].backward("a"),
    "gradient-2d": lambda torch: _twice(torch)[1].backward(torch.ones(1, 2)),
    "gradients-fewer": lambda torch: torch.autograd.backward(
        [_twice(torch)[1], _twice(torch)[1]], [torch.ones(2)]),
    "tensors-float": lambda torch: torch.autograd.backward(1.0),
    "tensors-list-of-float": lambda torch: torch.autograd.backward([1.0]),
    "inputs-empty": lambda torch: (_leaf(torch) * 2).sum().backward(inputs=[]),
    "inputs-no-grad": lambda torch: (_leaf(torch) * 2).sum().backward(inputs=[torch.ones(2)]),
    "inputs-float": lambda torch: (_leaf(torch) * 2).sum().backward(inputs=[1.0]),
    "inputs-ordered-dict": lambda torch: (_leaf(torch) * 2).sum().backward(
        inputs=__import__("collections").OrderedDict(x=_leaf(torch))),
    "second-output-no-grad": lambda torch: torch.autograd.backward(
        [(_leaf(torch) * 2).sum(), torch.ones(2).sum()]),
    "detached-output": lambda torch: (_leaf(torch) * 2).sum().detach().backward(),
    "no-grad-block-output": lambda torch: _no_grad_output(torch).backward(),
    "through-freed-shared-node": lambda torch: _shared_node_backward(torch),
    "saved-modified-inplace": lambda torch: _saved_modified(torch),
    "non-leaf-grad-twice-freed": lambda torch: _non_leaf_twice(torch),
})


def _no_grad_output(torch):
    x = _leaf(torch)
    with torch.no_grad():
        return (x * 2).sum()


def _shared_node_backward(torch):
    x = _leaf(torch)
    y = x.exp()
    y.sum().backward()
    (y * 2).sum().backward()


def _saved_modified(torch):
    x = _leaf(torch)
    y = x * 1
    z = y * y
    y.add_(1)
    z.sum().backward()


def _non_leaf_twice(torch):
    x = _leaf(torch)
    y = x.sigmoid()
    y.sum().backward()
    y.sum().backward()


cases("grad", {
    "outputs-float": lambda torch: torch.autograd.grad(1.0, [_leaf(torch)]),
    "outputs-list-of-float": lambda torch: torch.autograd.grad([1.0], [_leaf(torch)]),
    "inputs-float": lambda torch: torch.autograd.grad((_leaf(torch) * 2).sum(), 1.0),
    "inputs-list-of-str": lambda torch: torch.autograd.grad((_leaf(torch) * 2).sum(), ["a"]),
    "inputs-empty": lambda torch: torch.autograd.grad((_leaf(torch) * 2).sum(), []),
    "outputs-empty": lambda torch: torch.autograd.grad([], [_leaf(torch)]),
    "unused-input": _unused_input,
    "unused-input-explicit-false": lambda torch: _unused_input(torch, allow_unused=False),
    "materialize-without-allow-unused": lambda torch: _unused_input(
        torch, allow_unused=False, materialize_grads=True),
    "input-no-grad": lambda torch: torch.autograd.grad((_leaf(torch) * 2).sum(), torch.ones(2)),
    "output-no-grad": lambda torch: torch.autograd.grad(torch.ones(2).sum(), _leaf(torch)),
    "non-scalar-output": lambda torch: torch.autograd.grad(*reversed(_twice(torch))),
    "grad-outputs-shape": lambda torch: torch.autograd.grad(
        *reversed(_twice(torch)), grad_outputs=torch.ones(3)),
    "grad-outputs-float": lambda torch: torch.autograd.grad(
        *reversed(_twice(torch)), grad_outputs=1.0),
    "grad-outputs-too-few": lambda torch: _grad_two_outputs(torch),
    "twice-without-retain": _grad_twice,
    "output-under-no-grad": lambda torch: _grad_no_grad_output(torch),
    "int-input": lambda torch: torch.autograd.grad((_leaf(torch) * 2).sum(), torch.tensor([1, 2])),
})


def _grad_two_outputs(torch):
    x = _leaf(torch)
    return torch.autograd.grad([x * 2, x * 3], x, grad_outputs=[torch.ones(2)])


def _grad_no_grad_output(torch):
    x = _leaf(torch)
    with torch.no_grad():
        y = (x * 2).sum()
    return torch.autograd.grad(y, x)


# ---------------------------------------------------------------- custom Functions
def _forward_double(ctx, a):
    return a * 2


def _pass_grad(ctx, grad):
    return grad


def _two_input_function(torch, backward_result):
    """``MyFn(a, b) = 2a + b`` whose backward returns ``backward_result(torch, grad)``."""
    my_fn = function_class(torch, "MyFn", lambda ctx, a, b: a * 2 + b,
                           lambda ctx, grad: backward_result(torch, grad))
    a, b = _leaf(torch), _leaf(torch)
    my_fn.apply(a, b).sum().backward()


def _one_input_function(torch, backward_result):
    single = function_class(torch, "Single", lambda ctx, a: a * 3,
                            lambda ctx, grad: backward_result(torch, grad))
    single.apply(_leaf(torch)).sum().backward()


def _saving(torch, saved):
    def forward(ctx, a):
        ctx.save_for_backward(*saved(torch, a))
        return a * 2
    return function_class(torch, "Saver", forward, _pass_grad).apply(_leaf(torch))


def _saved_after_backward(torch):
    keep = saving_function(torch, "Keep", lambda a: a * 2, lambda grad, a: grad * 2)
    y = keep.apply(_leaf(torch))
    y.sum().backward()
    return y.grad_fn.saved_tensors


def _saved_modified_in_place(torch):
    x = _leaf(torch)
    y = x * 1
    z = saving_function(torch, "Keep", lambda a: a * 2, lambda grad, a: grad * a).apply(y)
    y.mul_(2)
    z.sum().backward()


def _no_forward(torch):
    class Empty(torch.autograd.Function):
        pass

    return Empty.apply(_leaf(torch))


def _no_backward(torch):
    function_class(torch, "ForwardOnly", _forward_double).apply(_leaf(torch)).sum().backward()


def _forward_raises(torch):
    def forward(ctx, a):
        raise ValueError("bad forward input")
    return function_class(torch, "Raises", forward, _pass_grad).apply(_leaf(torch))


def _backward_raises(torch):
    def raise_(torch, grad):
        raise ZeroDivisionError("bad backward input")
    _one_input_function(torch, raise_)


def _forward_wrong_arity(torch):
    arity = function_class(torch, "Arity", _forward_double, _pass_grad)
    return arity.apply(_leaf(torch), _leaf(torch))


def _backward_wrong_arity(torch):
    arity = function_class(torch, "Arity", _forward_double, lambda ctx, grad, extra: grad)
    arity.apply(_leaf(torch)).sum().backward()


def _dirty_not_returned(torch):
    def forward(ctx, a):
        ctx.mark_dirty(a)
        return a * 2
    return function_class(torch, "Dirty", forward, _pass_grad).apply(_leaf(torch) * 1)


def _non_differentiable_backward(torch):
    def forward(ctx, a):
        out = a * 2
        ctx.mark_non_differentiable(out)
        return out
    function_class(torch, "Index", forward, _pass_grad).apply(_leaf(torch)).sum().backward()


def _scaled_by_number(torch):
    scale = function_class(torch, "Scale", lambda ctx, a, k: a * k, lambda ctx, grad: (grad, grad))
    scale.apply(_leaf(torch), 3.0).sum().backward()


def _dirty_leaf(torch):
    def forward(ctx, a):
        ctx.mark_dirty(a)
        return a
    return function_class(torch, "InPlace", forward, _pass_grad).apply(_leaf(torch))


def _once_differentiable_twice(torch, grad_outputs_require_grad=False):
    once = saving_function(torch, "Once", lambda a: a * a, lambda grad, a: grad * 2 * a,
                           once=True)
    x = _leaf(torch)
    y = once.apply(x)
    seed = torch.ones(2, requires_grad=grad_outputs_require_grad)
    (g,) = torch.autograd.grad(y, x, grad_outputs=seed, create_graph=True)
    g.sum().backward()


cases("function", {
    "backward-returns-str": lambda torch: _two_input_function(torch, lambda torch, g: "abc"),
    "backward-returns-str-one-input": lambda torch: _one_input_function(torch, lambda torch, g: "a"),
    "backward-returns-int": lambda torch: _two_input_function(torch, lambda torch, g: (3, g)),
    "backward-returns-int-one-input": lambda torch: _one_input_function(torch, lambda torch, g: 3),
    "backward-returns-list-of-str": lambda torch: _two_input_function(torch, lambda torch, g: [g, "a"]),
    "backward-too-few": lambda torch: _two_input_function(torch, lambda torch, g: g),
    "backward-too-few-tuple": lambda torch: _two_input_function(torch, lambda torch, g: (g,)),
    "backward-too-many": lambda torch: _two_input_function(torch, lambda torch, g: (g, g, g)),
    "backward-empty-tuple": lambda torch: _one_input_function(torch, lambda torch, g: ()),
    "backward-wrong-shape-first": lambda torch: _two_input_function(
        torch, lambda torch, g: (torch.ones(3), g)),
    "backward-wrong-shape-second": lambda torch: _two_input_function(
        torch, lambda torch, g: (g, torch.ones(3))),
    "backward-shape-not-expandable": lambda torch: _two_input_function(
        torch, lambda torch, g: (torch.ones(1), g)),
    "backward-wrong-shape-one-input": lambda torch: _one_input_function(
        torch, lambda torch, g: torch.ones(2, 3)),
    "save-for-backward-int": lambda torch: _saving(torch, lambda torch, a: (3,)),
    "save-for-backward-str": lambda torch: _saving(torch, lambda torch, a: ("a",)),
    "save-for-backward-list": lambda torch: _saving(torch, lambda torch, a: ([a],)),
    "save-for-backward-second-float": lambda torch: _saving(torch, lambda torch, a: (a, 1.5)),
    "saved-tensors-after-backward": _saved_after_backward,
    "saved-modified-in-place": _saved_modified_in_place,
    "no-forward": _no_forward,
    "no-backward": _no_backward,
    "forward-raises": _forward_raises,
    "backward-raises": _backward_raises,
    "apply-wrong-arity": _forward_wrong_arity,
    "backward-wrong-arity": _backward_wrong_arity,
    "mark-dirty-not-returned": _dirty_not_returned,
    "non-differentiable-output-backward": _non_differentiable_backward,
    "once-differentiable-twice": _once_differentiable_twice,
    "once-differentiable-delayed-error": lambda torch: _once_differentiable_twice(
        torch, grad_outputs_require_grad=True),
    "gradient-for-non-tensor-input": lambda torch: _scaled_by_number(torch),
    "mark-dirty-leaf": _dirty_leaf,
})


# ---------------------------------------------------------------- hooks
def _hooked(torch, hook, on_leaf=True):
    x = _leaf(torch)
    y = x * 2
    (x if on_leaf else y).register_hook(hook)
    (y * y).sum().backward()


def _hook_raises(torch):
    def hook(grad):
        raise KeyError("from the hook")
    _hooked(torch, hook)


def _node_hook_wrong_count(torch):
    x = _leaf(torch)
    y = x * 2
    y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: (grad_inputs[0], grad_inputs[0]))
    y.sum().backward()


def _prehook_wrong_count(torch):
    x = _leaf(torch)
    y = x * 2
    y.grad_fn.register_prehook(lambda grad_outputs: (grad_outputs[0], grad_outputs[0]))
    y.sum().backward()


cases("hooks", {
    "leaf-hook-wrong-shape": lambda torch: _hooked(torch, lambda g: torch.ones(3)),
    "non-leaf-hook-wrong-shape": lambda torch: _hooked(torch, lambda g: torch.ones(3), on_leaf=False),
    "leaf-hook-returns-str": lambda torch: _hooked(torch, lambda g: "a"),
    "non-leaf-hook-returns-float": lambda torch: _hooked(torch, lambda g: 1.0, on_leaf=False),
    "leaf-hook-wrong-dtype": lambda torch: _hooked(torch, lambda g: g.double()),
    "hook-raises": _hook_raises,
    "register-hook-no-grad": lambda torch: torch.ones(2).register_hook(lambda g: g),
    "node-hook-wrong-count": _node_hook_wrong_count,
    "node-prehook-wrong-count": _prehook_wrong_count,
    "post-accumulate-hook-no-grad": lambda torch: torch.ones(2).register_post_accumulate_grad_hook(
        lambda t: None),
    "post-accumulate-hook-non-leaf": lambda torch: (_leaf(torch) * 2).register_post_accumulate_grad_hook(
        lambda t: None),
})


# ---------------------------------------------------------------- grad modes
def _inference_tensor(torch):
    with torch.inference_mode():
        return torch.ones(2)


def _inference_saved(torch):
    return _inference_tensor(torch) * _leaf(torch)


def _inference_matmul(torch):
    return torch.matmul(_leaf(torch), _inference_tensor(torch))


def _inference_in_place(torch):
    _inference_tensor(torch).add_(1)


def _inference_setitem(torch):
    _inference_tensor(torch)[0] = 3.0


def _inference_requires_grad(torch):
    _inference_tensor(torch).requires_grad_()


def _inference_requires_grad_setattr(torch):
    _inference_tensor(torch).requires_grad = True


cases("grad-mode", {
    "inference-tensor-saved-for-backward": _inference_saved,
    "inference-tensor-matmul": _inference_matmul,
    "inference-tensor-in-place": _inference_in_place,
    "inference-tensor-setitem": _inference_setitem,
    "inference-tensor-requires-grad": _inference_requires_grad,
    "inference-tensor-requires-grad-setattr": _inference_requires_grad_setattr,
    "set-grad-enabled-missing": lambda torch: torch.set_grad_enabled(),
    "set-grad-enabled-str": lambda torch: torch.set_grad_enabled("yes"),
    "set-grad-enabled-two": lambda torch: torch.set_grad_enabled(True, False),
})


# ---------------------------------------------------------------- autograd.functional
def _functional(name):
    return lambda torch: getattr(torch.autograd.functional, name)


def _square_sum(x):
    return (x * x).sum()


def _double(x):
    return x * 2


cases("functional", {
    "jacobian-float-input": lambda torch: _functional("jacobian")(torch)(_double, 3.0),
    "jacobian-list-input": lambda torch: _functional("jacobian")(torch)(_double, [torch.ones(2)]),
    "jacobian-tuple-with-float": lambda torch: _functional("jacobian")(torch)(
        lambda a, b: a * b, (torch.ones(2), 3.0)),
    "jacobian-returns-float": lambda torch: _functional("jacobian")(torch)(lambda x: 3.0, torch.ones(2)),
    "jacobian-returns-list": lambda torch: _functional("jacobian")(torch)(lambda x: [x], torch.ones(2)),
    "jacobian-strict-independent": lambda torch: _functional("jacobian")(torch)(
        lambda x: torch.ones(2), torch.ones(2), strict=True),
    "jacobian-strict-vectorize": lambda torch: _functional("jacobian")(torch)(
        _double, torch.ones(2), strict=True, vectorize=True),
    "jacobian-bad-strategy": lambda torch: _functional("jacobian")(torch)(
        _double, torch.ones(2), strategy="sideways"),
    "jacobian-forward-without-vectorize": lambda torch: _functional("jacobian")(torch)(
        _double, torch.ones(2), strategy="forward-mode"),
    "hessian-float-input": lambda torch: _functional("hessian")(torch)(_square_sum, 3.0),
    "hessian-non-scalar": lambda torch: _functional("hessian")(torch)(_double, torch.ones(2)),
    "hessian-returns-float": lambda torch: _functional("hessian")(torch)(lambda x: 3.0, torch.ones(2)),
    "hessian-bad-strategy": lambda torch: _functional("hessian")(torch)(
        _square_sum, torch.ones(2), outer_jacobian_strategy="sideways"),
    "vjp-float-input": lambda torch: _functional("vjp")(torch)(_double, 3.0),
    "vjp-v-none-non-scalar": lambda torch: _functional("vjp")(torch)(_double, torch.ones(2)),
    "vjp-v-shape": lambda torch: _functional("vjp")(torch)(_double, torch.ones(2), torch.ones(3)),
    "vjp-v-float": lambda torch: _functional("vjp")(torch)(_double, torch.ones(2), 1.0),
    "vjp-v-count": lambda torch: _functional("vjp")(torch)(
        _double, torch.ones(2), (torch.ones(2), torch.ones(2))),
    "vjp-returns-float": lambda torch: _functional("vjp")(torch)(lambda x: 3.0, torch.ones(2)),
    "vjp-strict-independent": lambda torch: _functional("vjp")(torch)(
        lambda x: torch.ones(()), torch.ones(2), strict=True),
    "jvp-float-input": lambda torch: _functional("jvp")(torch)(_double, 3.0),
    "jvp-v-none-non-scalar": lambda torch: _functional("jvp")(torch)(_double, torch.ones(2)),
    "jvp-v-shape": lambda torch: _functional("jvp")(torch)(_double, torch.ones(2), torch.ones(3)),
    "jvp-returns-float": lambda torch: _functional("jvp")(torch)(lambda x: 3.0, torch.ones(1)),
    "hvp-float-input": lambda torch: _functional("hvp")(torch)(_square_sum, 3.0),
    "hvp-non-scalar": lambda torch: _functional("hvp")(torch)(_double, torch.ones(2), torch.ones(2)),
    "hvp-v-shape": lambda torch: _functional("hvp")(torch)(_square_sum, torch.ones(2), torch.ones(3)),
    "hvp-v-none-non-scalar-input": lambda torch: _functional("hvp")(torch)(_square_sum, torch.ones(2)),
    "hvp-returns-float": lambda torch: _functional("hvp")(torch)(lambda x: 3.0, torch.ones(2), torch.ones(2)),
    "vhp-float-input": lambda torch: _functional("vhp")(torch)(_square_sum, 3.0),
    "vhp-non-scalar": lambda torch: _functional("vhp")(torch)(_double, torch.ones(2), torch.ones(2)),
})


def _batched(torch, grad_outputs, outputs=None):
    x = _leaf(torch)
    return torch.autograd.grad(outputs(x) if outputs else x * 2, x, grad_outputs=grad_outputs(torch),
                               is_grads_batched=True)


cases("grad-batched", {
    "grad-outputs-shape": lambda torch: _batched(torch, lambda torch: torch.ones(3, 3)),
    "grad-outputs-none": lambda torch: _batched(torch, lambda torch: None,
                                                outputs=lambda x: (x * 2).sum()),
    "batch-sizes-differ": lambda torch: _batched(
        torch, lambda torch: [torch.ones(3, 2), torch.ones(4, 2)], outputs=lambda x: [x * 2, x * 3]),
    "twice-without-retain": lambda torch: _batched_twice(torch),
})


def _batched_twice(torch):
    x = _leaf(torch)
    y = x.exp()
    torch.autograd.grad(y, x, grad_outputs=torch.eye(2), is_grads_batched=True)
    torch.autograd.grad(y, x, grad_outputs=torch.eye(2), is_grads_batched=True)
