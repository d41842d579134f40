"""Pairing's candidate search gives what multiplying whole blocks of rows gives, float for float.

block_candidates computes a similarity only where a bound on it (the exact part over rare terms
plus the product of the rows' norms over common terms) reaches the threshold, and then with the
block product's own arithmetic: the reference here is that product, ``left @ right.T``, as
pairing computed it for every pair of blocks before.
"""

from __future__ import annotations

import random
import re
from functools import reduce
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from conftest import SEEDS

from analyzer.compare import pairing

POLNEAR = Path("/work/shared/data/polnear/train/text")


def plain_block_candidates(rows, pair: pairing.BlockPair) -> pairing.Candidates:
    """Pairing's search before the bound: the whole product of two blocks of ``rows``,
    thresholded."""
    left, right, lo, c_lo, threshold = pair
    left = rows.block(lo, lo + left.rare.shape[0])
    right = rows.block(c_lo, c_lo + right.rare.shape[0])
    product = (left @ right.T).tocsr()
    der = lo + np.repeat(np.arange(left.shape[0]), np.diff(product.indptr))
    src = c_lo + product.indices.astype(np.int64)
    keep = (product.data >= threshold) & (der != src)
    der, src, score = der[keep], src[keep], product.data[keep]
    if c_lo != lo:
        der, src, score = np.r_[der, src], np.r_[src, der], np.r_[score, score]
    return der, src, score


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def corpus(texts: list[str], seed: int) -> list[str]:
    """``texts`` with exact copies, near copies (a sentence dropped, two swapped, one added from
    another text), halves, short texts and texts with no content term, shuffled."""
    rng = random.Random(seed)
    out = list(texts)
    for text in texts:
        parts = sentences(text)
        out.append(text)  # an exact copy
        if len(parts) > 2:
            dropped = list(parts)
            del dropped[rng.randrange(len(dropped))]
            out.append(" ".join(dropped))
            swapped = list(parts)
            i = rng.randrange(len(parts) - 1)
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            out.append(" ".join(swapped) + " " + rng.choice(sentences(rng.choice(texts))))
        out.append(" ".join(parts[: max(1, len(parts) // 2)]))
        out.append(rng.choice(parts))  # one sentence
    out += ["Rain fell.", "Rain fell in Lima.", "Lima.", "The and of it.", ""]
    rng.shuffle(out)
    return out


def word_soup(seed: int, n: int) -> list[str]:
    """Random texts over a small vocabulary (many shared terms, many ties), some with a rare
    word or two."""
    rng = random.Random(seed)
    words = "rain lima roads flood school mayor city council budget court judge strike".split()
    rare = ["zebra", "quartz", "violin", "harbor", "glacier", "tulip", "saxophone", "comet"]
    return [
        " ".join(rng.choices(words, k=rng.randint(1, 15)) + rng.sample(rare, rng.randint(0, 2)))
        for _ in range(n)
    ]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def polnear_texts(count: int) -> list[str]:
    if not POLNEAR.is_dir():
        pytest.skip("PolNeAR texts not here")
    return [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))[:count]]


CORPORA = {
    "seeds": lambda: corpus(seed_texts(), 0),
    "polnear": lambda: corpus(polnear_texts(60), 1),
    "word soup": lambda: word_soup(2, 120),
}


def weighed(texts: list[str]) -> pairing._TfidfRows:
    rows = pairing._TfidfRows(None)
    rows.count(map(pairing.count_terms, texts))
    rows.weigh()
    return rows


def most_similar(rows, products, threshold=pairing.SIMILARITY_THRESHOLD):
    n = len(rows)
    rng = np.random.default_rng(3)
    published = rng.integers(0, 3, n)  # 0: no date; 1, 2: two dates
    words = np.frombuffer(rows.lengths, dtype=np.int64)
    id_rank = rng.permutation(n)
    skip = np.zeros(n, dtype=bool)
    weighed = [min(lo + pairing._BLOCK, n) for lo in range(0, n, pairing._BLOCK)]
    return pairing._most_similar(
        rows, weighed, threshold, published, words, id_rank, skip, products
    )


@pytest.mark.parametrize("name", CORPORA)
@pytest.mark.parametrize("threshold", [0.2, pairing.SIMILARITY_THRESHOLD, 0.8])
@pytest.mark.parametrize("dense", [1, pairing._DENSE])  # never the whole product; as in a batch
def test_each_articles_most_similar_source_is_the_block_products(
    monkeypatch, name, threshold, dense
):
    monkeypatch.setattr(pairing, "_BLOCK", 16)  # several blocks, the last one partial
    monkeypatch.setattr(pairing, "_DENSE", dense)
    rows = weighed(CORPORA[name]())
    score, source = most_similar(rows, pairing._here, threshold)
    plain_score, plain_source = most_similar(
        rows, lambda pairs: (plain_block_candidates(rows, pair) for pair in pairs), threshold
    )
    assert source.tolist() == plain_source.tolist()
    assert score.tolist() == plain_score.tolist()  # floats compared with ==
    assert (source >= 0).sum() > 5


def block_pairs(rows, threshold):
    n = len(rows)
    for lo in range(0, n, pairing._BLOCK):
        for c_lo in range(lo, n, pairing._BLOCK):
            left = rows.parts(lo, min(lo + pairing._BLOCK, n))
            right = rows.parts(c_lo, min(c_lo + pairing._BLOCK, n))
            yield left, right, lo, c_lo, threshold


def triples(found: pairing.Candidates) -> list[tuple[int, int, float]]:
    der, src, score = found
    return sorted(zip(der.tolist(), src.tolist(), score.tolist(), strict=True))


@pytest.mark.parametrize("name", CORPORA)
@pytest.mark.parametrize("threshold", [0.05, 0.3, pairing.SIMILARITY_THRESHOLD, 0.9, 1.0])
@pytest.mark.parametrize("dense", [1, 1 << 30])  # never the whole product; always
def test_every_pair_at_or_above_the_threshold_is_found_with_the_products_float(
    monkeypatch, name, threshold, dense
):
    monkeypatch.setattr(pairing, "_BLOCK", 16)
    monkeypatch.setattr(pairing, "_DENSE", dense)
    rows = weighed(CORPORA[name]())
    for pair in block_pairs(rows, threshold):
        assert triples(pairing.block_candidates(pair)) == triples(
            plain_block_candidates(rows, pair)
        )


@pytest.mark.parametrize("name", CORPORA)
def test_the_bound_is_never_below_the_similarity(monkeypatch, name):
    # What makes the search exact: the part over rare terms plus the product of the norms over
    # common terms is at least the similarity, for every pair (up to rounding, far below the
    # margin the search allows).
    monkeypatch.setattr(pairing, "_BLOCK", 16)
    rows = weighed(CORPORA[name]())
    for left, right, lo, c_lo, _ in block_pairs(rows, 0.0):
        whole = (
            rows.block(lo, lo + left.rare.shape[0]),
            rows.block(c_lo, c_lo + right.rare.shape[0]),
        )
        similarity = (whole[0] @ whole[1].T).toarray()
        bound = (left.rare @ right.rare.T).toarray() + np.outer(left.common_norm, right.common_norm)
        assert (bound - similarity).min() > -1e-12
    assert rows.common.any() and not rows.common.all()


def test_scores_add_each_pairs_products_left_to_right_from_zero():
    # Values where the order of the additions shows: 1e16 + 1 + 1 is 1e16 added left to right,
    # 1e16 + 2 added pairwise; and rows of one entry, alone and among longer ones.
    rows = [[1e16, 1.0, 1.0], [0.1, 0.2, 0.3, 1e16, -1e16], [5.0], [1.0] * 9 + [1e16, 1.0]]
    x = sp.csr_array(
        (
            np.concatenate(rows),
            np.concatenate([np.arange(len(r)) for r in rows]),
            np.r_[0, np.cumsum([len(r) for r in rows])],
        )
    )
    expected = [reduce(lambda a, b: a + b, r, 0.0) for r in rows]
    assert pairing._sums(x).tolist() == expected
    assert pairing._sums(x[[2]]).tolist() == [5.0]


def test_a_block_pair_named_by_where_its_rows_are_gives_what_the_rows_give(monkeypatch):
    # A batch's tasks carry where the rows are in pairing's files (RowsAt), not the rows.
    monkeypatch.setattr(pairing, "_BLOCK", 16)
    with pairing.pair_finder() as finder:
        for text in CORPORA["seeds"]():
            finder.add(pairing.count_terms(text), False, None)
        rows = finder._rows
        rows.count()
        rows.weigh()
        n = len(rows)
        for lo in range(0, n, pairing._BLOCK):
            for c_lo in range(lo, n, pairing._BLOCK):
                hi, c_hi = min(lo + pairing._BLOCK, n), min(c_lo + pairing._BLOCK, n)
                at = (rows.parts_at(lo, hi), rows.parts_at(c_lo, c_hi), lo, c_lo, 0.3)
                assert isinstance(at[0], pairing.RowsAt)
                whole = (rows.parts(lo, hi), rows.parts(c_lo, c_hi), lo, c_lo, 0.3)
                assert triples(pairing.block_candidates(at)) == triples(
                    pairing.block_candidates(whole)
                )
                assert triples(pairing.block_candidates(pairing.resolved(at))) == triples(
                    pairing.block_candidates(whole)
                )


def test_the_rows_in_files_are_weighed_while_the_first_blocks_are_multiplied(monkeypatch):
    # PairFinder.pairs hands out each block's pairs as soon as it is weighed (its rows are read
    # from the files by whoever multiplies them): the pairs found are those found with every
    # row weighed first.
    monkeypatch.setattr(pairing, "_BLOCK", 16)
    texts = CORPORA["seeds"]()
    n = len(texts)
    seen: list[tuple[int, int, int]] = []  # (lo, c_lo, rows weighed when it was handed out)

    def products(pairs):
        for pair in pairs:
            left, right, lo, c_lo, _ = pair
            assert isinstance(left, pairing.RowsAt) and isinstance(right, pairing.RowsAt)
            seen.append((lo, c_lo, len(finder._rows.rare_indptr) - 1))
            yield pairing.block_candidates(pair)

    def weighed_first(pairs):
        return map(pairing.block_candidates, list(pairs))

    def found(products):
        with pairing.pair_finder() as finder:
            for text in texts:
                finder.add(pairing.count_terms(text), False, None)
            yield finder
            yield list(finder.pairs({}, id_order=range(n), products=products))

    finding = found(products)
    finder = next(finding)
    interleaved = next(finding)
    plain = list(found(weighed_first))[1]
    assert interleaved == plain and len(plain) > 5
    blocks = range(0, n, 16)
    assert [(lo, c_lo) for lo, c_lo, _ in seen] == [
        (lo, c_lo) for c_lo in blocks for lo in blocks if lo <= c_lo
    ]
    assert all(weighed == min(c_lo + 16, n) for _, c_lo, weighed in seen)


def test_pairs_multiplied_a_chunk_of_one_right_block_at_a_time_give_what_each_gives_alone(
    monkeypatch,
):
    # A worker's task holds a few pairs with the same right block (block_tasks), which it reads
    # and turns round once for all of them (block_candidates_chunk).
    monkeypatch.setattr(pairing, "_BLOCK", 16)
    texts = CORPORA["seeds"]()
    handed: list[pairing.BlockPair] = []

    def products(pairs):
        for pair in pairs:
            handed.append(pair)
            yield pairing.block_candidates(pair)

    with pairing.pair_finder() as finder:
        for text in texts:
            finder.add(pairing.count_terms(text), False, None)
        list(finder.pairs({}, id_order=range(len(texts)), products=products))
        chunks = list(pairing.block_tasks(handed, 3))
        assert [pair for chunk in chunks for pair in chunk] == handed
        assert max(map(len, chunks)) == 3
        for chunk in chunks:
            assert len({c_lo for _, _, _, c_lo, _ in chunk}) == 1
            found = pairing.block_candidates_chunk(chunk)
            assert [triples(candidates) for candidates, _ in found] == [
                triples(pairing.block_candidates(pair)) for pair in chunk
            ]
