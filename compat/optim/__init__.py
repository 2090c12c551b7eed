"""``torch.optim``: SGD, Adam, AdamW, RMSprop, Adagrad and ``lr_scheduler``, with the update
math of ``jaxgrad.optim`` (optax).

>>> import compat as torch
>>> model = torch.nn.Linear(2, 1)
>>> opt = torch.optim.SGD(model.parameters(), lr=0.1)
>>> opt.param_groups[0]["lr"]
0.1
"""
from . import lr_scheduler  # noqa: F401
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "SGD", "lr_scheduler"]
