"""Lazy fusion: a training loop compiles once, memory stays flat, and fused results equal the
per-op path's (and torch's where torch is installed)."""
from __future__ import annotations

import gc
import threading

import jax
import numpy as np
import pytest

import compat
from compat import lazy


@pytest.fixture
def fusion():
    """Fusion on for the test (whatever the suite runs with), restored afterwards."""
    before = lazy._ENABLED[0]
    compat.set_fusion(True)
    lazy.flush_thread()  # nothing left pending by an earlier test joins this one's programs
    yield
    compat.set_fusion(before)


def _seed_loop(lib, n=100):
    """The seed documents' loop, as they write it; returns a function running one epoch."""
    lib.manual_seed(42)
    x = lib.rand(n, 1)
    y = 1 + 2 * x + .1 * lib.randn(n, 1)
    b = lib.randn(1, requires_grad=True, dtype=lib.float)
    w = lib.randn(1, requires_grad=True, dtype=lib.float)

    def epoch():
        loss = ((y - (b + w * x)) ** 2).mean()
        loss.backward()
        with lib.no_grad():
            b.sub_(0.1 * b.grad)
            w.sub_(0.1 * w.grad)
        b.grad.zero_()
        w.grad.zero_()
        return loss
    return epoch, (b, w)


def _mlp_steps(lib, opt_name, steps=15):
    lib.manual_seed(0)
    model = lib.nn.Sequential(lib.nn.Linear(6, 16), lib.nn.Tanh(), lib.nn.Linear(16, 3))
    opt = (lib.optim.SGD(model.parameters(), lr=0.1, momentum=0.9) if opt_name == "sgd"
           else lib.optim.AdamW(model.parameters(), lr=1e-2))
    x, target = lib.randn(32, 6), lib.randint(0, 3, (32,))
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = lib.nn.functional.cross_entropy(model(x), target)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, [p.detach().numpy() for p in model.parameters()]


def test_seed_loop_compiles_once_then_only_replays(fusion):
    epoch, _ = _seed_loop(compat)
    for _ in range(4):  # first epochs: op by op, then the recurring epoch is compiled
        epoch()
    compiled = lazy.COMPILED[0]
    for _ in range(200):
        loss = epoch()
    loss.item()
    assert lazy.COMPILED[0] == compiled
    assert compiled >= 1  # the steady-state epoch did compile (the count is real)


def test_mlp_loop_compiles_a_fixed_number_of_programs(fusion):
    for _ in range(2):  # the first step's program recurs (compiles) only when the loop reruns
        _mlp_steps(compat, "adamw", steps=4)
    compiled = lazy.COMPILED[0]
    _mlp_steps(compat, "adamw", steps=30)
    assert lazy.COMPILED[0] == compiled


def test_memory_stays_flat_over_10k_fused_epochs(fusion):
    epoch, params = _seed_loop(compat)
    for _ in range(2):  # reading a value mid-step cuts a program of its own, once
        for _ in range(100):
            epoch()
        params[0].item()
    gc.collect()
    arrays, trie = len(jax.live_arrays()), lazy._TRIE_SIZE[0]
    pendings = sum(type(o) is lazy.Pending for o in gc.get_objects())
    for _ in range(10_000):
        epoch()
    params[0].item()
    gc.collect()
    assert len(jax.live_arrays()) <= arrays + 2
    assert lazy._TRIE_SIZE[0] == trie
    assert sum(type(o) is lazy.Pending for o in gc.get_objects()) <= pendings + 2


@pytest.mark.parametrize("opt_name", ["sgd", "adamw"])
def test_fused_training_agrees_with_the_per_op_path(opt_name):
    """XLA contracts a*b+c into one fused multiply-add inside a fused program (no XLA:CPU
    option turns that off), so a fused step may differ from the per-op path in the last bit."""
    before = lazy._ENABLED[0]
    try:
        compat.set_fusion(False)
        losses_off, params_off = _mlp_steps(compat, opt_name)
        compat.set_fusion(True)
        losses_on, params_on = _mlp_steps(compat, opt_name)
    finally:
        compat.set_fusion(before)
    np.testing.assert_allclose(losses_on, losses_off, rtol=1e-6)
    for a, b in zip(params_on, params_off):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("opt_name", ["sgd", "adamw"])
def test_fused_training_matches_torch(fusion, opt_name):
    torch = pytest.importorskip("torch")
    losses, params = _mlp_steps(compat, opt_name)
    want_losses, want_params = _mlp_steps(torch, opt_name)
    np.testing.assert_allclose(losses, want_losses, rtol=1e-5)
    for a, b in zip(params, want_params):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


def test_seed_loop_matches_torch_after_100_epochs(fusion):
    torch = pytest.importorskip("torch")
    got_epoch, got = _seed_loop(compat)
    want_epoch, want = _seed_loop(torch)
    for _ in range(100):
        got_loss, want_loss = got_epoch(), want_epoch()
    assert f"{got_loss.item():.6f}" == f"{want_loss.item():.6f}"
    for g, w in zip(got, want):
        np.testing.assert_allclose(g.detach().numpy(), w.detach().numpy(), rtol=2e-6)


def test_values_are_recorded_until_needed(fusion):
    x = compat.ones(3)
    y = (x * 2).exp()
    assert type(y._store) is lazy.Pending  # nothing has run
    assert y.shape == compat.Size([3]) and y.dtype == compat.float32
    assert repr(y) == "tensor([7.3891, 7.3891, 7.3891])"
    assert type(y._store) is not lazy.Pending


def test_shape_errors_raise_at_the_recording_line_in_torchs_words(fusion):
    a = compat.ones(2, 3) * 2
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(3\) must match the size of "
                                           r"tensor b \(4\) at non-singleton dimension 1"):
        a + compat.ones(4)
    assert a.sum().item() == 12.0  # the refused op left the program as it was


def test_python_control_flow_on_values_cuts_the_program(fusion):
    x = compat.tensor([1.0, -2.0, 3.0])
    total = 0
    for _ in range(3):
        x = x * -1
        if (x > 0).sum() > 1:  # needs a value: the pending ops run here
            total += 1
    assert total == 1  # signs: [-,+,-], [+,-,+], [-,+,-]


def test_another_threads_pending_value_can_be_read(fusion):
    out = {}

    def make():
        out["y"] = compat.ones(4) * 3  # recorded in this thread's program, never flushed here
    thread = threading.Thread(target=make)
    thread.start()
    thread.join()
    assert out["y"].sum().item() == 12.0


def test_set_fusion_false_runs_pending_work_and_records_nothing():
    before = lazy._ENABLED[0]
    try:
        compat.set_fusion(True)
        y = compat.ones(2) + 1
        compat.set_fusion(False)
        assert getattr(y._store, "program", None) is None  # computed
        z = y * 2
        assert type(z._store) is not lazy.Pending
        assert z.tolist() == [4.0, 4.0]
    finally:
        compat.set_fusion(before)


def _language_model_step(lib, vocab=11, dim=8):
    """A GPT-style step: embedding lookup, cross_entropy on a flattened target, AdamW."""
    lib.manual_seed(0)
    embed, head = lib.nn.Embedding(vocab, dim), lib.nn.Linear(dim, vocab)
    opt = lib.optim.AdamW([*embed.parameters(), *head.parameters()], lr=1e-2)
    tokens = lib.randint(0, vocab, (4, 6))

    def step():
        idx, target = tokens[:, :-1], tokens[:, 1:]
        logits = head(embed(idx))
        loss = lib.nn.functional.cross_entropy(logits.view(-1, vocab), target.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss
    return step, embed, head


def test_host_checks_on_pending_values_do_not_cut_a_training_step(fusion, monkeypatch):
    """The index checks of embedding and cross_entropy read a pending index value; they compute
    it from its few steps alone, so the step still runs as one program."""
    step, *_ = _language_model_step(compat)
    for _ in range(4):
        step()
    runs = []
    original = lazy.Program.run
    monkeypatch.setattr(lazy.Program, "run", lambda self: (runs.append(1), original(self))[1])
    for _ in range(10):
        loss = step()
    loss.item()
    assert 1 <= len(runs) <= 11  # one program a step (the loss read ends the last)


def test_language_model_step_matches_torch_with_host_checks_fused(fusion):
    torch = pytest.importorskip("torch")
    got_step, *got = _language_model_step(compat)
    want_step, *want = _language_model_step(torch)
    for _ in range(8):
        got_loss, want_loss = got_step(), want_step()
    np.testing.assert_allclose(got_loss.item(), want_loss.item(), rtol=1e-5)
    for g, w in zip(got, want):
        for a, b in zip(g.parameters(), w.parameters()):
            np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-4,
                                       atol=1e-6)


def test_out_of_range_pending_indices_raise_torchs_errors(fusion):
    weight = compat.nn.Parameter(compat.randn(5, 3))
    bad = compat.tensor([[1, 7]]).view(-1) + 0  # pending when the check reads it
    assert type(bad._store) is lazy.Pending
    with pytest.raises(IndexError, match="index out of range in self"):
        compat.nn.functional.embedding(bad, weight)
    logits = compat.randn(2, 5, requires_grad=True) * 1
    with pytest.raises(IndexError, match="Target 7 is out of bounds."):
        compat.nn.functional.cross_entropy(logits, bad)
