"""Every docstring example in jaxgrad and compat runs and shows what it says."""
import doctest
import importlib
import pkgutil

import pytest

import compat
import jaxgrad


def _modules():
    names = []
    for package in (jaxgrad, compat):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.split(".")[-1] in ("__main__",):
                continue
            names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def _table_entries():
    from compat.ops.registry import FUNCTIONS, LINALG_FUNCTIONS, METHODS, NN_FUNCTIONS
    seen, out = set(), []
    for prefix, table in (("Tensor.", METHODS), ("torch.", FUNCTIONS),
                          ("torch.nn.functional.", NN_FUNCTIONS),
                          ("torch.linalg.", LINALG_FUNCTIONS)):
        for name, fn in sorted(table.items()):
            if id(fn) not in seen:
                seen.add(id(fn))
                out.append((prefix + name, fn))
    return out


@pytest.mark.parametrize("name,fn", _table_entries(), ids=[n for n, _ in _table_entries()])
def test_op_table_docstring_examples(name, fn):
    """The generated methods and functions live outside any module's namespace, so doctest's
    module walk misses them: each one's docstring runs here."""
    tests = doctest.DocTestFinder().find(fn, name, globs=dict(getattr(fn, "__globals__", {})))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    assert runner.failures == 0
