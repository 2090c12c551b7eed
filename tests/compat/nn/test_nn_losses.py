"""Every loss of compat.nn (module and functional) against torch: values and gradients for
every reduction, class weights, ignore_index, label smoothing, probabilities; bad targets."""
import warnings

import numpy as np
import pytest

from nn_oracle import assert_close, compat, raises_like, torch

rng = np.random.default_rng(1)


def f32(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def probs(*shape):
    p = rng.random(shape).astype(np.float32)
    return p / p.sum(axis=1, keepdims=True)


def run(lib, make_loss, x, t, weight=None, x_transform=None):
    xi = lib.tensor(x.copy(), requires_grad=True)
    ti = lib.tensor(t.copy())
    loss_mod = make_loss(lib.nn, None if weight is None else lib.tensor(weight))
    inp = xi if x_transform is None else x_transform(lib, xi)
    out = loss_mod(inp, ti)
    g = lib.tensor(np.linspace(0.5, 1.5, max(out.numel(), 1)).reshape(tuple(out.shape))
                   .astype(np.float32))
    (out * g).sum().backward()
    return out, xi.grad, loss_mod


CASES = {
    "mse": (lambda nn, w, r: nn.MSELoss(reduction=r), f32(4, 3), f32(4, 3), None, None),
    "l1": (lambda nn, w, r: nn.L1Loss(reduction=r), f32(4, 3), f32(4, 3), None, None),
    "huber": (lambda nn, w, r: nn.HuberLoss(reduction=r, delta=0.7), 2 * f32(5, 3), f32(5, 3),
              None, None),
    "smooth_l1": (lambda nn, w, r: nn.SmoothL1Loss(reduction=r, beta=0.5), f32(5, 3),
                  f32(5, 3), None, None),
    "ce": (lambda nn, w, r: nn.CrossEntropyLoss(reduction=r), f32(6, 4),
           np.array([0, 3, 1, 1, 2, 0]), None, None),
    "ce_weight": (lambda nn, w, r: nn.CrossEntropyLoss(weight=w, reduction=r), f32(6, 4),
                  np.array([0, 3, 1, 1, 2, 0]), np.array([1., 2., .5, 3.], np.float32), None),
    "ce_ignore": (lambda nn, w, r: nn.CrossEntropyLoss(ignore_index=1, reduction=r), f32(6, 4),
                  np.array([0, 3, 1, 1, 2, 0]), None, None),
    "ce_smooth": (lambda nn, w, r: nn.CrossEntropyLoss(label_smoothing=0.2, reduction=r),
                  f32(6, 4), np.array([0, 3, 1, 1, 2, 0]), None, None),
    "ce_smooth_weight_ignore": (
        lambda nn, w, r: nn.CrossEntropyLoss(w, ignore_index=2, label_smoothing=0.1,
                                             reduction=r),
        f32(6, 4), np.array([0, 3, 2, 1, 2, 0]), np.array([1., 2., .5, 3.], np.float32), None),
    "ce_probs": (lambda nn, w, r: nn.CrossEntropyLoss(reduction=r), f32(5, 4), probs(5, 4),
                 None, None),
    "ce_probs_smooth_weight": (
        lambda nn, w, r: nn.CrossEntropyLoss(w, label_smoothing=0.3, reduction=r), f32(5, 4),
        probs(5, 4), np.array([1., 2., .5, 3.], np.float32), None),
    "ce_spatial": (lambda nn, w, r: nn.CrossEntropyLoss(reduction=r), f32(2, 3, 4, 5),
                   rng.integers(0, 3, (2, 4, 5)), None, None),
    "ce_unbatched": (lambda nn, w, r: nn.CrossEntropyLoss(reduction=r), f32(4),
                     np.array(2), None, None),
    "nll": (lambda nn, w, r: nn.NLLLoss(reduction=r), f32(6, 4), np.array([0, 3, 1, 1, 2, 0]),
            None, lambda lib, x: lib.nn.functional.log_softmax(x, dim=1)),
    "nll_weight_ignore": (lambda nn, w, r: nn.NLLLoss(w, ignore_index=0, reduction=r),
                          f32(6, 4), np.array([0, 3, 1, 1, 2, 0]),
                          np.array([1., 2., .5, 3.], np.float32), None),
    "bce": (lambda nn, w, r: nn.BCELoss(reduction=r), f32(4, 3),
            (rng.random((4, 3)) > 0.5).astype(np.float32), None,
            lambda lib, x: lib.sigmoid(x)),
    "bce_weight": (lambda nn, w, r: nn.BCELoss(weight=w, reduction=r), f32(4, 3),
                   rng.random((4, 3)).astype(np.float32), np.array([1., 2., 3.], np.float32),
                   lambda lib, x: lib.sigmoid(x)),
    "bce_logits": (lambda nn, w, r: nn.BCEWithLogitsLoss(reduction=r), 3 * f32(4, 3),
                   (rng.random((4, 3)) > 0.5).astype(np.float32), None, None),
    "bce_logits_pos_weight": (
        lambda nn, w, r: nn.BCEWithLogitsLoss(pos_weight=w, reduction=r), 3 * f32(4, 3),
        rng.random((4, 3)).astype(np.float32), np.array([1., 2., 3.], np.float32), None),
    "kl_div": (lambda nn, w, r: nn.KLDivLoss(reduction=r), f32(4, 3), probs(4, 3), None,
               lambda lib, x: lib.nn.functional.log_softmax(x, dim=1)),
}


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("name", list(CASES))
def test_loss_against_torch(name, reduction):
    make, x, t, w, transform = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out_c, grad_c, mod_c = run(compat, lambda nn, w: make(nn, w, reduction), x, t, w,
                                   transform)
        out_t, grad_t, mod_t = run(torch, lambda nn, w: make(nn, w, reduction), x, t, w,
                                   transform)
    assert_close(out_c, out_t, 2e-5, 2e-6, "loss")
    assert_close(grad_c, grad_t, 1e-4, 1e-5, "grad")
    if out_t.grad_fn is not None:
        assert type(out_c.grad_fn).__name__ == type(out_t.grad_fn).__name__
    assert repr(mod_c) == repr(mod_t)
    assert list(mod_c.state_dict()) == list(mod_t.state_dict())


def test_kl_div_batchmean():
    x, t = f32(4, 3), probs(4, 3)
    out = [lib.nn.functional.kl_div(lib.tensor(x).log_softmax(1), lib.tensor(t),
                                    reduction="batchmean") for lib in (compat, torch)]
    assert_close(out[0], out[1])


def test_legacy_reduction_arguments():
    x, t = f32(4, 3), f32(4, 3)
    for size_average, reduce in [(False, None), (None, False), (True, True)]:
        with warnings.catch_warnings(record=True) as wc:
            warnings.simplefilter("always")
            c = compat.nn.MSELoss(size_average=size_average, reduce=reduce)
        with warnings.catch_warnings(record=True) as wt:
            warnings.simplefilter("always")
            tm = torch.nn.MSELoss(size_average=size_average, reduce=reduce)
        assert c.reduction == tm.reduction
        assert [str(w.message) for w in wc] == [str(w.message) for w in wt]
        assert_close(c(compat.tensor(x), compat.tensor(t)), tm(torch.tensor(x), torch.tensor(t)))


def test_size_mismatch_warning():
    for lib in (torch, compat):
        with pytest.warns(UserWarning, match="Using a target size"):
            lib.nn.functional.mse_loss(lib.ones(3, 1), lib.ones(3))


@pytest.mark.parametrize("fn", [
    lambda lib: lib.nn.CrossEntropyLoss()(lib.ones(3, 4), lib.tensor([1., 2., 0.])),
    lambda lib: lib.nn.CrossEntropyLoss()(lib.ones(3, 4), lib.tensor([1, 2, 0],
                                                                    dtype=lib.int32)),
    lambda lib: lib.nn.NLLLoss()(lib.ones(3, 4), lib.tensor([1., 2., 0.])),
    lambda lib: lib.nn.CrossEntropyLoss()(lib.ones(3, 4), lib.tensor([1, 7, 0])),
    lambda lib: lib.nn.NLLLoss()(lib.ones(3, 4), lib.tensor([-2, 1, 0])),
    lambda lib: lib.nn.BCELoss()(lib.full((2, 2), 0.5), lib.ones(2, 2, dtype=lib.long)),
    lambda lib: lib.nn.BCELoss()(lib.full((2, 2), 1.5), lib.ones(2, 2)),
    lambda lib: lib.nn.BCEWithLogitsLoss()(lib.ones(2, 2), lib.ones(2, 2, dtype=lib.long)),
    lambda lib: lib.nn.BCEWithLogitsLoss()(lib.ones(2, 2), lib.ones(2, 3)),
    lambda lib: lib.nn.CrossEntropyLoss(label_smoothing=1.5)(lib.ones(3, 4), lib.tensor([1, 2, 0])),
    lambda lib: lib.nn.MSELoss(reduction="avg")(lib.ones(2), lib.ones(2)),
    lambda lib: lib.nn.CrossEntropyLoss()(lib.ones(3, 4), lib.tensor([1, 2])),
])
def test_bad_targets_raise_like_torch(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raises_like(fn)
