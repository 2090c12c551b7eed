"""Grad modes: no_grad, enable_grad, set_grad_enabled, inference_mode.

Thread-local like torch's: a new thread starts with gradients enabled. Each works as a
context manager and as a decorator (``no_grad``, ``enable_grad`` and ``inference_mode`` also
without parentheses).

This module also holds inference mode's rules for the tensors made inside it: they may not be
saved for backward, written in place or made to require grad once the mode is left.

>>> import compat as torch
>>> x = torch.ones(2, requires_grad=True)
>>> with torch.no_grad():
...     y = x * 2
>>> y.requires_grad
False
"""
from __future__ import annotations

import functools
import inspect
import threading
import warnings


class _GradState(threading.local):
    enabled = True
    inference = False


STATE = _GradState()


def is_grad_enabled() -> bool:
    """True when operations are recorded for autograd (``torch.is_grad_enabled``)."""
    return STATE.enabled


def is_inference_mode_enabled() -> bool:
    """True inside ``inference_mode()`` (``torch.is_inference_mode_enabled``)."""
    return STATE.inference


def _set_enabled(mode) -> None:
    if not isinstance(mode, bool):
        raise TypeError("set_grad_enabled(): argument 'enabled' (position 1) must be bool, not "
                        f"{type(mode).__name__}")
    STATE.enabled = mode


_CLASS_DECORATION_WARNING = (
    "Decorating classes is deprecated and will be disabled in future versions. You should only "
    "decorate functions or methods. To preserve the current behavior of class decoration, you "
    "can directly decorate the `__init__` method and nothing else.")


class _DecoratorContextManager:
    """Context manager that also decorates functions and generators, restoring the mode after."""

    def __call__(self, fn):
        if inspect.isclass(fn):
            warnings.warn(_CLASS_DECORATION_WARNING, FutureWarning, stacklevel=2)
            cls = fn
            fn = lambda *args, **kwargs: cls(*args, **kwargs)  # noqa: E731
        if inspect.isgeneratorfunction(fn):
            return self._decorate_generator(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.clone():
                return fn(*args, **kwargs)
        return wrapper

    def _decorate_generator(self, fn):
        @functools.wraps(fn)
        def generator(*args, **kwargs):
            gen = fn(*args, **kwargs)
            with self.clone():
                item = next(gen)
            while True:
                try:
                    with self.clone():
                        sent = yield item
                    with self.clone():
                        item = gen.send(sent)
                except StopIteration as stop:
                    return stop.value
        return generator

    def clone(self):
        return type(self)()


class _NoParamDecoratorContextManager(_DecoratorContextManager):
    """Grad mode set to the class's ``_enabled`` inside the block and restored after; also a
    decorator without parentheses: ``@torch.no_grad``."""

    _enabled: bool

    def __new__(cls, orig_func=None):
        if orig_func is None:
            return super().__new__(cls)
        return cls()(orig_func)

    def __enter__(self):
        self.prev = STATE.enabled
        STATE.enabled = self._enabled

    def __exit__(self, *exc):
        STATE.enabled = self.prev


class no_grad(_NoParamDecoratorContextManager):
    """Disable gradient recording inside the block (``torch.no_grad``).

    >>> import compat as torch
    >>> @torch.no_grad
    ... def double(x):
    ...     return x * 2
    >>> double(torch.ones(1, requires_grad=True)).requires_grad
    False
    """

    _enabled = False


class enable_grad(_NoParamDecoratorContextManager):
    """Enable gradient recording inside the block, even within ``no_grad``.

    >>> import compat as torch
    >>> with torch.no_grad(), torch.enable_grad():
    ...     torch.is_grad_enabled()
    True
    """

    _enabled = True


class set_grad_enabled(_DecoratorContextManager):
    """Set gradient recording on or off; takes effect at once, also when not used with ``with``.

    >>> import compat as torch
    >>> with torch.set_grad_enabled(False):
    ...     torch.is_grad_enabled()
    False
    """

    def __init__(self, mode: bool):
        self.prev = STATE.enabled
        self.mode = mode
        _set_enabled(mode)

    def __call__(self, fn):
        # As a decorator it applies only while the function runs, not from here on.
        STATE.enabled = self.prev
        return super().__call__(fn)

    def __enter__(self):
        STATE.enabled = self.mode

    def __exit__(self, *exc):
        STATE.enabled = self.prev

    def __repr__(self):
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self.mode})"

    def clone(self):
        return type(self)(self.mode)


class inference_mode(_DecoratorContextManager):
    """Like no_grad (``torch.inference_mode``); ``inference_mode(False)`` changes nothing.

    >>> import compat as torch
    >>> with torch.inference_mode():
    ...     torch.is_inference_mode_enabled()
    True
    """

    def __new__(cls, mode=True):
        if isinstance(mode, bool):
            return super().__new__(cls)
        return cls()(mode)  # used as a decorator without parentheses

    def __init__(self, mode: bool = True):
        self.mode = mode

    def __enter__(self):
        self.prev = (STATE.enabled, STATE.inference)
        if self.mode:
            STATE.enabled, STATE.inference = False, True

    def __exit__(self, *exc):
        STATE.enabled, STATE.inference = self.prev

    def clone(self):
        return type(self)(self.mode)


# --------------------------------------------------------------------------- inference tensors
INFERENCE_SAVED_MESSAGE = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in "
    "inference mode in computation tracked by autograd. To work around this, you can make a "
    "clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of "
    "`torch.inference_mode()`.")
INFERENCE_INPLACE_MESSAGE = (
    "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone "
    "to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 "
    "for more details.")
INFERENCE_REQUIRES_GRAD_MESSAGE = ("Setting requires_grad=True on inference tensor outside "
                                   "InferenceMode is not allowed.")


def is_inference_tensor(t) -> bool:
    """Whether ``t`` was made inside ``inference_mode()`` (its ``_is_inference`` flag)."""
    return getattr(t, "_is_inference", False)


def check_inference_saved(t) -> None:
    """An op recorded for autograd that saves ``t`` for its backward: torch refuses an
    inference tensor.

    >>> check_inference_saved(object())
    """
    if is_inference_tensor(t):
        raise RuntimeError(INFERENCE_SAVED_MESSAGE)


def check_inference_inplace(t) -> None:
    """An in-place write to ``t``: refused for an inference tensor outside inference mode.

    >>> check_inference_inplace(object())
    """
    if is_inference_tensor(t) and not STATE.inference:
        raise RuntimeError(INFERENCE_INPLACE_MESSAGE)


def check_inference_requires_grad(t, requires_grad) -> None:
    """``t.requires_grad = requires_grad``: refused to an inference tensor outside inference
    mode.

    >>> check_inference_requires_grad(object(), True)
    """
    if requires_grad and is_inference_tensor(t) and not STATE.inference:
        raise RuntimeError(INFERENCE_REQUIRES_GRAD_MESSAGE)
