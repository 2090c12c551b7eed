"""Helpers for the differential tests of compat.nn against torch.nn.

``run_module(make, inputs)`` builds the same module in both libraries after the same
``manual_seed`` (so default initialisation must agree), runs it on the same inputs, then
back-propagates ``sum(out * w)`` and returns both sides' parameters, outputs and gradients
for :func:`assert_close` to compare. Expected values come only from torch.
"""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402

RTOL, ATOL = 2e-5, 2e-6


def to_np(t):
    if t is None:
        return None
    if isinstance(t, torch.Tensor):
        return t.detach().cpu().numpy().copy()
    return np.array(t.detach()._value)


def assert_close(c, t, rtol=RTOL, atol=ATOL, what=""):
    """compat value ``c`` equals torch value ``t`` (tensors: shape, dtype, values)."""
    if isinstance(t, (tuple, list)):
        assert len(c) == len(t), what
        for i, (a, b) in enumerate(zip(c, t)):
            assert_close(a, b, rtol, atol, f"{what}[{i}]")
        return
    if t is None:
        assert c is None, what
        return
    if isinstance(t, torch.Tensor):
        assert isinstance(c, compat.Tensor), f"{what}: {type(c)}"
        assert tuple(c.shape) == tuple(t.shape), f"{what}: {tuple(c.shape)} != {tuple(t.shape)}"
        assert str(c.dtype) == str(t.dtype), f"{what}: {c.dtype} != {t.dtype}"
        np.testing.assert_allclose(to_np(c), to_np(t), rtol=rtol, atol=atol, err_msg=what)
        return
    assert c == t, what


def tensors(lib, arrays, requires_grad):
    out = []
    for a in arrays:
        a = np.asarray(a)
        t = lib.tensor(a.copy())
        if requires_grad and a.dtype.kind == "f":
            t.requires_grad_(True)
        out.append(t)
    return out


def run_module(lib, make, arrays, seed=0, grad_inputs=True, train=True, calls=1):
    """Construct under ``seed``, forward ``calls`` times, backward the last output."""
    lib.manual_seed(seed)
    module = make(lib)
    module.train(train)
    init = {k: to_np(v) for k, v in module.state_dict().items()}
    xs = tensors(lib, arrays, grad_inputs)
    for _ in range(calls):
        out = module(*xs)
    first = out[0] if isinstance(out, tuple) else out
    grads = {}
    if first.requires_grad:
        w = lib.tensor(np.linspace(-1, 1, max(first.numel(), 1)).reshape(tuple(first.shape))
                       .astype(np.float64)).to(first.dtype)
        (first * w).sum().backward()
        grads = {name: to_np(p.grad) for name, p in module.named_parameters()}
        grads.update({f"input{i}": to_np(x.grad) for i, x in enumerate(xs)
                      if x.requires_grad})
    state = {k: to_np(v) for k, v in module.state_dict().items()}
    return module, init, out, grads, state


def check_module(make, arrays, rtol=RTOL, atol=ATOL, **kw):
    """The module agrees with torch's: default init, output, gradients, state after."""
    mc, init_c, out_c, grads_c, state_c = run_module(compat, make, arrays, **kw)
    mt, init_t, out_t, grads_t, state_t = run_module(torch, make, arrays, **kw)
    assert list(init_c) == list(init_t)
    for k in init_t:
        np.testing.assert_allclose(init_c[k], init_t[k], rtol=1e-6, atol=1e-7,
                                   err_msg=f"init {k}")
    assert_close(out_c, out_t, rtol, atol, "output")
    assert sorted(grads_c) == sorted(grads_t)
    for k in grads_t:
        if grads_t[k] is None:
            assert grads_c[k] is None, k
            continue
        np.testing.assert_allclose(grads_c[k], grads_t[k], rtol=rtol * 10, atol=atol * 10,
                                   err_msg=f"grad {k}")
    for k in state_t:
        np.testing.assert_allclose(state_c[k], state_t[k], rtol=rtol, atol=atol,
                                   err_msg=f"state {k}")
    assert repr(mc) == repr(mt)
    return mc, mt


def raises_like(fn):
    """``fn(lib)`` raises the same exception type and message in both libraries."""
    with pytest.raises(Exception) as expected:
        fn(torch)
    with pytest.raises(Exception) as got:
        fn(compat)
    t_type = expected.type
    while t_type.__module__.startswith("torch"):
        t_type = t_type.__base__
    assert issubclass(got.type, t_type), (got.type, expected.type, str(got.value))
    assert str(got.value) == str(expected.value)
    return got.value
