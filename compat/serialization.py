"""``compat.save`` / ``compat.load``: torch's checkpoint files, safely.

``save`` writes torch's zip format, so ``torch.load(path, weights_only=True)`` opens what
compat saves. ``load`` reads that format, torch's older single-pickle format
(``_use_new_zipfile_serialization=False``), the ``.npy`` archives earlier versions of
compat.save wrote, and ``.safetensors`` paths (as torch.load does).

Loading never runs code from a file: the pickles in torch's files are interpreted by
compat's own restricted reader, which knows only the names torch's ``weights_only=True``
loader allows (tensor rebuild functions, storages, dtypes, ``torch.Size``, OrderedDict, …)
and refuses anything else with torch's ``pickle.UnpicklingError`` ("Weights only load
failed. …") — whatever ``weights_only`` says, since compat has no unrestricted unpickler.
numeric numpy arrays, which torch asks to allow with ``add_safe_globals``, are read as data.

>>> import os, tempfile
>>> import compat as torch
>>> path = os.path.join(tempfile.mkdtemp(), "ckpt.pt")
>>> torch.save({"epoch": 3, "w": torch.ones(2), "names": ["a", "b"]}, path)
>>> torch.load(path)
{'epoch': 3, 'w': tensor([1., 1.]), 'names': ['a', 'b']}
"""
from __future__ import annotations

import io
import os
import warnings
import zipfile

from jaxgrad import checkpoint as _checkpoint

from .checkpoints import compat_format, safetensors_io, torch_legacy, torch_zip
from .checkpoints.errors import LoadError, Refusal, refused
from .checkpoints.storages import Placement
from .devices import device as _device

__all__ = ["save", "load", "LoadError", "save_safetensors", "load_safetensors"]

_ZIP_MAGIC = b"PK\x03\x04"
_HEAD = 512     # enough to tell a zip, a tar and a pickle apart


def save(obj, f, pickle_module=None, pickle_protocol=2, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Write ``obj`` (a state dict, nested dicts/lists/tuples of tensors and plain values, or
    any object ``pickle`` stores) to ``f`` (a path or a binary file object) in torch's zip
    format, atomically when ``f`` is a path.

    What pickle cannot store (a lambda, a generator) raises pickle's error, before anything
    is written. Objects other than tensors and plain values (a Module, an instance of one's
    own class) are written as torch.save writes them, and torch.load (and compat.load)
    refuse them with ``weights_only=True``, torch.load's default. The older format
    (``_use_new_zipfile_serialization=False``) and other pickle modules are not written:
    torch reads the zip format since 1.6.

    >>> import io
    >>> import compat as torch
    >>> buffer = io.BytesIO()
    >>> torch.save({"w": torch.zeros(2)}, buffer)
    >>> _ = buffer.seek(0)
    >>> torch.load(buffer)["w"]
    tensor([0., 0.])
    """
    if pickle_module is not None:
        raise ValueError("compat.save writes its pickles itself (only what torch.load reads "
                         "with weights_only=True); pickle_module is not supported")
    if not _use_new_zipfile_serialization:
        raise ValueError("compat.save writes torch's zip format only "
                         "(_use_new_zipfile_serialization=False is not supported)")
    if hasattr(f, "write"):
        torch_zip.save(obj, f)
        return
    if not isinstance(f, (str, bytes, os.PathLike)):
        raise AttributeError("expected 'f' to be string, path, or a file-like object with a "
                             "'write' attribute")
    path = os.fsdecode(f)
    parent = os.path.dirname(path)
    if parent and not os.path.isdir(parent):
        raise RuntimeError(f"Parent directory {parent} does not exist.")
    if os.path.isdir(path):
        raise RuntimeError("[enforce fail at inline_container.cc:747] . open file failed with "
                           "strerror: Is a directory")
    # What cannot be stored is refused before a byte is written (the temporary file is then
    # removed, and an existing file at ``f`` kept).
    _checkpoint.write_atomically(path, lambda out: torch_zip.save(obj, out))


def _check_arguments(f, pickle_module, weights_only, mmap, pickle_load_args):
    if weights_only is None:
        weights_only = pickle_module is None
    if weights_only and pickle_module is not None:
        raise RuntimeError("Can not safely load weights when explicit pickle_module is specified")
    if pickle_load_args and weights_only:
        warnings.warn("pickle_load_args only works if `weights_only=False`.", stacklevel=3)
    if mmap and not isinstance(f, (str, os.PathLike)):
        raise ValueError("f must be a file path in order to use the mmap argument")
    encoding = pickle_load_args.get("encoding", "utf-8")
    if not isinstance(encoding, str):
        raise TypeError(f"encoding must be a string, not {type(encoding).__name__}")
    return encoding


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None,
         **pickle_load_args):
    """Read a checkpoint: torch's zip or legacy format, a ``.safetensors`` path, or a file of
    compat's earlier format; from a path or a binary file object (read from its current
    position, as torch does).

    ``map_location`` places the tensors as torch.load does (a device or its name, a dict
    from saved location tags to new ones, or a callable ``(storage, location)``).
    ``weights_only`` is accepted; compat reads only what ``weights_only=True`` reads either
    way. As torch.load: a pickle the weights-only reader refuses raises
    ``pickle.UnpicklingError``, an empty file ``EOFError``; a corrupted file raises
    :class:`LoadError`, which is torch's ``RuntimeError`` and ``pickle.UnpicklingError``.

    >>> import compat as torch
    >>> import io, pickle
    >>> try:
    ...     torch.load(io.BytesIO(b"not a checkpoint"))
    ... except pickle.UnpicklingError as e:
    ...     print(type(e).__name__, str(e).splitlines()[0][:25])
    UnpicklingError Weights only load failed.
    """
    encoding = _check_arguments(f, pickle_module, weights_only, mmap, pickle_load_args)
    if isinstance(f, (str, os.PathLike)):
        path = os.fspath(f)
        if path.endswith(".safetensors"):
            return _load_safetensors_path(path, map_location)
        with open(path, "rb") as file:
            return _load(file, path, os.fstat(file.fileno()).st_size, map_location, encoding,
                         mmap, f_name=f"{f}, " if isinstance(f, str) else "")
    if not hasattr(f, "seek"):
        raise AttributeError(f"'{type(f).__name__}' object has no attribute 'seek'. You can only "
                             "torch.load from a file that is seekable. Please pre-load the data "
                             "into a buffer like io.BytesIO and try to load from it instead.")
    # From the current position, as torch does; the copy is the one being parsed.
    data = f.read()
    buffer = io.BytesIO(data)
    buffer.name = getattr(f, "name", "<file>")
    return _load(buffer, buffer.name, len(data), map_location, encoding, mmap)


def _load(file, label, size, map_location, encoding, mmap, f_name=""):
    head = file.read(_HEAD)
    file.seek(0)
    if not head:
        raise EOFError()   # torch.load's (unpickling nothing): no message
    placement = Placement(map_location)
    try:
        if head.startswith(_ZIP_MAGIC):
            if _is_compat_archive(file):
                return compat_format.load(file)
            return torch_zip.load(file, size, placement, encoding)
        if mmap:
            raise RuntimeError("mmap can only be used with files saved with "
                               f"`torch.save({f_name}_use_new_zipfile_serialization=True), "
                               "please torch.save your "
                               "checkpoint with this option in order to use mmap.")
        if torch_legacy.is_tar(head):
            raise torch_legacy.tar_refusal()
        return torch_legacy.load(file, placement, encoding, size)
    except Refusal as e:
        raise refused(str(e)) from None


def _is_compat_archive(file):
    """Whether a zip is compat's earlier ``.npy`` archive (it has a jaxgrad manifest)."""
    try:
        with zipfile.ZipFile(file) as archive:
            return not torch_zip.is_torch_zip(archive) and \
                "__manifest__.npy" in archive.namelist()
    except Exception:  # unreadable: torch's reader reports it, in torch's words
        return False
    finally:
        file.seek(0)


# ------------------------------------------------------------------------- safetensors

def _load_safetensors_path(path, map_location):
    if map_location is None or isinstance(map_location, (str, bytes, _device)):
        device = "cpu" if map_location is None else (
            map_location.decode() if isinstance(map_location, bytes) else map_location)
        return safetensors_io.load_file(path, device=device)
    if isinstance(map_location, dict):
        raise RuntimeError("Loading safetensors file with dict map_location is not supported. "
                           "Use a device string or torch.device instead.")
    raise RuntimeError("Loading safetensors file with callable map_location is not supported. "
                       "Use a device string or torch.device instead.")


def save_safetensors(tensors, filename, metadata=None) -> None:
    """Write a dict of tensors as a safetensors file (what ``safetensors.torch.save_file``
    does in torch code): no pickle, readable by any safetensors library.

    >>> import os, tempfile
    >>> import compat as torch
    >>> path = os.path.join(tempfile.mkdtemp(), "w.safetensors")
    >>> torch.serialization.save_safetensors({"w": torch.arange(3)}, path)
    >>> torch.load(path)
    {'w': tensor([0, 1, 2])}
    """
    safetensors_io.save_file(tensors, filename, metadata)


def load_safetensors(filename, device="cpu"):
    """The dict of tensors in a safetensors file (``safetensors.torch.load_file``).

    >>> import os, tempfile
    >>> import compat as torch
    >>> path = os.path.join(tempfile.mkdtemp(), "w.safetensors")
    >>> torch.serialization.save_safetensors({"w": torch.ones(1)}, path)
    >>> torch.serialization.load_safetensors(path)
    {'w': tensor([1.])}
    """
    return safetensors_io.load_file(filename, device)
