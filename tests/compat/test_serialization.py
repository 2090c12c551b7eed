"""compat.save / compat.load: state dicts (module and optimizer) and nested containers round
trip exactly; writes are atomic; nothing is unpickled but what torch's weights_only reader
allows; what pickle cannot store is refused as torch.save refuses it."""
import io
import os
import pickle
from collections import OrderedDict

import numpy as np
import pytest

import compat
from jaxgrad.checkpoint import CheckpointError

torch = pytest.importorskip("torch")


def _same(a, b):
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(a, compat.Tensor):
        assert a.dtype is b.dtype and tuple(a.shape) == tuple(b.shape)
        assert a.requires_grad == b.requires_grad
        np.testing.assert_array_equal(np.asarray(a.detach()._value, dtype=np.float64)
                                      if a.dtype is compat.bfloat16 else a.detach().numpy(),
                                      np.asarray(b.detach()._value, dtype=np.float64)
                                      if b.dtype is compat.bfloat16 else b.detach().numpy())
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            _same(a[k], b[k])
        assert getattr(a, "_metadata", None) == getattr(b, "_metadata", None)
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b)
        assert a.dtype == b.dtype
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b)
    else:
        assert a == b


def test_module_state_dict_round_trip(tmp_path):
    compat.manual_seed(0)
    model = compat.nn.Sequential(compat.nn.Linear(3, 4), compat.nn.BatchNorm1d(4),
                                 compat.nn.Linear(4, 2))
    model(compat.randn(5, 3))
    path = tmp_path / "model.pt"
    compat.save(model.state_dict(), path)
    loaded = compat.load(path)
    _same(loaded, model.state_dict())
    fresh = compat.nn.Sequential(compat.nn.Linear(3, 4), compat.nn.BatchNorm1d(4),
                                 compat.nn.Linear(4, 2))
    fresh.load_state_dict(compat.load(str(path)))
    _same(fresh.state_dict(), model.state_dict())


def test_optimizer_state_dict_round_trip(tmp_path):
    model = compat.nn.Linear(3, 2)
    opt = compat.optim.Adam(model.parameters(), lr=0.01, amsgrad=True)
    sched = compat.optim.lr_scheduler.StepLR(opt, 3)
    model(compat.randn(4, 3)).sum().backward()
    opt.step()
    sched.step()
    compat.save({"model": model.state_dict(), "opt": opt.state_dict(),
                 "sched": sched.state_dict(), "epoch": 7}, tmp_path / "ckpt.pt")
    ckpt = compat.load(tmp_path / "ckpt.pt")
    _same(ckpt["opt"], opt.state_dict())
    _same(ckpt["sched"], sched.state_dict())
    opt2 = compat.optim.Adam(model.parameters(), lr=0.01, amsgrad=True)
    opt2.load_state_dict(ckpt["opt"])
    _same(opt2.state_dict(), opt.state_dict())
    assert ckpt["epoch"] == 7


def test_nested_values_round_trip(tmp_path):
    obj = {
        "tensors": [compat.ones(2, 3), compat.arange(4), compat.tensor(True),
                    compat.zeros(2, dtype=compat.float64), compat.ones(3, dtype=compat.bfloat16),
                    compat.tensor([1.5], requires_grad=True), compat.empty(0, 2)],
        "param": compat.nn.Parameter(compat.ones(2)),
        "plain": (1, 2.5, "s", None, True, float("nan"), float("-inf"), 2 ** 70, 1 + 2j),
        3: {"nested": OrderedDict(b=1, a=[compat.ones(1)])},
        "np": np.arange(3, dtype=np.int16), "npscalar": np.float32(1.5),
        "dtype": compat.float16, "size": compat.Size([2, 3]),
    }
    compat.save(obj, tmp_path / "obj.pt")
    loaded = compat.load(tmp_path / "obj.pt")
    _same(loaded, obj)
    assert isinstance(loaded["param"], compat.nn.Parameter)


def test_file_objects():
    buf = io.BytesIO()
    compat.save({"a": compat.ones(2)}, buf)
    buf.seek(0)
    _same(compat.load(buf), {"a": compat.ones(2)})


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    path = tmp_path / "keep.pt"
    compat.save({"v": compat.ones(1)}, path)
    with pytest.raises(TypeError):
        compat.save({"v": compat.zeros(1), "bad": (i for i in range(2))}, path)
    _same(compat.load(path), {"v": compat.ones(1)})
    assert sorted(os.listdir(tmp_path)) == ["keep.pt"]


def _local_function():
    return lambda x: x


@pytest.mark.parametrize("make", [
    lambda lib: {"fn": lambda x: x},
    lambda lib: [(i for i in range(2))],
    lambda lib: {"w": lib.ones(1), "f": _local_function()},
], ids=["lambda", "generator", "local-function"])
def test_what_pickle_cannot_store_is_refused_as_torch_refuses_it(tmp_path, make):
    with pytest.raises(Exception) as theirs:
        torch.save(make(torch), tmp_path / "theirs.pt")
    with pytest.raises(type(theirs.value)) as ours:
        compat.save(make(compat), tmp_path / "ours.pt")
    assert str(ours.value) == str(theirs.value)
    assert not os.path.exists(tmp_path / "ours.pt")


class _Point:
    def __init__(self, x):
        self.x = x


@pytest.mark.parametrize("make", [
    lambda lib: {(1, 2): 3, "p": _Point(2)},
    lambda lib: lib.nn.Linear(2, 2),
], ids=["object", "module"])
def test_objects_are_stored_and_refused_by_weights_only_loads(tmp_path, make):
    # torch.save stores them; torch.load(weights_only=True) refuses them, and so does
    # compat.load, which runs no code from a file.
    torch.save(make(torch), tmp_path / "theirs.pt")
    compat.save(make(compat), tmp_path / "ours.pt")
    for path in ("theirs.pt", "ours.pt"):
        with pytest.raises(pickle.UnpicklingError) as theirs:
            torch.load(tmp_path / path, weights_only=True)
        with pytest.raises(pickle.UnpicklingError) as ours:
            compat.load(tmp_path / path)
        assert str(ours.value).splitlines()[0] == str(theirs.value).splitlines()[0]


def test_stored_objects_read_back_by_pickle_as_saved(tmp_path):
    # What compat.save writes for a plain object is what pickle reads back (torch.load with
    # weights_only=False, for a trusted file).
    compat.save({"p": _Point(3), "s": {1, 2}, (1, "a"): np.array(["b"])}, tmp_path / "ours.pt")
    loaded = torch.load(tmp_path / "ours.pt", weights_only=False)
    assert loaded["p"].x == 3 and loaded["s"] == {1, 2} and loaded[1, "a"].tolist() == ["b"]


def test_loading_never_unpickles(tmp_path):
    # torch's own file (a zip holding a pickle) is read by compat's restricted reader
    path = tmp_path / "torch.pt"
    torch.save({"w": torch.ones(2)}, path)
    assert compat.load(path)["w"].tolist() == [1.0, 1.0]

    class Boom:
        def __reduce__(self):
            return (os.system, ("echo pwned > " + str(tmp_path / "pwned"),))

    evil = tmp_path / "evil.pt"
    evil.write_bytes(pickle.dumps(Boom()))
    with pytest.raises(pickle.UnpicklingError):
        compat.load(evil)
    assert not (tmp_path / "pwned").exists()
    (tmp_path / "junk.pt").write_bytes(b"not a checkpoint")
    with pytest.raises(pickle.UnpicklingError):
        compat.load(tmp_path / "junk.pt")


def test_tensor_pickling_is_refused():
    with pytest.raises(TypeError):
        pickle.dumps(compat.ones(2))
