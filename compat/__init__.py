"""compat: PyTorch's API on JAX — ``import compat as torch`` and run torch code unchanged.

>>> import compat as torch
>>> x = torch.tensor(3.0, requires_grad=True)
>>> y = 2 * x ** 2 + 3
>>> y.backward()
>>> x.grad
tensor(12.)
"""
from __future__ import annotations

import math

import jaxgrad as _jaxgrad  # noqa: F401  (64-bit JAX before any array)

from . import autograd
from .autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from .autograd.grad_mode import is_inference_mode_enabled
from .autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled
from .creation import (arange, as_tensor, asarray, empty, empty_like, eye, from_numpy, full,
                       full_like, legacy_constructor, linspace, logspace, ones, ones_like,
                       scalar_tensor, tensor, zeros, zeros_like)
from .devices import device, get_default_device, set_default_device
from .dtypes import (bfloat16, bool, cdouble, cfloat, complex64, complex128, double, dtype, finfo,
                     float, float16, float32, float64, get_default_dtype, half, iinfo, int, int8,
                     int16, int32, int64, long, set_default_dtype, short, uint8)
from .dtypes import (channels_last, channels_last_3d, contiguous_format, layout, memory_format,
                     preserve_format, sparse_coo, strided)
from . import views  # noqa: F401  (Tensor's storage methods)
from .ops.table import FUNCTIONS
from .printing import get_printoptions, set_printoptions
from .random import (Generator, bernoulli, default_generator, get_rng_state, initial_seed,
                     manual_seed, multinomial, normal, rand, rand_like, randint, randint_like, randn,
                     randn_like, randperm, seed, set_rng_state)
from .size import Size
from .lazy import is_fusion_enabled, set_fusion
from .tensors import Tensor
from . import accelerator, backends, cuda  # noqa: E402
from .runtime import (are_deterministic_algorithms_enabled, get_float32_matmul_precision,
                      get_num_threads, set_float32_matmul_precision, set_num_threads,
                      use_deterministic_algorithms)
from . import viz  # noqa: E402
from .ipython import load_ipython_extension, unload_ipython_extension  # noqa: F401,E402

# torch.exp, torch.cat, …: the op table's functions (names defined above take precedence).
globals().update({name: fn for name, fn in FUNCTIONS.items() if name not in globals()})
from . import tensor_queries  # noqa: E402  (Tensor's memory and kind queries)
from .tensor_queries import TypedStorage, UntypedStorage  # noqa: E402,F401
globals().update({name: fn for name, fn in tensor_queries.FUNCTIONS.items()
                  if name not in globals()})


FloatTensor, DoubleTensor = legacy_constructor(float32), legacy_constructor(float64)
LongTensor, IntTensor = legacy_constructor(int64), legacy_constructor(int32)
BoolTensor, ByteTensor = legacy_constructor(bool), legacy_constructor(uint8)

__version__ = "2.13.0+jaxgrad"

from . import linalg, nn, optim, profiler, utils  # noqa: E402
from . import distributions  # noqa: E402  (after nn: it uses nn.functional)
from .serialization import load, save  # noqa: E402
# torch's constants (floats, as torch's are).
pi, e, inf, nan, newaxis = math.pi, math.e, math.inf, math.nan, None
from .compiler import compile  # noqa: E402,A001  (torch.compile shadows the builtin, as torch does)
from . import func  # noqa: E402
from . import testing  # noqa: E402
from .func import vmap  # noqa: E402
from . import amp, cpu  # noqa: E402
from .cpu import amp as _cpu_amp  # noqa: E402,F401  (torch.cpu.amp)
from .cuda import amp as _cuda_amp  # noqa: E402,F401  (torch.cuda.amp)
from .amp import autocast  # noqa: E402
from .amp.autocast_mode import (get_autocast_cpu_dtype, get_autocast_dtype,  # noqa: E402
                                get_autocast_gpu_dtype, is_autocast_cache_enabled,
                                is_autocast_cpu_enabled, is_autocast_enabled,
                                set_autocast_cache_enabled, set_autocast_dtype,
                                set_autocast_enabled)
