"""Bad-input programs that torch rejects, and the machinery that runs them through both
libraries.

Each case is a small program ``fn(lib)`` written once against the torch API; the suite runs it
with ``lib = torch`` and with ``lib = compat``. torch must raise (otherwise the case is wrong);
compat must raise the same exception type, in torch's words, with nothing of JAX or numpy in
sight. Register a case with :func:`case`::

    case("creation/zeros-negative-size", lambda torch: torch.zeros(-1))

:func:`known_differences` marks the cases compat still gets wrong, each with what differs and
whose code it is in; they stay in the totals.
"""
from __future__ import annotations

import traceback
import warnings
from typing import Callable, NamedTuple, Optional

__all__ = ["Case", "Outcome", "CASES", "case", "cases", "known_differences", "outcome",
           "first_line", "same_type", "foreign_words", "jax_frames"]

# Words that betray the machinery under compat; they must not reach a torch user (unless
# torch's own message has them, as "numpy()" in "Can't call numpy() on Tensor …").
FOREIGN_WORDS = ("jax", "traced", "concretizationtypeerror", "numpy", "jnp", "xla")


class Case(NamedTuple):
    id: str
    program: Callable
    xfail: Optional[str] = None


CASES: dict = {}


def case(case_id: str, program: Callable) -> None:
    """Register ``program`` (``fn(lib)``) under the unique ``case_id``."""
    if case_id in CASES:
        raise ValueError(f"duplicate bad-input case {case_id!r}")
    CASES[case_id] = Case(case_id, program)


def cases(prefix: str, table: dict) -> None:
    """Register each ``name: program`` of ``table`` as case ``prefix/name``."""
    for name, program in table.items():
        case(f"{prefix}/{name}", program)


def known_differences(reasons: dict) -> None:
    """Mark the cases ``reasons`` names as still differing from torch: ``{case_id: "<owner
    area>: <what differs>"}``. They stay in the totals; the suite expects them to fail."""
    for case_id, reason in reasons.items():
        CASES[case_id] = CASES[case_id]._replace(xfail=reason)


class Outcome(NamedTuple):
    theirs: Optional[BaseException]   # torch's exception (None: torch accepted the program)
    ours: Optional[BaseException]     # compat's exception (None: compat accepted it)
    our_frames: tuple                 # file names of the frames compat's exception went through


def _run(program, lib):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            program(lib)
        except Exception as err:  # noqa: BLE001
            return err, tuple(f.filename for f in traceback.extract_tb(err.__traceback__))
    return None, ()


_outcomes: dict = {}


def outcome(c: Case, torch, compat) -> Outcome:
    """Run case ``c`` in both libraries, once per test session."""
    if c.id not in _outcomes:
        theirs, _ = _run(c.program, torch)
        ours, frames = _run(c.program, compat)
        _outcomes[c.id] = Outcome(theirs, ours, frames)
    return _outcomes[c.id]


def _builtin_base(exc_type):
    for cls in exc_type.__mro__:
        if cls.__module__ == "builtins":
            return cls
    return exc_type


def same_type(ours, theirs) -> bool:
    """compat raised torch's type: its own, or (for torch's subclasses of builtin exceptions,
    such as ``torch.OutOfMemoryError``) their builtin base."""
    return type(ours) is type(theirs) or type(ours) is _builtin_base(type(theirs))


def _full_text(err) -> str:
    return "\n".join([str(err), *getattr(err, "__notes__", ())])


def first_line(err) -> str:
    text = str(err)
    return text.splitlines()[0] if text else ""


def foreign_words(ours, theirs) -> list:
    """The words of :data:`FOREIGN_WORDS` in compat's message (with its notes) that torch's
    does not have."""
    mine, torch_text = _full_text(ours).lower(), _full_text(theirs).lower()
    return [w for w in FOREIGN_WORDS if w in mine and w not in torch_text]


def jax_frames(frames) -> list:
    """The frames of compat's traceback that lie inside jax or jaxlib."""
    return [f for f in frames if "/jax/" in f or "/jaxlib/" in f or "/jax_" in f]
