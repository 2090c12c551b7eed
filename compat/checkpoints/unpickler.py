"""A pure-Python reader of the pickles inside torch's files, restricted as torch's
``weights_only`` loader is.

It interprets the opcodes torch's ``weights_only`` unpickler interprets (protocol 2's, as
``torch.save`` writes them), and nothing else: no ``find_class``, no import, no call of
anything a file names. ``GLOBAL`` resolves a name through the ``find`` function it is given
(``compat.checkpoints.allowlist.find``), which returns one of compat's own objects or
raises; ``REDUCE``, ``NEWOBJ`` and ``BUILD`` act only on the objects of that table (their
``reduce``/``new``/``build`` methods) and on OrderedDicts. Anything else, and any malformed
or truncated pickle, raises :class:`~compat.checkpoints.errors.Refusal`.

>>> import io, pickle
>>> Unpickler(io.BytesIO(pickle.dumps({"a": [1, 2.5, None]}, protocol=2)),
...           find=None, persistent_load=None).load()
{'a': [1, 2.5, None]}
>>> def find(module, name):
...     raise Refusal(f"GLOBAL {module}.{name} is not allowed")
>>> Unpickler(io.BytesIO(pickle.dumps(print, protocol=2)), find=find,
...           persistent_load=None).load()
Traceback (most recent call last):
...
compat.checkpoints.errors.Refusal: GLOBAL builtins.print is not allowed
"""
from __future__ import annotations

import pickle as _pickle
import struct
import warnings
from collections import Counter, OrderedDict

from .errors import LoadError, Refusal

__all__ = ["Unpickler", "Reducible", "Buildable"]

_CHUNK = 1 << 20

# torch.save writes protocol 2; the weights-only reader warns for any other.
_TORCH_PROTOCOL = 2

# Python 2 names of builtins that pickles written with fix_imports (protocol 2) carry.
_IMPORT_MAPPING = {"__builtin__": "builtins", "copy_reg": "copyreg", "UserDict": "collections",
                   "UserList": "collections", "UserString": "collections"}


class Reducible:
    """An object of the allow-list that a pickle may call (``REDUCE``), instantiate
    (``NEWOBJ``) or update (``BUILD``); each refuses what it does not implement."""

    name = "?"

    def reduce(self, args):
        raise Refusal(f"Trying to call reduce for unrecognized function {self.name}")

    def new(self, args):
        raise Refusal("Can only create new object for nn.Parameter or classes allowlisted via "
                      f"`add_safe_globals` but got {self.name}")


class Buildable:
    """A placeholder the pickle may complete with ``BUILD`` (its ``build(state)``)."""

    def build(self, state):
        raise NotImplementedError


def _opcode(code):
    return code[0]


_OP = {name: _opcode(getattr(_pickle, name)) for name in (
    "APPEND", "APPENDS", "BINFLOAT", "BINGET", "BININT", "BININT1", "BININT2", "BINPERSID",
    "BINPUT", "BINUNICODE", "BUILD", "EMPTY_DICT", "EMPTY_LIST", "EMPTY_SET", "EMPTY_TUPLE",
    "GLOBAL", "LONG1", "LONG_BINGET", "LONG_BINPUT", "MARK", "NEWFALSE", "NEWOBJ", "NEWTRUE",
    "NONE", "PROTO", "REDUCE", "SETITEM", "SETITEMS", "SHORT_BINSTRING", "STOP", "TUPLE",
    "TUPLE1", "TUPLE2", "TUPLE3")}


class Unpickler:
    """Reads one pickle from ``file`` (``read``/``readline``).

    ``find(module, name)`` gives what ``GLOBAL module name`` pushes; ``persistent_load(pid)``
    what ``BINPERSID`` pushes for a ``('storage', …)`` id; ``encoding`` decodes protocol-0/1
    byte strings, as torch.load's ``encoding`` (``"bytes"`` keeps them as bytes).
    """

    def __init__(self, file, *, find, persistent_load, encoding="utf-8"):
        self.read, self.readline = file.read, file.readline
        self.find, self.persistent_load, self.encoding = find, persistent_load, encoding
        self._handlers = {code: getattr(self, "_op_" + name.lower()) for name, code in _OP.items()}

    def load(self):
        """The object the pickle describes."""
        self.stack, self.metastack, self.memo = [], [], {}
        try:
            while True:
                key = self.read(1)
                if not key:
                    raise Refusal("pickle data was truncated")
                handler = self._handlers.get(key[0])
                if handler is None:
                    raise Refusal(f"Unsupported operand {key[0]}")
                if handler():
                    return self.stack.pop()
        except LoadError:
            raise
        except (IndexError, KeyError, struct.error, UnicodeDecodeError, TypeError, ValueError,
                RecursionError, OverflowError) as e:
            # Stack underflow, a missing memo entry, an unhashable key, short data, …
            raise Refusal(f"malformed pickle ({type(e).__name__}: {e})") from None

    # ------------------------------------------------------------------ reading
    def _exactly(self, n):
        # in chunks: a file object may allocate what a forged length asks for before reading
        data = self.read(n) if n <= _CHUNK else self._chunked(n)
        if len(data) != n:
            raise Refusal("pickle data was truncated")
        return data

    def _chunked(self, n):
        parts, left = [], n
        while left:
            part = self.read(min(left, _CHUNK))
            if not part:
                break
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    def _unpack(self, fmt):
        return struct.unpack(fmt, self._exactly(struct.calcsize(fmt)))[0]

    def _line(self):
        line = self.readline()
        if not line.endswith(b"\n"):
            raise Refusal("pickle data was truncated")
        return line[:-1].decode("utf-8")

    def _pop_mark(self):
        items = self.stack
        self.stack = self.metastack.pop()
        return items

    # ------------------------------------------------------------------ names and calls
    def _op_global(self):
        module, name = self._line(), self._line()
        self.stack.append(self.find(_IMPORT_MAPPING.get(module, module), name))

    def _op_reduce(self):
        args = self.stack.pop()
        func = self.stack[-1]
        if not isinstance(func, Reducible):
            raise Refusal(f"Trying to call reduce for unrecognized function {func!r:.80}")
        if type(args) is not tuple:
            raise Refusal(f"REDUCE arguments must be a tuple, not {type(args).__name__}")
        self.stack[-1] = func.reduce(args)

    def _op_newobj(self):
        args = self.stack.pop()
        cls = self.stack.pop()
        if not isinstance(cls, Reducible):
            raise Refusal("Can only create new object for nn.Parameter or classes allowlisted "
                          f"via `add_safe_globals` but got {type(cls).__name__}")
        if type(args) is not tuple:
            raise Refusal(f"NEWOBJ arguments must be a tuple, not {type(args).__name__}")
        self.stack.append(cls.new(args))

    def _op_build(self):
        state = self.stack.pop()
        inst = self.stack[-1]
        if type(inst) is OrderedDict:
            # an OrderedDict's attributes: a state dict's ``_metadata``
            if type(state) is not dict or not all(type(k) is str for k in state):
                raise Refusal(f"an OrderedDict's state must be a dict of names, not "
                              f"{type(state).__name__}")
            inst.__dict__.update(state)
        elif isinstance(inst, Buildable):
            inst.build(state)
        else:
            raise Refusal("Can only build Tensor, Parameter, OrderedDict or types allowlisted "
                          f"via `add_safe_globals`, but got {type(inst).__name__}")

    def _op_binpersid(self):
        pid = self.stack.pop()
        if type(pid) is not tuple and type(pid) is not int:
            raise Refusal(f"persistent_load id must be tuple or int, but got {type(pid).__name__}")
        if type(pid) is tuple and (not pid or pid[0] not in ("storage", b"storage")):
            raise Refusal("Only persistent_load of storage is allowed, but got "
                          f"{type(pid[0]).__name__ if pid else 'an empty id'}")
        if self.persistent_load is None:
            raise Refusal("unsupported persistent id encountered")
        self.stack.append(self.persistent_load(pid))

    # ------------------------------------------------------------------ containers
    def _op_append(self):
        item = self.stack.pop()
        target = self.stack[-1]
        if type(target) is not list:
            raise Refusal(f"Can only append to lists, but got {type(target).__name__}")
        target.append(item)

    def _op_appends(self):
        items = self._pop_mark()
        target = self.stack[-1]
        if type(target) is not list:
            raise Refusal(f"Can only extend lists, but got {type(target).__name__}")
        target.extend(items)

    def _check_set_item_target(self, opcode):
        if type(self.stack[-1]) not in (dict, OrderedDict, Counter):
            raise Refusal(f"Can only {opcode} for dict, collections.OrderedDict, "
                          f"collections.Counter, but got {type(self.stack[-1]).__name__}")

    def _op_setitem(self):
        value, key = self.stack.pop(), self.stack.pop()
        self._check_set_item_target("SETITEM")
        self.stack[-1][key] = value

    def _op_setitems(self):
        items = self._pop_mark()
        self._check_set_item_target("SETITEMS")
        if len(items) % 2:
            raise Refusal("SETITEMS with an odd number of items")
        target = self.stack[-1]
        for i in range(0, len(items), 2):
            target[items[i]] = items[i + 1]

    def _op_mark(self):
        self.metastack.append(self.stack)
        self.stack = []

    def _op_tuple(self):
        items = tuple(self._pop_mark())   # first: popping the mark replaces self.stack
        self.stack.append(items)

    def _op_tuple1(self):
        self.stack[-1] = (self.stack[-1],)

    def _op_tuple2(self):
        if len(self.stack) < 2:
            raise IndexError("stack underflow")
        self.stack[-2:] = [(self.stack[-2], self.stack[-1])]

    def _op_tuple3(self):
        if len(self.stack) < 3:
            raise IndexError("stack underflow")
        self.stack[-3:] = [(self.stack[-3], self.stack[-2], self.stack[-1])]

    def _op_empty_tuple(self):
        self.stack.append(())

    def _op_empty_list(self):
        self.stack.append([])

    def _op_empty_dict(self):
        self.stack.append({})

    def _op_empty_set(self):
        self.stack.append(set())

    # ------------------------------------------------------------------ scalars
    def _op_none(self):
        self.stack.append(None)

    def _op_newfalse(self):
        self.stack.append(False)

    def _op_newtrue(self):
        self.stack.append(True)

    def _op_binint(self):
        self.stack.append(self._unpack("<i"))

    def _op_binint1(self):
        self.stack.append(self._exactly(1)[0])

    def _op_binint2(self):
        self.stack.append(self._unpack("<H"))

    def _op_long1(self):
        self.stack.append(int.from_bytes(self._exactly(self._exactly(1)[0]), "little",
                                         signed=True))

    def _op_binfloat(self):
        self.stack.append(self._unpack(">d"))

    def _op_binunicode(self):
        self.stack.append(str(self._exactly(self._unpack("<I")), "utf-8", "surrogatepass"))

    def _op_short_binstring(self):
        data = self._exactly(self._exactly(1)[0])
        self.stack.append(data if self.encoding == "bytes" else data.decode(self.encoding))

    # ------------------------------------------------------------------ memo
    def _op_binget(self):
        self.stack.append(self.memo[self._exactly(1)[0]])

    def _op_long_binget(self):
        self.stack.append(self.memo[self._unpack("<I")])

    def _op_binput(self):
        self.memo[self._exactly(1)[0]] = self.stack[-1]

    def _op_long_binput(self):
        self.memo[self._unpack("<I")] = self.stack[-1]

    # ------------------------------------------------------------------ framing
    def _op_proto(self):
        protocol = self._exactly(1)[0]
        if protocol != _TORCH_PROTOCOL:
            warnings.warn(f"Detected pickle protocol {protocol} in the checkpoint, which was not "
                          "the default pickle protocol used by `torch.load` (2). The weights_only "
                          "Unpickler might not support all instructions implemented by this "
                          "protocol, please file an issue for adding support if you encounter "
                          "this.", stacklevel=4)

    def _op_stop(self):
        return True
