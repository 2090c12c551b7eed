"""``python -m compat FILE [args…]``: run a torch script or notebook on compat.

See :mod:`compat.runner`.
"""
import sys

from .runner import main

if __name__ == "__main__":
    sys.exit(main())
