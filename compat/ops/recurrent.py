"""Op-table entries of the recurrent layers: one layer and direction of an RNN/LSTM/GRU over a
whole sequence (one ``lax.scan``), the cells, and packing a padded batch.

The nodes are those torch's CPU build ends each computation with: a layer's outputs are
stacked per step (``StackBackward0``), concatenated when packed (``CatBackward0``), or, for an
LSTM in float32 (torch's oneDNN kernel), ``MkldnnRnnLayerBackward0``; the cells end with their
nonlinearity, the LSTM cell's hidden state with ``o * tanh(c)`` and its cell state with the sum.

>>> import compat as torch
>>> from compat.ops.recurrent import rnn_layer
>>> w = torch.ones(1, 1, requires_grad=True)
>>> out, h, c = rnn_layer(torch.ones(2, 1, 1), torch.zeros(1, 1), None, w, w, None, None, None,
...                       "RNN_RELU", False, None)
>>> out
tensor([[[1.]],
<BLANKLINE>
        [[2.]]], grad_fn=<StackBackward0>)
"""
from __future__ import annotations

from jaxgrad.functional import recurrent as R

from .registry import op

_LAYER_INPUTS = ("self", "hx", "cx", "w_ih", "w_hh", "b_ih", "b_hh", "w_hr")


def uses_onednn(input, mode, projected) -> bool:
    """Whether torch's CPU build runs this LSTM with its oneDNN kernel (``use_mkldnn``):
    float32, nonempty, no projection."""
    return (mode == "LSTM" and not projected and input.dtype.name == "float32"
            and input.numel() != 0)


def _layer_name(input, hx, cx, w_ih, w_hh, b_ih, b_hh, w_hr, mode, reverse, batch_sizes):
    if batch_sizes is not None:
        return "CatBackward0"
    return "MkldnnRnnLayerBackward0" if uses_onednn(input, mode, w_hr is not None) \
        else "StackBackward0"


rnn_layer = op("rnn_layer(self, hx, cx, w_ih, w_hh, b_ih, b_hh, w_hr, mode, reverse, "
               "batch_sizes)", R.rnn_layer, _layer_name, traced=_LAYER_INPUTS,
               fn_names={"self": "input"}, method=False, function=False)

_CELL_INPUTS = ("self", "hx", "w_ih", "w_hh", "b_ih", "b_hh")
rnn_tanh_cell = op("rnn_tanh_cell(self, hx, w_ih, w_hh, b_ih, b_hh)", R.rnn_cell,
                   "TanhBackward0", traced=_CELL_INPUTS, fn_names={"self": "input"},
                   method=False, function=False)
_rnn_relu_cell = op("rnn_relu_cell(self, hx, w_ih, w_hh, b_ih, b_hh, nonlinearity)", R.rnn_cell,
                    "ReluBackward0", traced=_CELL_INPUTS, fn_names={"self": "input"},
                    method=False, function=False)
gru_cell = op("gru_cell(self, hx, w_ih, w_hh, b_ih, b_hh)", R.gru_cell, "AddBackward0",
              traced=_CELL_INPUTS, fn_names={"self": "input"}, method=False, function=False)
lstm_cell_state = op("lstm_cell_state(self, hx, cx, w_ih, w_hh, b_ih, b_hh)", R.lstm_cell_state,
                     "AddBackward0", traced=("self", "hx", "cx", "w_ih", "w_hh", "b_ih", "b_hh"),
                     fn_names={"self": "input"}, method=False, function=False)
lstm_cell_output = op("lstm_cell_output(self, cy)", R.lstm_cell_output, "MulBackward0",
                      traced=("self", "cy"), fn_names={"self": "outgate"}, method=False,
                      function=False)


def rnn_relu_cell(input, hx, w_ih, w_hh, b_ih, b_hh):
    """torch's ``rnn_relu_cell``."""
    return _rnn_relu_cell(input, hx, w_ih, w_hh, b_ih, b_hh, "relu")


pack_padded = op("pack_padded(self, lengths, batch_first)", R.pack_padded,
                 "PackPaddedSequenceBackward0", fn_names={"self": "input"}, method=False,
                 function=False)
