"""Backward-graph nodes: one per recorded op, and AccumulateGrad for leaves.

A node's class carries torch's name (``MulBackward0`` …) so that ``type(t.grad_fn).__name__``,
``t.grad_fn.name()`` and reprs read as in torch. The vector-Jacobian product itself comes from
:mod:`compat.dispatch`, compiled once per op signature.

>>> import compat as torch
>>> x = torch.tensor(2.0, requires_grad=True)
>>> (x * 3).grad_fn.next_functions[0][0].name()
'torch::autograd::AccumulateGrad'
"""
from __future__ import annotations

import weakref

SAVED_FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward.")


class _HookableNode:
    """``register_hook`` shared by both node kinds (hooks run after the node)."""

    __slots__ = ()

    def register_hook(self, hook):
        if self._hooks is None:
            self._hooks = []
        self._hooks.append(hook)
        return _RemovableHandle(self._hooks, hook)


class Node(_HookableNode):
    """A recorded operation in the backward graph (torch's ``grad_fn`` objects)."""

    __slots__ = ("next_functions", "_backward", "_saved", "_releasable", "_pre_hooks", "_hooks",
                 "_retained", "_watched", "metadata", "__weakref__")

    def __init__(self, next_functions, backward, saved, releasable):
        self.next_functions = next_functions  # ((node or None, output_nr), …) per input
        self._backward = backward              # callable(saved, grads, create_graph) → input grads
        self._saved = saved                    # what the backward needs; None once freed
        self._releasable = releasable          # False when it saves no tensors (as torch's AddBackward0)
        self._pre_hooks = None                 # {output_nr: [hook, …]} from Tensor.register_hook
        self._hooks = None                     # node hooks: hook(grad_inputs, grad_outputs)
        self._retained = None                  # {output_nr: weakref to a retain_grad tensor}
        self._watched = None                   # compat.saved_versions.SavedVersions, or None
        self.metadata = {}

    def name(self) -> str:
        return type(self).__name__

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self):#x}>"

    def register_prehook(self, hook):
        """hook(grad_outputs) runs before this node; it may return replacement gradients."""
        return self._add_pre_hook(-1, hook)

    def _add_pre_hook(self, output_nr, hook):
        if self._pre_hooks is None:
            self._pre_hooks = {}
        hooks = self._pre_hooks.setdefault(output_nr, [])
        hooks.append(hook)
        return _RemovableHandle(hooks, hook)

    def _release(self):
        if self._releasable:
            self._saved = None
            if self._watched is not None:
                self._watched.release()  # it holds saved inputs too

    def __getattr__(self, name):
        # torch's ``_saved_self``, ``_saved_result``…: what the node's formula saved (and the
        # ``_raw_saved_*`` objects that take saved-tensor hooks)
        if self._watched is not None:
            try:
                if name.startswith("_saved_"):
                    return self._watched.saved(name[len("_saved_"):])
                if name.startswith("_raw_saved_"):
                    return self._watched.raw(name[len("_raw_saved_"):])
            except AttributeError:
                pass
        return object.__getattribute__(self, name)  # Python's own AttributeError

    def __dir__(self):
        names = list(super().__dir__())
        if self._watched is not None and self._watched.named:
            names += [prefix + n for n in self._watched.named
                      for prefix in ("_saved_", "_raw_saved_")]
        return names

    def _apply(self, grads, create_graph):
        if self._saved is None:
            raise RuntimeError(SAVED_FREED_MESSAGE)
        if self._watched is not None:
            return self._backward(self._watched.check(self._saved), grads, create_graph)
        return self._backward(self._saved, grads, create_graph)


_NODE_CLASSES: dict = {}


def node_class(name: str) -> type:
    """The Node subclass named ``name`` (one class per torch grad_fn name, made once)."""
    cls = _NODE_CLASSES.get(name)
    if cls is None:
        cls = _NODE_CLASSES[name] = type(name, (Node,), {"__slots__": ()})
    return cls


class AccumulateGrad(_HookableNode):
    """The node that sums gradients into a leaf's ``.grad`` (torch's ``AccumulateGrad``)."""

    __slots__ = ("variable", "next_functions", "_hooks", "metadata", "__weakref__")

    def __init__(self, variable):
        self.variable = variable
        self.next_functions = ()
        self._hooks = None
        self.metadata = {}

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"

    def __repr__(self):
        return f"<AccumulateGrad object at {id(self):#x}>"


def accumulate_grad_node(tensor) -> AccumulateGrad:
    """The leaf's AccumulateGrad node, shared while any graph holds it (as torch's)."""
    ref = tensor._accumulator
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad(tensor)
        tensor._accumulator = weakref.ref(node)
    return node


class _RemovableHandle:
    """What ``register_hook`` returns; ``remove()`` unregisters the hook."""

    _next_id = 0

    def __init__(self, hooks, hook):
        self._hooks = hooks
        self._hook = hook
        _RemovableHandle._next_id += 1
        self.id = _RemovableHandle._next_id

    def remove(self):
        try:
            self._hooks.remove(self._hook)
        except ValueError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


RemovableHandle = _RemovableHandle
