"""The fast scorers (biased language, attribution cues) give scikit-learn's floats exactly (not just closely),
whether built from a fitted pipeline or from the arrays of a model's sidecar."""

from __future__ import annotations

import functools
import re
import sys

import numpy as np
import pytest
import scipy.sparse as sp
from conftest import SEEDS
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import (
    CountVectorizer,
    HashingVectorizer,
    TfidfVectorizer,
)
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from analyzer.learned import bias, cues, fastpath
from analyzer.learned.fastpath import CachedProbability, HashedLogistic, TfidfLogistic

TRAIN = [
    "The radical mayor rammed through a disastrous scheme.",
    "The council met on Tuesday to discuss the budget.",
    "Critics slammed the reckless, job-killing plan as a disgrace.",
    "Ridership rose 12 percent last year, the agency said.",
    "A shameless power grab by corrupt officials, again.",
    "The report was published on Monday by the transit agency.",
    "Élan and naïve café owners cheered the über-popular reform!",
    "Rain fell across the region for a third day.",
]
LABELS = [1, 0, 1, 0, 1, 0, 1, 0]
TEXTS = [
    "The radical council met on Tuesday.",
    "",
    "   ",
    "Zzz qqq.",
    "Rain",
    "the the the the radical radical",
    "CORRUPT officials said the plan was RECKLESS and a disgrace to the city.",
    "Naïve café owners — “über-popular” — met 12 officials at 6 a.m.",
    "A shameless, shameless power grab.\nThe council met.",
]


def pipeline(**tfidf) -> Pipeline:
    return Pipeline(
        [("tfidf", TfidfVectorizer(**tfidf)), ("logreg", LogisticRegression(C=10.0))]
    ).fit(TRAIN, LABELS)


def sklearn_probabilities(pipe: Pipeline, texts: list[str]) -> list[float]:
    return [float(p) for p in pipe.predict_proba(texts)[:, 1]]


@pytest.mark.parametrize(
    "tfidf",
    [
        {"ngram_range": (1, 2), "sublinear_tf": True, "token_pattern": bias.TOKEN_PATTERN},
        {"ngram_range": (1, 1)},
        {"ngram_range": (1, 2), "norm": "l1"},
        {"ngram_range": (1, 2), "norm": None, "use_idf": False},
        {"ngram_range": (1, 2), "lowercase": False, "min_df": 2},
        # "the" drops out as a unigram but stays in bigrams ("the council"): a token numbered
        # past the columns.
        {"ngram_range": (1, 2), "max_df": 0.5},
    ],
)
def test_tfidf_logistic_gives_predict_proba_bit_for_bit(tfidf):
    pipe = pipeline(**tfidf)
    fast = TfidfLogistic.for_pipeline(pipe)
    assert fast is not None
    assert fast.probabilities(TEXTS) == sklearn_probabilities(pipe, TEXTS)
    # One text at a time as well as in a batch.
    assert [fast.probabilities([t])[0] for t in TEXTS] == sklearn_probabilities(pipe, TEXTS)
    # Rebuilt from its arrays (what a sidecar holds).
    assert TfidfLogistic.from_arrays(fast.arrays()).probabilities(TEXTS) == sklearn_probabilities(
        pipe, TEXTS
    )


def test_the_committed_bias_model_takes_the_fast_path_and_agrees_exactly():
    model = bias.load_fitted()
    assert TfidfLogistic.for_pipeline(model["pipeline"]) is not None
    # The sentence probability is the stack over the text model and the lexicon; through
    # scikit-learn end to end it is the same float, and so it is from the model's sidecar.
    stack_input = bias.stack_features(model["pipeline"], model["lexicon"], TEXTS)
    expected = [float(p) for p in model["stack"].predict_proba(stack_input)[:, 1]]
    assert bias.sentence_probability(model, TEXTS) == expected
    assert isinstance(bias.load()["pipeline"], TfidfLogistic)
    assert bias.sentence_probability(bias.load(), TEXTS) == expected


@functools.cache
def _committed_counts():
    vec = bias.load_fitted()["pipeline"].steps[0][1]
    counter = CountVectorizer(
        vocabulary=vec.vocabulary_,
        ngram_range=vec.ngram_range,
        token_pattern=vec.token_pattern,
        lowercase=vec.lowercase,
    )
    return bias.load()["pipeline"], counter, sorted(vec.vocabulary_)


# Soup of the committed model's own n-grams (its bigrams, and pairs of its words it never saw
# together), unknown words, case and separators, split into texts at "|".
_VOCABULARY_SAMPLE = _committed_counts()[2][::97]
_SOUP = st.lists(
    st.sampled_from(_VOCABULARY_SAMPLE + ["Zzqx", "THE", "’s", "|", ".", " ", "\n", "12", "a"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_SOUP)
def test_the_count_matrix_is_count_vectorizers_for_the_committed_vocabulary(soup):
    fast, counter, _ = _committed_counts()
    texts = soup.split("|")
    (data, indices, indptr, rows), expected = (
        fast._counts(fast.tokens(texts)),
        counter.transform(texts),
    )
    expected.sort_indices()
    assert len(indptr) - 1 == expected.shape[0]
    assert indptr.tolist() == expected.indptr.tolist()
    assert indices.tolist() == expected.indices.tolist()
    assert data.tolist() == expected.data.tolist()
    assert rows.tolist() == expected.tocoo().row.tolist()  # the row of each entry


def _plain_numbering(vocabulary):
    # TfidfLogistic's token numbers and bigram table built one n-gram at a time: each token of
    # a bigram that is no unigram gets the next number from len(vocabulary), in order of first
    # appearance; the bigram table is sorted by key a * base + b.
    ids = {g: c for g, c in vocabulary.items() if " " not in g}
    pairs, beyond = {}, len(vocabulary)
    for gram, column in vocabulary.items():
        if " " in gram:
            a, b = gram.split(" ")
            for token in (a, b):
                if token not in ids:
                    ids[token], beyond = beyond, beyond + 1
            pairs[ids[a], ids[b]] = column
    base = max(ids.values(), default=0) + 1
    order = sorted((a * base + b, c) for (a, b), c in pairs.items())
    return ids, base, [k for k, _ in order], [c for _, c in order]


def _numbering(fast):
    return fast._ids, fast._base, fast._pair_keys.tolist(), fast._pair_columns.tolist()


def test_the_committed_vocabulary_is_numbered_as_one_n_gram_at_a_time_would():
    fast, _, _ = _committed_counts()
    ids, base, keys, columns = _numbering(fast)
    expected = _plain_numbering(fast._vocabulary)
    assert list(ids.items()) == list(expected[0].items())  # numbers and their order both
    assert (base, keys, columns) == expected[1:]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["ab", "cd", "ef", "gh", "ij"]), min_size=1, max_size=2).map(
            " ".join
        ),
        unique=True,
        max_size=12,
    ),
)
def test_any_vocabulary_is_numbered_as_one_n_gram_at_a_time_would(grams):
    vocabulary = dict(zip(grams, reversed(range(len(grams))), strict=True))
    fast = TfidfLogistic(
        vocabulary,
        token_pattern=r"(?u)\b\w\w+\b",
        lowercase=True,
        bigrams=True,
        sublinear=True,
        idf=None,
        norm="l2",
        coef=np.zeros((1, len(grams))),
        intercept=np.zeros(1),
    )
    ids, base, keys, columns = _numbering(fast)
    expected = _plain_numbering(vocabulary)
    assert list(ids.items()) == list(expected[0].items())
    assert (base, keys, columns) == expected[1:]


@pytest.mark.parametrize("dtype", [np.int64, np.int32])
def test_number_probabilities_are_the_token_probabilities_for_any_integer_type(dtype):
    fast, _, _ = _committed_counts()
    texts = ["The radical plan", "", "Critics slammed the council's scheme .", "zzqx a"]
    tokens = fast.tokens(texts)
    numbers = np.array([fast.number(t) for ts in tokens for t in ts], dtype=dtype)
    rows = np.array([i for i, ts in enumerate(tokens) for _ in ts], dtype=dtype)
    assert -1 in numbers.tolist()  # a token in no n-gram
    got = fast.number_probabilities(numbers, rows, len(texts))
    assert got == fast.token_probabilities(tokens)


@settings(max_examples=100, deadline=None)
@given(_SOUP)
def test_the_count_matrix_is_the_same_with_bigrams_searched_in_text_order(soup):
    # The order taken when an article's pairs could not be numbered within int64.
    fast, _, _ = _committed_counts()
    texts = soup.split("|")
    in_key_order = fast._counts(fast.tokens(texts))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fastpath, "_PAIR_ORDER_LIMIT", 0)
        in_text_order = fast._counts(fast.tokens(texts))
    assert [a.tolist() for a in in_text_order] == [a.tolist() for a in in_key_order]


@pytest.mark.parametrize(
    "pipe",
    [
        pipeline(ngram_range=(1, 3)),
        pipeline(stop_words="english"),
        pipeline(analyzer="char_wb"),
        pipeline(binary=True),
        # Tokens that may hold a space would make "a b" ambiguous between a token and a bigram.
        pipeline(ngram_range=(1, 2), token_pattern=r"[^,.]+"),
        Pipeline([("count", CountVectorizer()), ("logreg", LogisticRegression())]).fit(
            TRAIN, LABELS
        ),
    ],
)
def test_other_pipeline_shapes_are_left_to_scikit_learn(pipe):
    assert TfidfLogistic.for_pipeline(pipe) is None


def word_pipeline() -> Pipeline:
    words = ["radical", "disastrous", "reckless", "council", "budget", "agency", "corrupt", "rain"]
    return bias.build_word_pipeline().fit(words, [1, 1, 1, 0, 0, 0, 1, 0])


def test_cached_word_probabilities_equal_a_fresh_batch():
    pipe = word_pipeline()
    cached = CachedProbability(pipe)
    first = ["radical", "plan", "radical", "council"]
    second = ["plan", "shameless", "council", "radicals"]
    assert cached.probabilities(first) == sklearn_probabilities(pipe, first)
    assert cached.probabilities(second) == sklearn_probabilities(pipe, second)


def test_the_word_cache_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(fastpath, "MAX_CACHED_WORDS", 3)
    pipe = word_pipeline()
    cached = CachedProbability(pipe)
    assert cached.probabilities(["a1", "b2", "c3"]) == sklearn_probabilities(
        pipe, ["a1", "b2", "c3"]
    )
    words = ["a1", "d4", "e5"]
    assert cached.probabilities(words) == sklearn_probabilities(pipe, words)


WORDS = ["radical", "plan", "Élan", "naïve", "über-popular", "", " ", "12", "a", "x" * 40, "rain"]


@pytest.mark.parametrize(
    "hashing", [{}, {"norm": "l1"}, {"norm": None}, {"binary": True}, {"alternate_sign": True}]
)
def test_hashed_logistic_gives_predict_proba_bit_for_bit(hashing):
    pipe = bias.build_word_pipeline()
    pipe.steps[0][1].set_params(**hashing)
    pipe = pipe.fit(["radical", "disastrous", "council", "budget", "corrupt", "rain"], LABELS[:6])
    fast = HashedLogistic.for_pipeline(pipe)
    assert fast is not None
    assert fast.probabilities(WORDS) == sklearn_probabilities(pipe, WORDS)
    assert [fast.probabilities([w])[0] for w in WORDS] == sklearn_probabilities(pipe, WORDS)
    assert HashedLogistic.from_arrays(fast.arrays()).probabilities(WORDS) == (
        sklearn_probabilities(pipe, WORDS)
    )


def test_hashed_logistic_falls_back_to_the_public_calls_when_a_private_routine_is_gone(
    monkeypatch,
):
    pipe = bias.load_fitted()["words"]
    monkeypatch.setattr(fastpath, "_sparsetools", None)
    assert bias.load()["words"].probabilities(WORDS) == sklearn_probabilities(pipe, WORDS)


def test_the_committed_word_model_takes_the_fast_path_and_agrees_exactly():
    pipe = bias.load_fitted()["words"]
    assert HashedLogistic.for_pipeline(pipe) is not None
    assert CachedProbability(pipe).probabilities(WORDS) == sklearn_probabilities(pipe, WORDS)
    from_sidecar = bias.load()["words"]
    assert isinstance(from_sidecar, HashedLogistic)
    assert CachedProbability(from_sidecar).probabilities(WORDS) == sklearn_probabilities(
        pipe, WORDS
    )


# Words of any letters, digits, marks and white space (several spaces, tabs, new lines), so that
# the n-grams, the white-space handling and the hashing of non-ASCII text are all exercised.
_ANY_WORDS = st.lists(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(" \t\n\u00a0\u2003-’'.İßﬁé"),
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
        ),
        max_size=14,
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_ANY_WORDS)
def test_the_committed_word_model_agrees_exactly_on_any_text(words):
    pipe = bias.load_fitted()["words"]
    assert bias.load()["words"].probabilities(words) == sklearn_probabilities(pipe, words)


@settings(max_examples=100, deadline=None)
@given(st.lists(_SOUP, min_size=1, max_size=5))
def test_the_committed_bias_model_agrees_exactly_from_its_sidecar(texts):
    fitted, fast = bias.load_fitted(), bias.load()
    stack_input = bias.stack_features(fitted["pipeline"], fitted["lexicon"], texts)
    expected = [float(p) for p in fitted["stack"].predict_proba(stack_input)[:, 1]]
    assert bias.sentence_probability(fast, texts) == expected
    flat = " ".join(texts).split()
    assert bias.naming_scores(fast, flat).tolist() == bias.naming_scores(fitted, flat).tolist()


def test_a_word_model_of_another_shape_is_left_to_scikit_learn():
    assert HashedLogistic.for_pipeline(pipeline(analyzer="char_wb")) is None


_FEATURE_ROWS = st.lists(
    st.dictionaries(
        st.sampled_from(["w", "prev", "next", "quote_before", "capitalised", "prev_w"]),
        st.one_of(st.booleans(), st.text(max_size=6)),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    rows=_FEATURE_ROWS,
    n_features=st.sampled_from([2, 7, 2**4, 2**15]),
    alternate_sign=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_hashed_dot_adds_up_the_floats_the_sparse_product_does(
    rows, n_features, alternate_sign, seed
):
    # Few columns force collisions: repeated columns of a row are merged before the product.
    # Weights of very different sizes make the order of the additions show in the result.
    hasher = FeatureHasher(n_features=n_features, input_type="dict", alternate_sign=alternate_sign)
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=n_features) * 10.0 ** rng.integers(-8, 9, size=n_features)
    expected = hasher.transform(rows) @ weights
    got = fastpath.hashed_dot(rows, weights, n_features, alternate_sign)
    assert got.tobytes() == expected.tobytes()


def test_hashed_dot_gives_the_attribution_models_own_scores_on_the_seeds():
    model = cues.load_fitted()
    hasher, weights = model.steps[0][1], model.steps[-1][1].coef_.ravel()
    scorer = cues.load()
    assert isinstance(scorer, cues.CueScorer)  # from the sidecar
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = cues.candidates(text)
        rows = [cues.features(text, s, e) for s, e in spans]
        expected = hasher.transform(rows) @ weights
        got = fastpath.hashed_dot(rows, weights, hasher.n_features)
        assert got.tobytes() == expected.tobytes()
        probabilities = [float(p) for p in model.predict_proba(rows)[:, 1]]
        assert cues.cue_probabilities(scorer, text, spans) == pytest.approx(probabilities)
        assert cues.cue_probabilities(scorer, text, spans) == cues.cue_probabilities(
            model, text, spans
        )


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(st.text(max_size=8), unique=True, max_size=12), min_size=1, max_size=8),
    n_features=st.sampled_from([2, 7, 2**15]),
    alternate_sign=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_hashed_keys_dot_is_hashed_dot_of_rows_of_true_flags(
    rows, n_features, alternate_sign, seed
):
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=n_features) * 10.0 ** rng.integers(-8, 9, size=n_features)
    flags = [dict.fromkeys(row, True) for row in rows]
    expected = fastpath.hashed_dot(flags, weights, n_features, alternate_sign)
    got = fastpath.hashed_keys_dot(rows, weights, n_features, alternate_sign)
    assert got.tobytes() == expected.tobytes()


_CUE_CONTEXT = st.lists(
    st.sampled_from([*"aZ9 .,!?\n“”\"’'‘-", "he ", "said", "Said ", "who"]), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(before=_CUE_CONTEXT, word=st.sampled_from(["said", "Told", "according to", "SHOW"]),
       after=_CUE_CONTEXT)  # fmt: skip
def test_the_cue_keys_are_the_keys_the_hasher_reads_from_the_cue_features(before, word, after):
    text = before + word + after
    start, end = len(before), len(before) + len(word)
    features = cues.features(text, start, end)
    # FeatureHasher's reading of a dict: "name=value" for a string, the name for a true value,
    # nothing for a false one, in the dict's order.
    expected = [f"{k}={v}" if isinstance(v, str) else k for k, v in features.items() if v != 0]
    assert cues.hashed_keys(text, start, end) == expected


def test_hashed_dot_adds_numeric_feature_values_as_scikit_learn_does():
    hasher = FeatureHasher(n_features=4, input_type="dict")
    rows = [{"a": 0.1, "b": 0.2, "c": 0.3, "d": 1e16, "e": -1e16}, {"a": 2.5}]
    weights = np.array([0.7, -1.3, 2.9, 1e-3])
    assert (fastpath.hashed_dot(rows, weights, 4) == hasher.transform(rows) @ weights).all()


def test_hashed_dot_refuses_feature_names_that_are_not_strings_as_scikit_learn_does():
    with pytest.raises(TypeError):
        FeatureHasher(n_features=4, input_type="dict").transform([{3: 1.0}])
    with pytest.raises(TypeError):
        fastpath.hashed_dot([{3: 1.0}], np.ones(4), 4)


def test_hashed_dot_falls_back_to_the_public_calls_when_a_private_routine_is_gone(monkeypatch):
    monkeypatch.setattr(fastpath, "_sparsetools", None)
    hasher = FeatureHasher(n_features=2**4, input_type="dict")
    rows = [{"w": "said", "quote": True}, {"w": "show", "quote": False}]
    weights = np.linspace(-1, 1, 16)
    expected = hasher.transform(rows) @ weights
    assert fastpath.hashed_dot(rows, weights, 2**4).tobytes() == expected.tobytes()


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab xyz\t\n\u00a0é-’", max_size=30),
    ngram_range=st.sampled_from([(2, 5), (1, 1), (1, 3), (3, 3), (4, 6)]),
)
@example(text="a ab abc abcd abcde abcdef", ngram_range=(2, 5))
def test_char_wb_ngrams_are_scikit_learns(text, ngram_range):
    analyzer = HashingVectorizer(analyzer="char_wb", ngram_range=ngram_range).build_analyzer()
    assert fastpath.char_wb_ngrams(text.lower(), *ngram_range) == analyzer(text)


def test_char_wb_ngrams_split_words_at_every_white_space_as_scikit_learn():
    # scikit-learn joins runs of white space (\s) before splitting; the fast n-grams split at
    # str.isspace characters: every one of them, alone and in runs, between words.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))]
    assert spaces == [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    text = "".join(f"ab{s}c{s}{s}de" for s in spaces)
    analyzer = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    assert fastpath.char_wb_ngrams(text.lower(), 2, 5) == analyzer(text)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.lists(st.integers(0, 9), max_size=12).map(sorted), min_size=1, max_size=8),
    seed=st.integers(0, 2**16),
)
def test_csr_dot_adds_up_the_floats_the_sparse_product_does(rows, seed):
    # Values and weights of very different sizes make the order of the additions show.
    rng = np.random.default_rng(seed)
    indices = np.array([c for r in rows for c in r], dtype=np.int32)
    indptr = np.cumsum([0] + [len(r) for r in rows]).astype(np.int32)
    data = rng.normal(size=len(indices)) * 10.0 ** rng.integers(-8, 9, size=len(indices))
    weights = rng.normal(size=(1, 10)) * 10.0 ** rng.integers(-8, 9, size=10)
    X = sp.csr_matrix((data, indices, indptr), shape=(len(rows), 10))
    expected = (X @ weights.T).reshape(-1)  # the product as TfidfLogistic once wrote it
    got = fastpath.csr_dot(data, indices, indptr, np.ascontiguousarray(weights[0]))
    assert got.tobytes() == expected.tobytes()


def test_csr_dot_falls_back_to_the_public_calls_when_the_private_routine_is_gone(monkeypatch):
    monkeypatch.setattr(fastpath, "_sparsetools", None)
    data, indices, indptr = np.array([0.1, 0.2, 0.3]), np.array([0, 2, 1]), np.array([0, 2, 3])
    weights = np.array([1e16, 3.0, -1e16])
    expected = sp.csr_matrix((data, indices, indptr), shape=(2, 3)) @ weights
    assert fastpath.csr_dot(data, indices, indptr, weights).tobytes() == expected.tobytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=40))
def test_mmh3_is_scikit_learns_murmurhash(strings):
    mmh3 = pytest.importorskip("mmh3")
    from sklearn.utils import murmurhash3_32

    strings += ["", "said", "w=said", "naïve", "über", "日本語", "emoji 🙂", "\x00"]
    strings = [s for s in strings if s.encode("utf-8", "ignore").decode("utf-8") == s]
    assert [mmh3.hash(s, 0, True) for s in strings] == [murmurhash3_32(s, seed=0) for s in strings]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=20))
def test_expit_is_scipys_bit_for_bit(values):
    from scipy.special import expit

    x = np.array(values)
    assert fastpath.expit(x).tobytes() == expit(x).tobytes()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=20))
@example([0.0, -800.0, 2.0])
def test_expit_values_are_expits_floats(values):
    x = np.array(values, dtype=np.float64)
    assert np.array(fastpath.expit_values(x)).tobytes() == fastpath.expit(x).tobytes()


def test_expit_is_scipys_bit_for_bit_over_a_million_values():
    from scipy.special import expit

    rng = np.random.default_rng(7)
    x = np.concatenate([rng.normal(0, 4, 10**6), rng.uniform(-760, 760, 10**5)])
    assert fastpath.expit(x).tobytes() == expit(x).tobytes()


def test_without_mmh3_scikit_learns_murmurhash_stands_in(monkeypatch):
    from sklearn.utils import murmurhash3_32

    monkeypatch.setitem(sys.modules, "mmh3", None)  # as if it were not installed
    stand_in = fastpath._murmurhash3()
    strings = ["", "said", "w=said", "naïve", "日本語", "x" * 100]
    assert [stand_in(s, 0, True) for s in strings] == [murmurhash3_32(s, seed=0) for s in strings]


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.lists(st.floats(-1e6, 1e6), max_size=12), min_size=1, max_size=8),
    norm=st.sampled_from(["l1", "l2"]),
)
@example(rows=[[], []], norm="l2")  # no entry at all
@example(rows=[[1e-150, 1e150, 3.0, -1e-17, 7.0], [0.1] * 12], norm="l2")
@example(rows=[[1e16, 1.0, -1e16, 1.0]], norm="l1")  # the order of the sum shows
def test_row_normalisation_is_scikit_learns_bit_for_bit(rows, norm):
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    width = max(map(len, rows), default=0) + 1
    dense = np.zeros((len(rows), width))
    for i, row in enumerate(rows):
        dense[i, : len(row)] = row
    X = sp.csr_matrix(dense)
    expected = normalize(X, norm=norm)
    fastpath.normalize_rows(X, norm)
    assert X.data.tobytes() == expected.data.tobytes()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-(2**62), 2**62) | st.integers(0, 5), max_size=60))
@example([])
def test_sorted_counts_are_numpys_unique_values_and_counts(values):
    expected = np.unique(np.array(values, dtype=np.int64), return_counts=True)
    found = fastpath.sorted_counts(np.array(values, dtype=np.int64))
    assert [a.dtype for a in found] == [a.dtype for a in expected]
    assert [a.tolist() for a in found] == [a.tolist() for a in expected]
