"""Recurrent layers with torch's semantics: the RNN (tanh/relu), LSTM and GRU cells, and one
layer of each run over a whole sequence as a single ``jax.lax.scan``.

Gate layouts are torch's: LSTM rows ``(input, forget, cell, output)``, GRU rows ``(reset,
update, new)``; the GRU's new gate is ``tanh(x_n + r * (W_hn h + b_hn))`` and its update
``(h - n) * z + n``, in torch's order of operations. An LSTM with ``w_hr`` projects its hidden
state (``h = (o * tanh(c)) W_hrᵀ``). A packed sequence (``batch_sizes``, non-increasing) runs
padded to its longest sequence with each row's state frozen outside its length, which is what
torch's packed layers compute step by step. Gradients are JAX's, through the scan.

>>> import jax.numpy as jnp
>>> x = jnp.ones((3, 1, 2), jnp.float32)
>>> w = jnp.full((1, 2), 0.5, jnp.float32)
>>> out, h, _ = rnn_layer(x, jnp.zeros((1, 1), jnp.float32), None, w, w[:, :1], None, None, None,
...                       "RNN_RELU")
>>> out[:, 0, 0].tolist(), h.tolist()
([1.0, 1.5, 1.75], [[1.75]])
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .linalg import mat2_dtype_mismatch

_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "GRU": 3, "LSTM": 4}


def _project(x, weight, bias):
    out = jnp.matmul(x, weight.T)
    return out if bias is None else out + bias


# ----------------------------------------------------------------------------- cells
def _check_cell(input, hidden, w_hh, label):
    """torch's ``check_rnn_cell_forward_hidden``: the batch and the hidden size of one state."""
    if input.shape[0] != hidden.shape[0]:
        raise RuntimeError(f"Input batch size {input.shape[0]} doesn't match hidden{label} "
                           f"batch size {hidden.shape[0]}")
    if hidden.shape[1] != w_hh.shape[1]:
        raise RuntimeError(f"hidden{label} has inconsistent hidden_size: got {hidden.shape[1]}, "
                           f"expected {w_hh.shape[1]}")


def _check_cell_input(input, w_ih):
    if input.shape[1] != w_ih.shape[1]:
        raise RuntimeError(f"input has inconsistent input_size: got {input.shape[1]} expected "
                           f"{w_ih.shape[1]}")


def _check_dtypes(x, h, w_ih, w_hh):
    """The input and the state multiply their weights in their own dtype (torch's ``linear``
    refuses to mix dtypes)."""
    for value, weight in ((x, w_ih), (h, w_hh)):
        if value.dtype != weight.dtype:
            raise mat2_dtype_mismatch("mat1", value.dtype, weight.dtype)


def _simple_step(nonlinearity, x_gates, h, w_hh, b_hh):
    pre = _project(h, w_hh, b_hh) + x_gates
    return jnp.tanh(pre) if nonlinearity == "tanh" else jnp.maximum(pre, 0)


def _gru_step(x_gates, h, w_hh, b_hh):
    xr, xz, xn = jnp.split(x_gates, 3, axis=-1)
    hr, hz, hn = jnp.split(_project(h, w_hh, b_hh), 3, axis=-1)
    reset = jax.nn.sigmoid(hr + xr)
    update = jax.nn.sigmoid(hz + xz)
    new = jnp.tanh(xn + hn * reset)
    return (h - new) * update + new


def _lstm_state(x_gates, h, c, w_hh, b_hh):
    gates = _project(h, w_hh, b_hh) + x_gates
    i, f, g, o = jnp.split(gates, 4, axis=-1)
    cy = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
    return cy, jax.nn.sigmoid(o)


def rnn_cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None, nonlinearity="tanh"):
    """torch's ``rnn_tanh_cell``/``rnn_relu_cell`` on a batch: ``act(x W_ihᵀ + b_ih + h W_hhᵀ
    + b_hh)``.

    >>> import jax.numpy as jnp
    >>> rnn_cell(jnp.ones((1, 2)), jnp.ones((1, 1)), jnp.ones((1, 2)), -jnp.ones((1, 1)),
    ...          nonlinearity="relu").tolist()
    [[1.0]]
    """
    x, h = jnp.asarray(input), jnp.asarray(hx)
    _check_cell_input(x, w_ih)
    _check_cell(x, h, w_hh, 0)
    _check_dtypes(x, h, w_ih, w_hh)
    return _simple_step(nonlinearity, _project(x, w_ih, b_ih), h, w_hh, b_hh)


def gru_cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
    """torch's ``gru_cell`` on a batch.

    >>> import jax.numpy as jnp
    >>> gru_cell(jnp.zeros((1, 1)), jnp.ones((1, 1)), jnp.zeros((3, 1)), jnp.zeros((3, 1))).tolist()
    [[0.5]]
    """
    x, h = jnp.asarray(input), jnp.asarray(hx)
    _check_cell_input(x, w_ih)
    _check_cell(x, h, w_hh, 0)
    _check_dtypes(x, h, w_ih, w_hh)
    return _gru_step(_project(x, w_ih, b_ih), h, w_hh, b_hh)


def lstm_cell_state(input, hx, cx, w_ih, w_hh, b_ih=None, b_hh=None):
    """The new cell state of torch's ``lstm_cell`` and its output gate: ``(c', o)``; the new
    hidden state is :func:`lstm_cell_output` of them (torch's last two nodes, apart).

    >>> import jax.numpy as jnp
    >>> c, o = lstm_cell_state(jnp.zeros((1, 1)), jnp.zeros((1, 1)), jnp.ones((1, 1)),
    ...                        jnp.zeros((4, 1)), jnp.zeros((4, 1)))
    >>> c.tolist(), o.tolist()
    ([[0.5]], [[0.5]])
    """
    x, h, c = jnp.asarray(input), jnp.asarray(hx), jnp.asarray(cx)
    _check_cell_input(x, w_ih)
    _check_cell(x, h, w_hh, 0)
    _check_cell(x, c, w_hh, 1)
    _check_dtypes(x, h, w_ih, w_hh)
    return _lstm_state(_project(x, w_ih, b_ih), h, c, w_hh, b_hh)


def lstm_cell_output(outgate, cy):
    """The LSTM's hidden state from its output gate and new cell state: ``o * tanh(c')``.

    >>> import jax.numpy as jnp
    >>> lstm_cell_output(jnp.ones(1), jnp.zeros(1)).tolist()
    [0.0]
    """
    return outgate * jnp.tanh(cy)


# ----------------------------------------------------------------------------- layers
def _padded(data, batch_sizes):
    """Packed rows ``(N, F)`` as a padded ``(T, B, F)`` sequence (zeros outside) and the mask of
    real positions; ``rows`` are the flat padded positions of the packed rows, in order."""
    sizes = np.asarray(batch_sizes, np.int64)
    steps, batch = len(sizes), int(sizes[0])
    mask = np.arange(batch)[None, :] < sizes[:, None]
    rows = np.flatnonzero(mask.reshape(-1))
    source = np.full(steps * batch, data.shape[0])  # the extra zero row
    source[rows] = np.arange(len(rows))
    padded = jnp.concatenate([data, jnp.zeros((1,) + data.shape[1:], data.dtype)])[source]
    return padded.reshape((steps, batch) + data.shape[1:]), jnp.asarray(mask), rows


def rnn_layer(input, hx, cx, w_ih, w_hh, b_ih, b_hh, w_hr, mode, reverse=False,
              batch_sizes=None):
    """One layer and direction of torch's RNN/LSTM/GRU over a sequence: ``(outputs, h_n, c_n)``.

    ``input`` is ``(T, B, F)``, or packed rows ``(N, F)`` with ``batch_sizes``; ``hx`` (and,
    for ``mode="LSTM"``, ``cx``) is ``(B, H)``; ``reverse`` runs from the last step back. The
    outputs are the hidden states of every step, in the input's layout; ``c_n`` is None except
    for an LSTM. The input projection of all steps is one matrix product, as torch's CPU layers.

    >>> import jax.numpy as jnp
    >>> out, h, c = rnn_layer(jnp.ones((2, 1, 1)), jnp.zeros((1, 1)), jnp.zeros((1, 1)),
    ...                       jnp.zeros((4, 1)), jnp.zeros((4, 1)), None, None, None, "LSTM")
    >>> out.shape, c.tolist()
    ((2, 1, 1), [[0.0]])
    """
    x, h0 = jnp.asarray(input), jnp.asarray(hx)
    if batch_sizes is None and x.shape[0] == 0:
        raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
    _check_dtypes(x, h0, jnp.asarray(w_ih), jnp.asarray(w_hh))
    rows = None
    if batch_sizes is not None:
        x, mask, rows = _padded(x, batch_sizes)
    else:
        mask = None
    x_gates = _project(x, w_ih, b_ih)
    nonlinearity = "relu" if mode == "RNN_RELU" else "tanh"

    def step(state, inputs):
        xg, keep = inputs
        if mode == "LSTM":
            h, c = state
            cy, outgate = _lstm_state(xg, h, c, w_hh, b_hh)
            hy = lstm_cell_output(outgate, cy)
            if w_hr is not None:
                hy = jnp.matmul(hy, w_hr.T)
            new = (hy, cy)
        elif mode == "GRU":
            new = (_gru_step(xg, state[0], w_hh, b_hh),)
        else:
            new = (_simple_step(nonlinearity, xg, state[0], w_hh, b_hh),)
        if keep is not None:  # rows past their length keep their state
            new = tuple(jnp.where(keep[:, None], n, s) for n, s in zip(new, state))
        return new, new[0]

    state = (h0, jnp.asarray(cx)) if mode == "LSTM" else (h0,)
    final, outputs = jax.lax.scan(step, state, (x_gates, mask), reverse=reverse)
    if rows is not None:
        outputs = outputs.reshape((-1,) + outputs.shape[2:])[rows]
    return outputs, final[0], final[1] if mode == "LSTM" else None


def gate_count(mode) -> int:
    """Gate rows per hidden unit of ``mode`` (``"LSTM"`` 4, ``"GRU"`` 3, the plain RNNs 1).

    >>> gate_count("GRU")
    3
    """
    return _GATES[mode]


# ----------------------------------------------------------------------------- packing
def pack_padded(input, lengths, batch_first=False):
    """The packed rows of a padded ``(T, B, *)`` (or, ``batch_first``, ``(B, T, *)``) batch
    whose sequences have ``lengths`` (non-increasing): step by step, the rows still running.

    >>> import jax.numpy as jnp
    >>> pack_padded(jnp.arange(6.).reshape(3, 2), (3, 1)).tolist()
    [0.0, 1.0, 2.0, 4.0]
    """
    x = jnp.asarray(input)
    if batch_first:
        x = jnp.swapaxes(x, 0, 1)
    steps = int(lengths[0])
    keep = np.arange(steps)[:, None] < np.asarray(lengths)[None, :]
    flat = x[:steps].reshape((-1,) + x.shape[2:])
    return flat[np.flatnonzero(keep.reshape(-1))]
