"""Bad inputs against torch: every program torch rejects, compat rejects the same way.

The cases live in ``tests/compat/bad_inputs/`` (one module per area), each a program
``fn(lib)`` run through torch and through compat. Per case: compat raises torch's exception
type, and neither its message nor its traceback shows JAX or numpy. Over all cases (those
still marked xfail included): the share of compat's messages whose first line is torch's.
Next to them, the programs near those bad inputs that torch accepts (compat must too).

    python -m pytest -q -p no:cacheprovider tests/compat/test_bad_inputs.py
"""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402
from oracle import check  # noqa: E402

from bad_inputs import CASES, first_line, foreign_words, jax_frames, outcome, same_type  # noqa: E402
from bad_inputs import autograd_cases, checkpoint_cases, data_cases, nn_cases  # noqa: E402,F401
from bad_inputs import optim_cases, tensor_cases  # noqa: E402,F401
from bad_inputs import added_function_cases  # noqa: E402,F401
from bad_inputs.accepted_cases import ACCEPTED  # noqa: E402

MESSAGE_THRESHOLD = 0.95
MIN_CASES = 400


def _param(c):
    marks = () if c.xfail is None else pytest.mark.xfail(strict=True, reason=c.xfail)
    return pytest.param(c, id=c.id, marks=marks)


@pytest.mark.parametrize("bad", [_param(c) for c in CASES.values()])
def test_bad_input(bad):
    result = outcome(bad, torch, compat)
    theirs, ours = result.theirs, result.ours
    assert theirs is not None, "torch accepts this program: the case is wrong"
    assert ours is not None, f"compat accepts it; torch raises {type(theirs).__name__}: {theirs}"
    assert same_type(ours, theirs), \
        f"compat raises {type(ours).__name__}: {ours}\ntorch raises {type(theirs).__name__}: {theirs}"
    words = foreign_words(ours, theirs)
    assert not words, f"compat's message shows {words}: {ours}"
    frames = jax_frames(result.our_frames)
    assert not frames, f"compat's traceback runs through {frames}"


def _counts():
    total = types = lines = 0
    for c in CASES.values():
        result = outcome(c, torch, compat)
        if result.theirs is None:
            continue
        total += 1
        if result.ours is not None and same_type(result.ours, result.theirs):
            types += 1
            lines += first_line(result.ours) == first_line(result.theirs)
    return total, types, lines


def test_case_count():
    total, types, lines = _counts()
    print(f"\nbad inputs: {total} cases, {types} raise torch's type, {lines} with torch's first "
          "line")
    assert total >= MIN_CASES


def test_message_first_lines_match_torch():
    total, _, lines = _counts()
    assert lines / total >= MESSAGE_THRESHOLD, \
        f"{lines}/{total} = {lines / total:.3f} of first lines match torch's"


# Cases whose fix lives in the autograd, nn, optim and data facades: compat's whole message
# is torch's.
EXACT_MESSAGES = [
    "backward/gradient-float", "backward/gradients-fewer", "backward/tensors-float",
    "backward/tensors-list-of-float", "backward/inputs-empty", "backward/inputs-no-grad",
    "backward/inputs-float", "backward/inputs-ordered-dict",
    "grad/outputs-float", "grad/outputs-list-of-float", "grad/inputs-float",
    "grad/inputs-list-of-str", "grad/inputs-empty", "grad/materialize-without-allow-unused",
    "grad/grad-outputs-float", "grad/grad-outputs-too-few", "grad/unused-input",
    "grad-batched/grad-outputs-shape", "grad-batched/grad-outputs-none",
    "grad-batched/batch-sizes-differ", "grad-batched/twice-without-retain",
    "function/backward-returns-str", "function/backward-returns-str-one-input",
    "function/backward-returns-int", "function/backward-returns-int-one-input",
    "function/backward-returns-list-of-str", "function/backward-too-few",
    "function/backward-too-many", "function/backward-wrong-shape-first",
    "function/backward-wrong-shape-second", "function/backward-shape-not-expandable",
    "function/backward-wrong-shape-one-input", "function/save-for-backward-int",
    "function/save-for-backward-str", "function/save-for-backward-list",
    "function/save-for-backward-second-float", "function/saved-modified-in-place",
    "function/mark-dirty-not-returned", "function/mark-dirty-leaf",
    "function/once-differentiable-twice", "function/once-differentiable-delayed-error",
    "function/gradient-for-non-tensor-input",
    "grad-mode/set-grad-enabled-str", "grad-mode/set-grad-enabled-missing",
    *(f"functional/{name}" for name in (
        "jacobian-float-input", "jacobian-list-input", "jacobian-tuple-with-float",
        "jacobian-returns-float", "jacobian-returns-list", "jacobian-strict-independent",
        "jacobian-strict-vectorize", "jacobian-bad-strategy", "jacobian-forward-without-vectorize",
        "hessian-float-input", "hessian-non-scalar", "hessian-returns-float",
        "hessian-bad-strategy", "vjp-float-input", "vjp-v-none-non-scalar", "vjp-v-shape",
        "vjp-v-float", "vjp-v-count", "vjp-returns-float", "vjp-strict-independent",
        "jvp-float-input", "jvp-v-none-non-scalar", "jvp-v-shape", "jvp-returns-float",
        "hvp-float-input", "hvp-non-scalar", "hvp-v-shape", "hvp-v-none-non-scalar-input",
        "hvp-returns-float", "vhp-float-input", "vhp-non-scalar")),
    "module-construction/sequential-function", "module-construction/parameter-str",
    "module-construction/parameter-int-tensor", "module-construction/parameter-list",
    "module-construction/buffer-str", "module-construction/hardtanh-bounds",
    "module-attributes/sequential-mul-zero", "module-attributes/sequential-mul-str",
    "nn-utils/clip-value-str", "nn-utils/parameters-to-vector-int",
    "nn-utils/vector-to-parameters-list", "nn-utils/vector-to-parameters-short",
    "nn-utils/vector-to-parameters-int-param",
    "optim-params/groups-mixed-with-tensors", "optim-params/add-group-not-dict",
    "optim-params/step-group-str-lr", "optim-params/step-group-none-lr",
    "optim-params/step-group-numeric-str-lr", "optim-params/step-group-str-lr-adam",
    "optim-params/step-group-str-lr-adamw", "optim-params/step-group-none-lr-adamw",
    "optim-params/step-group-str-lr-rmsprop", "optim-params/step-group-str-lr-adagrad",
    "optim-params/base-optimizer-step", "optim-state-dict/not-a-dict",
    "lr-scheduler/resume-without-initial-lr",
    "dataset/base-iterable-iter", "dataset/stack-empty",
]


@pytest.mark.parametrize("case_id", EXACT_MESSAGES)
def test_exact_message(case_id):
    result = outcome(CASES[case_id], torch, compat)
    assert result.theirs is not None, "torch accepts this program: the case is wrong"
    assert result.ours is not None, f"compat accepts it; torch raises {result.theirs!r}"
    assert same_type(result.ours, result.theirs), f"{result.ours!r} != torch's {result.theirs!r}"
    assert str(result.ours) == str(result.theirs)


def _accepted_param(case_id):
    program, xfail = ACCEPTED[case_id]
    marks = () if xfail is None else pytest.mark.xfail(strict=True, reason=xfail)
    return pytest.param(program, id=case_id, marks=marks)


@pytest.mark.parametrize("program", [_accepted_param(k) for k in ACCEPTED])
def test_accepted_like_torch(program):
    check(program, grad=False, warns=True)


# --------------------------------------------------------------------------- inference tensors
def _torch_inference_error(program):
    with torch.inference_mode():
        t = torch.ones(2)
    with pytest.raises(RuntimeError) as info:
        program(t)
    return str(info.value)


def _marked_inference_tensor():
    t = compat.ones(2)
    t._is_inference = True  # what a tensor made under inference_mode() is to carry
    return t


def test_inference_rules_are_torch_words():
    from compat.autograd import grad_mode
    t = _marked_inference_tensor()
    with pytest.raises(RuntimeError) as saved:
        grad_mode.check_inference_saved(t)
    assert str(saved.value) == _torch_inference_error(lambda x: x * torch.ones(2, requires_grad=True))
    with pytest.raises(RuntimeError) as inplace:
        grad_mode.check_inference_inplace(t)
    assert str(inplace.value) == _torch_inference_error(lambda x: x.add_(1))
    with pytest.raises(RuntimeError) as requires:
        grad_mode.check_inference_requires_grad(t, True)
    assert str(requires.value) == _torch_inference_error(lambda x: x.requires_grad_())


def test_inference_rules_allow_what_torch_allows():
    from compat.autograd import grad_mode
    t = _marked_inference_tensor()
    with compat.inference_mode():
        grad_mode.check_inference_inplace(t)               # in-place inside the mode
        grad_mode.check_inference_requires_grad(t, True)   # requires_grad inside the mode
    grad_mode.check_inference_requires_grad(t, False)
    plain = compat.ones(2)
    grad_mode.check_inference_saved(plain)
    grad_mode.check_inference_inplace(plain)
    grad_mode.check_inference_requires_grad(plain, True)
    with torch.inference_mode():
        theirs = torch.ones(2)
    with torch.inference_mode():
        theirs.add_(1)
        theirs.requires_grad_()
    torch.ones(2).add_(1)
