"""Version checks of the tensors a backward op saved: torch's error when one of them was
modified in place between the forward and the backward.

torch's nodes save what their derivative formula reads (``x * y`` saves each input for the
other's gradient, ``exp`` saves its result) with the tensor's version counter at that moment;
the backward refuses a saved tensor whose counter has moved. compat computes gradients from
the values it recorded, which would silently differentiate the old values: this module keeps
torch's knowledge of what each op saves, for the ops whose rule is listed, and raises torch's
error. An op not listed is never checked (a missed error, never a false one).

>>> import compat as torch
>>> x = torch.ones(2, requires_grad=True)
>>> y = x.exp()
>>> _ = y.add_(1)
>>> y.sum().backward()
Traceback (most recent call last):
...
RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).
"""
from __future__ import annotations

import re
import weakref

import jax.numpy as jnp
import numpy as np

from . import saved_hooks
from .graph import SAVED_FREED_MESSAGE
from .tensors import Tensor

_WRAPPED = {int: np.int64, float: np.float64, bool: np.bool_}


def _each_for_the_other(mask):
    # d(x*y)/dx reads y and d(x*y)/dy reads x (mul, mm, bmm, matmul)
    return (1,) * mask[0] + (0,) * mask[1], False


def _quotient(mask):
    # d(x/y)/dx reads y; d(x/y)/dy reads x and y (torch saves them for a rounded quotient too)
    return ((1,) if mask[0] else ()) + ((0, 1) if mask[1] else ()), False


def _own_input(mask):
    return (0,), False


def _own_result(mask):
    return (), True


# op name → rule(mask of inputs wanting a gradient) → (saved input positions, whether it
# saves its result), as torch's derivative formulas read them
_SAVED = {
    "mul": _each_for_the_other, "mm": _each_for_the_other, "bmm": _each_for_the_other,
    "matmul": _each_for_the_other, "div": _quotient,
    "sin": _own_input, "cos": _own_input, "log": _own_input, "log2": _own_input,
    "log10": _own_input, "log1p": _own_input, "asin": _own_input, "acos": _own_input,
    "atan": _own_input, "sinh": _own_input, "cosh": _own_input, "abs": _own_input,
    "erf": _own_input, "gelu": _own_input, "silu": _own_input, "leaky_relu": _own_input,
    "hardtanh": _own_input,
    "exp": _own_result, "tanh": _own_result, "sigmoid": _own_result, "relu": _own_result,
    "sqrt": _own_result, "tan": _own_result, "reciprocal": _own_result, "rsqrt": _own_result,
    "expm1": _own_result, "softmax": _own_result, "log_softmax": _own_result,
}
_BACKWARD_SUFFIX = re.compile(r"Backward\d*$")


def values_not_read(op_name, mask):
    """The traced positions whose values the VJP of ``op_name`` does not read, given which
    inputs want a gradient (``x * y`` with only x wanting one: x); empty where unknown. Only
    ops whose formulas read inputs, never their result, which compat's VJP recomputes."""
    rule = _SAVED.get(op_name)
    if rule not in (_each_for_the_other, _quotient) or not any(mask):
        return ()
    read = rule(mask)[0]
    return tuple(i for i in range(len(mask)) if i not in read)


def _storage(t):
    return t._base if t._base is not None else t


def version_counter(t) -> int:
    """The version a tensor shares with its storage, as torch counts it: a view's is its
    base's, and writes through ``.data`` do not count."""
    storage = _storage(t)
    return storage._version - storage._untracked_versions


def modified_in_place(tensor, expected, producer=None) -> RuntimeError:
    """torch's error for a saved ``tensor`` changed in place since it was saved at version
    ``expected``; ``producer`` is ``(node or its name, output_nr)`` of the op that made it
    (None for a leaf), named as torch names it: the node without ``Backward<n>``."""
    if producer is None:
        which = ""
    else:
        name = producer[0] if isinstance(producer[0], str) else producer[0].name()
        which = f", which is output {producer[1]} of {_BACKWARD_SUFFIX.sub('', name)},"
    return RuntimeError(
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [{tensor.type()} {list(tensor.shape)}]{which} is at version "
        f"{version_counter(tensor)}; expected version {expected} instead. Hint: enable anomaly "
        "detection to find the operation that failed to compute its gradient, with "
        "torch.autograd.set_detect_anomaly(True, check_nan=False).")


class SavedVersions:
    """The saved tensors of one node with their versions when saved; ``check()`` before the
    node's backward runs."""

    __slots__ = ("entries", "inputs", "named")

    def __init__(self, entries, inputs, named):
        # (tensor or a weak reference to it, version, producer); producer None names the
        # tensor's grad_fn when checked (torch's message for a saved input)
        self.entries = entries
        # (position among the op's traced values, input, its storage's untracked writes then)
        self.inputs = inputs
        # torch's ``_saved_<name>``: name → tensor, weak reference (the result), number, or
        # None (what torch does not save when its gradient is not wanted); None once freed
        self.named = named

    def saved(self, name):
        """The node's ``_saved_<name>`` attribute, as torch's gives it."""
        if self.named is None:
            raise RuntimeError(SAVED_FREED_MESSAGE)
        if name not in self.named:
            raise AttributeError(name)
        value = self.named[name]
        if type(value) is weakref.ref:
            return value()
        if type(value) is saved_hooks.Packed:
            return value.tensor()
        if value is None or isinstance(value, Tensor):
            return value
        # a Python number is saved as torch wraps it: a 0-d int64, float64 or bool tensor
        return Tensor._make(jnp.asarray(value, _WRAPPED[type(value)]))

    def raw(self, name):
        """The node's ``_raw_saved_<name>``: the saved tensor itself, whose hooks can be set."""
        if self.named is None or name not in self.named:
            raise AttributeError(name)
        return SavedTensor(self, name)

    def release(self):
        """The node's backward ran without retain_graph: its saved tensors are freed."""
        self.entries = self.inputs = ()
        self.named = None

    def after_inplace(self, target, result):
        """The node's op wrote ``target`` in place: torch saved the input's old value (no later
        check) and its result is ``target`` now, at its new version."""
        kept = []
        for reference, version, producer in self.entries:
            tensor = _tensor(reference)
            if tensor is target:
                continue
            if tensor is result:
                reference, version = weakref.ref(target), version_counter(target)
            kept.append((reference, version, producer))
        self.entries = kept
        for name, value in list(self.named.items()):
            tensor = _tensor(value)
            if tensor is target:
                del self.named[name]  # torch saved a copy of the old values
            elif tensor is result:
                self.named[name] = weakref.ref(target)

    def check(self, payload):
        """Raise torch's error for a saved tensor modified in place; else ``payload`` (the
        node's :class:`compat.dispatch.Recorded`) with the current values of saved inputs
        written through ``.data`` since, which torch's saved tensors, sharing their storage,
        would read."""
        for reference, version, producer in self.entries:
            tensor = _tensor(reference)
            if tensor is not None and version_counter(tensor) != version:
                if producer is None and tensor._grad_fn is not None:
                    producer = (tensor._grad_fn, tensor._output_nr)
                raise modified_in_place(tensor, version, producer)
        current = {}  # position → the value the backward reads instead of the recorded one
        for position, tensor, untracked in self.inputs:
            if _storage(tensor)._untracked_versions != untracked:
                current[position] = tensor._current()
        for position, value in self._unpacked():
            current[position] = value
        if not current:
            return payload
        saved = list(payload.saved)
        for position, value in current.items():
            old = saved[position]
            if value.shape == old.shape and value.dtype == old.dtype:
                saved[position] = value
        return payload._replace(saved=tuple(saved))

    def _unpacked(self):
        """(position, value) of each saved input read back through its unpack hook, in
        torch's order (a saved result is unpacked too; compat's backward recomputes it)."""
        out = []
        positions = {p: t for p, t, _ in self.inputs}
        for value in self.named.values():
            if type(value) is saved_hooks.Packed:
                tensor = value.tensor()
                where = [p for p, t in positions.items() if value.source is t]
                if where and isinstance(tensor, Tensor):
                    out.append((where[0], tensor._current()))
        return out


class SavedTensor:
    """``grad_fn._raw_saved_<name>``: one saved tensor; ``register_hooks(pack, unpack)`` packs
    it now and unpacks it wherever it is read back (backward, ``_saved_<name>``)."""

    __slots__ = ("_saved", "_name")
    __module__ = "torch._C._autograd"

    def __init__(self, saved, name):
        self._saved, self._name = saved, name

    def register_hooks(self, pack_hook, unpack_hook):
        if not (callable(pack_hook) and callable(unpack_hook)):
            raise TypeError("register_hooks(): incompatible function arguments. The following "
                            "argument types are supported:\n    1. (self: "
                            "torch._C._autograd.SavedTensor, arg0: collections.abc.Callable, "
                            "arg1: collections.abc.Callable) -> None\n\nInvoked with: "
                            f"{self!r}, {pack_hook!r}, {unpack_hook!r}")
        named = self._saved.named
        value = None if named is None else named.get(self._name)
        if type(value) is saved_hooks.Packed:
            raise RuntimeError("Calling register_hooks on a saved tensor whose hooks have already "
                               "been set. Hint: only one pair of hooks is allowed at a time.")
        tensor = _tensor(value)
        if not isinstance(tensor, Tensor):
            raise RuntimeError("Calling register_hooks on a saved tensor with value None is "
                               "forbidden")
        named[self._name] = saved_hooks.Packed(tensor, (pack_hook, unpack_hook))


def _tensor(reference):
    return reference() if type(reference) is weakref.ref else reference


def watch(node, spec, tensors, raw, mask, result) -> None:
    """Note on ``node`` the versions of what torch's op ``spec`` saves: some of ``tensors``
    (its traced inputs, None for numbers, whose values are in ``raw``) and its ``result``."""
    rule = _SAVED.get(spec.name)
    if rule is None or len(tensors) != len(mask):
        return
    positions, saves_result = rule(mask)
    hooks = saved_hooks.current()
    traced = [p for p, is_traced in zip(spec.params, spec.traced) if is_traced]
    named = {}  # in torch's order of saving (and of packing and unpacking)
    for i in dict.fromkeys(positions):  # each once
        t = tensors[i]
        named[_torch_name(spec.name, traced[i])] = raw[i] if t is None else \
            t if hooks is None else saved_hooks.Packed(t, hooks)
    # inputs held as they are (the node's payload holds them already)
    entries = [(tensors[i], version_counter(tensors[i]), None) for i in positions
               if tensors[i] is not None]
    inputs = [(i, tensors[i], _storage(tensors[i])._untracked_versions) for i in positions
              if tensors[i] is not None]
    if saves_result:
        # weakly: a result nothing else holds can no longer be modified; the node's name, not
        # the node, which holds these entries
        entries.append((weakref.ref(result), version_counter(result), (node.name(), 0)))
        named["result"] = weakref.ref(result) if hooks is None else \
            saved_hooks.Packed(result, hooks)
    for name in _saved_names(spec.name, traced, saves_result):
        named.setdefault(name, None)  # torch's attribute of what it did not save
    if entries or named:
        node._watched = SavedVersions(entries, inputs, named)


# torch's schemas name the second factor of mm/bmm ``mat2``; every other listed op's names
# are compat's own parameter names
_MATRIX_PRODUCTS = ("mm", "bmm")


def _torch_name(op_name, param):
    return "mat2" if op_name in _MATRIX_PRODUCTS and param == "other" else param


def _saved_names(op_name, traced, saves_result):
    """The ``_saved_*`` names torch's node for ``op_name`` has (a formula that reads its
    result saves only that; matmul's node depends on the ranks, so none are named)."""
    if saves_result or op_name == "matmul":
        return ()
    return tuple(_torch_name(op_name, p) for p in traced)


def after_inplace(node, target, result) -> None:
    """``node``'s op wrote its ``result`` into ``target`` in place (:func:`compat.views.assign`,
    after the write)."""
    saved = getattr(node, "_watched", None)
    if saved is not None:
        saved.after_inplace(target, result)
