"""The model store writes a vectorizer's vocabulary as two arrays and reads back the same model."""

from __future__ import annotations

import json
import zipfile

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from analyzer.learned import bias
from analyzer.learned.store import PACKED, load_model, models_dir, save_model

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
    vocabulary = bias.load()["pipeline"].steps[0][1].vocabulary_
    assert isinstance(vocabulary, dict) and len(vocabulary) > 1000
    columns = np.array(sorted(vocabulary.values()))
    assert (columns == np.arange(len(vocabulary))).all()
