"""compat's random API draws PyTorch-CPU's numbers: the same program, the same seed, the same
values (randn of 16+ elements, which torch computes vectorised, within a few ulps)."""
import numpy as np
import pytest

from oracle import assert_same, check_program, compat, torch

SEEDS = [0, 1, 42, 123456789, 2**32 + 5]


def dtype(lib, name):
    return getattr(lib, name)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("size", [(), (1,), (3,), (5, 4), (17,), (2, 3, 4), (100,)])
@pytest.mark.parametrize("dt", ["float32", "float64", "float16", "bfloat16"])
def test_rand(seed, size, dt):
    check_program(lambda lib: lib.rand(size, dtype=dtype(lib, dt)), seed=seed, ulps=0)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("size", [(1,), (3,), (15,), (16,), (17,), (4, 5), (2, 3, 8), (100,)])
@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_randn(seed, size, dt):
    n = int(np.prod(size))
    check_program(lambda lib: lib.randn(size, dtype=dtype(lib, dt)), seed=seed,
                  ulps=4 if n >= 16 else 0)


def test_randn_default_dtype_and_size_forms():
    check_program(lambda lib: (lib.randn(2, 3), lib.randn((2, 3)), lib.randn([4]), lib.rand(2, 1)),
                  seed=7, ulps=0)


def test_size_keyword():
    check_program(lambda lib: (lib.rand(size=(2,)), lib.randn(size=(3,))), seed=7, ulps=0)
    check_program(lambda lib: (lib.zeros(size=(2,)), lib.ones(size=(1, 2)), lib.empty(size=(0,))),
                  seed=7, ulps=0)


def test_size_is_required():
    for name in ("rand", "randn", "zeros", "ones"):
        for lib in (torch, compat):
            with pytest.raises(TypeError):
                getattr(lib, name)()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("args", [(0, 10, (5,)), (-5, 5, (3, 4)), (3, 4, (6,)), (0, 2**31, (7,)),
                                  (0, 2**40, (4,)), (-(2**62), 2**62, (3,)), (0, 256, (2, 2))])
def test_randint(seed, args):
    low, high, size = args
    check_program(lambda lib: lib.randint(low, high, size), seed=seed, ulps=0)


@pytest.mark.parametrize("dt", ["int64", "int32", "int16", "uint8", "float32", "float64"])
def test_randint_dtypes_and_high_only_form(dt):
    check_program(lambda lib: (lib.randint(0, 100, (9,), dtype=dtype(lib, dt)),
                               lib.randint(50, (3, 3), dtype=dtype(lib, dt))), seed=3, ulps=0)


@pytest.mark.parametrize("seed", SEEDS[:3])
@pytest.mark.parametrize("n", [0, 1, 2, 5, 20, 100, 1000, 5000])
def test_randperm(seed, n):
    check_program(lambda lib: lib.randperm(n), seed=seed, ulps=0)


def test_randperm_dtype():
    check_program(lambda lib: (lib.randperm(10, dtype=lib.int32), lib.randperm(7, dtype=lib.float32)),
                  seed=11, ulps=0)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_rand_like_randn_like(seed):
    def program(lib):
        base = lib.zeros(3, 4, dtype=lib.float64)
        return (lib.rand_like(base), lib.randn_like(base), lib.rand_like(base, dtype=lib.float32),
                lib.randn_like(lib.zeros(20)))
    check_program(program, seed=seed, ulps=4)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_normal_forms(seed):
    def program(lib):
        mean = lib.arange(1.0, 6.0)
        std = lib.linspace(0.5, 2.0, 5)
        return (lib.normal(mean, std), lib.normal(2.0, 3.0, size=(4, 5)),
                lib.normal(mean, 1.5), lib.normal(0.5, std),
                lib.normal(lib.zeros(20, dtype=lib.float64), lib.ones(20, dtype=lib.float64)))
    check_program(program, seed=seed, ulps=4)


@pytest.mark.parametrize("seed", SEEDS[:3])
@pytest.mark.parametrize("n", [1, 5, 16, 33])
@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_uniform_and_normal_in_place(seed, n, dt):
    def program(lib):
        a = lib.empty(n, dtype=dtype(lib, dt)).uniform_(-2.0, 3.0)
        b = lib.zeros(n, dtype=dtype(lib, dt)).normal_(1.0, 0.5)
        c = lib.ones(2, n, dtype=dtype(lib, dt)).uniform_()
        return a, b, c
    check_program(program, seed=seed, ulps=4)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_bernoulli(seed):
    def program(lib):
        p = lib.linspace(0.0, 1.0, 11)
        return (lib.bernoulli(p), p.bernoulli(), lib.bernoulli(lib.full((3, 4), 0.3, dtype=lib.float64)),
                lib.zeros(6).bernoulli_(0.25), lib.zeros(5).bernoulli_(p[:5]))
    check_program(program, seed=seed, ulps=0)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_multinomial(seed):
    def program(lib):
        w = lib.tensor([0.1, 0.2, 0.3, 0.4, 0.0, 1.0])
        w2 = lib.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], dtype=lib.float64)
        return (lib.multinomial(w, 3), lib.multinomial(w, 10, replacement=True),
                w2.multinomial(2), lib.multinomial(w2, 4, True))
    check_program(program, seed=seed, ulps=0)


def test_one_stream_across_functions():
    def program(lib):
        return (lib.rand(3), lib.randn(2), lib.randint(0, 9, (4,)), lib.randperm(6),
                lib.randn(20), lib.rand(5, dtype=lib.float64), lib.bernoulli(lib.full((4,), 0.5)))
    check_program(program, seed=2024, ulps=4)


# ------------------------------------------------------------------ generators

def test_manual_seed_returns_the_default_generator():
    g = compat.manual_seed(5)
    assert g is compat.default_generator
    assert g.initial_seed() == torch.manual_seed(5).initial_seed() == 5
    assert compat.initial_seed() == torch.initial_seed() == 5


def test_fresh_generator_initial_seed():
    assert compat.Generator().initial_seed() == torch.Generator().initial_seed()


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_draws_and_state(seed):
    g_c = compat.Generator().manual_seed(seed)
    g_t = torch.Generator().manual_seed(seed)
    assert g_c.initial_seed() == g_t.initial_seed() == seed
    state_c, state_t = g_c.get_state(), g_t.get_state()
    assert repr(state_c.dtype) == str(state_t.dtype) == "torch.uint8"
    assert_same(state_c, state_t, ulps=0)
    first = (compat.rand(4, generator=g_c), torch.rand(4, generator=g_t))
    assert_same(*first, ulps=0)
    assert_same(compat.randn(3, generator=g_c), torch.randn(3, generator=g_t), ulps=0)
    assert_same(g_c.get_state(), g_t.get_state(), ulps=0)
    # replay from the saved state: each library draws its first numbers again (the two first
    # draws are equal, above, so each replay is compared with the other library's first draw)
    g_c.set_state(state_c)
    g_t.set_state(state_t)
    assert_same(compat.rand(4, generator=g_c), first[1], ulps=0)
    assert_same(first[0], torch.rand(4, generator=g_t), ulps=0)


def test_state_moves_between_libraries():
    g_t = torch.Generator().manual_seed(99)
    torch.randn(7, generator=g_t)  # leaves a cached normal behind, part of the state
    g_c = compat.Generator().set_state(compat.tensor(g_t.get_state().numpy(), dtype=compat.uint8))
    assert_same(compat.randn(5, generator=g_c), torch.randn(5, generator=g_t), ulps=0)
    assert_same(compat.randint(0, 1000, (5,), generator=g_c), torch.randint(0, 1000, (5,), generator=g_t),
                ulps=0)


def test_generator_does_not_touch_the_default_stream():
    def program(lib):
        g = lib.Generator().manual_seed(1)
        a = lib.rand(2)
        lib.rand(10, generator=g)
        return a, lib.rand(2)
    check_program(program, seed=8, ulps=0)


def test_rng_state_round_trip():
    compat.manual_seed(3)
    torch.manual_seed(3)
    s_c, s_t = compat.get_rng_state(), torch.get_rng_state()
    assert_same(s_c, s_t, ulps=0)
    a = compat.rand(3)
    compat.set_rng_state(s_c)
    assert_same(compat.rand(3), torch.rand(3), ulps=0)
    assert_same(a, (torch.set_rng_state(s_t), torch.rand(3))[1], ulps=0)


def test_seed_reseeds_nondeterministically_and_reports_it():
    g = compat.Generator()
    s = g.seed()
    assert isinstance(s, int) and g.initial_seed() == s
    t = torch.Generator()
    torch_seed = t.seed()
    assert isinstance(torch_seed, int) and t.initial_seed() == torch_seed
    # the reported seed reproduces the stream
    assert_same(compat.rand(3, generator=g), torch.rand(3, generator=torch.Generator().manual_seed(s)),
                ulps=0)
