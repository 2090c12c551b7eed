"""Checkpoints of any pytree (a TrainState, params, optimizer state) as one ``.npz`` file.

The file is a zip of ``.npy`` arrays plus a JSON manifest (each leaf's key path, shape and
dtype). Nothing is ever pickled or unpickled: arrays are read with ``allow_pickle=False``
and the tree structure comes from the ``like`` argument, not from the file. Writes are atomic
(a temporary file in the same directory, flushed, then renamed over the target), so a crash
leaves either the old checkpoint or the new one.

>>> import os, tempfile, jax.numpy as jnp
>>> import jaxgrad
>>> state = {"w": jnp.ones((2, 2), jnp.float32), "step": jnp.int32(7)}
>>> path = os.path.join(tempfile.mkdtemp(), "ckpt.npz")
>>> jaxgrad.save(path, state)
>>> jaxgrad.load(path, like=state)["step"]
Array(7, dtype=int32)
"""
from __future__ import annotations

import json
import os
import tempfile

import jax
import jax.numpy as jnp
import numpy as np

__all__ = ["save", "load", "CheckpointError"]

_FORMAT = "jaxgrad-checkpoint"
_VERSION = 1
_MANIFEST = "__manifest__"


class CheckpointError(ValueError):
    """A checkpoint that cannot be read, or does not fit the tree it is loaded into."""


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
    if dtype.kind in "biufc":
        return array, dtype.name
    if dtype.kind == "V" and dtype.names is None and _is_jax_dtype(dtype):
        return array.view(np.dtype(f"u{dtype.itemsize}")), dtype.name
    raise TypeError(f"cannot checkpoint leaf {name} of dtype {dtype}: only numeric arrays are "
                    "stored (nothing is pickled)")


def _is_jax_dtype(dtype):
    try:
        return np.dtype(jnp.dtype(dtype.name)) == dtype
    except TypeError:
        return False


def save(path, tree) -> None:
    """Write ``tree`` (any pytree of arrays and numbers) to ``path`` atomically.

    >>> import os, tempfile, jax.numpy as jnp
    >>> path = os.path.join(tempfile.mkdtemp(), "params.npz")
    >>> save(path, {"b": jnp.zeros(3, jnp.float32)})
    >>> sorted(os.listdir(os.path.dirname(path)))         # no temporary file left behind
    ['params.npz']
    """
    path = os.fspath(path)
    entries, arrays = [], {}
    for i, (name, leaf) in enumerate(_flatten(tree)):
        array, dtype = _storable(name, leaf)
        key = f"leaf_{i:06d}"
        arrays[key] = array
        entries.append({"path": name, "key": key, "shape": list(np.shape(array)), "dtype": dtype})
    manifest = {"format": _FORMAT, "version": _VERSION, "leaves": entries}
    arrays[_MANIFEST] = np.frombuffer(json.dumps(manifest).encode(), np.uint8)

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp",
                               dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            # allow_pickle=False: an object array could only be written by pickling it.
            np.savez(f, allow_pickle=False, **arrays)
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


def _read(path):
    """The manifest and a lazy accessor of the arrays, with corruption as CheckpointError."""
    try:
        archive = np.load(os.fspath(path), allow_pickle=False)
    except FileNotFoundError:
        raise
    except Exception as e:  # a truncated or foreign file: BadZipFile, ValueError, OSError, …
        raise CheckpointError(f"{path} is not a readable jaxgrad checkpoint ({type(e).__name__}: "
                              f"{e})") from e
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise CheckpointError(f"{path} is not a jaxgrad checkpoint (a single .npy array)")
    try:
        manifest = json.loads(bytes(_member(archive, path, _MANIFEST)).decode())
    except CheckpointError:
        raise
    except Exception as e:
        raise CheckpointError(f"{path}: unreadable manifest ({type(e).__name__}: {e})") from e
    if not isinstance(manifest, dict) or manifest.get("format") != _FORMAT:
        raise CheckpointError(f"{path} is not a jaxgrad checkpoint (no {_FORMAT} manifest)")
    if manifest.get("version") != _VERSION:
        raise CheckpointError(f"{path}: unsupported checkpoint version {manifest.get('version')}")
    return archive, manifest["leaves"]


def _member(archive, path, key):
    try:
        return archive[key]
    except KeyError:
        raise CheckpointError(f"{path} is missing its entry {key!r} (corrupted checkpoint)") \
            from None
    except Exception as e:  # bad CRC, truncated member, pickled object array, …
        raise CheckpointError(f"{path}: entry {key!r} is corrupted or unsafe "
                              f"({type(e).__name__}: {e})") from e


def _restore_dtype(array, name):
    dtype = np.dtype(jnp.dtype(name))
    return array.view(dtype) if array.dtype != dtype else array


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


def load(path, like=None):
    """Read a checkpoint written by :func:`save` into the structure of ``like``.

    ``like`` is a pytree with the saved structure (e.g. a freshly created state, or
    ``jax.eval_shape`` of one); each leaf comes back as ``like``'s kind (jax arrays placed
    with the same sharding). A different tree, shape or dtype raises :class:`CheckpointError`
    naming the leaf. Without ``like``, returns ``{key_path: numpy array}``.

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
    archive, entries = _read(path)
    with archive:
        def value(entry):
            array = _member(archive, path, entry["key"])
            array = _restore_dtype(array, entry["dtype"])
            if list(array.shape) != entry["shape"]:
                raise CheckpointError(f"{path}: leaf {entry['path']} has shape {array.shape}, "
                                      f"its manifest says {tuple(entry['shape'])} (corrupted)")
            return array

        if like is None:
            return {e["path"]: value(e) for e in entries}
        like_leaves, treedef = jax.tree_util.tree_flatten(like)
        like_paths = [name for name, _ in _flatten(like)]
        saved_paths = [e["path"] for e in entries]
        if like_paths != saved_paths:
            missing = [p for p in like_paths if p not in saved_paths]
            unexpected = [p for p in saved_paths if p not in like_paths]
            raise CheckpointError(
                f"{path}: the checkpoint's tree does not match `like` ({len(saved_paths)} leaves "
                f"saved, {len(like_paths)} expected; missing from the checkpoint: "
                f"{missing[:5]}{'…' if len(missing) > 5 else ''}; not in `like`: "
                f"{unexpected[:5]}{'…' if len(unexpected) > 5 else ''}"
                + ("; same leaves in another order" if not missing and not unexpected else "")
                + ")")
        restored = []
        for entry, leaf in zip(entries, like_leaves):
            shape, dtype = _like_spec(leaf)
            saved_dtype = np.dtype(jnp.dtype(entry["dtype"]))
            if tuple(entry["shape"]) != shape:
                raise CheckpointError(f"{path}: leaf {entry['path']} has shape "
                                      f"{tuple(entry['shape'])} in the checkpoint but {shape} in "
                                      "`like`")
            if saved_dtype != dtype:
                raise CheckpointError(f"{path}: leaf {entry['path']} has dtype {saved_dtype.name} "
                                      f"in the checkpoint but {dtype.name} in `like`")
            restored.append(_like_leaf(value(entry), leaf))
        return jax.tree_util.tree_unflatten(treedef, restored)
