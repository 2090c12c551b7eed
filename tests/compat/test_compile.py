"""torch.compile: a compiled step runs as one program, compiles once, and gives eager torch's
results; the wrapper module and the argument errors are torch's."""
from __future__ import annotations

import numpy as np
import pytest

import compat
from compat import lazy


@pytest.fixture
def fusion():
    before = lazy._ENABLED[0]
    compat.set_fusion(True)
    lazy.flush_thread()
    yield
    compat.set_fusion(before)


def _train(lib, compiled, steps=12, scheduler=False):
    lib.manual_seed(0)
    model = lib.nn.Sequential(lib.nn.Linear(5, 8), lib.nn.ReLU(), lib.nn.Linear(8, 2))
    opt = lib.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    sched = lib.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5) if scheduler else None
    x, y = lib.randn(16, 5), lib.randn(16, 2)

    def step():
        opt.zero_grad()
        loss = lib.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        return loss
    if compiled:
        step = compat.compile(step)
    losses = []
    for _ in range(steps):
        losses.append(step().item())
        if sched is not None:
            sched.step()
    return losses, [p.detach().numpy() for p in model.parameters()]


@pytest.mark.parametrize("scheduler", [False, True])
def test_compiled_step_gives_torch_eager_results(fusion, scheduler):
    torch = pytest.importorskip("torch")
    losses, params = _train(compat, True, scheduler=scheduler)
    want_losses, want_params = _train(torch, False, scheduler=scheduler)
    np.testing.assert_allclose(losses, want_losses, rtol=1e-5)
    for a, b in zip(params, want_params):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


def test_compiled_step_compiles_once_and_a_new_lr_is_an_input(fusion):
    _train(compat, True, steps=3)
    compiled = lazy.COMPILED[0]
    _train(compat, True, steps=20, scheduler=True)  # the lr changes every 3 steps
    assert lazy.COMPILED[0] == compiled


def test_one_program_per_compiled_call(fusion, monkeypatch):
    runs = []
    run = lazy.Program.run
    monkeypatch.setattr(lazy.Program, "run", lambda self: (runs.append(len(self.steps)),
                                                           run(self))[1])
    w = compat.ones(4, requires_grad=True)
    opt = compat.optim.SGD([w], lr=0.1)

    @compat.compile
    def step(x):
        opt.zero_grad()
        loss = (w * x).pow(2).sum()
        loss.backward()
        opt.step()
        return loss
    x = compat.arange(4.0)
    step(x)
    runs.clear()
    step(x)
    assert len(runs) == 1 and runs[0] > 5  # forward, backward and update in one program


def test_a_value_read_inside_a_compiled_call_breaks_the_graph_and_stays_exact(fusion):
    @compat.compile
    def f(x):
        y = x * 2
        if y.sum().item() > 5:  # needs the value: the program is cut here
            return y + 1
        return y - 1
    assert f(compat.ones(3)).tolist() == [3.0, 3.0, 3.0]
    assert f(compat.zeros(3)).tolist() == [-1.0, -1.0, -1.0]


def test_compiled_module_wrapper_is_torchs():
    torch = pytest.importorskip("torch")
    got = compat.compile(compat.nn.Linear(2, 1))
    validating = torch.distributions.Distribution._validate_args
    want = torch.compile(torch.nn.Linear(2, 1))  # constructing compiles nothing
    # Importing torch's compiler switches its distributions' argument validation off for the
    # whole process; later tests compare against torch's default.
    torch.distributions.Distribution.set_default_validate_args(validating)
    assert repr(got) == repr(want)
    assert list(got.state_dict()) == list(want.state_dict())
    assert got.in_features == want.in_features == 2
    assert isinstance(got, compat.nn.Module)
    assert got(compat.ones(3, 2)).shape == compat.Size([3, 1])


def test_decorator_with_arguments_and_disable():
    f = compat.compile(mode="reduce-overhead", fullgraph=True, dynamic=False)(lambda x: x + 1)
    assert f(compat.ones(2)).tolist() == [2.0, 2.0]
    g = lambda x: x  # noqa: E731
    assert compat.compile(g, disable=True) is g


@pytest.mark.parametrize("call", [
    lambda lib: lib.compile(3),
    lambda lib: lib.compile(lambda x: x, mode="bad"),
    lambda lib: lib.compile(lambda x: x, mode="max-autotune", options={}),
])
def test_argument_errors_are_torchs(call):
    torch = pytest.importorskip("torch")
    with pytest.raises(Exception) as want:
        call(torch)
    with pytest.raises(Exception) as got:
        call(compat)
    assert type(got.value) is type(want.value)
    assert str(got.value) == str(want.value)
