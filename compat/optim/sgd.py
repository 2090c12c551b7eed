"""``torch.optim.SGD`` on ``jaxgrad.optim.sgd``.

>>> import compat as torch
>>> w = torch.nn.Parameter(torch.tensor([1.]))
>>> opt = SGD([w], lr=0.1, momentum=0.9)
>>> for _ in range(2):
...     opt.zero_grad()
...     (w * 2).sum().backward()
...     opt.step()
>>> w
Parameter containing:
tensor([0.4200], requires_grad=True)
"""
from __future__ import annotations

from jaxgrad import optim as _rules

from .optimizer import Optimizer, _get, _set


class SGD(Optimizer):
    """Stochastic gradient descent with momentum, dampening, Nesterov and weight decay."""

    __module__ = "torch.optim.sgd"
    _rule = staticmethod(_rules.sgd)
    _static_keys = {"momentum": "momentum", "dampening": "dampening",
                    "weight_decay": "weight_decay", "nesterov": "nesterov",
                    "maximize": "maximize"}

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False,
                 *, maximize=False, foreach=None, differentiable=False, fused=None):
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                        nesterov=nesterov, maximize=maximize, foreach=foreach,
                        differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)

    def _export_state(self, p, state):
        if not any(g["momentum"] for g in self.param_groups if any(q is p for q in g["params"])):
            return {}
        return {"momentum_buffer": self._tensor(_get(state, "trace"))}

    def _import_state(self, p, values, group):
        state = self._init_state(p, group)
        if values.get("momentum_buffer") is not None and group["momentum"]:
            state = _set(state, trace=self._array(p, values["momentum_buffer"]))
        return state
