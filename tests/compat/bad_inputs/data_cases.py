"""Bad inputs to ``torch.utils.data``: datasets, samplers, ``random_split``, ``DataLoader``
and ``default_collate``."""
from __future__ import annotations

from . import cases


def _data(torch):
    return torch.utils.data


def _ds(torch, n=4):
    return torch.utils.data.TensorDataset(torch.arange(float(n)))


def _loader(torch, **kwargs):
    return torch.utils.data.DataLoader(_ds(torch), **kwargs)


def _iterable(torch, with_len=False):
    class Stream(torch.utils.data.IterableDataset):
        def __iter__(self):
            return iter(range(3))

    class SizedStream(Stream):
        def __len__(self):
            return 3

    return SizedStream() if with_len else Stream()


def _first_batch(torch, dataset, **kwargs):
    return next(iter(torch.utils.data.DataLoader(dataset, **kwargs)))


class _ListDataset:
    """A map-style dataset over a list (any object with ``__getitem__`` and ``__len__``)."""

    def __init__(self, items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


def _unequal(torch):
    return _ListDataset([torch.ones(2), torch.ones(3)])


cases("dataloader", {
    "batch-size-zero": lambda torch: _loader(torch, batch_size=0),
    "batch-size-negative": lambda torch: _loader(torch, batch_size=-1),
    "batch-size-float": lambda torch: _loader(torch, batch_size=1.5),
    "batch-size-str": lambda torch: _loader(torch, batch_size="2"),
    "batch-size-bool": lambda torch: _loader(torch, batch_size=True),
    "drop-last-str": lambda torch: _loader(torch, drop_last="yes"),
    "shuffle-with-sampler": lambda torch: _loader(
        torch, shuffle=True, sampler=torch.utils.data.SequentialSampler(range(4))),
    "batch-sampler-with-batch-size": lambda torch: _loader(
        torch, batch_size=2, batch_sampler=[[0, 1], [2, 3]]),
    "batch-sampler-with-shuffle": lambda torch: _loader(
        torch, shuffle=True, batch_sampler=[[0, 1], [2, 3]]),
    "batch-sampler-with-drop-last": lambda torch: _loader(
        torch, drop_last=True, batch_sampler=[[0, 1], [2, 3]]),
    "batch-size-none-drop-last": lambda torch: _loader(torch, batch_size=None, drop_last=True),
    "negative-workers": lambda torch: _loader(torch, num_workers=-1),
    "prefetch-without-workers": lambda torch: _loader(torch, prefetch_factor=2),
    "persistent-without-workers": lambda torch: _loader(torch, persistent_workers=True),
    "negative-timeout": lambda torch: _loader(torch, timeout=-1),
    "iterable-with-shuffle": lambda torch: torch.utils.data.DataLoader(_iterable(torch), shuffle=True),
    "iterable-with-sampler": lambda torch: torch.utils.data.DataLoader(
        _iterable(torch), sampler=[0, 1, 2]),
    "iterable-with-batch-sampler": lambda torch: torch.utils.data.DataLoader(
        _iterable(torch), batch_sampler=[[0, 1]]),
    "iterable-len-without-len": lambda torch: len(torch.utils.data.DataLoader(_iterable(torch))),
    "collate-unequal-shapes": lambda torch: _first_batch(torch, _unequal(torch), batch_size=2),
    "collate-object": lambda torch: _first_batch(torch, _ListDataset([object(), object()]), batch_size=2),
    "collate-unequal-lists": lambda torch: _first_batch(
        torch, _ListDataset([[1, 2], [1, 2, 3]]), batch_size=2),
    "collate-missing-dict-key": lambda torch: _first_batch(
        torch, _ListDataset([{"a": 1}, {"b": 2}]), batch_size=2),
    "collate-mixed-types": lambda torch: _first_batch(
        torch, _ListDataset([torch.ones(2), 3]), batch_size=2),
    "collate-none": lambda torch: _first_batch(torch, _ListDataset([None, None]), batch_size=2),
    "default-collate-object": lambda torch: torch.utils.data.default_collate([object()]),
    "default-collate-str-array": lambda torch: torch.utils.data.default_collate(
        [__import__("numpy").array(["a"])]),
    "dataset-index-error": lambda torch: list(torch.utils.data.DataLoader(
        _ds(torch), sampler=[0, 9])),
    "sampler-not-iterable": lambda torch: list(_loader(torch, sampler=3)),
    "shuffle-generator-int": lambda torch: list(_loader(torch, shuffle=True, generator=3)),
    "random-sampler-generator-str": lambda torch: list(torch.utils.data.RandomSampler(
        range(3), generator="seed")),
    "collate-fn-not-callable": lambda torch: list(_loader(torch, collate_fn=3)),
    "collate-fn-raises": lambda torch: list(_loader(torch, collate_fn=_raise_value_error)),
})


def _raise_value_error(batch):
    raise ValueError("raised by collate_fn")


cases("dataset", {
    "tensor-dataset-size-mismatch": lambda torch: torch.utils.data.TensorDataset(
        torch.ones(3), torch.ones(4)),
    "tensor-dataset-index-out-of-range": lambda torch: _ds(torch)[7],
    "tensor-dataset-str-index": lambda torch: _ds(torch)["a"],
    "base-dataset-getitem": lambda torch: torch.utils.data.Dataset()[0],
    "base-dataset-len": lambda torch: len(torch.utils.data.Dataset()),
    "base-iterable-iter": lambda torch: iter(torch.utils.data.IterableDataset()),
    "concat-empty": lambda torch: torch.utils.data.ConcatDataset([]),
    "concat-iterable": lambda torch: torch.utils.data.ConcatDataset([_iterable(torch, True)]),
    "concat-index-too-negative": lambda torch: torch.utils.data.ConcatDataset([_ds(torch)])[-9],
    "concat-index-out-of-range": lambda torch: torch.utils.data.ConcatDataset([_ds(torch)])[9],
    "subset-index-out-of-range": lambda torch: torch.utils.data.Subset(_ds(torch), [0, 9])[1],
    "stack-size-mismatch": lambda torch: torch.utils.data.StackDataset(_ds(torch, 3), _ds(torch, 4)),
    "stack-args-and-kwargs": lambda torch: torch.utils.data.StackDataset(_ds(torch), b=_ds(torch)),
    "stack-empty": lambda torch: torch.utils.data.StackDataset(),
    "chain-len-unsized": lambda torch: len(torch.utils.data.ChainDataset([_iterable(torch)])),
    "dataset-add-int": lambda torch: _ds(torch) + 3,
    "random-split-sum-mismatch": lambda torch: torch.utils.data.random_split(range(10), [3, 3]),
    "random-split-fraction-above-one": lambda torch: torch.utils.data.random_split(range(10), [1.5, -0.5]),
    "random-split-fractions-sum": lambda torch: torch.utils.data.random_split(range(10), [0.5, 0.2]),
    "random-split-str-lengths": lambda torch: torch.utils.data.random_split(range(10), "ab"),
})


cases("sampler", {
    "random-num-samples-zero": lambda torch: torch.utils.data.RandomSampler(range(4), num_samples=0),
    "random-num-samples-negative": lambda torch: torch.utils.data.RandomSampler(range(4), num_samples=-1),
    "random-num-samples-float": lambda torch: torch.utils.data.RandomSampler(range(4), num_samples=1.5),
    "random-replacement-int": lambda torch: torch.utils.data.RandomSampler(range(4), replacement=1),
    "batch-size-zero": lambda torch: torch.utils.data.BatchSampler(range(4), 0, False),
    "batch-size-float": lambda torch: torch.utils.data.BatchSampler(range(4), 2.0, False),
    "batch-drop-last-int": lambda torch: torch.utils.data.BatchSampler(range(4), 2, 1),
    "base-sampler-iter": lambda torch: iter(torch.utils.data.Sampler()),
    "sequential-len-unsized": lambda torch: len(torch.utils.data.SequentialSampler(iter([1, 2]))),
    "subset-random-len-unsized": lambda torch: len(torch.utils.data.SubsetRandomSampler(iter([1, 2]))),
})

