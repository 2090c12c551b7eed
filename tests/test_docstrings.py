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
