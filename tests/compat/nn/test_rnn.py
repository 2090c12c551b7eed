"""Recurrent layers against torch: ``nn.RNN``/``LSTM``/``GRU`` over every option (layers,
directions, bias, batch_first, dropout draws, projections, initial states, unbatched and
packed input) and the cells, compared on initialisation under a seed (bit for bit), outputs,
final states, grad_fn names and the gradients of the input, the initial states and every
parameter; ``nn.utils.rnn``; repr, state_dict, errors and warnings; an LSTM language model
trained a few steps."""

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from nn_oracle import assert_close, compat, raises_like, to_np, torch

rng = np.random.default_rng(7)


def randn(*shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def _name(t):
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def _weights(t):
    """Fixed weights of ``t``'s shape (the same on both sides), so each element's gradient
    differs."""
    return np.linspace(-1.0, 1.5, int(np.prod(t.shape))).reshape(tuple(t.shape))


def _tensor(lib, a, grad=True):
    return lib.tensor(a.copy(), requires_grad=grad and a.dtype.kind == "f")


def _tolerances(dtype):
    return (1e-10, 1e-12) if dtype == np.float64 else (2e-5, 2e-6)


def _quiet(make, lib):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the options' warnings are tested apart
        return make(lib)


def run_module(lib, make, inputs, seed=0, train=True):
    """Build ``make(lib)`` after ``manual_seed(seed)``, call it on ``inputs`` (numpy arrays,
    tuples of them for an LSTM state, or a callable ``inputs(lib, tensors)`` that builds the
    arguments), back-propagate ``sum(out * w)`` over the output and every state."""
    lib.manual_seed(seed)
    module = _quiet(make, lib)
    module.train(train)
    init = {k: to_np(v) for k, v in module.named_parameters()}
    leaves, args = [], []
    for a in inputs:
        if isinstance(a, tuple):
            pair = tuple(_tensor(lib, x) for x in a)
            leaves.extend(pair)
            args.append(pair)
        else:
            t = _tensor(lib, a)
            leaves.append(t)
            args.append(t)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out, state = module(*args)
    states = state if isinstance(state, tuple) else (state,)
    results = [out.data if hasattr(out, "batch_sizes") else out, *states]
    loss = sum((r * lib.tensor(_weights(r)).to(r.dtype)).sum() for r in results)
    loss.backward()
    grads = {name: to_np(p.grad) for name, p in module.named_parameters()}
    grads.update({f"input{i}": to_np(x.grad) for i, x in enumerate(leaves)})
    return module, init, out, results, grads


def check_layer(make, inputs, dtype=np.float32, train=True, seed=0):
    mc, init_c, out_c, res_c, grads_c = run_module(compat, make, inputs, seed, train)
    mt, init_t, out_t, res_t, grads_t = run_module(torch, make, inputs, seed, train)
    assert list(init_c) == list(init_t)
    for k in init_t:  # torch's draws, in torch's order
        np.testing.assert_array_equal(init_c[k], init_t[k], err_msg=f"init {k}")
    rtol, atol = _tolerances(dtype)
    assert [_name(r) for r in res_c] == [_name(r) for r in res_t]
    assert [r.requires_grad for r in res_c] == [r.requires_grad for r in res_t]
    assert_close(res_c, res_t, rtol, atol, "outputs")
    assert sorted(grads_c) == sorted(grads_t)
    for k in grads_t:
        if grads_t[k] is not None:
            np.testing.assert_allclose(grads_c[k], grads_t[k], rtol=rtol * 10, atol=atol * 10,
                                       err_msg=f"grad {k}")
        else:
            assert grads_c[k] is None, k
    assert repr(mc) == repr(mt)
    return out_c, out_t


def _module(kind, *args, **kw):
    return lambda lib: getattr(lib.nn, kind)(*args, **kw)


# ----------------------------------------------------------------------------- layers
X = randn(5, 3, 4)
X_B = randn(3, 5, 4)
X64 = randn(5, 3, 4, dtype=np.float64)

LAYERS = {
    "rnn": (_module("RNN", 4, 6), [X]),
    "rnn_relu_no_bias": (_module("RNN", 4, 6, nonlinearity="relu", bias=False), [X]),
    "rnn_positional_nonlinearity": (_module("RNN", 4, 6, 2, "relu"), [X]),
    "rnn_2_layers_bidirectional": (_module("RNN", 4, 6, 2, bidirectional=True), [X]),
    "rnn_batch_first_h0": (_module("RNN", 4, 6, batch_first=True), [X_B, randn(1, 3, 6)]),
    "rnn_unbatched": (_module("RNN", 4, 6, 2), [randn(5, 4), randn(2, 6)]),
    "gru": (_module("GRU", 4, 6), [X]),
    "gru_3_layers_dropout": (_module("GRU", 4, 6, 3, dropout=0.4), [X]),
    "gru_bidirectional_batch_first": (_module("GRU", 4, 6, 2, batch_first=True,
                                              bidirectional=True), [X_B, randn(4, 3, 6)]),
    "gru_no_bias_unbatched_batch_first": (_module("GRU", 4, 6, bias=False, batch_first=True),
                                          [randn(5, 4)]),
    "lstm": (_module("LSTM", 4, 6), [X]),
    "lstm_h0_c0": (_module("LSTM", 4, 6, 2), [X, (randn(2, 3, 6), randn(2, 3, 6))]),
    "lstm_batch_first": (_module("LSTM", 4, 6, batch_first=True), [X_B]),
    "lstm_bidirectional_dropout": (_module("LSTM", 4, 6, 3, dropout=0.5, bidirectional=True),
                                   [X]),
    "lstm_no_bias": (_module("LSTM", 4, 6, bias=False), [X]),
    "lstm_proj": (_module("LSTM", 4, 6, 2, proj_size=3), [X, (randn(2, 3, 3), randn(2, 3, 6))]),
    "lstm_proj_bidirectional_batch_first": (_module("LSTM", 4, 6, 2, batch_first=True,
                                                    bidirectional=True, proj_size=2), [X_B]),
    "lstm_unbatched_state": (_module("LSTM", 4, 6, bidirectional=True),
                             [randn(5, 4), (randn(2, 6), randn(2, 6))]),
    "lstm_batch_of_zero": (_module("LSTM", 4, 6), [randn(5, 0, 4)]),
}


@pytest.mark.parametrize("name", list(LAYERS))
def test_layer_against_torch(name):
    make, inputs = LAYERS[name]
    check_layer(make, inputs)


LAYERS64 = {
    "rnn_tanh": (lambda lib: lib.nn.RNN(4, 5, 2, dtype=lib.float64), [X64]),
    "gru_bidirectional": (lambda lib: lib.nn.GRU(4, 5, 2, bidirectional=True, dropout=0.3,
                                                 dtype=lib.float64), [X64]),
    "lstm_batch_first_state": (lambda lib: lib.nn.LSTM(4, 5, batch_first=True,
                                                       dtype=lib.float64),
                               [randn(3, 5, 4, dtype=np.float64),
                                (randn(1, 3, 5, dtype=np.float64),
                                 randn(1, 3, 5, dtype=np.float64))]),
    "lstm_proj_bidirectional": (lambda lib: lib.nn.LSTM(4, 5, 2, bidirectional=True,
                                                        proj_size=3).double(), [X64]),
}


@pytest.mark.parametrize("name", list(LAYERS64))
def test_layer_in_float64_against_torch(name):
    make, inputs = LAYERS64[name]
    check_layer(make, inputs, dtype=np.float64)


@pytest.mark.parametrize("name", ["gru_3_layers_dropout", "lstm_bidirectional_dropout"])
def test_layer_in_eval_mode_has_no_dropout(name):
    make, inputs = LAYERS[name]
    check_layer(make, inputs, train=False)


def test_dropout_draws_follow_the_seed():
    make, inputs = LAYERS["lstm_bidirectional_dropout"]
    for seed in (1, 2):
        check_layer(make, inputs, seed=seed)


def test_a_long_sequence_is_one_node_per_layer():
    """The recurrence is one op: the graph does not grow with the sequence."""
    lstm = compat.nn.LSTM(4, 6)
    out, _ = lstm(compat.randn(200, 2, 4))
    node, seen = out.grad_fn, set()
    todo = [node]
    while todo:
        n = todo.pop()
        if n is None or id(n) in seen:
            continue
        seen.add(id(n))
        todo.extend(f for f, _ in getattr(n, "next_functions", ()))
    assert len(seen) < 10


@pytest.mark.parametrize("kind", ["GRU", "LSTM"])
def test_double_backward_against_torch(kind):
    """A gradient of the input taken with ``create_graph`` is differentiated again."""
    def program(lib):
        lib.manual_seed(0)
        module = getattr(lib.nn, kind)(3, 4, 2, bidirectional=True)
        x = lib.tensor(X[:, :, :3].astype(np.float64), requires_grad=True)
        module.double()
        out, _ = module(x)
        g, = lib.autograd.grad((out * out).sum(), x, create_graph=True)
        (g * g).sum().backward()
        return [to_np(g)] + [to_np(p.grad) for p in module.parameters()]
    ours, theirs = program(compat), program(torch)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-11)


def test_output_without_grad():
    def program(lib):
        lib.manual_seed(0)
        lstm = lib.nn.LSTM(4, 6)
        with lib.no_grad():
            out, (h, c) = lstm(lib.tensor(X))
        return out.requires_grad, _name(out), h.requires_grad
    assert program(compat) == program(torch)


# ----------------------------------------------------------------------------- packed input
def _packed(lengths, enforce_sorted=True, state=None, total_length=None, batch_first=False):
    """A module call on ``pack_padded_sequence(x, lengths)``, unpacked after."""
    x = X_B if batch_first else X

    def wrap(make):
        def build(lib):
            inner = make(lib)

            class Packed(lib.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.inner = inner

                def forward(self, input, *hx):
                    packed = lib.nn.utils.rnn.pack_padded_sequence(
                        input, lengths, batch_first=batch_first, enforce_sorted=enforce_sorted)
                    out, hidden = self.inner(packed, *hx)
                    assert isinstance(out, lib.nn.utils.rnn.PackedSequence)
                    padded, _ = lib.nn.utils.rnn.pad_packed_sequence(
                        out, batch_first=batch_first, total_length=total_length)
                    return padded, hidden
            return Packed()
        return build
    inputs = [x] if state is None else [x, state]
    return wrap, inputs


PACKED = {
    "rnn": ("RNN", (4, 6), {}, _packed([5, 3, 2])),
    "rnn_relu_2_layers_dropout": ("RNN", (4, 6, 2), {"nonlinearity": "relu", "dropout": 0.5},
                                  _packed([5, 5, 1])),
    "gru_bidirectional_unsorted_h0": ("GRU", (4, 6), {"bidirectional": True},
                                      _packed([2, 5, 3], False, randn(2, 3, 6))),
    "gru_batch_first_total_length": ("GRU", (4, 6, 2), {"batch_first": True},
                                     _packed([5, 4, 4], total_length=7, batch_first=True)),
    "lstm": ("LSTM", (4, 6), {}, _packed([5, 3, 2])),
    "lstm_bidirectional_unsorted_state": ("LSTM", (4, 6, 2), {"bidirectional": True},
                                          _packed([3, 5, 1], False,
                                                  (randn(4, 3, 6), randn(4, 3, 6)))),
    "lstm_proj": ("LSTM", (4, 6), {"proj_size": 2}, _packed([5, 2, 2])),
}


@pytest.mark.parametrize("name", list(PACKED))
def test_packed_input_against_torch(name):
    kind, args, kw, (wrap, inputs) = PACKED[name]
    check_layer(wrap(_module(kind, *args, **kw)), inputs)


def test_packed_output_fields():
    def program(lib):
        lib.manual_seed(0)
        gru = lib.nn.GRU(4, 3, bidirectional=True)
        packed = lib.nn.utils.rnn.pack_padded_sequence(lib.tensor(X), [2, 5, 3],
                                                       enforce_sorted=False)
        out, h = gru(packed)
        return (type(out).__name__, out.batch_sizes, out.sorted_indices, out.unsorted_indices,
                out.batch_sizes is packed.batch_sizes, _name(out.data), _name(h), tuple(h.shape))
    ours, theirs = program(compat), program(torch)
    assert ours[0] == theirs[0] and ours[4:] == theirs[4:]
    for a, b in zip(ours[1:4], theirs[1:4]):
        assert_close(a, b)


# ----------------------------------------------------------------------------- cells
CELLS = {
    "rnn_cell": (_module("RNNCell", 4, 6), [randn(3, 4)]),
    "rnn_cell_relu_h": (_module("RNNCell", 4, 6, nonlinearity="relu"), [randn(3, 4),
                                                                        randn(3, 6)]),
    "rnn_cell_unbatched_no_bias": (_module("RNNCell", 4, 6, bias=False), [randn(4), randn(6)]),
    "gru_cell": (_module("GRUCell", 4, 6), [randn(3, 4), randn(3, 6)]),
    "gru_cell_unbatched": (_module("GRUCell", 4, 6), [randn(4)]),
    "lstm_cell": (_module("LSTMCell", 4, 6), [randn(3, 4)]),
    "lstm_cell_state": (_module("LSTMCell", 4, 6, bias=False), [randn(3, 4), (randn(3, 6),
                                                                              randn(3, 6))]),
    "lstm_cell_unbatched": (_module("LSTMCell", 4, 6), [randn(4), (randn(6), randn(6))]),
}


def _cell(make):
    """A cell as a module returning ``(output, state)`` for :func:`run_module`."""
    def build(lib):
        inner = make(lib)

        class Step(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.inner = inner

            def forward(self, *args):
                out = self.inner(*args)
                return out if isinstance(out, tuple) else (out, out * 2)
        return Step()
    return build


@pytest.mark.parametrize("name", list(CELLS))
def test_cell_against_torch(name):
    make, inputs = CELLS[name]
    check_layer(_cell(make), inputs)


def test_cell_in_float64_against_torch():
    x, h, c = (randn(3, 4, dtype=np.float64), randn(3, 6, dtype=np.float64),
               randn(3, 6, dtype=np.float64))
    check_layer(_cell(lambda lib: lib.nn.LSTMCell(4, 6).double()), [x, (h, c)],
                dtype=np.float64)
    check_layer(_cell(lambda lib: lib.nn.GRUCell(4, 6, dtype=lib.float64)), [x, h],
                dtype=np.float64)


# ----------------------------------------------------------------------------- parameters
def test_parameters_named_as_torch():
    def program(lib):
        lib.manual_seed(3)
        lstm = lib.nn.LSTM(3, 5, 2, bidirectional=True, proj_size=2)
        return ([(k, tuple(v.shape)) for k, v in lstm.state_dict().items()],
                lstm._flat_weights_names,
                [[tuple(w.shape) for w in ws] for ws in lstm.all_weights],
                lstm.flatten_parameters(), [to_np(p).tolist() for p in lstm.parameters()])
    assert program(compat) == program(torch)


def test_state_dict_round_trip_against_torch():
    torch.manual_seed(0)
    theirs = torch.nn.GRU(3, 4, 2, bias=False)
    ours = compat.nn.GRU(3, 4, 2, bias=False)
    ours.load_state_dict({k: compat.tensor(v.numpy()) for k, v in theirs.state_dict().items()})
    x = randn(6, 2, 3)
    out_c, h_c = ours(compat.tensor(x))
    out_t, h_t = theirs(torch.tensor(x))
    assert_close((out_c, h_c), (out_t, h_t), 2e-5, 2e-6)


@pytest.mark.parametrize("make", [
    _module("LSTM", 10, 20, num_layers=2, batch_first=True),
    _module("LSTM", 10, 20, proj_size=5, bias=False, dropout=0.2, bidirectional=True),
    _module("RNN", 3, 4, nonlinearity="relu"), _module("GRU", 3, 4, 3, dropout=0.0),
    _module("RNNCell", 3, 4, bias=False, nonlinearity="relu"), _module("LSTMCell", 3, 4),
    _module("GRUCell", 2, 3), lambda lib: lib.nn.Sequential(lib.nn.GRU(2, 3)),
])
def test_repr(make):
    assert repr(_quiet(make, compat)) == repr(_quiet(make, torch))


def test_dropout_warning_with_one_layer():
    caught = []
    for lib in (torch, compat):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            lib.nn.LSTM(3, 4, dropout=0.5)
        caught.append([(w.category, str(w.message)) for w in record])
    assert caught[0] == caught[1] and len(caught[0]) == 1


_PROJECTION_PROGRAM = """
import warnings
import {lib} as torch
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    lstm = torch.nn.LSTM(3, 4, proj_size=2)
    for _ in range(2):
        lstm(torch.zeros(2, 1, 3))
print([(w.category.__name__, str(w.message)) for w in caught])
"""


def test_projection_warning_once_per_process():
    """torch's oneDNN notice for an LSTM with projections, once per process (so each library
    runs in a fresh one)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    printed = [subprocess.run([sys.executable, "-c", _PROJECTION_PROGRAM.format(lib=lib)],
                              capture_output=True, text=True, cwd=root, check=True,
                              timeout=300).stdout
               for lib in ("torch", "compat")]
    assert printed[0] == printed[1] and "oneDNN" in printed[0]


# ----------------------------------------------------------------------------- errors
ERRORS = {
    "dropout_out_of_range": lambda lib: lib.nn.LSTM(3, 4, dropout=1.5),
    "dropout_bool": lambda lib: lib.nn.GRU(3, 4, dropout=True),
    "bias_type": lambda lib: lib.nn.RNN(3, 4, bias=1),
    "batch_first_type": lambda lib: lib.nn.RNN(3, 4, batch_first=None),
    "input_size_type": lambda lib: lib.nn.RNN(3.0, 4),
    "input_size_zero": lambda lib: lib.nn.RNN(0, 4),
    "hidden_size_type": lambda lib: lib.nn.LSTM(3, "4"),
    "hidden_size_zero": lambda lib: lib.nn.LSTM(3, 0),
    "num_layers_zero": lambda lib: lib.nn.LSTM(3, 4, num_layers=0),
    "proj_size_negative": lambda lib: lib.nn.LSTM(3, 4, proj_size=-1),
    "proj_size_too_big": lambda lib: lib.nn.LSTM(3, 4, proj_size=4),
    "proj_size_for_gru": lambda lib: lib.nn.GRU(3, 4, proj_size=2),
    "proj_size_for_rnn": lambda lib: lib.nn.RNN(3, 4, proj_size=2),
    "nonlinearity": lambda lib: lib.nn.RNN(3, 4, nonlinearity="sigmoid"),
    "rnn_input_rank": lambda lib: lib.nn.RNN(3, 4)(lib.zeros(2, 2, 2, 3)),
    "gru_input_rank": lambda lib: lib.nn.GRU(3, 4)(lib.zeros(3)),
    "lstm_input_rank": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(2, 2, 2, 3)),
    "input_size": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(5, 2, 2)),
    "input_dtype": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(5, 2, 3, dtype=lib.float64)),
    "empty_sequence": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(0, 2, 3)),
    "rnn_hidden_size": lambda lib: lib.nn.RNN(3, 4)(lib.zeros(5, 2, 3), lib.zeros(1, 2, 5)),
    "gru_hidden_layers": lambda lib: lib.nn.GRU(3, 4)(lib.zeros(5, 2, 3), lib.zeros(2, 2, 4)),
    "gru_hidden_batch": lambda lib: lib.nn.GRU(3, 4, batch_first=True)(lib.zeros(2, 5, 3),
                                                                       lib.zeros(1, 5, 4)),
    "batched_hidden_rank": lambda lib: lib.nn.GRU(3, 4)(lib.zeros(5, 2, 3), lib.zeros(2, 4)),
    "unbatched_hidden_rank": lambda lib: lib.nn.RNN(3, 4)(lib.zeros(5, 3), lib.zeros(1, 1, 4)),
    "lstm_h_size": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(5, 2, 3), (lib.zeros(1, 3, 4),
                                                                      lib.zeros(1, 2, 4))),
    "lstm_c_size": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(5, 2, 3), (lib.zeros(1, 2, 4),
                                                                      lib.zeros(1, 2, 5))),
    "lstm_proj_h_size": lambda lib: lib.nn.LSTM(3, 4, proj_size=2)(
        lib.zeros(5, 2, 3), (lib.zeros(1, 2, 4), lib.zeros(1, 2, 4))),
    "lstm_batched_state_rank": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(5, 2, 3),
                                                             (lib.zeros(1, 2, 4),
                                                              lib.zeros(2, 4))),
    "lstm_unbatched_state_rank": lambda lib: lib.nn.LSTM(3, 4)(lib.zeros(5, 3),
                                                               (lib.zeros(1, 1, 4),
                                                                lib.zeros(1, 4))),
    "cell_input_rank": lambda lib: lib.nn.RNNCell(3, 4)(lib.zeros(2, 3, 3)),
    "cell_hidden_rank": lambda lib: lib.nn.GRUCell(3, 4)(lib.zeros(2, 3), lib.zeros(1, 2, 4)),
    "lstm_cell_input_rank": lambda lib: lib.nn.LSTMCell(3, 4)(lib.zeros(2, 3, 3)),
    "lstm_cell_state_rank": lambda lib: lib.nn.LSTMCell(3, 4)(lib.zeros(2, 3),
                                                              (lib.zeros(2, 4),
                                                               lib.zeros(1, 2, 4))),
    "cell_input_size": lambda lib: lib.nn.LSTMCell(3, 4)(lib.zeros(2, 5)),
    "cell_hidden_batch": lambda lib: lib.nn.RNNCell(3, 4)(lib.zeros(2, 3), lib.zeros(1, 4)),
    "cell_hidden_size": lambda lib: lib.nn.GRUCell(3, 4)(lib.zeros(2, 3), lib.zeros(2, 5)),
    "lstm_cell_c_batch": lambda lib: lib.nn.LSTMCell(3, 4)(lib.zeros(2, 3), (lib.zeros(2, 4),
                                                                            lib.zeros(1, 4))),
    "lstm_cell_c_size": lambda lib: lib.nn.LSTMCell(3, 4)(lib.zeros(2, 3), (lib.zeros(2, 4),
                                                                           lib.zeros(2, 5))),
    "cell_unknown_nonlinearity": lambda lib: lib.nn.RNNCell(3, 4, nonlinearity="x")(
        lib.zeros(3)),
    "cell_input_dtype": lambda lib: lib.nn.RNNCell(3, 4)(lib.zeros(2, 3, dtype=lib.float64)),
    "cell_hidden_dtype": lambda lib: lib.nn.GRUCell(3, 4)(lib.zeros(2, 3),
                                                          lib.zeros(2, 4, dtype=lib.float64)),
    "lstm_cell_input_dtype": lambda lib: lib.nn.LSTMCell(3, 4)(
        lib.zeros(2, 3, dtype=lib.float64)),
    "gru_hidden_dtype": lambda lib: lib.nn.GRU(3, 4)(lib.zeros(5, 2, 3),
                                                     lib.zeros(1, 2, 4, dtype=lib.float64)),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_as_torch(name):
    raises_like(ERRORS[name])


# ----------------------------------------------------------------------------- nn.utils.rnn
def _seqs(lib, grad=True):
    return [lib.tensor(a.copy(), requires_grad=grad) for a in SEQS]


SEQS = [randn(4, 3), randn(2, 3), randn(3, 3)]


def _backward_all(lib, seqs, out):
    (out * lib.tensor(_weights(out)).to(out.dtype)).sum().backward()
    return [s.grad for s in seqs]


@pytest.mark.parametrize("kw", [{}, {"batch_first": True}, {"padding_value": -2.5},
                                {"padding_side": "left"},
                                {"batch_first": True, "padding_side": "left"}])
def test_pad_sequence_against_torch(kw):
    results = []
    for lib in (torch, compat):
        seqs = _seqs(lib)
        out = lib.nn.utils.rnn.pad_sequence(seqs, **kw)
        results.append((out, _name(out), _backward_all(lib, seqs, out)))
    (out_t, name_t, grads_t), (out_c, name_c, grads_c) = results
    assert name_c == name_t
    assert_close(out_c, out_t)
    assert_close(grads_c, grads_t)


def test_pad_sequence_of_integers_and_of_a_tensor():
    for make in (lambda lib: lib.nn.utils.rnn.pad_sequence(
                     [lib.tensor([1, 2, 3]), lib.tensor([4])], padding_value=7),
                 lambda lib: lib.nn.utils.rnn.pad_sequence(lib.ones(2, 3, 1), True)):
        assert_close(make(compat), make(torch))


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("enforce_sorted", [True, False])
def test_pack_and_pad_packed_against_torch(batch_first, enforce_sorted):
    lengths = [4, 3, 2] if enforce_sorted else [2, 4, 3]
    padded = randn(3, 4, 2) if batch_first else randn(4, 3, 2)
    results = []
    for lib in (torch, compat):
        x = _tensor(lib, padded)
        packed = lib.nn.utils.rnn.pack_padded_sequence(
            x, lib.tensor(lengths), batch_first=batch_first, enforce_sorted=enforce_sorted)
        out, lens = lib.nn.utils.rnn.pad_packed_sequence(packed, batch_first=batch_first,
                                                         padding_value=-1.0, total_length=5)
        (out * lib.tensor(_weights(out)).to(out.dtype)).sum().backward()
        results.append((packed, _name(packed.data), out, _name(out), lens, x.grad))
    t, c = results
    assert type(c[0]).__name__ == "PackedSequence" and c[0]._fields == t[0]._fields
    assert [c[1], c[3]] == [t[1], t[3]]
    assert_close([c[0].data, c[0].batch_sizes, c[2], c[4], c[5]],
                 [t[0].data, t[0].batch_sizes, t[2], t[4], t[5]])
    for a, b in zip(c[0][2:], t[0][2:]):
        assert_close(a, b)


def test_pack_sequence_and_unpack_against_torch():
    for enforce_sorted in (True, False):
        seqs = SEQS if not enforce_sorted else sorted(SEQS, key=len, reverse=True)
        results = []
        for lib in (torch, compat):
            packed = lib.nn.utils.rnn.pack_sequence([lib.tensor(s) for s in seqs],
                                                    enforce_sorted=enforce_sorted)
            results.append((list(packed), lib.nn.utils.rnn.unpack_sequence(packed),
                            repr(packed)))
        (fields_t, unpacked_t, repr_t), (fields_c, unpacked_c, repr_c) = results
        assert_close(fields_c, fields_t)
        assert_close(unpacked_c, unpacked_t)
        assert repr_c == repr_t


def test_unpad_sequence_and_invert_permutation_against_torch():
    def program(lib):
        R = lib.nn.utils.rnn
        padded = lib.tensor(np.arange(12.0).reshape(4, 3))
        return (R.unpad_sequence(padded, lib.tensor([4, 1, 2])),
                R.invert_permutation(lib.tensor([2, 0, 3, 1])), R.invert_permutation(None))
    assert_close(program(compat), program(torch))


def test_packed_sequence_conversions():
    def program(lib):
        packed = lib.nn.utils.rnn.pack_sequence([lib.ones(2, 2), lib.ones(1, 2)])
        made = lib.nn.utils.rnn.PackedSequence(packed.data, packed.batch_sizes)
        return (packed.double().data.dtype, packed.to(lib.float32) is packed, packed.is_cuda,
                made.sorted_indices, made.unsorted_indices, tuple(made.data.shape))
    ours, theirs = program(compat), program(torch)
    assert repr(ours) == repr(theirs)


PACK_ERRORS = {
    "unsorted": lambda lib: lib.nn.utils.rnn.pack_padded_sequence(lib.zeros(3, 2, 4), [2, 3]),
    "zero_length": lambda lib: lib.nn.utils.rnn.pack_padded_sequence(lib.zeros(3, 2, 4), [3, 0]),
    "lengths_count": lambda lib: lib.nn.utils.rnn.pack_padded_sequence(lib.zeros(3, 2, 4),
                                                                       [3, 2, 1]),
    "lengths_rank": lambda lib: lib.nn.utils.rnn.pack_padded_sequence(
        lib.zeros(3, 2, 4), lib.tensor([[3, 2]])),
    "pack_sequence_unsorted": lambda lib: lib.nn.utils.rnn.pack_sequence([lib.zeros(1),
                                                                          lib.zeros(2)]),
    "total_length": lambda lib: lib.nn.utils.rnn.pad_packed_sequence(
        lib.nn.utils.rnn.pack_padded_sequence(lib.zeros(3, 2, 4), [3, 2]), total_length=2),
    "pad_not_iterable": lambda lib: lib.nn.utils.rnn.pad_sequence(3),
    "pad_trailing_sizes": lambda lib: lib.nn.utils.rnn.pad_sequence([lib.zeros(3, 2),
                                                                     lib.zeros(2, 3)]),
    "pad_side": lambda lib: lib.nn.utils.rnn.pad_sequence([lib.zeros(2)], padding_side="mid"),
    "pad_empty": lambda lib: lib.nn.utils.rnn.pad_sequence([]),
    "packed_data_not_pair": lambda lib: lib.nn.utils.rnn.PackedSequence(lib.zeros(3)),
}


@pytest.mark.parametrize("name", list(PACK_ERRORS))
def test_packing_errors_as_torch(name):
    raises_like(PACK_ERRORS[name])


# ----------------------------------------------------------------------------- training
class _LanguageModel:
    """Embedding → 2-layer LSTM (dropout between) → Linear, built in either library."""

    @staticmethod
    def make(lib):
        class Model(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.embed = lib.nn.Embedding(11, 6)
                self.lstm = lib.nn.LSTM(6, 8, num_layers=2, dropout=0.2, batch_first=True)
                self.head = lib.nn.Linear(8, 11)

            def forward(self, tokens):
                out, _ = self.lstm(self.embed(tokens))
                return self.head(out)
        return Model()


TOKENS = rng.integers(0, 11, (4, 7))


@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
def test_lstm_language_model_trains_as_torch(optimizer):
    def program(lib):
        lib.manual_seed(0)
        model = _LanguageModel.make(lib)
        opt = (lib.optim.SGD(model.parameters(), lr=0.5, momentum=0.9) if optimizer == "SGD"
               else lib.optim.Adam(model.parameters(), lr=0.01))
        tokens = lib.tensor(TOKENS)
        losses = []
        for _ in range(4):
            logits = model(tokens[:, :-1])
            loss = lib.nn.functional.cross_entropy(logits.reshape(-1, 11),
                                                   tokens[:, 1:].reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses, {k: to_np(v) for k, v in model.state_dict().items()}
    (losses_c, state_c), (losses_t, state_t) = program(compat), program(torch)
    np.testing.assert_allclose(losses_c, losses_t, rtol=2e-5, atol=2e-6)
    for k in state_t:
        np.testing.assert_allclose(state_c[k], state_t[k], rtol=1e-4, atol=1e-5, err_msg=k)
