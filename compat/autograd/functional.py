"""``torch.autograd.functional``: jacobian, hessian, vjp, jvp, hvp, vhp.

Built on the engine (``autograd.grad``), so they accept any function of compat tensors.

>>> import compat as torch
>>> torch.autograd.functional.jacobian(lambda x: x ** 2, torch.tensor([1., 2.]))
tensor([[2., 0.],
        [0., 4.]])
"""
from __future__ import annotations

from . import grad_mode


def _tuple(x):
    return (tuple(x), True) if isinstance(x, (tuple, list)) else ((x,), False)


def _prepare(inputs, create_graph):
    out = []
    for t in inputs:
        leaf = t.detach() if not create_graph or not t.requires_grad else t.view_as(t)
        if not leaf.requires_grad:
            leaf.requires_grad_(True)
        out.append(leaf)
    return tuple(out)


def _grad(output, inputs, grad_output, create_graph):
    from . import grad as autograd_grad
    if not output.requires_grad:
        return (None,) * len(inputs)
    return autograd_grad(output, inputs, grad_output, retain_graph=True, create_graph=create_graph,
                         allow_unused=True)


def _fill(grads, like):
    from ..creation import zeros_like
    return tuple(zeros_like(x) if g is None else g for g, x in zip(grads, like))


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), vᵀ·J)."""
    inputs, is_tuple = _tuple(inputs)
    with grad_mode.enable_grad():
        xs = _prepare(inputs, create_graph)
        out = func(*xs)
        outs, out_tuple = _tuple(out)
        vs = _tuple(v)[0] if v is not None else (None,) * len(outs)
        total = None
        for o, vv in zip(outs, vs):
            g = _grad(o, xs, vv, create_graph)
            total = g if total is None else tuple(a if b is None else (b if a is None else a + b)
                                                  for a, b in zip(total, g))
        grads = _fill(total, xs)
    result = grads if is_tuple else grads[0]
    if not create_graph:
        out = tuple(o.detach() for o in outs) if out_tuple else outs[0].detach()
        result = tuple(g.detach() for g in grads) if is_tuple else grads[0].detach()
    return out, result


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """The Jacobian of ``func`` at ``inputs``: shape ``output.shape + input.shape``."""
    from ..creation import zeros_like
    from ..ops.functions import stack
    inputs, is_tuple = _tuple(inputs)
    with grad_mode.enable_grad():
        xs = _prepare(inputs, create_graph)
        out = func(*xs)
        outs, out_tuple = _tuple(out)
        jac = []
        for o in outs:
            flat = o.reshape(-1)
            rows = []
            for i in range(flat.numel()):
                g = _grad(flat[i], xs, None, create_graph) if o.requires_grad else (None,) * len(xs)
                rows.append(_fill(g, xs))
            per_input = []
            for k, x in enumerate(xs):
                if rows:
                    j = stack([r[k] for r in rows]).reshape(tuple(o.shape) + tuple(x.shape))
                else:
                    j = zeros_like(x).reshape(tuple(o.shape) + tuple(x.shape))
                per_input.append(j if create_graph else j.detach())
            jac.append(tuple(per_input) if is_tuple else per_input[0])
    return tuple(jac) if out_tuple else jac[0]


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """The Hessian of a scalar ``func`` at ``inputs``."""
    inputs, is_tuple = _tuple(inputs)

    def gradient(*xs):
        out = func(*xs)
        if out.numel() != 1:
            raise RuntimeError("The function given to hessian should return a single element Tensor")
        g = _fill(_grad(out.reshape(()), xs, None, True), xs)
        return g if is_tuple else g[0]

    return jacobian(gradient, inputs if is_tuple else inputs[0], create_graph=create_graph)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J·v), by the double-vjp trick as torch does."""
    from ..creation import zeros_like
    inputs, is_tuple = _tuple(inputs)
    vs = _tuple(v)[0] if v is not None else None
    with grad_mode.enable_grad():
        xs = _prepare(inputs, create_graph)
        out = func(*xs)
        outs, out_tuple = _tuple(out)
        results = []
        for o in outs:
            u = zeros_like(o).requires_grad_(True)
            g = _fill(_grad(o, xs, u, True), xs)
            gsum = None
            for gi, vi in zip(g, vs if vs is not None else [None] * len(g)):
                term = (gi * vi).sum() if vi is not None else gi.sum()
                gsum = term if gsum is None else gsum + term
            (jv,) = _fill(_grad(gsum, (u,), None, create_graph), (u,)) if gsum.requires_grad else (zeros_like(o),)
            results.append(jv if create_graph else jv.detach())
    out_val = tuple(o.detach() for o in outs) if out_tuple else outs[0].detach()
    return out_val, (tuple(results) if out_tuple else results[0])


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H·v) for a scalar ``func``."""
    inputs, is_tuple = _tuple(inputs)
    vs = _tuple(v)[0]
    with grad_mode.enable_grad():
        xs = _prepare(inputs, True)
        out = func(*xs)
        g = _fill(_grad(out, xs, None, True), xs)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, vs))
        hv = _fill(_grad(dot, xs, None, create_graph), xs)
    hv = hv if create_graph else tuple(h.detach() for h in hv)
    return out.detach(), (hv if is_tuple else hv[0])


vhp = hvp  # the Hessian of a scalar function is symmetric
