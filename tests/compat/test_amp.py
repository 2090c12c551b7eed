"""Mixed precision against torch 2.13 CPU: GradScaler (the disabled CUDA one and the enabled
CPU one over training steps with an inf gradient) and CPU autocast's cast policy."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from oracle import check_program, check_raises

torch = pytest.importorskip("torch")

X = np.linspace(-1.0, 1.0, 12, dtype=np.float32).reshape(3, 4)
W = np.linspace(-0.5, 0.7, 8, dtype=np.float32).reshape(2, 4)


def _recorded(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn()
    return result, [(w.category.__name__, str(w.message)) for w in caught]


# --- GradScaler -------------------------------------------------------------------------------

def test_cuda_scaler_without_cuda_warns_and_is_disabled():
    def program(lib):
        w = lib.tensor(W, requires_grad=True)
        opt = lib.optim.SGD([w], lr=0.1)
        out = []
        for make in (lambda: lib.amp.GradScaler("cuda"), lambda: lib.cuda.amp.GradScaler(),
                     lambda: lib.amp.GradScaler()):
            scaler, caught = _recorded(make)
            loss = (w * 2).sum()
            scaled = scaler.scale(loss)
            scaled.backward()
            scaler.unscale_(opt)
            scaler.step(opt)
            scaler.update()
            out += [caught, scaled is loss, scaler.is_enabled(), scaler.get_scale(),
                    scaler.state_dict(), w.detach().clone()]
            scaler.load_state_dict({})
            opt.zero_grad()
        return out
    check_program(program)


def test_cpu_scaler_defaults_and_state_dict():
    def program(lib):
        s = lib.amp.GradScaler("cpu", init_scale=8.0, growth_interval=3)
        before = s.state_dict()
        scaled = s.scale(lib.tensor([1.0, 2.0]))
        many = s.scale([lib.tensor(1.0), (lib.tensor(2.0), lib.tensor(3.0))])
        return (before, s.get_scale(), scaled, many, s.is_enabled(), s.get_growth_factor(),
                s.get_backoff_factor(), s.get_growth_interval())
    check_program(program)


def test_cpu_scaler_training_skips_inf_steps_and_schedules_the_scale():
    def program(lib):
        w = lib.tensor(W, requires_grad=True)
        x = lib.tensor(X)
        opt = lib.optim.SGD([w], lr=0.05, momentum=0.9)
        scaler = lib.amp.GradScaler("cpu", init_scale=2.0 ** 10, growth_interval=2)
        out = []
        for step in range(7):
            opt.zero_grad()
            xb = x * float("inf") if step in (2, 5) else x
            loss = ((xb @ w.t()) ** 2).mean()
            scaler.scale(loss).backward()
            if step == 4:
                scaler.unscale_(opt)
                out.append(w.grad.clone())
            ret = scaler.step(opt)
            scaler.update()
            out += [ret, w.detach().clone(), scaler.get_scale(), scaler.state_dict()]
        other = lib.amp.GradScaler("cpu")
        other.load_state_dict(scaler.state_dict())
        out.append(other.state_dict())
        return out
    check_program(program)


def test_cpu_scaler_errors():
    def twice(lib):
        w = lib.tensor(W, requires_grad=True)
        opt = lib.optim.SGD([w], lr=0.1)
        s = lib.amp.GradScaler("cpu")
        s.scale(w.sum()).backward()
        s.unscale_(opt)
        s.unscale_(opt)

    def after_step(lib):
        w = lib.tensor(W, requires_grad=True)
        opt = lib.optim.SGD([w], lr=0.1)
        s = lib.amp.GradScaler("cpu")
        s.scale(w.sum()).backward()
        s.step(opt)
        s.step(opt)

    def unscaled(lib):
        lib.amp.GradScaler("cpu").step(lib.optim.SGD([lib.tensor(W, requires_grad=True)]))

    def no_grads(lib):
        w = lib.tensor(W, requires_grad=True)
        s = lib.amp.GradScaler("cpu")
        s.scale(w.sum())
        s.step(lib.optim.SGD([w], lr=0.1))

    check_raises(no_grads)
    check_raises(twice)
    check_raises(after_step)
    check_raises(unscaled)
    check_raises(lambda lib: lib.amp.GradScaler("cpu").load_state_dict({}))
    check_raises(lambda lib: lib.amp.GradScaler("cpu", growth_factor=1.0))


# --- autocast ---------------------------------------------------------------------------------

def test_cuda_autocast_without_cuda_warns_and_changes_nothing():
    def program(lib):
        a = lib.tensor(X)

        def run(make):
            ctx = make()
            with ctx:
                return a @ a.t(), lib.is_autocast_enabled("cuda"), lib.is_autocast_enabled()
        return [_recorded(lambda: run(lambda: lib.autocast("cuda"))),
                _recorded(lambda: run(lambda: lib.cuda.amp.autocast())),
                _recorded(lambda: run(lambda: lib.autocast("cpu", dtype=lib.float32))),
                lib.get_autocast_dtype("cuda")]
    check_program(program)


def test_cpu_autocast_state_and_deprecated_spellings():
    def program(lib):
        out = [lib.is_autocast_enabled("cpu"), lib.get_autocast_dtype("cpu")]
        with lib.autocast("cpu") as ctx:
            out += [lib.is_autocast_enabled("cpu"), lib.is_autocast_enabled(), type(ctx).__name__]
            with lib.autocast("cpu", dtype=lib.float16):
                out.append(lib.get_autocast_dtype("cpu"))
                with lib.autocast("cpu", enabled=False):
                    out.append(lib.is_autocast_enabled("cpu"))
                out.append(lib.is_autocast_enabled("cpu"))
            out.append(lib.get_autocast_dtype("cpu"))
        ctx, caught = _recorded(lambda: lib.cpu.amp.autocast())
        with ctx:
            out += [caught, lib.is_autocast_enabled("cpu")]
        out.append(lib.is_autocast_enabled("cpu"))
        with lib.autocast("cpu"):
            out.append(_recorded(lambda: (lib.get_autocast_cpu_dtype(),
                                          lib.get_autocast_gpu_dtype(),
                                          lib.is_autocast_cpu_enabled())))
        return out
    check_program(program)
    check_raises(lambda lib: lib.autocast("xyz"))


def _layers(lib):
    x = lib.tensor(X, requires_grad=True)
    w = lib.tensor(W, requires_grad=True)
    b = lib.tensor([0.1, -0.2], requires_grad=True)
    k = lib.tensor(np.linspace(-1, 1, 12, dtype=np.float32).reshape(2, 2, 3), requires_grad=True)
    return x, w, b, k


def test_cpu_autocast_casts_lower_precision_and_fp32_ops():
    def program(lib):
        F = lib.nn.functional
        x, w, b, k = _layers(lib)
        target = lib.tensor([1, 0, 1])
        with lib.autocast("cpu"):
            y = F.linear(x, w, b)
            m = x @ x.t()
            mm = lib.mm(x, x.t())
            c = F.conv1d(x.reshape(1, 2, 6), k)
            s = lib.softmax(y, dim=1)
            ce = F.cross_entropy(y, target)
            mse = F.mse_loss(y, lib.zeros(3, 2))
            l1 = F.l1_loss(y, lib.zeros(3, 2))
            bce = F.binary_cross_entropy_with_logits(y, lib.ones(3, 2))
            r = lib.relu(y)
            d = x.double() @ x.double().t()
        total = ce + mse + l1 + bce + (y.float() ** 2).sum() + m.float().sum() + c.float().sum()
        total.backward()
        return [y, m, mm, c, s, ce, mse, l1, bce, r, d,
                x.grad, w.grad, b.grad, k.grad, x.grad.dtype, w.grad.dtype]
    check_program(program, rtol=2e-2, atol=2e-2)


def _chain(t):
    """The graph below ``t`` as nested (name, inputs) pairs."""
    def walk(node):
        return (type(node).__name__, [walk(f) for f, _ in node.next_functions if f is not None])
    return walk(t.grad_fn)


def test_cpu_autocast_grad_fn_chain_and_promote():
    def program(lib):
        x, w, b, _ = _layers(lib)
        with lib.autocast("cpu"):
            y = lib.nn.functional.linear(x, w, b)
            names = [_chain(x @ w.t()), _chain(lib.nn.functional.mse_loss(x @ w.t(), lib.zeros(3, 2))),
                     type(y.grad_fn).__name__]
            cat = lib.cat([y, lib.ones(3, 2)])
            cat_low = lib.cat([y, y])
            st = lib.stack([y, lib.ones(3, 2, dtype=lib.float64)])
        return names, cat.dtype, cat_low.dtype, st.dtype, type(cat.grad_fn).__name__
    check_program(program)


def test_cpu_autocast_under_no_grad_and_as_decorator():
    def program(lib):
        x, w, b, _ = _layers(lib)

        @lib.autocast("cpu")
        def f(a):
            return lib.nn.functional.linear(a, w, b)
        with lib.no_grad():
            with lib.autocast("cpu"):
                y = lib.nn.functional.linear(x, w, b)
        z = f(x)
        return y, y.requires_grad, z, lib.is_autocast_enabled("cpu")
    check_program(program, rtol=2e-2, atol=2e-2)


def test_cpu_autocast_caches_weight_casts_per_region():
    def program(lib):
        x = lib.ones(2, 2, requires_grad=True)
        with lib.autocast("cpu"):
            a, b = x @ x, x @ x
            shared = a.grad_fn.next_functions[0][0] is b.grad_fn.next_functions[0][0]
            with lib.autocast("cpu", cache_enabled=False):
                c = x @ x
            uncached = c.grad_fn.next_functions[0][0] is a.grad_fn.next_functions[0][0]
        with lib.autocast("cpu"):
            d = x @ x
        fresh = d.grad_fn.next_functions[0][0] is a.grad_fn.next_functions[0][0]
        (a.float().sum() + b.float().sum() + d.float().sum()).backward()
        return shared, uncached, fresh, x.grad, lib.is_autocast_cache_enabled()
    check_program(program)


def test_cpu_autocast_policy_over_more_ops():
    def program(lib):
        F = lib.nn.functional
        x = lib.tensor(X, requires_grad=True)
        low = lib.tensor(X).to(lib.bfloat16)
        q = lib.tensor(X.reshape(1, 3, 4), requires_grad=True)
        with lib.autocast("cpu"):
            out = [lib.addmm(lib.ones(3), x, x.t()), lib.bmm(q, q.transpose(1, 2)),
                   lib.prod(low, 1), F.scaled_dot_product_attention(q, q, q).detach(),
                   F.conv2d(x.reshape(1, 1, 3, 4), lib.ones(1, 1, 2, 2)),
                   F.prelu(x, lib.tensor([0.25])),
                   F.nll_loss(low, lib.tensor([0, 1, 2])), F.kl_div(low, low.exp()),
                   lib.index_copy(low[0], 0, lib.tensor([0]), lib.ones(1)),
                   lib.tanh(low), low + x]
            out += [F.pad(low.reshape(1, 3, 4), (1, 1), mode=m) for m in
                    ("constant", "reflect", "replicate", "circular")]
            out.append(F.pad(low.reshape(1, 1, 1, 3, 4), (1, 1, 1, 1, 0, 0), mode="reflect"))
        return out
    check_program(program, rtol=2e-2, atol=2e-2)


def test_autocast_and_scaler_train_a_model():
    def program(lib):
        model = lib.nn.Sequential(lib.nn.Linear(4, 8), lib.nn.ReLU(), lib.nn.Linear(8, 3))
        opt = lib.optim.Adam(model.parameters(), lr=1e-2)
        scaler = lib.amp.GradScaler("cpu", growth_interval=2)
        x, target = lib.tensor(X), lib.tensor([0, 2, 1])
        out = []
        for _ in range(4):
            opt.zero_grad()
            with lib.autocast("cpu"):
                logits = model(x)
                loss = lib.nn.functional.cross_entropy(logits, target)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            out += [logits.dtype, loss, model[0].weight.grad.dtype, scaler.get_scale()]
        return out + [p.detach().clone() for p in model.parameters()]
    check_program(program, seed=0, rtol=3e-2, atol=3e-2)


def test_cpu_autocast_float16_and_module_imports():
    def program(lib):
        x = lib.tensor(X, requires_grad=True)
        with lib.autocast("cpu", dtype=lib.float16):
            y = x @ x.t()
            z = lib.cat([x[:, :3], y.to(lib.bfloat16), y])
        y.float().sum().backward()
        return y, z.dtype, x.grad

    def mixed(lib):
        with lib.autocast("cpu", dtype=lib.float16):
            lib.cat([lib.ones(2, dtype=lib.float16), lib.ones(2, dtype=lib.bfloat16)])
    check_program(program, rtol=1e-2, atol=1e-2)
    check_raises(mixed)
    import compat.cpu.amp  # noqa: F401  (torch's module names import)
    from compat.cuda.amp import GradScaler, autocast  # noqa: F401
