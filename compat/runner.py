"""Run a torch script or notebook unchanged on compat: ``python -m compat FILE [args…]``.

For the length of one run, ``import torch`` (and every ``torch.X.Y``) resolves to compat
(``compat.X.Y``), ``import torchviz`` to :mod:`compat.viz` and ``import functorch`` to
:mod:`compat.functorch`. The aliasing is a meta path finder installed by :func:`torch_aliases` and
removed afterwards, so an installed PyTorch is neither imported nor shadowed outside the run.

A ``.ipynb`` runs its code cells in order, as "Run All" would: IPython magics and shell lines
(``%…``, ``!…``) are skipped, and the ``repr`` of a cell's last expression is printed unless it
is None or the cell ends in ``;``. Tracebacks name the user's file and line (``nb.ipynb:cell 3``
for a notebook's third code cell).

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.py"
>>> _ = path.write_text("import torch\\nprint(torch.tensor([1., 2.]) * 2)\\n")
>>> run_path(str(path))
tensor([2., 4.])
"""
from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import json
import linecache
import os
import sys
import traceback
import tokenize
import types

USAGE = """\
usage: python -m compat [--torch] [--seed N] [--full-traceback] FILE [args ...]

Run a PyTorch script (FILE.py) or notebook (FILE.ipynb) with `torch` bound to compat.

options:
  --torch     run with the real (installed) torch instead: the reference run
  --seed N    call torch.manual_seed(N) before the file runs
  --full-traceback
              keep compat's and JAX's own frames below the user's line in tracebacks
  -h, --help  show this message
"""

# The names the runner rebinds: an alias and everything below it.
ALIASES = {"torch": "compat", "torchviz": "compat.viz", "functorch": "compat.functorch"}


class _AliasLoader(importlib.abc.Loader):
    """Hands back an already-imported compat module under its torch name."""

    def __init__(self, module):
        self._module = module
        self._spec = module.__spec__

    def create_module(self, spec):
        return self._module

    def exec_module(self, module):
        # The import system stamped the alias spec on the module; compat keeps its own.
        module.__spec__ = self._spec


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Resolves ``torch`` → ``compat`` and ``torch.X.Y`` → ``compat.X.Y`` (by name, on demand)."""

    def __init__(self, aliases):
        self.aliases = dict(aliases)

    def target(self, fullname):
        for alias, target in self.aliases.items():
            if fullname == alias or fullname.startswith(alias + "."):
                return target + fullname[len(alias):]
        return None

    def find_spec(self, fullname, path=None, target=None):
        name = self.target(fullname)
        if name is None:
            return None
        if importlib.util.find_spec(name) is None:
            return None  # "No module named 'torch.X'", as for any missing module
        module = importlib.import_module(name)
        is_package = hasattr(module, "__path__")
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module), is_package=is_package)


@contextlib.contextmanager
def torch_aliases(aliases=None):
    """Bind ``torch``/``torchviz`` (and their submodules) to compat inside the ``with`` block.

    >>> with torch_aliases():
    ...     import torch
    >>> torch.__name__
    'compat'
    """
    aliases = ALIASES if aliases is None else aliases
    finder = _AliasFinder(aliases)
    before = {name: mod for name, mod in sys.modules.items() if finder.target(name) is not None}
    for name in before:  # a module imported before the run must not leak into it
        del sys.modules[name]
    sys.meta_path.insert(0, finder)
    try:
        yield finder
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n in sys.modules if finder.target(n) is not None]:
            del sys.modules[name]
        sys.modules.update(before)


# --------------------------------------------------------------------------- notebooks

def notebook_cells(path):
    """The code cells of the notebook at ``path``, as source strings."""
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    cells = nb["cells"] if "cells" in nb else [c for ws in nb.get("worksheets", ()) for c in ws["cells"]]
    out = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        out.append("".join(src) if isinstance(src, list) else src)
    return out


def _open_continuation(source):
    """True when ``source`` ends inside brackets, a string or after a backslash."""
    try:
        for _ in tokenize.generate_tokens(io.StringIO(source).readline):
            pass
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return True
    return source.rstrip("\n").endswith("\\")


def strip_magics(source):
    """Replace IPython magic and shell lines with ``pass`` (same indent, same line numbers).

    >>> print(strip_magics("%matplotlib inline\\nx = 1\\n!pip list\\n"))
    pass
    x = 1
    pass
    <BLANKLINE>
    """
    if source.lstrip().startswith("%%"):
        return None  # a cell magic owns the whole cell (%%bash, %%capture, …): skip it
    lines = source.splitlines(keepends=True)
    out = []
    for line in lines:
        stripped = line.lstrip()
        escaped = stripped[:1] in ("%", "!") and not stripped.startswith("!=")
        if escaped and not _open_continuation("".join(out)):
            indent = line[:len(line) - len(stripped)]
            line = indent + "pass" + ("\n" if line.endswith("\n") else "")
        out.append(line)
    return "".join(out)


def _suppressed(source):
    """True when the last token of the cell is ``;`` (Jupyter then displays nothing)."""
    last = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                                tokenize.DEDENT, tokenize.ENDMARKER):
                last = tok
    except (tokenize.TokenError, SyntaxError):
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"


def run_cell(source, filename, namespace, display=None):
    """Execute one cell in ``namespace``; display its last expression as Jupyter would."""
    display = display or _display
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not _suppressed(source):
        last = tree.body.pop()
    if tree.body:
        exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)
        if value is not None:
            display(value)


def _display(value):
    print(repr(value))
    sys.stdout.flush()


def display(*objs, **kwargs):
    """A notebook's ``display()`` builtin, text only: the repr of each object."""
    for obj in objs:
        _display(obj)


def _exec_notebook(path, namespace):
    namespace.setdefault("display", display)  # Jupyter's builtin, which notebooks call bare
    for number, source in enumerate(notebook_cells(path), start=1):
        source = strip_magics(source)
        if source is None or not source.strip():
            continue
        run_cell(source, f"{path}:cell {number}", namespace)


def _exec_script(path, namespace):
    with open(path, "rb") as f:
        code = compile(f.read(), path, "exec")
    exec(code, namespace)


# --------------------------------------------------------------------------- running

def run_path(path, args=(), *, real_torch=False, seed=None):
    """Run the script or notebook at ``path`` as ``__main__`` with ``sys.argv = [path, *args]``.

    ``real_torch=True`` is the reference run: the installed torch stays bound, and ``torchviz``
    falls back to :mod:`compat.viz` only where PyTorchViz is not installed.
    """
    notebook = path.endswith(".ipynb")
    main = types.ModuleType("__main__")
    main.__dict__.update(__builtins__=__builtins__, __spec__=None, __loader__=None)
    if not notebook:
        main.__file__ = path
    aliases = ALIASES
    if real_torch:
        aliases = {} if importlib.util.find_spec("torchviz") else {"torchviz": "compat.viz"}
    saved = sys.argv, sys.path[:], sys.modules.get("__main__")
    sys.argv = [path, *args]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    sys.modules["__main__"] = main
    try:
        with torch_aliases(aliases):
            if seed is not None:
                importlib.import_module("torch").manual_seed(seed)
            (_exec_notebook if notebook else _exec_script)(path, main.__dict__)
    finally:
        sys.argv, sys.path[:] = saved[0], saved[1]
        if saved[2] is not None:
            sys.modules["__main__"] = saved[2]


def _library_dirs():
    dirs = []
    for name in ("compat", "jaxgrad", "jax", "jaxlib"):
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__file__", None):
            dirs.append(os.path.dirname(os.path.abspath(module.__file__)) + os.sep)
    return tuple(dirs)


def _user_traceback(err, full=False):
    """The traceback to show for ``err``: from the user's first frame to their last one.

    The runner's own frames go, and so (unless ``full``) do compat's and JAX's frames below
    the user's last line, as torch's C++ frames never show; JAX's note about the frames it
    filtered goes with them.
    """
    here = os.path.abspath(__file__)
    tb = err.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) == here:
        tb = tb.tb_next
    if full or tb is None:
        return tb
    library = _library_dirs()
    last_user, t = None, tb
    while t is not None:
        if not os.path.abspath(t.tb_frame.f_code.co_filename).startswith(library):
            last_user = t
        t = t.tb_next
    if last_user is not None and last_user.tb_next is not None:
        last_user.tb_next = None
        notes = getattr(err, "__notes__", None)
        if notes:
            notes[:] = [n for n in notes if "JAX has removed its internal frames" not in n]
            if not notes:
                del err.__notes__
    return tb


def main(argv=None):
    """Command-line entry point of ``python -m compat``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    real_torch, seed, full = False, None, False
    while argv and argv[0].startswith("-"):
        opt = argv.pop(0)
        if opt in ("-h", "--help"):
            print(USAGE, end="")
            return 0
        if opt == "--torch":
            real_torch = True
        elif opt == "--full-traceback":
            full = True
        elif opt == "--seed" and argv:
            seed = int(argv.pop(0))
        elif opt.startswith("--seed="):
            seed = int(opt.split("=", 1)[1])
        elif opt == "--":
            break
        else:
            sys.stderr.write(f"python -m compat: unknown option {opt}\n\n{USAGE}")
            return 2
    if not argv:
        sys.stderr.write(USAGE)
        return 2
    path, args = argv[0], argv[1:]
    if not os.path.isfile(path):
        sys.stderr.write(f"python -m compat: can't open file {path!r}: no such file\n")
        return 2
    try:
        run_path(path, args, real_torch=real_torch, seed=seed)
    except SystemExit:
        raise
    except BaseException as err:  # noqa: BLE001 - reported as Python would, then exit 1
        if isinstance(err, KeyboardInterrupt):
            raise
        sys.stdout.flush()
        traceback.print_exception(type(err), err, _user_traceback(err, full))
        return 1
    return 0
