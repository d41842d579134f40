"""The model store writes a vectorizer's vocabulary as two arrays and reads back the same model; a
model's sidecar of arrays is used at run time only while it matches its .skops file."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from analyzer.learned import bias, cues, store
from analyzer.learned.fastpath import TfidfLogistic
from analyzer.learned.store import (
    PACKED,
    load_model,
    models_dir,
    read_sidecar,
    run_time_model,
    save_model,
    sidecar_path,
)

TRUSTED = (
    "numpy.ndarray",
    "numpy.dtype",
    "numpy.float64",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
)
TEXTS = ["the radical plan failed", "the council met on Tuesday", "a radical idea", "rain fell"]


def fitted() -> Pipeline:
    pipe = Pipeline([("tfidf", TfidfVectorizer(ngram_range=(1, 2))), ("lr", LogisticRegression())])
    return pipe.fit(TEXTS, [1, 0, 1, 0])


def schema_keys(path) -> set[str]:
    """Every key of every object in a skops file's schema."""
    keys: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(zipfile.ZipFile(path).read("schema.json")))
    return keys


def test_the_vocabulary_comes_back_as_the_same_dict_in_the_same_order(tmp_path):
    model = fitted()
    path = tmp_path / "m.skops"
    save_model(model, path)
    loaded = load_model(path, TRUSTED)
    before, after = model.steps[0][1].vocabulary_, loaded.steps[0][1].vocabulary_
    assert list(after.items()) == list(before.items())
    assert {type(k) for k in after} == {str} and {type(v) for v in after.values()} == {int}
    assert loaded.predict_proba(TEXTS).tolist() == model.predict_proba(TEXTS).tolist()


def test_saving_leaves_the_model_in_memory_as_it_was(tmp_path):
    model = fitted()
    vocabulary = dict(model.steps[0][1].vocabulary_)
    save_model({"pipeline": model, "threshold": 0.5}, tmp_path / "m.skops")
    assert model.steps[0][1].vocabulary_ == vocabulary
    assert not hasattr(model.steps[0][1], PACKED)


def test_a_vectorizer_held_twice_is_saved_and_left_as_it_was(tmp_path):
    model = fitted()
    vocabulary = dict(model.steps[0][1].vocabulary_)
    save_model({"pipeline": model, "again": model}, tmp_path / "m.skops")
    assert model.steps[0][1].vocabulary_ == vocabulary
    loaded = load_model(tmp_path / "m.skops", TRUSTED)
    assert loaded["again"].steps[0][1].vocabulary_ == vocabulary


def test_the_vocabulary_is_written_as_arrays_not_one_schema_node_per_term(tmp_path):
    path = tmp_path / "m.skops"
    save_model(fitted(), path)
    keys = schema_keys(path)
    assert PACKED in keys and "vocabulary_" not in keys
    assert "radical plan" not in keys  # a dict would name every term in the schema


def test_a_term_numpy_cannot_hold_exactly_stays_a_dict(tmp_path):
    # numpy drops a str's trailing NUL characters: packing such a term would change it
    vec = TfidfVectorizer(token_pattern=r"\S+").fit(["end\0 of text"])
    path = tmp_path / "v.skops"
    save_model(vec, path)
    assert "vocabulary_" in schema_keys(path)
    assert load_model(path, TRUSTED).vocabulary_ == vec.vocabulary_


def test_the_shipped_bias_model_holds_its_vocabulary_as_arrays():
    path = models_dir() / f"{bias.NAME}.skops"
    assert PACKED in schema_keys(path)
    vocabulary = bias.load_fitted()["pipeline"].steps[0][1].vocabulary_
    assert isinstance(vocabulary, dict) and len(vocabulary) > 1000
    columns = np.array(sorted(vocabulary.values()))
    assert (columns == np.arange(len(vocabulary))).all()


def test_a_term_numpy_cannot_hold_exactly_gets_no_sidecar(tmp_path):
    pipe = Pipeline(
        [("tfidf", TfidfVectorizer(token_pattern=r"\S+")), ("lr", LogisticRegression())]
    )
    pipe = pipe.fit(["end\0 of text", "rain fell"], [1, 0])
    model = {"pipeline": pipe, "words": None}
    assert bias.sidecar_arrays(model) is None


def test_the_committed_models_have_sidecars_that_match_them():
    # Retraining rewrites both (python -m analyzer.train); a model committed without its
    # sidecar would still work, through scikit-learn, but start-up would cost seconds again.
    for name in (bias.NAME, cues.MODEL_NAME):
        assert read_sidecar(models_dir() / f"{name}.skops") is not None, name


def test_saving_with_arrays_writes_a_sidecar_and_without_removes_it(tmp_path):
    path = tmp_path / "m.skops"
    save_model(fitted(), path, {"coef": np.arange(3.0)})
    assert read_sidecar(path)["coef"].tolist() == [0.0, 1.0, 2.0]
    save_model(fitted(), path)
    assert not sidecar_path(path).exists()


def test_the_committed_sidecars_hold_only_plain_arrays():
    # Numbers, booleans and strings: numpy reads them without unpickling anything.
    for name in (bias.NAME, cues.MODEL_NAME):
        with np.load(sidecar_path(models_dir() / f"{name}.skops"), allow_pickle=False) as stored:
            assert {stored[k].dtype.kind for k in stored.files} <= {"U", "b", "f", "i"}, name


@pytest.fixture
def models_folder(tmp_path, monkeypatch):
    """An empty models/ folder in place of the project's, with fresh run-time model caches."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setattr(store, "models_dir", lambda: folder)
    run_time_model.cache_clear()
    yield folder
    run_time_model.cache_clear()


def _tiny_cue_model():
    return cues.make_pipeline().fit([{"w": "said"}, {"w": "show"}], [1, 0])


def test_the_cue_model_is_read_from_a_matching_sidecar(models_folder):
    tiny = _tiny_cue_model()
    save_model(tiny, models_folder / "attribution.skops", cues.sidecar_arrays(tiny))
    scorer = cues.load()
    assert isinstance(scorer, cues.CueScorer)
    assert scorer.coef.tobytes() == tiny.steps[-1][1].coef_.ravel().tobytes()


def test_a_stale_sidecar_is_ignored_and_the_model_file_is_read(models_folder):
    path = models_folder / "attribution.skops"
    old = _tiny_cue_model()
    save_model(old, path, cues.sidecar_arrays(old))
    # The model file is replaced (retrained, copied in) and its sidecar left as it was.
    new = cues.make_pipeline().fit([{"w": "said"}, {"w": "told"}, {"w": "show"}], [1, 1, 0])
    save_model(new, models_folder / "new.skops")
    path.write_bytes((models_folder / "new.skops").read_bytes())
    assert sidecar_path(path).exists() and read_sidecar(path) is None
    coef = cues.load().coef
    assert coef.tobytes() == new.steps[-1][1].coef_.ravel().tobytes()
    assert coef.tobytes() != old.steps[-1][1].coef_.ravel().tobytes()


def test_without_a_sidecar_the_model_file_is_read_into_the_same_scorer(models_folder):
    tiny = _tiny_cue_model()
    save_model(tiny, models_folder / "attribution.skops")
    assert not sidecar_path(models_folder / "attribution.skops").exists()
    scorer = cues.load()
    assert isinstance(scorer, cues.CueScorer)
    text = "Ana Ruiz said so, data show."
    spans = cues.candidates(text)
    assert cues.cue_probabilities(scorer, text, spans) == cues.cue_probabilities(tiny, text, spans)


def test_a_bias_model_without_a_sidecar_is_read_into_the_same_fast_model(models_folder):
    fitted_model = bias.fit_model(
        ["a radical scheme", "the council met", "a radical plan", "rain fell"],
        [1, 0, 1, 0],
        C=10.0,
        marked=[["radical"], [], ["radical"], []],
    )
    save_model(fitted_model, models_folder / "bias.skops")
    model = bias.load()
    assert isinstance(model["pipeline"], TfidfLogistic)
    texts = ["Their radical plan.", "The council met."]
    assert bias.sentence_probability(model, texts) == bias.sentence_probability(fitted_model, texts)
    assert bias.loaded_words_many(model, texts) == bias.loaded_words_many(fitted_model, texts)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"not an npz file", id="not-npz"),
        pytest.param(lambda raw: b"", id="empty"),
    ],
)
def test_a_damaged_sidecar_is_ignored_and_the_model_file_is_read(models_folder, damage):
    path = models_folder / "attribution.skops"
    tiny = _tiny_cue_model()
    save_model(tiny, path, cues.sidecar_arrays(tiny))
    sidecar = sidecar_path(path)
    sidecar.write_bytes(damage(sidecar.read_bytes()))
    assert read_sidecar(path) is None
    assert cues.load().coef.tobytes() == tiny.steps[-1][1].coef_.ravel().tobytes()


def test_a_matching_sidecar_missing_an_array_is_ignored_and_the_model_file_is_read(models_folder):
    # A sidecar written for this very file by code with another layout of arrays.
    path = models_folder / "attribution.skops"
    tiny = _tiny_cue_model()
    arrays = cues.sidecar_arrays(tiny)
    save_model(tiny, path, {k: v for k, v in arrays.items() if k != "coef"})
    assert "coef" not in read_sidecar(path)
    assert cues.load().coef.tobytes() == tiny.steps[-1][1].coef_.ravel().tobytes()


def test_a_sidecar_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    model = tmp_path / "m.skops"
    model.write_bytes(b"a model")
    store.write_sidecar(model, {"coef": np.array([0.5])})
    before = sidecar_path(model).read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez_compressed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write_sidecar(model, {"coef": np.array([1.5])})
    assert sidecar_path(model).read_bytes() == before


def test_a_cue_model_of_another_shape_gets_no_sidecar():
    # Read as it is instead (through scikit-learn): three steps, or not a pipeline at all.
    tiny = _tiny_cue_model()
    three = Pipeline([("a", tiny.steps[0][1]), ("b", tiny.steps[0][1]), ("lr", tiny.steps[1][1])])
    assert cues.sidecar_arrays(three) is None
    assert cues.sidecar_arrays(tiny.steps[1][1]) is None
