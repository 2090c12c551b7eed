"""The seed's linear regression, functionally: ``yhat = b + w * x``, MSE, batch gradient
descent with lr=0.1 for 200 epochs, on 100 points.

torch's loop creates ``b`` and ``w`` with ``requires_grad=True``, calls ``loss.backward()``,
updates under ``torch.no_grad()`` and clears ``.grad`` with ``zero_()``. Here the same steps
are values and functions:

* ``requires_grad``  → the parameters are the argument that ``jaxgrad.grad`` differentiates
* ``loss.backward()`` → ``jaxgrad.value_and_grad(loss_fn)(params, batch)``
* ``no_grad`` update → a plain function of (params, grads): nothing is being recorded
* ``grad.zero_()``   → nothing to do: each call returns fresh gradients

Three versions of the loop, all compiled: a hand-written step, ``jaxgrad.train_step`` with
``jaxgrad.optim.sgd``, and the whole 200 epochs as one ``lax.scan``.

    python examples/functional_linear_regression.py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

import jaxgrad  # noqa: E402
from jaxgrad import functional as F  # noqa: E402
from jaxgrad.generator import TorchGenerator  # noqa: E402

LR, EPOCHS = 0.1, 200


def make_data(n=100, true_b=1.0, true_w=2.0):
    """y = 1 + 2x + noise, x uniform in [0, 1): the seed's synthetic data."""
    rng = np.random.RandomState(42)
    x = rng.rand(n, 1).astype(np.float32)
    y = (true_b + true_w * x + 0.1 * rng.randn(n, 1)).astype(np.float32)
    return jnp.asarray(x), jnp.asarray(y)


def initial_params():
    # torch.manual_seed(42); b = torch.randn(1); w = torch.randn(1) -- the same numbers.
    g = TorchGenerator().manual_seed(42)
    b, w = g.normal(1), g.normal(1)
    return {"b": jnp.asarray(b), "w": jnp.asarray(w)}


def loss_fn(params, batch):
    x, y = batch
    yhat = params["b"] + params["w"] * x        # Step 1: forward pass
    error = y - yhat                             # Step 2: how wrong is the model?
    return F.mean(error ** 2)                    # ... mean squared error


@jax.jit
def sgd_step(params, batch):
    loss, grads = jaxgrad.value_and_grad(loss_fn)(params, batch)          # Step 3: backward
    new = jax.tree.map(lambda p, g: p - LR * g, params, grads)           # Step 4: update
    return new, loss


def by_hand(data):
    params = initial_params()
    for _ in range(EPOCHS):
        params, loss = sgd_step(params, data)
    return params, loss


def with_train_step(data):
    opt = jaxgrad.optim.sgd(lr=LR)
    step = jaxgrad.train_step(loss_fn, opt)
    state = jaxgrad.TrainState.create(initial_params(), opt)
    for _ in range(EPOCHS):
        state, metrics = step(state, data)
    return state.params, metrics["loss"]


@jax.jit
def as_one_program(params, data):
    # No Python in the loop at all: 200 epochs are one compiled scan.
    def epoch(params, _):
        params, loss = sgd_step(params, data)
        return params, loss
    return jax.lax.scan(epoch, params, None, length=EPOCHS)


def main():
    data = make_data()
    print("initial  b={b[0]:.4f}  w={w[0]:.4f}".format(**initial_params()))
    p1, l1 = by_hand(data)
    p2, l2 = with_train_step(data)
    p3, losses = as_one_program(initial_params(), data)
    for name, p, loss in (("by hand", p1, l1), ("train_step", p2, l2),
                          ("lax.scan", p3, losses[-1])):
        print(f"{name:10s} b={float(p['b'][0]):.4f}  w={float(p['w'][0]):.4f}  "
              f"last loss={float(loss):.5f}")
    np.testing.assert_allclose(p2["w"], p1["w"], rtol=1e-5)
    np.testing.assert_allclose(p3["w"], p1["w"], rtol=1e-5)
    # The least-squares fit the descent is heading for, for comparison:
    x, y = np.asarray(data[0])[:, 0], np.asarray(data[1])[:, 0]
    w_ls, b_ls = np.polyfit(x, y, 1)
    print(f"least squares b={b_ls:.4f}  w={w_ls:.4f}")
    return p1


if __name__ == "__main__":
    main()
