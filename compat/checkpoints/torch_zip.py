"""torch's zip format (``torch.save``'s default): read and written.

A file is a zip of uncompressed records under one folder (``archive/``): ``data.pkl`` (the
object, a protocol-2 pickle whose tensors name storages by persistent id
``('storage', torch.FloatStorage, key, location, numel)``), ``data/<key>`` (each storage's
bytes), ``byteorder`` (``little``/``big``), ``.format_version``, ``.storage_alignment``
(records start at multiples of 64 bytes, for mmap), ``version`` and
``.data/serialization_id``.

Reading trusts nothing: the zip's declared sizes must fit in the file (no entry is
inflated), each storage must hold exactly the bytes its id declares, and every tensor must
lie within its storage. Errors are worded as torch's reader words them.

>>> import io
>>> import compat as torch
>>> buffer = io.BytesIO()
>>> torch.save([torch.tensor([1.5, 2.5])], buffer)
>>> import zipfile
>>> sorted(zipfile.ZipFile(buffer).namelist())[:3]
['archive/.data/serialization_id', 'archive/.format_version', 'archive/.storage_alignment']
"""
from __future__ import annotations

import hashlib
import io
import struct
import sys
import zipfile

import numpy as np

from .allowlist import find
from .errors import LoadError, Refusal, corrupted
from .pickler import Pickler
from .storages import Resolver, StorageRef
from .unpickler import Unpickler

__all__ = ["is_torch_zip", "load", "save"]

_ALIGNMENT = 64
_PADDING_ID = 0x4246          # the extra-field id of torch's alignment padding ("FB")
_PRODUCED_VERSION = b"3\n"    # what torch.save writes as ``version``
_MAX_VERSION = 10             # the newest format torch 2.x reads
_READ_CHUNK = 1 << 24
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)   # zip times carry no information here


# ------------------------------------------------------------------------------ reading

def _prefix(archive):
    names = archive.namelist()
    if not names:
        raise corrupted("the archive has no records")
    first = names[0]
    if "/" not in first:
        raise LoadError(f"PytorchStreamReader failed reading zip archive: file in archive is not "
                        f"in a subdirectory: {first}")
    return first.split("/", 1)[0] + "/"


def is_torch_zip(archive) -> bool:
    """Whether an open zip is torch's format (``<folder>/data.pkl``), not compat's earlier
    ``.npy`` archive."""
    names = archive.namelist()
    return bool(names) and "/" in names[0] and \
        names[0].split("/", 1)[0] + "/data.pkl" in set(names)


class _Records:
    """The records of one torch archive, read within the bounds the file allows."""

    def __init__(self, archive, file_size):
        self.archive, self.prefix = archive, _prefix(archive)
        self.infos = {}
        declared = 0
        for info in archive.infolist():
            declared += info.file_size
            if info.filename.startswith(self.prefix):
                self.infos[info.filename[len(self.prefix):]] = info
        if declared > file_size:
            raise LoadError(f"the archive's records declare {declared} bytes of data in a file "
                            f"of {file_size} bytes; torch writes them uncompressed, so this one "
                            "is compressed or forged and is not inflated")

    def has(self, name):
        return name in self.infos

    def read(self, name):
        """Record ``name``'s bytes, as a uint8 array."""
        info = self.infos.get(name)
        if info is None:
            raise LoadError(f"PytorchStreamReader failed locating file {name}: file not found")
        out = np.empty(info.file_size, np.uint8)
        try:
            with self.archive.open(info) as stream:
                filled = 0
                while filled < info.file_size:
                    chunk = stream.read(min(_READ_CHUNK, info.file_size - filled))
                    if not chunk:
                        break
                    out[filled:filled + len(chunk)] = np.frombuffer(chunk, np.uint8)
                    filled += len(chunk)
                complete = filled == info.file_size and not stream.read(1)
        except Exception as e:  # bad CRC, a truncated member, a bad local header, …
            raise LoadError(f"PytorchStreamReader failed reading file {name}: invalid header or "
                            f"archive is corrupted ({type(e).__name__}: {e})") from None
        if not complete:
            raise LoadError(f"PytorchStreamReader failed reading file {name}: invalid header or "
                            "archive is corrupted (truncated record)")
        return out

    def text(self, name):
        return self.read(name).tobytes()


def _check_version(records):
    for name in ("version", ".data/version"):
        if records.has(name):
            text = records.text(name).strip()
            if not text.isdigit():
                raise LoadError(f"PytorchStreamReader failed reading the version record: "
                                f"{text[:40]!r}")
            version = int(text)
            if version > _MAX_VERSION:
                raise LoadError(f"Attempted to read a PyTorch file with version {version}, but the "
                                f"maximum supported version for reading is {_MAX_VERSION}. Your "
                                "PyTorch installation may be too old.")
            return


def _byteorder(records):
    if not records.has("byteorder"):
        return "little"
    mark = records.text("byteorder")
    if mark not in (b"little", b"big"):
        raise LoadError("Unknown endianness type: " + mark.decode("latin1"))
    return mark.decode()


class _StorageIds:
    """``persistent_load`` of the zip format: one :class:`StorageRef` per key."""

    def __init__(self):
        self.refs = {}

    def __call__(self, pid):
        if type(pid) is not tuple or len(pid) != 5:
            raise Refusal(f"a storage id of {len(pid) if type(pid) is tuple else 'no'} fields "
                          "(the zip format writes 5)")
        ref = StorageRef.checked(*pid[1:])
        known = self.refs.setdefault(ref.key, ref)
        if known.dtype is not ref.dtype or known.numel != ref.numel:
            raise LoadError(f"storage {ref.key!r} is declared twice, as {known.numel} "
                            f"{known.dtype} and as {ref.numel} {ref.dtype} elements (corrupted "
                            "file)")
        return known


def load(file, file_size, placement, encoding):
    """The object in torch zip file ``file`` (an open, seekable binary file)."""
    try:
        archive = zipfile.ZipFile(file)
    except zipfile.BadZipFile:
        raise corrupted("failed finding central directory") from None
    except Exception as e:  # truncated in the directory itself: ValueError, OSError, …
        raise corrupted(f"{type(e).__name__}: {e}") from None
    with archive:
        records = _Records(archive, file_size)
        if records.has("constants.pkl"):
            raise LoadError("compat.load cannot read TorchScript archives (torch.jit.save "
                            "files): they hold code, not only data")
        _check_version(records)
        byteorder = _byteorder(records)
        storages = _StorageIds()
        data = io.BytesIO(records.text("data.pkl"))
        obj = Unpickler(data, find=find, persistent_load=storages, encoding=encoding).load()
        resolver = Resolver(lambda key: records.read(f"data/{key}"), byteorder, placement)
        return resolver.resolve(obj)


# ------------------------------------------------------------------------------ writing

def _padding(offset, name):
    """The extra field that makes a record's data start at a multiple of the alignment."""
    header = 30 + len(name.encode())
    start = offset + header + 4
    pad = (-start) % _ALIGNMENT
    return struct.pack("<HH", _PADDING_ID, pad) + b"\0" * pad


def _record(archive, file, name, data):
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED
    info.extra = _padding(file.tell() - archive.start, name)
    archive.writestr(info, data)


class _Archive(zipfile.ZipFile):
    def __init__(self, file):
        self.start = file.tell()
        super().__init__(file, "w", zipfile.ZIP_STORED, allowZip64=True)


def save(obj, file, prefix="archive"):
    """Write ``obj`` to the binary file ``file`` in torch's zip format."""
    pickler = Pickler()
    data = pickler.dump(obj)       # refuses what it cannot store before anything is written
    digest = hashlib.sha1(data)
    with _Archive(file) as archive:
        _record(archive, file, f"{prefix}/data.pkl", data)
        _record(archive, file, f"{prefix}/.format_version", b"1")
        _record(archive, file, f"{prefix}/.storage_alignment", str(_ALIGNMENT).encode())
        _record(archive, file, f"{prefix}/byteorder", sys.byteorder.encode())
        for key, array in pickler.storages:
            raw = np.ascontiguousarray(array).reshape(-1).view(np.uint8).data   # no copy
            digest.update(raw)
            _record(archive, file, f"{prefix}/data/{key}", raw)
        _record(archive, file, f"{prefix}/version", _PRODUCED_VERSION)
        _record(archive, file, f"{prefix}/.data/serialization_id",
                digest.hexdigest().encode())
