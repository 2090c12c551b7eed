"""``torch.optim.RMSprop`` on ``jaxgrad.optim.rmsprop``.

>>> import compat as torch
>>> w = torch.nn.Parameter(torch.tensor([1.]))
>>> opt = RMSprop([w], lr=0.01)
>>> (w * 2).sum().backward()
>>> opt.step()
>>> w
Parameter containing:
tensor([0.9000], requires_grad=True)
"""
from __future__ import annotations

from jaxgrad import optim as _rules

from .optimizer import Optimizer, _get, _set


class RMSprop(Optimizer):
    """RMSprop, centred and with momentum as options."""

    __module__ = "torch.optim.rmsprop"
    _rule = staticmethod(_rules.rmsprop)
    _static_keys = {"alpha": "alpha", "eps": "eps", "weight_decay": "weight_decay",
                    "momentum": "momentum", "centered": "centered", "maximize": "maximize"}

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
                 centered=False, capturable=False, foreach=None, maximize=False,
                 differentiable=False):
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
                        weight_decay=weight_decay, capturable=capturable, foreach=foreach,
                        maximize=maximize, differentiable=differentiable)
        super().__init__(params, defaults)

    def _group(self, p):
        return next(g for g in self.param_groups if any(q is p for q in g["params"]))

    def _export_state(self, p, state):
        group = self._group(p)
        out = {"step": self._step_tensor(p), "square_avg": self._tensor(_get(state, "nu"))}
        if group["momentum"] > 0:
            out["momentum_buffer"] = self._tensor(_get(state, "trace"))
        if group["centered"]:
            out["grad_avg"] = self._tensor(_get(state, "mu"))
        return out

    def _import_state(self, p, values, group):
        state = self._with_count(self._init_state(p, group), values)
        names = {"square_avg": "nu"}
        if group["momentum"] > 0:
            names["momentum_buffer"] = "trace"
        if group["centered"]:
            names["grad_avg"] = "mu"
        return _set(state, **{field: self._array(p, values[key])
                              for key, field in names.items() if key in values})
