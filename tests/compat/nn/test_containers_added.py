"""ParameterList, ParameterDict, uninitialized parameters, the Lazy modules and Module.to_empty
against torch: the same program through both libraries, comparing values, reprs, state_dict
keys, gradients after a training step, and errors."""
import copy
import os
import sys
from collections import OrderedDict

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from oracle import assert_same, both, check_program, check_raises, compat, torch  # noqa: E402


def _sgd_step(lib, model, x):
    opt = lib.optim.SGD(model.parameters(), lr=0.1)
    loss = model(x).pow(2).sum()
    loss.backward()
    grads = [p.grad.clone() for p in model.parameters()]
    opt.step()
    return grads


# --------------------------------------------------------------------------- ParameterList
def _param_list(lib):
    return lib.nn.ParameterList([lib.randn(2, 3), lib.nn.Parameter(lib.randn(4)), "x", 3])


def test_parameter_list_repr_and_registration():
    def program(lib):
        pl = _param_list(lib)
        pl.append(lib.randn(2, dtype=lib.float64))
        pl.extend([lib.ones(1)])
        pl += [lib.zeros(3)]
        return (repr(pl), len(pl), [n for n, _ in pl.named_parameters()],
                [type(p).__name__ for p in pl], list(pl.state_dict()),
                [p.requires_grad for p in pl.parameters()], list(pl.parameters()))
    check_program(program, seed=0, ulps=0)


def test_parameter_list_empty_repr_and_slices():
    def program(lib):
        pl = lib.nn.ParameterList([lib.randn(2), lib.randn(3), lib.randn(4), lib.randn(5)])
        sub = pl[1:4:2]
        pl[0] = lib.randn(6)
        return (repr(lib.nn.ParameterList()), repr(sub), type(sub).__name__, pl[-1], pl[0],
                sub[0] is pl[1], [tuple(p.shape) for p in pl])
    ours, _ = check_program(program, seed=0, ulps=0)
    assert ours[5]


def test_parameter_list_in_a_model_trains():
    def program(lib):
        class Net(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.ws = lib.nn.ParameterList([lib.randn(3, 4), lib.randn(4, 2)])

            def forward(self, x):
                for w in self.ws:
                    x = x @ w
                return x

        model = Net()
        x = lib.randn(5, 3)
        grads = _sgd_step(lib, model, x)
        sd = model.state_dict()
        fresh = Net()
        fresh.load_state_dict(sd)
        return grads, list(sd), list(model.parameters()), list(fresh.parameters()), repr(model)
    check_program(program, seed=0)


@pytest.mark.parametrize("case", ["index", "call", "extend_tensor", "extend_int", "set_int"])
def test_parameter_list_errors(case):
    def program(lib):
        pl = _param_list(lib)
        if case == "index":
            return pl[7]
        if case == "call":
            return pl()
        if case == "extend_tensor":
            return pl.extend(lib.ones(2))
        if case == "extend_int":
            return pl.extend(3)
        pl[0] = 5
    check_raises(program)


# --------------------------------------------------------------------------- ParameterDict
def _param_dict(lib):
    return lib.nn.ParameterDict({"b": lib.randn(2), "a": lib.randn(3, dtype=lib.float64),
                                 "c": 1})


def test_parameter_dict_repr_order_and_registration():
    def program(lib):
        pd = _param_dict(lib)
        pd.update(OrderedDict([("z", lib.randn(1)), ("y", lib.nn.Parameter(lib.randn(2)))]))
        pd.update([("m", lib.randn(2, 2))])
        pd["n"] = lib.randn(1, requires_grad=False)
        return (repr(pd), list(pd.keys()), list(pd), len(pd), [n for n, _ in pd.named_parameters()],
                list(pd.state_dict()), [type(v).__name__ for v in pd.values()],
                [k for k, _ in pd.items()], "a" in pd, "q" in pd, list(reversed(pd)),
                repr(lib.nn.ParameterDict()))
    check_program(program, seed=0, ulps=0)


def test_parameter_dict_dict_methods():
    def program(lib):
        pd = _param_dict(lib)
        popped = pd.pop("b")
        last = pd.popitem()
        got = (pd.get("a"), pd.get("nope"), pd.get("nope", 7))
        default = pd.setdefault("d", lib.ones(2))
        again = pd.setdefault("d", lib.zeros(2))
        fk = pd.fromkeys(["u", "v"], lib.ones(1))
        cp = pd.copy()
        other = lib.nn.ParameterDict({"w": lib.randn(3)})
        merged = pd | other
        pd |= other
        cleared = pd.copy()
        cleared.clear()
        return (popped, last, got, default, again is default, repr(fk), list(fk),
                fk["u"] is fk["v"], repr(cp), cp["a"] is pd["a"], list(merged), list(pd),
                len(cleared), list(cleared.named_parameters()))
    check_program(program, seed=0, ulps=0)


def test_parameter_dict_in_a_model_trains():
    def program(lib):
        class Net(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.p = lib.nn.ParameterDict({"left": lib.randn(3, 2), "right": lib.randn(3, 2)})

            def forward(self, x):
                return x @ self.p["left"] + x @ self.p["right"]

        model = Net()
        grads = _sgd_step(lib, model, lib.randn(4, 3))
        fresh = Net()
        result = fresh.load_state_dict(model.state_dict())
        return (grads, list(model.state_dict()), list(fresh.parameters()), repr(result),
                repr(model))
    check_program(program, seed=0)


@pytest.mark.parametrize("case", ["int_key", "missing", "call", "update_int", "short_pair",
                                  "not_iterable_pair", "dotted_key", "set_int_key"])
def test_parameter_dict_errors(case):
    def program(lib):
        pd = _param_dict(lib)
        if case == "int_key":
            return pd[1]
        if case == "missing":
            return pd["zz"]
        if case == "call":
            return pd(1)
        if case == "update_int":
            return pd.update(3)
        if case == "short_pair":
            return pd.update([(1,)])
        if case == "not_iterable_pair":
            return pd.update([1])
        if case == "dotted_key":
            pd["a.b"] = lib.ones(1)
        pd[3] = lib.ones(1)
    check_raises(program)


# --------------------------------------------------------------------------- uninitialized
def test_uninitialized_parameter_and_buffer():
    def program(lib):
        p = lib.nn.UninitializedParameter()
        b = lib.nn.UninitializedBuffer()
        deep = copy.deepcopy(p)
        out = (repr(p), str(p), p.requires_grad, p.dtype, repr(b), b.requires_grad, b.persistent,
               isinstance(p, lib.nn.Parameter), lib.nn.parameter.is_lazy(p),
               lib.nn.parameter.is_lazy(lib.ones(1)), repr(deep), deep is not p,
               repr(lib.nn.UninitializedParameter(dtype=lib.float64).dtype))
        p.materialize((2, 3))
        b.materialize((4,), dtype=lib.float64)
        return out + (type(p).__name__, p.shape, p.requires_grad, type(b).__name__, b.shape,
                      b.dtype, lib.nn.parameter.is_lazy(p))
    check_program(program)


@pytest.mark.parametrize("case", ["shape_param", "shape_buffer", "share_memory"])
def test_uninitialized_errors(case):
    def program(lib):
        if case == "shape_param":
            return lib.nn.UninitializedParameter().shape
        if case == "shape_buffer":
            return lib.nn.UninitializedBuffer().shape
        return lib.nn.UninitializedParameter().share_memory_()
    check_raises(program)


# --------------------------------------------------------------------------- lazy modules
LAZY = {
    "LazyLinear": (lambda nn: nn.LazyLinear(3), (2, 4)),
    "LazyLinear_nobias": (lambda nn: nn.LazyLinear(3, bias=False), (2, 5, 4)),
    "LazyConv1d": (lambda nn: nn.LazyConv1d(4, 3, padding=1), (2, 3, 7)),
    "LazyConv2d": (lambda nn: nn.LazyConv2d(4, 3, stride=2, groups=2), (2, 6, 7, 7)),
    "LazyConv2d_unbatched": (lambda nn: nn.LazyConv2d(2, 3, bias=False), (3, 5, 5)),
    "LazyConvTranspose1d": (lambda nn: nn.LazyConvTranspose1d(4, 3, stride=2), (2, 3, 5)),
    "LazyConvTranspose2d": (lambda nn: nn.LazyConvTranspose2d(2, 3, output_padding=1,
                                                             stride=2), (1, 3, 4, 4)),
    "LazyBatchNorm1d": (lambda nn: nn.LazyBatchNorm1d(), (4, 3)),
    "LazyBatchNorm1d_3d": (lambda nn: nn.LazyBatchNorm1d(momentum=None), (4, 3, 5)),
    "LazyBatchNorm2d": (lambda nn: nn.LazyBatchNorm2d(affine=False), (2, 3, 4, 4)),
    "LazyInstanceNorm1d": (lambda nn: nn.LazyInstanceNorm1d(), (2, 3, 6)),
    "LazyInstanceNorm2d": (lambda nn: nn.LazyInstanceNorm2d(affine=False,
                                                           track_running_stats=False),
                           (2, 3, 4, 4)),
}


@pytest.mark.parametrize("name", sorted(LAZY))
def test_lazy_module_materializes_as_torch(name):
    make, shape = LAZY[name]

    def program(lib):
        m = make(lib.nn)
        before = (repr(m), type(m).__name__, m.has_uninitialized_params(),
                  [(k, repr(v)) for k, v in m.state_dict().items()],
                  [n for n, _ in m.named_parameters()], [n for n, _ in m.named_buffers()])
        x = lib.randn(*shape)
        y = m(x)
        initial = [(k, v.clone()) for k, v in m.named_parameters()]
        state = list(m.state_dict().items())
        after = (repr(m), repr(type(m)), hasattr(m, "_initialize_hook"),
                 hasattr(m, "has_uninitialized_params"))
        grads = _sgd_step(lib, m, x) if list(m.parameters()) else []
        return (before, after, initial), (y, state, grads, list(m.parameters()))
    ours, theirs = both(program, seed=0)
    assert_same(ours[0], theirs[0], ulps=0)  # the same init, bit for bit
    # compat's unbatched convolution records its own grad_fn (not the lazy module's doing)
    assert_same(ours[1], theirs[1], grad_fn=name != "LazyConv2d_unbatched")


def test_lazy_module_in_sequential_and_load_state_dict():
    def program(lib):
        nn = lib.nn
        model = nn.Sequential(nn.LazyConv1d(4, 3), nn.LazyBatchNorm1d(), nn.Flatten(),
                              nn.LazyLinear(2))
        before = repr(model)
        x = lib.randn(2, 3, 6)
        y = model(x)
        initial = [v.clone() for v in model.parameters()]
        grads = _sgd_step(lib, model, x)
        lazy = nn.Sequential(nn.LazyConv1d(4, 3), nn.LazyBatchNorm1d(), nn.Flatten(),
                             nn.LazyLinear(2))
        result = lazy.load_state_dict(model.state_dict())
        still = [type(m).__name__ for m in lazy]
        out = lazy(x)
        return ((before, repr(model), initial, repr(result), still, repr(lazy),
                 [type(m).__name__ for m in lazy], list(lazy.state_dict())),
                (y, grads, out, list(model.state_dict().values())))
    ours, theirs = both(program, seed=0)
    assert_same(ours[0], theirs[0], ulps=0)
    assert_same(ours[1], theirs[1])


def test_lazy_module_to_dtype_then_forward():
    def program(lib):
        m = lib.nn.LazyLinear(2).double()
        y = m(lib.randn(3, 4, dtype=lib.float64))
        return y, m.weight.dtype, m.bias
    check_program(program, seed=0)


@pytest.mark.parametrize("case", ["conv_dims", "conv_groups", "bn_dims", "in_dims"])
def test_lazy_module_errors(case):
    def program(lib):
        nn = lib.nn
        if case == "conv_dims":
            return nn.LazyConv2d(4, 3)(lib.randn(2, 3))
        if case == "conv_groups":
            return nn.LazyConv1d(4, 3, groups=2)(lib.randn(2, 3, 5))
        if case == "bn_dims":
            return nn.LazyBatchNorm2d()(lib.randn(2, 3))
        return nn.LazyInstanceNorm1d()(lib.randn(2, 3, 4, 5))
    check_raises(program)


def test_lazy_module_error_leaves_it_lazy():
    def program(lib):
        m = lib.nn.LazyConv2d(4, 3)
        try:
            m(lib.randn(2, 3))
        except RuntimeError:
            pass
        return type(m).__name__, m.has_uninitialized_params(), repr(m)
    check_program(program)


# --------------------------------------------------------------------------- Module odds
def test_to_empty_keeps_shapes_and_names():
    def program(lib):
        m = lib.nn.Sequential(lib.nn.Linear(3, 2), lib.nn.BatchNorm1d(2))
        out = m.to_empty(device="cpu")
        return (out is m, [(k, v.shape, v.dtype) for k, v in m.state_dict().items()],
                [type(p).__name__ for p in m.parameters()],
                [p.requires_grad for p in m.parameters()])
    check_program(program, seed=0)


def test_get_submodule_parameter_buffer_and_named_modules():
    def program(lib):
        nn = lib.nn
        shared = nn.Linear(2, 2)
        m = nn.Sequential(OrderedDict([("a", shared), ("b", shared),
                                       ("c", nn.Sequential(nn.BatchNorm1d(2)))]))
        m.register_module("d", nn.ReLU())
        return (repr(m.get_submodule("c.0")), m.get_parameter("a.weight"),
                m.get_buffer("c.0.running_mean"),
                [n for n, _ in m.named_modules()],
                [n for n, _ in m.named_modules(remove_duplicate=False)],
                [n for n, _ in m.named_parameters(remove_duplicate=False)])
    check_program(program, seed=0, ulps=0)


@pytest.mark.parametrize("case", ["no_sub", "not_module", "no_param", "not_param", "no_buffer",
                                  "not_buffer", "add_not_module", "add_dotted", "add_empty",
                                  "add_existing", "add_name_type"])
def test_module_lookup_errors(case):
    def program(lib):
        nn = lib.nn
        m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
        m.flag = 3
        if case == "no_sub":
            return m.get_submodule("0.nope")
        if case == "not_module":
            return m.get_submodule("0.weight")
        if case == "no_param":
            return m.get_parameter("0.nope")
        if case == "not_param":
            return m.get_parameter("1.running_mean")
        if case == "no_buffer":
            return m.get_buffer("1.nope")
        if case == "not_buffer":
            return m.get_buffer("0.weight")
        if case == "add_not_module":
            return m.add_module("x", 3)
        if case == "add_dotted":
            return m.add_module("x.y", nn.ReLU())
        if case == "add_empty":
            return m.add_module("", nn.ReLU())
        if case == "add_existing":
            return m.add_module("flag", nn.ReLU())
        return m.add_module(1, nn.ReLU())
    check_raises(program)


def test_parameter_containers_repr_inside_models():
    def program(lib):
        class Net(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.pl = lib.nn.ParameterList([lib.randn(2)])
                self.pd = lib.nn.ParameterDict({"k": lib.randn(1, 2)})
                self.lin = lib.nn.LazyLinear(2)

        return repr(Net())
    ours, theirs = both(program, seed=0)
    assert_same(ours, theirs)


@pytest.mark.parametrize("opt", ["SGD", "Adam"])
def test_optimizer_made_before_the_first_forward(opt):
    def program(lib):
        model = lib.nn.Sequential(lib.nn.LazyLinear(3), lib.nn.ReLU(), lib.nn.LazyLinear(1))
        copied = repr(copy.deepcopy(model))
        kwargs = {"lr": 0.1, "momentum": 0.9} if opt == "SGD" else {"lr": 0.01}
        optimizer = getattr(lib.optim, opt)(model.parameters(), **kwargs)
        x = lib.randn(4, 5)
        for _ in range(2):
            optimizer.zero_grad()
            loss = model(x).pow(2).sum()
            loss.backward()
            optimizer.step()
        return copied, loss, list(model.parameters())
    check_program(program, seed=0)


def test_lazy_state_dict_keep_vars_and_loading_into_lazy():
    def program(lib):
        m = lib.nn.LazyLinear(2)
        kept = [(k, repr(v)) for k, v in m.state_dict(keep_vars=True).items()]
        m.load_state_dict(lib.nn.Linear(4, 2).state_dict())
        return kept, type(m).__name__, m.weight, m.bias, m.has_uninitialized_params()
    check_program(program, seed=0, ulps=0)


def test_loading_an_uninitialized_state_dict_into_an_eager_module():
    check_raises(lambda lib: lib.nn.Linear(4, 2).load_state_dict(
        lib.nn.LazyLinear(2).state_dict()))
