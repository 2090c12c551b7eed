"""``torch.optim.Adam`` and ``torch.optim.AdamW`` on ``jaxgrad.optim.adam``.

>>> import compat as torch
>>> w = torch.nn.Parameter(torch.tensor([1., -1.]))
>>> opt = Adam([w], lr=0.1)
>>> (w * w).sum().backward()
>>> opt.step()
>>> w
Parameter containing:
tensor([ 0.9000, -0.9000], requires_grad=True)
"""
from __future__ import annotations

from jaxgrad import optim as _rules

from .optimizer import Optimizer, _get, _set


class Adam(Optimizer):
    """Adam (L2 weight decay, or decoupled with ``decoupled_weight_decay=True``), AMSGrad."""

    __module__ = "torch.optim.adam"
    _rule = staticmethod(_rules.adam)
    _static_keys = {"betas": "betas", "eps": "eps", "weight_decay": "weight_decay",
                    "amsgrad": "amsgrad", "maximize": "maximize",
                    "decoupled_weight_decay": "decoupled_weight_decay"}

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 amsgrad=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False, fused=None, decoupled_weight_decay=False):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                        maximize=maximize, foreach=foreach, capturable=capturable,
                        differentiable=differentiable, fused=fused,
                        decoupled_weight_decay=decoupled_weight_decay)
        super().__init__(params, defaults)

    @staticmethod
    def _first_use_of_lr(lr, group):
        # torch's Adam: decoupled decay scales the parameter by 1 - lr * weight_decay first;
        # otherwise the step size lr / bias_correction1 is the first use.
        if group["weight_decay"] and group["decoupled_weight_decay"]:
            return lr * float(group["weight_decay"])
        return lr / 1.0

    def _export_state(self, p, state):
        out = {"step": self._step_tensor(p), "exp_avg": self._tensor(_get(state, "mu")),
               "exp_avg_sq": self._tensor(_get(state, "nu"))}
        nu_max = _get(state, "nu_max")
        if nu_max is not None:
            out["max_exp_avg_sq"] = self._tensor(nu_max)
        return out

    def _import_state(self, p, values, group):
        state = self._with_count(self._init_state(p, group), values)
        names = {"exp_avg": "mu", "exp_avg_sq": "nu"}
        if group["amsgrad"]:
            names["max_exp_avg_sq"] = "nu_max"
        return _set(state, **{field: self._array(p, values[key])
                              for key, field in names.items() if key in values})


class AdamW(Adam):
    """Adam with decoupled weight decay (default ``weight_decay=1e-2``)."""

    __module__ = "torch.optim.adamw"

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False, foreach=None, capturable=False,
                 differentiable=False, fused=None):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach,
                         maximize=maximize, capturable=capturable,
                         differentiable=differentiable, fused=fused,
                         decoupled_weight_decay=True)
