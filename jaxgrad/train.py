"""Training as a compiled pure function: ``step(state, batch) -> (state, metrics)``.

torch's loop body (``zero_grad(); loss = loss_fn(model(x), y); loss.backward();
optimizer.step()``) becomes one XLA program: the gradient, the optax update and the new
state, with the old state's buffers donated to the new one. Data parallelism is the same
program with a ``jax.sharding.Mesh``: the batch is split over the mesh's data axis, the
parameters replicated (or sharded as a ``PartitionSpec`` says) and XLA inserts the
collectives.

>>> import jax.numpy as jnp
>>> import jaxgrad
>>> def loss_fn(params, batch):
...     x, y = batch
...     return jnp.mean((params["w"] * x + params["b"] - y) ** 2)
>>> opt = jaxgrad.optim.sgd(lr=0.1)
>>> state = jaxgrad.TrainState.create({"w": jnp.float32(0.), "b": jnp.float32(0.)}, opt)
>>> step = jaxgrad.train_step(loss_fn, opt)
>>> x = jnp.arange(4, dtype=jnp.float32); y = 2 * x + 1
>>> for _ in range(200):
...     state, metrics = step(state, (x, y))
>>> round(float(state.params["w"]), 3), round(float(state.params["b"]), 3), int(state.step)
(2.0, 1.0, 200)
"""
from __future__ import annotations

import sys
import time
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax.sharding import NamedSharding, PartitionSpec

from .transforms import value_and_grad
from .tree import accumulate, scale, zeros_like

__all__ = ["TrainState", "train_step", "eval_step", "fit"]


class TrainState(NamedTuple):
    """Everything a training step changes, as one pytree: parameters, optimizer state and
    the number of updates taken (torch keeps these in the model, the optimizer's ``state``
    and its ``step`` counters).

    >>> import jax.numpy as jnp, optax
    >>> state = TrainState.create({"w": jnp.ones(2, jnp.float32)}, optax.sgd(0.1))
    >>> int(state.step), state.params["w"].shape
    (0, (2,))
    """
    params: Any
    opt_state: Any
    step: jax.Array

    @classmethod
    def create(cls, params, optimizer: optax.GradientTransformation) -> "TrainState":
        """A fresh state: ``optimizer.init(params)`` and a step count of 0."""
        return cls(params=params, opt_state=optimizer.init(params),
                   step=jnp.zeros((), jnp.int32))

    def apply_gradients(self, grads, optimizer: optax.GradientTransformation) -> "TrainState":
        """The state after one ``optimizer`` update with ``grads`` (``optimizer.step()``).

        >>> import jax.numpy as jnp, optax
        >>> opt = optax.sgd(0.5)
        >>> s = TrainState.create(jnp.ones(1, jnp.float32), opt)
        >>> s.apply_gradients(jnp.ones(1, jnp.float32), opt).params
        Array([0.5], dtype=float32)
        """
        updates, opt_state = optimizer.update(grads, self.opt_state, self.params)
        return TrainState(optax.apply_updates(self.params, updates), opt_state, self.step + 1)


# ----------------------------------------------------------------------------- micro-batches
def _split_micro_batches(batch, k):
    """(B, ...) leaves as (k, B // k, ...), micro-batch i holding rows i, i + k, …: strided,
    so that each micro-batch of a batch sharded over devices stays spread over all of them."""
    def split(x):
        if x.ndim == 0 or x.shape[0] % k:
            raise ValueError(f"accumulate_steps={k} must divide the batch size, got a batch leaf "
                             f"of shape {tuple(x.shape)}")
        return jnp.swapaxes(x.reshape((x.shape[0] // k, k) + x.shape[1:]), 0, 1)
    return jax.tree.map(split, batch)


def _mean_over_micro_batches(tree):
    return jax.tree.map(lambda a: jnp.mean(a, axis=0), tree)


def _loss_aux_grads(loss_fn, has_aux, accumulate_steps):
    """``(params, batch) -> (loss, aux, grads)``, averaging over ``accumulate_steps``
    micro-batches with ``lax.scan`` (one compiled body, constant memory in ``k``)."""
    vg = value_and_grad(loss_fn, has_aux=has_aux)

    def one(params, batch):
        value, grads = vg(params, batch)
        loss, aux = value if has_aux else (value, None)
        return loss, aux, grads

    if accumulate_steps == 1:
        return one

    def accumulated(params, batch):
        micro = _split_micro_batches(batch, accumulate_steps)
        first = jax.tree.map(lambda x: x[0], micro)
        loss_shape = jax.eval_shape(one, params, first)[0]

        def body(carry, micro_batch):
            loss_sum, grad_sum = carry
            loss, aux, grads = one(params, micro_batch)
            return (loss_sum + loss, accumulate(grad_sum, grads)), aux

        init = (jnp.zeros(loss_shape.shape, loss_shape.dtype), zeros_like(params))
        (loss_sum, grad_sum), auxes = jax.lax.scan(body, init, micro)
        inv = 1.0 / accumulate_steps
        aux = _mean_over_micro_batches(auxes) if has_aux else None
        return loss_sum * jnp.asarray(inv, loss_sum.dtype), aux, scale(grad_sum, inv)

    return accumulated


# ----------------------------------------------------------------------------- sharding
def _param_shardings(params, mesh, param_spec):
    """One NamedSharding per parameter: replicated, or from a PartitionSpec pytree / a
    ``(path, leaf) -> PartitionSpec`` function."""
    if param_spec is None:
        return jax.tree.map(lambda _: NamedSharding(mesh, PartitionSpec()), params)
    if callable(param_spec) and not isinstance(param_spec, PartitionSpec):
        return jax.tree_util.tree_map_with_path(
            lambda path, leaf: NamedSharding(mesh, param_spec(path, leaf)), params)
    if isinstance(param_spec, PartitionSpec):
        return jax.tree.map(lambda _: NamedSharding(mesh, param_spec), params)
    return jax.tree.map(lambda _, spec: NamedSharding(mesh, spec), params, param_spec,
                        is_leaf=lambda x: isinstance(x, PartitionSpec))


def _state_shardings(state, mesh, param_spec):
    """Shardings for a whole TrainState: optimizer-state subtrees shaped like the params
    (momenta, second moments, …) follow the params; everything else is replicated."""
    p_shard = _param_shardings(state.params, mesh, param_spec)
    p_def = jax.tree.structure(state.params)
    p_shapes = [jnp.shape(x) for x in jax.tree.leaves(state.params)]
    replicated = NamedSharding(mesh, PartitionSpec())

    def like_params(node):
        return (jax.tree.structure(node) == p_def
                and [jnp.shape(x) for x in jax.tree.leaves(node)] == p_shapes)

    o_shard = jax.tree.map(lambda node: p_shard if like_params(node) else replicated,
                           state.opt_state, is_leaf=like_params)
    return TrainState(p_shard, o_shard, replicated)


class _ShardedStep:
    """A step over a mesh: its shardings depend on the state's structure, so the jitted
    function is built (and the state placed) on the first call; later calls go straight to
    the compiled function."""

    def __init__(self, fn, mesh, data_axis, param_spec, batch_spec, donate):
        self._fn, self._mesh, self._param_spec, self._donate = fn, mesh, param_spec, donate
        self._batch_sharding = NamedSharding(
            mesh, batch_spec if batch_spec is not None else PartitionSpec(data_axis))
        self._compiled = None
        self.state_sharding = None

    def __call__(self, state, batch):
        if self._compiled is None:
            self.state_sharding = _state_shardings(state, self._mesh, self._param_spec)
            replicated = NamedSharding(self._mesh, PartitionSpec())
            self._compiled = jax.jit(self._fn,
                                     in_shardings=(self.state_sharding, self._batch_sharding),
                                     out_shardings=(self.state_sharding, replicated),
                                     donate_argnums=(0,) if self._donate else ())
            state = jax.device_put(state, self.state_sharding)
        return self._compiled(state, batch)


def train_step(loss_fn, optimizer: optax.GradientTransformation, *, has_aux=False, donate=True,
               accumulate_steps=1, mesh=None, data_axis="data", param_spec=None,
               batch_spec=None):
    """A compiled training step ``step(state, batch) -> (new_state, metrics)``.

    ``loss_fn(params, batch)`` returns the scalar loss (or ``(loss, aux)`` with
    ``has_aux``). ``metrics["loss"]`` is the loss *before* the update (what torch's
    ``loss.item()`` shows in the same iteration) and ``metrics["aux"]`` the aux output.

    * ``donate``: the input state's buffers are reused for the output (don't use the old
      state after the call).
    * ``accumulate_steps=k``: the batch's leading axis is split into ``k`` micro-batches
      whose gradients are averaged (``lax.scan``) before one update, as ``k`` torch
      ``backward()`` calls on ``loss / k`` then ``step()``; loss and aux are averaged too.
    * ``mesh``: data parallel over ``mesh``'s ``data_axis`` (the batch's leading axis, or
      ``batch_spec``); parameters replicated, or sharded by ``param_spec`` (one
      PartitionSpec, a pytree of them, or ``(path, leaf) -> PartitionSpec``); optimizer
      moments follow their parameters. XLA adds the collectives.

    >>> import jax.numpy as jnp, optax
    >>> step = train_step(lambda p, b: jnp.mean((p - b) ** 2), optax.sgd(0.5))
    >>> state = TrainState.create(jnp.zeros(2, jnp.float32), optax.sgd(0.5))
    >>> state, metrics = step(state, jnp.ones((4, 2), jnp.float32))
    >>> state.params, metrics["loss"]
    (Array([0.5, 0.5], dtype=float32), Array(1., dtype=float32))
    """
    if accumulate_steps < 1:
        raise ValueError(f"accumulate_steps must be >= 1, got {accumulate_steps}")
    loss_aux_grads = _loss_aux_grads(loss_fn, has_aux, accumulate_steps)

    def step(state, batch):
        loss, aux, grads = loss_aux_grads(state.params, batch)
        metrics = {"loss": loss}
        if has_aux:
            metrics["aux"] = aux
        return state.apply_gradients(grads, optimizer), metrics

    if mesh is None:
        return jax.jit(step, donate_argnums=(0,) if donate else ())
    return _ShardedStep(step, mesh, data_axis, param_spec, batch_spec, donate)


def eval_step(loss_fn, *, has_aux=False, mesh=None, data_axis="data", batch_spec=None):
    """A compiled evaluation step ``evaluate(state_or_params, batch) -> metrics`` (the loss,
    and ``"aux"`` with ``has_aux``): torch's ``model.eval()`` + ``torch.no_grad()`` loop
    body. No gradient is computed and nothing is donated.

    >>> import jax.numpy as jnp
    >>> evaluate = eval_step(lambda p, b: jnp.mean((p - b) ** 2))
    >>> evaluate(jnp.zeros(2, jnp.float32), jnp.ones((4, 2), jnp.float32))
    {'loss': Array(1., dtype=float32)}
    """
    def evaluate(state_or_params, batch):
        params = (state_or_params.params if isinstance(state_or_params, TrainState)
                  else state_or_params)
        out = loss_fn(params, batch)
        loss, aux = out if has_aux else (out, None)
        metrics = {"loss": loss}
        if has_aux:
            metrics["aux"] = aux
        return metrics

    if mesh is None:
        return jax.jit(evaluate)
    data = NamedSharding(mesh, batch_spec if batch_spec is not None else PartitionSpec(data_axis))
    compiled = jax.jit(evaluate, out_shardings=NamedSharding(mesh, PartitionSpec()))

    def sharded_evaluate(state_or_params, batch):
        return compiled(state_or_params, jax.device_put(batch, data))
    return sharded_evaluate


# ----------------------------------------------------------------------------- fit
class _Progress:
    """A one-line text progress bar on stderr (no dependency, no device synchronisation: it
    counts dispatched steps; the loss appears when the epoch's metrics are read anyway).
    On a terminal the line is redrawn at most ten times a second; elsewhere (logs, notebooks
    capturing output) only the finished line of each epoch is written."""

    def __init__(self, enabled, epochs, total, stream):
        self.enabled, self.epochs, self.total, self.stream = enabled, epochs, total, stream
        self.live = enabled and getattr(stream, "isatty", lambda: False)()
        self.width, self.drawn = 30, 0.0

    def _line(self, epoch, done, elapsed):
        if self.total:
            filled = int(self.width * done / self.total)
            bar = "#" * filled + "." * (self.width - filled)
            return f"epoch {epoch}/{self.epochs} [{bar}] {done}/{self.total} {elapsed:.1f}s"
        return f"epoch {epoch}/{self.epochs} {done} steps {elapsed:.1f}s"

    def update(self, epoch, done, start):
        now = time.perf_counter()
        if self.live and now - self.drawn >= 0.1:
            self.drawn = now
            self.stream.write("\r" + self._line(epoch, done, now - start))
            self.stream.flush()

    def end(self, epoch, done, start, summary):
        if self.enabled:
            line = self._line(epoch, done, time.perf_counter() - start)
            self.stream.write(("\r" if self.live else "") + f"{line} - {summary}\n")
            self.stream.flush()


def _scalar_metrics(metrics):
    """The scalar entries of a metrics dict, with those of a dict ``aux`` lifted beside
    ``loss`` (non-scalars are not averaged into the history)."""
    out = {}
    for key, value in metrics.items():
        if key == "aux" and isinstance(value, dict):
            out.update({k: v for k, v in value.items() if v is not None and jnp.ndim(v) == 0})
        elif value is not None and not isinstance(value, dict) and jnp.ndim(value) == 0:
            out[key] = value
    return out


def _epoch_means(collected):
    if not collected:
        return {}
    keys = collected[0].keys()
    # One transfer per metric per epoch: the hot loop never waits on the device.
    return {k: float(np.mean(np.asarray(jnp.stack([m[k] for m in collected])))) for k in keys}


def fit(step, state, data, *, epochs=1, eval_step=None, eval_data=None, progress=True,
        stream=None):
    """Run ``epochs`` passes of ``step`` over ``data`` and return ``(state, history)``.

    ``data`` is a re-iterable of batches (a list, a loader) or a function ``epoch ->
    iterable``. ``history`` maps each scalar metric (``"loss"``, scalar aux entries, and
    ``"eval_loss"``… when ``eval_step``/``eval_data`` are given) to its per-epoch means. The
    loop only dispatches compiled steps; metrics are read once per epoch.

    >>> import jax.numpy as jnp, optax
    >>> opt = optax.sgd(0.5)
    >>> step = train_step(lambda p, b: jnp.mean((p - b) ** 2), opt)
    >>> batches = [jnp.ones((4, 2), jnp.float32)] * 3
    >>> state, history = fit(step, TrainState.create(jnp.zeros(2, jnp.float32), opt), batches,
    ...                      epochs=2, progress=False)
    >>> [round(v, 4) for v in history["loss"]]
    [0.4375, 0.0068]
    """
    stream = sys.stderr if stream is None else stream
    history: dict[str, list] = {}
    for epoch in range(1, epochs + 1):
        batches = data(epoch - 1) if callable(data) else data
        total = len(batches) if hasattr(batches, "__len__") else None
        bar = _Progress(progress, epochs, total, stream)
        start, collected = time.perf_counter(), []
        done = 0
        for done, batch in enumerate(batches, 1):
            state, metrics = step(state, batch)
            collected.append(_scalar_metrics(metrics))
            bar.update(epoch, done, start)
        if not collected:
            raise ValueError("fit: data yielded no batches" + (" (an exhausted iterator? pass "
                             "a list or a function epoch -> iterable)" if epoch > 1 else ""))
        means = _epoch_means(collected)
        if eval_step is not None and eval_data is not None:
            evaluated = [_scalar_metrics(eval_step(state, b)) for b in eval_data]
            means.update({"eval_" + k: v for k, v in _epoch_means(evaluated).items()})
        for k, v in means.items():
            history.setdefault(k, []).append(v)
        bar.end(epoch, done, start, " ".join(f"{k}={v:.4g}" for k, v in means.items()))
    return state, history
