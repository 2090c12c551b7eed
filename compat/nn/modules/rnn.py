"""``RNN``, ``LSTM``, ``GRU`` and their cells, as torch's: parameters named, shaped, ordered and
initialised as torch's (``U(-1/√hidden, 1/√hidden)`` each, in registration order), the same
checks and errors, padded or packed input.

Each layer and direction runs over the whole sequence as one op (a ``lax.scan``); the module
joins them as torch's CPU layers do: directions concatenated, dropout (torch's draws) between
layers in training, final states stacked.

>>> import compat as torch
>>> _ = torch.manual_seed(0)
>>> lstm = torch.nn.LSTM(10, 20, num_layers=2, batch_first=True)
>>> lstm
LSTM(10, 20, num_layers=2, batch_first=True)
>>> out, (h, c) = lstm(torch.randn(3, 5, 10))
>>> out.shape, h.shape
(torch.Size([3, 5, 20]), torch.Size([2, 3, 20]))
"""
from __future__ import annotations

import math
import numbers
import warnings

from jaxgrad.functional.recurrent import gate_count

from ... import creation
from ...ops import recurrent as _ops
from ...ops.functions import cat, stack
from .. import functional as F
from .. import init
from ..utils.rnn import PackedSequence
from ._factory import new_parameter
from .module import Module

__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]

_PROJECTION_WARNING = ("LSTM with projections is not supported with oneDNN. Using default "
                       "implementation. (Triggered internally at /__w/pytorch/pytorch/aten/src/"
                       "ATen/native/RNN.cpp:1512.)")
_WARNED = set()  # torch warns of these once per process


def _check_options(input_size, hidden_size, num_layers, bias, batch_first, dropout, proj_size):
    """torch's ``RNNBase`` checks of its options, in torch's order."""
    if (not isinstance(dropout, numbers.Number) or isinstance(dropout, bool)
            or not 0 <= dropout <= 1):
        raise ValueError("dropout should be a number in range [0, 1] representing the "
                         "probability of an element being zeroed")
    if dropout > 0 and num_layers == 1:
        warnings.warn("dropout option adds dropout after all but last recurrent layer, so "
                      "non-zero dropout expects num_layers greater than 1, but got "
                      f"dropout={dropout} and num_layers={num_layers}", stacklevel=4)
    for name, value, kind in (("bias", bias, bool), ("batch_first", batch_first, bool),
                              ("input_size", input_size, int)):
        if not isinstance(value, kind):
            raise TypeError(f"{name} should be of type {kind.__name__}, got: "
                            f"{type(value).__name__}")
        if name == "input_size" and value <= 0:
            raise ValueError("input_size must be greater than zero")
    if not isinstance(hidden_size, int):
        raise TypeError(f"hidden_size should be of type int, got: {type(hidden_size).__name__}")
    if hidden_size <= 0:
        raise ValueError("hidden_size must be greater than zero")
    if num_layers <= 0:
        raise ValueError("num_layers must be greater than zero")
    if proj_size < 0:
        raise ValueError("proj_size should be a positive integer or zero to disable projections")
    if proj_size >= hidden_size:
        raise ValueError("proj_size has to be smaller than hidden_size")


class RNNBase(Module):
    """What ``RNN``, ``LSTM`` and ``GRU`` share: the parameters, their checks, the layer stack."""

    __module__ = "torch.nn.modules.rnn"
    __constants__ = ["mode", "input_size", "hidden_size", "num_layers", "bias", "batch_first",
                     "dropout", "bidirectional", "proj_size"]

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False,
                 dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        self.mode = mode
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bias, self.batch_first = bias, batch_first
        self.dropout = float(dropout)
        self.bidirectional, self.proj_size = bidirectional, proj_size
        _check_options(input_size, hidden_size, num_layers, bias, batch_first, dropout,
                       proj_size)
        try:
            gate_size = gate_count(mode) * hidden_size
        except KeyError:
            raise ValueError("Unrecognized RNN mode: " + mode) from None
        real_hidden = proj_size if proj_size > 0 else hidden_size
        directions = 2 if bidirectional else 1
        self._flat_weights_names, self._all_weights = [], []
        for layer in range(num_layers):
            for direction in range(directions):
                layer_input = input_size if layer == 0 else real_hidden * directions
                suffix = "_reverse" if direction == 1 else ""
                shapes = [("weight_ih", (gate_size, layer_input)),
                          ("weight_hh", (gate_size, real_hidden))]
                if bias:
                    shapes += [("bias_ih", (gate_size,)), ("bias_hh", (gate_size,))]
                if proj_size > 0:
                    shapes.append(("weight_hr", (proj_size, hidden_size)))
                names = [f"{kind}_l{layer}{suffix}" for kind, _ in shapes]
                for name, (_, shape) in zip(names, shapes):
                    setattr(self, name, new_parameter(*shape, dtype=dtype, device=device))
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    @property
    def _flat_weights(self):
        return [getattr(self, name, None) for name in self._flat_weights_names]

    @property
    def all_weights(self):
        """The parameters of each layer and direction, in torch's order."""
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self) -> None:
        """Nothing to do: torch compacts the weights for cuDNN only."""

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    # ------------------------------------------------------------------------- checks
    def check_input(self, input, batch_sizes) -> None:
        weight_dtype = self._flat_weights[0].dtype
        if input.dtype != weight_dtype:
            raise ValueError(f"RNN input dtype ({input.dtype}) does not match weight dtype "
                             f"({weight_dtype}). Convert input: input.to({weight_dtype}), or "
                             f"convert model: model.to({input.dtype})")
        expected = 2 if batch_sizes is not None else 3
        if input.dim() != expected:
            raise RuntimeError(f"input must have {expected} dimensions, got {input.dim()}")
        if self.input_size != input.size(-1):
            raise RuntimeError(f"input.size(-1) must be equal to input_size. Expected "
                               f"{self.input_size}, got {input.size(-1)}")

    def _batch(self, input, batch_sizes) -> int:
        if batch_sizes is not None:
            return int(batch_sizes[0])
        return input.size(0) if self.batch_first else input.size(1)

    def get_expected_hidden_size(self, input, batch_sizes):
        directions = 2 if self.bidirectional else 1
        size = self.proj_size if self.proj_size > 0 else self.hidden_size
        return (self.num_layers * directions, self._batch(input, batch_sizes), size)

    def check_hidden_size(self, hx, expected_hidden_size, msg="Expected hidden size {}, got {}"):
        if tuple(hx.size()) != tuple(expected_hidden_size):
            raise RuntimeError(msg.format(expected_hidden_size, list(hx.size())))

    def check_forward_args(self, input, hidden, batch_sizes) -> None:
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden, self.get_expected_hidden_size(input, batch_sizes))

    def permute_hidden(self, hx, permutation):
        return hx if permutation is None else hx.index_select(1, permutation)

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s

    # ------------------------------------------------------------------------- running
    def _zeros(self, input, batch, size):
        directions = 2 if self.bidirectional else 1
        return creation.zeros(self.num_layers * directions, batch, size, dtype=input.dtype)

    def _layer_weights(self, index):
        """``(w_ih, w_hh, b_ih, b_hh, w_hr)`` of one layer and direction (None where absent)."""
        weights = [getattr(self, name) for name in self._all_weights[index]]
        w_hr = weights.pop() if self.proj_size > 0 else None
        biases = weights[2:] if self.bias else [None, None]
        return (*weights[:2], *biases, w_hr)

    def _run(self, input, hx, cx, batch_sizes):
        """The layer stack on time-major (or packed) input: ``(output, h_n, c_n)``."""
        if self.mode == "LSTM" and self.proj_size > 0 and input.dtype.name == "float32" \
                and "projection" not in _WARNED:
            _WARNED.add("projection")
            warnings.warn(_PROJECTION_WARNING, UserWarning, stacklevel=4)
        directions = 2 if self.bidirectional else 1
        layer_input, hs, cs = input, [], []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                index = layer * directions + direction
                out, h, c = _ops.rnn_layer(layer_input, hx[index],
                                           None if cx is None else cx[index],
                                           *self._layer_weights(index), self.mode,
                                           direction == 1, batch_sizes)
                outputs.append(out)
                hs.append(h)
                cs.append(c)
            layer_input = outputs[0] if directions == 1 else cat(outputs, outputs[0].dim() - 1)
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout)
        return layer_input, stack(hs), None if cx is None else stack(cs)

    def _time_major(self, input, batch_sizes):
        if batch_sizes is None and self.batch_first:
            return input.transpose(0, 1)
        return input

    def _batch_major(self, output, batch_sizes):
        """The output transposed back for ``batch_first``: torch's LSTM transposes, its RNN
        and GRU transpose in place (two different nodes)."""
        if batch_sizes is not None or not self.batch_first:
            return output
        if self.mode == "LSTM":
            return output.transpose(0, 1)
        return output.transpose_(0, 1)

    def _unpack(self, input, hx):
        """``(input, batch_sizes, sorted, unsorted, batched, hx)`` for a Tensor or a packed
        input, with torch's checks of the input's and the state's ranks."""
        if isinstance(input, PackedSequence):
            data, sizes, sorted_indices, unsorted_indices = input
            return data, [int(n) for n in sizes.tolist()], sorted_indices, unsorted_indices, \
                True, hx
        name = "RNN" if self.mode.startswith("RNN") else self.mode
        if input.dim() not in (2, 3):
            suffix = " tensor" if name == "RNN" else ""
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.dim()}D"
                             f"{suffix} instead")
        return input, None, None, None, input.dim() == 3, hx


class RNN(RNNBase):
    """An Elman RNN: ``h_t = act(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh)``, ``act`` tanh or
    relu (``nonlinearity``)."""

    __module__ = "torch.nn.modules.rnn"

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif self.nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' "
                             "or 'relu'.")
        super().__init__(mode, *args, **kwargs)

    def forward(self, input, hx=None):
        return _single_state_forward(self, input, hx)


class GRU(RNNBase):
    """A gated recurrent unit RNN (torch's gate layout: reset, update, new)."""

    __module__ = "torch.nn.modules.rnn"

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)

    def forward(self, input, hx=None):
        return _single_state_forward(self, input, hx)


def _single_state_forward(module, input, hx):
    """``RNN``'s and ``GRU``'s forward: one state tensor."""
    packed = input if isinstance(input, PackedSequence) else None
    input, batch_sizes, sorted_indices, unsorted_indices, batched, hx = module._unpack(input, hx)
    if packed is None:
        if not batched:
            input = input.unsqueeze(0 if module.batch_first else 1)
            if hx is not None:
                if hx.dim() != 2:
                    raise RuntimeError("For unbatched 2-D input, hx should also be 2-D but got "
                                       f"{hx.dim()}-D tensor")
                hx = hx.unsqueeze(1)
        elif hx is not None and hx.dim() != 3:
            raise RuntimeError("For batched 3-D input, hx should also be 3-D but got "
                               f"{hx.dim()}-D tensor")
    if hx is None:
        hx = module._zeros(input, module._batch(input, batch_sizes), module.hidden_size)
    else:
        hx = module.permute_hidden(hx, sorted_indices)
    module.check_forward_args(input, hx, batch_sizes)
    output, hidden, _ = module._run(module._time_major(input, batch_sizes), hx, None, batch_sizes)
    output = module._batch_major(output, batch_sizes)
    if packed is not None:
        return (PackedSequence(output, packed.batch_sizes, sorted_indices, unsorted_indices),
                module.permute_hidden(hidden, unsorted_indices))
    if not batched:
        output = output.squeeze(0 if module.batch_first else 1)
        hidden = hidden.squeeze(1)
    return output, hidden


class LSTM(RNNBase):
    """A long short-term memory RNN (gates: input, forget, cell, output), its hidden state
    optionally projected to ``proj_size``; the state is the pair ``(h, c)``."""

    __module__ = "torch.nn.modules.rnn"

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)

    def get_expected_cell_size(self, input, batch_sizes):
        directions = 2 if self.bidirectional else 1
        return (self.num_layers * directions, self._batch(input, batch_sizes), self.hidden_size)

    def check_forward_args(self, input, hidden, batch_sizes) -> None:
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden[0], self.get_expected_hidden_size(input, batch_sizes),
                               "Expected hidden[0] size {}, got {}")
        self.check_hidden_size(hidden[1], self.get_expected_cell_size(input, batch_sizes),
                               "Expected hidden[1] size {}, got {}")

    def permute_hidden(self, hx, permutation):
        if permutation is None:
            return hx
        return hx[0].index_select(1, permutation), hx[1].index_select(1, permutation)

    def forward(self, input, hx=None):
        packed = input if isinstance(input, PackedSequence) else None
        input, batch_sizes, sorted_indices, unsorted_indices, batched, hx = \
            self._unpack(input, hx)
        if packed is None and not batched:
            input = input.unsqueeze(0 if self.batch_first else 1)
        if hx is None:
            batch = self._batch(input, batch_sizes)
            hx = (self._zeros(input, batch, self.proj_size or self.hidden_size),
                  self._zeros(input, batch, self.hidden_size))
            if packed is None:
                self.check_forward_args(input, hx, batch_sizes)
        elif packed is not None:
            hx = self.permute_hidden(hx, sorted_indices)
        else:
            ranks = (hx[0].dim(), hx[1].dim())
            if batched and ranks != (3, 3):
                raise RuntimeError("For batched 3-D input, hx and cx should also be 3-D but got "
                                   f"({ranks[0]}-D, {ranks[1]}-D) tensors")
            if not batched:
                if ranks != (2, 2):
                    raise RuntimeError("For unbatched 2-D input, hx and cx should also be 2-D "
                                       f"but got ({ranks[0]}-D, {ranks[1]}-D) tensors")
                hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
            self.check_forward_args(input, hx, batch_sizes)
        if packed is not None:
            self.check_forward_args(input, hx, batch_sizes)
        output, h, c = self._run(self._time_major(input, batch_sizes), hx[0], hx[1], batch_sizes)
        output = self._batch_major(output, batch_sizes)
        if packed is not None:
            return (PackedSequence(output, packed.batch_sizes, sorted_indices,
                                   unsorted_indices),
                    self.permute_hidden((h, c), unsorted_indices))
        if not batched:
            output = output.squeeze(0 if self.batch_first else 1)
            h, c = h.squeeze(1), c.squeeze(1)
        return output, (h, c)


# ----------------------------------------------------------------------------- cells
class RNNCellBase(Module):
    """The parameters of one cell: ``weight_ih``, ``weight_hh`` (and ``bias_ih``, ``bias_hh``)."""

    __module__ = "torch.nn.modules.rnn"
    __constants__ = ["input_size", "hidden_size", "bias"]

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        self.input_size, self.hidden_size, self.bias = input_size, hidden_size, bias
        rows = num_chunks * hidden_size
        self.weight_ih = new_parameter(rows, input_size, dtype=dtype, device=device)
        self.weight_hh = new_parameter(rows, hidden_size, dtype=dtype, device=device)
        if bias:
            self.bias_ih = new_parameter(rows, dtype=dtype, device=device)
            self.bias_hh = new_parameter(rows, dtype=dtype, device=device)
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if "bias" in self.__dict__ and self.bias is not True:
            s += f", bias={self.bias}"
        if "nonlinearity" in self.__dict__ and self.nonlinearity != "tanh":
            s += f", nonlinearity={self.nonlinearity}"
        return s

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _batched(self, input, hx, name):
        """``(input, hx, batched)``: a 1-D input (and state) as a batch of one, torch's checks
        of both ranks."""
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        if hx is not None and hx.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected hidden to be 1D or 2D, got {hx.dim()}D instead")
        batched = input.dim() == 2
        if not batched:
            input = input.unsqueeze(0)
        if hx is None:
            hx = creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype)
        elif not batched:
            hx = hx.unsqueeze(0)
        return input, hx, batched

    def _weights(self):
        return self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh


class RNNCell(RNNCellBase):
    """One step of an Elman RNN (``nonlinearity`` tanh or relu)."""

    __module__ = "torch.nn.modules.rnn"
    __constants__ = ["input_size", "hidden_size", "bias", "nonlinearity"]

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None,
                 dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=1, device=device, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        input, hx, batched = self._batched(input, hx, "RNNCell")
        if self.nonlinearity == "tanh":
            out = _ops.rnn_tanh_cell(input, hx, *self._weights())
        elif self.nonlinearity == "relu":
            out = _ops.rnn_relu_cell(input, hx, *self._weights())
        else:
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        return out if batched else out.squeeze(0)


class GRUCell(RNNCellBase):
    """One step of a GRU."""

    __module__ = "torch.nn.modules.rnn"

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        input, hx, batched = self._batched(input, hx, "GRUCell")
        out = _ops.gru_cell(input, hx, *self._weights())
        return out if batched else out.squeeze(0)


class LSTMCell(RNNCellBase):
    """One step of an LSTM: ``(h', c')`` from ``(h, c)``."""

    __module__ = "torch.nn.modules.rnn"

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        if input.dim() not in (1, 2):
            raise ValueError(f"LSTMCell: Expected input to be 1D or 2D, got {input.dim()}D "
                             "instead")
        if hx is not None:
            for i, value in enumerate(hx):
                if value.dim() not in (1, 2):
                    raise ValueError(f"LSTMCell: Expected hx[{i}] to be 1D or 2D, got "
                                     f"{value.dim()}D instead")
        batched = input.dim() == 2
        if not batched:
            input = input.unsqueeze(0)
        if hx is None:
            zeros = creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype)
            hx = (zeros, zeros)
        elif not batched:
            hx = (hx[0].unsqueeze(0), hx[1].unsqueeze(0))
        cy, outgate = _ops.lstm_cell_state(input, hx[0], hx[1], *self._weights())
        hy = _ops.lstm_cell_output(outgate, cy)
        if not batched:
            return hy.squeeze(0), cy.squeeze(0)
        return hy, cy
