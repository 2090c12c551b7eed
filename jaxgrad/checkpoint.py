"""Checkpoints of any pytree (a TrainState, params, optimizer state) as one ``.npz`` file.

The file is a zip of ``.npy`` arrays plus a JSON manifest (each leaf's key path, shape and
dtype). Nothing is ever pickled or unpickled: only bool and numeric arrays are written or
read, and the tree structure comes from the ``like`` argument, not from the file. Writes are
atomic (a temporary file in the same directory, flushed, then renamed over the target), so a
crash leaves either the old checkpoint or the new one; a temporary file left by a writer
that was killed is removed by the next save to the same path.

Reading trusts nothing in the file: the manifest is validated field by field, each array's
dtype and shape come from its own ``.npy`` header and must agree with the manifest, and the
sizes the zip entries declare must fit in the file, so a small file cannot inflate into a
large allocation. Anything malformed raises :class:`CheckpointError`.

>>> import os, tempfile, jax.numpy as jnp
>>> import jaxgrad
>>> state = {"w": jnp.ones((2, 2), jnp.float32), "step": jnp.int32(7)}
>>> path = os.path.join(tempfile.mkdtemp(), "ckpt.npz")
>>> jaxgrad.save(path, state)
>>> jaxgrad.load(path, like=state)["step"]
Array(7, dtype=int32)
"""
from __future__ import annotations

import contextlib
import json
import math
import os
import socket
import tempfile
import zipfile
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

__all__ = ["save", "load", "CheckpointError", "write_atomically"]

_FORMAT = "jaxgrad-checkpoint"
_VERSION = 1
_MANIFEST = "__manifest__"

# The dtypes an .npy entry may hold: bool and numbers. Anything else (object arrays, which
# only pickling can write, strings, datetimes, structured records) is refused both ways.
_NUMPY_DTYPES = frozenset({
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128"})


def _known_to_jax(name):
    try:
        jnp.dtype(name)
    except TypeError:
        return False
    return True


# JAX's extra dtypes (ml_dtypes), which .npy cannot describe: stored as the same-width
# unsigned integers holding their bits, the manifest naming the real dtype.
_BIT_DTYPES = frozenset(name for name in (
    "bfloat16", "float8_e3m4", "float8_e4m3", "float8_e4m3b11fnuz", "float8_e4m3fn",
    "float8_e4m3fnuz", "float8_e5m2", "float8_e5m2fnuz", "float8_e8m0fnu", "float6_e2m3fn",
    "float6_e3m2fn", "float4_e2m1fn", "int1", "int2", "int4", "uint1", "uint2", "uint4")
    if _known_to_jax(name))

_READ_CHUNK = 1 << 24   # bytes per read, so no single read is sized by the file's claims


class CheckpointError(ValueError):
    """A checkpoint that cannot be read, or does not fit the tree it is loaded into."""


# ----------------------------------------------------------------------------- writing

def _flatten(tree):
    leaves, _ = jax.tree_util.tree_flatten_with_path(tree)
    return [(jax.tree_util.keystr(path), leaf) for path, leaf in leaves]


def _storable(name, leaf):
    """``leaf`` as a plain numpy array, and the dtype name to restore. Dtypes numpy cannot
    store without pickling (bfloat16, float8…, "void" types to .npy) are written as
    same-width unsigned integers holding the bits."""
    if isinstance(leaf, jax.Array) and not leaf.is_fully_addressable:
        # Multi-host: this process holds only its shards. Gather first (see docs/functional.md).
        raise ValueError(f"cannot checkpoint leaf {name}: it is sharded over several processes; "
                         "gather it with jax.experimental.multihost_utils.process_allgather "
                         "or save per process")
    array = np.asarray(jax.device_get(leaf))
    dtype = array.dtype
    if dtype.name in _NUMPY_DTYPES:
        return array.astype(dtype.newbyteorder("="), copy=False), dtype.name
    if dtype.name in _BIT_DTYPES and np.dtype(jnp.dtype(dtype.name)) == dtype:
        return array.view(np.dtype(f"u{dtype.itemsize}")), dtype.name
    raise TypeError(f"cannot checkpoint leaf {name} of dtype {dtype}: only bool and numeric "
                    "arrays are stored (nothing is pickled)")


def _archive_arrays(tree):
    """The named arrays of the ``.npz`` for ``tree``: one per leaf, plus the manifest."""
    entries, arrays = [], {}
    for i, (name, leaf) in enumerate(_flatten(tree)):
        array, dtype = _storable(name, leaf)
        key = f"leaf_{i:06d}"
        arrays[key] = array
        entries.append({"path": name, "key": key, "shape": list(np.shape(array)), "dtype": dtype})
    manifest = {"format": _FORMAT, "version": _VERSION, "leaves": entries}
    arrays[_MANIFEST] = np.frombuffer(json.dumps(manifest).encode(), np.uint8)
    return arrays


def save(path, tree) -> None:
    """Write ``tree`` (any pytree of arrays and numbers) to ``path`` atomically.

    ``path`` may also be a writable binary file object, which is written in place (with no
    atomicity: that is the caller's file).

    >>> import os, tempfile, jax.numpy as jnp
    >>> path = os.path.join(tempfile.mkdtemp(), "params.npz")
    >>> save(path, {"b": jnp.zeros(3, jnp.float32)})
    >>> sorted(os.listdir(os.path.dirname(path)))         # no temporary file left behind
    ['params.npz']
    """
    arrays = _archive_arrays(tree)
    if hasattr(path, "write"):
        # allow_pickle=False: an object array could only be written by pickling it.
        np.savez(path, allow_pickle=False, **arrays)
        return
    _save_atomically(os.fspath(path), arrays)


def _save_atomically(path, arrays):
    # allow_pickle=False: an object array could only be written by pickling it.
    write_atomically(path, lambda f: np.savez(f, allow_pickle=False, **arrays))


def write_atomically(path, write) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, then rename it over ``path``:
    a crash (or an exception from ``write``) leaves the old file, or none, never half a new
    one. compat.save writes torch's format through it.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "notes.bin")
    >>> write_atomically(path, lambda f: f.write(b"data"))
    >>> open(path, "rb").read(), sorted(os.listdir(os.path.dirname(path)))
    (b'data', ['notes.bin'])
    """
    directory = os.path.dirname(os.path.abspath(path))
    # Before writing: a dead writer's leftover may be as large as the file about to be written.
    _remove_stale_temporaries(directory, os.path.basename(path))
    fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(path) + _writer_tag() + ".",
                               suffix=_TEMPORARY_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory):
    # Make the rename itself durable where the platform allows it.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ------------------------------------------------------------ temporaries of dead writers
#
# A save writes ``.<target name>.<host>.<pid>.<random>.tmp`` beside the target. A writer
# killed with SIGKILL (or by the OOM killer) cannot remove it, so the next save to the same
# target removes those whose writer, a process of this host, no longer runs. Files of other
# hosts (a shared filesystem) and of live processes are left alone.

_TEMPORARY_SUFFIX = ".tmp"


def _temporary_prefix(path):
    return "." + os.path.basename(path) + "."


def _this_host():
    # No dots: the tag is split on them.
    return "".join(c if c.isalnum() or c == "-" else "-" for c in socket.gethostname()) or "-"


def _writer_tag():
    return f"{_this_host()}.{os.getpid()}"


def _writer_of(name, target):
    """(host, pid) of the save that writes temporary file ``name`` for ``target``, or None
    when ``name`` is not one of those."""
    prefix = _temporary_prefix(target)
    if not (name.startswith(prefix) and name.endswith(_TEMPORARY_SUFFIX)):
        return None
    parts = name[len(prefix):-len(_TEMPORARY_SUFFIX)].split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def _process_is_running(pid):
    try:
        os.kill(pid, 0)     # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:         # exists but belongs to another user, or cannot be asked
        return True
    return True


def _remove_stale_temporaries(directory, target):
    # os.kill(pid, 0) is a liveness probe only on POSIX (on Windows it would signal).
    if os.name != "posix":
        return
    try:
        names = os.listdir(directory)
    except OSError:
        return
    host, me = _this_host(), os.getpid()
    for name in names:
        writer = _writer_of(name, target)
        if writer is None or writer[0] != host or writer[1] == me:
            continue
        if not _process_is_running(writer[1]):
            try:
                os.remove(os.path.join(directory, name))
            except OSError:
                pass        # removed by someone else meanwhile, or not ours to remove


# ----------------------------------------------------------------------------- reading

class _Entry(NamedTuple):
    """One validated leaf of a manifest."""
    path: str
    key: str
    shape: tuple
    dtype: str


class _Archive:
    """An opened checkpoint zip whose entries are read within the bounds the file allows."""

    def __init__(self, file, label):
        self.label = label
        self.zip = _open_zip(file, label)
        try:
            self.members = _array_members(self.zip, _file_size(file), label)
        except BaseException:
            self.zip.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.zip.close()

    def array(self, key):
        """The array stored as ``key``: dtype and shape from its own ``.npy`` header."""
        info = self.members.get(key)
        if info is None:
            raise CheckpointError(f"{self.label} is missing its entry {key!r} (corrupted "
                                  "checkpoint)")
        try:
            with self.zip.open(info) as stream:
                return _read_npy(stream, info.file_size, key, self.label)
        except CheckpointError:
            raise
        except Exception as e:  # bad CRC, truncated member, malformed header, …
            raise CheckpointError(f"{self.label}: entry {key!r} is corrupted or unsafe "
                                  f"({type(e).__name__}: {e})") from e


def _file_size(file):
    end = file.seek(0, os.SEEK_END)
    file.seek(0)
    return end


def _open_zip(file, label):
    if file.read(6) == b"\x93NUMPY":
        raise CheckpointError(f"{label} is not a jaxgrad checkpoint (a single .npy array)")
    file.seek(0)
    try:
        return zipfile.ZipFile(file)
    except Exception as e:  # a truncated or foreign file: BadZipFile, ValueError, OSError, …
        raise CheckpointError(f"{label} is not a readable jaxgrad checkpoint ({type(e).__name__}: "
                              f"{e})") from e


def _array_members(archive, file_size, label):
    """``{key: ZipInfo}`` of the ``.npy`` entries, once the sizes they declare are checked.

    save stores entries uncompressed, so together they hold no more bytes than the file
    itself; an archive claiming more is compressed or forged (a zip bomb), and refused before
    anything is inflated. Reads stop at each entry's declared size, so that bound holds.
    """
    members, declared = {}, 0
    for info in archive.infolist():
        declared += info.file_size
        if not info.filename.endswith(".npy"):
            continue
        key = info.filename[:-len(".npy")]
        if key in members:
            raise CheckpointError(f"{label} has two entries named {key!r} (corrupted or forged "
                                  "checkpoint)")
        members[key] = info
    if declared > file_size:
        raise CheckpointError(f"{label}: its entries declare {declared} bytes of data in a file "
                              f"of {file_size} bytes; jaxgrad checkpoints are stored "
                              "uncompressed, so this one is compressed or forged and is not "
                              "inflated")
    return members


def _read_npy_header(stream):
    version = np.lib.format.read_magic(stream)
    if version == (1, 0):
        return np.lib.format.read_array_header_1_0(stream)
    if version == (2, 0):
        return np.lib.format.read_array_header_2_0(stream)
    # 3.0 exists only for non-latin-1 field names, which numeric arrays never have.
    raise ValueError(f"unsupported .npy format version {version[0]}.{version[1]}")


def _read_npy(stream, entry_size, key, label):
    """Read one ``.npy`` entry, checking its header before allocating anything."""
    shape, fortran_order, dtype = _read_npy_header(stream)
    if dtype.name not in _NUMPY_DTYPES:
        raise CheckpointError(f"{label}: entry {key!r} is corrupted or unsafe: it holds {dtype} "
                              "data, and only bool and numeric arrays are read (nothing is "
                              "unpickled)")
    if any(d < 0 for d in shape):
        raise CheckpointError(f"{label}: entry {key!r} is corrupted: its header declares the "
                              f"shape {shape}")
    nbytes = math.prod(shape) * dtype.itemsize
    held = entry_size - stream.tell()
    if nbytes != held:
        raise CheckpointError(f"{label}: entry {key!r} is corrupted: its header declares "
                              f"{dtype.name} data of shape {shape} ({nbytes} bytes) but the "
                              f"entry holds {held} bytes")
    flat = np.empty(math.prod(shape), dtype)
    _read_exactly(stream, flat.view(np.uint8), key, label)
    array = flat.reshape(shape, order="F" if fortran_order else "C")
    return array if dtype.isnative else array.astype(dtype.newbyteorder("="))


def _read_exactly(stream, buffer, key, label):
    filled = 0
    while filled < len(buffer):
        chunk = stream.read(min(_READ_CHUNK, len(buffer) - filled))
        if not chunk:
            raise CheckpointError(f"{label}: entry {key!r} is truncated (corrupted checkpoint)")
        buffer[filled:filled + len(chunk)] = np.frombuffer(chunk, np.uint8)
        filled += len(chunk)
    if stream.read(1):      # also completes the CRC check of the entry
        raise CheckpointError(f"{label}: entry {key!r} holds more data than its header "
                              "declares (corrupted checkpoint)")


def _manifest_document(archive):
    return json_document(archive.array(_MANIFEST), archive.label, "manifest", _FORMAT, _VERSION,
                         foreign="is not a jaxgrad checkpoint (no {format} manifest)",
                         versioned="checkpoint")


def json_document(raw, label, what, fmt, version, *, foreign, versioned,
                  error=CheckpointError, chain=True):
    """The JSON object a uint8 entry ``raw`` holds, written as ``fmt`` at ``version``.

    Anything else raises ``error``: ``"{label}: unreadable {what} (...)"`` when the bytes are
    not JSON (chained to the decoder's error when ``chain``), ``"{label} " + foreign`` (with
    ``{format}`` filled in) when it is not a dict naming ``fmt``, and ``"{label}:
    unsupported {versioned} version ..."`` for any other version. jaxgrad's manifest and
    compat.save's structure document are both read through it.
    """
    if raw.dtype != np.uint8 or raw.ndim != 1:
        raise error(f"{label}: unreadable {what} (a {raw.dtype} array of shape "
                    f"{raw.shape}, not JSON bytes)")
    try:
        document = json.loads(raw.tobytes().decode("utf-8"))
    except (ValueError, RecursionError) as e:
        raise error(f"{label}: unreadable {what} ({type(e).__name__}: {e})") \
            from (e if chain else None)
    if not isinstance(document, dict) or document.get("format") != fmt:
        raise error(f"{label} " + foreign.format(format=fmt))
    found = document.get("version")
    if type(found) is not int or found != version:
        raise error(f"{label}: unsupported {versioned} version {found!r}")
    return document


def _manifest_entries(archive):
    """The manifest's leaves, each checked for the fields, types and values save writes."""
    label = archive.label
    leaves = _manifest_document(archive).get("leaves")
    if not isinstance(leaves, list):
        raise CheckpointError(f"{label}: malformed manifest ('leaves' is "
                              f"{type(leaves).__name__}, not a list)")
    entries = [_manifest_entry(leaf, i, label) for i, leaf in enumerate(leaves)]
    for field in ("path", "key"):
        values = [getattr(e, field) for e in entries]
        if len(set(values)) != len(values):
            twice = next(v for v in values if values.count(v) > 1)
            raise CheckpointError(f"{label}: malformed manifest (two leaves with the {field} "
                                  f"{twice!r})")
    return entries


_ENTRY_FIELDS = (("path", str), ("key", str), ("shape", list), ("dtype", str))


def _manifest_entry(leaf, i, label):
    where = f"{label}: malformed manifest (leaf {i}"
    if not isinstance(leaf, dict):
        raise CheckpointError(f"{where} is {type(leaf).__name__}, not an object)")
    for field, kind in _ENTRY_FIELDS:
        if field not in leaf:
            raise CheckpointError(f"{where} has no {field!r})")
        if not isinstance(leaf[field], kind):
            raise CheckpointError(f"{where}: {field!r} is {type(leaf[field]).__name__}, not "
                                  f"{kind.__name__})")
    if not all(type(d) is int and d >= 0 for d in leaf["shape"]):
        raise CheckpointError(f"{where}: 'shape' {leaf['shape']!r} is not a list of sizes)")
    if leaf["dtype"] not in _NUMPY_DTYPES | _BIT_DTYPES:
        raise CheckpointError(f"{where}: unsupported dtype {leaf['dtype']!r})")
    if leaf["key"] == _MANIFEST:
        raise CheckpointError(f"{where}: its key names the manifest)")
    return _Entry(leaf["path"], leaf["key"], tuple(leaf["shape"]), leaf["dtype"])


def _restore_dtype(array, entry, label):
    """``array`` as the manifest's dtype; that must be the stored one, or for JAX's extra
    dtypes their bits stored as the same-width unsigned integers."""
    stored = array.dtype.name
    if entry.dtype == stored:
        return array
    if entry.dtype in _BIT_DTYPES:
        dtype = np.dtype(jnp.dtype(entry.dtype))
        if stored == f"uint{8 * dtype.itemsize}":
            return array.view(dtype)
    raise CheckpointError(f"{label}: leaf {entry.path} is stored as {stored} but its manifest "
                          f"says {entry.dtype} (corrupted)")


def _leaf_value(archive, entry):
    array = _restore_dtype(archive.array(entry.key), entry, archive.label)
    if array.shape != entry.shape:
        raise CheckpointError(f"{archive.label}: leaf {entry.path} has shape {array.shape}, its "
                              f"manifest says {entry.shape} (corrupted)")
    return array


def _like_spec(leaf):
    """(shape, dtype) that a leaf of ``like`` expects (arrays, ShapeDtypeStructs, numbers)."""
    if isinstance(leaf, (jax.Array, jax.ShapeDtypeStruct, np.ndarray, np.generic)):
        return tuple(leaf.shape), np.dtype(leaf.dtype)
    array = np.asarray(leaf)
    return tuple(array.shape), array.dtype


def _like_leaf(value, like):
    """``value`` in the form of ``like``'s leaf: on its devices/sharding for jax arrays."""
    if isinstance(like, jax.Array):
        return jax.device_put(value, like.sharding)
    if isinstance(like, jax.ShapeDtypeStruct):
        sharding = getattr(like, "sharding", None)
        return jax.device_put(value, sharding) if sharding is not None else jnp.asarray(value)
    if isinstance(like, (bool, int, float, complex)):
        return type(like)(value.item())
    if isinstance(like, np.generic):
        return value[()]
    return value


def _check_tree(entries, like, label):
    like_paths = [name for name, _ in _flatten(like)]
    saved_paths = [e.path for e in entries]
    if like_paths == saved_paths:
        return
    missing = [p for p in like_paths if p not in saved_paths]
    unexpected = [p for p in saved_paths if p not in like_paths]
    raise CheckpointError(
        f"{label}: the checkpoint's tree does not match `like` ({len(saved_paths)} leaves "
        f"saved, {len(like_paths)} expected; missing from the checkpoint: "
        f"{missing[:5]}{'…' if len(missing) > 5 else ''}; not in `like`: "
        f"{unexpected[:5]}{'…' if len(unexpected) > 5 else ''}"
        + ("; same leaves in another order" if not missing and not unexpected else "")
        + ")")


def _check_leaf(entry, like_leaf, label):
    shape, dtype = _like_spec(like_leaf)
    saved_dtype = np.dtype(jnp.dtype(entry.dtype))
    if entry.shape != shape:
        raise CheckpointError(f"{label}: leaf {entry.path} has shape {entry.shape} in the "
                              f"checkpoint but {shape} in `like`")
    if saved_dtype != dtype:
        raise CheckpointError(f"{label}: leaf {entry.path} has dtype {saved_dtype.name} in the "
                              f"checkpoint but {dtype.name} in `like`")


@contextlib.contextmanager
def _opened(source):
    """The checkpoint at ``source`` (a path or a readable, seekable binary file object)."""
    if hasattr(source, "read"):
        with _Archive(source, getattr(source, "name", "<file>")) as archive:
            yield archive
        return
    path = os.fspath(source)
    # A missing or unreadable path raises the OSError torch.load raises too.
    with open(path, "rb") as file, _Archive(file, path) as archive:
        yield archive


def load(path, like=None):
    """Read a checkpoint written by :func:`save` into the structure of ``like``.

    ``like`` is a pytree with the saved structure (e.g. a freshly created state, or
    ``jax.eval_shape`` of one); each leaf comes back as ``like``'s kind (jax arrays placed
    with the same sharding). A different tree, shape or dtype raises :class:`CheckpointError`
    naming the leaf, as does a malformed, truncated or forged file. Without ``like``, returns
    ``{key_path: numpy array}``. ``path`` may also be a seekable binary file object.

    >>> import os, tempfile, jax.numpy as jnp
    >>> path = os.path.join(tempfile.mkdtemp(), "c.npz")
    >>> save(path, {"w": jnp.zeros(2, jnp.float32)})
    >>> load(path)
    {"['w']": array([0., 0.], dtype=float32)}
    >>> load(path, like={"w": jnp.zeros(3, jnp.float32)})
    Traceback (most recent call last):
    ...
    jaxgrad.checkpoint.CheckpointError: ...: leaf ['w'] has shape (2,) in the checkpoint but ...
    """
    with _opened(path) as archive:
        entries = _manifest_entries(archive)
        if like is None:
            return {e.path: _leaf_value(archive, e) for e in entries}
        _check_tree(entries, like, archive.label)
        like_leaves, treedef = jax.tree_util.tree_flatten(like)
        restored = []
        for entry, leaf in zip(entries, like_leaves):
            _check_leaf(entry, leaf, archive.label)
            restored.append(_like_leaf(_leaf_value(archive, entry), leaf))
        return jax.tree_util.tree_unflatten(treedef, restored)
