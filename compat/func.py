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

import collections
import contextlib

import jax

from jaxgrad.transforms import transposed_jvp

from . import lazy, transform_history
from .autograd import grad_mode
from .nn.utils import stateless
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
        value, grads = transform_history.call(fn, args)
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
    if not isinstance(tangents, tuple) or \
            jax.tree_util.tree_structure(primals) != jax.tree_util.tree_structure(tangents):
        raise RuntimeError(f"jvp(f, primals, tangents): Expected primals and tangents to have "
                           f"the same python structure. For example, if primals is a tuple of "
                           f"3 tensors, tangents also must be. Got primals with structure "
                           f"{_tree_spec(primals)} and tangents with structure "
                           f"{_tree_spec(tangents)}")
    # The op table's torch-exact gradient rules are reverse-mode rules (jax.custom_vjp, which
    # JAX cannot push tangents through): the JVP is the transpose of the VJP, which is linear.
    pure = _pure(func, has_aux)
    result = transform_history.call(
        lambda p, t: transposed_jvp(pure, p, tuple(t), has_aux=has_aux), (primals, tangents))
    return tuple(result)


def _tree_spec(tree, indent=0):
    """``tree``'s structure as torch's pytree ``TreeSpec`` prints it (a leaf is ``*``)."""
    if isinstance(tree, dict):
        kind, context, children = "dict", list(tree), list(tree.values())
    elif isinstance(tree, (tuple, list)):
        kind, context, children = type(tree).__name__, None, list(tree)
    else:
        return "*"
    inner = ""
    if children:
        indent += 2
        inner = _tree_spec(children[0], indent) + ("," if len(children) > 1 else "")
        inner += ",".join("\n" + " " * indent + _tree_spec(c, indent) for c in children[1:])
    return f"TreeSpec({kind}, {context}, [{inner}])"


def _jacobian(transform, func, argnums, has_aux):
    def wrapper(*args):
        nums = _argnums(argnums, len(args))
        fn = transform(_pure(func, has_aux), argnums=nums, has_aux=has_aux)
        return transform_history.call(fn, args)
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
        return transform_history.call(jax.vmap(pure, in_axes=dims, out_axes=out_dims), args)
    return wrapper


# --------------------------------------------------------------------------- modules
def functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *,
                    tie_weights=True, strict=False):
    """``torch.func.functional_call``: call ``module`` with the given parameters and buffers
    in place of its own (for transforms over a model's parameters); one dictionary or a
    list/tuple of them, tied weights kept tied (``tie_weights``), names checked (``strict``).

    >>> import compat as torch
    >>> layer = torch.nn.Linear(2, 1, bias=False)
    >>> torch.func.functional_call(layer, {"weight": torch.ones(1, 2)}, (torch.ones(1, 2),))
    tensor([[2.]])
    """
    if isinstance(parameter_and_buffer_dicts, dict):
        tensors = parameter_and_buffer_dicts
    elif isinstance(parameter_and_buffer_dicts, (list, tuple)):
        if not all(isinstance(d, dict) for d in parameter_and_buffer_dicts):
            raise ValueError("Expected all elements of parameter_and_buffer_dicts to be "
                             "dictionaries")
        counts = collections.Counter(k for d in parameter_and_buffer_dicts for k in d)
        repeated = [k for k, n in counts.items() if n > 1]
        if repeated:
            raise ValueError(f"{repeated} appeared in multiple dictionaries; behavior of "
                             f"functional call is ambiguous")
        tensors = {k: v for d in parameter_and_buffer_dicts for k, v in d.items()}
    else:
        raise ValueError(f"Expected parameter_and_buffer_dicts to be a dict, or a list/tuple "
                         f"of dicts, but got {type(parameter_and_buffer_dicts)}")
    return stateless.call_with(module, tensors, args, kwargs, tie_weights, strict)


def _same_models(models, api):
    if len(models) == 0:
        raise RuntimeError(f"{api}: Expected at least one model, got 0.")
    if not (all(m.training for m in models) or not any(m.training for m in models)):
        raise RuntimeError(f"{api}: Expected all models to have the same training/eval mode.")
    if not all(type(m) is type(models[0]) for m in models):
        raise RuntimeError(f"{api}: Expected all models to be of the same class.")


def _stacked_leaf(tensors, name):
    """The tensors stacked, as a new leaf that requires grad when they all do."""
    needs = [t.requires_grad for t in tensors]
    if any(needs) and not all(needs):
        raise RuntimeError(f"Expected {name} from each model to have the same .requires_grad")
    stacked = FUNCTIONS["stack"](list(tensors))
    return stacked.detach().requires_grad_() if all(needs) else stacked


def stack_module_state(models):
    """``torch.func.stack_module_state``: (params, buffers), each name's tensors of all the
    models stacked along a new first dimension (for ``vmap`` over an ensemble); stacked
    parameters are new leaves that require grad, so an optimizer can train them.

    >>> import compat as torch
    >>> params, _ = torch.func.stack_module_state([torch.nn.Linear(3, 2) for _ in range(4)])
    >>> params["weight"].shape, params["weight"].requires_grad
    (torch.Size([4, 2, 3]), True)
    """
    _same_models(models, "stack_module_state")
    every = [dict(m.named_parameters()) for m in models]
    params = {k: _stacked_leaf([p[k] for p in every], k) for k in every[0]}
    every = [dict(m.named_buffers()) for m in models]
    buffers = {k: _stacked_leaf([b[k] for b in every], k) for k in every[0]}
    return params, buffers
