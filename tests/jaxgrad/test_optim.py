"""jaxgrad.optim against torch.optim: 100 steps of the same hyper-parameters must give the
same parameters to float32 round-off, with gradients that depend on the parameters."""
import chex
import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from jaxgrad import optim

torch = pytest.importorskip("torch")

STEPS = 100
TORCH_NAMES = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop",
               "adagrad": "Adagrad"}

CASES = [
    ("sgd", dict(lr=0.05)),
    ("sgd", dict(lr=0.05, momentum=0.9)),
    ("sgd", dict(lr=0.05, momentum=0.9, dampening=0.3, weight_decay=0.01)),
    ("sgd", dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01, maximize=True)),
    ("adam", dict(lr=0.01)),
    ("adam", dict(lr=0.01, betas=(0.8, 0.99), weight_decay=0.05)),
    ("adam", dict(lr=0.01, amsgrad=True)),
    ("adam", dict(lr=0.01, eps=1e-2, maximize=True)),
    ("adam", dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True)),
    ("adamw", dict(lr=0.01)),
    ("adamw", dict(lr=0.01, weight_decay=0.1, amsgrad=True, betas=(0.5, 0.9))),
    ("rmsprop", dict(lr=0.01)),
    ("rmsprop", dict(lr=0.01, alpha=0.9, centered=True)),
    ("rmsprop", dict(lr=0.01, momentum=0.9, weight_decay=0.01, eps=1e-3)),
    ("rmsprop", dict(lr=0.01, momentum=0.5, centered=True, maximize=True)),
    ("adagrad", dict(lr=0.1)),
    ("adagrad", dict(lr=0.1, lr_decay=0.05, initial_accumulator_value=0.5)),
    ("adagrad", dict(lr=0.1, weight_decay=0.1, eps=1e-3, maximize=True)),
]


def problem(dtype=np.float32, seed=0):
    """Initial params, a centre, per-element curvatures and per-step gradient noise."""
    rng = np.random.RandomState(seed)
    shapes = {"w": (3, 4), "b": (5,)}
    p0 = {k: rng.standard_normal(s).astype(dtype) for k, s in shapes.items()}
    centre = {k: rng.standard_normal(s).astype(dtype) for k, s in shapes.items()}
    curv = {k: rng.uniform(0.1, 2.0, s).astype(dtype) for k, s in shapes.items()}
    noise = {k: (0.3 * rng.standard_normal((STEPS,) + s)).astype(dtype)
             for k, s in shapes.items()}
    return p0, centre, curv, noise


def gradient(p, c, s, n):
    # The same float32 expression on both sides: the gradient of a noisy quadratic.
    return (p - c) * s + n


def torch_trajectory(name, kw, dtype=np.float32):
    p0, centre, curv, noise = problem(dtype)
    params = {k: torch.tensor(v, requires_grad=True) for k, v in p0.items()}
    opt = getattr(torch.optim, TORCH_NAMES[name])(list(params.values()), **kw)
    out = []
    for t in range(STEPS):
        with torch.no_grad():
            for k, p in params.items():
                p.grad = gradient(p, torch.tensor(centre[k]), torch.tensor(curv[k]),
                                  torch.tensor(noise[k][t]))
        opt.step()
        out.append({k: p.detach().numpy().copy() for k, p in params.items()})
    return {k: np.stack([o[k] for o in out]) for k in p0}


def jax_trajectory(name, kw, steps=STEPS, jit=True, dtype=np.float32):
    p0, centre, curv, noise = problem(dtype)
    opt = getattr(optim, name)(**kw)

    def step(carry, n):
        p, state = carry
        g = jax.tree.map(gradient, p, centre, curv, n)
        updates, state = opt.update(g, state, p)
        p = optax.apply_updates(p, updates)
        return (p, state), p

    p = jax.tree.map(jnp.asarray, p0)
    state = opt.init(p)
    if jit:
        _, traj = jax.jit(lambda c, xs: jax.lax.scan(step, c, xs))((p, state), noise)
        return traj
    carry, out = (p, state), []
    for t in range(steps):
        carry, p = step(carry, {k: v[t] for k, v in noise.items()})
        out.append(p)
    return {k: np.stack([o[k] for o in out]) for k in p0}


def _id(case):
    name, kw = case
    return name + "-" + ",".join(f"{k}={v}" for k, v in kw.items())


# float64 shows the update rules are torch's (agreement to 1e-12); float32 shows the same
# within round-off, which the centred RMSprop's sqrt(E[g²] - E[g]²) amplifies most.
@pytest.mark.parametrize("dtype,rtol,atol", [(np.float32, 2e-5, 1e-5), (np.float64, 1e-12, 1e-13)],
                         ids=["float32", "float64"])
@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_matches_torch_over_100_steps(case, dtype, rtol, atol):
    name, kw = case
    expected = torch_trajectory(name, kw, dtype)
    got = jax_trajectory(name, kw, dtype=dtype)
    for k in expected:
        assert got[k].dtype == dtype
        np.testing.assert_allclose(got[k], expected[k], rtol=rtol, atol=atol,
                                   err_msg=f"{name} {kw} param {k}")


@pytest.mark.parametrize("case", CASES[::3], ids=[_id(c) for c in CASES[::3]])
def test_without_jit_matches_jit(case):
    name, kw = case
    eager = jax_trajectory(name, kw, steps=3, jit=False)
    compiled = jax_trajectory(name, kw)
    chex.assert_trees_all_close({k: v[:3] for k, v in compiled.items()}, eager, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_state_keeps_its_dtypes_and_shapes(case):
    # In 64-bit mode a stray Python-float constant could widen float32 state to float64,
    # which would recompile a jitted step on its second call.
    name, kw = case
    opt = getattr(optim, name)(**kw)
    params = {"w": jnp.ones((2, 3), jnp.float32), "b": jnp.zeros(3, jnp.float32)}
    state = opt.init(params)
    updates, new_state = jax.jit(opt.update)(jax.tree.map(jnp.ones_like, params), state, params)
    chex.assert_trees_all_equal_shapes_and_dtypes(new_state, state)
    chex.assert_trees_all_equal_shapes_and_dtypes(updates, params)


def test_learning_rate_schedule_is_an_optax_schedule():
    # torch's StepLR stepped once per optimizer step equals optim.step_lr.
    p0, centre, curv, noise = problem()
    params = {k: torch.tensor(v, requires_grad=True) for k, v in p0.items()}
    opt = torch.optim.SGD(list(params.values()), lr=0.1, momentum=0.5)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=7, gamma=0.5)
    for t in range(30):
        with torch.no_grad():
            for k, p in params.items():
                p.grad = gradient(p, torch.tensor(centre[k]), torch.tensor(curv[k]),
                                  torch.tensor(noise[k][t]))
        opt.step()
        sched.step()
    got = jax_trajectory("sgd", dict(lr=optim.step_lr(0.1, 7, 0.5), momentum=0.5))
    for k, p in params.items():
        np.testing.assert_allclose(got[k][29], p.detach().numpy(), rtol=2e-5, atol=2e-6)


@pytest.mark.parametrize("make,torch_sched", [
    (lambda: optim.step_lr(0.3, 4, 0.5), lambda o: torch.optim.lr_scheduler.StepLR(o, 4, 0.5)),
    (lambda: optim.exponential_lr(0.3, 0.9), lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.9)),
    (lambda: optim.cosine_annealing_lr(0.3, 10, 0.01),
     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 10, 0.01)),
])
def test_schedules_match_torch_schedulers(make, torch_sched):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.3)
    sched = torch_sched(opt)
    expected = []
    for _ in range(11):
        expected.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    schedule = make()
    np.testing.assert_allclose([float(schedule(t)) for t in range(11)], expected, rtol=1e-6)


@pytest.mark.parametrize("name,kw", [
    ("sgd", dict(lr=-1.0)), ("sgd", dict(momentum=-0.1)), ("sgd", dict(weight_decay=-1.0)),
    ("sgd", dict(nesterov=True)), ("sgd", dict(momentum=0.9, dampening=0.1, nesterov=True)),
    ("adam", dict(eps=-1.0)), ("adam", dict(betas=(1.0, 0.9))), ("adam", dict(betas=(0.9, -0.1))),
    ("rmsprop", dict(alpha=-0.5)), ("adagrad", dict(lr_decay=-1.0)),
    ("adagrad", dict(initial_accumulator_value=-1.0)),
])
def test_invalid_hyper_parameters_raise_as_torch(name, kw):
    with pytest.raises(ValueError) as theirs:
        getattr(torch.optim, TORCH_NAMES[name])([torch.zeros(1, requires_grad=True)], **kw)
    with pytest.raises(ValueError) as ours:
        getattr(optim, name)(**kw)
    assert str(ours.value) == str(theirs.value)
