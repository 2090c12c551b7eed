"""Matrix products with torch's shape rules and error messages.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.matmul(jnp.ones((2, 3), jnp.float32), jnp.ones(3, jnp.float32))
Array([3., 3.], dtype=float32)
"""
from __future__ import annotations

import math
import string

import jax.numpy as jnp
import numpy as np
import opt_einsum

from .. import dtypes
from ._checks import broadcast_shapes, not_implemented, scalar_type_mismatch
from .reductions import torch_type_name
from .shape import expand


def m1_m2_dtypes(a_dtype, b_dtype) -> RuntimeError:
    """torch's mm/addmm error for operands of two dtypes (C++ type names)."""
    return RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                        f"{dtypes.c_type_name(a_dtype)} != {dtypes.c_type_name(b_dtype)}")


def mat2_dtype_mismatch(first, a_dtype, b_dtype) -> RuntimeError:
    """torch's addmm/linear error for a product of two dtypes (``first`` names the left
    operand, ``mat1`` or ``self``)."""
    return RuntimeError(f"{first} and mat2 must have the same dtype, but got "
                        f"{torch_type_name(a_dtype)} and {torch_type_name(b_dtype)}")


def _same_dtype(name, a, b):
    if a.dtype != b.dtype:
        raise m1_m2_dtypes(a.dtype, b.dtype)


def _same_dtype_addmv(mat, vec):
    # torch's mv is addmv into a result of the vector's dtype
    if mat.dtype != vec.dtype:
        v, m = torch_type_name(vec.dtype), torch_type_name(mat.dtype)
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got {v}, {m}, and {v}")


def _same_dtype_bmm(a, b):
    if a.dtype != b.dtype:
        raise scalar_type_mismatch(a.dtype, b.dtype)


def _not_for_bool(kernel, x):
    """torch's CPU product kernels have no bool version."""
    if x.dtype == dtypes.bool_:
        raise not_implemented(kernel, dtypes.bool_)


def _matmul_dtypes(a, b):
    """torch.matmul's dtype error for a vector or matrix times a batch, worded by the kernel it
    reaches when an input requires grad (torch then folds the batch into mm or mv)."""
    if a.dtype == b.dtype:
        return
    if a.ndim == 1:     # vector @ batch: mv of the transposed batch
        _same_dtype_addmv(b, a)
    else:               # matrix @ batch: mm of the transposes
        _same_dtype("mm", b, a)


def shapes_cannot_multiply(a_shape, b_shape):
    """torch's error for matrices whose inner sizes differ."""
    return RuntimeError(f"mat1 and mat2 shapes cannot be multiplied "
                        f"({a_shape[0]}x{a_shape[1]} and {b_shape[0]}x{b_shape[1]})")


def mm(input, mat2):
    """torch.mm: 2-D × 2-D only.

    >>> import jax.numpy as jnp
    >>> mm(jnp.ones((2, 3), jnp.float32), jnp.ones((3, 1), jnp.float32))
    Array([[3.],
           [3.]], dtype=float32)
    """
    a, b = jnp.asarray(input), jnp.asarray(mat2)
    if a.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a.shape[1] != b.shape[0]:
        raise shapes_cannot_multiply(a.shape, b.shape)
    _same_dtype("mm", a, b)
    _not_for_bool("addmm_impl_cpu_", a)
    return a @ b


def batch2_size_mismatch(expected, got) -> RuntimeError:
    """torch's bmm error for a second operand whose (batch, rows) are not the first's
    (batch, columns).

    >>> print(batch2_size_mismatch((6, 8), (6, 4)))
    Expected size for first two dimensions of batch2 tensor to be: [6, 8] but got: [6, 4].
    """
    return RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                        f"[{expected[0]}, {expected[1]}] but got: [{got[0]}, {got[1]}].")


def bmm(input, mat2):
    """torch.bmm: batches of matrices, (b, n, m) × (b, m, p).

    >>> import jax.numpy as jnp
    >>> bmm(jnp.ones((2, 1, 3), jnp.float32), jnp.ones((2, 3, 1), jnp.float32)).shape
    (2, 1, 1)
    """
    a, b = jnp.asarray(input), jnp.asarray(mat2)
    if a.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if b.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    if a.shape[0] != b.shape[0] or a.shape[2] != b.shape[1]:
        raise batch2_size_mismatch((a.shape[0], a.shape[2]), (b.shape[0], b.shape[1]))
    if not a.size or not b.size:
        # torch returns zeros of batch2's dtype here, before its dtype checks
        return jnp.zeros((a.shape[0], a.shape[1], b.shape[2]), b.dtype)
    _not_for_bool("bmm", a)
    _same_dtype_bmm(a, b)
    return a @ b


def dot(input, other):
    """torch.dot: 1-D · 1-D of the same length and dtype.

    >>> import jax.numpy as jnp
    >>> dot(jnp.ones(3, jnp.float32), jnp.ones(3, jnp.float32))
    Array(3., dtype=float32)
    """
    a, b = jnp.asarray(input), jnp.asarray(other)
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if a.dtype != b.dtype:
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found "
                           f"{torch_type_name(a.dtype)} and {torch_type_name(b.dtype)}")
    if a.shape[0] != b.shape[0]:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src "
                           f"[{b.shape[0]}] to have the same number of elements, but got "
                           f"{a.shape[0]} and {b.shape[0]} elements respectively")
    _not_for_bool("dot", a)
    return jnp.dot(a, b)


def mv(input, vec):
    """torch.mv: matrix × vector.

    >>> import jax.numpy as jnp
    >>> mv(jnp.ones((2, 3), jnp.float32), jnp.ones(3, jnp.float32))
    Array([3., 3.], dtype=float32)
    """
    a, b = jnp.asarray(input), jnp.asarray(vec)
    if a.ndim != 2 or b.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.ndim}, {b.ndim}")
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(f"size mismatch, got input ({a.shape[0]}), mat ({a.shape[0]}x{a.shape[1]}),"
                           f" vec ({b.shape[0]})")
    _same_dtype_addmv(a, b)
    _not_for_bool("addmv_impl_cpu", a)
    return a @ b


def matmul(input, other):
    """torch.matmul (``@``): dot, matrix-vector, matrix and batched products with broadcasting.

    >>> import jax.numpy as jnp
    >>> matmul(jnp.ones((4, 2, 3), jnp.float32), jnp.ones(3, jnp.float32)).shape
    (4, 2)
    """
    a, b = jnp.asarray(input), jnp.asarray(other)
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{a.ndim}D and {b.ndim}D")
    if a.ndim == 1 and b.ndim == 1:
        return dot(a, b)
    if a.ndim <= 2 and b.ndim == 1:
        return mv(a, b)
    if a.ndim == 1 and b.ndim == 2:
        return mm(a[None], b)[0]
    if a.ndim == 2 and b.ndim == 2:
        return mm(a, b)
    if b.ndim <= 2:
        # torch folds the batch of the first operand into its rows: one mm or mv
        rows = a.reshape(math.prod(a.shape[:-1]), a.shape[-1])
        out = mv(rows, b) if b.ndim == 1 else mm(rows, b)
        return out.reshape(a.shape[:-1] + b.shape[1:])
    return _batched_matmul(a, b)


def _batched_matmul(a, b):
    """A vector, matrix or batch times a batch (``b.ndim >= 3``): a broadcast bmm, whose shapes
    torch checks before its dtypes."""
    a_mat = a.reshape(1, -1) if a.ndim == 1 else a
    batch = broadcast_shapes(a_mat.shape[:-2], b.shape[:-2])
    if a_mat.shape[-1] != b.shape[-2]:
        raise batch2_size_mismatch((math.prod(batch), a_mat.shape[-1]),
                                   (math.prod(batch), b.shape[-2]))
    if a.ndim < 3:
        _matmul_dtypes(a, b)
    elif not a.size or not b.size:
        rows = a.shape[-2:-1]
        return jnp.zeros(batch + rows + b.shape[-1:], b.dtype)  # as bmm: no dtype checks
    _not_for_bool("bmm", a)
    _same_dtype_bmm(a, b)
    return jnp.matmul(a, b)


def outer(input, vec2):
    """torch.outer (ger): ``input[i] * vec2[j]`` of two vectors, dtypes promoted.

    >>> import jax.numpy as jnp
    >>> outer(jnp.array([1, 2]), jnp.array([1, 0, 2])).tolist()
    [[1, 0, 2], [2, 0, 4]]
    """
    a, b = jnp.asarray(input), jnp.asarray(vec2)
    for name, x in (("self", a), ("vec2", b)):
        if x.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {x.ndim}-D")
    dtype = dtypes.result_type(a, b)
    return jnp.outer(a.astype(dtype), b.astype(dtype))


def addmm(input, mat1, mat2, beta=1, alpha=1):
    """torch.addmm: ``beta * input + alpha * (mat1 @ mat2)``, ``input`` broadcast to the product.

    ``beta`` and ``alpha`` are Python numbers (cast to the dtype, as torch does); with
    ``beta=0`` the input is ignored, NaN included.

    >>> import jax.numpy as jnp
    >>> addmm(jnp.ones(2, jnp.float32), jnp.ones((2, 3), jnp.float32), jnp.ones((3, 2), jnp.float32))
    Array([[4., 4.],
           [4., 4.]], dtype=float32)
    """
    x, a, b = jnp.asarray(input), jnp.asarray(mat1), jnp.asarray(mat2)
    for first, m in (("self", x), ("mat1", a)):
        if m.dtype != b.dtype:
            raise mat2_dtype_mismatch(first, m.dtype, b.dtype)
    for name, m in (("mat1", a), ("mat2", b)):
        if m.ndim != 2:
            raise RuntimeError(f"{name} must be a matrix, got {m.ndim}-D tensor")
    if a.shape[1] != b.shape[0]:
        raise shapes_cannot_multiply(a.shape, b.shape)
    x = expand(x, (a.shape[0], b.shape[1]))  # torch's expand errors for an input that does not fit
    _not_for_bool("addmm_impl_cpu_", a)
    product = (a @ b) * dtypes.cast(alpha, a.dtype)
    if isinstance(beta, (int, float)) and beta == 0:
        return product
    return product + x * dtypes.cast(beta, x.dtype)


# --------------------------------------------------------------------------- einsum
_LABELS = string.ascii_uppercase + string.ascii_lowercase  # torch's subscript order
_ELLIPSIS = "..."


def einsum(equation, *operands):
    """torch.einsum (equation first, then the operands), with torch's parsing, size rules
    (a label of size 1 broadcasts), result dtype and errors.

    >>> import jax.numpy as jnp
    >>> einsum("ij,jk->ik", jnp.ones((2, 3), jnp.float32), jnp.ones((3, 4), jnp.float32)).shape
    (2, 4)
    >>> einsum("ij->i", jnp.ones((2, 3), bool))     # torch sums bools into int64
    Array([3, 3], dtype=int64)
    """
    if not operands:
        raise ValueError("einsum(): must specify the equation string and at least one operand, "
                         "or at least one operand and its subscripts list")
    arrays = [jnp.asarray(op) for op in operands]
    shapes = [tuple(a.shape) for a in arrays]
    path = None
    if len(arrays) >= 3:
        # torch plans three or more operands with opt_einsum first (its errors come first too)
        path = [tuple(sorted(pair)) for pair in
                opt_einsum.contract_path(equation, *shapes, shapes=True, optimize="auto")[0]]
    plan = _EinsumPlan(equation, shapes)
    dtype = plan.result_dtype([a.dtype for a in arrays], path)
    arguments = []
    for array, labels in zip(arrays, plan.operand_subscripts()):
        arguments += [array.astype(dtype), labels]
    return jnp.einsum(*arguments, plan.output_subscripts())


class _EinsumPlan:
    """torch's einsum bookkeeping, on shapes only: the labels of every operand, where each
    label goes (output dims first, then the dims summed out), and their sizes."""

    def __init__(self, equation, shapes):
        self.shapes = shapes
        arrow = equation.find("->")
        self.lhs = equation if arrow < 0 else equation[:arrow]
        self.labels = self._parse_operands(self.lhs, len(shapes))
        self.count = {}
        self.ellipsis_dims = self._check_ranks()
        self.position = {}
        if arrow < 0:
            self._implicit_output()
        else:
            self._parse_output(equation[arrow + 2:])
        self.out_size = self.next_position
        if not self.ellipsis_in_output:
            self.ellipsis_at = self.next_position
            self.next_position += self.ellipsis_dims
        for label in _LABELS:
            if self.count.get(label) and label not in self.position:
                self.position[label] = self.next_position
                self.next_position += 1
        self.aligned = [self._align(i) for i in range(len(shapes))]

    @staticmethod
    def _parse_operands(lhs, num_ops):
        labels, current, found_ellipsis, i = [[] for _ in range(num_ops)], 0, False, 0
        text = lhs.encode("utf-8")  # torch counts positions in bytes
        while i < len(text):
            char = chr(text[i])
            if char == ".":
                if found_ellipsis:
                    raise RuntimeError(f"einsum(): found '.' for operand {current} for which an "
                                       "ellipsis was already found")
                if not (i + 2 < len(text) and text[i + 1:i + 3] == b".."):
                    raise RuntimeError(f"einsum(): found '.' for operand {current} that is not "
                                       "part of any ellipsis")
                labels[current].append(_ELLIPSIS)
                found_ellipsis, i = True, i + 2
            elif char == ",":
                current += 1
                if current >= num_ops:
                    raise RuntimeError("einsum(): fewer operands were provided than specified in "
                                       "the equation")
                found_ellipsis = False
            elif char != " ":
                if char not in _LABELS:
                    raise RuntimeError(f"einsum(): invalid subscript given at index {i} in the "
                                       "equation string, subscripts must be in [a-zA-Z]")
                labels[current].append(char)
            i += 1
        if current != num_ops - 1:
            raise RuntimeError("einsum(): more operands were provided than specified in the equation")
        return labels

    def _check_ranks(self) -> int:
        """Count the labels, check each operand's rank; the number of dims ``...`` covers."""
        ellipsis_dims = 0
        for i, (labels, shape) in enumerate(zip(self.labels, self.shapes)):
            named = [label for label in labels if label != _ELLIPSIS]
            for label in named:
                self.count[label] = self.count.get(label, 0) + 1
            has_ellipsis = len(named) != len(labels)
            if has_ellipsis:
                ellipsis_dims = max(ellipsis_dims, len(shape) - len(named))
                if len(named) > len(shape):
                    raise RuntimeError(f"einsum(): the number of subscripts in the equation "
                                       f"({len(named)}) is more than the number of dimensions "
                                       f"({len(shape)}) for operand {i}")
            elif len(named) != len(shape):
                raise RuntimeError(f"einsum(): the number of subscripts in the equation ({len(named)}) "
                                   f"does not match the number of dimensions ({len(shape)}) for "
                                   f"operand {i} and no ellipsis was given")
        return ellipsis_dims

    def _implicit_output(self):
        # ``...`` first, then every label used once, in torch's label order
        self.ellipsis_in_output, self.ellipsis_at = True, 0
        self.next_position = self.ellipsis_dims
        for label in _LABELS:
            if self.count.get(label) == 1:
                self.position[label] = self.next_position
                self.next_position += 1

    def _parse_output(self, rhs):
        self.ellipsis_in_output, self.ellipsis_at, self.next_position = False, 0, 0
        text, i = rhs.encode("utf-8"), 0
        offset = len(self.lhs.encode("utf-8")) + 2
        while i < len(text):
            char = chr(text[i])
            if char == ".":
                if self.ellipsis_in_output:
                    raise RuntimeError("einsum(): found '.' for output but an ellipsis (...) was "
                                       "already found")
                if not (i + 2 < len(text) and text[i + 1:i + 3] == b".."):
                    raise RuntimeError("einsum(): found '.' for output that is not part of any "
                                       "ellipsis (...)")
                i += 2
                self.ellipsis_in_output, self.ellipsis_at = True, self.next_position
                self.next_position += self.ellipsis_dims
            elif char != " ":
                if char not in _LABELS:
                    raise RuntimeError(f"einsum(): invalid subscript given at index {offset + i} in "
                                       "the equation string, subscripts must be in [a-zA-Z]")
                if not self.count.get(char) or char in self.position:
                    reason = ("appears more than once in the output" if char in self.position
                              else "does not appear in the equation for any input operand")
                    raise RuntimeError(f"einsum(): output subscript {char} {reason}")
                self.position[char] = self.next_position
                self.next_position += 1
            i += 1

    def _align(self, i):
        """Operand ``i``'s size at each position (1 where it has no dim), checking sizes as
        torch does: a label of size 1 broadcasts, a repeated label must match itself."""
        if not hasattr(self, "sizes"):
            self.sizes, self.ellipsis_sizes = {}, [1] * self.ellipsis_dims
        shape, labels = list(self.shapes[i]), self.labels[i]
        aligned, dim = [None] * self.next_position, 0
        for label in labels:
            if label == _ELLIPSIS:
                covered = len(self.shapes[i]) - (len(labels) - 1)
                for j in range(self.ellipsis_dims - covered, self.ellipsis_dims):
                    size = shape[dim]
                    if size != 1:
                        if self.ellipsis_sizes[j] not in (1, size):
                            raise RuntimeError(
                                f"einsum(): dimension {dim} covered by ellipsis in operand {i}has "
                                f"size {size} which does not broadcast with previously seen "
                                f"ellipsis with size {self.ellipsis_sizes[j]} for the respective "
                                "dimension")
                        self.ellipsis_sizes[j] = size
                    aligned[self.ellipsis_at + j] = size
                    dim += 1
            elif aligned[self.position[label]] is None:
                size = shape[dim]
                if size != 1:
                    if self.sizes.get(label, 1) not in (1, size):
                        raise RuntimeError(f"einsum(): subscript {label} has size {size} for "
                                           f"operand {i} which does not broadcast with previously "
                                           f"seen size {self.sizes[label]}")
                    self.sizes[label] = size
                aligned[self.position[label]] = size
                dim += 1
            else:  # a repeated label: torch takes the diagonal
                previous = aligned[self.position[label]]
                if shape[dim] != previous:
                    raise RuntimeError(f"einsum(): subscript {label} is repeated for operand {i} "
                                       f"but the sizes don't match, {shape[dim]} != {previous}")
                del shape[dim]
        return [1 if s is None else s for s in aligned]

    def operand_subscripts(self):
        """Each operand's dims as integer subscripts (its positions)."""
        out = []
        for labels, shape in zip(self.labels, self.shapes):
            subscripts = []
            for label in labels:
                if label == _ELLIPSIS:
                    covered = len(shape) - (len(labels) - 1)
                    subscripts += [self.ellipsis_at + j
                                   for j in range(self.ellipsis_dims - covered, self.ellipsis_dims)]
                else:
                    subscripts.append(self.position[label])
            out.append(subscripts)
        return out

    def output_subscripts(self):
        return list(range(self.out_size))

    def result_dtype(self, operand_dtypes, path=None):
        """The dtype torch's einsum gives, following its steps (sums promote integers to int64;
        a product with nothing to sum promotes; a contraction is a bmm, which wants equal
        dtypes and no bools), with torch's errors."""
        summed = range(self.out_size, self.next_position)
        if len(operand_dtypes) == 1:
            return _sum_dtype(operand_dtypes[0]) if len(summed) else operand_dtypes[0]
        counts = [sum(1 for a in self.aligned if a[p] != 1) for p in range(self.next_position)]
        ops = [(list(a), np.dtype(d)) for a, d in zip(self.aligned, operand_dtypes)]
        for k in range(len(ops)):
            sizes, dtype = ops[k]
            for p in summed:
                if sizes[p] != 1 and counts[p] == 1:
                    sizes[p], counts[p], dtype = 1, 0, _sum_dtype(dtype)
            ops[k] = (sizes, dtype)
        for i, j in (path or [(0, 1)] * (len(ops) - 1)):
            (a, a_dtype), (b, b_dtype) = ops[i], ops[j]
            del ops[j], ops[i]
            contracted = []
            for p in summed:
                if a[p] != 1 and b[p] != 1:
                    counts[p] -= 1
                    if counts[p] == 1:
                        contracted.append(p)
                        counts[p] = 0
                elif counts[p] == 1:
                    for sizes, which in ((a, "a"), (b, "b")):
                        if sizes[p] != 1:
                            sizes[p], counts[p] = 1, 0
                            if which == "a":
                                a_dtype = _sum_dtype(a_dtype)
                            else:
                                b_dtype = _sum_dtype(b_dtype)
                            break
            sizes = [x if y == 1 else y for x, y in zip(a, b)]
            for p in contracted:
                sizes[p] = 1
            if not contracted:
                dtype = dtypes.promote_types(a_dtype, b_dtype)
            else:
                dtype = self._bmm_dtype(a, a_dtype, b, b_dtype, contracted)
            ops.append((sizes, dtype)) if path else ops.insert(0, (sizes, dtype))
        return ops[0][1]

    def _bmm_dtype(self, a, a_dtype, b, b_dtype, contracted):
        """torch's sumproduct_pair: a bmm, left and right swapped when every output dim not in
        the left operand (or in neither) comes before the left operand's own ones."""
        kept = [p for p in range(self.next_position) if p not in contracted and not
                (a[p] != 1 and b[p] != 1)]
        only_left = [p for p in kept if a[p] != 1]
        rest = [p for p in kept if a[p] == 1]
        if only_left and rest and rest[-1] < only_left[0]:
            a, a_dtype, b, b_dtype = b, b_dtype, a, a_dtype
        if not math.prod(a) or not math.prod(b):
            return b_dtype  # an empty bmm: zeros of the right operand's dtype, no checks
        if a_dtype == dtypes.bool_:
            raise not_implemented("bmm", dtypes.bool_)
        if a_dtype != b_dtype:
            raise scalar_type_mismatch(a_dtype, b_dtype)
        return a_dtype


def _sum_dtype(dtype):
    """torch's sum accumulates bools and integers into int64."""
    return dtypes.int64 if dtypes.category(dtype) < 2 else np.dtype(dtype)


def _scaled_sum(product, input, shape, beta, alpha):
    """``beta * input + alpha * product`` with ``input`` expanded to the product's shape;
    ``beta=0`` ignores the input, NaN included (torch's addmm family)."""
    product = product * dtypes.cast(alpha, product.dtype)
    x = expand(jnp.asarray(input), shape)
    if isinstance(beta, (int, float)) and beta == 0:
        return product
    return product + x * dtypes.cast(beta, x.dtype)


def addmv(input, mat, vec, beta=1, alpha=1):
    """torch.addmv: ``beta * input + alpha * (mat @ vec)``.

    >>> import jax.numpy as jnp
    >>> addmv(jnp.ones(2, jnp.float32), jnp.ones((2, 3), jnp.float32), jnp.ones(3, jnp.float32))
    Array([4., 4.], dtype=float32)
    """
    product = mv(mat, vec)
    return _scaled_sum(product, input, product.shape, beta, alpha)


def addr(input, vec1, vec2, beta=1, alpha=1):
    """torch.addr: ``beta * input + alpha * outer(vec1, vec2)``.

    >>> import jax.numpy as jnp
    >>> addr(jnp.zeros((2, 2), jnp.float32), jnp.ones(2, jnp.float32), jnp.ones(2, jnp.float32))
    Array([[1., 1.],
           [1., 1.]], dtype=float32)
    """
    a, b = jnp.asarray(vec1), jnp.asarray(vec2)
    for name, v in (("vec1", a), ("vec2", b)):
        if v.ndim != 1:
            raise RuntimeError(f"addr: Expected 1-D argument {name}, but got {v.ndim}-D")
    product = outer(a, b)
    return _scaled_sum(product, input, product.shape, beta, alpha)


def baddbmm(input, batch1, batch2, beta=1, alpha=1):
    """torch.baddbmm: ``beta * input + alpha * bmm(batch1, batch2)``.

    >>> import jax.numpy as jnp
    >>> baddbmm(jnp.zeros(1, jnp.float32), jnp.ones((2, 1, 3), jnp.float32),
    ...         jnp.ones((2, 3, 1), jnp.float32)).shape
    (2, 1, 1)
    """
    product = bmm(batch1, batch2)
    return _scaled_sum(product, input, product.shape, beta, alpha)


def addbmm(input, batch1, batch2, beta=1, alpha=1):
    """torch.addbmm: ``beta * input + alpha * Σ_b batch1[b] @ batch2[b]``.

    >>> import jax.numpy as jnp
    >>> addbmm(jnp.zeros((1, 1), jnp.float32), jnp.ones((2, 1, 3), jnp.float32),
    ...        jnp.ones((2, 3, 1), jnp.float32))
    Array([[6.]], dtype=float32)
    """
    product = jnp.sum(bmm(batch1, batch2), 0)
    return _scaled_sum(product, input, product.shape, beta, alpha)
