"""Bad inputs to ``torch.nn``: module construction and attributes, forward passes with wrong
shapes or dtypes, losses with bad targets or reductions, ``nn.init``, ``nn.utils`` and
``load_state_dict``."""
from __future__ import annotations

from . import cases


def _ones(torch, *shape, **kwargs):
    return torch.ones(*shape, **kwargs)


def _linear(torch, i=3, o=2):
    torch.manual_seed(0)
    return torch.nn.Linear(i, o)


def _seq(torch):
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())


def _uninitialised_module(torch, assign):
    class Early(torch.nn.Module):
        def __init__(self):
            assign(torch, self)
            super().__init__()
    return Early()


def _module_with_child(torch):
    m = torch.nn.Module()
    m.child = torch.nn.Linear(2, 2)
    return m


cases("module-construction", {
    "linear-negative-in": lambda torch: torch.nn.Linear(-1, 2),
    "linear-negative-out": lambda torch: torch.nn.Linear(2, -3),
    "linear-float-features": lambda torch: torch.nn.Linear(2.5, 3),
    "linear-str-features": lambda torch: torch.nn.Linear("a", 2),
    "bilinear-negative": lambda torch: torch.nn.Bilinear(2, -2, 3),
    "conv-in-not-divisible-by-groups": lambda torch: torch.nn.Conv2d(3, 4, 3, groups=2),
    "conv-out-not-divisible-by-groups": lambda torch: torch.nn.Conv2d(4, 3, 3, groups=2),
    "conv-zero-groups": lambda torch: torch.nn.Conv2d(4, 4, 3, groups=0),
    "conv-bad-padding-mode": lambda torch: torch.nn.Conv2d(3, 4, 3, padding_mode="bad"),
    "conv-bad-padding-string": lambda torch: torch.nn.Conv2d(3, 4, 3, padding="bad"),
    "conv-same-padding-strided": lambda torch: torch.nn.Conv2d(3, 4, 3, stride=2, padding="same"),
    "conv-negative-channels": lambda torch: torch.nn.Conv2d(-3, 4, 3),
    "embedding-negative": lambda torch: torch.nn.Embedding(-1, 3),
    "embedding-padding-idx-too-large": lambda torch: torch.nn.Embedding(5, 2, padding_idx=5),
    "embedding-padding-idx-too-small": lambda torch: torch.nn.Embedding(5, 2, padding_idx=-6),
    "embedding-weight-shape": lambda torch: torch.nn.Embedding(5, 2, _weight=torch.ones(4, 2)),
    "batchnorm-negative": lambda torch: torch.nn.BatchNorm1d(-1),
    "layernorm-negative": lambda torch: torch.nn.LayerNorm(-2),
    "dropout-above-one": lambda torch: torch.nn.Dropout(p=1.5),
    "dropout-negative": lambda torch: torch.nn.Dropout(p=-0.1),
    "sequential-int": lambda torch: torch.nn.Sequential(1),
    "sequential-function": lambda torch: torch.nn.Sequential(lambda x: x),
    "module-list-int": lambda torch: torch.nn.ModuleList([1]),
    "module-list-append-int": lambda torch: torch.nn.ModuleList().append(3),
    "module-list-extend-int": lambda torch: torch.nn.ModuleList().extend([3]),
    "module-list-extend-non-iterable": lambda torch: torch.nn.ModuleList().extend(3),
    "module-dict-int-value": lambda torch: torch.nn.ModuleDict({"a": 1}),
    "module-dict-int-key": lambda torch: torch.nn.ModuleDict({1: torch.nn.ReLU()}),
    "module-dict-update-int": lambda torch: torch.nn.ModuleDict().update(3),
    "module-dict-update-bad-pair": lambda torch: torch.nn.ModuleDict().update([("a",)]),
    "unflatten-str-sizes": lambda torch: torch.nn.Unflatten(1, "a"),
    "parameter-str": lambda torch: torch.nn.Parameter("a"),
    "parameter-int-tensor": lambda torch: torch.nn.Parameter(torch.tensor([1, 2])),
    "parameter-list": lambda torch: torch.nn.Parameter([1.0, 2.0]),
    "buffer-str": lambda torch: torch.nn.Buffer("a"),
    "hardtanh-bounds": lambda torch: torch.nn.Hardtanh(1.0, -1.0),
    "maxpool-zero-kernel": lambda torch: torch.nn.MaxPool2d(0)(_ones(torch, 1, 1, 4, 4)),
    "maxpool-pad-too-large": lambda torch: torch.nn.MaxPool2d(2, padding=2)(_ones(torch, 1, 1, 4, 4)),
    "avgpool-pad-too-large": lambda torch: torch.nn.AvgPool2d(2, padding=2)(_ones(torch, 1, 1, 4, 4)),
    "maxpool-zero-stride": lambda torch: torch.nn.MaxPool2d(2, stride=0)(_ones(torch, 1, 1, 4, 4)),
})

cases("module-attributes", {
    "add-module-dotted": lambda torch: torch.nn.Module().add_module("a.b", torch.nn.ReLU()),
    "add-module-empty-name": lambda torch: torch.nn.Module().add_module("", torch.nn.ReLU()),
    "add-module-existing-attribute": lambda torch: torch.nn.Module().add_module("training", torch.nn.ReLU()),
    "add-module-int": lambda torch: torch.nn.Module().add_module("a", 3),
    "add-module-int-name": lambda torch: torch.nn.Module().add_module(3, torch.nn.ReLU()),
    "register-module-int": lambda torch: torch.nn.Module().register_module("a", 3),
    "register-buffer-int": lambda torch: torch.nn.Module().register_buffer("b", 3),
    "register-buffer-dotted": lambda torch: torch.nn.Module().register_buffer("a.b", torch.ones(1)),
    "register-buffer-empty-name": lambda torch: torch.nn.Module().register_buffer("", torch.ones(1)),
    "register-buffer-int-name": lambda torch: torch.nn.Module().register_buffer(1, torch.ones(1)),
    "register-buffer-existing-attribute": lambda torch: torch.nn.Module().register_buffer(
        "training", torch.ones(1)),
    "register-buffer-over-parameter": lambda torch: _linear(torch).register_buffer("weight", torch.ones(1)),
    "register-parameter-tensor": lambda torch: torch.nn.Module().register_parameter("p", torch.ones(1)),
    "register-parameter-dotted": lambda torch: torch.nn.Module().register_parameter(
        "a.b", torch.nn.Parameter(torch.ones(1))),
    "register-parameter-empty-name": lambda torch: torch.nn.Module().register_parameter(
        "", torch.nn.Parameter(torch.ones(1))),
    "register-parameter-existing-attribute": lambda torch: torch.nn.Module().register_parameter(
        "training", torch.nn.Parameter(torch.ones(1))),
    "register-parameter-non-leaf": lambda torch: torch.nn.Module().register_parameter(
        "p", torch.nn.Parameter(torch.ones(1)) * 2),
    "register-parameter-before-init": lambda torch: _uninitialised_module(
        torch, lambda torch, m: m.register_parameter("p", torch.nn.Parameter(torch.ones(1)))),
    "register-buffer-before-init": lambda torch: _uninitialised_module(
        torch, lambda torch, m: m.register_buffer("b", torch.ones(1))),
    "assign-parameter-before-init": lambda torch: _uninitialised_module(
        torch, lambda torch, m: setattr(m, "p", torch.nn.Parameter(torch.ones(1)))),
    "assign-module-before-init": lambda torch: _uninitialised_module(
        torch, lambda torch, m: setattr(m, "child", torch.nn.ReLU())),
    "assign-tensor-to-parameter": lambda torch: setattr(_linear(torch), "weight", torch.ones(2, 3)),
    "assign-int-to-parameter": lambda torch: setattr(_linear(torch), "bias", 3),
    "assign-int-to-module": lambda torch: setattr(_module_with_child(torch), "child", 3),
    "assign-int-to-buffer": lambda torch: setattr(torch.nn.BatchNorm1d(2), "running_mean", 3),
    "getattr-missing": lambda torch: _linear(torch).foo,
    "delattr-missing": lambda torch: delattr(_linear(torch), "foo"),
    "get-submodule-missing": lambda torch: _seq(torch).get_submodule("5"),
    "get-submodule-not-module": lambda torch: _seq(torch).get_submodule("0.weight"),
    "get-parameter-missing": lambda torch: _seq(torch).get_parameter("0.foo"),
    "get-parameter-not-parameter": lambda torch: torch.nn.BatchNorm1d(2).get_parameter("running_mean"),
    "get-buffer-missing": lambda torch: torch.nn.BatchNorm1d(2).get_buffer("foo"),
    "get-buffer-not-buffer": lambda torch: torch.nn.BatchNorm1d(2).get_buffer("weight"),
    "no-forward": lambda torch: torch.nn.Module()(torch.ones(1)),
    "train-str": lambda torch: _linear(torch).train("yes"),
    "to-bad-device": lambda torch: _linear(torch).to("nope"),
    "to-int-dtype": lambda torch: _linear(torch).to(torch.int64),
    "apply-not-callable": lambda torch: _linear(torch).apply(3),
    "requires-grad-on-int-buffer-param": lambda torch: _int_parameter_module(torch).requires_grad_(True),
    "sequential-index-out-of-range": lambda torch: _seq(torch)[5],
    "sequential-negative-index": lambda torch: _seq(torch)[-3],
    "sequential-str-index": lambda torch: _seq(torch)["a"],
    "sequential-delete-out-of-range": lambda torch: _seq(torch).__delitem__(5),
    "sequential-setitem-out-of-range": lambda torch: _seq(torch).__setitem__(5, torch.nn.ReLU()),
    "sequential-add-int": lambda torch: _seq(torch) + 3,
    "sequential-mul-zero": lambda torch: _seq(torch) * 0,
    "sequential-mul-str": lambda torch: _seq(torch) * "a",
    "sequential-pop-out-of-range": lambda torch: _seq(torch).pop(5),
    "module-list-index-out-of-range": lambda torch: torch.nn.ModuleList([torch.nn.ReLU()])[3],
    "module-list-setitem-int": lambda torch: torch.nn.ModuleList([torch.nn.ReLU()]).__setitem__(0, 3),
    "module-list-str-index": lambda torch: torch.nn.ModuleList([torch.nn.ReLU()])["a"],
    "module-dict-missing-key": lambda torch: torch.nn.ModuleDict({"a": torch.nn.ReLU()})["b"],
    "module-dict-pop-missing": lambda torch: torch.nn.ModuleDict({"a": torch.nn.ReLU()}).pop("b"),
    "module-dict-setitem-int": lambda torch: torch.nn.ModuleDict().__setitem__("a", 3),
    "forward-hook-not-callable": lambda torch: _forward_with_hook(torch, "register_forward_hook", 3),
    "forward-pre-hook-raises": lambda torch: _forward_with_hook(torch, "register_forward_pre_hook",
                                                                _raise_lookup),
    "forward-hook-raises": lambda torch: _forward_with_hook(torch, "register_forward_hook",
                                                            _raise_lookup),
    "forward-pre-hook-bad-return": lambda torch: _forward_with_hook(
        torch, "register_forward_pre_hook", lambda m, inputs: "not a tuple of tensors"),
})


def _raise_lookup(*args):
    raise LookupError("raised by the hook")


def _forward_with_hook(torch, register, hook):
    m = _linear(torch)
    getattr(m, register)(hook)
    return m(torch.ones(1, 3))


def _int_parameter_module(torch):
    m = torch.nn.Module()
    m.p = torch.nn.Parameter(torch.tensor([1, 2]), requires_grad=False)
    return m


def _bn(torch, cls="BatchNorm1d", n=3):
    return getattr(torch.nn, cls)(n)


cases("forward", {
    "linear-wrong-features": lambda torch: _linear(torch)(_ones(torch, 4)),
    "linear-wrong-features-2d": lambda torch: _linear(torch)(_ones(torch, 2, 4)),
    "linear-double-input": lambda torch: _linear(torch)(_ones(torch, 2, 3, dtype=torch.float64)),
    "linear-int-input": lambda torch: _linear(torch)(torch.ones(2, 3, dtype=torch.int64)),
    "linear-0d-input": lambda torch: _linear(torch)(torch.tensor(1.0)),
    "linear-list-input": lambda torch: _linear(torch)([1.0, 2.0, 3.0]),
    "linear-two-inputs": lambda torch: _linear(torch)(_ones(torch, 3), _ones(torch, 3)),
    "linear-no-input": lambda torch: _linear(torch)(),
    "bilinear-wrong-first": lambda torch: torch.nn.Bilinear(2, 3, 4)(_ones(torch, 1, 3), _ones(torch, 1, 3)),
    "bilinear-batch-mismatch": lambda torch: torch.nn.Bilinear(2, 3, 4)(_ones(torch, 2, 2), _ones(torch, 3, 3)),
    "conv-wrong-channels": lambda torch: torch.nn.Conv2d(3, 4, 3)(_ones(torch, 1, 2, 5, 5)),
    "conv-2d-input": lambda torch: torch.nn.Conv2d(3, 4, 3)(_ones(torch, 3, 5)),
    "conv-5d-input": lambda torch: torch.nn.Conv2d(3, 4, 3)(_ones(torch, 1, 1, 3, 5, 5)),
    "conv-kernel-too-large": lambda torch: torch.nn.Conv2d(3, 4, 3)(_ones(torch, 1, 3, 2, 2)),
    "conv-double-input": lambda torch: torch.nn.Conv2d(3, 4, 3)(_ones(torch, 1, 3, 5, 5, dtype=torch.float64)),
    "conv-int-input": lambda torch: torch.nn.Conv2d(3, 4, 3)(torch.ones(1, 3, 5, 5, dtype=torch.int64)),
    "batchnorm-wrong-features": lambda torch: _bn(torch)(_ones(torch, 2, 4)),
    "batchnorm-one-sample-training": lambda torch: _bn(torch)(_ones(torch, 1, 3)),
    "batchnorm1d-4d-input": lambda torch: _bn(torch)(_ones(torch, 2, 3, 4, 5)),
    "batchnorm1d-1d-input": lambda torch: _bn(torch)(_ones(torch, 3)),
    "batchnorm2d-2d-input": lambda torch: _bn(torch, "BatchNorm2d")(_ones(torch, 2, 3)),
    "batchnorm2d-wrong-channels": lambda torch: _bn(torch, "BatchNorm2d")(_ones(torch, 2, 4, 2, 2)),
    "batchnorm-int-input": lambda torch: _bn(torch)(torch.ones(2, 3, dtype=torch.int64)),
    "layernorm-wrong-shape": lambda torch: torch.nn.LayerNorm(4)(_ones(torch, 2, 3)),
    "layernorm-wrong-2d-shape": lambda torch: torch.nn.LayerNorm((2, 3))(_ones(torch, 3, 2)),
    "layernorm-int-input": lambda torch: torch.nn.LayerNorm(3)(torch.ones(2, 3, dtype=torch.int64)),
    "embedding-index-too-large": lambda torch: torch.nn.Embedding(5, 2)(torch.tensor([5])),
    "embedding-negative-index": lambda torch: torch.nn.Embedding(5, 2)(torch.tensor([-1])),
    "embedding-float-index": lambda torch: torch.nn.Embedding(5, 2)(torch.tensor([1.0])),
    "maxpool-1d-input": lambda torch: torch.nn.MaxPool2d(2)(_ones(torch, 3)),
    "maxpool-output-too-small": lambda torch: torch.nn.MaxPool2d(3)(_ones(torch, 1, 1, 2, 2)),
    "avgpool-output-too-small": lambda torch: torch.nn.AvgPool2d(3)(_ones(torch, 1, 1, 2, 2)),
    "avgpool-1d-input": lambda torch: torch.nn.AvgPool2d(2)(_ones(torch, 4)),
    "flatten-0d": lambda torch: torch.nn.Flatten()(torch.tensor(1.0)),
    "flatten-start-out-of-range": lambda torch: torch.nn.Flatten(3)(_ones(torch, 2, 2)),
    "unflatten-bad-sizes": lambda torch: torch.nn.Unflatten(1, (2, 2))(_ones(torch, 2, 6)),
    "softmax-dim-out-of-range": lambda torch: torch.nn.Softmax(dim=3)(_ones(torch, 2, 2)),
    "log-softmax-dim-out-of-range": lambda torch: torch.nn.LogSoftmax(dim=2)(_ones(torch, 2, 2)),
    "softmax-int-input": lambda torch: torch.nn.Softmax(dim=0)(torch.ones(2, dtype=torch.int64)),
    "relu-str": lambda torch: torch.nn.ReLU()("a"),
    "tanh-list": lambda torch: torch.nn.Tanh()([1.0]),
    "sigmoid-int": lambda torch: torch.nn.Sigmoid()(torch.ones(2, dtype=torch.int64)).sum().backward(),
    "gelu-bad-approximate": lambda torch: torch.nn.GELU(approximate="bad")(_ones(torch, 2)),
    "gelu-int": lambda torch: torch.nn.GELU()(torch.ones(2, dtype=torch.int64)),
    "silu-int": lambda torch: torch.nn.SiLU()(torch.ones(2, dtype=torch.int64)),
    "relu-inplace-leaf": lambda torch: torch.nn.ReLU(inplace=True)(_ones(torch, 2, requires_grad=True)),
    "dropout-int": lambda torch: torch.nn.Dropout()(torch.ones(2, dtype=torch.int64)),
    "sequential-shape-chain": lambda torch: torch.nn.Sequential(
        torch.nn.Linear(2, 3), torch.nn.Linear(2, 3))(_ones(torch, 1, 2)),
    "embedding-2d-weight-index": lambda torch: torch.nn.functional.embedding(
        torch.tensor([0]), torch.ones(3)),
})

_REDUCTION_LOSSES = ("MSELoss", "L1Loss", "CrossEntropyLoss", "NLLLoss", "BCELoss",
                     "BCEWithLogitsLoss", "KLDivLoss", "HuberLoss", "SmoothL1Loss")


def _loss_inputs(torch, name):
    if name in ("CrossEntropyLoss", "NLLLoss"):
        return torch.full((2, 3), -1.0), torch.tensor([0, 1])
    return torch.full((2,), 0.5), torch.full((2,), 0.25)


def _bad_reduction(name):
    def program(torch):
        return getattr(torch.nn, name)(reduction="bad")(*_loss_inputs(torch, name))
    return program


def _ce(torch, logits, target, **kwargs):
    return torch.nn.CrossEntropyLoss(**kwargs)(logits, target)


def _nll(torch, logits, target, **kwargs):
    return torch.nn.NLLLoss(**kwargs)(logits, target)


cases("loss-reduction", {name: _bad_reduction(name) for name in _REDUCTION_LOSSES})

cases("loss", {
    "mse-shape": lambda torch: torch.nn.MSELoss()(_ones(torch, 2), _ones(torch, 3)),
    "mse-str-target": lambda torch: torch.nn.MSELoss()(_ones(torch, 2), "a"),
    "l1-shape": lambda torch: torch.nn.L1Loss()(_ones(torch, 2), _ones(torch, 3)),
    "huber-shape": lambda torch: torch.nn.HuberLoss()(_ones(torch, 2), _ones(torch, 3)),
    "huber-negative-delta": lambda torch: torch.nn.HuberLoss(delta=-1.0)(_ones(torch, 2), _ones(torch, 2)),
    "huber-zero-delta": lambda torch: torch.nn.HuberLoss(delta=0.0)(_ones(torch, 2), _ones(torch, 2)),
    "smooth-l1-negative-beta": lambda torch: torch.nn.SmoothL1Loss(beta=-1.0)(_ones(torch, 2), _ones(torch, 2)),
    "smooth-l1-shape": lambda torch: torch.nn.SmoothL1Loss()(_ones(torch, 2), _ones(torch, 3)),
    "ce-target-too-large": lambda torch: _ce(torch, _ones(torch, 2, 3), torch.tensor([3, 0])),
    "ce-target-negative": lambda torch: _ce(torch, _ones(torch, 2, 3), torch.tensor([-2, 0])),
    "ce-batch-mismatch": lambda torch: _ce(torch, _ones(torch, 2, 3), torch.tensor([0])),
    "ce-int32-target": lambda torch: _ce(torch, _ones(torch, 2, 3), torch.tensor([0, 1], dtype=torch.int32)),
    "ce-float-target-shape": lambda torch: _ce(torch, _ones(torch, 2, 3), _ones(torch, 2, 2)),
    "ce-weight-size": lambda torch: _ce(torch, _ones(torch, 2, 3), torch.tensor([0, 1]),
                                        weight=_ones(torch, 2)),
    "ce-label-smoothing-above-one": lambda torch: _ce(torch, _ones(torch, 2, 3), torch.tensor([0, 1]),
                                                      label_smoothing=1.5),
    "ce-0d-input": lambda torch: _ce(torch, torch.tensor(1.0), torch.tensor(0)),
    "ce-spatial-target-shape": lambda torch: _ce(torch, _ones(torch, 2, 3, 4), torch.zeros(2, 5, dtype=torch.int64)),
    "ce-int-input": lambda torch: _ce(torch, torch.ones(2, 3, dtype=torch.int64), torch.tensor([0, 1])),
    "ce-1d-target-too-large": lambda torch: _ce(torch, _ones(torch, 3), torch.tensor(5)),
    "nll-target-too-large": lambda torch: _nll(torch, _ones(torch, 2, 3), torch.tensor([5, 0])),
    "nll-target-negative": lambda torch: _nll(torch, _ones(torch, 2, 3), torch.tensor([0, -3])),
    "nll-float-target": lambda torch: _nll(torch, _ones(torch, 2, 3), torch.tensor([0.0, 1.0])),
    "nll-batch-mismatch": lambda torch: _nll(torch, _ones(torch, 2, 3), torch.tensor([0, 1, 2])),
    "nll-spatial-target-shape": lambda torch: _nll(torch, _ones(torch, 2, 3, 4), torch.zeros(2, dtype=torch.int64)),
    "nll-weight-size": lambda torch: _nll(torch, _ones(torch, 2, 3), torch.tensor([0, 1]),
                                          weight=_ones(torch, 4)),
    "bce-input-above-one": lambda torch: torch.nn.BCELoss()(torch.full((2,), 1.5), torch.full((2,), 0.5)),
    "bce-input-negative": lambda torch: torch.nn.BCELoss()(torch.full((2,), -0.5), torch.full((2,), 0.5)),
    "bce-shape": lambda torch: torch.nn.BCELoss()(torch.full((2,), 0.5), torch.full((3,), 0.5)),
    "bce-int-target": lambda torch: torch.nn.BCELoss()(torch.full((2,), 0.5), torch.tensor([1, 0])),
    "bce-weight-shape": lambda torch: torch.nn.BCELoss(weight=_ones(torch, 3))(
        torch.full((2,), 0.5), torch.full((2,), 0.5)),
    "bce-logits-shape": lambda torch: torch.nn.BCEWithLogitsLoss()(_ones(torch, 2), _ones(torch, 3)),
    "bce-logits-pos-weight-shape": lambda torch: torch.nn.BCEWithLogitsLoss(pos_weight=_ones(torch, 3))(
        _ones(torch, 2, 2), _ones(torch, 2, 2)),
    "kl-div-shape": lambda torch: torch.nn.KLDivLoss(reduction="batchmean")(_ones(torch, 2, 2), _ones(torch, 3, 2)),
})

cases("functional", {
    "one-hot-negative": lambda torch: torch.nn.functional.one_hot(torch.tensor([-1, 0])),
    "one-hot-too-small": lambda torch: torch.nn.functional.one_hot(torch.tensor([3]), num_classes=2),
    "one-hot-float": lambda torch: torch.nn.functional.one_hot(torch.tensor([1.0])),
    "pad-odd-length": lambda torch: torch.nn.functional.pad(_ones(torch, 2, 2), (1,)),
    "pad-too-long": lambda torch: torch.nn.functional.pad(_ones(torch, 2, 2), (1, 1, 1, 1, 1, 1)),
    "pad-bad-mode": lambda torch: torch.nn.functional.pad(_ones(torch, 1, 2, 2), (1, 1), mode="bad"),
    "pad-negative-too-large": lambda torch: torch.nn.functional.pad(_ones(torch, 2, 2), (-3, 0)),
    "linear-weight-shape": lambda torch: torch.nn.functional.linear(_ones(torch, 2, 3), _ones(torch, 2, 2)),
    "linear-bias-shape": lambda torch: torch.nn.functional.linear(_ones(torch, 2, 3), _ones(torch, 4, 3),
                                                                  _ones(torch, 3)),
    "dropout-above-one": lambda torch: torch.nn.functional.dropout(_ones(torch, 2), p=1.5),
    "dropout-negative": lambda torch: torch.nn.functional.dropout(_ones(torch, 2), p=-1.0),
    "conv2d-weight-3d": lambda torch: torch.nn.functional.conv2d(_ones(torch, 1, 1, 3, 3), _ones(torch, 1, 1, 3)),
    "conv2d-bias-shape": lambda torch: torch.nn.functional.conv2d(
        _ones(torch, 1, 1, 3, 3), _ones(torch, 2, 1, 2, 2), _ones(torch, 3)),
    "embedding-out-of-range": lambda torch: torch.nn.functional.embedding(torch.tensor([4]), _ones(torch, 3, 2)),
    "cross-entropy-target-out-of-range": lambda torch: torch.nn.functional.cross_entropy(
        _ones(torch, 2, 3), torch.tensor([0, 7])),
    "nll-loss-bad-reduction": lambda torch: torch.nn.functional.nll_loss(
        _ones(torch, 2, 3), torch.tensor([0, 1]), reduction="bad"),
    "mse-loss-bad-reduction": lambda torch: torch.nn.functional.mse_loss(
        _ones(torch, 2), _ones(torch, 2), reduction="bad"),
    "layer-norm-shape": lambda torch: torch.nn.functional.layer_norm(_ones(torch, 2, 3), (2,)),
    "batch-norm-running-mean-size": lambda torch: torch.nn.functional.batch_norm(
        _ones(torch, 2, 3), _ones(torch, 2), _ones(torch, 2)),
    "softmax-dim-out-of-range": lambda torch: torch.nn.functional.softmax(_ones(torch, 2), dim=1),
    "max-pool-zero-kernel": lambda torch: torch.nn.functional.max_pool2d(_ones(torch, 1, 1, 4, 4), 0),
    "normalize-dim-out-of-range": lambda torch: torch.nn.functional.normalize(_ones(torch, 2), dim=2),
    "leaky-relu-str-slope": lambda torch: torch.nn.functional.leaky_relu(_ones(torch, 2), "a"),
    "elu-inplace-leaf": lambda torch: torch.nn.functional.elu(_ones(torch, 2, requires_grad=True), inplace=True),
})


def _param_2d(torch, *shape):
    return torch.nn.Parameter(torch.ones(*shape))


cases("init", {
    "xavier-uniform-1d": lambda torch: torch.nn.init.xavier_uniform_(_ones(torch, 3)),
    "xavier-normal-0d": lambda torch: torch.nn.init.xavier_normal_(torch.tensor(1.0)),
    "kaiming-uniform-1d": lambda torch: torch.nn.init.kaiming_uniform_(_ones(torch, 3)),
    "kaiming-normal-1d": lambda torch: torch.nn.init.kaiming_normal_(_ones(torch, 3)),
    "kaiming-bad-mode": lambda torch: torch.nn.init.kaiming_normal_(_ones(torch, 2, 2), mode="bad"),
    "kaiming-bad-nonlinearity": lambda torch: torch.nn.init.kaiming_uniform_(
        _ones(torch, 2, 2), nonlinearity="bad"),
    "calculate-gain-bad": lambda torch: torch.nn.init.calculate_gain("bad"),
    "calculate-gain-bad-slope": lambda torch: torch.nn.init.calculate_gain("leaky_relu", "a"),
    "calculate-gain-bool-slope": lambda torch: torch.nn.init.calculate_gain("leaky_relu", True),
    "orthogonal-1d": lambda torch: torch.nn.init.orthogonal_(_ones(torch, 3)),
    "eye-3d": lambda torch: torch.nn.init.eye_(_ones(torch, 2, 2, 2)),
    "eye-1d": lambda torch: torch.nn.init.eye_(_ones(torch, 2)),
    "uniform-reversed": lambda torch: torch.nn.init.uniform_(_ones(torch, 2), 1.0, 0.0),
    "normal-negative-std": lambda torch: torch.nn.init.normal_(_ones(torch, 2), 0.0, -1.0),
    "constant-str": lambda torch: torch.nn.init.constant_(_ones(torch, 2), "a"),
    "zeros-list": lambda torch: torch.nn.init.zeros_([1.0]),
    "ones-list": lambda torch: torch.nn.init.ones_([1.0]),
    "uniform-list": lambda torch: torch.nn.init.uniform_([1.0]),
    "xavier-list": lambda torch: torch.nn.init.xavier_uniform_([[1.0]]),
})


def _with_grads(torch, grad_value):
    p = torch.nn.Parameter(torch.ones(2))
    p.grad = torch.full((2,), grad_value)
    return p


cases("nn-utils", {
    "clip-norm-non-finite": lambda torch: torch.nn.utils.clip_grad_norm_(
        [_with_grads(torch, float("inf"))], 1.0, error_if_nonfinite=True),
    "clip-norm-nan": lambda torch: torch.nn.utils.clip_grad_norm_(
        [_with_grads(torch, float("nan"))], 1.0, error_if_nonfinite=True),
    "clip-norm-bad-norm-type": lambda torch: torch.nn.utils.clip_grad_norm_(
        [_with_grads(torch, 1.0)], 1.0, norm_type="bad"),
    "clip-norm-str-max": lambda torch: torch.nn.utils.clip_grad_norm_([_with_grads(torch, 1.0)], "a"),
    "clip-value-str": lambda torch: torch.nn.utils.clip_grad_value_([_with_grads(torch, 1.0)], "a"),
    "parameters-to-vector-int": lambda torch: torch.nn.utils.parameters_to_vector([1, 2]),
    "vector-to-parameters-list": lambda torch: torch.nn.utils.vector_to_parameters(
        [1.0, 2.0], [_with_grads(torch, 1.0)]),
    "vector-to-parameters-short": lambda torch: torch.nn.utils.vector_to_parameters(
        torch.ones(1), [_with_grads(torch, 1.0)]),
    "vector-to-parameters-int-param": lambda torch: torch.nn.utils.vector_to_parameters(
        torch.ones(2), [3]),
})


def _state(torch, **changes):
    sd = dict(_linear(torch, 2, 2).state_dict())
    for key, value in changes.items():
        if value is None:
            del sd[key]
        else:
            sd[key] = value(torch)
    return sd


def _load(torch, sd, model=None, **kwargs):
    model = model if model is not None else _linear(torch, 2, 2)
    return model.load_state_dict(sd, **kwargs)


cases("state-dict", {
    "missing-key": lambda torch: _load(torch, _state(torch, bias=None)),
    "unexpected-key": lambda torch: _load(torch, {**_state(torch), "extra": torch.ones(1)}),
    "missing-and-unexpected": lambda torch: _load(torch, {**_state(torch, bias=None), "b": torch.ones(2)}),
    "size-mismatch": lambda torch: _load(torch, _state(torch, weight=lambda torch: torch.ones(3, 2))),
    "size-mismatch-non-strict": lambda torch: _load(
        torch, _state(torch, weight=lambda torch: torch.ones(3, 2)), strict=False),
    "size-mismatch-and-missing": lambda torch: _load(
        torch, _state(torch, weight=lambda torch: torch.ones(1), bias=None)),
    "not-a-mapping": lambda torch: _load(torch, [1, 2]),
    "value-int": lambda torch: _load(torch, _state(torch, weight=lambda torch: 3)),
    "value-list": lambda torch: _load(torch, _state(torch, bias=lambda torch: [1.0, 2.0])),
    "nested-missing": lambda torch: _load(torch, {"0.weight": torch.ones(2, 2)}, model=_seq(torch)),
    "nested-size-mismatch": lambda torch: _load(
        torch, {"0.weight": torch.ones(2, 2), "0.bias": torch.ones(3)}, model=_seq(torch)),
    "buffer-size-mismatch": lambda torch: torch.nn.BatchNorm1d(2).load_state_dict(
        {**torch.nn.BatchNorm1d(2).state_dict(), "running_mean": torch.ones(3)}),
    "buffer-missing": lambda torch: torch.nn.BatchNorm1d(2).load_state_dict(
        {k: v for k, v in torch.nn.BatchNorm1d(2).state_dict().items() if k != "running_var"}),
    "assign-size-mismatch": lambda torch: _load(
        torch, _state(torch, weight=lambda torch: torch.ones(3, 2)), assign=True),
    "load-none": lambda torch: _load(torch, None),
})
