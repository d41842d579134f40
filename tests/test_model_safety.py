"""Loading a model never runs code from the file: untrusted types, tampering and damage are refused
with a ModelError naming the file, and the command line turns that into one line and exit 1.

Every model file here is built by the test: a tiny pipeline fitted on a few rows, then altered.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from click.testing import CliRunner
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from analyzer.cli import cli
from analyzer.errors import ModelError
from analyzer.learned import store
from analyzer.learned.store import cached_model, load_model, save_model

TRUSTED = (
    "sklearn.pipeline.Pipeline",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.ndarray",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "builtins.float",
)
TRIGGERED: list[str] = []  # anything a hostile object manages to run appends here


class Trap:
    """A type whose loading would run code (it records that it ran)."""

    def __init__(self) -> None:
        self.armed = True

    def __setstate__(self, state: dict) -> None:
        TRIGGERED.append("Trap.__setstate__")
        self.__dict__.update(state)


def fitted() -> Pipeline:
    x = np.array([[0.0], [1.0], [2.0], [3.0]])
    return Pipeline([("model", LogisticRegression(random_state=0))]).fit(x, [0, 0, 1, 1])


def rewrite_schema(path: Path, change) -> None:
    """Replace ``schema.json`` inside a skops file with ``change(schema)``, as an attacker would."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    schema = change(json.loads(members["schema.json"]))
    members["schema.json"] = json.dumps(schema).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)


def swap_class(node, old: tuple[str, str], new: tuple[str, str]):
    if isinstance(node, dict):
        if (node.get("__module__"), node.get("__class__")) == old:
            node["__module__"], node["__class__"] = new
        for value in node.values():
            swap_class(value, old, new)
    elif isinstance(node, list):
        for value in node:
            swap_class(value, old, new)
    return node


@pytest.fixture(autouse=True)
def nothing_triggered():
    TRIGGERED.clear()
    yield
    assert TRIGGERED == [], "code from a model file ran"


def test_a_model_of_trusted_types_loads_and_predicts(tmp_path):
    path = tmp_path / "ok.skops"
    save_model(fitted(), path)
    assert load_model(path, TRUSTED).predict([[0.0], [3.0]]).tolist() == [0, 1]


def test_a_custom_type_is_refused_before_anything_is_built(tmp_path):
    path = tmp_path / "trap.skops"
    sio.dump({"model": Trap()}, path)
    with pytest.raises(ModelError) as caught:
        load_model(path, TRUSTED)
    assert str(caught.value) == (
        f"{path}: model file holds untrusted types: {Trap.__module__}.Trap"
    )


def test_a_function_that_runs_commands_is_refused(tmp_path):
    path = tmp_path / "system.skops"
    sio.dump(Pipeline([("run", FunctionTransformer(os.system))]), path)
    # the FunctionTransformer around it is named too when skops was imported through the store
    # (which trusts no estimator by default), not when a test imported skops first
    with pytest.raises(ModelError, match=r"untrusted types: (posix|nt)\.system(, sklearn\.\S+)?$"):
        load_model(path, TRUSTED)


# Imports the store in a fresh interpreter, then loads a file holding a listed type next to an
# estimator skops would trust by default but the caller did not list.
FRESH_STORE = """
import sys
from analyzer.learned.store import load_model
from analyzer.errors import ModelError
loaded = sorted({"pytest", "dask"} & {name.split(".")[0] for name in sys.modules})
try:
    load_model(__import__("pathlib").Path(sys.argv[1]), ["sklearn.pipeline.Pipeline"])
    print(loaded, "loaded")
except ModelError as exc:
    print(loaded, str(exc).rpartition(": ")[2])
"""


def test_the_store_trusts_no_estimator_it_was_not_told_and_skips_skops_survey(tmp_path):
    path = tmp_path / "scaler.skops"
    sio.dump(Pipeline([("scale", StandardScaler())]), path)
    done = subprocess.run(
        [sys.executable, "-c", FRESH_STORE, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[] sklearn.preprocessing._data.StandardScaler"


def test_a_class_swapped_in_the_schema_for_eval_is_refused(tmp_path):
    path = tmp_path / "tampered.skops"
    save_model(fitted(), path)
    old = ("sklearn.linear_model._logistic", "LogisticRegression")
    rewrite_schema(path, lambda s: swap_class(s, old, ("builtins", "eval")))
    with pytest.raises(ModelError) as caught:
        load_model(path, TRUSTED)
    assert str(caught.value) == f"{path}: model file holds untrusted types: builtins.eval"


def test_an_untrusted_type_is_refused_even_when_the_caller_lists_it_among_others(tmp_path):
    # trusting one name never trusts another: os.system stays refused next to a trusted list
    path = tmp_path / "mixed.skops"
    sio.dump([fitted(), FunctionTransformer(os.system)], path)
    with pytest.raises(ModelError, match=r"posix\.system|nt\.system"):
        load_model(path, (*TRUSTED, "builtins.list"))


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda data: data[: len(data) // 2], "model file is damaged"),
        (lambda data: b"", "model file is damaged"),
        (lambda data: b"\x80\x04\x95" + b"cos\nsystem\n" * 4, "model file is damaged"),
        (lambda data: b"PK\x03\x04" + os.urandom(200), "model file is damaged"),
    ],
    ids=["truncated", "empty", "pickle bytes", "zip header then noise"],
)
def test_a_damaged_file_gives_a_clear_model_error(tmp_path, damage, reason):
    path = tmp_path / "damaged.skops"
    save_model(fitted(), path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ModelError) as caught:
        load_model(path, TRUSTED)
    assert str(caught.value).startswith(f"{path}: {reason} (")
    assert "\n" not in str(caught.value)


def test_tampered_array_data_gives_a_clear_model_error(tmp_path):
    path = tmp_path / "arrays.skops"
    save_model(fitted(), path)
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(path, "w") as target:
        for name, data in members.items():
            target.writestr(name, b"not an array" if name.endswith(".npy") else data)
    with pytest.raises(ModelError, match=rf"^{re.escape(str(path))}: model file could not be"):
        load_model(path, TRUSTED)


def test_a_missing_model_says_how_to_make_it(tmp_path):
    with pytest.raises(ModelError, match="model file is missing .train it with python -m"):
        load_model(tmp_path / "absent.skops", TRUSTED)


def test_the_package_never_unpickles_or_trusts_blindly():
    source = Path(store.__file__).resolve().parent.parent
    pattern = re.compile(r"pickle\.loads?\(|joblib\.load\(|trusted\s*=\s*True|dill\.load")
    offenders = [
        f"{path.relative_to(source)}:{n}"
        for path in sorted(source.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_the_shipped_models_hold_only_the_types_their_modules_trust():
    from analyzer.learned import cues

    shipped = {cues.MODEL_NAME: cues.TRUSTED_TYPES}
    for name, trusted in shipped.items():
        path = store.models_dir() / f"{name}.skops"
        if path.exists():
            assert sorted(set(sio.get_untrusted_types(file=path)) - set(trusted)) == []


@pytest.fixture
def damaged_models(tmp_path, monkeypatch):
    """A models/ folder whose attribution model is cut in half, used by a fresh model cache."""
    from analyzer.learned import cues

    folder = tmp_path / "models"
    folder.mkdir()
    real = store.models_dir() / f"{cues.MODEL_NAME}.skops"
    data = real.read_bytes() if real.exists() else b"PK\x03\x04broken"
    (folder / f"{cues.MODEL_NAME}.skops").write_bytes(data[: len(data) // 2])
    monkeypatch.setattr(store, "models_dir", lambda: folder)
    cached_model.cache_clear()
    store.run_time_model.cache_clear()
    yield folder
    cached_model.cache_clear()
    store.run_time_model.cache_clear()


def test_the_command_line_reports_a_damaged_model_in_one_line(tmp_path, damaged_models):
    article = tmp_path / "a.txt"
    article.write_text("“We will build it,” said Mayor Ana Ruiz on Tuesday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(article), "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    # The batch records it against the article (every article would fail the same way) and
    # goes on; the line names both the article and the model file.
    (line,) = result.stderr.splitlines()
    model = damaged_models / "attribution.skops"
    assert line.startswith(f"error: {article}: analysis failed (ModelError: {model}: model file is")
    assert "Traceback" not in result.output
