"""What a file compat.load cannot read raises, worded as torch.load's errors.

>>> from compat.checkpoints.errors import LoadError, refused
>>> str(refused("Unsupported operand 110")).splitlines()[0][:25]
'Weights only load failed.'
>>> type(refused("x")).__name__
'UnpicklingError'
"""
from __future__ import annotations

# Only for its exception class, so torch code that catches torch.load's errors catches ours.
import pickle

from jaxgrad import checkpoint as _checkpoint

__all__ = ["LoadError", "Refusal", "refused", "corrupted", "UNSAFE_MESSAGE", "cannot_require_grad",
           "nested_too_deep"]


class LoadError(_checkpoint.CheckpointError, RuntimeError, pickle.UnpicklingError):
    """A file ``compat.load`` cannot read (a corrupted archive, content compat has no type
    for). It is a ``jaxgrad.checkpoint.CheckpointError``, and also a ``RuntimeError`` and a
    ``pickle.UnpicklingError``, what torch.load raises for such files. Content torch's
    ``weights_only`` loader refuses raises torch's own ``pickle.UnpicklingError`` instead
    (see :func:`refused`)."""


class Refusal(LoadError):
    """Raised inside the unpickler (its text is the detail); compat.load re-raises it as a
    :class:`LoadError` with torch's "Weights only load failed" wording, see :func:`refused`."""


UNSAFE_MESSAGE = (
    "In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` "
    "from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will "
    "likely succeed, but it can result in arbitrary code execution. Do it only if you got the "
    "file from a trusted source.")

_DOCS_MESSAGE = (
    "\n\nCheck the documentation of torch.load to learn more about types accepted by default "
    "with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.")

# compat has no unrestricted unpickler to fall back to: said after torch's own advice.
_COMPAT_NOTE = (
    "\n\ncompat.load never unpickles arbitrary objects (whatever weights_only is), so it reads "
    "only what torch.load(weights_only=True) reads by default; convert such a file with torch "
    "itself, from a trusted source only.")


def refused(detail: str) -> pickle.UnpicklingError:
    """The error for a pickle the weights-only reader refuses, as torch.load raises and words
    it: a ``pickle.UnpicklingError`` whose first line is "Weights only load failed.", then
    torch's advice, then ``detail``."""
    if "was not an allowed global by default." in detail:
        text = ("Weights only load failed. This file can still be loaded, to do so you have two "
                "options, \033[1mdo those steps only if you trust the source of the "
                f"checkpoint\033[0m. \n\t(1) {UNSAFE_MESSAGE}\n\t(2) Alternatively, to load with "
                "`weights_only=True` please check the recommended steps in the following error "
                "message.\n\tWeightsUnpickler error: " + detail)
    else:
        text = f"Weights only load failed. {UNSAFE_MESSAGE}\n"
        if "is blocked" not in detail:
            text += ("Please file an issue with the following so that we can make "
                     "`weights_only=True` compatible with your use case: WeightsUnpickler "
                     "error: ")
        text += "\n\n" + detail
    return pickle.UnpicklingError(text + _DOCS_MESSAGE + _COMPAT_NOTE)


def corrupted(what: str) -> LoadError:
    """A zip archive torch's reader (miniz) cannot read, worded as torch words it."""
    return LoadError(f"PytorchStreamReader failed reading zip archive: {what}. This is an "
                     "internal miniz error. If you are seeing this error, there is a high "
                     "likelihood that your checkpoint file is corrupted. This can happen if the "
                     "checkpoint was not saved properly, was transferred incorrectly, or the "
                     "file was modified after saving.")


def cannot_require_grad(dtype, what="tensor") -> str:
    """Why a file's integer or bool tensor cannot require grad, as compat.load says it."""
    return (f"a {dtype} {what} that requires grad (only floating point and complex tensors "
            "can)")


def nested_too_deep(limit) -> str:
    """Why compat.load refuses a structure nested beyond ``limit`` containers."""
    return f"containers nested more than {limit} deep"
