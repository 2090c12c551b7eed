"""safetensors files, read and written: a flat ``{name: tensor}`` dict, no pickle at all.

The format: an 8-byte little-endian header length, a JSON header (each tensor's dtype,
shape and ``data_offsets``, plus an optional ``__metadata__`` dict of strings), then the
tensors' bytes, little-endian and contiguous. Written here directly (it needs no library);
``safetensors.torch.load_file`` and ``save_file`` read and write the same files.

Reading checks what the safetensors library checks: a header that fits in the file, known
dtypes, offsets that tile the data exactly, sizes that match shapes.

>>> import os, tempfile
>>> import compat as torch
>>> path = os.path.join(tempfile.mkdtemp(), "model.safetensors")
>>> save_file({"w": torch.ones(2, dtype=torch.bfloat16)}, path, metadata={"format": "pt"})
>>> load_file(path)
{'w': tensor([1., 1.], dtype=torch.bfloat16)}
"""
from __future__ import annotations

import json
import math
import os
import struct
import sys

import numpy as np

from jaxgrad import checkpoint as _checkpoint

from .. import devices as _devices
from .. import dtypes as _dt
from ..tensors import Tensor
from .errors import LoadError

__all__ = ["save_file", "load_file", "save", "load"]

# safetensors' dtype names, by compat dtype (safetensors has no 128-bit complex).
_CODES = {"float64": "F64", "float32": "F32", "float16": "F16", "bfloat16": "BF16",
          "int64": "I64", "int32": "I32", "int16": "I16", "int8": "I8", "uint8": "U8",
          "bool": "BOOL", "complex64": "C64"}
_DTYPES = {code: name for name, code in _CODES.items()}
# The safetensors library's order of dtypes (its Dtype enum): tensors are laid out by dtype,
# highest first, then by name, so the same dict gives the same bytes.
_RANK = {code: i for i, code in enumerate(
    ("BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64",
     "U64"))}

_MAX_HEADER = 100_000_000      # the safetensors library's own limit on the header


def _little_endian_bytes(array):
    array = np.ascontiguousarray(array)
    return (array.byteswap() if sys.byteorder == "big" and array.dtype.itemsize > 1
            else array).tobytes()


def save(tensors, metadata=None) -> bytes:
    """The bytes of a safetensors file holding ``tensors`` (a dict of names to tensors).

    >>> import compat as torch
    >>> data = save({"b": torch.zeros(1)})
    >>> data[8:data.index(b"}") + 2]
    b'{"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'
    """
    if not isinstance(tensors, dict):
        raise TypeError(f"safetensors files hold a dict of tensors, not "
                        f"{type(tensors).__name__}")
    if metadata is not None and not (isinstance(metadata, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())):
        raise TypeError("safetensors metadata must be a dict of strings to strings")
    entries = []
    for name, t in tensors.items():
        if not isinstance(name, str):
            raise TypeError(f"safetensors tensor names are strings, not {type(name).__name__}")
        if not isinstance(t, Tensor):
            raise TypeError(f"Key `{name}` is invalid, expected torch.Tensor but received "
                            f"{type(t).__name__}")
        code = _CODES.get(t.dtype.name)
        if code is None:
            raise TypeError(f"safetensors cannot store {name!r}: it has no {t.dtype} dtype")
        entries.append((-_RANK[code], name, code, t))
    entries.sort(key=lambda e: (e[0], e[1]))
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = dict(metadata)
    for _, name, code, t in entries:
        data = _little_endian_bytes(np.asarray(t.detach()._value))
        header[name] = {"dtype": code, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def save_file(tensors, filename, metadata=None) -> None:
    """Write ``tensors`` to ``filename`` as safetensors, atomically
    (``safetensors.torch.save_file``)."""
    data = save(tensors, metadata)
    _checkpoint.write_atomically(os.fspath(filename), lambda f: f.write(data))


def _entry(name, info, size):
    if not (isinstance(info, dict) and set(info) == {"dtype", "shape", "data_offsets"}):
        raise LoadError(f"safetensors header: tensor {name!r} is malformed")
    code, shape, offsets = info["dtype"], info["shape"], info["data_offsets"]
    if code not in _DTYPES:
        raise LoadError(f"safetensors header: tensor {name!r} has the dtype {code!r:.20}, which "
                        "compat does not support")
    if not (isinstance(shape, list) and all(type(n) is int and n >= 0 for n in shape)):
        raise LoadError(f"safetensors header: tensor {name!r} has the shape {shape!r:.80}")
    if not (isinstance(offsets, list) and len(offsets) == 2
            and all(type(o) is int for o in offsets) and 0 <= offsets[0] <= offsets[1] <= size):
        raise LoadError(f"safetensors header: tensor {name!r} has the data offsets "
                        f"{offsets!r:.80} in {size} bytes of data")
    dtype = getattr(_dt, _DTYPES[code])
    if offsets[1] - offsets[0] != math.prod(shape) * dtype.itemsize:
        raise LoadError(f"safetensors header: tensor {name!r} of shape {shape} and dtype {code} "
                        f"has {offsets[1] - offsets[0]} bytes")
    return dtype, tuple(shape), offsets


def load(data, device="cpu"):
    """The tensors of a safetensors file's bytes, as ``{name: tensor}``, on ``device``."""
    data = memoryview(data)
    if len(data) < 8:
        raise LoadError("safetensors file is too short to hold its header size")
    (length,) = struct.unpack("<Q", data[:8])
    if length > min(_MAX_HEADER, len(data) - 8):
        raise LoadError(f"safetensors header of {length} bytes does not fit the file of "
                        f"{len(data)} bytes")
    try:
        header = json.loads(bytes(data[8:8 + length]).decode("utf-8"))
    except (ValueError, RecursionError) as e:
        raise LoadError(f"safetensors header is not JSON ({type(e).__name__}: {e})") from None
    if not isinstance(header, dict):
        raise LoadError("safetensors header is not a JSON object")
    header.pop("__metadata__", None)
    body = data[8 + length:]
    entries = sorted(((_entry(name, info, len(body)), name) for name, info in header.items()),
                     key=lambda e: e[0][2])
    end = 0
    for (_, _, offsets), name in entries:
        if offsets[0] != end:
            raise LoadError(f"safetensors data: tensor {name!r} does not start where the "
                            "previous one ends (overlapping or incomplete offsets)")
        end = offsets[1]
    if end != len(body):
        raise LoadError(f"safetensors data: the tensors cover {end} of its {len(body)} bytes")
    target = _devices.device("cuda", device) if type(device) is int else \
        _devices.device(device) if isinstance(device, str) else device
    out = {}
    for (dtype, shape, offsets), name in sorted(entries, key=lambda e: e[1]):
        array = np.frombuffer(body[offsets[0]:offsets[1]], dtype.np)
        if sys.byteorder == "big" and dtype.itemsize > 1:
            array = array.byteswap()
        out[name] = Tensor._make(_devices.place(array.reshape(shape), target))
    return {name: out[name] for name in header}


def load_file(filename, device="cpu"):
    """The tensors of safetensors file ``filename`` (``safetensors.torch.load_file``)."""
    with open(os.fspath(filename), "rb") as f:
        return load(f.read(), device)
