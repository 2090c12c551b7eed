"""``python -m compat``: scripts and notebooks run unchanged with ``torch`` bound to compat.

Most cases run in-process through :func:`compat.runner.main` (fast); two run the real command
in a subprocess, to check what a user sees and that the installed torch is never imported.
"""
import json
import os
import subprocess
import sys
import textwrap
import warnings

import pytest

import compat
from compat import runner
from compat.ipython import load_ipython_extension, unload_ipython_extension

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return str(path)


def notebook(tmp_path, *cells, name="nb.ipynb"):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
          "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# title\n", "1/0"]}]
          + [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": textwrap.dedent(c).strip("\n").splitlines(keepends=True)} for c in cells]}
    path = tmp_path / name
    path.write_text(json.dumps(nb))
    return str(path)


def run(capsys, *argv):
    status = runner.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# ------------------------------------------------------------------ scripts

def test_script_sees_compat_as_torch_with_argv_and_main(tmp_path, capsys):
    path = write(tmp_path, "s.py", """\
        import sys
        import torch
        import torch.autograd
        from torch.autograd import grad
        import torch.autograd.functional as AF
        print(torch.__name__, torch.autograd.__name__, AF.__name__)
        print(sys.argv[1:], __name__, __file__ == sys.argv[0])
        x = torch.tensor(3.0, requires_grad=True)
        print(grad(x ** 2, x))
        """)
    status, out, err = run(capsys, path, "a", "--b")
    assert status == 0, err
    assert out.splitlines() == [
        "compat compat.autograd compat.autograd.functional",
        "['a', '--b'] __main__ True",
        "(tensor(6.),)"]


def test_submodules_map_by_name_and_missing_ones_fail_as_imports_do(tmp_path, capsys):
    path = write(tmp_path, "s.py", """\
        import torch.random, torch.cuda
        from torch.autograd import graph
        import compat
        print(torch.random is compat.random, graph is compat.autograd.graph)
        try:
            import torch.no_such_module
        except ModuleNotFoundError as err:
            print(err.name)
        """)
    status, out, err = run(capsys, path)
    assert status == 0, err
    assert out.splitlines() == ["True True", "torch.no_such_module"]


def test_aliases_are_gone_after_the_run(tmp_path, capsys):
    before_torch = sys.modules.get("torch")
    meta_path = list(sys.meta_path)
    path = write(tmp_path, "s.py", "import torch, torchviz\n")
    assert run(capsys, path)[0] == 0
    assert sys.modules.get("torch") is before_torch
    assert sys.meta_path == meta_path
    assert compat.__spec__.name == "compat" and compat.viz.__spec__.name == "compat.viz"


def test_torchviz_is_compat_viz(tmp_path, capsys):
    path = write(tmp_path, "s.py", """\
        import torch
        from torchviz import make_dot
        w = torch.ones(2, requires_grad=True)
        print(make_dot.__module__, 'MulBackward0' in make_dot(w * 2).source)
        """)
    status, out, err = run(capsys, path)
    assert (status, out) == (0, "compat.viz True\n"), err


def test_functorch_and_torch_func_are_compat_func(tmp_path, capsys):
    path = write(tmp_path, "s.py", """\
        import warnings
        warnings.simplefilter("ignore", FutureWarning)  # functorch.vmap: torch's "moved" warning
        import torch
        import functorch
        from torch.func import grad
        print(functorch.vmap(torch.sum)(torch.ones(2, 3)), grad(lambda x: (x * x).sum())(torch.ones(2)))
        """)
    status, out, err = run(capsys, path)
    assert (status, out) == (0, "tensor([3., 3.]) tensor([2., 2.])\n"), err  # torch prints this


def test_traceback_points_at_the_script_line(tmp_path, capsys):
    path = write(tmp_path, "bad.py", """\
        import torch

        def f(t):
            return t.no_such_method()

        f(torch.ones(1))
        """)
    status, out, err = run(capsys, path)
    assert status == 1
    assert f'File "{path}", line 6, in <module>' in err
    assert f'File "{path}", line 4, in f' in err
    assert "    return t.no_such_method()" in err
    assert err.strip().splitlines()[-1].startswith("AttributeError")
    assert "runner.py" not in err


def test_traceback_ends_at_the_user_line_like_torch_s(tmp_path, capsys):
    path = write(tmp_path, "bad.py", """\
        import torch
        x = torch.ones(2, 3, requires_grad=True)
        y = x @ x
        """)
    status, _, err = run(capsys, path)
    assert status == 1
    lines = [line for line in err.splitlines() if line.strip(" ~^")]  # no 3.11+ carets
    assert lines == [
        "Traceback (most recent call last):",
        f'  File "{path}", line 3, in <module>',
        "    y = x @ x",
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"]
    status, _, err = run(capsys, "--full-traceback", path)
    assert status == 1 and "dispatch.py" in err


def test_system_exit_passes_through(tmp_path, capsys):
    path = write(tmp_path, "s.py", "import sys\nprint('bye')\nsys.exit(3)\n")
    with pytest.raises(SystemExit) as exc:
        runner.main([path])
    assert exc.value.code == 3
    assert capsys.readouterr().out == "bye\n"


def test_seed_option_seeds_the_default_generator(tmp_path, capsys):
    path = write(tmp_path, "s.py", "import torch\nprint(torch.rand(2))\n")
    status, out, _ = run(capsys, "--seed", "0", path)
    assert (status, out) == (0, "tensor([0.4963, 0.7682])\n")
    assert run(capsys, "--seed=0", path)[1] == out


def test_torch_option_runs_the_real_torch(tmp_path, capsys):
    pytest.importorskip("torch")
    path = write(tmp_path, "s.py", """\
        import torch
        import torchviz
        print(torch.__name__, hasattr(torch, '_C'), torchviz.__name__)
        """)
    status, out, err = run(capsys, "--torch", path)
    assert status == 0, err
    torchviz = "torchviz" if _installed("torchviz") else "compat.viz"
    assert out == f"torch True {torchviz}\n"


def _installed(name):
    import importlib.util
    return importlib.util.find_spec(name) is not None


@pytest.mark.parametrize("argv,status,stream,text", [
    ([], 2, "err", "usage: python -m compat"),
    (["--help"], 0, "out", "usage: python -m compat"),
    (["--frobnicate", "x.py"], 2, "err", "unknown option --frobnicate"),
    (["/no/such/file.py"], 2, "err", "can't open file '/no/such/file.py'"),
])
def test_command_line_errors(capsys, argv, status, stream, text):
    code, out, err = run(capsys, *argv)
    assert code == status
    assert text in (out if stream == "out" else err)


# ------------------------------------------------------------------ notebooks

def test_notebook_displays_last_expressions_like_jupyter(tmp_path, capsys):
    path = notebook(
        tmp_path,
        """\
        %matplotlib inline
        !pip list
        import torch
        x = torch.tensor([1., 2.], requires_grad=True)
        x""",
        "y = x * 2\ny;",                    # ';' suppresses the display
        "y  # a comment does not",
        "print('printed')\nNone",          # None is not displayed
        "x\ny = 3",                          # only a last expression is displayed
        "for i in range(2):\n    !echo skipped\n    print(i)",
        "%%bash\necho a cell magic skips its cell",
        "z = (10\n% 3)\nz",                 # '%' inside brackets is Python, not a magic
        "a, b = 1, 2\na, b",
        "import sys\nsys.argv[1:], __name__",
        "display(x.grad, 'text')",
    )
    status, out, err = run(capsys, path, "--flag")
    assert status == 0, err
    assert out.splitlines() == [
        "tensor([1., 2.], requires_grad=True)",
        "tensor([2., 4.], grad_fn=<MulBackward0>)",
        "printed",
        "0", "1",
        "1",
        "(1, 2)",
        "(['--flag'], '__main__')",
        "None", "'text'",
    ]


def test_notebook_traceback_names_the_cell(tmp_path, capsys):
    path = notebook(tmp_path, "import torch", "x = 1\n\ntorch.ones(2) @ torch.ones(3)")
    status, out, err = run(capsys, path)
    assert status == 1
    assert f'File "{path}:cell 2", line 3, in <module>' in err
    assert "torch.ones(2) @ torch.ones(3)" in err  # the source line is shown
    assert "runner.py" not in err


def test_strip_magics_keeps_line_numbers_and_indentation():
    src = "%time x = 1\nif True:\n    !ls\n    y = 2\nz = (1\n%2)\nw = 3 != 4\n"
    assert runner.strip_magics(src) == "pass\nif True:\n    pass\n    y = 2\nz = (1\n%2)\nw = 3 != 4\n"
    assert runner.strip_magics("%%timeit\nx = 1") is None


# ------------------------------------------------------------------ the command, end to end

def test_python_dash_m_compat_never_imports_the_real_torch(tmp_path):
    script = write(tmp_path, "s.py", """\
        import importlib.util, sys
        import torch
        from torch import autograd
        print(torch.tensor([1.5, 2.0]) * 2)
        loaded = [n for n, m in list(sys.modules.items())
                  if n.split('.')[0] == 'torch' and not getattr(m, '__name__', '').startswith('compat')]
        print('real torch modules:', loaded)
        raise ValueError('boom')
        """)
    proc = subprocess.run([sys.executable, "-m", "compat", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout == "tensor([3., 4.])\nreal torch modules: []\n"
    assert proc.stderr.startswith("Traceback (most recent call last):\n")
    assert f'File "{script}", line 8, in <module>' in proc.stderr
    assert proc.stderr.rstrip().endswith("ValueError: boom")


# ------------------------------------------------------------------ %load_ext compat

class FakeShell:
    """What IPython passes to an extension hook: a user namespace and push()."""

    def __init__(self):
        self.user_ns = {}

    def push(self, variables):
        self.user_ns.update(variables)


def test_ipython_extension_binds_torch_and_aliases_imports(monkeypatch):
    monkeypatch.delitem(sys.modules, "torch", raising=False)  # as in a fresh kernel
    shell = FakeShell()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_ipython_extension(shell)
    try:
        assert shell.user_ns["torch"] is compat
        import torch
        import torch.autograd
        assert torch is compat and torch.autograd is compat.autograd
        exec("y = torch.tensor(2.0, requires_grad=True) * 3", shell.user_ns)
        assert repr(shell.user_ns["y"]) == "tensor(6., grad_fn=<MulBackward0>)"
    finally:
        unload_ipython_extension(shell)
    assert "torch" not in shell.user_ns
    assert sys.modules.get("torch") is None


def test_ipython_extension_after_real_torch_only_rebinds_the_name(monkeypatch):
    real = pytest.importorskip("torch")
    shell = FakeShell()
    with pytest.warns(UserWarning, match="real torch was imported before"):
        load_ipython_extension(shell)
    try:
        assert shell.user_ns["torch"] is compat
        assert sys.modules["torch"] is real
    finally:
        unload_ipython_extension(shell)


def test_load_ext_in_a_real_ipython_shell():
    pytest.importorskip("IPython")
    code = textwrap.dedent("""\
        from IPython.core.interactiveshell import InteractiveShell
        ip = InteractiveShell.instance()
        ip.run_cell('%load_ext compat', silent=True)
        ip.run_cell('import torch.autograd\\nprint(torch.__name__, torch.autograd.__name__)')
        ip.run_cell('torch.tensor([1.0, 2.0], requires_grad=True).sum()')
        """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "compat compat.autograd"
    assert lines[1].endswith("]: tensor(3., grad_fn=<SumBackward0>)")
