"""compat.optim against torch.optim: 100-step trajectories of every optimizer (and option),
parameter groups, lr changed between steps, closures, state_dict round trips, schedulers,
and torch's errors for bad input."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402


def make_problem(lib, seed=0):
    lib.manual_seed(seed)
    model = lib.nn.Sequential(lib.nn.Linear(4, 8), lib.nn.Tanh(), lib.nn.Linear(8, 2))
    x, y = lib.randn(16, 4), lib.randn(16, 2)
    return model, x, y


def loss_of(lib, model, x, y):
    return lib.nn.functional.mse_loss(model(x), y)


def trajectory(lib, cls, kwargs, steps=100, groups=None, schedule=None):
    model, x, y = make_problem(lib)
    params = groups(model) if groups else model.parameters()
    opt = getattr(lib.optim, cls)(params, **kwargs)
    sched = schedule(lib, opt) if schedule else None
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_of(lib, model, x, y)
        loss.backward()
        opt.step()
        if sched:
            sched.step()
        losses.append(loss.item())
    return [p.detach().numpy().copy() for p in model.parameters()], losses, opt


OPTIMIZERS = [
    ("SGD", dict(lr=0.1)),
    ("SGD", dict(lr=0.05, momentum=0.9)),
    ("SGD", dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-2)),
    ("SGD", dict(lr=0.05, momentum=0.8, dampening=0.3, maximize=False)),
    ("SGD", dict(lr=0.01, maximize=True)),
    ("Adam", dict(lr=1e-2)),
    ("Adam", dict(lr=1e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ("Adam", dict(lr=1e-2, amsgrad=True)),
    ("AdamW", dict(lr=1e-2)),
    ("AdamW", dict(lr=1e-2, weight_decay=0.5, amsgrad=True)),
    ("RMSprop", dict(lr=1e-2)),
    ("RMSprop", dict(lr=3e-3, momentum=0.5, centered=True, weight_decay=1e-3)),
    ("RMSprop", dict(lr=1e-3, alpha=0.9, momentum=0.2)),
    ("Adagrad", dict(lr=0.1)),
    ("Adagrad", dict(lr=0.1, lr_decay=0.01, weight_decay=1e-3, initial_accumulator_value=0.1)),
]


def _assert_params_close(a, b, rtol=1e-4, atol=1e-5):
    for x, y in zip(a, b):
        np.testing.assert_allclose(x, y, rtol=rtol, atol=atol)


@pytest.mark.parametrize("cls,kwargs", OPTIMIZERS, ids=[f"{c}-{i}" for i, (c, _) in
                                                       enumerate(OPTIMIZERS)])
def test_trajectory_100_steps_equals_torch(cls, kwargs):
    pc, lc, oc = trajectory(compat, cls, kwargs)
    pt, lt, ot = trajectory(torch, cls, kwargs)
    np.testing.assert_allclose(lc, lt, rtol=1e-4, atol=1e-6)
    _assert_params_close(pc, pt)
    sc, st = oc.state_dict(), ot.state_dict()
    assert sc["param_groups"] == st["param_groups"]
    assert sc["state"].keys() == st["state"].keys()
    for k in st["state"]:
        assert list(sc["state"][k]) == list(st["state"][k])
        for name, v in st["state"][k].items():
            np.testing.assert_allclose(np.asarray(sc["state"][k][name]), v.numpy(), rtol=1e-3,
                                       atol=1e-5, err_msg=name)
            assert str(sc["state"][k][name].dtype) == str(v.dtype)
    assert repr(oc) == repr(ot)


def test_param_groups_and_lr_changes():
    def groups(model):
        return [{"params": model[0].parameters(), "lr": 0.05},
                {"params": model[2].parameters(), "momentum": 0.5}]

    results = []
    for lib in (compat, torch):
        model, x, y = make_problem(lib)
        opt = lib.optim.SGD(groups(model), lr=0.1, momentum=0.9)
        for step in range(30):
            if step == 10:
                opt.param_groups[0]["lr"] = 0.01
                opt.param_groups[1]["lr"] = 0.2
            opt.zero_grad()
            loss_of(lib, model, x, y).backward()
            opt.step()
        results.append([p.detach().numpy() for p in model.parameters()])
        assert [g["lr"] for g in opt.param_groups] == [0.01, 0.2]
        assert opt.param_groups[1]["momentum"] == 0.5
    _assert_params_close(*results)


def test_add_param_group_and_missing_grads():
    results = []
    for lib in (compat, torch):
        model, x, y = make_problem(lib)
        opt = lib.optim.Adam(model[0].parameters(), lr=0.01)
        for step in range(20):
            if step == 5:
                opt.add_param_group({"params": model[2].parameters(), "lr": 0.02})
            opt.zero_grad()
            # the second layer's bias sometimes gets no gradient: its state does not advance
            out = model(x) if step % 3 else model[1](model[0](x)) @ model[2].weight.t()
            lib.nn.functional.mse_loss(out, y).backward()
            opt.step()
        results.append(([p.detach().numpy() for p in model.parameters()], opt.state_dict()))
    _assert_params_close(results[0][0], results[1][0])
    assert results[0][1]["param_groups"] == results[1][1]["param_groups"]
    for k, v in results[1][1]["state"].items():
        assert float(results[0][1]["state"][k]["step"]) == float(v["step"])


def test_closure_and_return_value():
    for lib in (compat, torch):
        model, x, y = make_problem(lib)
        opt = lib.optim.SGD(model.parameters(), lr=0.1)

        def closure():
            opt.zero_grad()
            loss = loss_of(lib, model, x, y)
            loss.backward()
            return loss
        assert opt.step() is None
        loss = opt.step(closure)
        assert isinstance(loss, lib.Tensor)


@pytest.mark.parametrize("cls,kwargs", [("SGD", dict(lr=0.1, momentum=0.9)),
                                        ("Adam", dict(lr=0.01, amsgrad=True)),
                                        ("RMSprop", dict(lr=0.01, momentum=0.3, centered=True)),
                                        ("Adagrad", dict(lr=0.1))])
def test_state_dict_round_trip_resumes_identically(cls, kwargs):
    # 10 steps, save, 10 more in a fresh optimizer loaded from the state: the same as 20.
    # The reference runs twice so that its programs, as the resumed run's, are compiled ones
    # (a fused program may round differently from the same ops run one by one).
    for _ in range(2):
        ref, _, _ = trajectory(compat, cls, kwargs, steps=20)
    model, x, y = make_problem(compat)
    opt = getattr(compat.optim, cls)(model.parameters(), **kwargs)
    for _ in range(10):
        opt.zero_grad()
        loss_of(compat, model, x, y).backward()
        opt.step()
    saved = opt.state_dict()
    opt2 = getattr(compat.optim, cls)(model.parameters(), lr=123.0)
    opt2.load_state_dict(saved)
    assert opt2.param_groups[0]["lr"] == kwargs["lr"]
    for _ in range(10):
        opt2.zero_grad()
        loss_of(compat, model, x, y).backward()
        opt2.step()
    _assert_params_close([p.detach().numpy() for p in model.parameters()], ref, 1e-6, 1e-7)
    # a torch state dict loads into compat too (same layout)
    tmodel, tx, ty = make_problem(torch)
    topt = getattr(torch.optim, cls)(tmodel.parameters(), **kwargs)
    for _ in range(3):
        topt.zero_grad()
        loss_of(torch, tmodel, tx, ty).backward()
        topt.step()
    tsd = topt.state_dict()
    converted = {"param_groups": tsd["param_groups"],
                 "state": {k: {n: compat.tensor(v.numpy()) for n, v in s.items()}
                           for k, s in tsd["state"].items()}}
    opt3 = getattr(compat.optim, cls)(make_problem(compat)[0].parameters(), **kwargs)
    opt3.load_state_dict(converted)
    back = opt3.state_dict()
    for k, s in tsd["state"].items():
        for n, v in s.items():
            np.testing.assert_allclose(np.asarray(back["state"][k][n]), v.numpy(), rtol=1e-6)


SCHEDULERS = {
    "StepLR": lambda lr, opt: lr.StepLR(opt, step_size=7, gamma=0.5),
    "MultiStepLR": lambda lr, opt: lr.MultiStepLR(opt, milestones=[5, 20, 20], gamma=0.3),
    "ExponentialLR": lambda lr, opt: lr.ExponentialLR(opt, gamma=0.95),
    "CosineAnnealingLR": lambda lr, opt: lr.CosineAnnealingLR(opt, T_max=15, eta_min=0.001),
    "LambdaLR": lambda lr, opt: lr.LambdaLR(opt, lambda epoch: 1.0 / (1 + epoch)),
    "LinearLR": lambda lr, opt: lr.LinearLR(opt, start_factor=0.25, total_iters=8),
    "ConstantLR": lambda lr, opt: lr.ConstantLR(opt, factor=0.5, total_iters=4),
}


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_scheduler_lrs_and_trajectory_equal_torch(name):
    lrs = {}
    for lib in (compat, torch):
        model, x, y = make_problem(lib)
        opt = lib.optim.SGD([{"params": model[0].parameters()},
                             {"params": model[2].parameters(), "lr": 0.02}], lr=0.1,
                            momentum=0.9)
        sched = SCHEDULERS[name](lib.optim.lr_scheduler, opt)
        seen = [sched.get_last_lr()]
        for _ in range(40):
            opt.zero_grad()
            loss_of(lib, model, x, y).backward()
            opt.step()
            sched.step()
            seen.append(sched.get_last_lr())
        lrs[lib.__name__] = (seen, [p.detach().numpy() for p in model.parameters()],
                             {k: v for k, v in sched.state_dict().items()
                              if k not in ("lr_lambdas",)})
    assert lrs["compat"][0] == lrs["torch"][0]  # float for float
    _assert_params_close(lrs["compat"][1], lrs["torch"][1])
    for key in ("last_epoch", "base_lrs", "_step_count", "_last_lr"):
        assert lrs["compat"][2][key] == lrs["torch"][2][key], key


def test_scheduler_warns_when_stepped_before_optimizer():
    for lib in (compat, torch):
        model, _, _ = make_problem(lib)
        opt = lib.optim.SGD(model.parameters(), lr=0.1)
        sched = lib.optim.lr_scheduler.StepLR(opt, 2)
        with pytest.warns(UserWarning, match="Detected call of `lr_scheduler.step\\(\\)` before"):
            sched.step()


def _raises_like(fn):
    with pytest.raises(Exception) as expected:
        fn(torch)
    with pytest.raises(Exception) as got:
        fn(compat)
    assert got.type is expected.type
    assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("fn", [
    lambda lib: lib.optim.SGD([], lr=0.1),
    lambda lib: lib.optim.Adam([lib.ones(2, requires_grad=True) * 2]),
    lambda lib: lib.optim.SGD(lib.ones(2, requires_grad=True), lr=0.1),
    lambda lib: lib.optim.SGD([1.0], lr=0.1),
    lambda lib: lib.optim.SGD([{"params": {lib.ones(2, requires_grad=True)}}], lr=0.1),
    lambda lib: lib.optim.SGD([lib.ones(2, requires_grad=True)], lr=-1),
    lambda lib: lib.optim.SGD([lib.ones(2, requires_grad=True)], lr=0.1, nesterov=True),
    lambda lib: lib.optim.Adam([lib.ones(2, requires_grad=True)], betas=(1.0, 0.9)),
    lambda lib: lib.optim.Adam([lib.ones(2, requires_grad=True)], eps=-1.0),
    lambda lib: lib.optim.RMSprop([lib.ones(2, requires_grad=True)], alpha=-0.5),
    lambda lib: lib.optim.Adagrad([lib.ones(2, requires_grad=True)], lr_decay=-0.5),
    lambda lib: (lambda p: lib.optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1))(
        lib.ones(2, requires_grad=True)),
    lambda lib: lib.optim.SGD([lib.ones(1, requires_grad=True)], lr=0.1).load_state_dict(
        {"state": {}, "param_groups": []}),
    lambda lib: lib.optim.SGD([lib.ones(1, requires_grad=True)], lr=0.1).load_state_dict(
        {"state": {}, "param_groups": [{"params": [0, 1], "lr": 0.1}]}),
])
def test_bad_input_raises_like_torch(fn):
    _raises_like(fn)


def test_duplicate_parameter_warns_like_torch():
    for lib in (compat, torch):
        p = lib.ones(2, requires_grad=True)
        with pytest.warns(UserWarning, match="duplicate parameters"):
            lib.optim.SGD([p, p], lr=0.1)


def test_zero_grad_modes():
    p = compat.nn.Parameter(compat.ones(2))
    opt = compat.optim.SGD([p], lr=0.1)
    (p * 3).sum().backward()
    opt.zero_grad(set_to_none=False)
    assert p.grad is not None and p.grad.tolist() == [0.0, 0.0]
    opt.zero_grad()
    assert p.grad is None
    opt.step()  # no gradient: nothing changes, no state
    assert p.tolist() == [1.0, 1.0] and len(opt.state) == 0


def test_tensor_lr_and_named_params():
    model, x, y = make_problem(compat)
    opt = compat.optim.SGD(model.named_parameters(), lr=compat.tensor(0.1))
    assert opt.param_groups[0]["param_names"][0] == "0.weight"
    loss_of(compat, model, x, y).backward()
    opt.step()


def test_user_defined_optimizer_subclass():
    """A torch-style custom optimizer (its own step and state) runs as in torch."""
    results = []
    for lib in (compat, torch):
        class SignSGD(lib.optim.Optimizer):
            def __init__(self, params, lr=0.01, beta=0.9):
                super().__init__(params, dict(lr=lr, beta=beta))

            @lib.no_grad()
            def step(self, closure=None):
                for group in self.param_groups:
                    for p in group["params"]:
                        if p.grad is None:
                            continue
                        state = self.state[p]
                        if "buf" not in state:
                            state["buf"] = lib.zeros_like(p)
                        state["buf"].mul_(group["beta"]).add_(p.grad)
                        p.add_(state["buf"].sign(), alpha=-group["lr"])

        model, x, y = make_problem(lib)
        opt = SignSGD(model.parameters(), lr=0.01)
        for _ in range(10):
            opt.zero_grad()
            loss_of(lib, model, x, y).backward()
            opt.step()
        sd = opt.state_dict()
        opt2 = SignSGD(model.parameters())
        opt2.load_state_dict(sd)
        results.append(([p.detach().numpy() for p in model.parameters()],
                        sd["state"][0]["buf"].numpy(), opt2.state_dict()["param_groups"]))
    _assert_params_close(results[0][0], results[1][0])
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-5)
    assert results[0][2] == results[1][2]
