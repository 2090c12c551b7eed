"""Torch-worded validation for the op table.

The checks run while an op is traced, so a cached compiled op pays nothing for them; bad
input therefore fails with the exception type and wording torch uses instead of a JAX
traceback.
"""
from __future__ import annotations

import operator

import jax.numpy as jnp
import numpy as np

from .. import dtypes


def linear(fn):
    """Mark an op whose vector-Jacobian product needs no input values (only shapes).

    Autograd may then drop the inputs after the forward pass, as torch's nodes for these ops
    save no tensors (which is also why they can be backpropagated through twice).
    """
    fn.linear = True
    return fn


GRADIENT_SAMPLES: dict = {}  # name → (call, make_args): where a hand-written rule is smooth
_SAMPLE_RNG = np.random.default_rng(0)


def smooth(*shape):
    """Sample values in ±[0.5, 2] (float64): no gradient rule's special point (0, a tie, a
    bound) is near, so a rule must equal the numerical gradient there.

    >>> smooth(2).shape
    (2,)
    """
    return jnp.asarray(_SAMPLE_RNG.uniform(0.5, 2.0, shape) * _SAMPLE_RNG.choice([-1.0, 1.0], shape))


def gradient_samples(**samples):
    """Register, for an op whose gradient torch defines differently from JAX's (a hand-written
    ``jax.custom_vjp`` rule), sample calls where the op is smooth: ``name=(call, make_args)``.
    tests/jaxgrad/test_gradient_rules.py checks every sample against numerical gradients, and
    that the samples reach every rule of the table.

    >>> import jax.numpy as jnp
    >>> @gradient_samples(doubled=(lambda x: double(x), lambda: (smooth(3),)))
    ... def double(x):
    ...     return 2 * x
    >>> "doubled" in GRADIENT_SAMPLES
    True
    >>> del GRADIENT_SAMPLES["doubled"]
    """
    def register(fn):
        for name, sample in samples.items():
            if name in GRADIENT_SAMPLES:
                raise ValueError(f"gradient sample {name} is registered twice")
            GRADIENT_SAMPLES[name] = sample
        return fn
    return register


def host_check(check):
    """Attach ``check`` to an op: a validation of concrete values (index bounds, value ranges)
    that cannot run while the op is traced.

    ``check`` takes the op's own arguments (arrays and Python values, concrete) and raises
    torch's error; compat's dispatch point calls ``op.host_check(*args, **kwargs)`` before the
    compiled op, and code that calls the op directly on concrete arrays may do the same.

    >>> import jax.numpy as jnp
    >>> def positive(x):
    ...     if (x <= 0).any():
    ...         raise RuntimeError("expected positive values")
    >>> @host_check(positive)
    ... def log(x):
    ...     return jnp.log(x)
    >>> log.host_check(jnp.array([1.0]))
    """
    def attach(fn):
        fn.host_check = check
        return fn
    return attach


def broadcast_shapes(*shapes) -> tuple:
    """torch.broadcast_shapes with torch's error text.

    Shapes are combined left to right, each new one against the shape so far, comparing dims
    from the last, as torch's ``infer_size``; its error names the first mismatch it meets.

    >>> broadcast_shapes((3, 1), (4,))
    (3, 4)
    """
    out = ()
    for s in shapes:
        out = _infer_size(out, tuple(s))
    return out


def _infer_size(a, b) -> tuple:
    ndim = max(len(a), len(b))
    result = [1] * ndim
    for i in range(ndim - 1, -1, -1):
        offset = ndim - 1 - i
        size_a = a[len(a) - 1 - offset] if offset < len(a) else 1
        size_b = b[len(b) - 1 - offset] if offset < len(b) else 1
        if size_a != size_b and size_a != 1 and size_b != 1:
            raise RuntimeError(f"The size of tensor a ({size_a}) must match the size of tensor b "
                               f"({size_b}) at non-singleton dimension {i}")
        result[i] = size_b if size_a == 1 else size_a
    return tuple(result)


def shape_of(x) -> tuple:
    return tuple(getattr(x, "shape", ()))


def check_broadcast(*operands) -> tuple:
    """Broadcast shape of the operands (arrays or scalars), raising torch's error on mismatch."""
    return broadcast_shapes(*(shape_of(x) for x in operands))


def normalize_dim(dim, ndim: int) -> int:
    """A dim in [-ndim, ndim) as a non-negative axis, with torch's IndexError text.

    >>> normalize_dim(-1, 3)
    2
    """
    dim = operator.index(dim)
    low, high = (-ndim, ndim - 1) if ndim > 0 else (-1, 0)
    if not low <= dim <= high:
        raise IndexError(f"Dimension out of range (expected to be in range of [{low}, {high}], "
                         f"but got {dim})")
    return dim % ndim if ndim > 0 else 0


def not_implemented(kernel, dtype) -> NotImplementedError:
    """torch's error for a kernel that has no version for ``dtype``.

    >>> print(not_implemented("bmm", "bool"))
    "bmm" not implemented for 'Bool'
    """
    return NotImplementedError(f'"{kernel}" not implemented for \'{dtypes.torch_type_name(dtype)}\'')


def derivative_not_implemented(name) -> NotImplementedError:
    """torch's error for a backward through a node that has no derivative formula.

    >>> derivative_not_implemented("_unique2").args[0]
    "the derivative for '_unique2' is not implemented."
    """
    return NotImplementedError(f"the derivative for '{name}' is not implemented.")


def forward_ad_refusal(name) -> str:
    """torch's words for a kernel whose derivatives.yaml entry has no forward-mode formula
    (set as the function's ``forward_ad_refusal``, raised when a tangent reaches it).

    >>> forward_ad_refusal("_pdist_forward").splitlines()[0]
    'Trying to use forward AD with _pdist_forward that does not support it because it has not been implemented yet.'
    """
    return (f"Trying to use forward AD with {name} that does not support it because it has not "
            "been implemented yet.\nPlease file an issue to PyTorch at https://github.com/"
            "pytorch/pytorch/issues/new?template=feature-request.yml so that we can prioritize "
            "its implementation or submit a PR adding the implementation to derivatives.yaml")


def scalar_type_mismatch(expected, found) -> RuntimeError:
    """torch's ``expected scalar type Float but found Double``."""
    return RuntimeError(f"expected scalar type {dtypes.torch_type_name(expected)} but found "
                        f"{dtypes.torch_type_name(found)}")


def dim_of_zero_dim() -> IndexError:
    """torch's error for a dim argument given to a 0-d tensor's op that needs one."""
    return IndexError("Dimension specified as 0 but tensor has no dimensions")


def repeated_dim(dim) -> RuntimeError:
    """torch's error for a dim named twice in a list of dims."""
    return RuntimeError(f"dim {dim} appears multiple times in the list of dims")


def index_out_of_bounds(index, dim, size, kind=IndexError):
    """torch's ``index 5 is out of bounds for dimension 0 with size 3`` (an IndexError from
    indexing, a RuntimeError from gather/scatter kernels)."""
    return kind(f"index {index} is out of bounds for dimension {dim} with size {size}")


def index_out_of_range() -> IndexError:
    """torch's ``index out of range in self`` (embedding, index_select)."""
    return IndexError("index out of range in self")


def output_shape_mismatch(shape, broadcast) -> RuntimeError:
    """torch's error for an in-place result whose broadcast shape is not the target's."""
    return RuntimeError(f"output with shape {list(shape)} doesn't match the broadcast shape "
                        f"{list(broadcast)}")


def empty_reduction(name, dim) -> IndexError:
    """torch's error for a reduction with no identity over an empty dim."""
    return IndexError(f"{name}(): Expected reduction dim {dim} to have non-zero size.")


def normalize_dims(dim, ndim: int):
    """None, an int or a sequence of ints as a sorted tuple of axes; None and an empty
    sequence (torch: every dim) give None, and the dims of a 0-d tensor give ()."""
    if dim is None:
        return None
    if isinstance(dim, (tuple, list)):
        if not dim:
            return None
        if ndim == 0:
            for d in dim:
                normalize_dim(d, 0)
            return ()
        axes = tuple(normalize_dim(d, ndim) for d in dim)
        seen = set()
        for axis in axes:  # torch names the dim that comes back
            if axis in seen:
                raise repeated_dim(axis)
            seen.add(axis)
        return tuple(sorted(axes))
    axis = normalize_dim(dim, ndim)
    return (axis,) if ndim else ()


def float_result_cast_error(dtype) -> RuntimeError:
    """torch's error for a float result written back into an integer tensor of ``dtype``.

    >>> print(float_result_cast_error("int64"))
    result type Float can't be cast to the desired output type Long
    """
    return RuntimeError("result type Float can't be cast to the desired output type "
                        f"{dtypes.torch_type_name(dtype)}")
