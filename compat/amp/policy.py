"""torch's CPU autocast policy, keyed by op-table name: which ops run in the autocast dtype,
which in float32, which in their inputs' widest type; every other op runs as it is called.

``cast(spec, values)`` is what the dispatch point calls for each op while CPU autocast is on:
it returns the values with their floating Tensors recast, each cast a recorded op
(``ToCopyBackward0``) so that gradients reach the inputs in their own dtype. float64 tensors
are never cast, as torch's.

>>> import compat as torch
>>> with torch.autocast("cpu"):
...     y = torch.mm(torch.ones(2, 2, requires_grad=True), torch.ones(2, 2))
>>> y.dtype, y.grad_fn.next_functions[0][0].name()
(torch.bfloat16, 'ToCopyBackward0')
"""
from __future__ import annotations

from .. import dtypes as _dt
from ..autocast_state import STATE
from ..ops.storage import to_dtype
from ..tensors import Tensor

# aten/src/ATen/autocast_mode.cpp, TORCH_LIBRARY_IMPL(aten, AutocastCPU, m)
LOWER_PRECISION = frozenset("""
conv1d conv2d conv3d bmm mm linalg_vecdot baddbmm addmm _addmm_activation addbmm linear
_convolution matmul conv_tbc mkldnn_rnn_layer conv_transpose1d conv_transpose2d
conv_transpose3d prelu scaled_dot_product_attention _native_multi_head_attention
""".split())
FP32 = frozenset("""
avg_pool3d binary_cross_entropy grid_sampler polar prod quantile nanquantile stft cdist
grid_sampler_2d grid_sampler_3d trace view_as_complex cholesky cholesky_inverse cholesky_solve
inverse lu_solve orgqr ormqr pinverse max_pool3d max_unpool2d max_unpool3d adaptive_avg_pool3d
reflection_pad1d reflection_pad2d replication_pad1d replication_pad2d replication_pad3d
mse_loss cosine_embedding_loss nll_loss nll_loss2d hinge_embedding_loss poisson_nll_loss
smooth_l1_loss cross_entropy_loss cross_entropy l1_loss huber_loss margin_ranking_loss
soft_margin_loss triplet_margin_loss multi_margin_loss ctc_loss kl_div multilabel_margin_loss
binary_cross_entropy_with_logits fft_fft fft_ifft fft_fft2 fft_ifft2 fft_fftn fft_ifftn
fft_rfft fft_irfft fft_rfft2 fft_irfft2 fft_rfftn fft_irfftn fft_hfft fft_ihfft linalg_cond
linalg_matrix_rank linalg_solve linalg_cholesky linalg_svdvals linalg_eigvals linalg_eigvalsh
linalg_inv linalg_householder_product linalg_tensorinv linalg_tensorsolve geqrf qr svd
triangular_solve fractional_max_pool2d fractional_max_pool3d adaptive_max_pool3d linalg_qr
linalg_cholesky_ex linalg_svd linalg_eig linalg_eigh linalg_lstsq linalg_inv_ex
""".split())
PROMOTE = frozenset(("stack", "cat", "index_copy"))


def _eligible(v):
    return isinstance(v, Tensor) and v.dtype.is_floating_point and v.dtype != _dt.float64


def _flat(values):
    for v in values:
        if isinstance(v, (list, tuple)):
            yield from v
        else:
            yield v


def _cached_cast(v, target):
    """torch caches the lower-precision cast of a float32 leaf that requires grad for the
    outermost autocast region, so every use of a weight shares one ``ToCopyBackward0``."""
    if not (STATE.cache_enabled and target == STATE.dtypes["cpu"] and v.dtype == _dt.float32
            and v.requires_grad and v.is_leaf and v._base is None):
        return to_dtype(v, target.np)
    entry = STATE.cache.get(id(v))
    if entry is None or entry[0] is not v:
        entry = STATE.cache[id(v)] = (v, to_dtype(v, target.np))
    return entry[1]


def _cast_to(target, values):
    def one(v):
        if _eligible(v) and v.dtype != target:
            return _cached_cast(v, target)
        if isinstance(v, (list, tuple)) and any(_eligible(t) for t in v):
            return type(v)(one(t) for t in v)
        return v
    return tuple(one(v) for v in values)


def _padded_in_fp32(values) -> bool:
    """``pad``'s reflect/replicate modes run torch's reflection_pad1d/2d and
    replication_pad1d/2d/3d kernels, which are on the float32 list."""
    pad, mode = values[1], values[2]
    n = len(pad) // 2
    return (mode == "reflect" and n in (1, 2)) or (mode == "replicate" and n in (1, 2, 3))


def _promoted(values):
    """torch's ``prioritize`` fold from the autocast dtype over the eligible inputs, in order:
    float32 wins; the autocast dtype with itself stays; any other mix is refused."""
    low = current = STATE.dtypes["cpu"]
    for v in _flat(values):
        if not _eligible(v):
            continue
        if current == _dt.float32 or v.dtype == _dt.float32:
            current = _dt.float32
        elif not (current == low and v.dtype == low):
            raise RuntimeError("Unexpected floating ScalarType in at::autocast::prioritize")
    return current


def cast(spec, values):
    """``values`` recast for ``spec`` under CPU autocast (unchanged for ops off the lists)."""
    name = spec.name
    if name in LOWER_PRECISION:
        return _cast_to(STATE.dtypes["cpu"], values)
    if name in FP32 or (name == "pad" and _padded_in_fp32(values)):
        return _cast_to(_dt.float32, values)
    if name in PROMOTE:
        return _cast_to(_promoted(values), values)
    return values
