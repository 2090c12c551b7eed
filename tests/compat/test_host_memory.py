"""Memory shared with NumPy (``from_numpy``, ``as_tensor``, ``numpy()``, ``nn.Parameter``),
against torch: writes through either side are seen by the other, an op keeps the values of
the moment it was called, and autograd through shared tensors is torch's."""
from __future__ import annotations

import copy
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from compat import host_memory, lazy
from oracle import assert_same, both, check_program, check_raises, compat, torch


@pytest.fixture(params=[True, False], ids=["fused", "per-op"])
def fusion(request):
    before = lazy._ENABLED[0]
    compat.set_fusion(request.param)
    yield request.param
    compat.set_fusion(before)


def _texts(program):
    ours, theirs = both(program)
    assert ours == theirs
    return ours


def test_the_tutorials_bridge_prints_what_torch_prints(fusion):
    def program(torch):
        out = []
        t = torch.ones(5)
        n = t.numpy()
        t.add_(1)
        out += [str(t), str(n)]
        n = np.ones(5)
        t = torch.from_numpy(n)
        np.add(n, 1, out=n)
        out += [str(t), str(n)]
        return out
    _texts(program)


@pytest.mark.parametrize("make_view", [
    lambda x: x.t(), lambda x: x[1], lambda x: x[:, 1:], lambda x: x[:, ::2],
    lambda x: x.view(-1)[2:5], lambda x: x.unsqueeze(0), lambda x: x.detach()[0],
], ids=["t", "select", "slice", "step", "flat", "unsqueeze", "detach"])
def test_a_views_numpy_array_shares_its_strides_and_writes(fusion, make_view):
    def program(torch):
        x = torch.arange(12.).view(3, 4)
        view = make_view(x)
        n = view.numpy()
        facts = [n.shape, n.strides, n.flags.writeable]
        n[(0,) * n.ndim] = 100.  # NumPy writes reach the tensor and its other views
        facts.append(str(x))
        view.mul_(2)  # writes through the view reach the array
        facts.append(n.tolist())
        x.add_(1)
        facts.append(n.tolist())
        return facts
    _texts(program)


def test_views_made_before_numpy_follow_the_shared_memory(fusion):
    def program(torch):
        x = torch.zeros(2, 3)
        v = x[0]
        n = x.numpy()
        n[0, 1] = 7.
        out = [str(v)]
        v.add_(1)
        out.append(n.tolist())
        n[0, 0] = -1.
        out.append(str(v.sum()))
        return out
    _texts(program)


@pytest.mark.parametrize("size", [6, 600 * 600], ids=["small", "large"])
def test_an_op_keeps_the_values_of_the_moment_it_was_called(fusion, size):
    assert (size * 4 > host_memory.SNAPSHOT_LIMIT) == (size > 6)  # both reading paths run

    def program(torch):
        n = np.arange(size, dtype=np.float32)
        t = torch.from_numpy(n)
        doubled, head, total = t * 2, t[:3].clone(), t.sum()
        n[:3] = -5.  # after the ops: torch has run them already
        later = t[:3] * 1
        return [doubled[:4], head, total, later, t[:3]]
    check_program(program, ulps=0)


@pytest.mark.parametrize("size", [16, 512 * 1024], ids=["small", "large"])
def test_a_reused_input_buffer_gives_each_step_its_own_values(fusion, size):
    def program(torch):
        torch.manual_seed(0)
        model = torch.nn.Linear(size // 16, 3)
        buffer = np.empty((16, size // 16), dtype=np.float32)
        outputs = []
        for step in range(3):
            buffer[...] = step + np.linspace(0, 1, buffer.size, dtype=np.float32).reshape(
                buffer.shape)
            outputs.append(model(torch.from_numpy(buffer)).detach())
        return outputs
    check_program(program, rtol=1e-5, atol=1e-5)


def test_as_tensor_asarray_and_tensor_share_or_copy_as_torch(fusion):
    def program(torch):
        n = np.arange(4.)
        made = {"as_tensor": torch.as_tensor(n), "as_tensor cpu": torch.as_tensor(n, device="cpu"),
                "as_tensor same dtype": torch.as_tensor(n, dtype=torch.float64),
                "as_tensor other dtype": torch.as_tensor(n, dtype=torch.float32),
                "asarray": torch.asarray(n), "asarray copy": torch.asarray(n, copy=True),
                "tensor": torch.tensor(n)}
        n[0] = 9.
        return {name: t.tolist() for name, t in made.items()}
    _texts(program)


def test_parameters_share_their_datas_storage(fusion):
    def program(torch):
        w = np.ones(3, dtype=np.float32)
        p = torch.nn.Parameter(torch.from_numpy(w))
        optimizer = torch.optim.SGD([p], lr=0.1)
        (p * p).sum().backward()
        optimizer.step()
        t = torch.ones(2)
        q = torch.nn.Parameter(t)
        t.add_(1)
        q.data.mul_(3)
        return [w.tolist(), str(p), str(q), str(t)]
    _texts(program)


def test_autograd_through_shared_tensors_is_torchs(fusion):
    def program(torch):
        w = torch.linspace(1, 2, 6, dtype=torch.float64).view(2, 3).requires_grad_()
        n = np.zeros((2, 3))
        z = torch.from_numpy(n)
        z[0].mul_(w[0])  # a write through a view: z's history is CopySlices
        z.add_(w)
        loss = (z * z).sum()
        loss.backward()
        return [z, w.grad, n.copy()]
    check_program(program)


def test_in_place_on_a_shared_leaf_that_requires_grad_raises_as_torch():
    check_raises(lambda torch: torch.from_numpy(np.zeros(2)).requires_grad_().add_(1))
    check_raises(lambda torch: torch.ones(3).detach().requires_grad_().add_(1))
    check_raises(lambda torch: torch.ones(2, 3)[0].detach().requires_grad_().add_(1))


def test_numpy_refuses_what_torch_refuses():
    check_raises(lambda torch: torch.ones(2, requires_grad=True).numpy())
    check_raises(lambda torch: torch.ones(2, dtype=torch.bfloat16).numpy())
    ours, theirs = both(lambda torch: torch.ones(2, requires_grad=True).numpy(force=True).tolist())
    assert ours == theirs


def test_data_assignment_stops_sharing(fusion):
    def program(torch):
        n = np.arange(4.)
        s = torch.from_numpy(n)
        s.data = torch.zeros(2, dtype=torch.float64)
        s.add_(1)
        n[0] = -1.
        return [str(s), n.tolist()]
    _texts(program)


def test_data_ptr_offsets_are_torchs():
    def program(torch):
        n = np.zeros((3, 4), dtype=np.float32)
        t = torch.from_numpy(n)
        x = torch.zeros(5, 6)
        return [t.data_ptr() == n.ctypes.data, t[1, 2:].data_ptr() - t.data_ptr(),
                x[2].data_ptr() - x.data_ptr(), x.t()[1:].data_ptr() - x.data_ptr(),
                x.detach().data_ptr() == x.data_ptr(), torch.zeros(0).data_ptr()]
    _texts(program)


def test_a_training_loop_over_a_shared_dataset_matches_torch(fusion):
    def program(torch):
        torch.manual_seed(0)
        features = np.linspace(-1, 1, 512 * 64, dtype=np.float32).reshape(512, 64)
        targets = (features.sum(1) > 0).astype(np.int64)
        data = torch.utils.data.TensorDataset(torch.from_numpy(features),
                                              torch.from_numpy(targets))
        model = torch.nn.Sequential(torch.nn.Linear(64, 8), torch.nn.ReLU(),
                                    torch.nn.Linear(8, 2))
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        losses = []
        for x, y in torch.utils.data.DataLoader(data, batch_size=128):
            loss = torch.nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.detach())
        return losses
    check_program(program, rtol=1e-5, atol=1e-6)


def test_a_read_only_array_warns_once_as_torch():
    script = """
import warnings, numpy as np, compat, torch
for lib in (torch, compat):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        frozen = np.ones(3)
        frozen.flags.writeable = False
        lib.from_numpy(frozen); lib.as_tensor(frozen)
    print(repr([(w.category.__name__, str(w.message)) for w in seen]))
"""
    printed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert len(printed) == 2 and printed[0] == printed[1] and "not writable" in printed[0]


def test_writes_to_a_tensor_over_a_read_only_array_keep_the_array(fusion):
    # torch writes into the read-only memory (undefined behaviour, as its warning says);
    # NumPy cannot, so the tensor takes a copy and the array keeps its values
    frozen = np.ones(3)
    frozen.flags.writeable = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = compat.from_numpy(frozen)
    t.add_(1)
    assert t.tolist() == [2., 2., 2.] and frozen.tolist() == [1., 1., 1.]
    assert_same(t, torch.full((3,), 2., dtype=torch.float64), grad_fn=False)


@pytest.mark.parametrize("size", [6, 600 * 600], ids=["small", "large"])
def test_copies_and_checkpoints_keep_the_values_they_were_made_with(fusion, size, tmp_path):
    def program(torch):
        n = np.arange(size, dtype=np.float32)
        t = torch.from_numpy(n)
        copied, cloned = copy.deepcopy(t), t.clone()
        torch.save({"t": t, "view": t[1:4]}, tmp_path / f"{torch.__name__}.pt")
        n[:4] = -1.
        loaded = torch.load(tmp_path / f"{torch.__name__}.pt")
        return [copied[:4], cloned[:4], loaded["t"][:4], loaded["view"], t[:4]]
    check_program(program, ulps=0)


def test_the_numpy_bridge_example_prints_what_torch_prints():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    example = os.path.join("examples", "tensors_numpy_bridge.py")
    printed = [subprocess.run([sys.executable, "-m", "compat", *flags, example], cwd=root,
                              capture_output=True, text=True, check=True).stdout
               for flags in ([], ["--torch"])]
    assert printed[0] == printed[1] and "array after one step" in printed[0]
