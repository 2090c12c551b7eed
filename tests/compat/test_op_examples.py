"""Every op-table name has a runnable example (``compat/ops/examples.py``) whose printed output is
torch's own, and compat prints the same.

Each session runs in a fresh namespace with ``torch`` bound to the library under test; an
expression's output is its ``repr`` (nothing for ``None``), a statement's is ``""``. The torch
side proves the stored text is torch's; the compat side is the differential check, strict-xfail
for the names in ``KNOWN_DIFFERENCES``.
"""
from __future__ import annotations

import warnings

import pytest

import compat
from compat.ops import examples
from compat.ops.registry import FUNCTIONS, LINALG_FUNCTIONS, METHODS, NN_FUNCTIONS

# (prefix of the full name, the registry's table, the examples for it)
TABLES = (
    ("Tensor", METHODS, examples.METHOD_EXAMPLES),
    ("torch", FUNCTIONS, examples.FUNCTION_EXAMPLES),
    ("torch.nn.functional", NN_FUNCTIONS, examples.NN_EXAMPLES),
    ("torch.linalg", LINALG_FUNCTIONS, examples.LINALG_EXAMPLES),
)

SESSIONS = {f"{prefix}.{name}": pairs
            for prefix, _, table in TABLES for name, pairs in sorted(table.items())}


def run_session(lib, pairs):
    """The output of each source of ``pairs`` run in order with ``torch`` bound to ``lib``."""
    namespace = {"torch": lib}
    outputs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecations are not part of the printed text
        for source, _ in pairs:
            try:
                code = compile(source, "<example>", "eval")
            except SyntaxError:
                exec(compile(source, "<example>", "exec"), namespace)  # noqa: S102 (our table)
                outputs.append("")
                continue
            value = eval(code, namespace)  # noqa: S307 (our table)
            outputs.append("" if value is None else repr(value))
    return outputs


def _shown(lib, pairs):
    """``pairs`` with each output replaced by what ``lib`` prints (so a failure names the source)."""
    return [(source, output) for (source, _), output in zip(pairs, run_session(lib, pairs))]


def test_every_registered_name_has_an_example_or_a_reason():
    missing = [f"{prefix}.{name}" for prefix, registry, table in TABLES for name in registry
               if name not in table and f"{prefix}.{name}" not in examples.NO_EXAMPLE]
    assert not missing, f"op-table names with no example in compat/ops/examples.py: {missing}"


def test_examples_name_registered_ops_only():
    stale = [f"{prefix}.{name}" for prefix, registry, table in TABLES for name in table
             if name not in registry]
    assert not stale, f"examples for names the op table does not have: {stale}"
    registered = {f"{prefix}.{name}" for prefix, registry, _ in TABLES for name in registry}
    assert set(examples.NO_EXAMPLE) <= registered, "NO_EXAMPLE names an op the table lacks"
    assert not set(examples.NO_EXAMPLE) & set(SESSIONS), "a name has an example and NO_EXAMPLE"
    assert set(examples.KNOWN_DIFFERENCES) <= set(SESSIONS), \
        "KNOWN_DIFFERENCES names a session that does not exist"


def test_sessions_are_source_output_pairs():
    for name, pairs in SESSIONS.items():
        assert pairs and isinstance(pairs, list), name
        for pair in pairs:
            assert isinstance(pair, tuple) and len(pair) == 2, name
            assert all(isinstance(text, str) for text in pair), name
        assert any(output for _, output in pairs), f"{name}: its session shows no output"


@pytest.mark.parametrize("name", sorted(SESSIONS))
def test_torch_prints_the_stored_output(name):
    torch = pytest.importorskip("torch")
    pairs = SESSIONS[name]
    assert _shown(torch, pairs) == pairs


def _compat_params():
    for name in sorted(SESSIONS):
        why = examples.KNOWN_DIFFERENCES.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", list(_compat_params()))
def test_compat_prints_torchs_output(name):
    pairs = SESSIONS[name]
    assert _shown(compat, pairs) == pairs
