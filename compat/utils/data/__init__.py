"""``torch.utils.data``: datasets, samplers, ``DataLoader`` and ``random_split``.

>>> import compat as torch
>>> _ = torch.manual_seed(0)
>>> loader = DataLoader(TensorDataset(torch.arange(6.)), batch_size=3, shuffle=True)
>>> [b[0].tolist() for b in loader]
[[0.0, 4.0, 3.0], [5.0, 2.0, 1.0]]
"""
from ._collate import default_collate, default_convert
from .dataloader import DataLoader
from .dataset import (ChainDataset, ConcatDataset, Dataset, IterableDataset, StackDataset, Subset,
                      TensorDataset, random_split)
from .sampler import (BatchSampler, RandomSampler, Sampler, SequentialSampler,
                      SubsetRandomSampler)

__all__ = ["BatchSampler", "ChainDataset", "ConcatDataset", "DataLoader", "Dataset",
           "IterableDataset", "RandomSampler", "Sampler", "SequentialSampler", "StackDataset",
           "Subset", "SubsetRandomSampler", "TensorDataset", "default_collate", "default_convert",
           "random_split"]
