"""``%load_ext compat``: use compat as ``torch`` in a live IPython/Jupyter session.

Loading the extension binds ``torch`` in the user namespace and makes ``import torch`` (and
``torch.X.Y``, ``torchviz``) resolve to compat for the rest of the session, as ``python -m
compat`` does for one run. ``%unload_ext compat`` undoes it. If the real torch was imported
before the extension loaded, only the ``torch`` name is rebound (a module already imported can
not be swapped out safely), and a warning says so.

>>> class Shell:  # what IPython hands the hook: a namespace and push()
...     user_ns = {}
...     def push(self, variables):
...         self.user_ns.update(variables)
>>> shell = Shell()
>>> load_ipython_extension(shell)
>>> shell.user_ns["torch"].__name__
'compat'
>>> unload_ipython_extension(shell)
>>> "torch" in shell.user_ns
False
"""
from __future__ import annotations

import sys
import warnings

_active = {}  # shell id → the entered runner.torch_aliases context (or None)


def load_ipython_extension(ipython):
    """The hook ``%load_ext compat`` calls: bind ``torch`` to compat in ``ipython``'s session."""
    import compat  # lazy: IPython loads this extension module before compat is complete
    from .runner import ALIASES, torch_aliases  # lazy: the runner imports compat itself

    key = id(ipython)
    if key not in _active:
        real = sys.modules.get("torch")
        if real is not None and real is not compat:
            warnings.warn("compat: the real torch was imported before %load_ext compat; `torch` "
                          "now names compat, but `import torch` still returns the real one. "
                          "Restart the kernel and load the extension first to alias imports too.",
                          stacklevel=2)
            _active[key] = None
        else:
            aliases = torch_aliases(ALIASES)
            aliases.__enter__()
            _active[key] = aliases
    ipython.push({"torch": compat})


def unload_ipython_extension(ipython):
    """The hook ``%unload_ext compat`` calls: drop the aliases and the ``torch`` name."""
    import compat  # lazy: IPython loads this extension module before compat is complete

    aliases = _active.pop(id(ipython), None)
    if aliases is not None:
        aliases.__exit__(None, None, None)
    ns = getattr(ipython, "user_ns", None)
    if ns is not None and ns.get("torch") is compat:
        del ns["torch"]
