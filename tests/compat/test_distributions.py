"""torch.distributions against torch: seeded samples (the same numbers), rsample gradients,
log_prob / entropy / mean / variance values and gradients, KL divergences, shapes, reprs,
constraints, and the ValueError texts of argument and sample validation."""
import warnings

import pytest

from oracle import assert_same, both, check_program, check_raises, compat

torch = pytest.importorskip("torch")


def D(lib):
    return lib.distributions


def leaf(lib, values, dtype=None):
    return lib.tensor(values, dtype=dtype, requires_grad=True)


def run_with_grads(build, score):
    """A program: build a distribution from fresh leaves, score it, and return the score and
    the leaves' gradients."""
    def program(lib):
        dist, leaves = build(lib)
        out = score(lib, dist)
        grads = lib.autograd.grad(out.sum(), leaves, allow_unused=True)
        return out, grads
    return program


# ------------------------------------------------------------------ builders
def normal(lib):
    loc, scale = leaf(lib, [0.5, -1.0, 2.0]), leaf(lib, [1.0, 0.5, 2.0])
    return D(lib).Normal(loc, scale), (loc, scale)


def uniform(lib):
    low, high = leaf(lib, [0.0, -1.0, 2.0]), leaf(lib, [1.0, 3.0, 2.5])
    return D(lib).Uniform(low, high), (low, high)


def exponential(lib):
    rate = leaf(lib, [0.5, 1.0, 3.0])
    return D(lib).Exponential(rate), (rate,)


def bernoulli_probs(lib):
    p = leaf(lib, [0.2, 0.5, 0.9])
    return D(lib).Bernoulli(p), (p,)


def bernoulli_logits(lib):
    logits = leaf(lib, [-1.0, 0.0, 2.5])
    return D(lib).Bernoulli(logits=logits), (logits,)


def categorical_probs(lib):
    p = leaf(lib, [[0.2, 0.3, 0.5], [1.0, 1.0, 2.0]])
    return D(lib).Categorical(p), (p,)


def categorical_logits(lib):
    logits = leaf(lib, [[0.0, 1.0, -1.0], [2.0, 0.5, 0.5]])
    return D(lib).Categorical(logits=logits), (logits,)


_A = [[2.0, 0.3, 0.1], [0.3, 1.5, -0.2], [0.1, -0.2, 1.0]]


def mvn(kind):
    def build(lib):
        loc, m = leaf(lib, [0.5, -1.0, 2.0]), leaf(lib, _A)
        matrix = m.tril() if kind == "scale_tril" else m
        return D(lib).MultivariateNormal(loc, **{kind: matrix}), (loc, m)
    build.__name__ = f"mvn_{kind}"
    return build


def mvn_batched(lib):
    loc = leaf(lib, [[0.0, 1.0, 2.0], [1.0, 0.0, -1.0]])
    L = leaf(lib, [[1.0, 0.0, 0.0], [0.5, 2.0, 0.0], [0.1, 0.2, 0.7]])
    return D(lib).MultivariateNormal(loc.unsqueeze(1), scale_tril=L), (loc, L)


CONTINUOUS = [normal, uniform, exponential, mvn("covariance_matrix"), mvn("precision_matrix"),
              mvn("scale_tril"), mvn_batched]
DISCRETE = [bernoulli_probs, bernoulli_logits, categorical_probs, categorical_logits]
ALL = CONTINUOUS + DISCRETE


def _id(fn):
    return fn.__name__


# ------------------------------------------------------------------ samples
@pytest.mark.parametrize("build", ALL, ids=_id)
@pytest.mark.parametrize("shape", [(), (4,), (2, 3)], ids=str)
def test_seeded_samples_are_torchs(build, shape):
    # the draws are torch's exactly; a matrix product of them (MultivariateNormal) may round
    # differently in the last bits
    close = dict(rtol=1e-6, atol=1e-6) if build.__name__.startswith("mvn") else dict(ulps=1)
    check_program(lambda lib: build(lib)[0].sample(shape), seed=3, grad_fn=False, **close)


@pytest.mark.parametrize("build", CONTINUOUS, ids=_id)
def test_rsample_is_torchs_and_carries_gradients(build):
    def program(lib):
        dist, leaves = build(lib)
        x = dist.rsample((5,))
        grads = lib.autograd.grad((x * x).sum(), leaves)
        return x, grads
    check_program(program, seed=5, rtol=1e-5, atol=1e-5)


def test_sample_has_no_gradient():
    def program(lib):
        x = normal(lib)[0].sample((2,))
        return x.requires_grad, x.grad_fn is None
    check_program(program, seed=0)


def test_a_stream_of_draws_stays_in_step():
    def program(lib):
        d = D(lib)
        out = [d.Normal(lib.zeros(3), lib.ones(3)).rsample(), d.Uniform(0.0, 2.0).sample((2,)),
               d.Categorical(lib.tensor([0.3, 0.7])).sample((6,)),
               d.Bernoulli(0.4).sample((5,)), d.Exponential(2.0).sample((3,)),
               lib.randn(2)]
        return out
    check_program(program, seed=11, ulps=1)


# ------------------------------------------------------------------ densities
VALUES = {
    "normal": [0.1, 0.2, -3.0], "uniform": [0.5, 2.9, 2.2], "exponential": [0.0, 1.5, 0.1],
    "bernoulli_probs": [1.0, 0.0, 1.0], "bernoulli_logits": [0.0, 1.0, 1.0],
    "categorical_probs": [2, 0], "categorical_logits": [[1, 2], [0, 0]],
    "mvn_covariance_matrix": [0.1, 0.2, 0.3], "mvn_precision_matrix": [[0.1, 0.2, 0.3]] * 2,
    "mvn_scale_tril": [1.0, -1.0, 0.0], "mvn_batched": [[[[0.0, 1.0, 2.0]]]] * 4,
}


@pytest.mark.parametrize("build", ALL, ids=_id)
def test_log_prob(build):
    value = VALUES[build.__name__]

    def score(lib, dist):
        dtype = lib.long if build.__name__.startswith("categorical") else None
        return dist.log_prob(lib.tensor(value, dtype=dtype))
    check_program(run_with_grads(build, score), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("build", ALL, ids=_id)
def test_entropy(build):
    check_program(run_with_grads(build, lambda lib, d: d.entropy()), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("build", [normal, uniform, exponential, bernoulli_probs,
                                   bernoulli_logits, mvn("covariance_matrix"), mvn_batched],
                         ids=_id)
@pytest.mark.parametrize("moment", ["mean", "variance", "stddev"])
def test_moments(build, moment):
    check_program(run_with_grads(build, lambda lib, d: getattr(d, moment) * 1),
                  rtol=1e-5, atol=1e-5)


def test_categorical_moments_and_support():
    def program(lib):
        d = categorical_logits(lib)[0]
        return d.mean, d.variance, d.mode, d.enumerate_support(), d.enumerate_support(False)
    check_program(program)


def test_bernoulli_mode_and_support():
    def program(lib):
        d = D(lib).Bernoulli(lib.tensor([0.2, 0.5, 0.9]))
        return d.mode, d.enumerate_support(), d.param_shape
    check_program(program)


@pytest.mark.parametrize("build", [normal, uniform, exponential], ids=_id)
def test_cdf(build):
    check_program(run_with_grads(build, lambda lib, d: d.cdf(lib.tensor([0.4, 0.5, 2.1]))),
                  rtol=1e-5, atol=1e-5)


def test_uniform_log_prob_outside_support_without_validation():
    def program(lib):
        d = D(lib).Uniform(lib.zeros(2), lib.ones(2), validate_args=False)
        return d.log_prob(lib.tensor([0.5, 2.0]))
    check_program(program)


def test_exponential_family_entropy_by_bregman_divergence():
    def program(lib):
        d = D(lib)
        rate = leaf(lib, [0.5, 3.0])
        loc, scale = leaf(lib, [0.0, 1.0]), leaf(lib, [2.0, 0.5])
        h1 = d.ExponentialFamily.entropy(d.Exponential(rate))
        h2 = d.ExponentialFamily.entropy(d.Normal(loc, scale))
        return h1, h2, lib.autograd.grad((h1 + h2).sum(), (rate, loc, scale), allow_unused=True)
    check_program(program, rtol=1e-5, atol=1e-5)


# ------------------------------------------------------------------ KL divergences
PAIRS = {
    "normal-normal": lambda lib: (normal(lib), (D(lib).Normal(0.0, 2.0), ())),
    "uniform-uniform": lambda lib: (uniform(lib), (D(lib).Uniform(-1.0, 3.0), ())),
    "uniform-uniform-inf": lambda lib: (uniform(lib), (D(lib).Uniform(0.0, 1.0), ())),
    "bernoulli-bernoulli": lambda lib: (bernoulli_probs(lib),
                                        (D(lib).Bernoulli(lib.tensor([0.0, 0.5, 1.0])), ())),
    "bernoulli-logits": lambda lib: (bernoulli_logits(lib), bernoulli_probs(lib)),
    "categorical-categorical": lambda lib: (categorical_probs(lib), categorical_logits(lib)),
    "categorical-zero": lambda lib: (categorical_probs(lib),
                                     (D(lib).Categorical(lib.tensor([0.5, 0.5, 0.0])), ())),
    "exponential-exponential": lambda lib: (exponential(lib), (D(lib).Exponential(2.0), ())),
    "exponential-normal": lambda lib: (exponential(lib), normal(lib)),
    "uniform-normal": lambda lib: (uniform(lib), normal(lib)),
    "uniform-exponential": lambda lib: (uniform(lib), exponential(lib)),
    "normal-uniform": lambda lib: (normal(lib), uniform(lib)),
    "normal-exponential": lambda lib: (normal(lib), exponential(lib)),
    "exponential-uniform": lambda lib: (exponential(lib), uniform(lib)),
    "mvn-mvn": lambda lib: (mvn("covariance_matrix")(lib), mvn_batched(lib)),
    "mvn-mvn-tril": lambda lib: (mvn_batched(lib), mvn("scale_tril")(lib)),
}


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_kl_divergence(pair):
    def program(lib):
        (p, p_leaves), (q, q_leaves) = PAIRS[pair](lib)
        kl = D(lib).kl_divergence(p, q)
        leaves = tuple(p_leaves) + tuple(q_leaves)
        finite = kl.isfinite()
        grads = lib.autograd.grad(kl[finite].sum(), leaves, allow_unused=True) \
            if kl.requires_grad else ()
        return kl, grads
    check_program(program, rtol=1e-5, atol=1e-5)


def test_register_kl_and_most_specific_lookup():
    def program(lib):
        d = D(lib)

        class Wide(d.Normal):
            pass

        @d.register_kl(Wide, d.Normal)
        def _kl(p, q):
            return p.loc * 0 + 7

        a = d.kl_divergence(Wide(0.0, 1.0), d.Normal(1.0, 1.0))
        b = d.kl_divergence(d.Normal(0.0, 1.0), Wide(1.0, 1.0))  # falls back to Normal-Normal
        del d.kl._KL_REGISTRY[Wide, d.Normal]
        d.kl._KL_MEMOIZE.clear()
        return a, b
    check_program(program)


@pytest.mark.parametrize("make", [
    lambda lib: D(lib).kl_divergence(D(lib).Bernoulli(0.3), D(lib).Normal(0.0, 1.0)),
    lambda lib: D(lib).kl_divergence(D(lib).Categorical(lib.ones(2)), D(lib).Normal(0.0, 1.0)),
    lambda lib: D(lib).kl_divergence(
        D(lib).MultivariateNormal(lib.zeros(2), lib.eye(2)),
        D(lib).MultivariateNormal(lib.zeros(3), lib.eye(3))),
])
def test_kl_refusals(make):
    check_raises(make)


# ------------------------------------------------------------------ shapes and reprs
@pytest.mark.parametrize("build", ALL, ids=_id)
def test_shapes_and_repr(build):
    def program(lib):
        d = build(lib)[0]
        e = d.expand((4,) + tuple(d.batch_shape))
        return (repr(d), d.batch_shape, d.event_shape, d._extended_shape((2,)), repr(e),
                e.batch_shape, e.sample().shape, d.has_rsample, d.has_enumerate_support)
    check_program(program, seed=0)


@pytest.mark.parametrize("make", [
    lambda lib: D(lib).Normal(0.0, 1.0),
    lambda lib: D(lib).Normal(lib.tensor([0.0]), 1.0),
    lambda lib: D(lib).Normal(lib.zeros(2, 1), lib.ones(3)),
    lambda lib: D(lib).Bernoulli(logits=0.3),
    lambda lib: D(lib).Uniform(0, 1),
    lambda lib: D(lib).Exponential(lib.tensor([2.0, 3.0], dtype=lib.float64)),
    lambda lib: D(lib).Categorical(logits=lib.zeros(3)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), lib.eye(2)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), precision_matrix=lib.eye(2)),
])
def test_repr_dtypes_and_shapes(make):
    def program(lib):
        d = make(lib)
        params = [getattr(d, p) for p in d.arg_constraints if p in d.__dict__]
        return repr(d), d.batch_shape, [p.dtype for p in params]
    check_program(program)


def test_constraints():
    def program(lib):
        c = D(lib).constraints
        x = lib.tensor([-1.0, 0.0, 0.5, 1.0, float("nan")])
        m = lib.tensor([[[1.0, 0.0], [2.0, 3.0]], [[1.0, 1.0], [0.0, 1.0]]])
        spd = lib.tensor([[[2.0, 1.0], [1.0, 2.0]], [[1.0, 2.0], [2.0, 1.0]]])
        checks = [c.real, c.positive, c.nonnegative, c.unit_interval, c.boolean,
                  c.greater_than(0.5), c.greater_than_eq(0.5), c.less_than(0.5),
                  c.interval(0.0, 0.5), c.half_open_interval(0.0, 1.0),
                  c.integer_interval(0, 1), c.nonnegative_integer, c.positive_integer]
        out = [(repr(k), k.check(x), k.is_discrete, k.event_dim) for k in checks]
        out += [(repr(k), k.check(m), k.event_dim) for k in
                (c.lower_triangular, c.lower_cholesky, c.square, c.symmetric,
                 c.positive_definite, c.independent(c.real, 2))]
        out += [c.positive_definite.check(spd), c.simplex.check(lib.tensor([[0.3, 0.7],
                                                                            [0.5, 0.6]])),
                repr(c.real_vector), repr(c.simplex), c.is_dependent(c.dependent)]
        return out
    check_program(program)


# ------------------------------------------------------------------ validation
@pytest.mark.parametrize("make", [
    lambda lib: D(lib).Normal(0.0, -1.0),
    lambda lib: D(lib).Normal(lib.tensor([0.0, 1.0]), lib.tensor([1.0, -1.0])),
    lambda lib: D(lib).Normal(lib.tensor([0.0]), lib.tensor([-1.0])),
    lambda lib: D(lib).Normal(lib.tensor([float("nan")]), 1.0),
    lambda lib: D(lib).Normal("a", 1.0),
    lambda lib: D(lib).Uniform(1.0, 0.0),
    lambda lib: D(lib).Exponential(0.0),
    lambda lib: D(lib).Bernoulli(2.0),
    lambda lib: D(lib).Bernoulli(),
    lambda lib: D(lib).Bernoulli(0.5, logits=0.0),
    lambda lib: D(lib).Categorical(lib.tensor([0.5, -0.1])),
    lambda lib: D(lib).Categorical(lib.tensor(0.5)),
    lambda lib: D(lib).Categorical(logits=lib.tensor(0.5)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), lib.tensor([[1.0, 2.0], [2.0, 1.0]])),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), lib.tensor([[1.0, 2.0], [3.0, 1.0]])),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2),
                                          scale_tril=lib.tensor([[1.0, 2.0], [0.0, 1.0]])),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), lib.eye(2), scale_tril=lib.eye(2)),
    lambda lib: D(lib).MultivariateNormal(lib.tensor(0.0), lib.eye(2)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), lib.ones(2)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), scale_tril=lib.ones(2)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), precision_matrix=lib.ones(2)),
    lambda lib: D(lib).Normal(0.0, 1.0).log_prob(1.0),
    lambda lib: D(lib).Normal(lib.zeros(2), 1.0).log_prob(lib.zeros(3)),
    lambda lib: D(lib).Uniform(0.0, 1.0).log_prob(lib.tensor(2.0)),
    lambda lib: D(lib).Exponential(1.0).log_prob(lib.tensor([-1.0, 1.0])),
    lambda lib: D(lib).Bernoulli(0.5).log_prob(lib.tensor(0.5)),
    lambda lib: D(lib).Categorical(lib.ones(3)).log_prob(lib.tensor(3)),
    lambda lib: D(lib).MultivariateNormal(lib.zeros(2), lib.eye(2)).log_prob(lib.zeros(3)),
    lambda lib: D(lib).Distribution.set_default_validate_args(2),
])
def test_validation_errors(make):
    check_raises(make)


def test_validation_can_be_turned_off():
    def program(lib):
        d = D(lib)
        a = d.Normal(0.0, -1.0, validate_args=False)
        d.Distribution.set_default_validate_args(False)
        try:
            b = d.Normal(0.0, -2.0)
            lp = b.log_prob(lib.tensor(1.0))
        finally:
            d.Distribution.set_default_validate_args(True)
        return a.scale, lp
    check_program(program)


def test_lazy_parameters_are_differentiable_under_no_grad():
    def program(lib):
        logits = leaf(lib, [0.0, 1.0])
        d = D(lib).Categorical(logits=logits)
        with lib.no_grad():
            p = d.probs
        return p, lib.autograd.grad(p[1], logits)
    check_program(program)


def test_sample_n_warns_as_torch():
    def program(lib):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            x = D(lib).Normal(0.0, 1.0).sample_n(2)
        return x, [(w.category.__name__, str(w.message)) for w in caught]
    ours, theirs = both(program, seed=1)
    assert_same(ours, theirs)


def test_runner_binds_torch_distributions(tmp_path):
    script = tmp_path / "dist.py"
    script.write_text(
        "import torch\n"
        "from torch.distributions import Normal, kl_divergence\n"
        "import torch.distributions.constraints as C\n"
        "torch.manual_seed(0)\n"
        "print(Normal(torch.zeros(2), torch.ones(2)).sample(), C.positive)\n")
    from compat.runner import run_path
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_path(str(script))
    torch.manual_seed(0)
    expected = f"{torch.distributions.Normal(torch.zeros(2), torch.ones(2)).sample()} " \
               f"{torch.distributions.constraints.positive}\n"
    assert out.getvalue() == expected
