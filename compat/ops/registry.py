"""The op-spec registry, and the code generator that turns entries into torch's API.

:func:`op` declares one torch overload from a torch-style signature::

    op("add(self, other, *, alpha=1)", F.add, "AddBackward0", inplace=True)

Parameters named in ``traced`` (by default ``self`` alone) are traced when they hold Tensors
or numbers; every other value is static (compiled into the op), so a new dim compiles a new
op and a new number does not. From the entry the registry generates, with the
signature written out (so Python binds the arguments, and ``help()`` shows them):

- the Tensor method ``add`` (``method=True``), and ``add_`` when ``inplace=True``;
- the function ``torch.add(input, other, *, alpha=1, out=None)`` (``function=True``), which
  refuses non-Tensor inputs as torch does (unless ``scalar_input=True``) and honours ``out=``;
- ``nn.functional`` wrappers (``nn=True``; ``nn="inplace"`` adds torch's ``inplace=False``).

Ops with several torch overloads, or whose Python front needs logic (``max(dim=None)``), are
written as composites with :func:`method`/:func:`function` over entries declared with
``method=False, function=False``; the entries still hold every grad_fn name.

>>> import compat as torch
>>> SPECS["add"].params, SPECS["add"].grad_fn
(('self', 'other', 'alpha'), 'AddBackward0')
>>> torch.ones(2).add(1, alpha=2)
tensor([3., 3.])
"""
from __future__ import annotations

import ast
import builtins
import functools
import inspect
import linecache
import os
import warnings

from jaxgrad import dtypes as _jd

from .. import views
from .. import grad_mode
from ..dispatch import OpSpec, argument_type_error, execute, run
from ..tensors import Tensor

SPECS: dict = {}         # overload name → OpSpec
METHODS: dict = {}       # Tensor attribute → function (generated or composite)
PROPERTIES: dict = {}    # Tensor property → getter
FUNCTIONS: dict = {}     # torch.<name> → function
NN_FUNCTIONS: dict = {}  # torch.nn.functional.<name> → function
LINALG_FUNCTIONS: dict = {}  # torch.linalg.<name> → function

_NUMBER_TYPES = (builtins.int, builtins.float, builtins.bool, builtins.complex)


class _Signature:
    """A parsed torch-style signature: ``name(self, other, *, alpha=1)``."""

    def __init__(self, schema):
        name, _, rest = schema.partition("(")
        self.overload = name.strip()
        self.name = self.overload.split(".")[0]
        self.text = "(" + rest
        tree = ast.parse(f"def f{self.text}: pass").body[0].args
        self.positional = [a.arg for a in tree.args]
        self.vararg = tree.vararg.arg if tree.vararg else None
        self.keyword_only = [a.arg for a in tree.kwonlyargs]
        defaults = [None] * (len(tree.args) - len(tree.defaults)) + list(tree.defaults)
        self.defaults = {a.arg: d for a, d in zip(tree.args, defaults) if d is not None}
        self.defaults.update({a.arg: d for a, d in zip(tree.kwonlyargs, tree.kw_defaults)
                              if d is not None})
        self.params = self.positional + ([self.vararg] if self.vararg else []) + self.keyword_only
        # torch's parser also takes numpy's ``axis=`` for ``dim``, and a sequence parameter
        # by its name (``reshape(shape=(3, 2))``, ``permute(dims=(1, 0))``).
        self.keyword_aliases = {}
        if "dim" in self.params:
            self.keyword_aliases["axis"] = ("dim", False)
        if self.vararg in ("shape", "size", "dims"):
            self.keyword_aliases[self.vararg] = (self.vararg, True)

    def optional(self, param) -> bool:
        d = self.defaults.get(param)
        return isinstance(d, ast.Constant) and d.value is None

    def parameters(self, rename=None, extra_keywords=()):
        """The signature's parameter list as source text (``self`` renamed for functions)."""
        parts = []
        for p in self.positional:
            shown = rename if (p == "self" and rename) else p
            parts.append(shown + ("=" + ast.unparse(self.defaults[p]) if p in self.defaults else ""))
        if self.vararg:
            parts.append("*" + self.vararg)
        elif self.keyword_only or extra_keywords:
            parts.append("*")
        for p in self.keyword_only:
            parts.append(p + ("=" + ast.unparse(self.defaults[p]) if p in self.defaults else ""))
        parts.extend(extra_keywords)
        if self.keyword_aliases:
            parts.append("**_keywords")
        return ", ".join(parts)

    def alias_lines(self):
        """Source lines that bind the aliased keywords (``axis=`` to ``dim``)."""
        if not self.keyword_aliases:
            return ""
        lines = ["if _keywords:"]
        for key, (param, packed) in self.keyword_aliases.items():
            value = f"_alias({self.name!r}, _keywords, {key!r}, {param})"
            lines.append(f"    {param} = ({value},)" if packed else f"    {param} = {value}")
        lines.append(f"    _no_keywords_left({self.name!r}, _keywords)")
        return "\n    ".join(lines) + "\n    "


def keyword_alias(name, keywords, key, current):
    """The value given as ``key=`` (removed from ``keywords``), else ``current``."""
    if key not in keywords:
        return current
    if current is not None and current != ():
        raise TypeError(f"{name}() got multiple values for argument {key!r}")
    return keywords.pop(key)


def refuse_keywords_left(name, keywords):
    for key in keywords:
        raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")


def _generate(name, params, body, namespace, doc):
    """A function ``name(params)`` whose body is ``body``, compiled from source so that
    Python itself binds the arguments (as fast as a hand-written method)."""
    if "**_keywords" in params:
        body = namespace["_alias_lines"] + body
    source = f"def {name}({params}):\n    {body}\n"
    # Named as a file of this package (and kept in linecache), so tracebacks show the line and
    # the runner counts the frame as compat's own, not the user's.
    filename = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            f"<generated {name} {len(linecache.cache)}>")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    scope = dict(namespace, _alias=keyword_alias, _no_keywords_left=refuse_keywords_left)
    exec(compile(source, filename, "exec"), scope)  # noqa: S102 (our own source)
    fn = scope[name]
    fn.__doc__ = doc
    fn.__module__ = "torch"
    return fn


def _checked(spec, optional):
    """The values check of a generated function's traced parameters (methods leave theirs to
    the dispatch point): Tensors, numbers (where not Tensor-only) and arrays pass, sequences
    where declared, None where the signature allows it; anything else is torch's TypeError,
    numbered as torch's functions number their arguments (``input`` is 1)."""
    positions = [(i, p, kind == 4) for i, (p, t, kind) in
                 enumerate(zip(spec.params, spec.traced, spec.kinds)) if t and i]

    def check(values):
        for i, p, tensor_only in positions:
            v = values[i]
            if isinstance(v, Tensor) or (type(v) in _NUMBER_TYPES and not tensor_only):
                continue
            if v is None and p in optional:
                continue
            if spec.sequences[i] and isinstance(v, (list, tuple)):
                continue
            if hasattr(v, "dtype") and hasattr(v, "shape"):
                continue
            raise argument_type_error(spec.name, p, i + 1, v)
    return check


def op(schema, fn, grad_fn="", *, traced=None, sequences=(), tensors_only=(), fn_names=None,
       linear=None, pointwise=False,
       method=True, function=True, inplace=False, view=False, nn=False, linalg=None,
       scalar_input=False, prepare=None, returns=None, aliases=(), doc=None):
    """Declare one torch overload and generate its Tensor method, ``_`` variant, ``torch.*``
    function and ``nn.functional`` wrapper as asked. Returns the method-form function (whose
    ``spec`` is the entry's :class:`OpSpec`), registered as a method or not, so composites call
    entries as ``entry(self, …)`` with everything the entry says (prepare, view, returns).

    ``linalg="cholesky"`` also makes the function ``torch.linalg.cholesky`` (the entry's own
    name, ``linalg_cholesky``, is what torch's messages say).

    ``prepare(*values) -> values`` normalises arguments on the host first (torch's accepted
    spellings: ``view(2, 3)`` and ``view((2, 3))``); ``returns`` wraps the result (a
    ``torch.return_types`` class); ``view`` makes the result a view of ``self``.
    """
    sig = _Signature(schema)
    if traced is None:
        traced = ("self",)
    optional = {p for p in sig.params if sig.optional(p)}
    if not (method or function or nn or linalg):
        optional = set(sig.params)  # internal entries: their composites pass None on purpose
    spec = OpSpec(sig.name, fn, sig.params, traced=traced, grad_fn=grad_fn, sequences=sequences,
                  optional=optional, tensors_only=tensors_only, fn_names=fn_names, linear=linear,
                  pointwise=pointwise)
    if sig.overload in SPECS:
        raise ValueError(f"op {sig.overload} is declared twice")
    SPECS[sig.overload] = spec
    namespace = {"_spec": spec, "_run": run, "_inplace": views.inplace, "_view": _run_view,
                 "_optional": optional, "_prepare": prepare, "_returns": returns,
                 "_alias_lines": sig.alias_lines()}
    values = "(" + ", ".join(sig.params) + ",)"
    if prepare is not None:
        values = f"_prepare{values}"
    call = f"_view(_spec, {values})" if view else f"_run(_spec, {values})"
    if returns is not None:
        call = f"_returns(*{call})"
    body = _body(values, call)
    method_params = sig.parameters().replace("self, ", "", 1).replace("self", "", 1)
    method_doc = doc or _default_doc(sig, spec, "Tensor.", method_params)
    fn_method = _generate(sig.name, sig.parameters(), body, namespace, method_doc)
    fn_method.spec = spec
    if method:
        _register(METHODS, sig.name, fn_method, aliases)
        if inplace:
            in_place = _generate(sig.name + "_", sig.parameters(),
                                 _body(values, f"_inplace(_spec, {values})"), namespace,
                                 f"``Tensor.{sig.name}_({method_params})``: :meth:`{sig.name}` "
                                 "in place, returning this tensor.")
            _register(METHODS, sig.name + "_", in_place, tuple(a + "_" for a in aliases))
    if function:
        fn_function = _function(sig, spec, namespace, values, call, doc, scalar_input)
        if doc is None:
            fn_function.__doc__ = _default_doc(sig, spec, "torch.",
                                               sig.parameters(rename="input",
                                                              extra_keywords=("out=None",)))
        _register(FUNCTIONS, sig.name, fn_function, aliases)
    if nn:
        wrapper = _nn_function(sig, namespace, values, call, nn == "inplace", doc)
        if doc is None:
            wrapper.__doc__ = _default_doc(sig, spec, "torch.nn.functional.",
                                           str(inspect.signature(wrapper))[1:-1])
        _register(NN_FUNCTIONS, sig.name, wrapper, ())
    if linalg:
        fn_linalg = _function(sig, spec, namespace, values, call, doc, scalar_input)
        fn_linalg.__module__ = "torch.linalg"
        if doc is None:
            fn_linalg.__doc__ = _default_doc(sig, spec, "torch.linalg.",
                                             sig.parameters(rename="input",
                                                            extra_keywords=("out=None",))
                                             ).replace(f".{sig.name}(", f".{linalg}(", 1)
        _register(LINALG_FUNCTIONS, linalg, fn_linalg, ())
    return fn_method


def _body(values, call):
    # A method's traced arguments are checked by the dispatch point itself (methods are the
    # hot path); functions check theirs first, to number positions as torch's functions do.
    return f"return {call}"


def _default_doc(sig, spec, where="Tensor.", params=None):
    if type(spec.grad_fn) is not str:
        node = "; its backward node depends on the arguments (as torch's overloads)"
    else:
        node = f"; its backward node is ``{spec.grad_fn}``" if spec.grad_fn else ""
    shown = sig.parameters() if params is None else params
    return f"``{where}{sig.name}({shown})``, as torch's{node}."


def _register(table, name, fn, aliases):
    if name in table:
        raise ValueError(f"{name} is generated twice")
    table[name] = fn
    for alias in aliases:
        table[alias] = fn


def _function(sig, spec, namespace, values, call, doc, scalar_input):
    """``torch.<name>(input, …, out=None)``: input checked as torch's parser does."""
    namespace = dict(namespace, _out=write_out, _input=check_input,
                     _check=_checked(spec, namespace["_optional"]))
    values = values.replace("(self,", "(input,").replace("(self)", "(input)")
    call = call.replace("(self,", "(input,")
    input_check = "" if scalar_input else f"_input(input, {sig.name!r})\n    "
    body = (f"{input_check}_v = {values}\n    _check(_v)\n    "
            f"if out is not None:\n        return _out(out, _spec, lambda: {call.replace(values, '_v')}, _v)\n    "
            f"return {call.replace(values, '_v')}")
    return _generate(sig.name, sig.parameters(rename="input", extra_keywords=("out=None",)), body,
                     namespace, doc)


def _nn_function(sig, namespace, values, call, inplace, doc):
    """``nn.functional.<name>(input, …, inplace=False)``."""
    namespace = dict(namespace, _input=check_input,
                     _check=_checked(namespace["_spec"], namespace["_optional"]))
    values = values.replace("(self,", "(input,")
    call = call.replace("(self,", "(input,")
    body = f"_input(input, {sig.name!r})\n    _v = {values}\n    _check(_v)\n    "
    if inplace:
        body += f"if inplace:\n        return _inplace(_spec, _v)\n    "
    body += f"return {call.replace(values, '_v')}"
    params = sig.parameters(rename="input")
    if inplace:
        params = params + (", " if params else "") + "inplace=False"
    return _generate(sig.name, params, body, namespace, doc)


def check_input(value, name):
    """torch's parser refusing a non-Tensor ``input``."""
    if not isinstance(value, Tensor):
        raise argument_type_error(name, "input", 1, value)


def _run_view(spec, values):
    """Run a view op: the result shares ``self``'s storage, at the strides torch's view
    kernel gives it."""
    out, fwd = execute(spec, values)
    source = values[0]
    if type(out) is tuple:
        layouts = views.layouts_of(spec.name, source, [o._store.shape for o in out], values[1:])
        return tuple(views.as_view(o, source, fwd, i, layouts[i]) for i, o in enumerate(out))
    return views.as_view(out, source, fwd, None,
                         views.layouts_of(spec.name, source, out._store.shape, values[1:]))


_OUT_GRAD_ERROR = ("{}(): functions with out=... arguments don't support automatic "
                   "differentiation, but one of the arguments requires grad.")
_RESIZE_WARNING = (
    "An output with one or more elements was resized since it had shape {}, which does not "
    "match the required output shape {}. This behavior is deprecated, and in a future PyTorch "
    "release outputs will not be resized unless they have zero elements. You can explicitly "
    "reuse an out tensor t by resizing it, inplace, to zero elements with t.resize_(0). "
    "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Resize.cpp:30.)")


def write_out(out, spec, compute, values):
    """``out=``: compute, then store the result in ``out`` as torch does (resizing it, with
    torch's warning when it held elements; refusing a dtype it cannot take; never with
    autograd).

    >>> import compat as torch
    >>> y = torch.zeros(2)
    >>> _ = torch.exp(torch.zeros(2), out=y); y
    tensor([1., 1.])
    """
    if not isinstance(out, Tensor):
        raise TypeError(f"{spec.name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    if grad_mode.STATE.enabled and (out._requires_grad or any(
            isinstance(v, Tensor) and v._requires_grad for v in values)):
        raise RuntimeError(_OUT_GRAD_ERROR.format(spec.name))
    result = compute()
    if type(result) is tuple:
        raise TypeError(f"{spec.name}(): out= takes a tuple of tensors for this op")
    _jd.check_can_cast(result._data.dtype, out._data.dtype)
    data = result._data
    if data.dtype != out._data.dtype:
        data = data.astype(out._data.dtype)
    if data.shape != out._data.shape:
        if out._data.size:
            warnings.warn(_RESIZE_WARNING.format(list(out._data.shape), list(data.shape)),
                          UserWarning, stacklevel=3)
        out._data, out._version = data, out._version + 1
        return out
    views.set_data(out, data)
    return out


def taking_axis(name, fn):
    """``fn`` taking numpy's ``axis=`` for its ``dim`` parameter, as torch's parser does for
    every ``dim`` (the generated entries bind it in their own source, :meth:`_Signature.
    alias_lines`); ``fn`` itself when it has no ``dim``.

    >>> import compat as torch
    >>> torch.tensor([[1., 5.], [3., 2.]]).max(axis=0).values
    tensor([3., 5.])
    """
    params = inspect.signature(fn).parameters
    if "dim" not in params or any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return fn

    @functools.wraps(fn)
    def aliased(*args, **kwargs):
        if "axis" in kwargs:
            kwargs["dim"] = keyword_alias(name, kwargs, "axis", kwargs.get("dim"))
        return fn(*args, **kwargs)
    return aliased


def method(name, *, aliases=(), function=False, input_types=None, axis=True):
    """Register a hand-written (composite) Tensor method; ``function=True`` also makes it
    ``torch.<name>`` (input checked to be a Tensor unless ``input_types`` allows more).
    A ``dim`` parameter also takes ``axis=`` unless ``axis=False`` (torch's Python-level
    methods, such as ``norm``, do not)."""
    def register(fn):
        if axis:
            fn = taking_axis(name, fn)
        fn.__module__ = "torch"
        _register(METHODS, name, fn, aliases)
        if function:
            _register(FUNCTIONS, name, _as_function(name, fn, input_types), aliases)
        return fn
    return register


def _as_function(name, fn, input_types):
    def function(input, *args, out=None, **kwargs):
        if input_types is None or not isinstance(input, input_types):
            check_input(input, name)
        if out is not None:
            return write_out(out, OpName(name), lambda: fn(input, *args, **kwargs),
                             (input, *args, *kwargs.values()))
        return fn(input, *args, **kwargs)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = fn.__doc__
    function.__module__ = "torch"
    return function


class OpName:
    """A name for :func:`write_out`'s messages, for functions written by hand."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


def function(name, *, aliases=()):
    """Register a hand-written ``torch.<name>`` function (``cat``, ``where``, …); a ``dim``
    parameter also takes ``axis=``."""
    def register(fn):
        fn = taking_axis(name, fn)
        fn.__module__ = "torch"
        _register(FUNCTIONS, name, fn, aliases)
        return fn
    return register


def nn_function(name):
    """Register a hand-written ``nn.functional.<name>``."""
    def register(fn):
        _register(NN_FUNCTIONS, name, fn, ())
        return fn
    return register


def linalg_function(name):
    """Register a hand-written ``torch.linalg.<name>``."""
    def register(fn):
        fn.__module__ = "torch.linalg"
        _register(LINALG_FUNCTIONS, name, fn, ())
        return fn
    return register


def tensor_property(name):
    """Register a Tensor property (``T``, ``mT``, ``data``)."""
    def register(getter):
        PROPERTIES[name] = getter
        return getter
    return register
