"""compat.utils.data against torch.utils.data: batch order under a seed (shuffle with the
default and with an explicit generator, over several epochs), drop_last, collation of
tensors/tuples/dicts/numbers/numpy, samplers, random_split, IterableDataset."""
from collections import namedtuple

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402


def _plain(x):
    """Batches as nested Python values (and type names), for comparing the two libraries."""
    if isinstance(x, (torch.Tensor, compat.Tensor)):
        return ("tensor", str(x.dtype), tuple(x.shape), x.tolist())
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return (type(x).__name__,) + tuple(_plain(v) for v in x)
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [_plain(v) for v in x])
    return x


def _batches(lib, make_dataset, epochs=2, seed=0, **kwargs):
    lib.manual_seed(seed)
    ds = make_dataset(lib)
    if "generator" in kwargs:
        kwargs["generator"] = lib.Generator().manual_seed(kwargs["generator"])
    loader = lib.utils.data.DataLoader(ds, **kwargs)
    out = [[_plain(b) for b in loader] for _ in range(epochs)]
    return out, len(loader), lib.rand(2).tolist()  # and the default generator afterwards


def tensor_ds(lib):
    return lib.utils.data.TensorDataset(lib.arange(23.).reshape(23, 1), lib.arange(23) % 3)


class DictDataset:
    def __init__(self, lib):
        self.lib = lib

    def __len__(self):
        return 10

    def __getitem__(self, i):
        return {"x": self.lib.full((2,), float(i)), "label": i % 2, "w": i / 4,
                "np": np.arange(3) * i, "name": f"s{i}"}


Point = namedtuple("Point", "x y")


class TupleDataset:
    def __init__(self, lib):
        self.lib = lib

    def __len__(self):
        return 7

    def __getitem__(self, i):
        return Point(self.lib.tensor([i, i + 1]), [i, float(i)])


@pytest.mark.parametrize("kwargs", [
    dict(batch_size=4),
    dict(batch_size=4, shuffle=True),
    dict(batch_size=5, shuffle=True, drop_last=True),
    dict(batch_size=6, shuffle=True, generator=123),
    dict(batch_size=None),
    dict(batch_size=1, shuffle=True),
    dict(batch_size=8, sampler="random_replacement"),
], ids=lambda k: ",".join(f"{a}={b}" for a, b in k.items()))
@pytest.mark.parametrize("make", [tensor_ds, DictDataset, TupleDataset],
                         ids=["tensors", "dicts", "namedtuples"])
def test_loader_batches_equal_torch(make, kwargs):
    res = {}
    for lib in (compat, torch):
        kw = dict(kwargs)
        if kw.get("sampler") == "random_replacement":
            lib.manual_seed(5)
            kw["sampler"] = lib.utils.data.RandomSampler(range(len(make(lib))), replacement=True,
                                                         num_samples=37)
        res[lib.__name__] = _batches(lib, make, **kw)
    assert res["compat"] == res["torch"]


def test_sampler_and_batch_sampler():
    out = []
    for lib in (compat, torch):
        d = lib.utils.data
        lib.manual_seed(3)
        bs = d.BatchSampler(d.SubsetRandomSampler([1, 4, 6, 8, 9]), 2, drop_last=False)
        loader = d.DataLoader(tensor_ds(lib), batch_sampler=bs)
        out.append(([list(b) for b in bs], [_plain(b) for b in loader], len(bs)))
    assert out[0] == out[1]


def test_random_split_equals_torch():
    for lengths in ([7, 10, 6], [0.5, 0.3, 0.2]):
        splits = []
        for lib in (compat, torch):
            lib.manual_seed(1)
            parts = lib.utils.data.random_split(range(23), lengths)
            parts2 = lib.utils.data.random_split(range(23), lengths,
                                                 generator=lib.Generator().manual_seed(9))
            splits.append([list(p.indices) for p in parts + parts2])
        assert splits[0] == splits[1]
    with pytest.raises(ValueError, match="Sum of input lengths does not equal"):
        compat.utils.data.random_split(range(5), [2, 2])


def test_iterable_dataset():
    outs = []
    for lib in (compat, torch):
        class Stream(lib.utils.data.IterableDataset):
            def __iter__(self):
                return iter(range(11))
        outs.append([_plain(b) for b in lib.utils.data.DataLoader(Stream(), batch_size=4)]
                    + [_plain(b) for b in lib.utils.data.DataLoader(Stream(), batch_size=4,
                                                                     drop_last=True)])
    assert outs[0] == outs[1]


def test_dataset_helpers():
    for lib in (compat, torch):
        d = lib.utils.data
        ds = d.TensorDataset(lib.arange(5.), lib.arange(5))
        assert len(ds) == 5 and _plain(ds[2]) == _plain(d.TensorDataset(torch.arange(5.), torch.arange(5))[2])
        cat = d.ConcatDataset([ds, ds])
        assert len(cat) == 10 and _plain(cat[7]) == _plain(ds[2])
        sub = d.Subset(ds, [4, 0])
        assert _plain(sub[0]) == _plain(ds[4])
        stack = d.StackDataset(a=ds, b=ds)
        assert set(stack[1]) == {"a", "b"}
    with pytest.raises(AssertionError, match="Size mismatch between tensors"):
        compat.utils.data.TensorDataset(compat.ones(2), compat.ones(3))


def test_default_collate_equals_torch():
    samples = [
        [(compat.ones(2), 1, 0.5), (compat.zeros(2), 2, 1.5)],
        [{"a": np.ones(2, np.float32), "b": np.int64(3)}, {"a": np.zeros(2, np.float32),
                                                           "b": np.int64(4)}],
        [[1, 2], [3, 4]],
        [True, False],
    ]
    for batch in samples:
        tb = _to_torch(batch)
        assert _plain(compat.utils.data.default_collate(batch)) == \
            _plain(torch.utils.data.default_collate(tb))
    with pytest.raises(RuntimeError, match="each element in list of batch should be of equal"):
        compat.utils.data.default_collate([[1, 2], [3]])


def _to_torch(x):
    if isinstance(x, compat.Tensor):
        return torch.tensor(x.numpy())
    if isinstance(x, dict):
        return {k: _to_torch(v) for k, v in x.items()}
    if isinstance(x, tuple):
        return tuple(_to_torch(v) for v in x)
    if isinstance(x, list):
        return [_to_torch(v) for v in x]
    return x


@pytest.mark.parametrize("kwargs", [
    dict(shuffle=True, sampler=[0, 1]),
    dict(batch_sampler=[[0]], batch_size=2),
    dict(batch_size=None, drop_last=True),
    dict(num_workers=-1),
])
def test_loader_argument_errors_match_torch(kwargs):
    with pytest.raises(ValueError) as t:
        torch.utils.data.DataLoader(tensor_ds(torch), **kwargs)
    with pytest.raises(ValueError) as c:
        compat.utils.data.DataLoader(tensor_ds(compat), **kwargs)
    assert str(c.value) == str(t.value)
