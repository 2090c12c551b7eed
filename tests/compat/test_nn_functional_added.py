"""Activations, distances and losses of ``torch.nn.functional`` and their modules, against
torch: values, gradients, grad_fn names, in-place forms, module reprs and errors."""
import numpy as np
import pytest

from oracle import check, check_program, check_raises, const, randint, randn

torch = pytest.importorskip("torch")
import compat  # noqa: E402

# points where the pieces of the piecewise activations meet
_EDGES = [-4., -3., -1., -0.5, -0.25, 0., 0.25, 0.5, 1., 3., 4.]


# ----------------------------------------------------------------------------- activations
ACTIVATIONS = {
    "celu": lambda F, x: F.celu(x),
    "celu_alpha": lambda F, x: F.celu(x, 0.5),
    "softsign": lambda F, x: F.softsign(x),
    "tanhshrink": lambda F, x: F.tanhshrink(x),
    "hardshrink": lambda F, x: F.hardshrink(x),
    "hardshrink_lambd": lambda F, x: F.hardshrink(x, lambd=1.),
    "softshrink": lambda F, x: F.softshrink(x),
    "softshrink_lambd": lambda F, x: F.softshrink(x, 0.25),
    "hardsigmoid": lambda F, x: F.hardsigmoid(x),
    "hardswish": lambda F, x: F.hardswish(x),
    "threshold": lambda F, x: F.threshold(x, 0.5, -7.),
    "glu": lambda F, x: F.glu(x),
    "glu_dim0": lambda F, x: F.glu(x, 0),
    "softmin": lambda F, x: F.softmin(x, 1),
    "softmin_dtype": lambda F, x: F.softmin(x, -1, dtype=x.double().dtype),
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_random_values_and_gradients(name):
    fn = ACTIVATIONS[name]
    check(lambda lib, x: fn(lib.nn.functional, x), inputs=[randn(4, 6)])


@pytest.mark.parametrize("name", sorted(n for n in ACTIVATIONS
                                        if not n.startswith(("glu", "softmin"))))
def test_activation_at_the_edges_of_its_pieces(name):
    fn = ACTIVATIONS[name]
    check(lambda lib, x: fn(lib.nn.functional, x), inputs=[const(_EDGES, "float32")])


@pytest.mark.parametrize("name", ["celu", "hardshrink", "softshrink", "hardsigmoid", "hardswish",
                                  "softsign", "tanhshrink", "threshold", "glu"])
@pytest.mark.parametrize("dtype", ["float64", "float16", "bfloat16"])
def test_activation_dtypes(name, dtype):
    fn = ACTIVATIONS[name]
    check(lambda lib, x: fn(lib.nn.functional, x.to(getattr(lib, dtype))),
          inputs=[randn(3, 4)])


@pytest.mark.parametrize("program", [
    lambda F, x: F.celu(x, 2., inplace=True),
    lambda F, x: F.celu_(x, 0.5),
    lambda F, x: F.threshold(x, 0., 3., inplace=True),
    lambda F, x: F.threshold_(x, 0.1, -1.),
    lambda F, x: F.hardsigmoid(x, inplace=True),
    lambda F, x: F.hardswish(x, True),
])
def test_in_place_forms_and_their_nodes(program):
    def run(lib, x):
        y = x * 1
        out = program(lib.nn.functional, y)
        return out, y, out is y
    check(run, inputs=[randn(3, 4)])


def test_threshold_on_integers_truncates_threshold_and_value():
    check(lambda lib, x: (lib.nn.functional.threshold(x, 0.5, 2.5),
                          lib.nn.functional.threshold(x, -0.5, 9),
                          lib.nn.functional.threshold(x, 1, 7)),
          inputs=[randint(-5, 5, 8)])


def test_softsign_and_tanhshrink_of_integers_are_float():
    check(lambda lib, x: (lib.nn.functional.softsign(x), lib.nn.functional.tanhshrink(x)),
          inputs=[randint(-5, 5, 6)])


def test_activations_of_nan():
    check(lambda lib, x: tuple(fn(lib.nn.functional, x) for name, fn in sorted(ACTIVATIONS.items())
                               if name in ("celu", "hardshrink", "threshold", "hardsigmoid",
                                           "hardswish")),
          inputs=[const([float("nan"), 1.], "float32")], grad=False)


@pytest.mark.parametrize("program", [
    lambda lib: lib.nn.functional.celu(lib.tensor([1, 2])),
    lambda lib: lib.nn.functional.celu(lib.tensor([True])),
    lambda lib: lib.nn.functional.celu([1.]),
    lambda lib: lib.nn.functional.celu(lib.ones(2), 0.),
    lambda lib: lib.nn.functional.celu(lib.ones(2), "a"),
    lambda lib: lib.nn.functional.celu_([1.]),
    lambda lib: lib.nn.functional.softsign(lib.tensor([True])),
    lambda lib: lib.nn.functional.softsign([1.]),
    lambda lib: lib.nn.functional.tanhshrink(lib.tensor([True])),
    lambda lib: lib.nn.functional.tanhshrink([1.]),
    lambda lib: lib.nn.functional.hardshrink(lib.tensor([1, 2])),
    lambda lib: lib.nn.functional.hardshrink([1.]),
    lambda lib: lib.nn.functional.softshrink(lib.tensor([1, 2])),
    lambda lib: lib.nn.functional.softshrink(lib.ones(2), -1.),
    lambda lib: lib.nn.functional.softshrink(lib.ones(2, dtype=lib.float64), -0.5),
    lambda lib: lib.nn.functional.softshrink(lib.ones(2, dtype=lib.float16), 1e6),
    lambda lib: lib.nn.functional.hardsigmoid(lib.tensor([1, 2])),
    lambda lib: lib.nn.functional.hardsigmoid(lib.tensor([1, 2]), inplace=True),
    lambda lib: lib.nn.functional.hardswish(lib.tensor([True])),
    lambda lib: lib.nn.functional.hardswish([1.]),
    lambda lib: lib.nn.functional.threshold(lib.tensor([True]), 0, 1),
    lambda lib: lib.nn.functional.threshold([1.], 0., 1.),
    lambda lib: lib.nn.functional.threshold(lib.ones(2), "a", 1.),
    lambda lib: lib.nn.functional.threshold(lib.ones(2), 0., None),
    lambda lib: lib.nn.functional.glu(lib.ones(2, 5)),
    lambda lib: lib.nn.functional.glu(lib.tensor(1.)),
    lambda lib: lib.nn.functional.glu(lib.ones(2, 4), 3),
    lambda lib: lib.nn.functional.glu(lib.tensor([1, 2, 3])),
    lambda lib: lib.nn.functional.glu(lib.tensor([1, 2])),
    lambda lib: lib.nn.functional.glu(lib.tensor([True, False])),
    lambda lib: lib.nn.functional.glu([1., 2.]),
    lambda lib: lib.nn.functional.softmin(lib.tensor([1, 2]), 0),
])
def test_activation_errors(program):
    check_raises(program)


def test_softmin_implicit_dim_warns():
    check(lambda lib, x: lib.nn.functional.softmin(x), inputs=[randn(2, 3)], warns=True)


# ----------------------------------------------------------------------------- modules
MODULES = [
    ("CELU", (), {}), ("CELU", (0.5,), {"inplace": True}), ("Softsign", (), {}),
    ("Tanhshrink", (), {}), ("Hardshrink", (), {}), ("Hardshrink", (1.5,), {}),
    ("Softshrink", (), {}), ("Softshrink", (), {"lambd": 2}), ("Hardsigmoid", (), {}),
    ("Hardsigmoid", (True,), {}), ("Hardswish", (), {}), ("Hardswish", (), {"inplace": True}),
    ("GLU", (), {}), ("GLU", (0,), {}), ("Threshold", (0.1, 20.), {}),
    ("Threshold", (0, -1), {"inplace": True}), ("Softmin", (1,), {}), ("Softmin", (), {"dim": 0}),
]


@pytest.mark.parametrize("name, args, kwargs", MODULES)
def test_module_repr_and_forward(name, args, kwargs):
    def program(lib, x):
        module = getattr(lib.nn, name)(*args, **kwargs)
        return repr(module), module(x * 1)
    check(program, inputs=[randn(4, 6)])


def test_softmin_module_without_dim_warns():
    check(lambda lib, x: lib.nn.Softmin()(x), inputs=[randn(2, 3)], warns=True)


# ----------------------------------------------------------------------------- distances
@pytest.mark.parametrize("shapes, kwargs", [
    (((4, 5), (4, 5)), {}), (((4, 5), (5,)), {"dim": -1}), (((2, 3, 4), (2, 1, 4)), {"dim": 0}),
    (((3,), (3,)), {"dim": 0}), (((4, 5), (4, 5)), {"eps": 10.}), (((), ()), {"dim": 0}),
])
def test_cosine_similarity(shapes, kwargs):
    a, b = shapes
    check(lambda lib, x, y: lib.nn.functional.cosine_similarity(x, y, **kwargs),
          inputs=[randn(*a), randn(*b)])


def test_cosine_similarity_gradient_through_a_clamped_norm():
    check(lambda lib, x, y: lib.nn.functional.cosine_similarity(x * 1e-9, y),
          inputs=[randn(3, 4), randn(3, 4)])
    check(lambda lib, x, y: lib.nn.functional.cosine_similarity(x, y),
          inputs=[const(np.zeros((2, 3)), "float32"), randn(2, 3)])


@pytest.mark.parametrize("dtypes", [("float64", "float32"), ("float16", "float16"),
                                    ("int64", "float32")])
def test_cosine_similarity_dtypes(dtypes):
    # a float32 operand's norm and quotient are float32 (as torch's): a float64 result carries
    # their rounding, which the summation order of the norm moves by an ulp of float32
    mixed = len(set(dtypes)) > 1
    check(lambda lib, x, y: lib.nn.functional.cosine_similarity(x, y),
          inputs=[randn(3, 4, dtype=dtypes[0]), randn(3, 4, dtype=dtypes[1])],
          rtol=1e-6 if mixed else None, atol=1e-7 if mixed else None,
          grad_rtol=1e-6 if mixed else None, grad_atol=1e-7 if mixed else None)


@pytest.mark.parametrize("shapes, kwargs", [
    (((4, 5), (4, 5)), {}), (((4, 5), (5,)), {"p": 1.}), (((2, 3, 4), (3, 4)), {"keepdim": True}),
    (((4, 5), (4, 5)), {"p": 3., "eps": 0.}), (((4, 5), (4, 5)), {"p": float("inf")}),
    (((3,), (3,)), {}), (((), ()), {}),
])
def test_pairwise_distance(shapes, kwargs):
    a, b = shapes
    check(lambda lib, x, y: lib.nn.functional.pairwise_distance(x, y, **kwargs),
          inputs=[randn(*a), randn(*b)])


def test_pairwise_distance_of_integers_and_of_equal_points():
    check(lambda lib, x, y: lib.nn.functional.pairwise_distance(x, y),
          inputs=[randint(-5, 5, 2, 3), randint(-5, 5, 2, 3)])
    check(lambda lib, x: lib.nn.functional.pairwise_distance(x, x.detach(), eps=0.),
          inputs=[randn(2, 3)])


@pytest.mark.parametrize("shape, factor", [((1, 8, 2, 3), 2), ((2, 9, 2, 2), 3), ((4, 1, 1), 2),
                                           ((2, 1, 4, 2, 2), 2), ((3, 2, 2), 1)])
def test_pixel_shuffle_and_back(shape, factor):
    def program(lib, x):
        up = lib.nn.functional.pixel_shuffle(x, factor)
        return up, lib.nn.functional.pixel_unshuffle(up * 2, factor)
    check(program, inputs=[randn(*shape)])


def test_pixel_shuffle_of_integers():
    check(lambda lib, x: (lib.nn.functional.pixel_shuffle(x, 2),
                          lib.nn.functional.pixel_unshuffle(x, 2)),
          inputs=[randint(-5, 5, 1, 4, 2, 2)])


@pytest.mark.parametrize("program", [
    lambda lib: lib.nn.functional.cosine_similarity(lib.tensor([[1, 2]]), lib.tensor([[0, 1]])),
    lambda lib: lib.nn.functional.cosine_similarity(lib.ones(2), lib.ones(2)),
    lambda lib: lib.nn.functional.cosine_similarity(lib.ones(2, 3), lib.ones(2)),
    lambda lib: lib.nn.functional.cosine_similarity([1.], lib.ones(1)),
    lambda lib: lib.nn.functional.cosine_similarity(lib.ones(1), [1.]),
    lambda lib: lib.nn.functional.pairwise_distance(lib.ones(2, 3), lib.ones(2)),
    lambda lib: lib.nn.functional.pairwise_distance([1.], lib.ones(1)),
    lambda lib: lib.nn.functional.pairwise_distance(lib.tensor([True]), lib.tensor([False])),
    lambda lib: lib.nn.functional.pixel_shuffle(lib.ones(4, 4), 2),
    lambda lib: lib.nn.functional.pixel_shuffle(lib.ones(3, 2, 2), 2),
    lambda lib: lib.nn.functional.pixel_shuffle(lib.ones(4, 2, 2), 0),
    lambda lib: lib.nn.functional.pixel_shuffle(lib.ones(4, 2, 2), -2),
    lambda lib: lib.nn.functional.pixel_shuffle(lib.ones(4, 2, 2), 2.),
    lambda lib: lib.nn.functional.pixel_shuffle([1.], 2),
    lambda lib: lib.nn.functional.pixel_unshuffle(lib.ones(4, 4), 2),
    lambda lib: lib.nn.functional.pixel_unshuffle(lib.ones(1, 3, 4), 2),
    lambda lib: lib.nn.functional.pixel_unshuffle(lib.ones(1, 4, 3), 2),
    lambda lib: lib.nn.functional.pixel_unshuffle(lib.ones(1, 4, 4), 0),
])
def test_distance_and_shuffle_errors(program):
    check_raises(program)


@pytest.mark.parametrize("name, args, kwargs", [
    ("CosineSimilarity", (), {}), ("CosineSimilarity", (0, 1e-3), {}),
    ("PairwiseDistance", (), {}), ("PairwiseDistance", (1.,), {"keepdim": True}),
])
def test_distance_modules(name, args, kwargs):
    def program(lib, x, y):
        module = getattr(lib.nn, name)(*args, **kwargs)
        return repr(module), module(x, y)
    check(program, inputs=[randn(4, 6), randn(4, 6)])


@pytest.mark.parametrize("name, factor, shape", [("PixelShuffle", 2, (1, 8, 2, 3)),
                                                 ("PixelUnshuffle", 2, (1, 2, 4, 6))])
def test_pixel_shuffle_modules(name, factor, shape):
    def program(lib, x):
        module = getattr(lib.nn, name)(factor)
        return repr(module), module(x)
    check(program, inputs=[randn(*shape)])


# ----------------------------------------------------------------------------- losses
_TARGETS = [1., -1., 1., -1., -1., 1.]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_soft_margin_loss(reduction):
    check(lambda lib, x, t: lib.nn.functional.soft_margin_loss(x, t, reduction=reduction),
          inputs=[randn(6), const(_TARGETS, "float32", requires_grad=False)])
    check(lambda lib, x, t: lib.nn.functional.soft_margin_loss(x, t, reduction=reduction),
          inputs=[randn(2, 3), randn(3, requires_grad=False)])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("margin", [0.0, 0.5])
def test_margin_ranking_loss(reduction, margin):
    check(lambda lib, x, y, t: lib.nn.functional.margin_ranking_loss(x, y, t, margin,
                                                                     reduction=reduction),
          inputs=[randn(6), randn(6), const(_TARGETS, "float32", requires_grad=False)])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("margin", [1.0, 0.25])
def test_hinge_embedding_loss(reduction, margin):
    check(lambda lib, x, t: lib.nn.functional.hinge_embedding_loss(x, t, margin,
                                                                   reduction=reduction),
          inputs=[randn(6), const([1., -1., 0., -1., 2., 1.], "float32", requires_grad=False)])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("margin", [0.0, -0.5, 0.5])
def test_cosine_embedding_loss(reduction, margin):
    check(lambda lib, x, y, t: lib.nn.functional.cosine_embedding_loss(x, y, t, margin,
                                                                       reduction=reduction),
          inputs=[randn(4, 5), randn(4, 5), const([1, -1, 1, -1])])
    check(lambda lib, x, y, t: lib.nn.functional.cosine_embedding_loss(x, y, t, margin,
                                                                       reduction=reduction),
          inputs=[randn(5), randn(5), const(-1)])


def test_losses_legacy_reduction_arguments_warn():
    check(lambda lib, x, t: (lib.nn.functional.soft_margin_loss(x, t, size_average=False),
                             lib.nn.functional.hinge_embedding_loss(x, t, reduce=False)),
          inputs=[randn(6), const(_TARGETS, "float32", requires_grad=False)])


@pytest.mark.parametrize("program", [
    lambda lib: lib.nn.functional.soft_margin_loss(lib.ones(4), lib.ones(3)),
    lambda lib: lib.nn.functional.soft_margin_loss(lib.tensor([1, 2]), lib.tensor([1, 2])),
    lambda lib: lib.nn.functional.soft_margin_loss(lib.ones(2), lib.ones(2), reduction="bad"),
    lambda lib: lib.nn.functional.margin_ranking_loss(lib.ones(4), lib.ones(4), lib.ones(2, 2)),
    lambda lib: lib.nn.functional.margin_ranking_loss(lib.ones(2), lib.ones(2), lib.ones(2),
                                                      reduction="x"),
    lambda lib: lib.nn.functional.hinge_embedding_loss(lib.ones(4), lib.ones(3)),
    lambda lib: lib.nn.functional.hinge_embedding_loss(lib.ones(2), lib.ones(2), reduction="y"),
    lambda lib: lib.nn.functional.cosine_embedding_loss(lib.ones(3, 3), lib.ones(3, 3),
                                                        lib.ones(3, 1)),
    lambda lib: lib.nn.functional.cosine_embedding_loss(lib.ones(3), lib.ones(3, 3), lib.ones(3)),
    lambda lib: lib.nn.functional.cosine_embedding_loss(lib.ones(3, 3), lib.ones(3, 3),
                                                        lib.tensor(1.)),
])
def test_loss_errors(program):
    check_raises(program)


@pytest.mark.parametrize("name, args, kwargs", [
    ("SoftMarginLoss", (), {}), ("SoftMarginLoss", (), {"reduction": "sum"}),
    ("HingeEmbeddingLoss", (), {}), ("HingeEmbeddingLoss", (0.5,), {"reduction": "none"}),
])
def test_two_argument_loss_modules(name, args, kwargs):
    def program(lib, x, t):
        module = getattr(lib.nn, name)(*args, **kwargs)
        return repr(module), module.reduction, module(x, t)
    check(program, inputs=[randn(6), const(_TARGETS, "float32", requires_grad=False)])


@pytest.mark.parametrize("name, args, kwargs, shape", [
    ("MarginRankingLoss", (), {}, (6,)), ("MarginRankingLoss", (0.5,), {"reduction": "none"}, (6,)),
    ("CosineEmbeddingLoss", (), {}, (6, 2)),
    ("CosineEmbeddingLoss", (0.2,), {"reduction": "sum"}, (6, 2)),
])
def test_three_argument_loss_modules(name, args, kwargs, shape):
    def program(lib, x, y, t):
        module = getattr(lib.nn, name)(*args, **kwargs)
        return repr(module), module.margin, module(x, y, t)
    check(program, inputs=[randn(*shape), randn(*shape),
                           const(_TARGETS, "float32", requires_grad=False)])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("log_input, full", [(True, False), (True, True), (False, False),
                                             (False, True)])
def test_poisson_nll_loss(reduction, log_input, full):
    def program(lib, x, t):
        rate = x if log_input else x.abs() + 0.1
        return lib.nn.functional.poisson_nll_loss(rate, t, log_input, full, reduction=reduction)
    check(program, inputs=[randn(6), const([0., 0.5, 1., 2., 3., 7.], "float32",
                                           requires_grad=False)])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("kwargs", [{}, {"margin": 2., "p": 1}, {"swap": True},
                                    {"margin": 0.5, "p": 3, "swap": True, "eps": 0.}])
def test_triplet_margin_loss(reduction, kwargs):
    check(lambda lib, a, p, n: lib.nn.functional.triplet_margin_loss(a, p, n, reduction=reduction,
                                                                     **kwargs),
          inputs=[randn(5, 3), randn(5, 3), randn(5, 3)])


@pytest.mark.parametrize("program", [
    lambda lib: lib.nn.functional.poisson_nll_loss(lib.ones(2), lib.ones(2), reduction="bad"),
    lambda lib: lib.nn.functional.poisson_nll_loss(lib.ones(2), lib.ones(3)),
    lambda lib: lib.nn.functional.triplet_margin_loss(lib.ones(2, 2), lib.ones(2, 2),
                                                      lib.ones(2, 2), reduction="bad"),
    lambda lib: lib.nn.functional.triplet_margin_loss(lib.ones(2, 2), lib.ones(2, 2),
                                                      lib.ones(2, 2), margin=0),
    lambda lib: lib.nn.functional.triplet_margin_loss(lib.ones(2, 2), lib.ones(2, 2), lib.ones(2)),
    lambda lib: lib.nn.TripletMarginLoss(margin=-1.),
])
def test_poisson_and_triplet_errors(program):
    check_raises(program)


@pytest.mark.parametrize("kwargs", [{}, {"log_input": False, "full": True, "reduction": "sum"}])
def test_poisson_nll_loss_module(kwargs):
    def program(lib, x, t):
        module = lib.nn.PoissonNLLLoss(**kwargs)
        return repr(module), module.full, module(x.abs(), t)
    check(program, inputs=[randn(6), const([0., 0.5, 1., 2., 3., 7.], "float32",
                                           requires_grad=False)])


@pytest.mark.parametrize("kwargs", [{}, {"margin": 0.5, "p": 1., "swap": True,
                                         "reduction": "none"}])
def test_triplet_margin_loss_module(kwargs):
    def program(lib, a, p, n):
        module = lib.nn.TripletMarginLoss(**kwargs)
        return repr(module), module.swap, module(a, p, n)
    check(program, inputs=[randn(5, 3), randn(5, 3), randn(5, 3)])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("var_shape", [(4, 3), (4,), (4, 1), (1, 3)])
@pytest.mark.parametrize("full, eps", [(False, 1e-6), (True, 0.5)])
def test_gaussian_nll_loss(reduction, var_shape, full, eps):
    check(lambda lib, x, t, v: lib.nn.functional.gaussian_nll_loss(x, t, v.abs(), full, eps,
                                                                   reduction),
          inputs=[randn(4, 3), randn(4, 3, requires_grad=False), randn(*var_shape)])


def test_gaussian_nll_loss_float_var():
    check(lambda lib, x, t: lib.nn.functional.gaussian_nll_loss(x, t, 0.5),
          inputs=[randn(4, 3), randn(4, 3)])


@pytest.mark.parametrize("program", [
    lambda lib: lib.nn.functional.gaussian_nll_loss(lib.ones(2), lib.ones(2), -lib.ones(2)),
    lambda lib: lib.nn.functional.gaussian_nll_loss(lib.ones(2), lib.ones(2), -1.),
    lambda lib: lib.nn.functional.gaussian_nll_loss(lib.ones(2, 2), lib.ones(2, 2),
                                                    lib.ones(3, 3)),
    lambda lib: lib.nn.functional.gaussian_nll_loss(lib.ones(2), lib.ones(2), lib.ones(2),
                                                    reduction="bad"),
])
def test_gaussian_nll_loss_errors(program):
    check_raises(program)


@pytest.mark.parametrize("kwargs", [{}, {"full": True, "eps": 0.1, "reduction": "none"}])
def test_gaussian_nll_loss_module(kwargs):
    def program(lib, x, t, v):
        module = lib.nn.GaussianNLLLoss(**kwargs)
        return repr(module), module.eps, module(x, t, v.abs())
    check(program, inputs=[randn(4, 3), randn(4, 3), randn(4, 3)])


def test_soft_margin_loss_refuses_a_target_that_requires_grad_as_torch():
    for lib in (compat, torch):
        x, t = lib.randn(3, requires_grad=True), lib.ones(3, requires_grad=True)
        with pytest.raises(RuntimeError, match="not differentiable with respect to argument "
                                               "'target'"):
            lib.nn.functional.soft_margin_loss(x, t)
        with lib.no_grad():
            lib.nn.functional.soft_margin_loss(x, t)
