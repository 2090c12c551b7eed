"""The tests of compat.nn also use the differential oracle of ``tests/compat/oracle.py``."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
