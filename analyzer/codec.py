"""Exact, code-free serialisation of results for the state store.

The store keeps whole :class:`~analyzer.results.ArticleResult` objects (not only the
results.jsonl record) so that comparison and the HTML pages can be rebuilt on a rerun from
stored results alone. Pickle would run code named by the file; this codec writes plain JSON and,
on reading, only ever calls the constructor of a dataclass defined inside the ``analyzer``
package. Tuples stay tuples and dataclasses stay dataclasses, so ``decode(encode(x)) == x``.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import json
from typing import Any

_CLASS = "@"  # key holding "module:QualName" of an encoded dataclass
_TUPLE = "@t"  # key holding the items of an encoded tuple
_DICT = "@d"  # key holding [key, value] pairs of a dict that cannot be a plain JSON object


# Scalars JSON writes as they are. Exact types are checked first (the common case, one dict
# lookup); subclasses (a numpy float, say) still go through isinstance below.
_SCALAR_TYPES = frozenset({str, bool, int, float, type(None)})


@functools.cache
def _dataclass_layout(cls: type) -> tuple[str, tuple[str, ...]] | None:
    """("module:QualName", names of the init fields) of a dataclass type, None for other types."""
    if not dataclasses.is_dataclass(cls):
        return None
    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return f"{cls.__module__}:{cls.__qualname__}", names


def _plain(value: Any) -> Any:
    cls = type(value)
    if cls in _SCALAR_TYPES or isinstance(value, str | bool | int | float):
        return value
    layout = _dataclass_layout(cls)
    if layout is not None:
        name, names = layout
        out: dict[str, Any] = {_CLASS: name}
        for field_name in names:
            out[field_name] = _plain(getattr(value, field_name))
        return out
    if isinstance(value, tuple):
        return {_TUPLE: [_plain(v) for v in value]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("@") for k in value):
            return {k: _plain(v) for k, v in value.items()}
        return {_DICT: [[_plain(k), _plain(v)] for k, v in value.items()]}
    raise TypeError(f"cannot store a value of type {type(value).__name__}: {value!r}")


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


def encode(value: Any) -> str:
    """Dataclasses, tuples, lists, dicts and scalars as one JSON string.

    Examples
    --------
    >>> from analyzer.results import Finding
    >>> encode((Finding("hedge", 0, 3, "may", "Softens."),))[:39]
    '{"@t":[{"@":"analyzer.results:Finding",'
    """
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


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
