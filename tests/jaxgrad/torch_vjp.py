"""Shared oracle for the op-table tests: run a jaxgrad op and its torch counterpart on the same
numpy inputs and compare values, dtypes and vector-Jacobian products."""
import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest

torch = pytest.importorskip("torch")


def rand(*shape, dtype=np.float32, seed=0, low=None, high=None):
    rng = np.random.RandomState(seed)
    if low is not None:
        return rng.uniform(low, high, shape).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def against_torch(jfn, tfn, *arrays, diff=(0,), variant=lambda f: f, rtol=1e-5, atol=1e-6):
    """Value, dtype and the vector-Jacobian product (for the arguments in ``diff``) of
    ``jfn`` must equal torch's ``tfn`` on the same numpy inputs."""
    targs = [torch.tensor(a, requires_grad=i in diff) for i, a in enumerate(arrays)]
    expected = tfn(*targs)
    cot = rand(*expected.shape, seed=7).astype(expected.detach().numpy().dtype)
    if diff:
        expected.backward(torch.tensor(cot))

    def f(*diff_args):
        args = [jnp.asarray(a) for a in arrays]
        for i, a in zip(diff, diff_args):
            args[i] = a
        return jfn(*args)

    out, pullback = jax.vjp(variant(f), *[jnp.asarray(arrays[i]) for i in diff])
    grads = pullback(jnp.asarray(cot, out.dtype))
    assert out.dtype == np.dtype(str(expected.dtype).replace("torch.", ""))
    chex.assert_shape(out, tuple(expected.shape))
    np.testing.assert_allclose(out, expected.detach().numpy(), rtol=rtol, atol=atol)
    for i, g in zip(diff, grads):
        np.testing.assert_allclose(g, targs[i].grad.numpy(), rtol=rtol, atol=atol,
                                   err_msg=f"gradient of argument {i}")
