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

Beside each model file ``models/NAME.skops`` may lie its sidecar ``models/NAME.fast.npz``: the
plain arrays prediction needs (vocabulary, idf, coefficients, lexicon, hashing settings; see
:mod:`analyzer.learned.fastpath`) and the SHA-256 of the .skops file they were taken from.
:func:`save_model` writes both when given the arrays (``python -m analyzer.train`` does). An
analysis run reads the model through :func:`run_time_model`, which takes the sidecar when its
hash matches the .skops file (numpy reads it with ``allow_pickle=False``: no object is built from
the file, and neither scikit-learn nor skops is imported, which saves about two seconds of CPU
per run) and otherwise loads the .skops file itself, which stays the source of truth.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
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


def save_model(model: Any, path: Path, arrays: dict[str, np.ndarray] | None = None) -> None:
    """Write ``model`` to ``path`` in skops format, compressed, vocabularies as arrays; and,
    given what prediction needs of it as ``arrays``, its sidecar (:func:`sidecar_path`).

    Without ``arrays``, a sidecar left from an earlier model is deleted.

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
        _import_skops().dump(model, path, compression=zipfile.ZIP_DEFLATED)
    if arrays is None:
        sidecar_path(path).unlink(missing_ok=True)
    else:
        write_sidecar(path, arrays)


def load_model(path: Path, trusted: Sequence[str]) -> Any:
    """Load a skops file, trusting only the fully qualified type names in ``trusted``.

    Raises
    ------
    ModelError
        When the file is missing, damaged, or holds a type outside ``trusted``.
    """
    if not path.is_file():
        raise ModelError(f"{path}: model file is missing (train it with python -m analyzer.train)")
    sio = _import_skops()
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


# The sidecar's entry holding the SHA-256 of the model file its arrays were taken from.
DIGEST = "skops_sha256"


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of model file ``path`` lies: ``NAME.fast.npz`` beside ``NAME.skops``.

    Examples
    --------
    >>> sidecar_path(Path("models/bias.skops")).as_posix()
    'models/bias.fast.npz'
    """
    return path.with_name(f"{path.name.removesuffix('.skops')}.fast.npz")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sidecar(path: Path, arrays: dict[str, np.ndarray]) -> Path:
    """Write ``arrays`` (plain numeric, boolean or string arrays) as the sidecar of model file
    ``path``, with the file's SHA-256, and return the sidecar's path.

    Examples
    --------
    >>> import tempfile
    >>> model = Path(tempfile.mkdtemp()) / "m.skops"
    >>> _ = model.write_bytes(b"a model")
    >>> write_sidecar(model, {"coef": np.array([0.5, -1.0])}).name
    'm.fast.npz'
    >>> read_sidecar(model)
    {'coef': array([ 0.5, -1. ])}
    >>> _ = model.write_bytes(b"another model")
    >>> read_sidecar(model) is None
    True
    """
    if DIGEST in arrays:
        raise ValueError(f"{DIGEST} is the sidecar's own entry")
    from analyzer.writers.jsonl import write_atomic  # training only

    target = sidecar_path(path)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays, **{DIGEST: np.array(_digest(path))})
    write_atomic(target, buffer.getvalue())  # an interrupted write leaves the old file whole
    return target


def read_sidecar(path: Path) -> dict[str, np.ndarray] | None:
    """The arrays of model file ``path``'s sidecar, or None when there is none, it cannot be
    read (damaged, not an npz file), or it was taken from another version of the file (its
    SHA-256 differs): then the model file serves, and a bad sidecar costs only time."""
    target = sidecar_path(path)
    if not target.is_file() or not path.is_file():
        return None
    try:
        with np.load(target, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        return None
    if str(arrays.pop(DIGEST, "")) != _digest(path):
        return None
    return arrays


@functools.cache
def run_time_model(
    name: str,
    trusted: tuple[str, ...],
    arrays_of: Callable[[Any], dict[str, np.ndarray] | None],
    from_arrays: Callable[[dict[str, np.ndarray]], Any],
) -> Any:
    """``models/<name>.skops`` as prediction needs it, once per process.

    ``from_arrays`` builds it from the sidecar's arrays when the sidecar matches the file;
    otherwise the file is loaded (:func:`load_model`) and turned into the same arrays by
    ``arrays_of`` first, so both ways run the same code on the same numbers. When ``arrays_of``
    gives None (a model of a shape the fast scorers do not handle), the loaded model itself is
    returned.
    """
    path = models_dir() / f"{name}.skops"
    arrays = read_sidecar(path)
    if arrays is not None:
        try:
            return from_arrays(arrays)
        except (KeyError, ValueError, TypeError, IndexError):
            arrays = None  # a sidecar of another layout (written by another version of the code)
    if arrays is None:
        model = load_model(path, trusted)
        arrays = arrays_of(model)
        if arrays is None:
            return model
    return from_arrays(arrays)
