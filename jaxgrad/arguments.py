"""Checks of plain arguments — sizes, 64-bit integers, random-draw parameters — with torch's
words, shared by the op table, the random generator and compat's factories (pure Python, so
the generator stays free of JAX).

>>> check_sizes((2, 3))
(2, 3)
>>> check_sizes((2, -1))
Traceback (most recent call last):
...
RuntimeError: Trying to create tensor with negative dimension -1: [2, -1]
"""
from __future__ import annotations

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


def check_sizes(shape) -> tuple:
    """``shape`` (ints) when no size is negative; torch's error otherwise."""
    shape = tuple(shape)
    for s in shape:
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(shape)}")
    return shape


def int64_overflow() -> ValueError:
    """torch's error for a Python int outside int64 (``THPUtils_unpackLong``).

    >>> int64_overflow()
    ValueError('Overflow when unpacking long long')
    """
    return ValueError("Overflow when unpacking long long")


def format_number(x) -> str:
    """A number as torch's C++ ``operator<<`` prints it (``%g``; ints as they are).

    >>> format_number(0.5), format_number(3)
    ('0.5', '3')
    """
    if isinstance(x, int) or type(x).__name__.startswith(("int", "uint")):
        return str(int(x))
    return "%g" % x


def check_normal_std(std) -> None:
    """torch's CHECK_NORMAL_STD for a scalar std (NaN fails too)."""
    if not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {format_number(std)}")


def check_random_bounds(low, high) -> None:
    """torch's check that ``random_(from, to)`` has ``from < to``."""
    if not low < high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= "
                           f"to={high}")


def check_multinomial_input(ndim: int, floating: bool, type_name: str) -> None:
    """torch's checks of multinomial's probabilities: 1 or 2 dims, a floating dtype."""
    if not 0 < ndim <= 2:
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if not floating:
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{type_name}")


def conversion_overflow(type_name: str) -> RuntimeError:
    """torch's error for a number that a dtype cannot hold (``type_name`` as torch prints it).

    >>> conversion_overflow("uint8")
    RuntimeError('value cannot be converted to type uint8 without overflow')
    """
    return RuntimeError(f"value cannot be converted to type {type_name} without overflow")
