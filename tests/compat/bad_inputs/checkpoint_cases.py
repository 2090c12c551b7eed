"""Bad inputs to checkpoints: ``torch.save``/``torch.load`` of unsupported objects, missing or
unreadable files."""
from __future__ import annotations

import io
import os
import tempfile

from . import cases

_DIR = tempfile.mkdtemp(prefix="bad-input-checkpoints-")


def _path(name):
    return os.path.join(_DIR, name)


def _write(name, content: bytes):
    with open(_path(name), "wb") as f:
        f.write(content)
    return _path(name)


def _save(obj):
    return lambda torch: torch.save(obj(torch), io.BytesIO())


def _roundtrip(obj, **load_kwargs):
    def program(torch):
        buffer = io.BytesIO()
        torch.save(obj(torch), buffer)
        buffer.seek(0)
        return torch.load(buffer, **load_kwargs)
    return program


class _Custom:
    """An object of a class torch's weights-only unpickler does not allow."""

    def __init__(self):
        self.value = 1


cases("checkpoint", {
    "load-missing-file": lambda torch: torch.load(_path("missing.pt")),
    "load-directory": lambda torch: torch.load(_DIR),
    "load-empty-file": lambda torch: torch.load(_write("empty.pt", b"")),
    "load-garbage-file": lambda torch: torch.load(_write("garbage.pt", b"not a checkpoint at all")),
    "load-int-path": lambda torch: torch.load(3.5),
    "save-missing-directory": lambda torch: torch.save({"a": 1}, _path("no/such/dir/x.pt")),
    "save-to-directory": lambda torch: torch.save({"a": 1}, _DIR),
    "save-lambda": _save(lambda torch: lambda x: x),
    "save-generator": _save(lambda torch: (i for i in range(3))),
    "save-local-class": _save(lambda torch: _local_instance()),
    "save-lock": _save(lambda torch: __import__("threading").Lock()),
    "save-module-with-lambda": _save(lambda torch: {"fn": lambda: 1, "t": torch.ones(1)}),
    "load-weights-only-custom-class": _roundtrip(lambda torch: _Custom(), weights_only=True),
    "load-weights-only-custom-in-dict": _roundtrip(lambda torch: {"c": _Custom()}, weights_only=True),
    "load-bad-map-location": _roundtrip(lambda torch: torch.ones(1), map_location="nowhere"),
    "save-int-destination": lambda torch: torch.save({"a": 1}, 3.5),
})


def _local_instance():
    class Local:
        pass
    return Local()
