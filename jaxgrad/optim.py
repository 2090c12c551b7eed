"""torch.optim's update rules as optax ``GradientTransformation``s.

Each constructor takes torch.optim's hyper-parameters, with torch's names and defaults, and
chains optax's building blocks in the order torch applies them (maximize, weight decay,
moments, learning rate), so that the parameters follow torch's to float32 round-off. Two
rules optax states differently get a small transform of their own, written with optax's
tree utilities: torch's AMSGrad keeps the maximum of the *raw* second moment (optax keeps
that of the bias-corrected one), and torch's Adagrad adds ``eps`` outside the square root.

``lr`` is a float or an optax schedule (a function of the update count); the
``step_lr``/``exponential_lr``/``cosine_annealing_lr`` helpers give torch's schedulers as
optax schedules.

>>> import jax.numpy as jnp, optax
>>> from jaxgrad import optim
>>> params = {"w": jnp.array([1., 2.], jnp.float32)}
>>> opt = optim.sgd(lr=0.1, momentum=0.9)
>>> state = opt.init(params)
>>> updates, state = opt.update({"w": jnp.array([1., 1.], jnp.float32)}, state, params)
>>> optax.apply_updates(params, updates)["w"]
Array([0.9, 1.9], dtype=float32)
"""
from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

__all__ = ["sgd", "adam", "adamw", "rmsprop", "adagrad", "step_lr", "exponential_lr",
           "cosine_annealing_lr"]


def _check(lr, eps=None, weight_decay=0.0, momentum=None, betas=None, alpha=None):
    # torch.optim's constructors' ValueErrors, word for word.
    if not callable(lr) and not 0.0 <= lr:
        raise ValueError(f"Invalid learning rate: {lr}")
    if eps is not None and not 0.0 <= eps:
        raise ValueError(f"Invalid epsilon value: {eps}")
    if momentum is not None and not 0.0 <= momentum:
        raise ValueError(f"Invalid momentum value: {momentum}")
    if not 0.0 <= weight_decay:
        raise ValueError(f"Invalid weight_decay value: {weight_decay}")
    if alpha is not None and not 0.0 <= alpha:
        raise ValueError(f"Invalid alpha value: {alpha}")
    if betas is not None:
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")


def _chain(*parts):
    return optax.chain(*(p for p in parts if p is not None))


def _maximize(maximize):
    # torch negates the gradient first, before weight decay joins it.
    return optax.scale(-1.0) if maximize else None


def _l2(weight_decay):
    # torch's (coupled) weight decay: grad + weight_decay * param.
    return optax.add_decayed_weights(weight_decay) if weight_decay else None


# ----------------------------------------------------------------------------- SGD
def _undamped_first_step(dampening):
    """Scale the gradient by ``1 - dampening`` on every step but the first: torch seeds its
    momentum buffer with the raw gradient, then adds ``(1 - dampening) * grad``."""
    def factor(count):
        return jnp.where(count == 0, 1.0, 1.0 - dampening)
    return optax.scale_by_schedule(factor)


def sgd(lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False, *,
        maximize=False) -> optax.GradientTransformation:
    """torch.optim.SGD: ``buf = momentum * buf + (1 - dampening) * g`` (``buf = g`` on the
    first step), ``p -= lr * (g + momentum * buf if nesterov else buf)``.

    >>> import jax.numpy as jnp
    >>> opt = sgd(lr=0.5, weight_decay=0.1)
    >>> p = jnp.array([1.], jnp.float32)
    >>> opt.update(jnp.array([1.], jnp.float32), opt.init(p), p)[0]   # -0.5 * (1 + 0.1 * 1)
    Array([-0.55], dtype=float32)
    """
    _check(lr, momentum=momentum, weight_decay=weight_decay)
    if nesterov and (momentum <= 0 or dampening != 0):
        raise ValueError("Nesterov momentum requires a momentum and zero dampening")
    return _chain(
        _maximize(maximize),
        _l2(weight_decay),
        _undamped_first_step(dampening) if momentum and dampening else None,
        optax.trace(decay=momentum, nesterov=nesterov) if momentum else None,
        optax.scale_by_learning_rate(lr),
    )


# ----------------------------------------------------------------------------- Adam family
class ScaleByTorchAmsgradState(NamedTuple):
    count: jax.Array
    mu: optax.Updates
    nu: optax.Updates
    nu_max: optax.Updates


def scale_by_torch_amsgrad(b1=0.9, b2=0.999, eps=1e-8) -> optax.GradientTransformation:
    """torch's AMSGrad direction: ``(m / bc1) / (sqrt(max_t v_t) / sqrt(bc2) + eps)``, the
    maximum taken over the raw second moments (optax's ``scale_by_amsgrad`` takes it over
    the bias-corrected ones, which differs while the bias correction changes).

    >>> import jax.numpy as jnp
    >>> t = scale_by_torch_amsgrad()
    >>> g = jnp.array([2.], jnp.float32)
    >>> round(float(t.update(g, t.init(g))[0][0]), 5)   # Adam's first step is sign(g)
    1.0
    """
    def init(params):
        zeros = optax.tree.zeros_like(params)
        return ScaleByTorchAmsgradState(jnp.zeros([], jnp.int32), zeros, zeros, zeros)

    def update(updates, state, params=None):
        del params
        mu = optax.tree.update_moment(updates, state.mu, b1, 1)
        nu = optax.tree.update_moment_per_elem_norm(updates, state.nu, b2, 2)
        count = optax.safe_increment(state.count)
        nu_max = jax.tree.map(jnp.maximum, state.nu_max, nu)
        mu_hat = optax.tree.bias_correction(mu, b1, count)
        bc2_sqrt = jnp.sqrt(1 - b2 ** count)
        direction = jax.tree.map(
            lambda m, v: m / (jnp.sqrt(v) / bc2_sqrt.astype(v.dtype) + eps), mu_hat, nu_max)
        return direction, ScaleByTorchAmsgradState(count, mu, nu, nu_max)

    return optax.GradientTransformation(init, update)


def _adam_direction(betas, eps, amsgrad):
    if amsgrad:
        return scale_by_torch_amsgrad(betas[0], betas[1], eps)
    # optax's Adam adds eps after the bias-corrected square root, as torch.
    return optax.scale_by_adam(b1=betas[0], b2=betas[1], eps=eps)


def adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *,
         maximize=False, decoupled_weight_decay=False) -> optax.GradientTransformation:
    """torch.optim.Adam (L2 weight decay added to the gradient; ``decoupled_weight_decay``
    makes it AdamW).

    >>> import jax.numpy as jnp
    >>> opt = adam(lr=0.1)
    >>> p = jnp.array([1., 1.], jnp.float32)
    >>> opt.update(jnp.array([3., -0.5], jnp.float32), opt.init(p), p)[0]   # -lr * sign(g)
    Array([-0.1,  0.1], dtype=float32)
    """
    _check(lr, eps=eps, weight_decay=weight_decay, betas=betas)
    return _chain(
        _maximize(maximize),
        None if decoupled_weight_decay else _l2(weight_decay),
        _adam_direction(betas, eps, amsgrad),
        (optax.add_decayed_weights(weight_decay)
         if decoupled_weight_decay and weight_decay else None),
        optax.scale_by_learning_rate(lr),
    )


def adamw(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
          maximize=False) -> optax.GradientTransformation:
    """torch.optim.AdamW: decoupled weight decay, ``p -= lr * (adam_direction + wd * p)``
    (torch's ``p *= 1 - lr * wd`` before the Adam step), default ``weight_decay=0.01``.

    >>> import jax.numpy as jnp
    >>> opt = adamw(lr=0.1, weight_decay=0.5)
    >>> p = jnp.array([2.], jnp.float32)
    >>> opt.update(jnp.array([1.], jnp.float32), opt.init(p), p)[0]   # -0.1 * (1 + 0.5 * 2)
    Array([-0.2], dtype=float32)
    """
    return adam(lr, betas, eps, weight_decay, amsgrad, maximize=maximize,
                decoupled_weight_decay=True)


# ----------------------------------------------------------------------------- RMSprop
def rmsprop(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False, *,
            maximize=False) -> optax.GradientTransformation:
    """torch.optim.RMSprop: ``v = alpha v + (1 - alpha) g²``, step ``g / (sqrt(v) + eps)``
    (``eps`` outside the root, as torch), centred and momentum variants included.

    >>> import jax.numpy as jnp
    >>> opt = rmsprop(lr=0.01, alpha=0.75)
    >>> p = jnp.array([0.], jnp.float32)
    >>> opt.update(jnp.array([2.], jnp.float32), opt.init(p), p)[0]   # -0.01 * 2 / sqrt(0.25*4)
    Array([-0.02], dtype=float32)
    """
    _check(lr, eps=eps, weight_decay=weight_decay, momentum=momentum, alpha=alpha)
    scaling = optax.scale_by_stddev if centered else optax.scale_by_rms
    return _chain(
        _maximize(maximize),
        _l2(weight_decay),
        scaling(decay=alpha, eps=eps, eps_in_sqrt=False),
        optax.trace(decay=momentum) if momentum else None,
        optax.scale_by_learning_rate(lr),
    )


# ----------------------------------------------------------------------------- Adagrad
class ScaleByTorchAdagradState(NamedTuple):
    sum_of_squares: optax.Updates


def scale_by_torch_adagrad(initial_accumulator_value=0.0,
                           eps=1e-10) -> optax.GradientTransformation:
    """torch's Adagrad direction ``g / (sqrt(sum g²) + eps)``; optax's ``scale_by_rss``
    puts ``eps`` inside the square root instead.

    >>> import jax.numpy as jnp
    >>> t = scale_by_torch_adagrad()
    >>> g = jnp.array([2.], jnp.float32)
    >>> t.update(g, t.init(g))[0]
    Array([1.], dtype=float32)
    """
    def init(params):
        return ScaleByTorchAdagradState(optax.tree.full_like(params, initial_accumulator_value))

    def update(updates, state, params=None):
        del params
        sums = jax.tree.map(lambda s, g: s + g * g, state.sum_of_squares, updates)
        direction = jax.tree.map(lambda g, s: g / (jnp.sqrt(s) + eps), updates, sums)
        return direction, ScaleByTorchAdagradState(sums)

    return optax.GradientTransformation(init, update)


def adagrad(lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
            *, maximize=False) -> optax.GradientTransformation:
    """torch.optim.Adagrad: step ``lr / (1 + (t - 1) lr_decay) * g / (sqrt(sum g²) + eps)``.

    >>> import jax.numpy as jnp
    >>> opt = adagrad(lr=0.5)
    >>> p = jnp.array([0.], jnp.float32)
    >>> opt.update(jnp.array([4.], jnp.float32), opt.init(p), p)[0]
    Array([-0.5], dtype=float32)
    """
    _check(lr, eps=eps, weight_decay=weight_decay)
    if not 0.0 <= lr_decay:
        raise ValueError(f"Invalid lr_decay value: {lr_decay}")
    if not 0.0 <= initial_accumulator_value:
        raise ValueError(f"Invalid initial_accumulator_value value: {initial_accumulator_value}")
    rate = lr
    if lr_decay:
        base = lr if callable(lr) else (lambda count: lr)
        rate = lambda count: base(count) / (1 + count * lr_decay)  # noqa: E731
    return _chain(
        _maximize(maximize),
        _l2(weight_decay),
        scale_by_torch_adagrad(initial_accumulator_value, eps),
        optax.scale_by_learning_rate(rate),
    )


# ----------------------------------------------------------------------------- schedules
def step_lr(lr, step_size, gamma=0.1) -> optax.Schedule:
    """torch.optim.lr_scheduler.StepLR as an optax schedule: ``lr * gamma ** (t // step_size)``,
    ``t`` counting optimizer updates (call torch's ``scheduler.step()`` once per update to
    compare).

    >>> [float(step_lr(1.0, 2, 0.5)(t)) for t in range(5)]
    [1.0, 1.0, 0.5, 0.5, 0.25]
    """
    return optax.exponential_decay(lr, transition_steps=step_size, decay_rate=gamma,
                                   staircase=True)


def exponential_lr(lr, gamma) -> optax.Schedule:
    """torch.optim.lr_scheduler.ExponentialLR as an optax schedule: ``lr * gamma ** t``.

    >>> [float(exponential_lr(1.0, 0.5)(t)) for t in range(3)]
    [1.0, 0.5, 0.25]
    """
    return optax.exponential_decay(lr, transition_steps=1, decay_rate=gamma)


def cosine_annealing_lr(lr, T_max, eta_min=0.0) -> optax.Schedule:
    """torch.optim.lr_scheduler.CosineAnnealingLR for ``t <= T_max`` as an optax schedule:
    ``eta_min + (lr - eta_min) (1 + cos(pi t / T_max)) / 2`` (it then stays at ``eta_min``,
    where torch's would climb again).

    >>> [round(float(cosine_annealing_lr(1.0, 2)(t)), 6) for t in range(3)]
    [1.0, 0.5, 0.0]
    """
    return optax.cosine_decay_schedule(lr, decay_steps=T_max, alpha=eta_min / lr if lr else 0.0)
