"""``torch.optim.Adagrad`` on ``jaxgrad.optim.adagrad``.

>>> import compat as torch
>>> w = torch.nn.Parameter(torch.tensor([1.]))
>>> opt = Adagrad([w], lr=0.5)
>>> (w * 4).sum().backward()
>>> opt.step()
>>> w
Parameter containing:
tensor([0.5000], requires_grad=True)
"""
from __future__ import annotations

from jaxgrad import optim as _rules

from .optimizer import Optimizer, _get, _set


class Adagrad(Optimizer):
    """Adagrad with learning-rate decay and an initial accumulator value."""

    __module__ = "torch.optim.adagrad"
    _rule = staticmethod(_rules.adagrad)
    _static_keys = {"lr_decay": "lr_decay", "weight_decay": "weight_decay",
                    "initial_accumulator_value": "initial_accumulator_value", "eps": "eps",
                    "maximize": "maximize"}

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
                 eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None):
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)
        # torch creates Adagrad's state (step 0, the initial sums) with the optimizer.
        for group in self.param_groups:
            for p in group["params"]:
                self._opt_state[p] = self._init_state(p, group)
                self._steps[p] = 0

    @staticmethod
    def _first_use_of_lr(lr, group):
        return lr / 1.0  # torch's clr = lr / (1 + (step - 1) * lr_decay)

    def _export_state(self, p, state):
        return {"step": self._step_tensor(p), "sum": self._tensor(_get(state, "sum_of_squares"))}

    def _import_state(self, p, values, group):
        state = self._with_count(self._init_state(p, group), values)
        if "sum" in values:
            state = _set(state, sum_of_squares=self._array(p, values["sum"]))
        return state
