import jax
import pytest


@pytest.fixture(params=["eager", "jit"])
def variant(request):
    """Runs a function as written, or compiled with jax.jit."""
    return (lambda f: f) if request.param == "eager" else jax.jit
