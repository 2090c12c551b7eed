"""Every example under examples/ prints through compat exactly what it prints through torch.

Each file runs twice as a user would run it, ``python -m compat --seed 0 FILE`` and the
reference run ``python -m compat --torch --seed 0 FILE`` (the installed torch; ``torchviz``
is compat.viz there when PyTorchViz is not installed). ``--seed 0`` pins the examples'
unseeded draws, which torch otherwise seeds at random per process. Outputs must be equal up
to object addresses (``0x…``) and DOT node ids (``id()`` numbers, renumbered by first
appearance). All runs start at once: each pays for a Python + JAX start-up.
"""
import glob
import os
import re
import subprocess
import sys

import pytest

pytest.importorskip("torch")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "examples", "seed_*"))
                  if p.endswith((".py", ".ipynb")))
SEED_NUMBERS = ["000", "001", "002", "003"]  # one example per seed document
MODES = {"compat": ["--seed", "0"], "torch": ["--torch", "--seed", "0"], "as written": []}


def normalize(text):
    text = re.sub(r"0x[0-9a-fA-F]+", "0x…", text)
    chunks = text.split("digraph {")  # a freed object's id may come back in a later graph
    for i, chunk in enumerate(chunks):
        ids = {}
        chunks[i] = re.sub(r"\b\d{9,}\b", lambda m: "id%d" % ids.setdefault(m[0], len(ids)), chunk)
    return "digraph {".join(chunks)


@pytest.fixture(scope="module")
def outputs():
    env = dict(os.environ, PYTHONHASHSEED="0", JAX_PLATFORMS="cpu")
    procs = {}
    for path in EXAMPLES:
        for mode, flags in MODES.items():
            if mode == "as written" and not path.endswith(".ipynb"):
                continue
            procs[path, mode] = subprocess.Popen(
                [sys.executable, "-m", "compat", *flags, path], cwd=ROOT, env=env,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {}
    for key, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        results[key] = (proc.returncode, out, err)
    return results


def _parametrized_paths(test):
    (mark,) = [m for m in test.pytestmark if m.name == "parametrize"]
    return list(mark.args[1])


def test_there_is_an_example_per_seed_document():
    # The repository's four seed examples, read from examples/ itself (a missing folder fails).
    found = {}
    for name in sorted(os.listdir(os.path.join(ROOT, "examples"))):
        if name.startswith("seed_") and name.endswith((".py", ".ipynb")):
            found.setdefault(name[5:8], []).append(os.path.join("examples", name))
    assert sorted(found) == SEED_NUMBERS
    assert all(len(paths) == 1 for paths in found.values()), found
    expected = sorted(paths[0] for paths in found.values())
    # and each one runs in the tests below: through compat and torch, a notebook as written too
    assert EXAMPLES == expected
    assert _parametrized_paths(test_example_prints_what_torch_prints) == expected
    assert _parametrized_paths(test_notebook_runs_as_written) == [p for p in expected if p.endswith(".ipynb")]


@pytest.mark.parametrize("path", EXAMPLES)
def test_example_prints_what_torch_prints(outputs, path):
    code, ours, err = outputs[path, "compat"]
    assert code == 0, err
    ref_code, theirs, ref_err = outputs[path, "torch"]
    assert ref_code == 0, ref_err
    assert ours.strip(), "the example printed nothing"
    assert normalize(ours) == normalize(theirs)


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.endswith(".ipynb")])
def test_notebook_runs_as_written(outputs, path):
    code, out, err = outputs[path, "as written"]
    assert code == 0, err
    assert "grad_fn=<" in out
