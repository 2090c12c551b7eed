"""Bad inputs to checkpoints: ``torch.save``/``torch.load`` of unsupported objects, missing or
unreadable files."""
from __future__ import annotations

import io
import os
import tempfile

from . import cases, known_differences

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


_SAVE = "compat/serialization.py (save)"
_LOAD = "compat/serialization.py (load)"
known_differences({
    "checkpoint/load-empty-file": f"{_LOAD}: LoadError; torch: EOFError",
    "checkpoint/load-garbage-file": f"{_LOAD}: LoadError (an UnpicklingError, torch's message); "
                                    "torch: pickle.UnpicklingError",
    "checkpoint/load-int-path": f"{_LOAD}: TypeError; torch: AttributeError (no seek)",
    "checkpoint/save-missing-directory": f"{_SAVE}: FileNotFoundError of its temporary file; "
                                         "torch: RuntimeError Parent directory ... does not exist.",
    "checkpoint/save-to-directory": f"{_SAVE}: IsADirectoryError; torch: RuntimeError",
    "checkpoint/save-lambda": f"{_SAVE}: TypeError (it stores only what weights_only loads); "
                              "torch: AttributeError Can't pickle local object",
    "checkpoint/save-generator": f"{_SAVE}: its message names numpy arrays; torch: cannot pickle",
    "checkpoint/save-local-class": f"{_SAVE}: TypeError; torch: AttributeError Can't pickle local "
                                   "object",
    "checkpoint/save-lock": f"{_SAVE}: its message names numpy arrays; torch: cannot pickle",
    "checkpoint/save-module-with-lambda": f"{_SAVE}: TypeError; torch: AttributeError",
    "checkpoint/load-weights-only-custom-class": f"{_SAVE}: refuses to store the object; torch "
                                                 "stores it, and its load raises UnpicklingError",
    "checkpoint/load-weights-only-custom-in-dict": f"{_SAVE}: refuses to store the object; torch "
                                                   "stores it, and its load raises UnpicklingError",
    "checkpoint/load-bad-map-location": f"{_LOAD}: LoadError (a RuntimeError, torch's message); "
                                        "torch: RuntimeError",
    "checkpoint/save-int-destination": f"{_SAVE}: TypeError; torch: AttributeError expected 'f' "
                                       "to be string, path, or a file-like object",
})
