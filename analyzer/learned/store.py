"""Saving and loading models with skops: loading never executes code from the file.

``skops.io.load`` refuses any type that is not listed as trusted. Each model module names the
exact types its pipeline holds (``TRUSTED_TYPES``); a file holding anything else, or a damaged
file, raises :class:`~analyzer.errors.ModelError` instead of running it.

One thing is stored differently from what skops would write by itself: the vocabulary of a
fitted text vectorizer (``vocabulary_``, a dict of thousands of terms). skops writes every entry
of a dict as two nodes of its JSON schema, which took half a second to read back per process
(models/bias.skops: 13,612 terms). :func:`save_model` writes it as two arrays instead, the terms
and their columns in the dict's own order, and :func:`load_model` rebuilds the same dict, so the
loaded model is the model that was saved. Files are therefore read with :func:`load_model`.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import zipfile
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from analyzer.errors import ModelError


def _import_skops() -> Any:
    """``skops.io``, imported without its survey of every scikit-learn estimator.

    On import, skops lists every estimator class of scikit-learn (``all_estimators``, which
    imports all of scikit-learn, and with it pytest and dask: about a second per process) to
    trust them by default. Here that list is empty, so only the types a caller names are trusted
    beyond skops' own primitives, containers and numpy/scipy basics: stricter than skops'
    default, and what :func:`load_model` promises. (When another module imported skops first,
    skops keeps trusting scikit-learn's estimators by default; the analyzer never does that.)
    """
    if "skops.io" not in sys.modules:
        import sklearn.utils

        survey = sklearn.utils.all_estimators
        sklearn.utils.all_estimators = lambda *args, **kwargs: []
        try:
            import skops.io
        finally:
            sklearn.utils.all_estimators = survey
    import skops.io

    return skops.io


sio = _import_skops()


def models_dir() -> Path:
    """The project's models/ folder (a sibling of the installed ``analyzer`` package)."""
    return Path(str(resources.files("analyzer"))).parent / "models"


# Where save_model puts a vectorizer's vocabulary: (terms, columns), two arrays in dict order.
PACKED = "packed_vocabulary_"


def _vectorizers(model: Any) -> Iterator[Any]:
    """The parts of ``model`` (a Pipeline, or a dict or list of parts) holding a vocabulary."""
    if isinstance(model, dict):
        parts = list(model.values())
    elif isinstance(model, list | tuple):
        parts = list(model)
    else:
        parts = [step for _, step in getattr(model, "steps", [])]
        if isinstance(getattr(model, "vocabulary_", None), dict) or hasattr(model, PACKED):
            yield model
    for part in parts:
        yield from _vectorizers(part)


@contextlib.contextmanager
def _packed_vocabularies(model: Any) -> Iterator[None]:
    """While in the block, each vocabulary of ``model`` is held as two arrays (see above)."""
    packed: dict[int, tuple[Any, dict[str, int]]] = {}  # by identity: a part may recur
    try:
        for vec in _vectorizers(model):
            if id(vec) in packed:
                continue
            vocabulary = vec.vocabulary_
            terms = np.array(list(vocabulary), dtype=str)
            # numpy drops trailing NUL characters of a str: such a vocabulary is left as a dict.
            if terms.tolist() == list(vocabulary):
                columns = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
                setattr(vec, PACKED, (terms, columns))
                del vec.vocabulary_
                packed[id(vec)] = (vec, vocabulary)
        yield
    finally:
        for vec, vocabulary in packed.values():
            delattr(vec, PACKED)
            vec.vocabulary_ = vocabulary


def _unpack_vocabularies(model: Any) -> Any:
    for vec in _vectorizers(model):
        if hasattr(vec, PACKED):
            terms, columns = getattr(vec, PACKED)
            vec.vocabulary_ = dict(zip(terms.tolist(), columns.tolist(), strict=True))
            delattr(vec, PACKED)
    return model


def save_model(model: Any, path: Path) -> None:
    """Write ``model`` to ``path`` in skops format, compressed, vocabularies as arrays.

    Examples
    --------
    >>> import tempfile
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> vec = CountVectorizer().fit(["the council met", "rain fell"])
    >>> path = Path(tempfile.mkdtemp()) / "vec.skops"
    >>> save_model(vec, path)
    >>> trusted = ["sklearn.feature_extraction.text.CountVectorizer", "numpy.ndarray"]
    >>> load_model(path, trusted).vocabulary_ == vec.vocabulary_
    True
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with _packed_vocabularies(model):
        sio.dump(model, path, compression=zipfile.ZIP_DEFLATED)


def load_model(path: Path, trusted: Sequence[str]) -> Any:
    """Load a skops file, trusting only the fully qualified type names in ``trusted``.

    Raises
    ------
    ModelError
        When the file is missing, damaged, or holds a type outside ``trusted``.
    """
    if not path.is_file():
        raise ModelError(f"{path}: model file is missing (train it with python -m analyzer.train)")
    try:
        # skops checks every type before it builds anything, and refuses the file otherwise.
        return _unpack_vocabularies(sio.load(path, trusted=list(trusted)))
    except Exception as failure:
        # Why it failed is worked out only now: reading the file's types a second time costs as
        # much as loading it.
        load_error = failure
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # zip or JSON damage shows up as many exception types
        raise ModelError(f"{path}: model file is damaged ({type(exc).__name__}: {exc})") from None
    refused = sorted(set(untrusted) - set(trusted))
    if refused:
        raise ModelError(f"{path}: model file holds untrusted types: {', '.join(refused)}")
    raise ModelError(
        f"{path}: model file could not be loaded ({type(load_error).__name__}: {load_error})"
    ) from None


@functools.cache
def cached_model(name: str, trusted: tuple[str, ...]) -> Any:
    """Load ``models/<name>.skops`` once per process."""
    return load_model(models_dir() / f"{name}.skops", trusted)
