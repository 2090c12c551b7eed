"""``torch.nn.utils.rnn``: variable-length sequences as padded batches and as
:class:`PackedSequence` (the rows of every step, longest sequences first), as torch's.

Padding copies each sequence into slices of a filled tensor and unpacking copies each run of
equal batch sizes, as torch's kernels do (so their nodes are ``CopySlices``); packing is one op.

>>> import compat as torch
>>> from compat.nn.utils.rnn import pack_sequence, pad_packed_sequence
>>> packed = pack_sequence([torch.tensor([1., 2., 3.]), torch.tensor([4.])])
>>> packed.data, packed.batch_sizes
(tensor([1., 4., 2., 3.]), tensor([2, 1, 1]))
>>> pad_packed_sequence(packed, batch_first=True)
(tensor([[1., 2., 3.],
        [4., 0., 0.]]), tensor([3, 1]))
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

from ... import creation
from ... import dtypes as _dt
from ...ops.recurrent import pack_padded
from ...tensors import Tensor

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence",
           "pad_sequence", "unpad_sequence", "pack_sequence", "unpack_sequence"]


class PackedSequence_(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None
    unsorted_indices: Tensor | None


PackedSequence_.__module__ = "torch.nn.utils.rnn"


class PackedSequence(PackedSequence_):
    """A batch of sequences packed step by step: ``data`` holds the rows of step 0 for every
    sequence, then those of step 1 for the sequences still running, …; ``batch_sizes`` how many
    rows each step has; ``sorted_indices`` the order the sequences were sorted into by length
    (None when given sorted) and ``unsorted_indices`` its inverse. Made by
    :func:`pack_padded_sequence` and :func:`pack_sequence`, not by hand."""

    __module__ = "torch.nn.utils.rnn"

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:  # ``PackedSequence((data, batch_sizes), …)``
            if not (isinstance(data, (list, tuple)) and len(data) == 2):
                raise AssertionError("Expected data to be a list or tuple of length 2")
            data, batch_sizes = data
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args, **kwargs):
        """The sequence with ``data`` converted (``batch_sizes`` stays as it is, on the CPU)."""
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def cpu(self, *args, **kwargs):
        return self.to("cpu")

    def pin_memory(self):
        return self

    def double(self):
        return self.to(dtype=_dt.float64)

    def float(self):
        return self.to(dtype=_dt.float32)

    def half(self):
        return self.to(dtype=_dt.float16)

    def long(self):
        return self.to(dtype=_dt.int64)

    def int(self):
        return self.to(dtype=_dt.int32)

    @property
    def is_cuda(self) -> bool:
        return self.data.is_cuda

    def is_pinned(self) -> bool:
        return False


def invert_permutation(permutation):
    """The inverse of an index permutation (None for None).

    >>> import compat as torch
    >>> invert_permutation(torch.tensor([2, 0, 1]))
    tensor([1, 2, 0])
    """
    if permutation is None:
        return None
    output = creation.empty_like(permutation)
    return output.scatter_(0, permutation, creation.arange(0, permutation.numel()))


def _lengths_list(lengths):
    """torch's ``checkLongTensor``: the lengths as Python ints, from a 1-D int64 tensor."""
    if lengths.ndim != 1:
        raise RuntimeError("'lengths' argument should be a 1D CPU int64 tensor, but got "
                           f"{lengths.ndim}D cpu Long tensor")
    return [int(v) for v in np.asarray(lengths)]


def _batch_sizes(input, lengths, batch_first):
    """The rows of each step of a sorted batch, with torch's checks of ``lengths``."""
    batch = input.shape[0 if batch_first else 1] if input.ndim > 1 else 0
    if input.numel() == 0:
        raise RuntimeError("Cannot pack empty tensors.")
    if len(lengths) != batch:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got "
                           f"{len(lengths)} (batch_size={batch})")
    if lengths[-1] <= 0:
        raise RuntimeError("Length of all samples has to be greater than 0, but found an element "
                           "in 'lengths' that is <= 0")
    if any(a < b for a, b in zip(lengths, lengths[1:])):
        raise RuntimeError("`lengths` array must be sorted in decreasing order when "
                           "`enforce_sorted` is True. You can pass `enforce_sorted=False` to "
                           "pack_padded_sequence and/or pack_sequence to sidestep this "
                           "requirement if you do not need ONNX exportability.")
    steps = np.arange(lengths[0])
    return [int(n) for n in (steps[:, None] < np.asarray(lengths)[None, :]).sum(1)]


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Pack a padded ``(T, B, *)`` batch (``batch_first``: ``(B, T, *)``) of sequences of the
    given lengths; unless ``enforce_sorted``, the sequences are sorted by length first (and the
    permutation kept to undo it).

    >>> import compat as torch
    >>> pack_padded_sequence(torch.tensor([[1, 2], [3, 0]]), [2, 1]).data
    tensor([1, 2, 3])
    """
    if isinstance(lengths, Tensor):
        lengths = lengths.to(_dt.int64)
    else:
        lengths = creation.as_tensor(lengths, dtype=_dt.int64)
    sorted_indices = None
    if not enforce_sorted:
        lengths, sorted_indices = lengths.sort(descending=True)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    values = _lengths_list(lengths)
    sizes = _batch_sizes(input, values, batch_first)
    data = pack_padded(input, tuple(values), bool(batch_first))
    return PackedSequence(data, creation.tensor(sizes, dtype=_dt.int64),
                          sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """Undo :func:`pack_padded_sequence`: ``(padded, lengths)``, padded with ``padding_value``
    to the longest sequence (or to ``total_length``), in the sequences' original order.

    >>> import compat as torch
    >>> packed = pack_padded_sequence(torch.tensor([[1, 2], [3, 0]]), [2, 1])
    >>> pad_packed_sequence(packed, padding_value=-1)
    (tensor([[ 1,  2],
            [ 3, -1]]), tensor([2, 1]))
    """
    sizes = [int(n) for n in np.asarray(sequence.batch_sizes)]
    steps = len(sizes)
    if total_length is not None:
        if total_length < steps:
            raise ValueError("Expected total_length to be at least the length of the longest "
                             f"sequence in input, but got total_length={total_length} and max "
                             f"sequence length being {steps}")
        steps = total_length
    data = sequence.data
    output = creation.full((steps, sizes[0]) + tuple(data.shape[1:]), padding_value,
                           dtype=data.dtype)
    start = offset = 0
    for i in range(1, len(sizes) + 1):  # one copy per run of equal batch sizes, as torch's
        if i == len(sizes) or sizes[i] != sizes[start]:
            rows = sizes[start] * (i - start)
            block = data[offset:offset + rows].view(i - start, sizes[start], *data.shape[1:])
            output[start:i, :sizes[start]].copy_(block)
            offset, start = offset + rows, i
    lengths = [sum(1 for n in sizes if n > b) for b in range(sizes[0])]
    lengths = creation.tensor(lengths, dtype=_dt.int64)
    if batch_first:
        output = output.transpose(0, 1)
    if sequence.unsorted_indices is not None:
        output = output.index_select(0 if batch_first else 1, sequence.unsorted_indices)
        lengths = lengths[sequence.unsorted_indices]
    return output, lengths


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stack sequences of different lengths ``(L_i, *)`` into one ``(T, B, *)`` tensor
    (``batch_first``: ``(B, T, *)``), padded with ``padding_value`` on ``padding_side``.

    >>> import compat as torch
    >>> pad_sequence([torch.tensor([1, 2]), torch.tensor([3])], batch_first=True)
    tensor([[1, 2],
            [3, 0]])
    """
    if not isinstance(sequences, Iterable):
        raise RuntimeError("pad_sequence: Expected iterable for input sequences, but got arg of "
                           f"type: {type(sequences)}")
    sequences = tuple(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got "
                           f"{padding_side}.")
    longest = max(s.shape[0] for s in sequences)
    first = sequences[0]
    shape = (len(sequences), longest) if batch_first else (longest, len(sequences))
    out = creation.full(shape + tuple(first.shape[1:]), padding_value, dtype=first.dtype)
    for i, seq in enumerate(sequences):
        n = seq.shape[0]
        start = longest - n if padding_side == "left" else 0
        if batch_first:
            out.select(0, i).narrow(0, start, n).copy_(seq)
        else:
            out.narrow(0, start, n).select(1, i).copy_(seq)
    return out


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    """The sequences of a padded batch, each cut to its length (the inverse of
    :func:`pad_sequence`).

    >>> import compat as torch
    >>> unpad_sequence(torch.tensor([[1, 2], [3, 0]]), torch.tensor([2, 1]), batch_first=True)
    [tensor([1, 2]), tensor([3])]
    """
    if not batch_first:
        padded_sequences = padded_sequences.transpose_(0, 1)
    index = creation.arange(padded_sequences.shape[1])
    return [seq[index < length] for seq, length in zip(padded_sequences, lengths)]


def pack_sequence(sequences, enforce_sorted=True):
    """Pack a list of sequences ``(L_i, *)`` (longest first, unless not ``enforce_sorted``).

    >>> import compat as torch
    >>> pack_sequence([torch.tensor([1, 2]), torch.tensor([3])]).batch_sizes
    tensor([2, 1])
    """
    lengths = creation.as_tensor([v.size(0) for v in sequences])
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpack_sequence(packed_sequences):
    """The list of sequences a :class:`PackedSequence` holds, in their original order.

    >>> import compat as torch
    >>> unpack_sequence(pack_sequence([torch.tensor([1, 2]), torch.tensor([3])]))
    [tensor([1, 2]), tensor([3])]
    """
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
