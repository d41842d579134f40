"""Pairing's input in a batch, given article by article while the batch is still being scored.

Pairing (:class:`analyzer.compare.pairing.PairFinder`) takes the run's articles in input order.
Scoring hands results back in about that order, a few chunks apart, while this process mostly
waits for them: so each article is added as soon as it and every input before it are settled
(scored, found unchanged in the store, or failed), and once the last one is scored only the
similarities remain to be computed, not the reading and numbering of every article's terms
(~0.07 ms an article) that would otherwise keep both workers waiting (step 3 of
:mod:`analyzer.batch`).

Nothing is done before the first article is handed to scoring (:meth:`PairingInput.begin`): a
rerun that scores nothing never loads pairing's modules (numpy, scipy) unless it compares, and
then reads every article from the store (:meth:`PairingInput.finished`). Nor before the first
result comes back: by then the engine has loaded those modules where the collector skips them
(:func:`analyzer.engines.open_engine`), and the process is waiting anyway.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from analyzer.errors import InputError
from analyzer.state import Scored, StateStore, unpacked_text

if TYPE_CHECKING:  # pairing's modules are imported when pairing begins
    from analyzer.compare.pairing import PairFinder


class Finished(NamedTuple):
    """Pairing's input once the run is finished (:meth:`PairingInput.finished`)."""

    finder: PairFinder  # every article of the run added, numbered in input order
    # For each article that names sources, the numbers of those in the run (itself left out).
    named: dict[int, list[int]]
    # The articles whose derived_from names only articles not in the run, in input order (a
    # notice: they are not compared).
    unpaired: list[InputError]


class PairingInput(contextlib.AbstractContextManager):
    """The run's articles for pairing, added in input order as they settle; a context manager
    (the block owns pairing's temporary files).

    Examples
    --------
    >>> from analyzer.pipeline import analyze_article
    >>> from analyzer.document import Article
    >>> from analyzer.state import pack
    >>> store = StateStore(":memory:")
    >>> store.begin_run()
    >>> scored = Scored(pack(analyze_article(Article("a", "", "It rained."))), None, None, None)
    >>> with PairingInput(store) as pairing:
    ...     pairing.begin(0)
    ...     pairing.settle(1, None)  # failed: nothing to add, and it waits for position 0
    ...     pairing.settle(0, "a", scored)
    ...     store.add_to_run([(0, "a")])
    ...     store.finish_run()
    ...     len(pairing.finished().finder)
    1
    """

    def __init__(self, store: StateStore) -> None:
        self._store = store
        self._files = contextlib.ExitStack()
        self._finder: PairFinder | None = None
        self._start: int | None = None  # the position of the first article to score
        self._next = 0  # the first input position not added yet
        # Positions settled ahead of an earlier one: (id, scored now or None) or None (failed).
        self._ahead: dict[int, tuple[str, Scored | None] | None] = {}
        # (number, id, ids named) of each article added whose derived_from names any.
        self._naming: list[tuple[int, str, list[str]]] = []

    def __exit__(self, *exc: object) -> None:
        self._files.close()

    def begin(self, position: int) -> None:
        """Begin at the first article handed to scoring, at input ``position``: the run's
        articles before it were found unchanged, and are read from the store once the first
        result comes back (the batch records them there, :meth:`StateStore.add_to_run`)."""
        self._start = self._next = position

    def settle(self, position: int, article_id: str | None, scored: Scored | None = None) -> None:
        """The input at ``position`` is settled: failed (no ``article_id``), ``scored`` now, or
        found unchanged (no ``scored``: the store holds it). Nothing before :meth:`begin`."""
        if self._start is None:
            return
        self._ahead[position] = None if article_id is None else (article_id, scored)
        if self._finder is None:
            if scored is None:
                return  # kept until the first result comes back
            self._open(self._store.arrived_pairing(before=self._start))
        self._add_settled()

    def _add_settled(self) -> None:
        # The articles settled from the next position on, up to the first not settled yet.
        while self._next in self._ahead:
            settled = self._ahead.pop(self._next)
            self._next += 1
            if settled is None:
                continue
            article_id, scored = settled
            if scored is None:
                self._add(article_id, *self._store.pairing_of(article_id))
            else:
                self._add(article_id, scored.published, scored.derived_from, scored.terms, scored)

    def finished(self) -> Finished:
        """Once the run is finished (:meth:`StateStore.finish_run`) and every input settled: the
        pair finder with every article of the run added (all read from the store when no result
        came back from scoring), with what the articles name. One call gives both, so the names
        are never read before every article is added. RuntimeError when an article of the
        run was never settled."""
        if self._finder is None:
            self._open(self._store.run_pairing())
        store = self._store
        if len(self._finder) != store.run_size():
            raise RuntimeError("pairing finished before every article of the run was settled")
        named: dict[int, list[int]] = {}
        unpaired: list[InputError] = []
        for number, article_id, sources in self._naming:
            ranks = [store.run_rank(source) for source in sources]
            if all(rank is None for rank in ranks):
                missing = ", ".join(sources)
                reason = f"derived_from names {missing}, not in this batch: not compared"
                unpaired.append(InputError(store.path_of(article_id), reason))
            named[number] = [rank for rank in ranks if rank is not None and rank != number]
        return Finished(self._finder, named, unpaired)

    def _open(self, stored: Iterable[tuple[str, str | None, str | None, bytes | None]]) -> None:
        # The pair finder, and the articles ``stored`` first (StateStore.run_pairing's rows).
        # Imported here: pairing needs numpy and scipy (most of a second of start-up), which a
        # rerun where nothing changed never loads.
        from analyzer.compare.pairing import pair_finder

        self._finder = self._files.enter_context(pair_finder())
        for row in stored:
            self._add(*row)

    def _add(
        self,
        article_id: str,
        published: str | None,
        derived_from: str | None,
        terms: bytes | None,
        scored: Scored | None = None,
    ) -> None:
        # What pairing reads was made beside each result when it was scored (Scored): no result
        # is decoded and no text stemmed again, only where the worker could not count the terms.
        from analyzer.compare import pairing

        if terms is None:
            # Read as comparing reads it: a result of score --json is stored lean (state.pack).
            from analyzer.stored_result import decode_unscored

            blob = scored.result if scored is not None else self._store.packed(article_id)
            counts = pairing.count_terms(decode_unscored(unpacked_text(blob)).text)
        else:
            counts = pairing.unpacked_terms(terms)
        sources = json.loads(derived_from or "[]")
        if sources:
            self._naming.append((len(self._finder), article_id, sources))
        self._finder.add(counts, bool(sources), published)
