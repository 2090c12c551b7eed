"""Modules as functions, against torch: ``torch.func.functional_call`` (tied weights, strict
names, several dictionaries), ``stack_module_state``, functorch's ``make_functional`` family
and its "moved" warnings, pytree primals of ``jvp``, and the forward-mode side of
``gradcheck``."""
from __future__ import annotations

import warnings

import pytest

import compat
from compat import functorch as compat_functorch
from tests.compat.oracle import both, check_program, check_raises

torch = pytest.importorskip("torch")
functorch = pytest.importorskip("functorch")


def _ft(lib):
    return functorch if lib is torch else compat_functorch


def _tied(lib):
    """Two bias-free layers sharing one weight (a GPT's tied embedding, in small)."""
    lib.manual_seed(0)
    net = lib.nn.Sequential(lib.nn.Linear(3, 3, bias=False), lib.nn.Linear(3, 3, bias=False))
    net[1].weight = net[0].weight
    return net


# --------------------------------------------------------------------------- functional_call
@pytest.mark.parametrize("tie_weights", [True, False])
def test_functional_call_keeps_tied_weights_tied(tie_weights):
    def program(lib):
        net = _tied(lib)
        w = lib.arange(9.).reshape(3, 3) / 10
        w.requires_grad_()
        out = lib.func.functional_call(net, {"0.weight": w}, (lib.ones(2, 3),),
                                       tie_weights=tie_weights)
        out.sum().backward()
        return out, w.grad
    check_program(program)


def test_functional_call_accepts_one_value_given_twice_for_tied_names():
    def program(lib):
        net, w = _tied(lib), lib.eye(3)
        return lib.func.functional_call(net, {"0.weight": w, "1.weight": w}, lib.ones(1, 3))
    check_program(program)


def test_functional_call_assigns_a_buffer_back_into_the_given_dictionary():
    def program(lib):
        class Counter(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.register_buffer("count", lib.zeros(()))

            def forward(self, x):
                self.count = self.count + 1  # a new tensor, not an in-place write
                return x * self.count
        counter, state = Counter(), {"count": lib.tensor(4.)}
        out = lib.func.functional_call(counter, state, lib.ones(2))
        return out, state["count"], counter.count
    check_program(program)


@pytest.mark.parametrize("call", [
    lambda lib, net: lib.func.functional_call(
        net, {"0.weight": lib.eye(3), "1.weight": lib.zeros(3, 3)}, lib.ones(1, 3)),
    lambda lib, net: lib.func.functional_call(net, {"zzz": lib.eye(3)}, lib.ones(1, 3),
                                              strict=True),
    lambda lib, net: lib.func.functional_call(net, ({"0.weight": lib.eye(3)},
                                                    {"0.weight": lib.eye(3)}), lib.ones(1, 3)),
    lambda lib, net: lib.func.functional_call(net, [{"0.weight": lib.eye(3)}, 3], lib.ones(1, 3)),
    lambda lib, net: lib.func.functional_call(net, 3, lib.ones(1, 3)),
], ids=["tied values differ", "strict names", "a key twice", "not a dict", "neither"])
def test_functional_call_errors_are_torchs(call):
    check_raises(lambda lib: call(lib, _tied(lib)))


def test_stateless_functional_call_warns_as_torch_does():
    def program(lib):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = lib.nn.utils.stateless.functional_call(_tied(lib), {"0.weight": lib.eye(3)},
                                                         lib.ones(1, 3))
        return out, [(w.category, str(w.message)) for w in caught]
    ours, theirs = both(program)
    assert ours[1] == theirs[1]
    assert ours[0].tolist() == theirs[0].tolist()


# --------------------------------------------------------------------------- stack_module_state
def test_stacked_parameters_are_new_leaves_that_require_grad():
    def program(lib):
        lib.manual_seed(0)
        models = [lib.nn.Linear(3, 2) for _ in range(4)]
        params, buffers = lib.func.stack_module_state(models)
        return params["weight"], params["bias"], params["weight"].is_leaf, buffers
    check_program(program)


@pytest.mark.parametrize("models", [
    lambda lib: [],
    lambda lib: [lib.nn.Linear(2, 2), lib.nn.Linear(2, 2).eval()],
    lambda lib: [lib.nn.Linear(2, 2), lib.nn.Tanh()],
    lambda lib: [lib.nn.Linear(2, 2), lib.nn.Linear(2, 2).requires_grad_(False)],
], ids=["none", "train and eval", "classes", "requires_grad"])
def test_stack_module_state_errors_are_torchs(models):
    check_raises(lambda lib: lib.func.stack_module_state(models(lib)))


# --------------------------------------------------------------------------- functorch
@pytest.mark.parametrize("name, call", [
    ("vmap", lambda ft, lib: ft.vmap(lib.sum)(lib.ones(2, 3))),
    ("grad", lambda ft, lib: ft.grad(lambda x: (x * x).sum())(lib.ones(2))),
    ("jacrev", lambda ft, lib: ft.jacrev(lib.sin)(lib.zeros(2))),
    ("jvp", lambda ft, lib: ft.jvp(lib.sin, (lib.zeros(2),), (lib.ones(2),))),
    ("make_functional", lambda ft, lib: ft.make_functional(lib.nn.Linear(2, 2))[0]
     ([lib.eye(2), lib.zeros(2)], lib.ones(2))),
])
def test_functorch_functions_warn_that_they_moved(name, call):
    def program(lib):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = call(_ft(lib), lib)
        # torch's first calls also warn from its own internals: only the "moved" ones count
        return out, [(w.category, str(w.message), w.filename) for w in caught
                     if "functorch" in str(w.message)]
    ours, theirs = both(program)
    assert ours[1] == theirs[1] and len(theirs[1]) == 1  # category, text, the caller's file


def _quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return call()


def test_make_functional_with_buffers_gives_torchs_values_and_gradients():
    def program(lib):
        lib.manual_seed(0)
        # eval mode: a transform may not update the running statistics it captured
        model = lib.nn.Sequential(lib.nn.Linear(4, 3), lib.nn.BatchNorm1d(3), lib.nn.Tanh())
        model.eval()
        func, params, buffers = _quiet(lambda: _ft(lib).make_functional_with_buffers(model))
        x = lib.randn(5, 4)
        loss = func(params, buffers, x).pow(2).sum()
        grads = lib.autograd.grad(loss, params)
        per_param = _quiet(lambda: _ft(lib).grad(
            lambda p: func(p, buffers, x).pow(2).sum())(params))
        return loss, grads, per_param, [p.requires_grad for p in params]
    # the transform's result is one node here, torch's formula's nodes there
    check_program(program, rtol=1e-5, atol=1e-6, grad_fn=False)


def test_make_functional_keeps_tied_weights_tied():
    def program(lib):
        func, params = _quiet(lambda: _ft(lib).make_functional(_tied(lib)))
        return len(params), func([lib.eye(3) * 2], lib.ones(1, 3))
    check_program(program)


def test_combine_state_for_ensemble_with_vmap_matches_torch():
    def program(lib):
        lib.manual_seed(0)
        models = [lib.nn.Linear(3, 2) for _ in range(4)]
        func, params, buffers = _quiet(lambda: _ft(lib).combine_state_for_ensemble(models))
        x = lib.randn(5, 3)
        out = _quiet(lambda: _ft(lib).vmap(func, in_dims=(0, 0, None))(params, buffers, x))
        return out, [p.requires_grad for p in params]
    check_program(program, rtol=1e-6)


@pytest.mark.parametrize("call", [
    lambda lib: _ft(lib).make_functional(lib.nn.BatchNorm1d(2)),
    lambda lib: _ft(lib).combine_state_for_ensemble([]),
    lambda lib: _ft(lib).combine_state_for_ensemble([lib.nn.Linear(2, 2), lib.nn.Tanh()]),
], ids=["buffers", "no models", "classes"])
def test_functorch_module_errors_are_torchs(call):
    check_raises(lambda lib: _quiet(lambda: call(lib)))


# --------------------------------------------------------------------------- jvp of pytrees
def test_jvp_takes_primals_that_are_tuples_of_tensors():
    def program(lib):
        return lib.func.jvp(lambda p: p[0] * p[1].exp(),
                            ((lib.tensor([1., 2.]), lib.tensor([0.5, -1.])),),
                            ((lib.tensor([1., 0.]), lib.tensor([0., 1.])),))
    check_program(program, rtol=1e-6)


def test_jvp_structure_mismatch_error_is_torchs():
    check_raises(lambda lib: lib.func.jvp(
        lambda p: p[0] * p[1], ((lib.ones(2), lib.ones(2)), {"a": lib.ones(1)}),
        ((lib.ones(2),), {"a": lib.ones(1)})))


# --------------------------------------------------------------------------- custom Function
def _exp_function(lib, wrong=False):
    class Exp(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            result = lib.exp(x)
            ctx.result = result
            return result

        @staticmethod
        def jvp(ctx, tangent):
            return tangent * ctx.result * (2 if wrong else 1)
    return Exp


def test_a_custom_functions_output_is_the_tensor_its_forward_made():
    def program(lib):
        fn = _exp_function(lib)
        x = lib.tensor([0.5, 1.0], requires_grad=True)
        with lib.autograd.forward_ad.dual_level():
            out = fn.apply(lib.autograd.forward_ad.make_dual(x, lib.ones(2)))
            tangent = lib.autograd.forward_ad.unpack_dual(out).tangent
        return tangent, tangent.requires_grad
    check_program(program)


def test_gradcheck_checks_forward_mode_alone():
    def program(lib):
        x = lib.tensor([0.2, 0.7], dtype=lib.float64, requires_grad=True)
        return lib.autograd.gradcheck(_exp_function(lib).apply, (x,), check_forward_ad=True,
                                      check_backward_ad=False, check_undefined_grad=False,
                                      check_batched_grad=False)
    ours, theirs = both(program)
    assert ours is theirs is True


def test_gradcheck_forward_mode_failure_is_torchs():
    def program(lib):
        x = lib.tensor([0.2, 0.7], dtype=lib.float64, requires_grad=True)
        try:
            lib.autograd.gradcheck(_exp_function(lib, wrong=True).apply, (x,),
                                   check_forward_ad=True, check_backward_ad=False,
                                   check_undefined_grad=False, check_batched_grad=False)
        except RuntimeError as err:
            return type(err).__name__, str(err)
        return None
    ours, theirs = both(program)
    assert theirs[0] == "GradcheckError" and "computed with forward mode" in theirs[1]
    assert ours == theirs


@pytest.mark.parametrize("kwargs", [
    {"check_forward_ad": False, "check_backward_ad": False},
    {"check_batched_grad": True, "check_backward_ad": False, "check_forward_ad": True},
    {"check_batched_forward_grad": True},
])
def test_gradcheck_mode_errors_are_torchs(kwargs):
    check_raises(lambda lib: lib.autograd.gradcheck(
        lib.sin, (lib.tensor([0.5], dtype=lib.float64, requires_grad=True),), **kwargs))


# --------------------------------------------------------------------------- autograd over transforms
@pytest.mark.parametrize("program", [
    lambda lib, x: lib.func.grad(lambda a: (a ** 3).sum())(x),
    lambda lib, x: lib.func.vmap(lambda a: a.sin() * a)(x.reshape(2, 1)),
    lambda lib, x: lib.func.jacrev(lambda a: a.sin() * a)(x),
    lambda lib, x: lib.func.hessian(lambda a: (a ** 4).sum())(x),
    lambda lib, x: sum(lib.func.jvp(lambda a: a.exp(), (x,), (lib.ones(2),))),
    lambda lib, x: lib.func.grad_and_value(lambda a: (a.tanh() ** 2).sum())(x)[0],
], ids=["grad", "vmap", "jacrev", "hessian", "jvp", "grad_and_value"])
def test_a_transforms_result_is_differentiable_in_its_arguments(program):
    def run(lib):
        x = lib.tensor([0.5, -1.25], dtype=lib.float64, requires_grad=True)
        out = program(lib, x)
        (g,) = lib.autograd.grad(out.sum(), x)
        return g, out.requires_grad
    check_program(run, grad_fn=False)  # one node here, torch's formula's nodes there


def test_second_order_through_an_inner_gradient_matches_torch():
    def run(lib):
        w = lib.tensor([0.5, -1.0], dtype=lib.float64, requires_grad=True)
        inner = lib.func.grad(lambda p: ((p * 3 - 1) ** 2).sum())(w)
        outer = ((w - 0.1 * inner) ** 2).sum()
        (g,) = lib.autograd.grad(outer, w, create_graph=True)
        (h,) = lib.autograd.grad(g.sum(), w)
        return outer, g, h
    check_program(run, grad_fn=False)
