"""Pairing's input given while a batch is scored: the pairs do not depend on the order results
come back in, on failures, or on which articles were found unchanged."""

from __future__ import annotations

import json
import random

import pytest
from conftest import SEEDS

from analyzer.compare.pairing import pair_ranks, unpacked_terms
from analyzer.document import Article, Metadata
from analyzer.engines import score_chunk
from analyzer.pairing_input import PairingInput
from analyzer.readers import read_inputs
from analyzer.state import StateStore


def seed_articles() -> list[Article]:
    """The seeds (which name their sources), their halves (paired by similarity), and a text
    naming a source that is not in the batch."""
    seeds = list(read_inputs([str(SEEDS)]))
    articles = seeds + [
        Article(f"half-{a.id}", f"half-{a.path}", a.text[: len(a.text) // 2]) for a in seeds
    ]
    named_gone = Metadata(derived_from=("gone",))
    articles.append(Article("orphan", "orphan.txt", seeds[0].text[:700], named_gone))
    return articles


def expected_pairs(store: StateStore) -> list[tuple[int, int, str, float]]:
    """pair_ranks over the finished run, its articles read from the store in input order."""
    docs = []
    for _, published, derived_from, terms in store.run_pairing():
        named = [store.run_rank(s) for s in json.loads(derived_from or "[]")]
        docs.append((unpacked_terms(terms), named, published))
    return list(pair_ranks(docs, id_order=store.run_ranks_by_id()))


@pytest.mark.parametrize("seed", range(4))
def test_pairs_from_results_settled_in_any_order_are_those_of_the_whole_run(seed):
    rng = random.Random(seed)
    articles = seed_articles()
    scored = {a.id: s for a, (s, _) in zip(articles, score_chunk(articles), strict=True)}
    # Positions: an unread input first (failed), some articles unchanged from a run before,
    # one more failure in the middle; the rest scored now and settled in a shuffled order.
    positions = [None, *articles[:3], None, *articles[3:]]
    unchanged = {a.id for a in articles[:2]} | {articles[5].id}
    first_scored = next(i for i, a in enumerate(positions) if a and a.id not in unchanged)
    with StateStore(":memory:") as store, PairingInput(store) as pairing:
        store.put((a.id, "k", scored[a.id]) for a in articles if a.id in unchanged)
        store.begin_run()
        store.add_to_run((i, a.id) for i, a in enumerate(positions[:first_scored]) if a)
        pairing.begin(first_scored)
        later = list(enumerate(positions))[first_scored:]
        rng.shuffle(later)
        for position, a in later:
            if a is None:
                pairing.settle(position, None)
            elif a.id in unchanged:
                pairing.settle(position, a.id)
            else:
                store.put([(a.id, "k", scored[a.id])])
                pairing.settle(position, a.id, scored[a.id])
            if a is not None:
                store.add_to_run([(position, a.id)])
        store.finish_run()
        finder, named, unpaired = pairing.finished()
        found = list(finder.pairs(named, id_order=store.run_ranks_by_id()))
        assert found == expected_pairs(store)
    assert {by for _, _, by, _ in found} == {"metadata", "similarity"}
    assert [error.path for error in unpaired] == ["orphan.txt"]


def test_a_run_that_scored_nothing_is_read_from_the_store():
    articles = seed_articles()[:4]
    with StateStore(":memory:") as store, PairingInput(store) as pairing:
        store.put((a.id, "k", s) for a, (s, _) in zip(articles, score_chunk(articles), strict=True))
        store.begin_run()
        for position, a in enumerate(articles):
            pairing.settle(position, a.id)  # unchanged, before any article was scored
            store.add_to_run([(position, a.id)])
        store.finish_run()
        finder, named, _ = pairing.finished()
        found = list(finder.pairs(named, id_order=store.run_ranks_by_id()))
        assert found == expected_pairs(store) != []


def test_a_run_whose_scored_articles_all_failed_is_read_from_the_store():
    articles = seed_articles()[:4]
    with StateStore(":memory:") as store, PairingInput(store) as pairing:
        store.put((a.id, "k", s) for a, (s, _) in zip(articles, score_chunk(articles), strict=True))
        store.begin_run()
        store.add_to_run([(0, articles[0].id)])
        pairing.begin(1)
        pairing.settle(1, None)  # the only article scored failed
        for position, a in enumerate(articles[1:], start=2):
            pairing.settle(position, a.id)
            store.add_to_run([(position, a.id)])
        store.finish_run()
        finder, named, _ = pairing.finished()
        found = list(finder.pairs(named, id_order=store.run_ranks_by_id()))
        assert found == expected_pairs(store) != []


def scored_run(store, pairing, articles, *, counted=True, never=None) -> None:
    """A finished run of ``articles``, each scored now and settled in input order (its terms
    left for pairing to count unless ``counted``), but the one at position ``never``."""
    store.begin_run()
    pairing.begin(0)
    for position, (a, (s, _)) in enumerate(zip(articles, score_chunk(articles), strict=True)):
        store.put([(a.id, "k", s)])
        store.add_to_run([(position, a.id)])
        if position != never:
            pairing.settle(position, a.id, s if counted else s._replace(terms=None))
    store.finish_run()


def test_terms_the_worker_could_not_count_are_counted_from_the_result():
    articles = seed_articles()
    found = []
    for counted in (True, False):
        with StateStore(":memory:") as store, PairingInput(store) as pairing:
            scored_run(store, pairing, articles, counted=counted)
            finder, named, _ = pairing.finished()
            found.append(list(finder.pairs(named, id_order=store.run_ranks_by_id())))
    assert found[0] == found[1] != []


def test_pairing_cannot_finish_before_every_article_of_the_run_is_settled():
    with StateStore(":memory:") as store, PairingInput(store) as pairing:
        # The second result never settles: the third waits for it.
        scored_run(store, pairing, seed_articles()[:3], never=1)
        with pytest.raises(RuntimeError, match="before every article of the run was settled"):
            pairing.finished()
