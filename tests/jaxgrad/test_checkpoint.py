"""jaxgrad.save / jaxgrad.load: round trips, atomic writes, clear errors on mismatched trees,
shapes and dtypes, corrupted files, and no unpickling ever."""
import io
import json
import os
import signal
import subprocess
import sys
import zipfile

import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxgrad
from jaxgrad import checkpoint as checkpoint_module
from jaxgrad.checkpoint import CheckpointError


def make_state():
    params = {"w": jnp.asarray(np.random.RandomState(0).standard_normal((3, 4)), jnp.float32),
              "b": jnp.zeros(4, jnp.float32),
              "emb": jnp.ones((2, 2), jnp.bfloat16),
              "scale": jnp.float64(0.5)}
    return jaxgrad.TrainState.create(params, jaxgrad.optim.adam(lr=1e-3, amsgrad=True))


def loss_fn(params, x):
    return jnp.mean((x @ params["w"] + params["b"]) ** 2) * params["scale"].astype(jnp.float32) \
        + jnp.sum(params["emb"].astype(jnp.float32))


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "state.npz")


def test_round_trip_of_a_train_state(path):
    opt = jaxgrad.optim.adam(lr=1e-3, amsgrad=True)
    step = jaxgrad.train_step(loss_fn, opt, donate=False)
    state, _ = step(make_state(), jnp.ones((5, 3), jnp.float32))
    jaxgrad.save(path, state)
    loaded = jaxgrad.load(path, like=make_state())
    chex.assert_trees_all_equal(loaded, state)
    chex.assert_trees_all_equal_shapes_and_dtypes(loaded, state)
    assert isinstance(loaded, jaxgrad.TrainState) and loaded.params["emb"].dtype == jnp.bfloat16
    # training resumes exactly where it stopped
    x = jnp.full((5, 3), 0.5, jnp.float32)
    chex.assert_trees_all_equal(step(loaded, x), step(state, x))


def test_like_can_be_abstract_and_leaves_keep_their_kind(path):
    tree = {"a": np.arange(3, dtype=np.int64), "n": 3, "x": 2.5, "flag": True,
            "j": jnp.arange(2, dtype=jnp.int32), "nested": [np.float32(1.5), (jnp.ones(1),)]}
    jaxgrad.save(path, tree)
    loaded = jaxgrad.load(path, like=tree)
    assert loaded["n"] == 3 and type(loaded["n"]) is int
    assert loaded["x"] == 2.5 and type(loaded["x"]) is float
    assert loaded["flag"] is True
    assert isinstance(loaded["a"], np.ndarray) and isinstance(loaded["j"], jax.Array)
    chex.assert_trees_all_equal(loaded, tree)
    abstract = jax.eval_shape(lambda: {"w": jnp.zeros((2, 3), jnp.float32)})
    jaxgrad.save(path, {"w": jnp.ones((2, 3), jnp.float32)})
    chex.assert_trees_all_equal(jaxgrad.load(path, like=abstract), {"w": jnp.ones((2, 3))})


def test_load_without_like_gives_a_flat_mapping(path):
    jaxgrad.save(path, {"w": jnp.ones(2, jnp.float32), "b": [jnp.zeros(1, jnp.float32)]})
    flat = jaxgrad.load(path)
    assert set(flat) == {"['w']", "['b'][0]"}
    np.testing.assert_array_equal(flat["['w']"], np.ones(2, np.float32))


@pytest.mark.parametrize("like,message", [
    ({"w": jnp.zeros((2, 3), jnp.float32), "b": jnp.zeros(3, jnp.float32)},
     "leaf ['w'] has shape (3, 2) in the checkpoint but (2, 3) in `like`"),
    ({"w": jnp.zeros((3, 2), jnp.float64), "b": jnp.zeros(3, jnp.float32)},
     "leaf ['w'] has dtype float32 in the checkpoint but float64 in `like`"),
    ({"w": jnp.zeros((3, 2), jnp.float32)},
     "the checkpoint's tree does not match `like` (2 leaves saved, 1 expected; missing from the "
     "checkpoint: []; not in `like`: [\"['b']\"]"),
    ({"w": jnp.zeros((3, 2), jnp.float32), "bias": jnp.zeros(3, jnp.float32)},
     "missing from the checkpoint: [\"['bias']\"]"),
    ([jnp.zeros((3, 2), jnp.float32), jnp.zeros(3, jnp.float32)], "does not match `like`"),
])
def test_mismatches_are_clear_errors(path, like, message):
    jaxgrad.save(path, {"w": jnp.zeros((3, 2), jnp.float32), "b": jnp.zeros(3, jnp.float32)})
    with pytest.raises(CheckpointError) as info:
        jaxgrad.load(path, like=like)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def _corrupt(path, how):
    data = bytearray(open(path, "rb").read())
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "flipped":
        # flip bytes inside the first array's data (past its local header): CRC mismatch
        with zipfile.ZipFile(path) as z:
            info = z.infolist()[0]
        start = info.header_offset + 30 + len(info.filename) + 128 + 4
        for i in range(start, start + 8):
            data[i] ^= 0xFF
    elif how == "garbage":
        data = bytearray(b"not a checkpoint at all" * 10)
    elif how == "empty":
        data = bytearray()
    open(path, "wb").write(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "flipped", "garbage", "empty"])
def test_corrupted_files_raise_checkpoint_error(path, how):
    state = {"w": jnp.arange(64, dtype=jnp.float32), "b": jnp.ones(8, jnp.float32)}
    jaxgrad.save(path, state)
    _corrupt(path, how)
    with pytest.raises(CheckpointError):
        jaxgrad.load(path, like=state)


def test_foreign_npz_files_are_rejected(path):
    np.savez(path, w=np.zeros(2))
    with pytest.raises(CheckpointError, match="missing its entry '__manifest__'"):
        jaxgrad.load(path, like={"w": np.zeros(2)})
    np.savez(path, __manifest__=np.frombuffer(b'{"format": "other"}', np.uint8))
    with pytest.raises(CheckpointError, match="not a jaxgrad checkpoint"):
        jaxgrad.load(path)
    np.save(path + ".npy", np.zeros(2))
    with pytest.raises(CheckpointError, match="single .npy array"):
        jaxgrad.load(path + ".npy")


class _Exploit:
    """Unpickling this would create a file: the test checks that it never happens."""
    marker = None

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_never_unpickles(path, tmp_path):
    jaxgrad.save(path, {"w": jnp.zeros(2, jnp.float32)})
    marker = tmp_path / "pwned"
    _Exploit.marker = str(marker)
    payload = np.empty(1, dtype=object)
    payload[0] = _Exploit()
    # Replace the leaf with a pickled object array, keeping the genuine manifest.
    with zipfile.ZipFile(path) as z:
        manifest = z.read("__manifest__.npy")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("__manifest__.npy", manifest)
        with z.open("leaf_000000.npy", "w") as f:
            np.lib.format.write_array(f, payload, allow_pickle=True)
    with pytest.raises(CheckpointError, match="corrupted or unsafe"):
        jaxgrad.load(path, like={"w": jnp.zeros(2, jnp.float32)})
    assert not marker.exists()
    with pytest.raises(TypeError, match="nothing is pickled"):
        jaxgrad.save(path, {"o": payload})


def test_save_is_atomic(path, monkeypatch):
    good = {"w": jnp.ones(4, jnp.float32)}
    jaxgrad.save(path, good)

    def failing_savez(f, **arrays):
        f.write(b"partial write")
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", failing_savez)
    with pytest.raises(OSError, match="disk full"):
        jaxgrad.save(path, {"w": jnp.zeros(4, jnp.float32)})
    monkeypatch.undo()
    chex.assert_trees_all_equal(jaxgrad.load(path, like=good), good)   # the old one survives
    assert os.listdir(os.path.dirname(path)) == ["state.npz"]        # no temporary left over
    jaxgrad.save(path, {"w": jnp.full(4, 2.0, jnp.float32)})            # overwriting works
    np.testing.assert_array_equal(jaxgrad.load(path, like=good)["w"], np.full(4, 2.0))


def test_every_entry_reads_without_pickle(path):
    jaxgrad.save(path, make_state())
    with np.load(path, allow_pickle=False) as archive:
        assert "__manifest__" in archive.files
        for name in archive.files:
            assert archive[name].dtype != np.dtype(object)


# ------------------------------------------------------------------ hostile and malformed files
#
# Each forged file must raise CheckpointError, never a raw TypeError/KeyError/MemoryError/…,
# whether loaded with `like` or without.

def _npy_bytes(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _npy_with_header(shape, dtype, data):
    header = {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False,
              "shape": tuple(shape)}
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue() + data


def _write_archive(path, manifest, arrays, compression=zipfile.ZIP_STORED):
    """A checkpoint-shaped zip: ``manifest`` (an object, or raw bytes) and ``{key: array}``."""
    raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("__manifest__.npy", _npy_bytes(np.frombuffer(raw, np.uint8)))
        for key, array in arrays.items():
            z.writestr(key + ".npy", array if isinstance(array, bytes) else _npy_bytes(array))


def _manifest(*leaves, **fields):
    return {"format": "jaxgrad-checkpoint", "version": 1, "leaves": list(leaves), **fields}


def _leaf(**fields):
    leaf = {"path": "['w']", "key": "leaf_000000", "shape": [2], "dtype": "float32"}
    leaf.update(fields)
    return {k: v for k, v in leaf.items() if v is not _DROP}


_DROP = object()
_W = {"leaf_000000": np.zeros(2, np.float32)}
_LIKE = {"w": np.zeros(2, np.float32)}


@pytest.mark.parametrize("manifest,message", [
    ([1, 2], "not a jaxgrad checkpoint"),
    ("just a string", "not a jaxgrad checkpoint"),
    ({"format": "jaxgrad-checkpoint", "leaves": []}, "unsupported checkpoint version None"),
    (_manifest(version="1"), "unsupported checkpoint version '1'"),
    (_manifest(version=True), "unsupported checkpoint version True"),
    ({"format": "jaxgrad-checkpoint", "version": 1}, "'leaves' is NoneType, not a list"),
    (_manifest(leaves={"a": 1}), "'leaves' is dict, not a list"),
    (_manifest("leaf"), "leaf 0 is str, not an object"),
    (_manifest([1, 2]), "leaf 0 is list, not an object"),
    (_manifest(_leaf(path=_DROP)), "leaf 0 has no 'path'"),
    (_manifest(_leaf(key=_DROP)), "leaf 0 has no 'key'"),
    (_manifest(_leaf(shape=_DROP)), "leaf 0 has no 'shape'"),
    (_manifest(_leaf(dtype=_DROP)), "leaf 0 has no 'dtype'"),
    (_manifest(_leaf(path=3)), "'path' is int, not str"),
    (_manifest(_leaf(key=None)), "'key' is NoneType, not str"),
    (_manifest(_leaf(key=["leaf_000000"])), "'key' is list, not str"),
    (_manifest(_leaf(shape="2")), "'shape' is str, not list"),
    (_manifest(_leaf(shape=[2.0])), "'shape' [2.0] is not a list of sizes"),
    (_manifest(_leaf(shape=[-2])), "'shape' [-2] is not a list of sizes"),
    (_manifest(_leaf(shape=[True, True])), "is not a list of sizes"),
    (_manifest(_leaf(shape=[[2]])), "is not a list of sizes"),
    (_manifest(_leaf(dtype=5)), "'dtype' is int, not str"),
    (_manifest(_leaf(dtype="object")), "unsupported dtype 'object'"),
    (_manifest(_leaf(dtype="float128")), "unsupported dtype 'float128'"),
    (_manifest(_leaf(dtype="set_default_dtype")), "unsupported dtype"),
    (_manifest(_leaf(key="__manifest__")), "its key names the manifest"),
    (_manifest(_leaf(key="leaf_999999")), "missing its entry 'leaf_999999'"),
    (_manifest(_leaf(key="../../etc/passwd")), "missing its entry '../../etc/passwd'"),
    (_manifest(_leaf(key="leaf_000000.npy")), "missing its entry"),
    (_manifest(_leaf(), _leaf(key="leaf_000001")), "two leaves with the path \"['w']\""),
    (_manifest(_leaf(), _leaf(path="['b']")), "two leaves with the key 'leaf_000000'"),
    (_manifest(_leaf(shape=[3])), "has shape (2,), its manifest says (3,)"),
    (_manifest(_leaf(shape=[])), "its manifest says ()"),
    (_manifest(_leaf(dtype="int32")), "stored as float32 but its manifest says int32"),
    (_manifest(_leaf(dtype="bfloat16")), "stored as float32 but its manifest says bfloat16"),
    (b"{not json", "unreadable manifest (JSONDecodeError"),
    (b"\xff\xfe\x00", "unreadable manifest (UnicodeDecodeError"),
    (b"[" * 100_000 + b"]" * 100_000, "unreadable manifest (RecursionError"),
])
@pytest.mark.parametrize("with_like", [False, True])
def test_malformed_manifests_raise_checkpoint_error(path, manifest, message, with_like):
    _write_archive(path, manifest, _W)
    with pytest.raises(CheckpointError) as info:
        jaxgrad.load(path, like=_like_for(manifest) if with_like else None)
    assert message in str(info.value)


def _like_for(manifest):
    """A `like` that agrees with the forged leaves where it can, so that the error comes from
    reading the file rather than from comparing it with `like`."""
    like = {}
    for leaf in manifest.get("leaves", []) if isinstance(manifest, dict) else []:
        try:
            like[leaf["path"][2:-2]] = np.zeros(leaf["shape"], jnp.dtype(leaf["dtype"]))
        except Exception:
            like["w"] = np.zeros(2, np.float32)
    return like or _LIKE


@pytest.mark.parametrize("array,message", [
    (np.array(["abc"]), "holds <U3 data"),
    (np.array([b"abc"]), "holds |S3 data"),
    (np.zeros(2, "datetime64[s]"), "holds datetime64[s] data"),
    (np.zeros(2, [("a", "f4"), ("b", "i4")]), "only bool and numeric arrays are read"),
    (np.zeros(2, np.longdouble), "only bool and numeric arrays are read"),
    (_npy_with_header((2,), np.dtype(("f4", (2,))), bytes(16)),
     "only bool and numeric arrays are read"),
])
def test_non_numeric_npy_entries_are_refused(path, array, message):
    # the manifest claims an ordinary float32 leaf; the .npy header's dtype is what counts
    _write_archive(path, _manifest(_leaf()), {"leaf_000000": array})
    for like in (None, {"w": np.zeros(2, np.float32)}):
        with pytest.raises(CheckpointError, match="corrupted or unsafe") as info:
            jaxgrad.load(path, like=like)
        assert message in str(info.value)


def test_manifest_dtype_must_agree_with_the_stored_one(path):
    jaxgrad.save(path, {"w": np.arange(4, dtype=np.int32)})
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(np.load(io.BytesIO(z.read("__manifest__.npy"))).tobytes())
        leaf = z.read("leaf_000000.npy")
    manifest["leaves"][0]["dtype"] = "float32"       # same width: bytes would reinterpret
    _write_archive(path, manifest, {"leaf_000000": leaf})
    with pytest.raises(CheckpointError, match="stored as int32 but its manifest says float32"):
        jaxgrad.load(path)
    with pytest.raises(CheckpointError, match="stored as int32 but its manifest says float32"):
        jaxgrad.load(path, like={"w": np.zeros(4, np.float32)})


_ALL_DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
               "float16", "float32", "float64", "complex64", "complex128", "bfloat16",
               "float8_e4m3fn", "float8_e5m2", "int4"]


@pytest.mark.parametrize("dtype", _ALL_DTYPES)
def test_every_allowed_dtype_round_trips(path, dtype):
    values = np.array([[0, 1, 2], [3, -1, 5]])
    if dtype.startswith("uint"):
        values = np.abs(values)
    array = values.astype(jnp.dtype(dtype))
    tree = {"a": array, "j": jnp.asarray(array)}
    jaxgrad.save(path, tree)
    flat = jaxgrad.load(path)
    assert flat["['a']"].dtype == array.dtype and flat["['j']"].dtype == array.dtype
    loaded = jaxgrad.load(path, like=tree)
    for value in (flat["['a']"], flat["['j']"], loaded["a"], loaded["j"]):
        np.testing.assert_array_equal(_widened(value), _widened(array))


def _widened(array):
    array = np.asarray(array)
    return array.astype(np.complex128 if array.dtype.kind == "c" else np.float64)


def test_big_endian_and_fortran_order_arrays_round_trip(path):
    big = np.arange(6, dtype=">f8").reshape(2, 3)
    fortran = np.asfortranarray(np.arange(12, dtype=np.int16).reshape(3, 4))
    jaxgrad.save(path, {"big": big, "f": fortran})
    flat = jaxgrad.load(path)
    np.testing.assert_array_equal(flat["['big']"], big)
    np.testing.assert_array_equal(flat["['f']"], fortran)
    assert flat["['big']"].dtype == np.float64 and flat["['big']"].dtype.isnative
    # a file written by numpy with a big-endian or Fortran-order header reads as well
    _write_archive(path, _manifest(_leaf(path="['a']", shape=[2, 3], dtype="float64"),
                                   _leaf(path="['f']", key="leaf_000001", shape=[3, 4],
                                         dtype="int16")),
                   {"leaf_000000": big, "leaf_000001": fortran})
    loaded = jaxgrad.load(path, like={"a": np.zeros((2, 3)), "f": np.zeros((3, 4), np.int16)})
    np.testing.assert_array_equal(loaded["a"], big)
    np.testing.assert_array_equal(loaded["f"], fortran)
    loaded["a"][0, 0] = 7.0                                 # loaded arrays are writable


@pytest.mark.parametrize("shape,data,message", [
    ((2 ** 40,), b"\0" * 8, "declares float32 data of shape (1099511627776,)"),   # 4 TiB
    ((2,), b"\0" * 4, "(8 bytes) but the entry holds 4 bytes"),
    ((2,), b"\0" * 12, "(8 bytes) but the entry holds 12 bytes"),
    ((-1, -2), b"\0" * 8, "its header declares the shape (-1, -2)"),
])
def test_npy_headers_are_checked_against_the_entry_size(path, shape, data, message):
    _write_archive(path, _manifest(_leaf(shape=[2])),
                   {"leaf_000000": _npy_with_header(shape, np.float32, data)})
    with pytest.raises(CheckpointError) as info:
        jaxgrad.load(path)
    assert message in str(info.value)


def test_compressed_archives_are_not_inflated(path, monkeypatch):
    # 64 MiB of zeros deflate to ~64 KiB: a small file that would allocate a large array
    bomb = np.zeros(2 ** 24, np.float32)
    _write_archive(path, _manifest(_leaf(shape=[2 ** 24])), {"leaf_000000": bomb},
                   compression=zipfile.ZIP_DEFLATED)
    assert os.path.getsize(path) < 2 ** 20
    inflated = []
    real_read = zipfile.ZipExtFile.read
    monkeypatch.setattr(zipfile.ZipExtFile, "read",
                        lambda self, n=-1: inflated.append(n) or real_read(self, n))
    with pytest.raises(CheckpointError, match="compressed or forged"):
        jaxgrad.load(path, like={"w": bomb})
    assert inflated == []                                  # refused before reading any entry


def test_forged_zip_sizes_are_refused(path):
    jaxgrad.save(path, {"w": np.arange(16, dtype=np.float32)})
    data = bytearray(open(path, "rb").read())
    # the central directory's uncompressed size of the first entry: claim 2 GiB
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = (2 ** 31).to_bytes(4, "little")
    open(path, "wb").write(bytes(data))
    with pytest.raises(CheckpointError, match="compressed or forged"):
        jaxgrad.load(path)


def test_every_truncation_and_byte_flip_is_a_checkpoint_error(path):
    state = {"w": jnp.arange(6, dtype=jnp.float32), "b": jnp.ones((2, 2), jnp.bfloat16)}
    jaxgrad.save(path, state)
    good = open(path, "rb").read()
    corrupted = [good[:cut] for cut in range(0, len(good), 13)]
    for position in range(0, len(good), 5):
        flipped = bytearray(good)
        flipped[position] ^= 0x5A
        corrupted.append(bytes(flipped))
    for data in corrupted:
        open(path, "wb").write(data)
        for like in (None, state):
            try:
                jaxgrad.load(path, like=like)
            except CheckpointError:
                pass                  # anything else (TypeError, KeyError, …) fails the test


def test_duplicate_zip_entries_are_refused(path):
    jaxgrad.save(path, {"w": np.zeros(2, np.float32)})
    with zipfile.ZipFile(path, "a") as z, pytest.warns(UserWarning, match="Duplicate name"):
        z.writestr("leaf_000000.npy", _npy_bytes(np.ones(2, np.float32)))
    with pytest.raises(CheckpointError, match="two entries named 'leaf_000000'"):
        jaxgrad.load(path)


def test_file_objects_round_trip():
    buffer = io.BytesIO()
    jaxgrad.save(buffer, {"w": jnp.arange(3, dtype=jnp.float32)})
    buffer.seek(0)
    np.testing.assert_array_equal(jaxgrad.load(buffer)["['w']"], np.arange(3, dtype=np.float32))
    with pytest.raises(CheckpointError, match="not a readable jaxgrad checkpoint"):
        jaxgrad.load(io.BytesIO(b"PK\x03\x04 truncated"))


def test_missing_files_raise_the_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        jaxgrad.load(tmp_path / "absent.npz")
    with pytest.raises(IsADirectoryError):
        jaxgrad.load(tmp_path)


# --------------------------------------------------------------- temporaries of crashed saves

_CRASHING_WRITER = """
import importlib.util, os, signal, sys, time
import numpy as np
spec = importlib.util.spec_from_file_location("checkpoint", sys.argv[1])
checkpoint = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checkpoint)

def savez(f, **arrays):
    f.write(b"half a checkpoint")
    f.flush()
    if sys.argv[3] == "crash":
        os.kill(os.getpid(), signal.SIGKILL)   # as kill -9 or the OOM killer would
    print("writing", flush=True)
    time.sleep(120)

np.savez = savez
checkpoint.save(sys.argv[2], {"w": np.zeros(2, np.float32)})
"""


def _writer(path, mode):
    return subprocess.Popen([sys.executable, "-c", _CRASHING_WRITER, checkpoint_module.__file__,
                             path, mode], stdout=subprocess.PIPE, text=True)


def _temporaries(directory):
    return sorted(name for name in os.listdir(directory) if name.endswith(".tmp"))


@pytest.mark.skipif(os.name != "posix", reason="process liveness is probed with POSIX signals")
def test_a_later_save_removes_what_a_killed_writer_left(path):
    directory = os.path.dirname(path)
    jaxgrad.save(path, {"w": jnp.ones(2, jnp.float32)})
    crashed = _writer(path, "crash")
    assert crashed.wait(timeout=120) == -signal.SIGKILL
    stale = _temporaries(directory)
    assert len(stale) == 1 and stale[0].startswith(".state.npz.")
    assert f".{crashed.pid}." in stale[0]
    # the old checkpoint survived the crash
    np.testing.assert_array_equal(jaxgrad.load(path)["['w']"], np.ones(2, np.float32))

    jaxgrad.save(path, {"w": jnp.full(2, 3.0, jnp.float32)})
    assert _temporaries(directory) == []
    np.testing.assert_array_equal(jaxgrad.load(path)["['w']"], np.full(2, 3.0, np.float32))


@pytest.mark.skipif(os.name != "posix", reason="process liveness is probed with POSIX signals")
def test_a_running_writers_temporary_is_left_alone(path):
    directory = os.path.dirname(path)
    running = _writer(path, "hang")
    try:
        assert running.stdout.readline() == "writing\n"
        (busy,) = _temporaries(directory)
        jaxgrad.save(path, {"w": jnp.ones(2, jnp.float32)})
        assert _temporaries(directory) == [busy]
    finally:
        running.kill()
        running.wait()
    jaxgrad.save(path, {"w": jnp.ones(2, jnp.float32)})      # now it is a dead writer's
    assert _temporaries(directory) == []


def test_temporaries_of_other_hosts_and_other_files_are_left_alone(path):
    directory = os.path.dirname(path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    others = [f".state.npz.some-other-host.{dead.pid}.abcdefgh.tmp",   # a shared filesystem
              ".state.npz.k2j4h5g6.tmp",                                  # unknown writer
              "notes.tmp"]
    for name in others:
        open(os.path.join(directory, name), "wb").close()
    jaxgrad.save(path, {"w": jnp.ones(2, jnp.float32)})
    assert _temporaries(directory) == sorted(others)
