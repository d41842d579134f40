"""Saving and loading models with skops: loading never executes code from the file.

``skops.io.load`` refuses any type that is not listed as trusted. Each model module names the
exact types its pipeline holds (``TRUSTED_TYPES``); a file holding anything else, or a damaged
file, raises :class:`~analyzer.errors.ModelError` instead of running it.
"""

from __future__ import annotations

import functools
import sys
import zipfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

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


def save_model(model: Any, path: Path) -> None:
    """Write ``model`` to ``path`` in skops format, compressed.

    skops describes every entry of a vocabulary in its JSON schema; deflate shrinks that about
    twentyfold (models/bias.skops: 10 MB stored, 0.6 MB deflated) and loading reads either.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
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
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # zip or JSON damage shows up as many exception types
        raise ModelError(f"{path}: model file is damaged ({type(exc).__name__}: {exc})") from None
    refused = sorted(set(untrusted) - set(trusted))
    if refused:
        raise ModelError(f"{path}: model file holds untrusted types: {', '.join(refused)}")
    try:
        return sio.load(path, trusted=list(trusted))
    except Exception as exc:
        raise ModelError(
            f"{path}: model file could not be loaded ({type(exc).__name__}: {exc})"
        ) from None


@functools.cache
def cached_model(name: str, trusted: tuple[str, ...]) -> Any:
    """Load ``models/<name>.skops`` once per process."""
    return load_model(models_dir() / f"{name}.skops", trusted)
