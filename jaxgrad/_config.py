"""Process-wide JAX settings jaxgrad relies on.

torch code asks for float64 and int64 freely, so JAX's 64-bit mode must be on; default
dtypes stay torch's (float32 for Python floats) because every creation path in jaxgrad
and compat names its dtype explicitly.
"""
import jax

jax.config.update("jax_enable_x64", True)
