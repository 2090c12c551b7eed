"""The names a torch pickle may use, and what each stands for in compat.

This is torch's ``weights_only`` allow-list (``torch/_weights_only_unpickler.py``): the tensor
and parameter rebuild functions, storage classes, dtypes, ``torch.Size``, ``torch.device``,
``collections.OrderedDict``/``Counter``, ``set``, ``complex``, ``bytearray`` and
``_codecs.encode`` (how protocol 2 spells bytes). Each maps to compat's own object, which
checks its arguments and builds plain data or a placeholder; no name is ever imported.

Names torch allows but compat cannot represent (quantized and sparse tensors, dtypes compat
lacks) raise a :class:`~compat.checkpoints.errors.LoadError` saying so; any other name is
refused as torch refuses it, with its wording.

>>> find("torch", "float16")
torch.float16
>>> find("builtins", "eval")
Traceback (most recent call last):
...
compat.checkpoints.errors.Refusal: Unsupported global: GLOBAL eval was not an allowed global by default. ...
"""
from __future__ import annotations

from collections import Counter, OrderedDict

from .. import devices as _devices
from .. import dtypes as _dt
from ..size import Size
from .errors import LoadError, Refusal
from .numpy_pickles import NUMPY_GLOBALS
from .storages import STORAGE_DTYPES, ParameterRecipe, StorageType, TensorRecipe
from .unpickler import Reducible

__all__ = ["find"]

# Modules never allowed, whatever the allow-list says (torch's _blocklisted_modules).
_BLOCKED = frozenset({"sys", "os", "posix", "nt"})

_DTYPES = ("float16", "bfloat16", "float32", "float64", "complex64", "complex128", "uint8",
           "int8", "int16", "int32", "int64", "bool")

# dtypes torch's allow-list has and compat does not.
_FOREIGN_DTYPES = (
    "qint8", "qint32", "quint8", "quint4x2", "quint2x4", "complex32", "uint16", "uint32",
    "uint64", "bits8", "bits16", "bits1x8", "bits2x4", "bits4x2", "float8_e4m3fn",
    "float8_e4m3fnuz", "float8_e5m2", "float8_e5m2fnuz", "float8_e8m0fnu", "float4_e2m1fn_x2",
    *(f"int{n}" for n in range(1, 8)), *(f"uint{n}" for n in range(1, 8)))

_ENCODINGS = frozenset({"latin1", "latin-1", "utf-8", "utf8", "ascii"})


class _Function(Reducible):
    """A name of the allow-list that a pickle calls: ``fn(*args)``."""

    def __init__(self, name, fn, new=None):
        self.name, self.fn, self._new = name, fn, new

    def reduce(self, args):
        return self.fn(*args)

    def new(self, args):
        if self._new is None:
            return super().new(args)
        return self._new(*args)

    def __repr__(self):
        return self.name


def _hooks(backward_hooks):
    # torch stores the tensor's hooks (always an empty OrderedDict: hooks are not saved)
    if type(backward_hooks) not in (OrderedDict, dict):
        raise Refusal(f"backward hooks of type {type(backward_hooks).__name__}")


def _rebuild_tensor(storage, storage_offset, size, stride):
    return TensorRecipe(storage, storage_offset, size, stride, False)


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks,
                       metadata=None):
    _hooks(backward_hooks)
    return TensorRecipe(storage, storage_offset, size, stride, requires_grad,
                        bits=_bits(metadata))


def _rebuild_tensor_v3(storage, storage_offset, size, stride, requires_grad, backward_hooks,
                       dtype, metadata=None):
    _hooks(backward_hooks)
    return TensorRecipe(storage, storage_offset, size, stride, requires_grad, dtype,
                        bits=_bits(metadata))


def _bits(metadata):
    """The conj/neg bits of a tensor's metadata (``torch._utils.get_tensor_metadata``): a
    lazily conjugated or negated view, whose storage holds the values before it."""
    if metadata is None:
        return frozenset()
    if type(metadata) is not dict or not set(metadata) <= {"conj", "neg"} or \
            not all(type(v) is bool for v in metadata.values()):
        raise Refusal(f"tensor metadata {metadata!r:.80}")
    return frozenset(k for k, v in metadata.items() if v)


def _empty_state(state):
    return state is None or state == {} or state == () or state == ({}, {}) or \
        state == (None, {}) or state == ({}, None)


def _rebuild_parameter(data, requires_grad, backward_hooks):
    _hooks(backward_hooks)
    return ParameterRecipe(data, requires_grad)


def _rebuild_parameter_with_state(data, requires_grad, backward_hooks, state):
    if not _empty_state(state):
        raise LoadError("compat.load cannot restore the Python attributes saved with a "
                        "Parameter")
    return _rebuild_parameter(data, requires_grad, backward_hooks)


class _TensorType(Reducible):
    """``torch.Tensor`` / ``torch.nn.parameter.Parameter`` as values (the ``new_type`` of
    ``_rebuild_from_type_v2``); ``Parameter`` may also be created with ``NEWOBJ``."""

    def __init__(self, name, parameter):
        self.name, self.parameter = name, parameter

    def new(self, args):
        if not self.parameter:
            return super().new(args)
        return ParameterRecipe(*args)

    def __repr__(self):
        return self.name


_TENSOR = _TensorType("torch.Tensor", parameter=False)
_PARAMETER = _TensorType("torch.nn.parameter.Parameter", parameter=True)
_REBUILDERS = {}


def _rebuild_from_type_v2(func, new_type, args, state):
    if func not in _REBUILDERS.values() or type(args) is not tuple:
        raise Refusal(f"_rebuild_from_type_v2 of {func!r:.80}")
    if new_type not in (_TENSOR, _PARAMETER):
        raise LoadError(f"compat.load cannot rebuild a tensor of type {new_type!r:.80}")
    if not _empty_state(state):
        raise LoadError("compat.load cannot restore the Python attributes saved with a tensor")
    out = func.reduce(args)
    if new_type is _PARAMETER and isinstance(out, TensorRecipe):
        out = ParameterRecipe(out, out.requires_grad)
    return out


def _ordered_dict(*args):
    return OrderedDict(*_pairs(args, "collections.OrderedDict"))


def _counter(*args):
    if len(args) > 1 or (args and type(args[0]) is not dict):
        raise Refusal(f"collections.Counter arguments {args!r:.80}")
    return Counter(*args)


def _pairs(args, name):
    if not args:
        return ()
    if len(args) > 1 or type(args[0]) not in (list, tuple) or \
            not all(type(p) in (list, tuple) and len(p) == 2 for p in args[0]):
        raise Refusal(f"{name} arguments {args!r:.80}")
    return (args[0],)


def _size(sizes=()):
    if type(sizes) not in (tuple, list) or not all(type(s) is int for s in sizes):
        raise Refusal(f"torch.Size of {sizes!r:.80}")
    return Size(sizes)


def _device(*args):
    if not 1 <= len(args) <= 2 or type(args[0]) is not str or \
            (len(args) == 2 and type(args[1]) is not int):
        raise Refusal(f"torch.device arguments {args!r:.80}")
    try:
        return _devices.device(*args)
    except (RuntimeError, TypeError) as e:
        raise LoadError(str(e)) from None


def _encode(text, encoding="utf-8"):
    if type(text) is not str or encoding not in _ENCODINGS:
        raise Refusal(f"_codecs.encode arguments {text!r:.40}, {encoding!r:.40}")
    return text.encode(encoding)


def _bytearray(*args):
    if not args:
        return bytearray()
    if len(args) == 1 and type(args[0]) is bytes:
        return bytearray(args[0])
    return bytearray(_encode(*args))


def _set(items=()):
    if type(items) not in (list, tuple):
        raise Refusal(f"builtins.set of {type(items).__name__}")
    return set(items)


def _complex(real=0.0, imag=0.0):
    if type(real) not in (int, float) or type(imag) not in (int, float):
        raise Refusal(f"builtins.complex arguments {real!r:.40}, {imag!r:.40}")
    return complex(real, imag)


def _get_layout(name):
    layout = {"torch.strided": _dt.strided}.get(name)
    if layout is None:
        raise LoadError(f"compat.load cannot read a file holding the layout {name!r:.40} "
                        "(compat tensors are strided)")
    return layout


def _table():
    table = {
        "collections.OrderedDict": _Function("collections.OrderedDict", _ordered_dict,
                                             new=lambda: OrderedDict()),
        "collections.Counter": _Function("collections.Counter", _counter, new=lambda: Counter()),
        "torch.nn.parameter.Parameter": _PARAMETER,
        "torch.Tensor": _TENSOR,
        "torch.serialization._get_layout": _Function("torch.serialization._get_layout",
                                                     _get_layout),
        "torch.Size": _Function("torch.Size", _size),
        "torch.device": _Function("torch.device", _device),
        "_codecs.encode": _Function("_codecs.encode", _encode),
        "builtins.bytearray": _Function("builtins.bytearray", _bytearray),
        "builtins.set": _Function("builtins.set", _set),
        "builtins.complex": _Function("builtins.complex", _complex),
        "torch._tensor._rebuild_from_type_v2": _Function("torch._tensor._rebuild_from_type_v2",
                                                         _rebuild_from_type_v2),
    }
    for fn in (_rebuild_tensor, _rebuild_tensor_v2, _rebuild_tensor_v3, _rebuild_parameter,
               _rebuild_parameter_with_state):
        name = f"torch._utils.{fn.__name__}"
        table[name] = _REBUILDERS[name] = _Function(name, fn)
    for name in _DTYPES:
        table[f"torch.{name}"] = getattr(_dt, name)
    for storage, dtype in STORAGE_DTYPES.items():
        for module in ("torch", "torch.cuda"):
            table[f"{module}.{storage}"] = StorageType(f"{module}.{storage}", getattr(_dt, dtype))
    table["torch.storage.UntypedStorage"] = StorageType("torch.storage.UntypedStorage", None)
    table.update(NUMPY_GLOBALS)
    return table


_ALLOWED = _table()

# Allowed by torch, but naming what compat has no counterpart for: why, by name.
_WITHOUT_COUNTERPART = {
    **{f"torch.{n}": "compat has no such dtype" for n in _FOREIGN_DTYPES},
    **{f"torch.{n}": "compat has no quantized tensors" for n in (
        "per_tensor_affine", "per_tensor_symmetric", "per_channel_affine",
        "per_channel_symmetric", "per_channel_affine_float_qparams", "QInt8Storage",
        "QInt32Storage", "QUInt8Storage", "QUInt4x2Storage", "QUInt2x4Storage")},
    "torch._utils._rebuild_qtensor": "compat has no quantized tensors",
    "torch._utils._rebuild_sparse_tensor": "compat has no sparse tensors",
    "torch._utils._rebuild_nested_tensor": "compat has no nested tensors",
    "torch._utils._rebuild_meta_tensor_no_storage": "compat has no meta tensors",
    "torch._utils._rebuild_wrapper_subclass": "compat has no tensor subclasses",
    "torch._utils._rebuild_device_tensor_from_numpy": "compat reads tensors saved on the CPU "
                                                      "or CUDA only",
    "torch._utils._rebuild_device_tensor_from_cpu_tensor": "compat reads tensors saved on the "
                                                           "CPU or CUDA only",
    "torch.storage.TypedStorage": "compat reads tensors, not bare storages",
}


def _tensor_class_names():
    kinds = ("Double", "Float", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte",
             "Bool")
    for module in ("torch", "torch.cuda", "torch.sparse", "torch.cuda.sparse"):
        for kind in kinds:
            yield f"{module}.{kind}Tensor"


_WITHOUT_COUNTERPART.update({name: "compat does not read torch's legacy tensor classes"
                             for name in _tensor_class_names()})


def find(module: str, name: str):
    """What ``GLOBAL module name`` stands for; torch's refusal for anything else."""
    full = f"{module}.{name}"
    if module in _BLOCKED:
        raise Refusal(f"Trying to load unsupported GLOBAL {full} whose module {module} is "
                      "blocked.")
    found = _ALLOWED.get(full)
    if found is not None:
        return found
    why = _WITHOUT_COUNTERPART.get(full)
    if why is not None:
        raise LoadError(f"compat.load cannot read a file holding {full}: {why}")
    shown = full[len("builtins."):] if full.startswith("builtins.") else full
    raise Refusal(f"Unsupported global: GLOBAL {shown} was not an allowed global by default. "
                  f"Please use `torch.serialization.add_safe_globals([{shown}])` or the "
                  f"`torch.serialization.safe_globals([{shown}])` context manager to allowlist "
                  "this global if you trust this class/function.")
