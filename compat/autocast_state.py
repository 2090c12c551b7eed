"""The calling thread's autocast state, read by the dispatch point on every op.

``STATE.cast`` is None unless CPU autocast is on: then it is the policy that recasts an op's
inputs (``compat.amp.policy.cast``), so an op costs one attribute check when autocast is off.

>>> STATE.cast is None, STATE.dtypes["cpu"]
(True, torch.bfloat16)
"""
from __future__ import annotations

import threading

from .dtypes import bfloat16, float16


class _AutocastState(threading.local):
    cast = None  # the CPU policy while CPU autocast is enabled, else None

    def __init__(self):
        self.enabled = {"cpu": False, "cuda": False}
        self.dtypes = {"cpu": bfloat16, "cuda": float16}
        self.cache_enabled = True
        self.nesting = 0
        self.cache = {}  # id of a float32 leaf parameter -> (it, its lower-precision cast)


STATE = _AutocastState()
