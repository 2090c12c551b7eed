"""``torch.autograd.graph.saved_tensors_hooks``: a ``pack_hook`` called on each tensor a
backward node saves, and an ``unpack_hook`` called on what it returned when the backward (or
``grad_fn._saved_*``) reads it back. The hooks are per thread and nest (the innermost pair
is used); ``disable_saved_tensors_hooks`` makes entering one an error.

Which tensors an op saves is what :mod:`compat.saved_versions` knows of torch's formulas (and
everything a custom Function saves); an op without a listed rule saves nothing visible to
the hooks.

>>> import compat as torch
>>> packed = []
>>> x = torch.ones(2, requires_grad=True)
>>> with torch.autograd.graph.saved_tensors_hooks(lambda t: packed.append(t) or t, lambda t: t):
...     y = x.sin()
>>> packed[0] is x
True
"""
from __future__ import annotations

import threading

_STATE = threading.local()


def _stack():
    stack = getattr(_STATE, "stack", None)
    if stack is None:
        stack = _STATE.stack = []
    return stack


def current():
    """The innermost ``(pack_hook, unpack_hook)`` of this thread, or None."""
    stack = getattr(_STATE, "stack", None)
    return stack[-1] if stack else None


class Packed:
    """A saved tensor as its pack hook returned it, read back through its unpack hook."""

    __slots__ = ("value", "unpack", "source")

    def __init__(self, tensor, hooks):
        pack, self.unpack = hooks
        self.source = tensor  # which saved tensor this is (compat's backward keeps it too)
        self.value = pack(tensor)

    def tensor(self):
        return self.unpack(self.value)


class saved_tensors_hooks:
    """Context manager: ``pack_hook(tensor) -> anything`` runs when a tensor is saved for
    backward, ``unpack_hook(anything) -> tensor`` when it is read back."""

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self):
        message = getattr(_STATE, "disabled", None)
        if message is not None:
            raise RuntimeError(message)
        _stack().append((self.pack_hook, self.unpack_hook))
        return self

    def __exit__(self, *exc):
        _stack().pop()
        return False


class save_on_cpu(saved_tensors_hooks):
    """Saved tensors are kept on the CPU and moved back to their device when read (every
    tensor is on the CPU here, so they are kept as they are)."""

    def __init__(self, pin_memory=False, device_type="cuda"):
        super().__init__(lambda t: (t.device, t.cpu()), lambda packed: packed[1].to(packed[0]))


class disable_saved_tensors_hooks:
    """Context manager: entering :class:`saved_tensors_hooks` inside it raises
    ``RuntimeError(error_message)``."""

    def __init__(self, error_message):
        self.error_message = error_message

    def __enter__(self):
        self._previous = getattr(_STATE, "disabled", None)
        _STATE.disabled = self.error_message
        return self

    def __exit__(self, *exc):
        _STATE.disabled = self._previous
        return False
