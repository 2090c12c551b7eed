"""The op table: every differentiable operation once, as a pure JAX function with torch's
semantics (names, defaults, dtype promotion, error text, and gradients where torch's differ
from JAX's). compat dispatches every Tensor op through these functions.

>>> import jax, jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> jax.grad(lambda x: F.sum(F.clamp(x, 0., 1.)))(jnp.array([0., 0.5, 2.], jnp.float32))
Array([1., 1., 0.], dtype=float32)
"""
from .activations import (celu, elu, gelu, glu, hardshrink, hardsigmoid, hardswish, hardtanh,
                          implicit_softmax_dim, leaky_relu, log_softmax, logsigmoid, mish, prelu,
                          relu, rrelu_with_noise, selu, sigmoid, silu, softmax, softplus, softshrink, tanh,
                          threshold)
from .elementwise import (abs, acos, add, asin, atan, atan2, bitwise_and, bitwise_not, bitwise_or,
                          bitwise_xor, ceil, clamp, clone, cos, cosh, div, eq, erf, exp, exp2,
                          expm1, floor, floor_divide, fmod, frac, ge, gt, hypot, isclose, isfinite,
                          isinf, isnan, le, lerp, log, log1p, log2, log10, logical_and,
                          logical_not, logical_or, logical_xor, lt, masked_fill, maximum, minimum,
                          mul, ne, neg, pow, reciprocal, remainder, round, rsqrt, rsub, sign, sin,
                          sinh, sqrt, square, sub, tan, to_dtype, trunc, where, fill, copy)
from .indexing import index, index_put
from .pointwise import addcdiv, addcmul, bitwise_left_shift, bitwise_right_shift
from .special import digamma, lgamma
from .linalg import addmm, bmm, dot, einsum, matmul, mm, mv, outer
from .reductions import (all, amax, amin, any, argmax, argmin, count_nonzero, cumprod, cumsum,
                         logsumexp, max, max_dim, mean, min, min_dim, norm, prod, std, std_mean, sum,
                         var, var_mean)
from .shape import (broadcast_to, cat, chunk, diagonal, expand, flatten, flip, movedim, narrow,
                    permute, repeat, reshape, roll, select, split, squeeze, stack, t, transpose,
                    tril, triu, unbind, unflatten, unsqueeze)
from .distances import cosine_similarity, pairwise_distance, pdist
from .losses import (binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy,
                     huber_loss, kl_div, l1_loss, mse_loss, nll_loss, smooth_l1_loss,
                     soft_margin_loss)
from .layers import (avg_pool2d, batch_norm, bilinear, conv2d, dropout, embedding,
                     embedding_renorm, layer_norm, linear, max_pool2d, one_hot, pad)
from .selection import (argsort, cummax, cummin, gather, index_add, index_copy, index_fill,
                        index_select, kthvalue, median, median_dim, nanmedian, nanmedian_dim, put,
                        scatter, scatter_add, sort, take, topk)
