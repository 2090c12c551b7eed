"""Programs next to the bad inputs that torch accepts: compat must accept them too, with
torch's result (the checks that keep compat from refusing more than torch does)."""
from __future__ import annotations

from .functions import function_class, saving_function

ACCEPTED: dict = {}


def accepted(case_id: str, xfail: str = None):
    """Register ``fn(lib)`` under ``case_id`` (``xfail``: what in compat still refuses it)."""
    def register(program):
        if case_id in ACCEPTED:
            raise ValueError(f"duplicate accepted case {case_id!r}")
        ACCEPTED[case_id] = (program, xfail)
        return program
    return register


def _leaf(torch):
    return torch.arange(1.0, 3.0).requires_grad_()


@accepted("grad-mode/no-grad-without-parentheses")
def _bare_no_grad(torch):
    @torch.no_grad
    def double(x):
        return x * 2
    return double(_leaf(torch)).requires_grad, double.__name__


@accepted("grad-mode/enable-grad-without-parentheses")
def _bare_enable_grad(torch):
    @torch.enable_grad
    def double(x):
        return x * 2
    with torch.no_grad():
        return double(_leaf(torch)).requires_grad


@accepted("grad-mode/inference-mode-without-parentheses")
def _bare_inference_mode(torch):
    @torch.inference_mode
    def inside(x):
        return (x * 2).requires_grad, torch.is_inference_mode_enabled()
    return inside(_leaf(torch)), torch.is_inference_mode_enabled()


@accepted("grad-mode/no-grad-decorates-class")
def _class_decorated(torch):
    @torch.no_grad()
    class Records:
        def __init__(self):
            self.enabled = torch.is_grad_enabled()
    return Records().enabled, torch.is_grad_enabled()


@accepted("grad-mode/set-grad-enabled-decorator-restores")
def _set_grad_enabled_decorator(torch):
    decorate = torch.set_grad_enabled(False)
    right_after = torch.is_grad_enabled()

    @decorate
    def inside():
        return torch.is_grad_enabled()
    return right_after, torch.is_grad_enabled(), inside(), torch.is_grad_enabled()


@accepted("grad-mode/no-grad-generator")
def _no_grad_generator(torch):
    @torch.no_grad()
    def states():
        yield torch.is_grad_enabled()
        yield torch.is_grad_enabled()
    return list(states()), torch.is_grad_enabled()


@accepted("grad-mode/set-grad-enabled-repr")
def _set_grad_enabled_repr(torch):
    mode = torch.set_grad_enabled(True)
    return repr(mode)


@accepted("backward/more-gradients-than-tensors")
def _more_gradients(torch):
    x = _leaf(torch)
    torch.autograd.backward([x * 2], [torch.ones(2), torch.ones(2)])
    return x.grad


@accepted("grad/more-grad-outputs-than-outputs")
def _more_grad_outputs(torch):
    x = _leaf(torch)
    return torch.autograd.grad(x * 3, x, grad_outputs=[torch.ones(2), torch.ones(2)])


@accepted("grad/batched-grad-outputs")
def _batched(torch):
    x, y = _leaf(torch), _leaf(torch)
    out = x.exp() * y
    unused = torch.ones(2, requires_grad=True)
    grads = torch.autograd.grad(out, (x, y, unused), grad_outputs=torch.eye(2).repeat(2, 1),
                                is_grads_batched=True, allow_unused=True)
    return grads[:2], grads[2] is None


@accepted("grad/inputs-as-dict")
def _grad_dict(torch):
    x, y = _leaf(torch), _leaf(torch)
    grads = torch.autograd.grad((x * y).sum(), {"x": x, "y": y})
    return tuple(sorted(grads)), grads["x"], grads["y"]


@accepted("backward/inputs-as-dict")
def _backward_dict(torch):
    x, y = _leaf(torch), _leaf(torch)
    (x * y).sum().backward(inputs={"x": x})
    return x.grad, y.grad


@accepted("function/gradient-summed-to-input-shape")
def _broadcast_gradient(torch):
    spread = function_class(torch, "Spread", lambda ctx, a, b: a * 2 + b,
                            lambda ctx, grad: (grad.expand(3, 2) * 2, torch.ones(1, 2)))
    a, b = _leaf(torch), _leaf(torch)
    spread.apply(a, b).sum().backward()
    return a.grad, b.grad


@accepted("function/gradient-cast-to-input-dtype")
def _cast_gradient(torch):
    cast = function_class(torch, "Cast", lambda ctx, a: a * 2, lambda ctx, grad: grad.double() * 2)
    a = _leaf(torch)
    cast.apply(a).sum().backward()
    return a.grad


@accepted("function/gradient-ignored-for-input-without-grad")
def _ignored_gradient(torch):
    ignore = function_class(torch, "Ignore", lambda ctx, a, b: a * b,
                            lambda ctx, grad: (grad, torch.ones(5)))
    a = _leaf(torch)
    ignore.apply(a, torch.ones(2)).sum().backward()
    return a.grad


@accepted("function/saved-output-read-back")
def _saved_output(torch):
    def forward(ctx, a):
        out = a.exp()
        ctx.save_for_backward(out)
        return out

    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad * out
    a = _leaf(torch)
    function_class(torch, "Exp", forward, backward).apply(a).sum().backward()
    return a.grad


@accepted("function/save-none")
def _save_none(torch):
    def forward(ctx, a):
        ctx.save_for_backward(None, a)
        return a * 2

    def backward(ctx, grad):
        nothing, a = ctx.saved_tensors
        return grad * 2 if nothing is None else None
    a = _leaf(torch)
    function_class(torch, "KeepNone", forward, backward).apply(a).sum().backward()
    return a.grad


@accepted("function/once-differentiable-first-order")
def _once_first_order(torch):
    cube = saving_function(torch, "Cube", lambda a: a ** 3, lambda grad, a: 3 * a ** 2 * grad,
                           once=True)
    a = _leaf(torch)
    cube.apply(a).sum().backward()
    return a.grad


@accepted("optim/group-negative-lr")
def _group_negative_lr(torch):
    p = torch.nn.Parameter(torch.ones(2))
    opt = torch.optim.SGD([{"params": [p], "lr": -1.0}], lr=0.1)
    (p * p).sum().backward()
    opt.step()
    return p.detach()


@accepted("optim/params-as-set")
def _params_set(torch):
    p = torch.nn.Parameter(torch.ones(2))
    opt = torch.optim.SGD({p}, lr=0.5)
    (p * p).sum().backward()
    opt.step()
    return p.detach()


@accepted("optim/group-dict-receives-defaults")
def _group_defaults(torch):
    group = {"params": [torch.nn.Parameter(torch.ones(2))]}
    torch.optim.SGD([group], lr=0.25, momentum=0.5)
    return group["lr"], group["momentum"]


@accepted("nn/parameter-int-without-grad")
def _int_parameter(torch):
    return torch.nn.Parameter(torch.tensor([1, 2]), requires_grad=False).requires_grad


@accepted("nn/sequential-times-two")
def _sequential_times(torch):
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
    doubled, tripled = net * 2, 3 * net
    net *= 2
    return len(doubled), len(tripled), len(net), doubled[2] is net[0]


@accepted("nn/vector-to-parameters-takes-dtype")
def _vector_dtype(torch):
    p = torch.nn.Parameter(torch.ones(2))
    torch.nn.utils.vector_to_parameters(torch.tensor([1.0, 2.0], dtype=torch.float64), [p])
    return p.dtype, p.detach()


@accepted("nn/cross-entropy-negative-label-smoothing")
def _negative_smoothing(torch):
    logits = torch.arange(6.0).reshape(2, 3)
    return (torch.nn.CrossEntropyLoss(label_smoothing=-0.1)(logits, torch.tensor([0, 1])),
            torch.nn.functional.cross_entropy(logits, torch.full((2, 3), 1 / 3), label_smoothing=-2.0))


@accepted("data/random-split-negative-length")
def _negative_split(torch):
    return [len(s) for s in torch.utils.data.random_split(range(10), [12, -2])]
