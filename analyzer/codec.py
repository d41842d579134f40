"""Exact, code-free serialisation of results for the state store.

The store keeps whole :class:`~analyzer.results.ArticleResult` objects (not only the
results.jsonl record) so that comparison and the HTML pages can be rebuilt on a rerun from
stored results alone. Pickle would run code named by the file; this codec writes plain JSON and,
on reading, only ever calls the constructor of a dataclass defined inside the ``analyzer``
package. Tuples stay tuples and dataclasses stay dataclasses, so ``decode(encode(x)) == x``.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import operator
from collections.abc import Callable, Iterable
from typing import Any

from analyzer.fast_json import encoder

_CLASS = "@"  # key holding "module:QualName" of an encoded dataclass
_TUPLE = "@t"  # key holding the items of an encoded tuple
_DICT = "@d"  # key holding [key, value] pairs of a dict that cannot be a plain JSON object


# Scalars JSON writes as they are. A value of one of these exact types is written without a
# call (the common case: most of a result is strings and numbers inside findings); subclasses (a
# numpy float, say) go through their converter, which returns them as they are too.
_SCALAR_TYPES = frozenset({str, bool, int, float, type(None)})

Converter = Callable[[Any], Any]
# The converter of each type met so far: what to do with a value is decided once per type, not
# once per value (a result holds some 600 values; a batch some 600,000).
_converters: dict[type, Converter] = {}


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready dicts, lists and scalars (dataclasses and tuples marked)."""
    cls = type(value)
    if cls in _SCALAR_TYPES:
        return value
    convert = _converters.get(cls)
    if convert is None:
        convert = _converters[cls] = _converter(cls)
    return convert(value)


def _items(values: Iterable[Any]) -> list[Any]:
    return [v if type(v) in _SCALAR_TYPES else _plain(v) for v in values]


def _converter(cls: type) -> Converter:
    """How to write values of type ``cls``; the order of the checks decides for subclasses."""
    if issubclass(cls, str | bool | int | float):
        return _same
    if dataclasses.is_dataclass(cls):
        return _dataclass_converter(cls)
    if issubclass(cls, tuple):
        return lambda value: {_TUPLE: _items(value)}
    if issubclass(cls, list):
        return _items
    if issubclass(cls, dict):
        return _dict
    return _refuse


def _same(value: Any) -> Any:
    return value


def _refuse(value: Any) -> Any:
    raise TypeError(f"cannot store a value of type {type(value).__name__}: {value!r}")


def _dataclass_converter(cls: type) -> Converter:
    """A dict holding "module:QualName" under ``@`` and every init field, in field order."""
    name = f"{cls.__module__}:{cls.__qualname__}"
    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    # attrgetter fetches all the fields in one call; it gives a lone value for a single name.
    fetch: Callable[[Any], tuple[Any, ...]]
    if len(names) > 1:
        fetch = operator.attrgetter(*names)
    else:
        fetch = lambda value: tuple(getattr(value, n) for n in names)  # noqa: E731

    def convert(value: Any) -> dict[str, Any]:
        out: dict[str, Any] = {_CLASS: name}
        for field_name, v in zip(names, fetch(value), strict=True):
            out[field_name] = v if type(v) in _SCALAR_TYPES else _plain(v)
        return out

    return convert


def _dict(value: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in value.items():
        if not isinstance(k, str) or k.startswith("@"):
            # Keys JSON cannot hold as they are: the dict is written as [key, value] pairs.
            return {_DICT: [[_plain(k), _plain(v)] for k, v in value.items()]}
        out[k] = v if type(v) in _SCALAR_TYPES else _plain(v)
    return out


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


_classes: dict[str, type] = {}


def _class(name: str) -> type:
    cls = _classes.get(name)
    if cls is None:
        module, _, qualname = name.partition(":")
        if module != "analyzer" and not module.startswith("analyzer."):
            raise ValueError(f"stored result names a class outside analyzer: {name}")
        obj: Any = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
        if not (isinstance(obj, type) and dataclasses.is_dataclass(obj)):
            raise ValueError(f"stored result names something that is not a dataclass: {name}")
        cls = _classes[name] = obj
    return cls


def _hook(obj: dict[str, Any]) -> Any:
    if _CLASS in obj:
        cls = _class(obj.pop(_CLASS))
        return cls(**obj)
    if _TUPLE in obj and len(obj) == 1:
        return tuple(obj[_TUPLE])
    if _DICT in obj and len(obj) == 1:
        return {_hashable(k): v for k, v in obj[_DICT]}
    return obj


def items(value: Any) -> list[Any]:
    """The items of a tuple as it looks in undecoded JSON (``{"@t": [...]}``), or of a list.

    For readers that parse stored results with plain ``json.loads`` to pick a few fields
    cheaply, without rebuilding dataclasses.

    Examples
    --------
    >>> items(json.loads(encode(("a", "b")))), items(["c"]), items(None)
    (['a', 'b'], ['c'], [])
    """
    if isinstance(value, dict):
        return list(value.get(_TUPLE, ()))
    return list(value or ())


def holds_tuple(text: str) -> bool:
    """Whether ``text`` (written by :func:`encode`) holds a tuple, told without reading it: only
    a tuple is written as an object whose first key is ``"@t"`` (a dict with such a key is
    written as pairs).

    Examples
    --------
    >>> holds_tuple(encode((1, "a"))), holds_tuple(encode([1])), holds_tuple(encode({"@t": 1}))
    (True, False, False)
    """
    return text.startswith('{"' + _TUPLE + '":')


# ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, built once.
_encode = encoder(sort_keys=False, separators=(",", ":"))


def encode(value: Any) -> str:
    """Dataclasses, tuples, lists, dicts and scalars as one JSON string.

    Examples
    --------
    >>> from analyzer.results import Finding
    >>> encode((Finding("hedge", 0, 3, "may", "Softens."),))[:39]
    '{"@t":[{"@":"analyzer.results:Finding",'
    """
    return _encode(_plain(value))


def decode(text: str) -> Any:
    """The value :func:`encode` wrote, rebuilt exactly.

    Examples
    --------
    >>> from analyzer.results import Finding
    >>> value = {"found": (Finding("hedge", 0, 3, "may", "Softens."),), "n": [1, 2.5]}
    >>> decode(encode(value)) == value
    True
    """
    return json.loads(text, object_hook=_hook)
