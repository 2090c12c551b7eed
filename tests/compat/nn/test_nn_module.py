"""nn.Module's API against torch: registration, iteration, modes, zero_grad, to,
requires_grad_, state_dict/load_state_dict (strict keys, torch's errors), apply, hooks, repr,
containers."""
import copy
from collections import OrderedDict

import numpy as np
import pytest

from nn_oracle import compat, raises_like, torch


class Net:
    """The same model class body for both libraries."""

    @staticmethod
    def make(lib):
        nn = lib.nn

        class Block(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(3, 4)
                self.bn = nn.BatchNorm1d(4)
                self.register_buffer("scale", lib.ones(1))
                self.register_buffer("tmp", lib.zeros(2), persistent=False)

            def forward(self, x):
                return self.bn(self.fc(x)) * self.scale

        class Model(nn.Module):
            def __init__(self):
                super().__init__()
                self.block = Block()
                self.heads = nn.ModuleList([nn.Linear(4, 2), nn.Linear(4, 2), nn.Linear(4, 1)])
                self.extra = nn.ModuleDict({"act": nn.ReLU(), "drop": nn.Dropout(0.1)})
                self.w = nn.Parameter(lib.ones(2))

            def forward(self, x):
                h = self.extra["act"](self.block(x))
                return self.heads[0](h) * self.w + self.heads[1](h)

        lib.manual_seed(0)
        return Model()


@pytest.fixture
def models():
    return Net.make(compat), Net.make(torch)


def test_names_and_iteration(models):
    c, t = models
    assert [n for n, _ in c.named_parameters()] == [n for n, _ in t.named_parameters()]
    assert [n for n, _ in c.named_buffers()] == [n for n, _ in t.named_buffers()]
    assert [n for n, _ in c.named_modules()] == [n for n, _ in t.named_modules()]
    assert [n for n, _ in c.named_children()] == [n for n, _ in t.named_children()]
    assert len(list(c.parameters())) == len(list(t.parameters()))
    assert len(list(c.parameters(recurse=False))) == 1
    assert len(list(c.modules())) == len(list(t.modules()))
    assert list(c.state_dict()) == list(t.state_dict())
    assert repr(c) == repr(t)
    for (n, a), (_, b) in zip(c.state_dict().items(), t.state_dict().items()):
        np.testing.assert_array_equal(a.numpy(), b.numpy(), err_msg=n)
    assert c.get_submodule("block.fc") is c.block.fc
    assert c.get_parameter("block.fc.bias") is c.block.fc.bias
    assert isinstance(c.w, compat.nn.Parameter) and isinstance(c.w, compat.Tensor)


def test_forward_backward_matches(models):
    c, t = models
    x = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    oc, ot = c(compat.tensor(x)), t(torch.tensor(x))
    np.testing.assert_allclose(oc.detach().numpy(), ot.detach().numpy(), rtol=1e-5, atol=1e-6)
    oc.sum().backward(), ot.sum().backward()
    for (n, a), (_, b) in zip(c.named_parameters(), t.named_parameters()):
        if b.grad is None:
            assert a.grad is None, n
        else:
            np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=1e-4, atol=1e-5,
                                       err_msg=n)
    c.zero_grad()
    assert all(p.grad is None for p in c.parameters())
    oc = c(compat.tensor(x))
    oc.sum().backward()
    c.zero_grad(set_to_none=False)
    assert all(p.grad is None or not p.grad.any() for p in c.parameters())


def test_train_eval_and_requires_grad(models):
    c, _ = models
    assert c.training and c.block.bn.training
    assert c.eval() is c
    assert not c.training and not c.block.bn.training and not c.extra["drop"].training
    c.train()
    assert c.extra["drop"].training
    c.requires_grad_(False)
    assert not any(p.requires_grad for p in c.parameters())
    c.block.requires_grad_()
    assert all(p.requires_grad for p in c.block.parameters())
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        c.train("yes")


def test_to_dtype(models):
    c, t = models
    c.to(compat.float64), t.to(torch.float64)
    assert [str(p.dtype) for p in c.state_dict().values()] == \
        [str(p.dtype) for p in t.state_dict().values()]
    c.float()
    assert c.block.fc.weight.dtype is compat.float32
    assert c.block.bn.num_batches_tracked.dtype is compat.int64
    w = c.block.fc.weight
    c.double()
    assert c.block.fc.weight is w and w.dtype is compat.float64  # parameters keep identity


def test_state_dict_round_trip(models):
    c, t = models
    sd = c.state_dict()
    c2 = Net.make(compat)
    with compat.no_grad():
        for p in c2.parameters():
            p.fill_(0.5)
    result = c2.load_state_dict(sd)
    assert repr(result) == repr(t.load_state_dict(t.state_dict())) == "<All keys matched successfully>"
    for (n, a), (_, b) in zip(c2.state_dict().items(), sd.items()):
        np.testing.assert_array_equal(a.numpy(), b.numpy(), err_msg=n)
    assert sd["block.fc.weight"].requires_grad is False
    assert c.state_dict(keep_vars=True)["block.fc.weight"] is c.block.fc.weight
    assert list(c.state_dict(prefix="m.")) == ["m." + k for k in t.state_dict()]


def _torch_and_compat_sd(mutate):
    out = {}
    for lib in (torch, compat):
        m = Net.make(lib)
        sd = OrderedDict(m.state_dict())
        mutate(lib, sd)
        out[lib.__name__] = (m, sd)
    return out


@pytest.mark.parametrize("mutate", [
    lambda lib, sd: sd.pop("block.fc.bias"),
    lambda lib, sd: sd.update({"block.fc.extra": lib.ones(1), "nothing": lib.ones(1)}),
    lambda lib, sd: (sd.pop("w"), sd.update({"heads.5.weight": lib.ones(1)})),
    lambda lib, sd: sd.update({"block.fc.weight": lib.ones(2, 2)}),
    lambda lib, sd: sd.update({"block.fc.weight": 3}),
])
def test_load_state_dict_errors_match_torch(mutate):
    pairs = _torch_and_compat_sd(mutate)
    raises_like(lambda lib: pairs[lib.__name__][0].load_state_dict(pairs[lib.__name__][1]))


def test_load_state_dict_non_strict():
    pairs = _torch_and_compat_sd(lambda lib, sd: (sd.pop("block.fc.bias"),
                                                  sd.update({"zzz": lib.ones(1)})))
    results = [m.load_state_dict(sd, strict=False) for m, sd in
               (pairs["compat"], pairs["torch"])]
    assert results[0].missing_keys == results[1].missing_keys == ["block.fc.bias"]
    assert results[0].unexpected_keys == results[1].unexpected_keys == ["zzz"]
    assert repr(results[0]) == repr(results[1])


def test_apply_and_hooks(models):
    c, _ = models
    seen = []
    c.apply(lambda m: seen.append(type(m).__name__))
    assert seen[-1] == "Model" and seen[0] == "Linear"
    calls = []
    h1 = c.block.fc.register_forward_pre_hook(lambda m, args: calls.append("pre"))
    h2 = c.block.fc.register_forward_hook(lambda m, args, out: out * 0)
    out = c.block.fc(compat.ones(2, 3))
    assert calls == ["pre"] and not out.any()
    h1.remove(), h2.remove()
    assert c.block.fc(compat.ones(2, 3)).any()

    def double_input(m, args):
        return (args[0] * 2,)
    with c.block.fc.register_forward_pre_hook(double_input):
        a = c.block.fc(compat.ones(1, 3))
    b = c.block.fc(compat.full((1, 3), 2.0))
    np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy())
    kw = []
    c.block.fc.register_forward_hook(lambda m, args, kwargs, out: kw.append(kwargs),
                                     with_kwargs=True)
    c.block.fc(input=compat.ones(1, 3))
    assert kw == [{"input": kw[0]["input"]}]


def test_registration_errors_match_torch():
    def assign_tensor_to_param(lib):
        m = lib.nn.Linear(2, 2)
        m.weight = lib.ones(2, 2)

    def assign_tensor_before_init(lib):
        class Bad(lib.nn.Module):
            def __init__(self):
                self.p = lib.nn.Parameter(lib.ones(1))
        Bad()

    def bad_buffer(lib):
        lib.nn.Module().register_buffer("a.b", lib.ones(1))

    def existing_attr(lib):
        m = lib.nn.Linear(2, 2)
        m.register_buffer("forward", lib.ones(1))

    def non_leaf(lib):
        m = lib.nn.Linear(2, 2)
        m.register_parameter("q", lib.nn.Parameter(lib.ones(1)) * 2)

    def missing_forward(lib):
        lib.nn.Module()(1)

    def missing_attr(lib):
        return lib.nn.Linear(2, 2).nothing

    for fn in (assign_tensor_to_param, assign_tensor_before_init, bad_buffer, existing_attr,
               non_leaf, missing_forward, missing_attr):
        raises_like(fn)


def test_containers():
    for lib in (compat, torch):
        lib.manual_seed(0)
    seqs = [lib.nn.Sequential(OrderedDict([("a", lib.nn.Linear(2, 3)), ("r", lib.nn.ReLU()),
                                           ("b", lib.nn.Linear(3, 1))])) for lib in (compat, torch)]
    c, t = seqs
    assert repr(c) == repr(t)
    assert repr(c[1:]) == repr(t[1:])
    assert len(c) == 3 and isinstance(c[-1], compat.nn.Linear)
    del c[1], t[1]
    assert repr(c) == repr(t)
    c.append(compat.nn.Tanh()), t.append(torch.nn.Tanh())
    assert repr(c) == repr(t)
    lists = [lib.nn.ModuleList([lib.nn.Linear(2, 2) for _ in range(3)] + [lib.nn.ReLU()])
             for lib in (compat, torch)]
    assert repr(lists[0]) == repr(lists[1])  # "(0-2): 3 x Linear(...)"
    lists[0].insert(1, compat.nn.Tanh()), lists[1].insert(1, torch.nn.Tanh())
    assert repr(lists[0]) == repr(lists[1])
    assert repr(lists[0][1:3]) == repr(lists[1][1:3])
    dicts = [lib.nn.ModuleDict({"x": lib.nn.Identity(), "y": lib.nn.Flatten()})
             for lib in (compat, torch)]
    assert repr(dicts[0]) == repr(dicts[1])
    assert list(dicts[0].keys()) == ["x", "y"] and "x" in dicts[0]
    raises_like(lambda lib: lib.nn.ModuleList([lib.nn.ReLU()])[3])
    raises_like(lambda lib: lib.nn.Sequential(lib.nn.ReLU()) + lib.nn.ReLU())


def test_parameter_and_buffer_basics():
    p = compat.nn.Parameter(compat.tensor([1.0, 2.0]))
    assert repr(p) == repr(torch.nn.Parameter(torch.tensor([1.0, 2.0])))
    assert p.requires_grad and p.is_leaf
    q = compat.nn.Parameter(compat.zeros(2), requires_grad=False)
    assert not q.requires_grad
    assert copy.deepcopy(p).__class__ is compat.nn.Parameter
    m = compat.nn.Module()
    m.buf = compat.nn.Buffer(compat.ones(3), persistent=False)
    assert "buf" in m._buffers and "buf" not in m.state_dict()
    m2 = copy.deepcopy(compat.nn.Linear(2, 2))
    assert isinstance(m2.weight, compat.nn.Parameter)


def test_custom_module_like_torch_tutorial():
    """A torch-style model class, trained a few steps: the losses are torch's."""
    losses = {}
    for lib in (torch, compat):
        class TwoLayer(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.hidden = lib.nn.Linear(3, 8)
                self.out = lib.nn.Linear(8, 1)

            def forward(self, x):
                return self.out(lib.relu(self.hidden(x)))

        lib.manual_seed(7)
        model = TwoLayer()
        opt = lib.optim.SGD(model.parameters(), lr=0.05)
        x, y = lib.randn(16, 3), lib.randn(16, 1)
        vals = []
        for _ in range(5):
            opt.zero_grad()
            loss = lib.nn.functional.mse_loss(model(x), y)
            loss.backward()
            opt.step()
            vals.append(loss.item())
        losses[lib.__name__] = vals
    np.testing.assert_allclose(losses["compat"], losses["torch"], rtol=1e-5)
