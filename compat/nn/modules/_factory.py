"""Parameter creation shared by the layers: ``empty`` tensors of the requested dtype,
then filled by ``reset_parameters`` with torch's initialisers in torch's order."""
from __future__ import annotations

from ...creation import empty
from ..parameter import Parameter


def new_parameter(*shape, dtype=None, device=None, requires_grad=True):
    return Parameter(empty(*shape, dtype=dtype, device=device), requires_grad=requires_grad)


def factory_kwargs(device, dtype):
    return {"device": device, "dtype": dtype}
