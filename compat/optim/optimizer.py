"""``torch.optim.Optimizer``: parameter groups, ``zero_grad``, ``step``, state dicts.

The update math is ``jaxgrad.optim``'s (optax transformations configured as torch.optim). A
step gathers each group's parameters and gradients as lists of jax arrays, runs one compiled
optax update for the whole group, and writes the new values back into the parameters. The
group's ``lr`` is an input of the compiled update, so schedulers (or a hand-set ``lr``) change
it between steps without recompiling; its other hyper-parameters are part of the compiled
program (changing them compiles a new one).

>>> import compat as torch
>>> w = torch.nn.Parameter(torch.tensor([1., 2.]))
>>> opt = torch.optim.SGD([w], lr=0.5)
>>> (w * w).sum().backward()
>>> opt.step()
>>> w
Parameter containing:
tensor([0., 0.], requires_grad=True)
"""
from __future__ import annotations

import numbers
import warnings
from collections import defaultdict
from copy import deepcopy

import jax
import jax.numpy as jnp
import optax

from .. import lazy
from ..autograd import grad_mode
from ..tensors import Tensor, reset_grad


class _RequiredParameter:
    """Singleton class representing a required parameter for an Optimizer."""

    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


def _typename(obj) -> str:
    if isinstance(obj, Tensor):
        return obj.type()
    module = type(obj).__module__
    name = type(obj).__qualname__
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


def _static(value):
    """A hyper-parameter as a hashable Python value (tensors become floats)."""
    if isinstance(value, Tensor):
        return float(value.item())
    if isinstance(value, (list, tuple)):
        return tuple(_static(v) for v in value)
    return value


def _update_impl(factory, static_items, params, grads, states, lr):
    """One optax update of every parameter of a group (each with its own state)."""
    tx = factory(lr=lambda count: lr, **dict(static_items))
    new_params, new_states = [], []
    for p, g, s in zip(params, grads, states):
        updates, s = tx.update(g, s, p)
        new_params.append(optax.apply_updates(p, updates))
        new_states.append(s)
    return new_params, new_states


def _zero_lr(count):
    return 0.0


# One compiled program per update rule, static hyper-parameters and group structure.
_update = jax.jit(_update_impl, static_argnums=(0, 1))


class _UpdateStep(lazy.Step):
    """A group's update as a step of a lazy program: flat arrays in (lr, params, grads, state
    leaves), flat arrays out (new params, new state leaves), so the update fuses with the
    ops recorded around it (the next forward, typically)."""

    __slots__ = ("rule", "static_items", "treedef", "count")

    def __call__(self, lr, *flat):
        n = self.count
        states = jax.tree_util.tree_unflatten(self.treedef, flat[2 * n:])
        new_params, new_states = _update_impl(self.rule, self.static_items, list(flat[:n]),
                                              list(flat[n:2 * n]), states, lr)
        return (*new_params, *jax.tree_util.tree_leaves(new_states))


def _run_update(rule, static_items, params, grads, states, lr):
    """(new params, new states) of one group's update: recorded in the pending program when
    fusion is on, else run at once."""
    if not lazy.is_fusion_enabled():
        return _update(rule, static_items, [lazy.resolve(p) for p in params],
                       [lazy.resolve(g) for g in grads],
                       jax.tree_util.tree_map(lazy.resolve, states), lr)
    leaves, treedef = jax.tree_util.tree_flatten(states)
    step = _UpdateStep(rule, static_items, treedef, len(params))
    out = lazy.record(step, [lr, *params, *grads, *leaves])
    n = len(params)
    return list(out[:n]), jax.tree_util.tree_unflatten(treedef, out[n:])


def _resolved(state):
    """An optimizer state with every pending leaf computed."""
    return jax.tree_util.tree_map(lazy.resolve, state)


class Optimizer:
    """Base class of the optimizers (``torch.optim.Optimizer``).

    Subclasses name their ``jaxgrad.optim`` rule (``_rule``), the group keys passed to it as
    compiled-in hyper-parameters (``_static_keys``: factory argument → group key), and how
    the optax state maps to torch's per-parameter state (``_export_state``/``_import_state``).
    """

    __module__ = "torch.optim.optimizer"
    _rule = None
    _static_keys: dict = {}

    def __init__(self, params, defaults):
        self.defaults = defaults
        self._custom_state = defaultdict(dict)  # a user subclass's own ``self.state``
        self._opt_state = {}
        self._steps = {}
        self._opt_called = False
        self.param_groups = []
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of "
                            "Tensors or dicts, but got " + _typename(params))
        if type(self)._rule is not None:
            # torch checks the constructor's hyper-parameters (not those a group sets itself),
            # before it looks at the parameters.
            self._transform(defaults, lr=_static(defaults["lr"]))
        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)

    # ------------------------------------------------------------------ groups
    def add_param_group(self, param_group):
        """Add a group of parameters with its own hyper-parameters (defaults fill the rest)."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            param_group["params"] = [params]
        elif isinstance(params, set):
            raise TypeError("optimizer parameters need to be organized in ordered collections, "
                            "but the ordering of tensors in sets will change between runs. "
                            "Please use a list instead.")
        else:
            param_group["params"] = list(params)
        extracted, names = [], []
        for param in param_group["params"]:
            if isinstance(param, tuple) and len(param) == 2 and isinstance(param[0], str):
                names.append(param[0])
                param = param[1]
            extracted.append(param)
        if names:
            if len(names) != len(extracted):
                raise ValueError("all optimizer params should be with/without names. Some param "
                                 "names are missing")
            param_group["param_names"] = names
        param_group["params"] = extracted
        for param in param_group["params"]:
            if not isinstance(param, Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is "
                                + _typename(param))
            if not self.defaults.get("differentiable", None) and not (
                    param.is_leaf or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError("parameter group didn't specify a value of required "
                                 f"optimization parameter {name}")
            param_group.setdefault(name, default)
        params = param_group["params"]
        if len(params) != len({id(p) for p in params}):
            warnings.warn("optimizer contains a parameter group with duplicate parameters; in "
                          "future, this will cause an error; see "
                          "github.com/pytorch/pytorch/issues/40967 for more information",
                          stacklevel=3)
        seen = {id(p) for group in self.param_groups for p in group["params"]}
        if any(id(p) in seen for p in param_group["params"]):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def _static_items(self, group):
        return tuple((arg, _static(group[key])) for arg, key in self._static_keys.items())

    def _transform(self, group, lr):
        return type(self)._rule(lr=lr, **dict(self._static_items(group)))

    # ------------------------------------------------------------------ stepping
    def zero_grad(self, set_to_none: bool = True) -> None:
        """Reset the gradients of all optimized parameters (to None by default)."""
        for group in self.param_groups:
            for p in group["params"]:
                reset_grad(p, set_to_none)

    def _init_state(self, p, group):
        # The same structure as the compiled update, whose lr is a schedule (an input).
        return self._transform(group, lr=_zero_lr).init(p._value)

    def step(self, closure=None):
        """Update every parameter that has a gradient; ``closure`` re-evaluates the loss."""
        loss = None
        if closure is not None:
            with grad_mode.enable_grad():
                loss = closure()
        self._opt_called = True
        for group in self.param_groups:
            self._step_group(group)
        return loss

    def _step_group(self, group):
        if type(self)._rule is None:
            raise NotImplementedError
        params = [p for p in group["params"] if p._grad is not None]
        if not params:
            return
        states = []
        for p in params:
            state = self._opt_state.get(p)
            if state is None:
                state = self._opt_state[p] = self._init_state(p, group)
                self._steps.setdefault(p, 0)
            states.append(state)
        lr = group["lr"]
        if not isinstance(lr, (Tensor, numbers.Real)):
            self._first_use_of_lr(lr, group)  # torch's TypeError, where its update first uses lr
        lr = float(lr.item()) if isinstance(lr, Tensor) else float(lr)
        new_params, new_states = _run_update(type(self)._rule, self._static_items(group),
                                             [p._current() for p in params],
                                             [p._grad._current() for p in params], states, lr)
        with grad_mode.no_grad():
            for p, value, state in zip(params, new_params, new_states):
                p._set_data(value)
                self._opt_state[p] = state
                self._steps[p] += 1

    @staticmethod
    def _first_use_of_lr(lr, group):
        """The first arithmetic torch's update does with ``lr`` (``param.add_(grad,
        alpha=-lr)``), so that a group ``lr`` that is no number fails as it fails there."""
        return -lr

    # ------------------------------------------------------------------ state
    def _export_state(self, p, state) -> dict:
        """torch's per-parameter state (names and order) from the optax state."""
        raise NotImplementedError

    def _import_state(self, p, values: dict, group):
        """The optax state holding torch's per-parameter ``values``."""
        raise NotImplementedError

    @staticmethod
    def _tensor(value):
        return Tensor._make(value)

    def _step_tensor(self, p):
        return Tensor._make(jnp.asarray(float(self._steps.get(p, 0)), jnp.float32))

    @property
    def state(self):
        """Per-parameter state as torch names it. For the built-in optimizers it is a snapshot
        of the optax state (``state[p]['exp_avg']``); a user subclass (no ``_rule``) keeps its
        own mutable ``defaultdict(dict)`` here, as torch's base class does."""
        if type(self)._rule is None:
            return self._custom_state
        out = defaultdict(dict)
        for group in self.param_groups:
            for p in group["params"]:
                if p in self._opt_state:
                    exported = self._export_state(p, _resolved(self._opt_state[p]))
                    if exported:
                        out[p] = exported
        return out

    def state_dict(self):
        """``{'state': {index: {...}}, 'param_groups': [{..., 'params': [indices]}]}``, as torch."""
        param_mappings = {}
        start_index = 0

        def pack_group(group):
            nonlocal start_index
            packed = {k: v for k, v in group.items() if k != "params"}
            param_mappings.update({id(p): i for i, p in enumerate(group["params"], start_index)
                                   if id(p) not in param_mappings})
            packed["params"] = [param_mappings[id(p)] for p in group["params"]]
            start_index += len(packed["params"])
            return packed

        param_groups = [pack_group(g) for g in self.param_groups]
        if type(self)._rule is None:
            return {"state": {param_mappings[id(k)]: v for k, v in self._custom_state.items()},
                    "param_groups": param_groups}
        packed_state = {}
        for group in self.param_groups:
            for p in group["params"]:
                if p in self._opt_state:
                    exported = self._export_state(p, _resolved(self._opt_state[p]))
                    if exported:
                        packed_state[param_mappings[id(p)]] = exported
        return {"state": packed_state, "param_groups": param_groups}

    def load_state_dict(self, state_dict):
        """Restore hyper-parameters and per-parameter state saved by :meth:`state_dict`."""
        state_dict = state_dict.copy()  # torch's first step: anything else fails as there
        groups = self.param_groups
        saved_groups = deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups)):
            raise ValueError("loaded state dict contains a parameter group that doesn't match "
                             "the size of optimizer's group")
        id_map = {}
        for g, s in zip(groups, saved_groups):
            id_map.update(dict(zip(s["params"], g["params"])))
        new_groups = []
        for group, saved in zip(groups, saved_groups):
            saved["params"] = group["params"]
            if "param_names" in group and "param_names" not in saved:
                saved["param_names"] = group["param_names"]
            new_groups.append(saved)
        self.param_groups = new_groups
        if type(self)._rule is None:
            self._custom_state = defaultdict(dict)
            for k, values in state_dict["state"].items():
                if k in id_map:
                    p = id_map[k]
                    self._custom_state[p] = {
                        name: (v.to(p.dtype) if isinstance(v, Tensor) and v.is_floating_point()
                               and name != "step" else v)
                        for name, v in values.items()}
            return
        self._opt_state, self._steps = {}, {}
        group_of = {id(p): g for g in new_groups for p in g["params"]}
        for k, values in state_dict["state"].items():
            if k in id_map:
                p = id_map[k]
                self._opt_state[p] = self._import_state(p, values, group_of[id(p)])
                step = values.get("step")
                self._steps[p] = int(float(step)) if step is not None else 0

    def _array(self, p, value):
        """A saved state value as an array of ``p``'s dtype (as torch casts on load)."""
        v = value._value if isinstance(value, Tensor) else jnp.asarray(value)
        return v.astype(p._data.dtype) if jnp.issubdtype(p._data.dtype, jnp.floating) else v

    def _with_count(self, state, values):
        step = values.get("step")
        if step is None:
            return state
        count = jnp.asarray(int(float(step)), jnp.int32)
        try:
            return optax.tree_utils.tree_set(state, count=count)
        except KeyError:
            return state

    def __repr__(self):
        format_string = self.__class__.__name__ + " ("
        for i, group in enumerate(self.param_groups):
            format_string += "\n"
            format_string += f"Parameter Group {i}\n"
            for key in sorted(group.keys()):
                if key != "params":
                    format_string += f"    {key}: {group[key]}\n"
        format_string += ")"
        return format_string

    def __getstate__(self):
        return {"defaults": self.defaults, "state": self.state,
                "param_groups": self.param_groups}


def _get(state, key):
    return optax.tree_utils.tree_get(state, key)


def _set(state, **values):
    return optax.tree_utils.tree_set(state, **values)
