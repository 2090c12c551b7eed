"""Values for host-side checks (index bounds, class targets) that do not wait for the device.

XLA:CPU runs the programs it is given one at a time, in order: reading any array made after
a program was queued — even a tiny one, even one copied from numpy — waits until that program
has run. A training step's index check (``embedding``'s rows, ``cross_entropy``'s classes)
reads its indices while the previous step's program still runs, so reading them from the
device would make every step wait for the last one. So a check reads indices on the host:

- a small integer or bool array made from host data (``torch.tensor``, ``arange``,
  ``randint``: see :func:`keep`) keeps a host copy;
- an array whose program has run is read where it lies (on CPU, without a copy);
- a view of one of those (``tokens[:, :-1]``, ``target.view(-1)``) is read through its
  strides from its base's values.

Anything else is computed (:func:`compat.lazy.host_value`).

>>> import compat as torch
>>> tokens = torch.tensor([[1, 2, 3], [4, 5, 6]])
>>> for_tensor(tokens[:, 1:]).tolist()
[[2, 3], [5, 6]]
"""
from __future__ import annotations

import weakref

import jax
import numpy as np

from .lazy import Pending, host_value

# The largest array that keeps a host copy: index tensors are small, and a copy of a large
# integer array (a dataset) would double its memory.
KEEP_LIMIT = 1 << 16

_COPIES: dict = {}  # id(array) -> (weak reference to the array, its values on the host)


def keep(array, host) -> None:
    """Remember ``host`` (numpy) as the values of ``array`` (the jax array made from it) when
    it is a small integer or bool array; a copy is kept, so later writes to ``host`` (a
    user's ndarray) do not reach it."""
    if host.dtype.kind not in "biu" or host.size > KEEP_LIMIT or not isinstance(array, jax.Array):
        return
    key = id(array)
    copy = np.array(host, copy=True)
    copy.flags.writeable = False
    _COPIES[key] = (weakref.ref(array, lambda _, key=key: _COPIES.pop(key, None)), copy)


def _read(array):
    """``array``'s values on the host if they can be had without waiting, else None."""
    if type(array) is Pending:
        return None
    if not isinstance(array, jax.Array):
        return np.asarray(array)
    if isinstance(array, jax.core.Tracer):
        return None  # traced by a transform: no value
    if array.is_ready():
        return np.asarray(array)
    entry = _COPIES.get(id(array))
    if entry is not None and entry[0]() is array:
        return entry[1]
    return None


def for_tensor(t):
    """``t``'s values on the host, read without waiting for the device where they can be
    (see the module docstring); otherwise computed now."""
    found = _without_waiting(t)
    if found is not None:
        return found
    value = t._current()
    if isinstance(value, jax.core.Tracer):
        return value  # traced by a transform (vmap): no values, and no check to make
    return np.asarray(host_value(value))


def _without_waiting(t):
    base = t._base
    if base is None:
        return _read(t._store)
    if base._base is not None or base._layout is not None or base.dtype != t.dtype:
        return None  # a base whose storage order is not its array's: no strides to read
    values = _read(base._store)
    if values is None:
        return None
    flat = values.reshape(-1)[t.storage_offset():]
    return np.lib.stride_tricks.as_strided(
        flat, tuple(t.shape), tuple(s * values.itemsize for s in t.stride()), writeable=False)


def for_check(raw, tensors):
    """The values a host check reads: each traced Tensor's by :func:`for_tensor` where its
    value is pending or not yet computed, the others as they are."""
    out = list(raw)
    for i, (value, t) in enumerate(zip(raw, tensors)):
        if t is not None and (type(value) is Pending or (isinstance(value, jax.Array) and not
                                                         isinstance(value, jax.core.Tracer) and
                                                         not value.is_ready())):
            found = _without_waiting(t)
            if found is not None:
                out[i] = found
    return out
