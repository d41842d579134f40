"""The learned signals' fast routines against the plain ones they replaced, output for output.

The plain versions below are the code the fast paths replaced, kept as the specification.
"""

from __future__ import annotations

import re
import sys

import numpy as np
import pytest
from conftest import SEEDS
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analyzer.learned import bias
from analyzer.signals import attribution, loaded_language

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
SEED_LINES = [line for t in SEED_TEXTS for line in t.splitlines() if line.strip()]


def plain_lexicon_features(lexicon: bias.StemLexicon, texts: list[str]) -> np.ndarray:
    """StemLexicon.features one row at a time (before the rows were built together)."""
    out = np.zeros((len(texts), 5))
    for i, text in enumerate(texts):
        rates = sorted(
            (lexicon.index_.get(s, lexicon.prior) for s in bias._stems(text)), reverse=True
        )
        top = (rates + [0.0, 0.0, 0.0])[:3]
        out[i, :3] = np.log(np.array(top) + 0.01)
        out[i, 3] = sum(r >= 0.3 for r in rates)
        out[i, 4] = sum(r >= 0.5 for r in rates)
    return out


def test_lexicon_features_equal_the_row_by_row_ones_on_the_seeds():
    lexicon = bias.load()["lexicon"]
    texts = SEED_LINES + ["", "12 34", "Slammed.", "Critics slammed the radical plan."]
    assert np.array_equal(lexicon.features(texts), plain_lexicon_features(lexicon, texts))


def test_lexicon_features_of_no_text_are_an_empty_table():
    assert bias.load()["lexicon"].features([]).shape == (0, 5)


WORD_SOUP = st.lists(
    st.sampled_from(
        "slammed radical disgrace the a plan plans council said critics reckless job-killing "
        "power-hungry shameless 12 Élan naïve über furious regime thugs scheme met rain".split()
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD_SOUP, max_size=8))
def test_lexicon_features_equal_the_row_by_row_ones_on_word_soup(texts):
    lexicon = bias.load()["lexicon"]
    assert np.array_equal(lexicon.features(texts), plain_lexicon_features(lexicon, texts))


def test_lexicon_features_equal_the_row_by_row_ones_when_the_word_memo_starts_afresh(
    monkeypatch,
):
    monkeypatch.setattr(bias.fastpath, "MAX_CACHED_WORDS", 3)
    committed = bias.load()["lexicon"]
    lexicon = bias.StemLexicon(committed.prior, committed.strength)
    lexicon.stems_, lexicon.rates_ = committed.stems_, committed.rates_
    lexicon._index()  # a fresh memo
    texts = SEED_LINES[:40] + ["Critics slammed the radical plan.", "slammed slammed"]
    assert np.array_equal(lexicon.features(texts), plain_lexicon_features(lexicon, texts))
    assert len(lexicon._word_rates) <= 3


def test_a_saved_lexicon_holds_its_arrays_not_its_lookup_tables():
    lexicon = bias.StemLexicon().fit(["a radical plan", "a plan"], [["radical"], []])
    lexicon.features(["radical plans"])
    assert sorted(lexicon.__getstate__()) == ["prior", "rates_", "stems_", "strength"]


def test_numpy_log_of_a_table_is_the_log_of_each_row():
    # The lexicon features take the log of all rows in one call; numpy's vectorised log must
    # give each element the float the one-row call gave.
    values = np.random.default_rng(0).random((20_000, 3)) + 0.01
    whole = np.log(values)
    rows = np.array([np.log(np.array(list(r))) for r in values])
    assert np.array_equal(whole, rows)


def test_numpy_log_of_a_table_is_the_log_of_each_row_for_every_lexicon_rate():
    lexicon = bias.load()["lexicon"]
    rates = np.concatenate([lexicon.rates_, [lexicon.prior, 0.0, 0.0]])
    values = rates[: len(rates) // 3 * 3].reshape(-1, 3) + 0.01
    rows = np.array([np.log(np.array(list(r))) for r in values])
    assert np.array_equal(np.log(values), rows)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=20))
@example([0.0, -0.0, 1.0, 1e-4, 1 - 1e-4, 5e-5, 1 - 5e-5, float("nan")])
def test_probabilities_are_clipped_as_np_clip_clips_them(values):
    p = np.array(values)
    assert bias._clipped(p).tobytes() == np.clip(p, 1e-4, 1 - 1e-4).tobytes()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab .,:\n_1é’İ\u0301\t\u00a0\u3000\x1c", max_size=40))
@example("a bb c dd e ff g hh")
@example("  \t\u00a0 ab, cd ef. gh")
@example("\u3000 a, b \x1c")
@example("ab_cd 12 x\u0301y İİ")
@example("abcdefgh ijklmnop")
@example("a b c d e f g ab")
@example("ab\nc de. f gh:i jk")
def test_has_words_is_four_words_or_more(text):
    assert loaded_language._has_words(text) == (len(re.findall(bias.TOKEN_PATTERN, text)) >= 4)


def test_white_space_is_never_a_word_character():
    # Why _has_words may skip a piece's opening white space by \s before its first \W*+.
    space, word = re.compile(r"\s"), re.compile(r"\w")
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if space.match(chr(c))]
    assert len(spaces) > 20 and not [c for c in spaces if word.match(c)]


TOKEN_SOUP = st.text(alphabet="aZ1_ .,\n’'-é²\u0301İ", max_size=40)
SKLEARN_TOKEN = re.compile(bias.TOKEN_PATTERN)


@settings(max_examples=500, deadline=None)
@given(TOKEN_SOUP)
@example("a bb c_d 1x \u0301ab é x\u0301y İİ’s -ab- 12")
def test_the_run_time_token_pattern_finds_the_vectorizers_tokens_where_it_does(text):
    spans = [m.span() for m in SKLEARN_TOKEN.finditer(text)]
    assert [m.span() for m in bias.TOKEN.finditer(text)] == spans


def test_the_run_time_token_pattern_finds_the_vectorizers_tokens_on_the_seeds():
    for text in SEED_TEXTS:
        assert bias.TOKEN.findall(text.lower()) == SKLEARN_TOKEN.findall(text.lower())
        assert bias.TOKEN.findall(text) == SKLEARN_TOKEN.findall(text)


BY_SOUP = st.lists(
    st.sampled_from(["by", "By", " ", "  ", "\n", "stood", "x1", "_a", "the", "é", "1", ",", "ab"]),
    max_size=14,
).map("".join)


def by_matches(found) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in found]


def test_by_phrases_are_what_the_whole_text_scan_finds_on_the_seeds():
    for text in SEED_TEXTS + ["assessed by by the Project", "stood by  by the door"]:
        assert by_matches(attribution._by_phrases(text)) == by_matches(
            attribution._BY.finditer(text)
        )


@settings(max_examples=500, deadline=None)
@given(BY_SOUP)
def test_by_phrases_are_what_the_whole_text_scan_finds_on_by_soup(text):
    assert by_matches(attribution._by_phrases(text)) == by_matches(attribution._BY.finditer(text))


def plain_candidate_words(text: str) -> list[tuple[int, int, str]]:
    """bias.candidate_words before stop words and titles became one set (the specification)."""
    titles = {t.lower() for t in bias.load_lexicon("honorifics")}
    out = []
    for i, m in enumerate(bias.TOKEN.finditer(text)):
        w = m.group()
        low = w.lower()
        if low in ENGLISH_STOP_WORDS or w.isdigit() or (i and w[:1].isupper()) or low in titles:
            continue
        out.append((m.start(), m.end(), w))
    return out


CANDIDATE_SOUP = st.lists(
    st.sampled_from(
        "The the Mr mr. Sen SEN radical Radical 12 1st x _a Élan über of OF job-killing "
        "Trump’s it's , . \n".split(" ")
    ),
    max_size=20,
).map(" ".join)


def test_candidate_words_are_the_plain_ones_on_the_seeds():
    for line in SEED_LINES:
        assert bias.candidate_words(line) == plain_candidate_words(line)


@settings(max_examples=300, deadline=None)
@given(CANDIDATE_SOUP)
def test_candidate_words_are_the_plain_ones_on_word_soup(text):
    assert bias.candidate_words(text) == plain_candidate_words(text)


LEXICON_SOUP = st.text(alphabet="aZ1_'’- .é²\u0301İ", max_size=40)


@settings(max_examples=500, deadline=None)
@given(LEXICON_SOUP)
@example("power-hungry don't -a_b- 1x x1 a__ b''c ’d’ e-1- ²f")
def test_lexicon_words_are_what_the_backtracking_pattern_found(text):
    plain = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
    assert bias.LEXICON_WORD.findall(text) == plain.findall(text)


def test_lexicon_words_are_what_the_backtracking_pattern_found_on_the_seeds():
    plain = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
    for text in SEED_TEXTS:
        assert bias.LEXICON_WORD.findall(text.lower()) == plain.findall(text.lower())


def plain_loaded_words_many(model, texts: list[str]) -> list[list[bias.Driver]]:
    """bias.loaded_words_many before naming scores were remembered (the specification): a word
    in noun use scoring above NOUN_CHECK, other than the top word, keeps the word model's
    probability when its stem's share would raise it."""
    words = [bias.candidate_words(t) for t in texts]
    flat = [w.lower() for ws in words for _, _, w in ws]
    if not flat:
        return [[] for _ in texts]
    probs = bias.naming_scores(model, flat).tolist()
    out, i = [], 0
    for text, ws in zip(texts, words, strict=True):
        p = probs[i : i + len(ws)]
        i += len(ws)
        top = max(range(len(ws)), key=p.__getitem__, default=None)
        for k, (start, end, w) in enumerate(ws):
            if k != top and p[k] > bias.NOUN_CHECK and bias.noun_use(text, start, end):
                word_p, ratio = bias.word_evidence(model, [w.lower()])
                p[k] = float(bias.combine(word_p, np.minimum(ratio, 1.0), bias.LEXICON_WEIGHT)[0])
        order = sorted(range(len(ws)), key=lambda k: (-p[k], ws[k][0]))
        out.append([bias.Driver(*ws[k], round(p[k], 4)) for k in order])
    return out


def test_loaded_words_are_the_plain_ones_on_the_seeds_read_twice():
    model = bias.load()
    plain = plain_loaded_words_many(model, SEED_LINES)
    assert bias.loaded_words_many(model, SEED_LINES) == plain
    assert bias.loaded_words_many(model, SEED_LINES[::-1]) == plain[::-1]  # remembered words
    top = bias.loaded_words_many(model, SEED_LINES, most=bias.MAX_NAMED)
    assert top == [ranked[: bias.MAX_NAMED] for ranked in plain]


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD_SOUP, max_size=6))
@example(["plan plan plans", "radical radical", ""])
def test_loaded_words_are_the_plain_ones_on_word_soup(texts):
    model = bias.load()
    assert bias.loaded_words_many(model, texts) == plain_loaded_words_many(model, texts)


def plain_named_words_many(model, texts: list[str]) -> list[list[bias.Driver]]:
    """The named words of each text: named_words over its ranked words (as the signal read them
    before Drivers were made for the named words only)."""
    ranked = plain_loaded_words_many(model, texts)
    return [bias.named_words(model, words[: bias.MAX_NAMED]) for words in ranked]


@pytest.mark.parametrize("gate", [None, 0.0, 0.5, 0.9])
def test_named_words_are_the_named_ones_of_the_ranked_words_on_the_seeds(gate):
    model = bias.load()
    if gate is not None:  # the committed gate, none, and stricter ones
        model = model | {"word_threshold": gate}
    assert bias.named_words_many(model, SEED_LINES) == plain_named_words_many(model, SEED_LINES)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD_SOUP, max_size=6), st.sampled_from([0.0, 0.5, 0.8]))
def test_named_words_are_the_named_ones_of_the_ranked_words_on_word_soup(texts, gate):
    model = bias.load() | {"word_threshold": gate}
    assert bias.named_words_many(model, texts) == plain_named_words_many(model, texts)


@pytest.mark.parametrize("scores", [bias.naming_scores, bias.noun_naming_scores])
def test_a_words_naming_score_alone_is_its_score_in_any_batch(scores):
    # Naming scores are remembered per word, and words in noun use rescored together: a word
    # scored in one batch must get the float it would get in another.
    model = bias.load()
    words = sorted({w.lower() for line in SEED_LINES for _, _, w in bias.candidate_words(line)})
    batch = scores(model, words).tolist()
    alone = [scores(model, [w]).tolist()[0] for w in words]
    assert batch == alone
    assert scores(model, words[::-1]).tolist() == batch[::-1]


SPLIT_SOUP = st.text(alphabet="aZé1_ .,;()“”\"\n’'-²\u0301İß", max_size=40)


def plain_numbers_and_stems(
    model: dict, texts: list[str]
) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """(text, token number) of each token and (text, stem) of each word, from the two patterns
    over each lower-cased text (before one split of each text gave both)."""
    number = model["pipeline"].number
    numbers, stems = [], []
    for row, text in enumerate(texts):
        lowered = text.lower()
        numbers += [(row, number(t)) for t in bias.TOKEN.findall(lowered)]
        stems += [(row, bias.stem(w)) for w in bias.LEXICON_WORD.findall(lowered)]
    return numbers, stems


def read_numbers_and_stems(
    model: dict, texts: list[str]
) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """The same from the piece reader, its stem ids named: a seen stem's id is its place in
    the lexicon's stems, an unseen one's is one of the reader's own."""
    reader = bias._piece_reader(model["pipeline"], model["lexicon"])
    (numbers, number_rows), (ids, id_rows) = reader.read(texts)
    named = model["lexicon"].stems_.tolist()
    unseen = {i: s for s, i in reader._cores._unseen.items()}
    assert not set(unseen) & set(range(len(named)))
    stems = [named[i] if i < len(named) else unseen[i] for i in ids.tolist()]
    return (
        list(zip(number_rows.tolist(), numbers.tolist(), strict=True)),
        list(zip(id_rows.tolist(), stems, strict=True)),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(SPLIT_SOUP, max_size=4))
@example(["Power-hungry (I say) rulers’ 2nd plan, “x”; a_b 1x İİ ß² -ab-", "", " , "])
def test_one_split_finds_the_text_models_tokens_and_the_lexicons_stems(texts):
    model = bias.load()
    assert read_numbers_and_stems(model, texts) == plain_numbers_and_stems(model, texts)


def test_one_split_finds_the_text_models_tokens_and_the_lexicons_stems_on_the_seeds():
    model = bias.load()
    assert read_numbers_and_stems(model, SEED_LINES) == plain_numbers_and_stems(model, SEED_LINES)


def stem_id_features(lexicon: bias.StemLexicon, texts: list[str]) -> np.ndarray:
    model = bias.load()
    reader = bias._piece_reader(model["pipeline"], lexicon)
    return lexicon.stem_id_features(*reader.read(texts)[1], len(texts))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORD_SOUP, SPLIT_SOUP), max_size=8))
@example(["", "radical radical", "12", "plan plans planning"])
def test_lexicon_features_from_stem_ids_equal_the_row_by_row_ones(texts):
    lexicon = bias.load()["lexicon"]
    assert np.array_equal(stem_id_features(lexicon, texts), plain_lexicon_features(lexicon, texts))


def test_lexicon_features_from_stem_ids_equal_the_row_by_row_ones_on_the_seeds():
    lexicon = bias.load()["lexicon"]
    texts = SEED_LINES + ["", "12 34", "Slammed.", "Critics slammed the radical plan."]
    assert np.array_equal(stem_id_features(lexicon, texts), plain_lexicon_features(lexicon, texts))


def test_lexicon_features_from_stem_ids_are_the_same_taken_in_halves(monkeypatch):
    # A limit this low splits the seed lines into halves down to a few lines each, whose stems
    # are then numbered from 0: the paths that keep the sort's numbers inside int64.
    lexicon = bias.load()["lexicon"]
    texts = SEED_LINES + ["", "12 34", "Critics slammed the radical plan."]
    monkeypatch.setattr(bias, "_KEY_LIMIT", 10**6)
    assert np.array_equal(stem_id_features(lexicon, texts), plain_lexicon_features(lexicon, texts))


def test_lexicon_features_from_stem_ids_read_unseen_stems_by_identity_only():
    lexicon = bias.load()["lexicon"]
    known = [lexicon.stems_.tolist().index(s) for s in ("radic", "plan", "slam")]
    rows = np.array([0, 0, 0, 0, 0, 1, 1, 2])
    table = lexicon.stem_id_features(
        np.array([*known, 2**62, 2**62, known[0], 2**62 + 5, 2**62]), rows, 3
    )
    unseen = len(lexicon.stems_)
    small = lexicon.stem_id_features(
        np.array([*known, unseen, unseen, known[0], unseen + 5, unseen]), rows, 3
    )
    assert np.array_equal(table, small)
    assert np.array_equal(
        small,
        plain_lexicon_features(lexicon, ["radical plan slammed zzq zzq", "radical qzz", "zzq"]),
    )


def test_the_piece_reader_gives_the_same_when_it_starts_afresh(monkeypatch):
    monkeypatch.setattr(bias.fastpath, "MAX_CACHED_WORDS", 3)
    model = bias.load()
    reader = bias._piece_reader(model["pipeline"], model["lexicon"])
    lines = SEED_LINES[:40] + ["Critics slammed the radical plan.", "zzqx zzqy zzqx"]
    for line in lines:  # each call may start afresh: pieces and unseen stems forgotten
        assert read_numbers_and_stems(model, [line]) == plain_numbers_and_stems(model, [line])
    assert len(reader._pieces) <= 3 + max(len(line.split()) for line in lines)


def test_a_word_whose_stems_share_is_at_most_the_prior_scores_the_same_in_noun_use():
    # Noun use is looked for only where the stem's share raised a word's score: elsewhere the
    # noun score is the naming score itself, to the bit.
    model = bias.load()
    lexicon = model["lexicon"]
    words = {w.lower() for line in SEED_LINES for _, _, w in bias.candidate_words(line)}
    words = sorted(w for w in words | {"rail", "plan", "scheme", "council"})
    low = [w for w in words if lexicon.word_rate(w) <= lexicon.prior]
    high = [w for w in words if lexicon.word_rate(w) > lexicon.prior]
    assert low and high
    assert bias.noun_naming_scores(model, low).tolist() == bias.naming_scores(model, low).tolist()
    assert bias.noun_naming_scores(model, high).tolist() != bias.naming_scores(model, high).tolist()


def test_a_words_rate_is_its_stems_rate():
    lexicon = bias.load()["lexicon"]
    for word in ["radical", "plans", "slammed", "zzqx", "power-hungry", "élan"]:
        assert lexicon.word_rate(word) == lexicon.rate(word)
