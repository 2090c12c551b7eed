"""Files written by real torch load into compat (zip and legacy formats, every dtype, shared
storage, modules' state dicts); files compat writes load in real torch with
weights_only=True; hostile and corrupted files raise torch's errors and run nothing;
safetensors go both ways."""
import io
import os
import pickle
import struct
import zipfile
from collections import OrderedDict

import numpy as np
import pytest

import compat
from compat.serialization import LoadError

torch = pytest.importorskip("torch")

DTYPES = ["float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64",
          "uint8", "bool", "complex64", "complex128"]


def _numpy(t):
    """A tensor's values as numpy, bfloat16 widened (numpy has no bfloat16 of its own)."""
    if isinstance(t, torch.Tensor):
        t = t.detach().resolve_conj().resolve_neg()
        return (t.float() if t.dtype is torch.bfloat16 else t).numpy()
    t = t.detach()
    return np.asarray(t._value, np.float32) if t.dtype is compat.bfloat16 else t.numpy()


def _same(ours, theirs):
    """compat value ``ours`` equals torch value ``theirs``: types, dtypes, values, flags."""
    if isinstance(theirs, torch.Tensor):
        assert isinstance(ours, compat.Tensor), type(ours)
        assert str(ours.dtype) == str(theirs.dtype)
        assert tuple(ours.shape) == tuple(theirs.shape)
        assert ours.requires_grad == theirs.requires_grad
        assert isinstance(ours, compat.nn.Parameter) == isinstance(theirs, torch.nn.Parameter)
        np.testing.assert_array_equal(_numpy(ours), _numpy(theirs))
    elif isinstance(theirs, dict):
        assert type(ours).__name__ == type(theirs).__name__
        assert list(ours) == list(theirs)
        for k in theirs:
            _same(ours[k], theirs[k])
        assert getattr(ours, "_metadata", None) == getattr(theirs, "_metadata", None)
    elif isinstance(theirs, (list, tuple)) and not isinstance(theirs, torch.Size):
        assert type(ours) is type(theirs) and len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            _same(a, b)
    elif isinstance(theirs, (torch.dtype, torch.Size, torch.device)):
        assert str(ours) == str(theirs) and repr(ours) == repr(theirs)
    elif isinstance(theirs, float) and np.isnan(theirs):
        assert np.isnan(ours)
    else:
        assert type(ours) is type(theirs) and ours == theirs


def _both_formats(obj, path):
    """``obj`` saved by torch in its zip format and in its legacy format."""
    zip_path, legacy_path = f"{path}.zip.pt", f"{path}.legacy.pt"
    torch.save(obj, zip_path)
    torch.save(obj, legacy_path, _use_new_zipfile_serialization=False)
    return zip_path, legacy_path


FORMATS = pytest.mark.parametrize("fmt", [0, 1], ids=["zip", "legacy"])


# ------------------------------------------------------------------ torch -> compat

def _torch_modules():
    torch.manual_seed(0)
    bn = torch.nn.BatchNorm2d(3)
    bn(torch.randn(4, 3, 5, 5))        # running statistics and num_batches_tracked move
    return {
        "linear": (torch.nn.Linear(4, 3), compat.nn.Linear(4, 3), (2, 4)),
        "conv": (torch.nn.Conv2d(3, 2, 3, padding=1), compat.nn.Conv2d(3, 2, 3, padding=1),
                 (1, 3, 5, 5)),
        "batchnorm": (bn.eval(), compat.nn.BatchNorm2d(3).eval(), (2, 3, 4, 4)),
    }


@FORMATS
@pytest.mark.parametrize("kind", ["linear", "conv", "batchnorm"])
def test_module_state_dicts_from_torch(tmp_path, fmt, kind):
    theirs, ours, shape = _torch_modules()[kind]
    path = _both_formats(theirs.state_dict(), tmp_path / kind)[fmt]
    loaded = compat.load(path)
    _same(loaded, torch.load(path))
    ours.load_state_dict(loaded)
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    with torch.no_grad():
        expected = theirs(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(ours(compat.tensor(x)).detach().numpy(), expected, rtol=1e-5,
                               atol=1e-6)


@FORMATS
def test_nested_containers_from_torch(tmp_path, fmt):
    obj = {
        "model": torch.nn.Linear(2, 2).state_dict(),
        "opt": {"state": {0: {"step": torch.tensor(3.0), "exp_avg": torch.ones(2)}},
                "param_groups": [{"lr": 0.1, "betas": (0.9, 0.999), "params": [0, 1]}]},
        "epoch": 7, "big": 2 ** 70, "neg": -5, "f": 0.25, "nan": float("nan"), "s": "text",
        "none": None, "flags": [True, False], "tuple": (1, (2, 3)), "c": 1 + 2j,
        "dtype": torch.float16, "size": torch.Size([2, 3]), "device": torch.device("cpu"),
        "param": torch.nn.Parameter(torch.ones(2)), "frozen": torch.nn.Parameter(
            torch.zeros(1), requires_grad=False), "grad": torch.ones(2, requires_grad=True),
        "od": OrderedDict(b=1, a=2), "empty": torch.empty(0, 3), "scalar": torch.tensor(5),
    }
    path = _both_formats(obj, tmp_path / "nested")[fmt]
    _same(compat.load(path), torch.load(path))
    # what torch also allows: sets and bytes
    torch.save({"set": {1, 2}, "bytes": b"\x00\xff"}, tmp_path / "extra.pt")
    assert compat.load(tmp_path / "extra.pt") == {"set": {1, 2}, "bytes": b"\x00\xff"}


@FORMATS
@pytest.mark.parametrize("name", DTYPES)
def test_every_dtype_from_torch(tmp_path, fmt, name):
    dtype = getattr(torch, name)
    values = torch.tensor([[0, 1, -2], [3, 100, -7]]).to(dtype) if name != "bool" else \
        torch.tensor([[True, False, True], [False, False, True]])
    if dtype.is_floating_point or dtype.is_complex:
        values = values * 0.5 + (1j if dtype.is_complex else 0)
    obj = {"t": values, "slice": values[1, 1:], "dtype": dtype}
    path = _both_formats(obj, tmp_path / name)[fmt]
    _same(compat.load(path), torch.load(path))


@FORMATS
def test_conjugated_and_negated_views_from_torch(tmp_path, fmt):
    z = torch.tensor([1 + 2j, -3 - 4j])
    # torch refuses one storage viewed as two dtypes, so the float view is of a copy
    obj = {"z": z, "conj": z.conj(), "neg_imag": z.clone().conj().imag}
    assert obj["conj"].is_conj() and obj["neg_imag"].is_neg()
    path = _both_formats(obj, tmp_path / "bits")[fmt]
    _same(compat.load(path), torch.load(path))


@FORMATS
def test_views_of_one_storage_from_torch(tmp_path, fmt):
    base = torch.arange(24, dtype=torch.float32)
    obj = {"base": base, "rows": base.view(4, 6)[1:3], "t": base.view(4, 6).t(),
           "strided": base[3::5], "offset": base[7:10], "again": base}
    path = _both_formats(obj, tmp_path / "views")[fmt]
    loaded = compat.load(path)
    _same(loaded, torch.load(path))
    assert loaded["again"] is loaded["base"]
    # one storage, as in torch: a write through one is seen by the others
    loaded["offset"][0] = -1.0
    assert loaded["base"][7].item() == -1.0 and loaded["strided"][1].item() == 8.0
    loaded["t"][1, 2] = 50.0                 # base.view(4, 6)[2, 1] is base[13]
    assert loaded["base"][13].item() == 50.0 and loaded["strided"][2].item() == 50.0


def test_map_location_as_torch(tmp_path):
    path = tmp_path / "w.pt"
    torch.save({"w": torch.ones(2)}, path)
    for where in ("cpu", compat.device("cpu"), {"cpu": "cpu"}, lambda storage, loc: storage,
                  lambda storage, loc: None, lambda storage, loc: storage.cpu()):
        assert str(compat.load(path, map_location=where)["w"].device) == "cpu"
    # a CUDA tag where there is no GPU: torch's error and advice
    if not compat.cuda.is_available():
        with pytest.raises(RuntimeError) as expected:
            torch.load(path, map_location="cuda")
        with pytest.raises(RuntimeError) as ours:
            compat.load(path, map_location="cuda")
        assert str(ours.value) == str(expected.value)
        with pytest.raises(RuntimeError) as ours:
            compat.load(path, map_location={"cpu": "cuda:0"})
        assert str(ours.value) == str(expected.value)


def test_load_arguments_as_torch(tmp_path):
    path = tmp_path / "w.pt"
    torch.save({"w": torch.ones(2)}, path)
    assert compat.load(path, weights_only=False)["w"].tolist() == [1.0, 1.0]
    assert compat.load(path, weights_only=True, mmap=True)["w"].tolist() == [1.0, 1.0]
    for lib in (torch, compat):
        with pytest.raises(RuntimeError, match="Can not safely load weights when explicit "
                                               "pickle_module is specified"):
            lib.load(path, pickle_module=pickle, weights_only=True)
        with open(path, "rb") as f, pytest.raises(ValueError, match="must be a file path"):
            lib.load(f, mmap=True)
    legacy = tmp_path / "legacy.pt"
    torch.save({"w": torch.ones(2)}, legacy, _use_new_zipfile_serialization=False)
    with pytest.raises(RuntimeError) as expected:
        torch.load(legacy, mmap=True)
    with pytest.raises(RuntimeError) as ours:
        compat.load(legacy, mmap=True)
    assert str(ours.value) == str(expected.value)


def test_file_objects_and_offsets_from_torch():
    buffer = io.BytesIO(b"prefix")
    buffer.seek(0, io.SEEK_END)
    torch.save({"w": torch.arange(3)}, buffer)
    buffer.seek(len(b"prefix"))
    assert compat.load(buffer)["w"].tolist() == [0, 1, 2]


# ------------------------------------------------------------------ compat -> torch

def _compat_modules():
    compat.manual_seed(0)
    bn = compat.nn.BatchNorm2d(3)
    bn(compat.randn(4, 3, 5, 5))
    return {
        "linear": (compat.nn.Linear(4, 3), torch.nn.Linear(4, 3), (2, 4)),
        "conv": (compat.nn.Conv2d(3, 2, 3, padding=1), torch.nn.Conv2d(3, 2, 3, padding=1),
                 (1, 3, 5, 5)),
        "batchnorm": (bn.eval(), torch.nn.BatchNorm2d(3).eval(), (2, 3, 4, 4)),
    }


@pytest.mark.parametrize("kind", ["linear", "conv", "batchnorm"])
def test_module_state_dicts_to_torch(tmp_path, kind):
    ours, theirs, shape = _compat_modules()[kind]
    compat.save(ours.state_dict(), tmp_path / "m.pt")
    loaded = torch.load(tmp_path / "m.pt", weights_only=True)
    _same(ours.state_dict(), loaded)
    theirs.load_state_dict(loaded)
    x = np.random.default_rng(1).standard_normal(shape).astype(np.float32)
    with torch.no_grad():
        got = theirs(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(got, ours(compat.tensor(x)).detach().numpy(), rtol=1e-5,
                               atol=1e-6)


def test_nested_containers_to_torch(tmp_path):
    model = compat.nn.Linear(3, 2)
    opt = compat.optim.Adam(model.parameters(), lr=0.01)
    model(compat.randn(4, 3)).sum().backward()
    opt.step()
    values = {dtype: compat.tensor([1, 0, 1]).to(getattr(compat, dtype)) for dtype in DTYPES}
    obj = {"model": model.state_dict(), "opt": opt.state_dict(), "epoch": 3, "big": -2 ** 80,
           "plain": [1.5, "s", None, True, (1, 2), float("inf"), 1 - 2j],
           "dtype": compat.bfloat16, "size": compat.Size([4, 1]), "dtypes": values,
           "param": compat.nn.Parameter(compat.ones(2)), "grad": compat.ones(1, requires_grad=True),
           "empty": compat.empty(0, 2), "scalar": compat.tensor(2.5)}
    compat.save(obj, tmp_path / "c.pt")
    _same(obj, torch.load(tmp_path / "c.pt", weights_only=True))
    _same(compat.load(tmp_path / "c.pt"), torch.load(tmp_path / "c.pt", weights_only=True))


def test_views_to_torch_share_one_storage(tmp_path):
    base = compat.arange(12.0)
    obj = {"base": base, "rows": base.view(3, 4)[1:], "t": base.view(3, 4).t(),
           "step": base[1::3], "same": base}
    compat.save(obj, tmp_path / "v.pt")
    loaded = torch.load(tmp_path / "v.pt", weights_only=True)
    _same(obj, loaded)
    assert loaded["same"] is loaded["base"]
    pointers = {t.untyped_storage().data_ptr() for t in loaded.values()}
    assert len(pointers) == 1
    assert loaded["t"].stride() == (1, 4) and loaded["step"].storage_offset() == 1


def test_numpy_values_round_trip_and_load_in_torch_as_numpy_pickles_them(tmp_path):
    obj = {"a": np.arange(6, dtype=np.int16).reshape(2, 3), "f": np.ones((2, 2), order="F"),
           "s": np.float32(1.5), "b": np.array(True), "c": np.array([1 + 2j], np.complex64)}
    compat.save(obj, tmp_path / "np.pt")
    for loaded in (compat.load(tmp_path / "np.pt"),
                   torch.load(tmp_path / "np.pt", weights_only=False)):
        assert list(loaded) == list(obj)
        for k in obj:
            assert type(loaded[k]) is type(obj[k]) and loaded[k].dtype == obj[k].dtype
            np.testing.assert_array_equal(loaded[k], obj[k])


def test_objects_beyond_weights_are_read_or_refused_as_torch_does(tmp_path):
    # torch.save stores a Module, a function, a set; torch.load(weights_only=True) reads the
    # set and refuses the others, and so does compat.load of either library's file.
    for make in (lambda lib: {"m": lib.nn.Linear(1, 1)}, lambda lib: [print],
                 lambda lib: {"s": {1}}):
        torch.save(make(torch), tmp_path / "theirs.pt")
        compat.save(make(compat), tmp_path / "ours.pt")
        for name in ("theirs.pt", "ours.pt"):
            try:
                expected = torch.load(tmp_path / name, weights_only=True)
            except pickle.UnpicklingError as theirs:
                with pytest.raises(pickle.UnpicklingError) as ours:
                    compat.load(tmp_path / name)
                assert str(ours.value).splitlines()[0] == str(theirs).splitlines()[0]
            else:
                assert compat.load(tmp_path / name) == expected


# ------------------------------------------------------------------ hostile files

class _Reduce:
    def __init__(self, fn, *args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


def _zip_with_data_pkl(path, payload, storage=None):
    """A torch-format file whose data.pkl is ``payload`` (a pickle), and whose storage
    ``data/0`` holds ``storage`` (bytes) if given."""
    torch.save({"w": torch.ones(1)}, path)
    with zipfile.ZipFile(path) as z:
        records = {name: z.read(name) for name in z.namelist()}
    prefix = next(iter(records)).split("/")[0]
    records[f"{prefix}/data.pkl"] = payload
    if storage is not None:
        records[f"{prefix}/data/0"] = storage
    with zipfile.ZipFile(path, "w") as z:
        for name, data in records.items():
            z.writestr(name, data)
    return path


def _legacy_with_object(path, payload):
    """A legacy-format file whose object pickle is ``payload``."""
    head = b"".join(pickle.dumps(v, protocol=2) for v in (
        0x1950A86A20F9469CFC6C, 1001, {"protocol_version": 1001, "little_endian": True}))
    with open(path, "wb") as f:
        f.write(head + payload + pickle.dumps([], protocol=2))
    return path


def _payloads(marker):
    return {
        "os.system": _Reduce(os.system, f"touch {marker}"),
        "eval": _Reduce(eval, f"open({str(marker)!r}, 'w').write('x')"),
        "exec": _Reduce(exec, f"open({str(marker)!r}, 'w').write('x')"),
        "open": _Reduce(open, str(marker), "w"),
        "nested": {"ok": [1, 2], "bad": _Reduce(os.system, f"touch {marker}")},
    }


@pytest.mark.parametrize("container", ["zip", "legacy"])
@pytest.mark.parametrize("kind", ["os.system", "eval", "exec", "open", "nested"])
def test_malicious_files_raise_torch_error_and_run_nothing(tmp_path, container, kind):
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_payloads(marker)[kind], protocol=2)
    make = _zip_with_data_pkl if container == "zip" else _legacy_with_object
    path = make(tmp_path / "evil.pt", payload)
    with pytest.raises(pickle.UnpicklingError) as ours:
        compat.load(path)
    assert str(ours.value).splitlines()[0].startswith("Weights only load failed.")
    assert not marker.exists()
    with pytest.raises(pickle.UnpicklingError) as expected:
        torch.load(path)
    assert not marker.exists()
    # torch's full text, then what compat adds (it has no unpickler to fall back to)
    assert str(ours.value).startswith(str(expected.value))
    with pytest.raises(pickle.UnpicklingError):
        compat.load(path, weights_only=False)
    assert not marker.exists()


def test_a_plain_pickle_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "p.pt").write_bytes(pickle.dumps(_Reduce(os.system, f"touch {marker}"),
                                                 protocol=2))
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        compat.load(tmp_path / "p.pt")
    # another protocol: torch's warning first, then the same refusal
    (tmp_path / "p4.pt").write_bytes(pickle.dumps(_Reduce(os.system, f"touch {marker}"),
                                                  protocol=4))
    with pytest.warns(UserWarning, match="Detected pickle protocol 4"), \
            pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        compat.load(tmp_path / "p4.pt")
    assert not marker.exists()


@pytest.mark.parametrize("payload,message", [
    (b"\x80\x02cbuiltins\ngetattr\n.", "GLOBAL getattr was not an allowed global"),
    (b"\x80\x02cposix\nsystem\n.", "whose module posix is blocked"),
    (b"\x80\x02ctorch.nn.modules.linear\nLinear\n.", "GLOBAL torch.nn.modules.linear.Linear"),
    (b"\x80\x02ctorch\nSize\n}R.", "REDUCE arguments must be a tuple, not dict"),
    (b"\x80\x02ctorch\nSize\n}\x85R.", "torch.Size of {}"),
    (b"\x80\x02}K\x01\x85R.", "Trying to call reduce for unrecognized function"),
    (b"\x80\x02]K\x01K\x02s.", "Can only SETITEM for dict"),
    (b"\x80\x02}K\x01a.", "Can only append to lists"),
    (b"\x80\x02(X\x01\x00\x00\x00atQ.", "Only persistent_load of storage is allowed"),
    (b"\x80\x02X\x01\x00\x00\x00aQ.", "persistent_load id must be tuple or int"),
    (b"\x80\x02a.", "malformed pickle"),
    (b"\x80\x02h\x05.", "malformed pickle"),
    (b"\x80\x02X\xff\xff\x00\x00ab", "pickle data was truncated"),
    (b"\x80\x02\x95", "Unsupported operand 149"),
    (b"\x80\x02]", "pickle data was truncated"),
])
def test_forged_pickles_are_refused(tmp_path, payload, message):
    path = _zip_with_data_pkl(tmp_path / "forged.pt", payload)
    with pytest.raises(pickle.UnpicklingError) as info:
        compat.load(path)
    assert message in str(info.value)


def _storage_pid(key="0", numel=4, storage="FloatStorage"):
    return (b"(X\x07\x00\x00\x00storagectorch\n" + storage.encode() + b"\nX"
            + struct.pack("<I", len(key)) + key.encode() + b"X\x03\x00\x00\x00cpuK"
            + bytes([numel]) + b"tQ")


@pytest.mark.parametrize("tensor_args,message", [
    (b"K\x00K\x05\x85K\x01\x85", "reaches beyond its storage"),            # size 5 > 4
    (b"K\x03K\x02\x85K\x01\x85", "reaches beyond its storage"),            # offset 3 + 2
    (b"K\x00K\x02K\x02\x86K\x03K\x01\x86", "reaches beyond its storage"),  # stride 3
    (b"J\xff\xff\xff\xffK\x01\x85K\x01\x85", "storage offset -1"),
    (b"K\x00X\x01\x00\x00\x00aK\x01\x85", "size 'a'"),
])
def test_tensors_outside_their_storage_are_refused(tmp_path, tensor_args, message):
    payload = (b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n(" + _storage_pid() + tensor_args
               + b"\x89ccollections\nOrderedDict\n)RtR.")
    path = _zip_with_data_pkl(tmp_path / "forged.pt", payload, np.zeros(4, np.float32).tobytes())
    with pytest.raises(pickle.UnpicklingError) as info:
        compat.load(path)
    assert message in str(info.value)


def test_storage_bytes_must_match_their_declared_size(tmp_path):
    torch.save({"w": torch.ones(4)}, tmp_path / "t.pt")
    with zipfile.ZipFile(tmp_path / "t.pt") as z:
        records = {name: z.read(name) for name in z.namelist()}
    name = next(n for n in records if n.endswith("data/0"))
    records[name] = records[name][:8]
    with zipfile.ZipFile(tmp_path / "t.pt", "w") as z:
        for n, data in records.items():
            z.writestr(n, data)
    with pytest.raises(LoadError, match="holds 8 bytes but the file declares 4 elements"):
        compat.load(tmp_path / "t.pt")


def test_torch_allowed_names_compat_cannot_represent(tmp_path):
    torch.save({"u": torch.ones(2, dtype=torch.uint16)}, tmp_path / "u.pt")
    with pytest.raises(LoadError, match="holding torch.uint16: compat has no such dtype"):
        compat.load(tmp_path / "u.pt")
    torch.save({"s": torch.ones(2).to_sparse()}, tmp_path / "s.pt")
    with pytest.raises(LoadError, match="compat has no sparse tensors"):
        compat.load(tmp_path / "s.pt")


@pytest.mark.parametrize("writer", ["torch", "compat"])
def test_every_truncation_raises_a_torch_like_error(tmp_path, writer):
    path = tmp_path / "t.pt"
    if writer == "torch":
        torch.save({"w": torch.arange(6.0), "n": [1, "a"]}, path)
    else:
        compat.save({"w": compat.arange(6.0), "n": [1, "a"]}, path)
    good = path.read_bytes()
    with pytest.raises(EOFError):     # nothing left: torch.load's EOFError
        compat.load(io.BytesIO(b""))
    for cut in range(7, len(good), 7):
        with pytest.raises(RuntimeError) as info:
            compat.load(io.BytesIO(good[:cut]))
        assert isinstance(info.value, LoadError)


def test_truncated_and_corrupted_zips_are_worded_as_torch(tmp_path):
    torch.save({"w": torch.arange(64.0)}, tmp_path / "t.pt")
    good = (tmp_path / "t.pt").read_bytes()
    (tmp_path / "cut.pt").write_bytes(good[:len(good) // 2])
    with pytest.raises(RuntimeError) as expected:
        torch.load(tmp_path / "cut.pt")
    with pytest.raises(RuntimeError) as ours:
        compat.load(tmp_path / "cut.pt")
    assert str(ours.value) == str(expected.value)
    # flipped bytes inside a storage: the zip's CRC check catches them
    bad = bytearray(good)
    start = good.index(np.arange(64, dtype=np.float32).tobytes())
    bad[start + 10:start + 14] = b"\xde\xad\xbe\xef"
    with pytest.raises(LoadError, match="PytorchStreamReader failed reading file data/0"):
        compat.load(io.BytesIO(bytes(bad)))


def test_legacy_truncations_raise_load_errors(tmp_path):
    path = tmp_path / "l.pt"
    torch.save({"w": torch.arange(6.0)}, path, _use_new_zipfile_serialization=False)
    good = path.read_bytes()
    for cut in range(1, len(good), 5):
        with pytest.raises(pickle.UnpicklingError):
            compat.load(io.BytesIO(good[:cut]))


# ------------------------------------------------------------------ safetensors

def test_safetensors_both_ways(tmp_path):
    st = pytest.importorskip("safetensors.torch")
    theirs = {name: (torch.arange(6).reshape(2, 3) % 2).to(getattr(torch, name))
              for name in DTYPES if name != "complex128"}
    st.save_file(theirs, tmp_path / "t.safetensors", metadata={"format": "pt"})
    expected = st.load_file(tmp_path / "t.safetensors")      # in the file's order
    for loaded in (compat.serialization.load_safetensors(tmp_path / "t.safetensors"),
                   compat.load(tmp_path / "t.safetensors")):
        _same(loaded, expected)
    ours = {name: compat.tensor(t.numpy() if t.dtype is not torch.bfloat16 else
                                t.float().numpy()).to(getattr(compat, name))
            for name, t in theirs.items()}
    compat.serialization.save_safetensors(ours, tmp_path / "c.safetensors", {"k": "v"})
    back = st.load_file(tmp_path / "c.safetensors")
    _same(ours, {name: back[name] for name in ours})
    assert (tmp_path / "c.safetensors").read_bytes() == \
        st.save({name: back[name] for name in ours}, metadata={"k": "v"})


def test_safetensors_refusals(tmp_path):
    with pytest.raises(RuntimeError, match="dict map_location is not supported"):
        compat.load(tmp_path / "x.safetensors", map_location={"cpu": "cpu"})
    path = tmp_path / "bad.safetensors"
    compat.serialization.save_safetensors({"w": compat.ones(4)}, path)
    good = path.read_bytes()
    for cut in (0, 4, 12, len(good) - 1):
        path.write_bytes(good[:cut])
        with pytest.raises(LoadError):
            compat.load(path)
    with pytest.raises(TypeError, match="has no torch.complex128 dtype"):
        compat.serialization.save_safetensors({"c": compat.ones(1, dtype=compat.complex128)},
                                              path)


def test_deep_nesting_from_torch(tmp_path):
    shallow, deep = [torch.ones(1)], [torch.ones(1)]
    for _ in range(200):
        shallow = [shallow]
    for _ in range(400):
        deep = [deep]
    torch.save(shallow, tmp_path / "shallow.pt")
    loaded = compat.load(tmp_path / "shallow.pt")
    for _ in range(200):
        loaded = loaded[0]
    assert loaded[0].tolist() == [1.0]
    torch.save(deep, tmp_path / "deep.pt")
    with pytest.raises(LoadError, match="containers nested more than 256 deep"):
        compat.load(tmp_path / "deep.pt")


def test_forged_lengths_do_not_allocate(tmp_path):
    # a string claiming 4 GiB in a small legacy file: refused as truncated
    path = _legacy_with_object(tmp_path / "long.pt", b"\x80\x02X\xff\xff\xff\xffab.")
    with pytest.raises(pickle.UnpicklingError, match="pickle data was truncated"):
        compat.load(path)
