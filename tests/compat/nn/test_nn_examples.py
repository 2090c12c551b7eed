"""examples/nn_regression.py and examples/mnist_mlp.py print through compat
(``python -m compat FILE``) exactly what they print through torch (``--torch``)."""
import os
import re
import subprocess
import sys

import pytest

pytest.importorskip("torch")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
EXAMPLES = ["examples/nn_regression.py", "examples/mnist_mlp.py"]


@pytest.fixture(scope="module")
def outputs():
    env = dict(os.environ, PYTHONHASHSEED="0", JAX_PLATFORMS="cpu")
    procs = {(path, mode): subprocess.Popen(
        [sys.executable, "-m", "compat", *flags, path], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in EXAMPLES for mode, flags in (("compat", []), ("torch", ["--torch"]))}
    results = {}
    for key, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        results[key] = (proc.returncode, re.sub(r"0x[0-9a-fA-F]+", "0x…", out), err)
    return results


@pytest.mark.parametrize("path", EXAMPLES)
def test_example_prints_what_torch_prints(outputs, path):
    rc_c, out_c, err_c = outputs[path, "compat"]
    rc_t, out_t, err_t = outputs[path, "torch"]
    assert rc_t == 0, err_t
    assert rc_c == 0, err_c
    assert out_c == out_t
    assert "epoch" in out_c
