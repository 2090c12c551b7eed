"""jaxgrad: PyTorch's autograd semantics as pure, jit-able JAX.

>>> import jax.numpy as jnp
>>> import jaxgrad
>>> jaxgrad.functional.mean(jnp.array([1., 2., 3.], jnp.float32))
Array(2., dtype=float32)
"""
from . import _config  # noqa: F401  (enables 64-bit types first)
from . import dtypes, functional

__version__ = "0.1.0"

# The functional training core: transforms, tree helpers, torch-matching optimizers,
# compiled training steps and checkpoints.
from . import checkpoint, optim, train, transforms, tree
from .checkpoint import load, save
from .train import TrainState, eval_step, fit, train_step
from .transforms import grad, hessian, jacobian, jvp, stop_gradient, value_and_grad, vjp
from .tree import accumulate, zeros_like
