"""The autograd engine against torch: each program runs in both libraries and every printed
value, gradient, warning and exception is compared."""
import threading
import warnings

import pytest

from bad_inputs.functions import function_class
from oracle import check_program, check_raises, compat


# torch's values within 1e-6 (relative and absolute), whatever the dtype.
TOL = {"rtol": 1e-6, "atol": 1e-6}


# ---------------------------------------------------------------- accumulation and zero_
def test_gradients_accumulate_across_backward_calls():
    def program(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        grads = []
        for _ in range(3):
            (x * x).sum().backward()
            grads.append(x.grad.clone())
        x.grad.zero_()
        (x ** 3).sum().backward()
        grads.append(x.grad)
        return grads
    check_program(program, **TOL)


def test_grad_object_is_updated_in_place():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        (x * 2).sum().backward()
        held = x.grad
        (x * 3).sum().backward()
        return held, x.grad is held
    check_program(program, **TOL)


def test_shared_subexpression_sums_gradients():
    def program(lib):
        x = lib.tensor([0.5, -1.5], requires_grad=True)
        y = x.exp()
        z = (y * y + y.sin() * x).sum()
        z.backward()
        return x.grad
    check_program(program, **TOL)


def test_backward_with_gradient_argument():
    def program(lib):
        x = lib.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        y = x * x
        y.backward(gradient=lib.tensor([[1.0, 0.5], [0.0, 2.0]]))
        return x.grad
    check_program(program, **TOL)


def test_seed_loop_matches_torch_after_200_epochs():
    def program(lib):
        lib.manual_seed(42)
        x = lib.rand(100, 1)
        y = 1 + 2 * x + .1 * lib.randn(100, 1)
        b = lib.randn(1, requires_grad=True)
        w = lib.randn(1, requires_grad=True)
        for _ in range(200):
            loss = ((y - (b + w * x)) ** 2).mean()
            loss.backward()
            with lib.no_grad():
                b -= 0.1 * b.grad
                w -= 0.1 * w.grad
            b.grad.zero_(), w.grad.zero_()
        return b, w, loss
    check_program(program, rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------- errors and warnings
def test_non_scalar_backward_needs_gradient():
    check_raises(lambda lib: (lib.ones(3, requires_grad=True) * 2).backward(), exact_type=True)


def test_second_backward_through_freed_graph():
    def program(lib):
        x = lib.ones(3, requires_grad=True)
        y = (x * x).sum()
        y.backward()
        y.backward()
    check_raises(program, exact_type=True)


def test_retain_graph_allows_second_backward():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = (x * x).sum()
        y.backward(retain_graph=True)
        y.backward()
        return x.grad
    check_program(program, **TOL)


def test_graph_of_ops_saving_no_tensors_can_be_walked_twice():
    # torch's AddBackward0/SumBackward0 save no tensors, so a second backward succeeds.
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = (x + 2).sum()
        y.backward()
        y.backward()
        return x.grad
    check_program(program, **TOL)


def test_inplace_on_leaf_requiring_grad():
    def program(lib):
        b = lib.ones(1, requires_grad=True)
        b -= 0.1
    check_raises(program, exact_type=True)


def test_inplace_on_view_of_leaf():
    check_raises(lambda lib: lib.ones(3, requires_grad=True)[0].add_(1), exact_type=True)


def test_backward_on_tensor_without_grad():
    check_raises(lambda lib: lib.ones(2).sum().backward(), exact_type=True)


def test_nonleaf_grad_access_warns_as_torch():
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        y = x * 2
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = y.grad
        return value, [(w.category, str(w.message)) for w in caught]
    check_program(program, **TOL)


@pytest.mark.parametrize("value", [3, "a", [1.0]])
def test_grad_setter_rejects_non_tensors(value):
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        x.grad = value
    check_raises(program, exact_type=True)


def test_grad_setter_rejects_wrong_shape_and_dtype():
    def shape(lib):
        lib.ones(2, requires_grad=True).grad = lib.ones(3)

    def dtype(lib):
        lib.ones(2, requires_grad=True).grad = lib.ones(2, dtype=lib.float64)
    check_raises(shape, exact_type=True)
    check_raises(dtype, exact_type=True)


def test_requires_grad_rules():
    check_raises(lambda lib: lib.ones(2, dtype=lib.long).requires_grad_(), exact_type=True)
    check_raises(lambda lib: setattr(lib.ones(2, requires_grad=True) * 2, "requires_grad", False),
                 exact_type=True)


def test_numpy_and_item_errors():
    check_raises(lambda lib: lib.ones(2, requires_grad=True).numpy(), exact_type=True)
    check_raises(lambda lib: lib.ones(3).item(), exact_type=True)


# ---------------------------------------------------------------- graph structure
def test_grad_fn_names_and_next_functions():
    def program(lib):
        a = lib.tensor([5.0], requires_grad=True)
        b = lib.tensor([6.0], requires_grad=True)
        y = a ** 3 - b ** 2
        out = [type(y.grad_fn).__name__, y.grad_fn.name(), y.is_leaf, a.is_leaf]
        for fn, nr in y.grad_fn.next_functions:
            out.append((type(fn).__name__, nr, fn.name()))
            leaf = fn.next_functions[0][0]
            out.append((type(leaf).__name__, leaf.name(), leaf.variable is a or leaf.variable is b))
        c = 2 * a
        out.append([(type(f).__name__ if f is not None else None, n) for f, n in c.grad_fn.next_functions])
        out.append(type((1 - a).grad_fn).__name__)
        return out
    check_program(program, **TOL)


def test_retain_grad_and_hooks():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        y.retain_grad()
        seen = []
        y.register_hook(lambda g: seen.append(g.clone()))
        handle = x.register_hook(lambda g: g * 10)
        (y * y).sum().backward()
        handle.remove()
        return y.grad, seen, x.grad, y.retains_grad
    check_program(program, **TOL)


def test_leaf_hook_changes_accumulated_grad():
    def program(lib):
        x = lib.tensor([1.0, -1.0], requires_grad=True)
        x.register_hook(lambda g: g * 2)
        (x * x).sum().backward()
        return x.grad
    check_program(program, **TOL)


def test_post_accumulate_grad_hook_sees_the_accumulated_grad():
    # torch runs it after .grad is summed, after the leaf's tensor hooks, for backward(inputs=)
    # too, never for autograd.grad; a hook may return its own tensor; a removed hook is gone
    def program(lib):
        w = lib.tensor([1.0, 2.0], requires_grad=True)
        seen = []
        w.register_hook(lambda g: g * 2)
        handle = w.register_post_accumulate_grad_hook(lambda t: seen.append(t.grad.clone()))
        w.register_post_accumulate_grad_hook(lambda t: t)
        (w * w).sum().backward()
        (w * 3).sum().backward(inputs=[w])
        lib.autograd.grad((w * 5).sum(), [w])
        handle.remove()
        (w * 7).sum().backward()
        return seen, w.grad
    check_program(program, **TOL)


def test_post_accumulate_grad_hook_may_step_an_optimizer():
    def program(lib):
        lib.manual_seed(0)
        model = lib.nn.Linear(3, 2)
        optimizers = {p: lib.optim.SGD([p], lr=0.1) for p in model.parameters()}
        def step(parameter):
            optimizers[parameter].step()
            optimizers[parameter].zero_grad()
        for p in model.parameters():
            p.register_post_accumulate_grad_hook(step)
        for _ in range(3):
            model(lib.ones(4, 3)).pow(2).sum().backward()
        return [p.detach() for p in model.parameters()], [p.grad for p in model.parameters()]
    check_program(program, **TOL)


def test_post_accumulate_grad_hook_refusals():
    check_raises(lambda torch: torch.ones(2).register_post_accumulate_grad_hook(print))
    check_raises(lambda torch: (torch.ones(2, requires_grad=True) * 2)
                 .register_post_accumulate_grad_hook(print))

    def returns(value):
        def program(torch):
            w = torch.ones(2, requires_grad=True)
            w.register_post_accumulate_grad_hook(lambda t: value(t))
            (w * 3).sum().backward()
        return program
    check_raises(returns(lambda t: 1))
    check_raises(returns(lambda t: t * 2))


# ---------------------------------------------------------------- autograd.grad
def test_autograd_grad_does_not_accumulate():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        (g,) = lib.autograd.grad((x ** 2).sum(), x)
        return g, x.grad
    check_program(program, **TOL)


def test_higher_order_derivatives_with_create_graph():
    def program(lib):
        x = lib.tensor([0.3, -1.2, 2.0], requires_grad=True)
        y = (x.sin() * x ** 3).sum()
        (g,) = lib.autograd.grad(y, x, create_graph=True)
        (h,) = lib.autograd.grad(g.sum(), x, create_graph=True)
        (t,) = lib.autograd.grad(h.sum(), x)
        return g, h, t
    check_program(program, rtol=1e-5, atol=1e-5)


def test_create_graph_backward_then_grad_of_grad():
    def program(lib):
        x = lib.tensor(2.0, requires_grad=True)
        y = x ** 4
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            y.backward(create_graph=True)
        first = x.grad.clone()
        g = x.grad
        x.grad = None
        g.backward()
        return first, x.grad, [(w.category, str(w.message)) for w in caught]
    check_program(program, **TOL)


def test_autograd_grad_of_non_leaf_and_unused_inputs():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        h = x * 2
        z = lib.tensor([1.0], requires_grad=True)
        out = (h ** 2).sum()
        gh, gz = lib.autograd.grad(out, [h, z], allow_unused=True)
        return gh, gz
    check_program(program, **TOL)
    check_raises(lambda lib: lib.autograd.grad((lib.ones(1, requires_grad=True) * 2).sum(),
                                               lib.ones(1, requires_grad=True)), exact_type=True)


# ---------------------------------------------------------------- Function and functional
def test_custom_function():
    def program(lib):
        class Cube(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x, k):
                ctx.save_for_backward(x)
                ctx.k = k
                return x ** 3 * k

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return 3 * x ** 2 * ctx.k * grad, None

        x = lib.tensor([1.0, -2.0], requires_grad=True)
        y = Cube.apply(x, 2.0)
        flags = []

        class Probe(lib.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                flags.append(ctx.needs_input_grad)
                return a + b

            @staticmethod
            def backward(ctx, g):
                return g, g

        Probe.apply(x, lib.ones(2))
        y.sum().backward()
        return y, x.grad, type(y.grad_fn).__name__, flags
    check_program(program, **TOL)


def test_functional_jacobian_hessian_vjp_jvp():
    def program(lib):
        F = lib.autograd.functional
        x = lib.tensor([0.5, 1.5, -1.0])
        jac = F.jacobian(lambda v: v.sin() * v.sum(), x)
        hess = F.hessian(lambda v: (v ** 3).sum() * v[0], x)
        out, vjp = F.vjp(lambda v: v ** 2, x, lib.tensor([1.0, 2.0, 3.0]))
        out2, jvp = F.jvp(lambda v: v.exp(), x, lib.tensor([1.0, 0.0, 1.0]))
        (ja, jb) = F.jacobian(lambda a, b: a * b, (x, x + 1))
        return jac, hess, out, vjp, out2, jvp, ja, jb
    check_program(program, rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------- grad modes
def test_grad_modes_as_context_managers_and_decorators():
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        out = []
        with lib.no_grad():
            out.append((x * 2).requires_grad)
            with lib.enable_grad():
                out.append((x * 2).requires_grad)
        with lib.set_grad_enabled(False):
            out.append(lib.is_grad_enabled())
        out.append(lib.is_grad_enabled())
        with lib.inference_mode():
            out.append((x * 2).requires_grad)

        @lib.no_grad()
        def f(v):
            return v * 2

        @lib.no_grad()
        def gen(v):
            yield (v * 2).requires_grad
            yield lib.is_grad_enabled()

        out.append(f(x).requires_grad)
        out.extend(gen(x))
        out.append(lib.is_grad_enabled())
        lib.set_grad_enabled(False)
        out.append(lib.is_grad_enabled())
        lib.set_grad_enabled(True)
        return out
    check_program(program, **TOL)


def test_grad_mode_is_thread_local():
    results = {}

    def worker():
        results["thread"] = compat.is_grad_enabled()

    with compat.no_grad():
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        results["main"] = compat.is_grad_enabled()
    assert results == {"thread": True, "main": False}


# ---------------------------------------------------------------- views and .data
def test_writes_through_views_and_data_reach_the_base():
    def program(lib):
        x = lib.zeros(2, 3)
        row = x[0]
        row.fill_(1.0)
        x[:, 2] = 5.0
        col = x.t()[1]
        col += 2
        d = x.data
        d.mul_(2)
        snapshot = row.clone()
        x.add_(1)
        return x, snapshot, row, col
    check_program(program, **TOL)


def test_data_update_keeps_leaf_and_graph():
    def program(lib):
        w = lib.tensor([1.0, 2.0], requires_grad=True)
        (w * w).sum().backward()
        w.data.sub_(0.5 * w.grad.data)
        return w, w.is_leaf, w.requires_grad, w.grad
    check_program(program, **TOL)


def test_gradient_flows_through_inplace_write_into_a_view():
    def program(lib):
        a = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        b = lib.tensor([4.0, 5.0], requires_grad=True)
        y = a.clone() * 2
        y[1:] = b * b
        (y * lib.tensor([1.0, 10.0, 100.0])).sum().backward()
        return y, a.grad, b.grad, type(y.grad_fn).__name__
    check_program(program, **TOL)


def test_detach_shares_values():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        d = x.detach()
        with lib.no_grad():
            x.mul_(3)
        return d, d.requires_grad
    check_program(program, **TOL)


def test_view_taken_before_an_inplace_op_on_its_base_sees_it_in_gradients():
    def program(lib):
        x = lib.tensor([1.0, -2.0, 3.0, 0.5], requires_grad=True)
        y = x * 2
        v = y.view(2, 2)
        row = y[1:3]
        y.mul_(3).add_(x)  # v and row now see 3y + x, values and gradients
        (v.sum() + (row * 10).sum()).backward()
        return v, row, x.grad, type(v.grad_fn).__name__, v.requires_grad
    check_program(program, **TOL)


def test_inplace_write_into_a_detached_alias_of_a_non_leaf():
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x + 1
        d = y.detach()
        d.add_(10)  # changes y's values; invisible to autograd
        y.sum().backward()
        return y, d, x.grad, d.requires_grad
    check_program(program, **TOL)


def test_custom_function_returning_no_gradient_for_an_input_that_requires_it():
    def program(lib):
        half = function_class(lib, "Half", lambda ctx, a, b: a * 2 + b,
                              lambda ctx, g: (g * 2, None))  # b gets no gradient
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        b = lib.tensor([3.0, 4.0], requires_grad=True)
        c = b * 3  # b's gradient path through Half is cut; this one stays
        (half.apply(a, c * 1) + c).sum().backward()
        return a.grad, b.grad
    check_program(program, **TOL)


def test_backward_gradient_must_be_a_tensor():
    def program(lib):
        y = lib.ones(2, requires_grad=True) * 2
        y.backward([1.0, 3.0])
    check_raises(program, exact_type=True)


def test_a_custom_function_gets_one_gradient_per_output():
    # an output no gradient reaches gets zeros (None without materialized grads), as torch
    # passes them; setup_context style
    def program(lib):
        seen = []

        class ProductAndSum(lib.autograd.Function):
            @staticmethod
            def forward(x, y):
                return x * y, x + y

            @staticmethod
            def setup_context(ctx, inputs, output):
                ctx.save_for_backward(*inputs)

            @staticmethod
            def backward(ctx, grad_product, grad_sum):
                x, y = ctx.saved_tensors
                seen.append(grad_sum.tolist())
                return grad_product * y + grad_sum, grad_product * x + grad_sum

        x = lib.tensor([1., 2.], requires_grad=True)
        y = lib.tensor([3., 4.], requires_grad=True)
        product, _ = ProductAndSum.apply(x, y)
        product.sum().backward()
        return seen, x.grad, y.grad
    check_program(program)
