"""compat.load on forged, malformed and corrupted files: every one raises LoadError (a
CheckpointError that is also the RuntimeError / pickle.UnpicklingError torch.load raises),
never a raw TypeError/KeyError/AttributeError/RecursionError, and only plain data comes back
(never a function or any other object a name in the file could reach)."""
import io
import json
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

import compat
import jaxgrad
from compat.serialization import LoadError
from jaxgrad import checkpoint as _checkpoint
from jaxgrad.checkpoint import CheckpointError

torch = pytest.importorskip("torch")


def _forge(path, root, arrays=(), document=None):
    """A compat.save-shaped file: the structure ``root`` and arrays t0, t1, …"""
    if document is None:
        document = {"format": "compat-save", "version": 1, "root": root}
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    tree = {f"t{i}": np.asarray(a) for i, a in enumerate(arrays)}
    tree["skeleton"] = np.frombuffer(raw, np.uint8)
    jaxgrad.save(path, tree)
    return path


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "forged.pt")


def _nested(depth, leaf=1):
    node = leaf
    for _ in range(depth):
        node = {"list": [node]}
    return node


_F32 = [np.ones(2, np.float32)]

_MALFORMED = [
    # names that must not reach an attribute lookup
    ({"dtype": "torch.set_default_dtype"}, (), "'torch.set_default_dtype' is not a dtype"),
    ({"dtype": "set_default_dtype"}, (), "is not a dtype"),
    ({"dtype": "torch.Tensor"}, (), "is not a dtype"),
    ({"dtype": "torch.dtype"}, (), "is not a dtype"),
    ({"dtype": "torch.float32.__class__"}, (), "is not a dtype"),
    ({"dtype": "torch.__builtins__"}, (), "is not a dtype"),
    ({"dtype": "torch.ALL"}, (), "is not a dtype"),
    ({"dtype": 5}, (), "5 is not a dtype"),
    ({"dtype": None}, (), "None is not a dtype"),
    # tensors and arrays
    ({"tensor": 0}, _F32, "a 'tensor' node with the fields ['tensor']"),
    ({"tensor": 1, "requires_grad": False}, _F32, "array 1 is missing"),
    ({"tensor": -1, "requires_grad": False}, _F32, "array -1 is missing"),
    ({"tensor": "0", "requires_grad": False}, _F32, "array '0' is missing"),
    ({"tensor": True, "requires_grad": False}, _F32, "array True is missing"),
    ({"tensor": [0], "requires_grad": False}, _F32, "array [0] is missing"),
    ({"tensor": 0, "requires_grad": "yes"}, _F32, "'requires_grad' is 'yes', not true or false"),
    ({"tensor": 0, "requires_grad": False, "parameter": 1}, _F32, "'parameter' is 1"),
    ({"tensor": 0, "requires_grad": True}, [np.arange(2)],
     "a torch.int64 tensor that requires grad"),
    ({"tensor": 0, "requires_grad": False}, [np.arange(2, dtype=np.uint32)],
     "a tensor of dtype uint32, which compat does not support"),
    ({"tensor": 0, "requires_grad": False, "grad_fn": "x"}, _F32, "'tensor' node with the fields"),
    ({"ndarray": 0, "extra": 1}, _F32, "'ndarray' node with the fields"),
    ({"npscalar": 0}, _F32, "a numpy scalar of shape (2,)"),
    # scalars
    ({"int": "12a"}, (), "an integer written as '12a'"),
    ({"int": 12}, (), "an integer written as 12"),
    ({"int": " 12"}, (), "an integer written as ' 12'"),
    ({"int": "9" * 5000}, (), "an integer written as"),
    ({"float": "not a float"}, (), "a float written as 'not a float'"),
    ({"float": 1.5}, (), "a float written as 1.5"),
    ({"complex": [1]}, (), "a complex number written as [1]"),
    ({"complex": ["1", "2"]}, (), "a complex number written as ['1', '2']"),
    ({"complex": [True, 1]}, (), "a complex number written as"),
    ({"complex": "1+2j"}, (), "a complex number written as '1+2j'"),
    ({"size": [1.5]}, (), "a torch.Size written as [1.5]"),
    ({"size": "ab"}, (), "a torch.Size written as 'ab'"),
    ({"size": [True]}, (), "a torch.Size written as [True]"),
    # containers
    ([1, 2], (), "a bare JSON list"),
    ({"list": 3}, (), "a 'list' node holding int, not a list"),
    ({"tuple": {"a": 1}}, (), "a 'tuple' node holding dict, not a list"),
    ({"list": [1], "tuple": [2]}, (), "a node with the fields ['list', 'tuple']"),
    ({}, (), "a node with the fields []"),
    ({"unknown": 1}, (), "a node with the fields ['unknown']"),
    ({"__class__": "os.system"}, (), "a node with the fields ['__class__']"),
    ({"dict": [[1]]}, (), "a dict item written as [1]"),
    ({"dict": [["a", 1, 2]]}, (), "a dict item written as"),
    ({"dict": ["a"]}, (), "a dict item written as 'a'"),
    ({"dict": [[{"list": []}, 1]]}, (), "a dict key of type list"),
    ({"dict": [[{"tensor": 0, "requires_grad": False}, 1]]}, _F32, "a dict key of type Tensor"),
    ({"dict": [], "metadata": {"dict": []}}, (), "a plain dict with metadata"),
    ({"ordered_dict": {}}, (), "'ordered_dict' node holding dict, not a list"),
    ({"dict": [["a", {"list": [{"bad": 0}]}]]}, (), "at obj['a'][0]: a node with the fields"),
    # nesting: beyond the depth save writes, and beyond what JSON parses at all
    (_nested(129), (), "containers nested more than 128 deep"),
]


@pytest.mark.parametrize("root,arrays,message", _MALFORMED)
def test_malformed_structures_raise_load_error(path, root, arrays, message):
    _forge(path, root, arrays)
    with pytest.raises(LoadError) as info:
        compat.load(path)
    assert message in str(info.value)
    assert "malformed compat.save structure" in str(info.value)


@pytest.mark.parametrize("document,message", [
    ([1], "was not written by compat.save"),
    ({"format": "compat-save", "version": "1", "root": 1}, "unsupported compat.save version '1'"),
    ({"format": "compat-save", "version": True, "root": 1}, "unsupported compat.save version"),
    ({"format": "compat-save", "version": 1}, "malformed compat.save structure (no 'root')"),
    ({"format": "pickle", "version": 1, "root": 1}, "was not written by compat.save"),
    (b"{not json", "unreadable structure (JSONDecodeError"),
    (b"\xff\xfe", "unreadable structure (UnicodeDecodeError"),
    (b"[" * 100_000 + b"]" * 100_000, "unreadable structure (RecursionError"),
])
def test_malformed_documents_raise_load_error(path, document, message):
    _forge(path, None, document=document)
    with pytest.raises(LoadError) as info:
        compat.load(path)
    assert message in str(info.value)


@pytest.mark.parametrize("depth", [129, 400, 2000])
def test_deep_nesting_is_a_load_error(path, depth):
    # refused by the depth limit, or (deeper) by the JSON parser's own recursion limit
    root = '{"list": [' * depth + "1" + "]}" * depth
    _forge(path, None, document=f'{{"format": "compat-save", "version": 1, "root": {root}}}'
           .encode())
    with pytest.raises(LoadError, match="nested more than 128 deep|RecursionError"):
        compat.load(path)


def test_structure_that_is_not_json_bytes(path):
    jaxgrad.save(path, {"skeleton": np.zeros(3, np.float32)})
    with pytest.raises(LoadError, match="unreadable structure"):
        compat.load(path)
    jaxgrad.save(path, {"w": np.zeros(3, np.float32)})
    with pytest.raises(LoadError, match="not one written by compat.save"):
        compat.load(path)


def test_a_function_in_the_file_is_refused_as_torch_refuses_it(tmp_path):
    # torch.load (weights_only) refuses a file naming a function with UnpicklingError
    torch_file = tmp_path / "fn_torch.pt"
    torch.save({"f": torch.set_default_dtype}, torch_file)
    with pytest.raises(Exception) as torch_error:
        torch.load(torch_file)
    ours = _forge(str(tmp_path / "fn_compat.pt"),
                  {"dict": [["f", {"dtype": "torch.set_default_dtype"}]]})
    with pytest.raises(LoadError) as our_error:
        compat.load(ours)
    assert isinstance(our_error.value, type(torch_error.value))
    assert isinstance(our_error.value, pickle.UnpicklingError)


def test_dtypes_come_back_as_compat_dtypes_only(path):
    names = ["float16", "bfloat16", "float32", "float64", "complex64", "complex128", "uint8",
             "int8", "int16", "int32", "int64", "bool"]
    _forge(path, {"list": [{"dtype": "torch." + n} for n in names]})
    loaded = compat.load(path)
    assert [str(d) for d in loaded] == [str(getattr(torch, n)) for n in names]
    assert all(d is getattr(compat, n) for d, n in zip(loaded, names))


def test_corrupted_files_raise_what_torch_raises(tmp_path):
    # torch: RuntimeError ("PytorchStreamReader failed reading zip archive") for a truncated
    # archive; compat raises a LoadError that is a RuntimeError too, and a CheckpointError
    torch.save({"w": torch.tensor([1.0, 2.0, 3.0]), "n": 3}, tmp_path / "t.pt")
    compat.save({"w": compat.tensor([1.0, 2.0, 3.0]), "n": 3}, tmp_path / "c.pt")
    for name in ("t.pt", "c.pt"):
        data = (tmp_path / name).read_bytes()
        (tmp_path / name).write_bytes(data[: len(data) // 2])
    with pytest.raises(RuntimeError) as expected:
        torch.load(tmp_path / "t.pt")
    with pytest.raises(RuntimeError) as info:
        compat.load(tmp_path / "c.pt")
    assert isinstance(info.value, LoadError) and isinstance(info.value, CheckpointError)
    assert str(info.value) == str(expected.value)


def test_every_truncation_is_a_load_error(path):
    compat.save({"w": compat.ones(3), "names": ["a"], "step": 2 ** 60}, path)
    good = open(path, "rb").read()
    with pytest.raises(EOFError):     # torch.load's, for an empty file
        compat.load(io.BytesIO(b""))
    for cut in range(17, len(good), 17):
        with pytest.raises(LoadError):
            compat.load(io.BytesIO(good[:cut]))


def test_missing_file_raises_what_torch_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        torch.load(tmp_path / "absent.pt")
    with pytest.raises(FileNotFoundError):
        compat.load(tmp_path / "absent.pt")


def test_nesting_up_to_the_limit_round_trips_as_in_torch(tmp_path):
    def nested(lib, depth):
        obj = [lib.ones(1)]
        for i in range(depth - 1):
            obj = [obj] if i % 2 else {"k": obj}
        return obj

    torch.save(nested(torch, 128), tmp_path / "t.pt")
    expected = torch.load(tmp_path / "t.pt")
    compat.save(nested(compat, 128), tmp_path / "c.pt")
    loaded = compat.load(tmp_path / "c.pt")
    while isinstance(expected, (list, dict)):
        assert type(loaded) is type(expected)
        expected, loaded = (expected[0], loaded[0]) if isinstance(expected, list) else \
            (expected["k"], loaded["k"])
    np.testing.assert_array_equal(loaded.numpy(), expected.numpy())


def test_nesting_beyond_the_limit_is_refused_on_save(tmp_path):
    deep = []
    for _ in range(200):
        deep = [deep]
    with pytest.raises(RecursionError, match="compat.save cannot store obj"):
        compat.save(deep, tmp_path / "deep.pt")
    itself = []
    itself.append(itself)
    with pytest.raises(RecursionError, match="or one that contains itself"):
        compat.save(itself, tmp_path / "self.pt")
    assert not (tmp_path / "deep.pt").exists() and not (tmp_path / "self.pt").exists()


def test_file_objects_at_an_offset_as_torch(tmp_path):
    # torch.save writes at the stream's position and torch.load reads from it
    def round_trip(lib):
        buffer = io.BytesIO()
        buffer.write(b"prefix")
        lib.save({"w": lib.arange(3)}, buffer)
        buffer.seek(len(b"prefix"))
        return lib.load(buffer)["w"].tolist()

    assert round_trip(compat) == round_trip(torch)


@pytest.mark.skipif(os.name != "posix", reason="process liveness is probed with POSIX signals")
def test_save_removes_temporaries_of_dead_writers(tmp_path):
    # what a compat.save killed mid-write (kill -9) leaves beside its target
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".ckpt.pt.{_checkpoint._this_host()}.{dead.pid}.k2j4h5g6.tmp"
    stale.write_bytes(b"half a checkpoint")
    compat.save({"w": compat.ones(2)}, tmp_path / "ckpt.pt")
    assert sorted(os.listdir(tmp_path)) == ["ckpt.pt"]
    assert compat.load(tmp_path / "ckpt.pt")["w"].tolist() == [1.0, 1.0]
