"""jaxgrad.save / jaxgrad.load: round trips, atomic writes, clear errors on mismatched trees,
shapes and dtypes, corrupted files, and no unpickling ever."""
import os
import zipfile

import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxgrad
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
