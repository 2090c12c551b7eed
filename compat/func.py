"""``torch.func``: function transforms (``grad``, ``vjp``, ``jvp``, ``jacrev``, ``jacfwd``,
``hessian``, ``vmap``, ``functional_call``) built on JAX's own transforms.

The function a user passes runs once per transform call on compat tensors that hold JAX
tracers: every op goes through the op table as usual (its checks and torch semantics), but
JAX traces it, so ``vmap`` is JAX's batching (never a Python loop over the batch) and ``grad``
is JAX's reverse mode. Transforms compose in any order (``vmap(grad(f))``,
``jacrev(jacfwd(f))``). Inside, lazy fusion is suspended and torch's autograd records nothing.

>>> import compat as torch
>>> from compat.func import grad, vmap
>>> grad(lambda x: (x ** 3).sum())(torch.tensor([1., 2.]))
tensor([ 3., 12.])
>>> vmap(lambda row: row.sum())(torch.ones(3, 4))
tensor([4., 4., 4.])
"""
from __future__ import annotations

import contextlib

import jax

from jaxgrad.transforms import transposed_jvp

from . import lazy
from .autograd import grad_mode
from .ops.table import FUNCTIONS
from .tensors import Tensor

__all__ = ["grad", "grad_and_value", "vjp", "jvp", "jacrev", "jacfwd", "hessian", "vmap",
           "functional_call", "stack_module_state"]


# --------------------------------------------------------------------------- tensors <-> arrays
def _is_tensor(x):
    return isinstance(x, Tensor)


def _arrays(tree):
    """``tree`` with each Tensor replaced by its array (or tracer)."""
    return jax.tree_util.tree_map(lambda t: t._value if _is_tensor(t) else t, tree,
                                  is_leaf=_is_tensor)


def _tensors(tree):
    """``tree`` with each array (or tracer) wrapped as a Tensor."""
    return jax.tree_util.tree_map(
        lambda a: Tensor._make(a) if isinstance(a, (jax.Array, jax.core.Tracer)) else a, tree)


@contextlib.contextmanager
def _traced():
    """Ops on tracers: run op by op (nothing pending) and record no autograd history."""
    with lazy.suspended(), grad_mode.no_grad():
        yield


def _pure(func, has_aux=False):
    """``func`` as a function of arrays (what JAX transforms), calling it on Tensors."""
    def pure(*arrays):
        with _traced():
            out = func(*_tensors(arrays))
        if has_aux:
            if not (isinstance(out, tuple) and len(out) == 2):
                raise RuntimeError("grad_and_value(f)(*args): output of function f should be a "
                                   "tuple: (output, aux) if has_aux is True")
            out, aux = out
            return _checked_output(out), _arrays(aux)
        return _checked_output(out)
    return pure


def _checked_output(out):
    if _is_tensor(out):
        return out._value
    if isinstance(out, (tuple, list)) and all(_is_tensor(o) for o in out):
        return type(out)(o._value for o in out)
    raise RuntimeError(f"grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got "
                       f"{type(out)}")


def _argnums(argnums, count):
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    for n in nums:
        if not isinstance(n, int):
            raise RuntimeError(f"argnums must be int or Tuple[int, ...], got: {type(n)}")
        if not -count <= n < count:
            raise RuntimeError(f"Got argnum={n}, but only {count} positional inputs")
    return tuple(n % count for n in nums) if isinstance(argnums, tuple) else argnums % count


# --------------------------------------------------------------------------- transforms
def grad_and_value(func, argnums=0, has_aux=False):
    """``torch.func.grad_and_value``: ``(gradient, value)`` of a function with a scalar output.

    >>> import compat as torch
    >>> torch.func.grad_and_value(lambda x: (x * x).sum())(torch.tensor([3.]))
    (tensor([6.]), tensor(9.))
    """
    def wrapper(*args, **kwargs):
        nums = _argnums(argnums, len(args))
        pure = _pure(lambda *a: func(*a, **kwargs), has_aux)
        fn = jax.value_and_grad(pure, argnums=nums, has_aux=has_aux)
        value, grads = fn(*_arrays(args))
        if has_aux:
            (value, aux) = value
            return _tensors(grads), (_tensors(value), _tensors(aux))
        return _tensors(grads), _tensors(value)
    return wrapper


def grad(func, argnums=0, has_aux=False):
    """``torch.func.grad``: the gradient of a function with a scalar output, as a function.

    >>> import compat as torch
    >>> torch.func.grad(lambda x, y: (x * y).sum(), argnums=(0, 1))(torch.ones(2), torch.ones(2) * 3)
    (tensor([3., 3.]), tensor([1., 1.]))
    """
    both = grad_and_value(func, argnums, has_aux)

    def wrapper(*args, **kwargs):
        grads, value = both(*args, **kwargs)
        return (grads, value[1]) if has_aux else grads
    return wrapper


def vjp(func, *primals, has_aux=False):
    """``torch.func.vjp``: ``(output, vjp_fn)``; ``vjp_fn(cotangents)`` gives a tuple of
    gradients, one per primal.

    >>> import compat as torch
    >>> out, fn = torch.func.vjp(torch.sin, torch.zeros(2))
    >>> fn(torch.ones(2))
    (tensor([1., 1.]),)
    """
    pure = _pure(func, has_aux)
    result = jax.vjp(pure, *_arrays(primals), has_aux=has_aux)
    out, pullback = result[0], result[1]

    def vjp_fn(cotangents):
        return _tensors(tuple(pullback(_arrays(cotangents))))
    if has_aux:
        return _tensors(out), vjp_fn, _tensors(result[2])
    return _tensors(out), vjp_fn


def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    """``torch.func.jvp``: ``(output, jvp_out)``, the output and its directional derivative.

    >>> import compat as torch
    >>> torch.func.jvp(lambda x: x ** 2, (torch.tensor([3.]),), (torch.tensor([1.]),))
    (tensor([9.]), tensor([6.]))
    """
    if not isinstance(primals, tuple):
        raise RuntimeError("jvp(f, primals, tangents): Expected primals to be a tuple. E.g. it "
                           "should be valid to call f(*primals).")
    if not isinstance(tangents, tuple) or len(tangents) != len(primals):
        raise RuntimeError("jvp(f, primals, tangents): Expected primals and tangents to have "
                           "the same python structure.")
    # The op table's torch-exact gradient rules are reverse-mode rules (jax.custom_vjp, which
    # JAX cannot push tangents through): the JVP is the transpose of the VJP, which is linear.
    result = transposed_jvp(_pure(func, has_aux), _arrays(primals), tuple(_arrays(tangents)),
                            has_aux=has_aux)
    return tuple(_tensors(r) for r in result)


def _jacobian(transform, func, argnums, has_aux):
    def wrapper(*args):
        nums = _argnums(argnums, len(args))
        fn = transform(_pure(func, has_aux), argnums=nums, has_aux=has_aux)
        result = fn(*_arrays(args))
        return _tensors(result)
    return wrapper


def jacrev(func, argnums=0, *, has_aux=False, chunk_size=None, _preallocate_and_copy=False):
    """``torch.func.jacrev``: the Jacobian by reverse mode (one row block per output).

    >>> import compat as torch
    >>> torch.func.jacrev(torch.sin)(torch.zeros(2))
    tensor([[1., 0.],
            [0., 1.]])
    """
    return _jacobian(jax.jacrev, func, argnums, has_aux)


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    """``torch.func.jacfwd``: the Jacobian (torch's values; computed by reverse mode, as the op
    table's gradient rules are reverse-mode rules).

    >>> import compat as torch
    >>> torch.func.jacfwd(lambda x: x * 2)(torch.ones(2))
    tensor([[2., 0.],
            [0., 2.]])
    """
    return _jacobian(jax.jacrev, func, argnums, has_aux)


def hessian(func, argnums=0):
    """``torch.func.hessian``: ``jacfwd(jacrev(func))``, the matrix of second derivatives.

    >>> import compat as torch
    >>> torch.func.hessian(lambda x: (x ** 3).sum())(torch.tensor([1., 2.]))
    tensor([[ 6.,  0.],
            [ 0., 12.]])
    """
    return jacfwd(jacrev(func, argnums), argnums)


def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    """``torch.func.vmap`` (also ``torch.vmap``): ``func`` mapped over a dimension of its
    inputs, by JAX's batching.

    >>> import compat as torch
    >>> torch.vmap(torch.dot)(torch.ones(2, 3), torch.ones(2, 3))
    tensor([3., 3.])
    """
    if randomness not in ("error", "different", "same"):
        raise RuntimeError(f"Only allowed values for randomness are 'error', 'different', or "
                           f"'same'. Got {randomness}")

    def wrapper(*args, **kwargs):
        dims = in_dims
        if isinstance(dims, (list, tuple)) and len(dims) != len(args):
            raise ValueError(f"vmap(f, in_dims={dims}, ...)(<inputs>): in_dims is not compatible "
                             f"with the structure of `inputs`. in_dims has structure "
                             f"{jax.tree_util.tree_structure(tuple(dims))} but inputs has "
                             f"structure {jax.tree_util.tree_structure(tuple(args))}.")
        if isinstance(dims, list):
            dims = tuple(dims)

        def pure(*arrays):
            with _traced():
                out = func(*_tensors(arrays), **kwargs)
            return _arrays(out)
        out = jax.vmap(pure, in_axes=dims, out_axes=out_dims)(*_arrays(args))
        return _tensors(out)
    return wrapper


# --------------------------------------------------------------------------- modules
@contextlib.contextmanager
def _swapped(module, tensors):
    """``module`` with the named parameters and buffers replaced by ``tensors`` meanwhile."""
    saved = []
    try:
        for name, value in tensors.items():
            owner = module
            *path, leaf = name.split(".")
            for part in path:
                owner = getattr(owner, part)
            table = owner._parameters if leaf in owner._parameters else owner._buffers
            saved.append((table, leaf, table[leaf]))
            table[leaf] = value
        yield
    finally:
        for table, leaf, value in reversed(saved):
            table[leaf] = value


def functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *,
                    tie_weights=True, strict=False):
    """``torch.func.functional_call``: call ``module`` with the given parameters and buffers
    in place of its own (for transforms over a model's parameters).

    >>> import compat as torch
    >>> layer = torch.nn.Linear(2, 1, bias=False)
    >>> torch.func.functional_call(layer, {"weight": torch.ones(1, 2)}, (torch.ones(1, 2),))
    tensor([[2.]])
    """
    if isinstance(parameter_and_buffer_dicts, (list, tuple)):
        merged = {}
        for d in parameter_and_buffer_dicts:
            merged.update(d)
        parameter_and_buffer_dicts = merged
    if args is None:
        args = ()
    elif not isinstance(args, tuple):
        args = (args,)
    with _swapped(module, dict(parameter_and_buffer_dicts)):
        return module(*args, **(kwargs or {}))


def stack_module_state(models):
    """``torch.func.stack_module_state``: (params, buffers), each name's tensors of all the
    models stacked along a new first dimension (for ``vmap`` over an ensemble)."""
    stack = FUNCTIONS["stack"]
    params = {name: stack([dict(m.named_parameters())[name].detach() for m in models])
              for name, _ in models[0].named_parameters()}
    buffers = {name: stack([dict(m.named_buffers())[name] for m in models])
               for name, _ in models[0].named_buffers()}
    return params, buffers
