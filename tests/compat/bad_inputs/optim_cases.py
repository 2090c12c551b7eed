"""Bad inputs to ``torch.optim``: hyper-parameters, parameter lists and groups, steps, state
dicts and learning-rate schedulers."""
from __future__ import annotations

from . import cases


def _params(torch, n=1):
    return [torch.nn.Parameter(torch.ones(2)) for _ in range(n)]


def _opt(torch, name="SGD", **kwargs):
    kwargs.setdefault("lr", 0.1)
    return getattr(torch.optim, name)(_params(torch), **kwargs)


def _hyper(name, **kwargs):
    return lambda torch: _opt(torch, name, **kwargs)


cases("optim-hyperparameters", {
    "sgd-negative-lr": _hyper("SGD", lr=-1),
    "sgd-negative-momentum": _hyper("SGD", momentum=-0.1),
    "sgd-negative-weight-decay": _hyper("SGD", weight_decay=-0.1),
    "sgd-nesterov-without-momentum": _hyper("SGD", nesterov=True),
    "sgd-nesterov-with-dampening": _hyper("SGD", momentum=0.9, dampening=0.1, nesterov=True),
    "sgd-str-lr": _hyper("SGD", lr="a"),
    "sgd-none-lr": _hyper("SGD", lr=None),
    "adam-negative-lr": _hyper("Adam", lr=-1e-3),
    "adam-negative-eps": _hyper("Adam", eps=-1.0),
    "adam-beta1-one": _hyper("Adam", betas=(1.0, 0.999)),
    "adam-beta1-negative": _hyper("Adam", betas=(-0.1, 0.999)),
    "adam-beta2-one": _hyper("Adam", betas=(0.9, 1.0)),
    "adam-beta2-negative": _hyper("Adam", betas=(0.9, -0.5)),
    "adam-negative-weight-decay": _hyper("Adam", weight_decay=-1.0),
    "adam-str-lr": _hyper("Adam", lr="fast"),
    "adamw-negative-lr": _hyper("AdamW", lr=-0.1),
    "adamw-negative-eps": _hyper("AdamW", eps=-1e-8),
    "adamw-beta1-one": _hyper("AdamW", betas=(1.0, 0.9)),
    "adamw-beta2-above-one": _hyper("AdamW", betas=(0.9, 1.5)),
    "adamw-negative-weight-decay": _hyper("AdamW", weight_decay=-0.01),
    "rmsprop-negative-lr": _hyper("RMSprop", lr=-0.01),
    "rmsprop-negative-eps": _hyper("RMSprop", eps=-1.0),
    "rmsprop-negative-momentum": _hyper("RMSprop", momentum=-0.5),
    "rmsprop-negative-weight-decay": _hyper("RMSprop", weight_decay=-1.0),
    "rmsprop-negative-alpha": _hyper("RMSprop", alpha=-0.9),
    "adagrad-negative-lr": _hyper("Adagrad", lr=-0.01),
    "adagrad-negative-lr-decay": _hyper("Adagrad", lr_decay=-1.0),
    "adagrad-negative-weight-decay": _hyper("Adagrad", weight_decay=-1.0),
    "adagrad-negative-initial-accumulator": _hyper("Adagrad", initial_accumulator_value=-1.0),
    "adagrad-negative-eps": _hyper("Adagrad", eps=-1e-10),
    "sgd-unknown-keyword": _hyper("SGD", betas=(0.9, 0.99)),
    "adam-unknown-keyword": _hyper("Adam", momentum=0.9),
})


def _group_opt(torch, groups, name="SGD", **kwargs):
    return getattr(torch.optim, name)(groups, lr=0.1, **kwargs)


def _stepped(torch, name="SGD", **kwargs):
    p = torch.nn.Parameter(torch.ones(2))
    opt = getattr(torch.optim, name)([p], lr=0.1, **kwargs)
    (p * p).sum().backward()
    opt.step()
    return opt, p


def _add_group(torch, group):
    opt = _opt(torch)
    opt.add_param_group(group(torch, opt))


cases("optim-params", {
    "empty-list": lambda torch: torch.optim.SGD([], lr=0.1),
    "empty-generator": lambda torch: torch.optim.Adam(torch.nn.Identity().parameters()),
    "single-tensor": lambda torch: torch.optim.SGD(torch.nn.Parameter(torch.ones(2)), lr=0.1),
    "int-param": lambda torch: torch.optim.SGD([1, 2], lr=0.1),
    "str-param": lambda torch: torch.optim.Adam(["w"]),
    "non-leaf-param": lambda torch: torch.optim.SGD([torch.nn.Parameter(torch.ones(2)) * 2], lr=0.1),
    "non-iterable": lambda torch: torch.optim.SGD(3, lr=0.1),
    "group-set-of-params": lambda torch: _group_opt(torch, [{"params": set(_params(torch))}]),
    "group-missing-params": lambda torch: _group_opt(torch, [{"lr": 0.1}]),
    "group-duplicate-across-groups": lambda torch: _duplicate_groups(torch),
    "group-int-params": lambda torch: _group_opt(torch, [{"params": [1]}]),
    "groups-mixed-with-tensors": lambda torch: _group_opt(torch, [{"params": _params(torch)}] + _params(torch)),
    "add-group-not-dict": lambda torch: _add_group(torch, lambda torch, opt: _params(torch)),
    "add-group-overlap": lambda torch: _add_group(torch, lambda torch, opt: {
        "params": opt.param_groups[0]["params"]}),
    "add-group-set": lambda torch: _add_group(torch, lambda torch, opt: {"params": set(_params(torch))}),
    "add-group-non-leaf": lambda torch: _add_group(torch, lambda torch, opt: {
        "params": [_params(torch)[0] * 2]}),
    "add-group-missing-params": lambda torch: _add_group(torch, lambda torch, opt: {"lr": 0.5}),
    "add-group-required-lr-missing": lambda torch: _required_lr(torch),
    "step-closure-not-callable": lambda torch: _opt(torch).step(3),
    "step-closure-raises": lambda torch: _opt(torch).step(_raise_arithmetic),
    "step-group-str-lr": lambda torch: _step_with_group_value(torch, "lr", "a"),
    "step-group-none-lr": lambda torch: _step_with_group_value(torch, "lr", None),
    "step-group-numeric-str-lr": lambda torch: _step_with_group_value(torch, "lr", "0.1"),
    "step-group-str-lr-adam": lambda torch: _step_with_group_value(torch, "lr", "a", "Adam"),
    "step-group-str-lr-adamw": lambda torch: _step_with_group_value(torch, "lr", "a", "AdamW"),
    "step-group-none-lr-adamw": lambda torch: _step_with_group_value(torch, "lr", None, "AdamW"),
    "step-group-str-lr-rmsprop": lambda torch: _step_with_group_value(torch, "lr", "a", "RMSprop"),
    "step-group-str-lr-adagrad": lambda torch: _step_with_group_value(torch, "lr", "a", "Adagrad"),
    "base-optimizer-step": lambda torch: torch.optim.Optimizer(_params(torch), {"lr": 0.1}).step(),
    "base-optimizer-no-defaults": lambda torch: torch.optim.Optimizer(_params(torch)),
})


def _raise_arithmetic():
    raise ArithmeticError("raised by the closure")


def _duplicate_groups(torch):
    p = torch.nn.Parameter(torch.ones(2))
    return _group_opt(torch, [{"params": [p]}, {"params": [p]}])


def _required_lr(torch):
    class NeedsLr(torch.optim.Optimizer):
        def __init__(self, params):
            from torch.optim.optimizer import required as torch_required
            required = torch_required if torch.__name__ == "torch" else \
                __import__("compat.optim.optimizer", fromlist=["required"]).required
            super().__init__(params, {"lr": required})

    return NeedsLr(_params(torch))


def _step_with_group_value(torch, key, value, name="SGD"):
    opt, p = _stepped(torch, name)
    opt.param_groups[0][key] = value
    (p * p).sum().backward()
    opt.step()


def _load_optimizer_state(torch, mutate, name="SGD", **kwargs):
    opt, _ = _stepped(torch, name, momentum=0.9) if name == "SGD" else _stepped(torch, name)
    state = opt.state_dict()
    mutate(torch, state)
    fresh = getattr(torch.optim, name)(_params(torch), lr=0.1, **kwargs)
    fresh.load_state_dict(state)


def _set_key(key, value):
    def mutate(torch, state):
        state[key] = value
    return mutate


def _extra_group(torch, state):
    state["param_groups"].append(dict(state["param_groups"][0], params=[5]))


def _bigger_group(torch, state):
    state["param_groups"][0]["params"] = state["param_groups"][0]["params"] + [7]


def _drop_key(key):
    def mutate(torch, state):
        del state[key]
    return mutate


cases("optim-state-dict", {
    "different-group-count": lambda torch: _load_optimizer_state(torch, _extra_group),
    "different-group-size": lambda torch: _load_optimizer_state(torch, _bigger_group),
    "missing-param-groups": lambda torch: _load_optimizer_state(torch, _drop_key("param_groups")),
    "missing-state": lambda torch: _load_optimizer_state(torch, _drop_key("state")),
    "param-groups-not-list": lambda torch: _load_optimizer_state(torch, _set_key("param_groups", 3)),
    "not-a-dict": lambda torch: _opt(torch).load_state_dict([1, 2]),
    "adam-different-group-size": lambda torch: _load_optimizer_state(torch, _bigger_group, "Adam"),
})


def _scheduler(torch, name, *args, **kwargs):
    return getattr(torch.optim.lr_scheduler, name)(_opt(torch), *args, **kwargs)


def _resume_without_initial_lr(torch):
    return torch.optim.lr_scheduler.StepLR(_opt(torch), 2, last_epoch=3)


def _lambda_not_callable(torch):
    s = torch.optim.lr_scheduler.LambdaLR(_opt(torch), lambda epoch: 1.0)
    s.lr_lambdas = [3]
    s.optimizer.step()
    s.step()


def _lambda_raises(torch):
    s = torch.optim.lr_scheduler.LambdaLR(_opt(torch), lambda epoch: 1.0 / (epoch - 1))
    s.optimizer.step()
    s.step()


cases("lr-scheduler", {
    "step-lr-not-optimizer": lambda torch: torch.optim.lr_scheduler.StepLR(3, 1),
    "step-lr-missing-step-size": lambda torch: _scheduler(torch, "StepLR"),
    "exponential-not-optimizer": lambda torch: torch.optim.lr_scheduler.ExponentialLR("opt", 0.9),
    "lambda-count-mismatch": lambda torch: _scheduler(torch, "LambdaLR", [lambda e: 1.0, lambda e: 2.0]),
    "lambda-not-callable": _lambda_not_callable,
    "lambda-raises": _lambda_raises,
    "linear-start-factor-above-one": lambda torch: _scheduler(torch, "LinearLR", start_factor=1.5),
    "linear-start-factor-zero": lambda torch: _scheduler(torch, "LinearLR", start_factor=0.0),
    "linear-end-factor-above-one": lambda torch: _scheduler(torch, "LinearLR", end_factor=2.0),
    "linear-end-factor-negative": lambda torch: _scheduler(torch, "LinearLR", end_factor=-0.5),
    "constant-factor-above-one": lambda torch: _scheduler(torch, "ConstantLR", factor=1.5),
    "constant-factor-negative": lambda torch: _scheduler(torch, "ConstantLR", factor=-0.5),
    "resume-without-initial-lr": _resume_without_initial_lr,
    "multistep-missing-milestones": lambda torch: _scheduler(torch, "MultiStepLR"),
    "cosine-missing-t-max": lambda torch: _scheduler(torch, "CosineAnnealingLR"),
    "load-state-dict-not-dict": lambda torch: _scheduler(torch, "StepLR", 2).load_state_dict(3),
})
