"""The Mersenne Twister engine of PyTorch's CPU generator (``at::mt19937``), on numpy.

torch's engine is the reference mt19937 (Matsumoto & Nishimura, 2002) seeded with
``init_genrand`` on the low 32 bits of the seed; its state is ``(seed, left, next,
state[624])`` where ``left`` counts down to the next twist. numpy's ``MT19937`` bit
generator runs the same recurrence and tempering in C, so draws are delegated to it
(``random_raw``) and only the bookkeeping that torch exposes through
``get_rng_state()`` is kept here.

>>> eng = MT19937Engine(42)
>>> int(eng.random32(1)[0])
1608637542
"""
from __future__ import annotations

import numpy as np

N = 624  # at::MERSENNE_STATE_N
_MASK32 = 0xFFFFFFFF


def init_genrand(seed: int) -> np.ndarray:
    """Return the untwisted mt19937 key that ``init_genrand(seed & 0xffffffff)`` builds.

    >>> int(init_genrand(5489)[1])
    1301868182
    """
    key = np.empty(N, dtype=np.uint32)
    x = seed & _MASK32
    key[0] = x
    for j in range(1, N):
        x = (1812433253 * (x ^ (x >> 30)) + j) & _MASK32
        key[j] = x
    return key


def temper(words: np.ndarray) -> np.ndarray:
    """mt19937's output tempering of raw state words (uint32 in, uint32 out).

    >>> int(temper(np.array([1], np.uint32))[0])
    4194449
    """
    y = words.astype(np.uint32, copy=True)
    y ^= y >> np.uint32(11)
    y ^= (y << np.uint32(7)) & np.uint32(0x9D2C5680)
    y ^= (y << np.uint32(15)) & np.uint32(0xEFC60000)
    y ^= y >> np.uint32(18)
    return y


class MT19937Engine:
    """``at::mt19937`` with torch's ``(seed, left, next, state)`` bookkeeping.

    The numpy bit generator holds the key and position; torch's ``next`` equals numpy's
    ``pos`` and ``left == 625 - next`` in every state torch reaches by drawing. Two
    other states are kept aside so ``data()`` reports torch's exact fields:
    ``_fresh_next`` (``left == 1``: the next draw twists; set by seeding, where torch
    has ``next == 0``) and ``_pending`` (a state from ``set_data`` whose ``left`` and
    ``next`` disagree; its remaining pre-twist outputs are precomputed).

    >>> a, b = MT19937Engine(7), MT19937Engine(7)
    >>> bool((np.concatenate([a.random32(3), a.random32(700)]) == b.random32(703)).all())
    True
    """

    __slots__ = ("_seed", "_bitgen", "_fresh_next", "_pending", "_pending_pos", "_pending_start")

    def __init__(self, seed: int = 5489):
        self._bitgen = np.random.MT19937(0)
        self.seed_(seed)

    # -- seeding and state --------------------------------------------------------------
    def seed_(self, seed: int) -> None:
        """Re-seed as ``at::mt19937(seed)``: init_genrand on the low 32 bits, left=1."""
        self._seed = int(seed) & 0xFFFFFFFFFFFFFFFF
        self._load(init_genrand(self._seed), N)
        self._fresh_next = 0
        self._pending = None

    @property
    def seed(self) -> int:
        """The 64-bit seed torch reports as ``initial_seed()``."""
        return self._seed

    def _load(self, key: np.ndarray, pos: int) -> None:
        self._bitgen.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": pos}}

    def data(self) -> tuple[int, int, int, np.ndarray]:
        """Return torch's ``mt19937_data_pod`` fields: ``(seed, left, next, state)``."""
        st = self._bitgen.state["state"]
        key = np.asarray(st["key"], dtype=np.uint32).copy()
        if self._pending is not None:
            remaining = len(self._pending) - self._pending_pos
            return self._seed, remaining + 1, self._pending_start + self._pending_pos, key
        if self._fresh_next is not None:
            return self._seed, 1, self._fresh_next, key
        pos = int(st["pos"])
        return self._seed, N + 1 - pos, pos, key

    def set_data(self, seed: int, left: int, next_: int, state: np.ndarray) -> None:
        """Load torch's ``(seed, left, next, state)`` (already checked as valid by torch's rules)."""
        key = np.asarray(state, dtype=np.uint32).copy()
        self._seed = int(seed) & 0xFFFFFFFFFFFFFFFF
        self._pending = None
        self._fresh_next = None
        if left == 1:
            # torch twists on the very next draw, whatever ``next`` says.
            self._load(key, N)
            self._fresh_next = next_
        elif next_ + left == N + 1:
            self._load(key, next_)
        else:
            # torch reads state[next], state[next+1], ... for left-1 draws, then twists.
            # (Beyond the array torch reads unrelated memory; that is not reproduced.)
            self._load(key, N)
            self._pending = temper(key[next_:min(N, next_ + left - 1)])
            self._pending_pos = 0
            self._pending_start = next_

    # -- draws --------------------------------------------------------------------------
    def random32(self, n: int) -> np.ndarray:
        """Next ``n`` outputs of ``CPUGeneratorImpl::random()`` as uint32."""
        n = int(n)
        if n <= 0:
            return np.empty(0, dtype=np.uint32)
        head = None
        if self._pending is not None:
            take = min(n, len(self._pending) - self._pending_pos)
            head = self._pending[self._pending_pos:self._pending_pos + take]
            self._pending_pos += take
            n -= take
            if self._pending_pos == len(self._pending):
                self._fresh_next = self._pending_start + self._pending_pos
                self._pending = None
            if n == 0:
                return head.copy()
        self._fresh_next = None
        body = self._bitgen.random_raw(n).astype(np.uint32)
        return body if head is None else np.concatenate([head, body])

    def random64(self, n: int) -> np.ndarray:
        """Next ``n`` outputs of ``CPUGeneratorImpl::random64()``: ``(first << 32) | second``."""
        words = self.random32(2 * int(n)).astype(np.uint64).reshape(-1, 2)
        return (words[:, 0] << np.uint64(32)) | words[:, 1]
