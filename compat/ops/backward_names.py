"""The grad_fn names of gradients computed with ``create_graph=True``.

torch computes a gradient with ordinary ops (its derivative formulas), so the gradient's
``grad_fn`` is the node of the formula's last op: the gradient of ``x.exp()`` is
``grad * result`` (``MulBackward0``), of ``x.tanh()`` is ``tanh_backward(grad, result)``
(``TanhBackwardBackward0``). Here a recorded backward runs as one op per input; its node takes
the name torch's formula gives (per input where the inputs' formulas differ), and
``"Backward"`` where no name is listed.

>>> import compat as torch
>>> x = torch.tensor([1., 2.], requires_grad=True)
>>> torch.autograd.grad((x ** 3).sum(), x, create_graph=True)[0]
tensor([ 3., 12.], grad_fn=<MulBackward0>)
"""
from __future__ import annotations

UNNAMED = "Backward"

_MUL, _DIV = "MulBackward0", "DivBackward0"

# forward node name -> the gradient's node name, or a tuple of names, one per input
_NAMES = {
    "AbsBackward0": _MUL, "AddmmBackward0": (UNNAMED, "MmBackward0", "MmBackward0"),
    "MaskedFillBackward0": "MaskedFillBackward0", "MaximumBackward0": "MaskedFillBackward0",
    "MinimumBackward0": "MaskedFillBackward0", "NegBackward0": "NegBackward0",
    "SubBackward0": (UNNAMED, "NegBackward0"), "TBackward0": "TBackward0",
    "UnsafeViewBackward0": "ViewBackward0", "AddcmulBackward0": _MUL, "ClampBackward1": "WhereBackward0",
    "ClampMinBackward0": "WhereBackward0", "ClampMaxBackward0": "WhereBackward0",
    "ClampMinBackward1": "WhereBackward0", "ClampMaxBackward1": "WhereBackward0",
    "CumsumBackward0": "FlipBackward0", "LerpBackward0": "MulBackward1",
    "MaxBackward1": "MaskedFillBackward1", "ViewBackward0": "ViewBackward0",
    "WhereBackward0": "WhereBackward0", "AsinBackward0": _MUL, "Atan2Backward0": _MUL,
    "AtanBackward0": _DIV, "BmmBackward0": "BmmBackward0", "CeluBackward0": "EluBackwardBackward0",
    "CosBackward0": _MUL, "CoshBackward0": _MUL, "DivBackward0": (_DIV, _MUL),
    "DotBackward0": _MUL, "EluBackward0": "EluBackwardBackward0",
    "EluBackward1": "EluBackwardBackward0", "ErfBackward0": _MUL,
    "Exp2Backward0": "MulBackward1", "ExpBackward0": _MUL, "Expm1Backward0": _MUL,
    "GeluBackward0": "GeluBackwardBackward0", "HardtanhBackward0": "HardtanhBackwardBackward0",
    "HypotBackward0": _DIV, "LeakyReluBackward0": "LeakyReluBackwardBackward0",
    "LinalgVectorNormBackward0": _MUL, "Log10Backward0": _DIV, "Log1PBackward0": _DIV,
    "Log2Backward0": _DIV, "LogBackward0": _DIV, "LogSigmoidBackward0": "LogSigmoidBackwardBackward0",
    "LogSoftmaxBackward0": "LogSoftmaxBackwardDataBackward0", "LogsumexpBackward0": _MUL,
    "MishBackward0": _MUL, "MmBackward0": "MmBackward0", "MseLossBackward0": "MseLossBackwardBackward0",
    "MulBackward0": _MUL, "NativeLayerNormBackward0": "NativeLayerNormBackwardBackward0",
    "NllLossBackward0": "NllLossBackwardBackward0", "PowBackward0": _MUL,
    "PowBackward1": ("WhereBackward0", _MUL), "PowBackward2": _MUL, "ProdBackward0": _MUL,
    "ReciprocalBackward0": _MUL, "ReluBackward0": "ThresholdBackwardBackward0",
    "RsqrtBackward0": _MUL, "SigmoidBackward0": "SigmoidBackwardBackward0", "SiluBackward0": _MUL,
    "SinBackward0": _MUL, "SinhBackward0": _MUL,
    "SmoothL1LossBackward0": "SmoothL1LossBackwardBackward0",
    "SoftmaxBackward0": "SoftmaxBackwardDataBackward0",
    "SoftplusBackward0": "SoftplusBackwardBackward0", "SqrtBackward0": _DIV,
    "StdBackward0": _MUL, "SumBackward0": "ExpandBackward0", "TanBackward0": _MUL,
    "TanhBackward0": "TanhBackwardBackward0", "VarBackward0": _MUL,
}


# ops fused here whose node is named after torch's last op: their gradient is the one of
# torch's first op (cross_entropy's node is NllLossBackward0; its input's gradient comes
# from log_softmax's backward)
_BY_OP = {"cross_entropy": "LogSoftmaxBackwardDataBackward0"}


# forward nodes whose torch gradient reads the inputs only through masks (comparisons,
# indices): the gradient's node has no edge to them, and a gradient made of constants alone
# does not require grad
MASKS_ONLY = frozenset({
    "AmaxBackward0", "AminBackward0", "ClampBackward1", "ClampMaxBackward0",
    "ClampMinBackward0", "ClampMaxBackward1", "ClampMinBackward1", "MaskedFillBackward0", "MaxBackward0", "MaximumBackward0",
    "MinBackward0", "MinimumBackward0", "WhereBackward0",
})


def gradient_node_name(forward_name: str, input_index: int, op_name: str = "") -> str:
    """The name of the node computing the gradient of input ``input_index`` of a node named
    ``forward_name`` (recorded by the op ``op_name``).

    >>> gradient_node_name("DivBackward0", 1), gradient_node_name("CatBackward0", 0)
    ('MulBackward0', 'Backward')
    """
    name = _BY_OP.get(op_name) or _NAMES.get(forward_name, UNNAMED)
    if type(name) is tuple:
        return name[input_index] if input_index < len(name) else UNNAMED
    return name
