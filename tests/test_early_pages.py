"""A batch on the local engine writes the page of each article that names no source while it
scores it; the page step after the comparisons makes the rest (rewrites, whose pages show their
comparison). The pages and index are those write_site makes from the results."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

import analyzer.writers.html as html
from analyzer.batch import analyze_paths, score_paths
from analyzer.state import StateStore

SOURCE_000 = "000_6af52c64d008fc3c"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The seeds (two rewrites name their source) and the first half of each: a half is paired
    with its whole by similarity, after scoring."""
    folder = tmp_path_factory.mktemp("early") / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "manifest.csv", folder)
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (folder / seed.name).write_text(text, encoding="utf-8")
        (folder / f"half-{seed.name}").write_text(text[: len(text) // 2], encoding="utf-8")
    return folder


def pages(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def batch_pages_match_write_site(inputs: Path, tmp_path: Path, jobs: int) -> list[Any]:
    """Score ``inputs`` as a batch, check its pages are write_site's of the same results, and
    give those results."""
    out = tmp_path / "out"
    assert score_paths([str(inputs)], out, jobs=jobs).failures == []
    results = analyze_paths([str(inputs)]).results
    html.write_site(tmp_path / "site", results)
    assert pages(out) == pages(tmp_path / "site")
    return results


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_writes_the_pages_write_site_writes_from_its_results(inputs, tmp_path, jobs):
    results = batch_pages_match_write_site(inputs, tmp_path, jobs)
    by = {r.comparison.paired_by for r in results if r.comparison is not None}
    assert by == {"metadata", "similarity"}  # early pages of rewrites were made again


def test_early_pages_are_written_while_scoring_for_articles_naming_no_source(
    inputs, tmp_path, monkeypatch
):
    early: list[str] = []
    real = html.write_early_page

    def noting(out, result, **options):
        early.append(result.id)
        return real(out, result, **options)

    monkeypatch.setattr(html, "write_early_page", noting)
    results = score_paths([str(inputs)], tmp_path / "out").counts.scored
    assert results == 10
    assert len(early) == 8  # all but the two rewrites the manifest names
    assert SOURCE_000 in early and f"half-{SOURCE_000}" in early


def test_early_pages_link_the_worksheets_when_the_batch_writes_them(inputs, tmp_path, monkeypatch):
    options: list[dict[str, Any]] = []
    real = html.write_early_page

    def noting(out, result, **given):
        options.append(given)
        return real(out, result, **given)

    monkeypatch.setattr(html, "write_early_page", noting)
    out = tmp_path / "out"
    assert score_paths([str(inputs)], out, worksheets=True).failures == []
    assert options == [{"worksheets": True}] * 8
    page = (out / "articles" / f"{SOURCE_000}.html").read_text(encoding="utf-8")
    assert f'href="../worksheets/{SOURCE_000}-worksheet.html"' in page
    assert (out / "worksheets" / f"{SOURCE_000}-worksheet.html").is_file()


def test_a_rewrite_whose_page_then_fails_keeps_no_early_page(inputs, tmp_path, monkeypatch):
    real = html.render_compare

    def fragile(derived, source, **options):
        if derived.id.startswith("half-"):  # rewrites paired by similarity, after scoring
            raise RuntimeError("template bug")
        return real(derived, source, **options)

    monkeypatch.setattr(html, "render_compare", fragile)
    out = tmp_path / "out"
    failures = [str(f) for f in score_paths([str(inputs)], out).failures]
    assert failures and all("page could not be rendered (RuntimeError" in f for f in failures)
    failed = [f.split(": page")[0] for f in failures]
    assert all(Path(f).name.startswith("half-") for f in failed)
    for path in failed:  # no page and no index row, though its early page had been written
        assert not (out / "articles" / f"{Path(path).stem}.html").exists()
        assert f'href="articles/{Path(path).stem}.html"' not in (out / "index.html").read_text()
    assert len(list((out / "articles").iterdir())) == 10 - len(failures)


def test_an_early_page_that_fails_is_made_and_reported_with_the_others(
    inputs, tmp_path, monkeypatch
):
    real = html.render_article

    def fragile(result, **options):
        if result.id == SOURCE_000:
            raise RuntimeError("template bug")
        return real(result, **options)

    monkeypatch.setattr(html, "render_article", fragile)
    out = tmp_path / "out"
    assert [str(f) for f in score_paths([str(inputs)], out).failures] == [
        f"{inputs / (SOURCE_000 + '.txt')}: page could not be rendered (RuntimeError: template bug)"
    ]
    assert not (out / "articles" / f"{SOURCE_000}.html").exists()
    assert len(list((out / "articles").iterdir())) == 9


def test_the_store_gives_the_page_step_what_was_not_written_early():
    from analyzer.results import ArticleResult, Comparison
    from analyzer.state import Compared, Scored, pack

    def result(article_id: str) -> bytes:
        return pack(ArticleResult(article_id, f"{article_id}.txt", "It rained."))

    with StateStore(":memory:") as store:
        store.begin_run()
        # a: written early; b: written early, then paired as a rewrite; c: not written early.
        store.put([(i, "k", Scored(result(i), page=f'"{i} early"')) for i in "ab"])
        store.put([("c", "k", Scored(result("c")))])
        store.add_to_run([(0, "a"), (1, "b"), (2, "c")])
        store.finish_run()
        store.set_pairs([(1, 0, "similarity", 0.9)])
        comparison = pack(Comparison("a", 0.9, "similarity", 0, 0, ()))
        [(rank, _)] = store.pending_pair_ranks()
        [(*_, basis)] = store.run_pairs([rank])
        store.put_comparisons([("b", basis, Compared(comparison, b""))])
        assert list(store.run_page_pairs()) == [(1, 0), (2, None)]
        jobs = [store.run_page_job(rank) for rank, _ in store.run_page_pairs()]
        assert [(job[0], job[1] is not None, job[2], job[4], job[5]) for job in jobs] == [
            (result("b"), True, result("a"), 1, 1),  # its early page gets the comparison
            (result("c"), False, None, 0, 2),
        ]
        store.note_pages([("c", '"c made"')])  # b's page failed in the page step
        assert list(store.run_page_rows()) == ['"a early"', '"c made"']
        store.note_pages([("b", '"b made"')])
        assert list(store.run_page_rows()) == ['"a early"', '"b made"', '"c made"']


def stop_before_storing(monkeypatch) -> None:
    """Stand-in for Ctrl-C (or kill -9) after the workers wrote early pages and before any result
    of the run was stored."""

    def interrupted(self, rows):
        if list(rows):
            raise KeyboardInterrupt

    monkeypatch.setattr(StateStore, "put", interrupted)


BRIDGE = "The mayor said on Monday that the bridge will reopen in May, officials confirmed."
RAIN = "Rain fell in Lima on Tuesday, the weather service said."


def test_a_stopped_run_s_early_page_is_replaced_when_the_inputs_go_back(tmp_path, monkeypatch):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "b.txt").write_text(RAIN, encoding="utf-8")
    score_paths([str(folder)], out)
    first = pages(out)
    (folder / "a.txt").write_text("Critics say the disastrous bridge scheme is dead.")
    with monkeypatch.context() as m:
        stop_before_storing(m)
        with pytest.raises(KeyboardInterrupt):
            score_paths([str(folder)], out)
    assert b"disastrous" in (out / "articles" / "a.html").read_bytes()  # written early
    (folder / "a.txt").write_text(BRIDGE, encoding="utf-8")
    assert score_paths([str(folder)], out).counts.scored == 0
    assert pages(out) == first


def test_a_stopped_run_s_early_page_of_a_removed_input_is_removed(tmp_path, monkeypatch):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "b.txt").write_text(RAIN, encoding="utf-8")
    score_paths([str(folder)], out, jobs=2)
    first = pages(out)
    (folder / "c.txt").write_text("Stocks rose in Tokyo on Friday, traders said.")
    with monkeypatch.context() as m:
        stop_before_storing(m)
        with pytest.raises(KeyboardInterrupt):
            score_paths([str(folder)], out, jobs=2)
    assert (out / "articles" / "c.html").exists()  # written early
    (folder / "c.txt").unlink()
    assert score_paths([str(folder)], out, jobs=2).counts.scored == 0
    assert pages(out) == first


def test_a_rewrite_paired_after_scoring_is_rendered_once(inputs, tmp_path, monkeypatch):
    """Its article page is the one written while it was scored, with the comparison put in."""
    rendered: list[str] = []
    real = html.render_article

    def noting(result, **options):
        rendered.append(result.id)
        return real(result, **options)

    monkeypatch.setattr(html, "render_article", noting)
    out = tmp_path / "out"
    assert score_paths([str(inputs)], out).failures == []
    halves = sorted(i for i in rendered if i.startswith("half-"))
    assert len(halves) == 5 and len(set(halves)) == 5  # each once, while it was scored
    assert "Compare with its source" in (out / "articles" / f"{halves[0]}.html").read_text()


def test_a_rewrite_whose_early_page_is_gone_is_rendered_whole(tmp_path):
    from analyzer.results import ArticleResult, Comparison
    from analyzer.state import pack

    source = ArticleResult("a", "a.txt", "It rained on Monday.", title="Rain")
    rewrite = ArticleResult("b", "b.txt", "It rained.", title="Rain again")
    comparison = Comparison("a", 0.8, "similarity", 0, 0, notes=("Shorter.",))
    job = (pack(rewrite), pack(comparison), pack(source), None, 1, 0)  # no b.html in tmp_path
    [((article, compare, _), error)] = html.render_stored_chunk([job], pages=str(tmp_path))
    whole = dataclasses.replace(rewrite, comparison=comparison)
    assert error is None
    assert article == html.render_article(whole, source=source).encode()
    assert compare == html.render_compare(whole, source).encode()


# Article fields printed in the page's head, with the strings add_comparison looks for.
_TRICKY = st.sampled_from(
    ["</nav>", "</header>\n\n", '<nav class="crumbs" aria-label="Breadcrumbs">', "<b>&</b>", "é"]
)
_FIELD = st.none() | st.lists(_TRICKY | st.text(max_size=5), max_size=3).map("".join)


@settings(max_examples=60, deadline=None)
@given(
    title=_FIELD,
    author=_FIELD,
    outlet=_FIELD,
    source_title=_FIELD,
    notes=st.lists(_FIELD.map(str), max_size=2),
    paired_by=st.sampled_from(["metadata", "similarity"]),
    in_batch=st.booleans(),
)
def test_add_comparison_gives_the_page_render_article_gives(
    title, author, outlet, source_title, notes, paired_by, in_batch
):
    from analyzer.results import ArticleResult, Comparison, Finding

    text = "It may rain </nav> on Monday.\n\n</header>\n\nSaid Ann."
    findings = (Finding("hedge", 3, 6, "may", "Softens </header>\n\n the claim."),)
    rewrite = ArticleResult(
        "b-1", "b.txt", text, title=title, author=author, outlet=outlet, findings=findings
    )
    source = ArticleResult("a_0", "a.txt", "It rained.", title=source_title)
    comparison = Comparison("a_0", 0.5, paired_by, 1, 2, notes=tuple(notes))
    whole = dataclasses.replace(rewrite, comparison=comparison)
    early = html.render_article(rewrite).encode()
    found = source if in_batch else None
    expected = html.render_article(whole, source=found).encode()
    assert html.add_comparison(early, whole, source=found) == expected


@pytest.fixture(scope="module")
def chains(tmp_path_factory) -> Path:
    """Three texts, three copies each, in turn (a, b, c, a, b, c, ...): each copy is paired with
    an earlier one, so each text's copies chain as rewrites, three inputs apart."""
    folder = tmp_path_factory.mktemp("chains") / "in"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    for copy in range(3):
        for n, seed in enumerate(seeds):
            (folder / f"{copy}{n}.txt").write_text(seed.read_text(encoding="utf-8"), "utf-8")
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_chained_rewrites_far_apart_get_the_pages_write_site_writes(chains, tmp_path, jobs):
    results = batch_pages_match_write_site(chains, tmp_path, jobs)
    sources = {r.id: r.comparison.source_id for r in results if r.comparison is not None}
    assert len(sources) == 6 and set(sources) & set(sources.values())  # chains, not stars


def _chain_store(
    store: StateStore, order: str = "apbqc", pairs: tuple[str, ...] = ("ba", "qp", "cb")
) -> None:
    """A run of ``order``'s articles with ``pairs`` (rewrite, source): by default a, p, b
    (rewrite of a), q (of p), c (of b). Every page was written while scored."""
    from analyzer.results import ArticleResult, Comparison
    from analyzer.state import Compared, Scored, pack

    store.begin_run()
    store.put(
        [
            (i, "k", Scored(pack(ArticleResult(i, f"{i}.txt", f"It rained {i}.")), page='""'))
            for i in order
        ]
    )
    store.add_to_run(list(enumerate(order)))
    store.finish_run()
    store.set_pairs([(order.index(r), order.index(s), "similarity", 0.9) for r, s in pairs])
    for rank, _ in store.pending_pair_ranks():
        [(rewrite, _, source_id, _, _, _, basis)] = store.run_pairs([rank])
        comparison = pack(Comparison(source_id, 0.9, "similarity", 0, 0, ()))
        store.put_comparisons([(rewrite, basis, Compared(comparison, b""))])


def _page_chunks_of(store: StateStore) -> list[list[tuple]]:
    from analyzer.batch import _page_chunks

    return list(_page_chunks(store))


def test_the_page_step_gets_a_chain_in_one_chunk():
    with StateStore(":memory:") as store:
        _chain_store(store)
        assert list(store.run_page_pairs()) == [(2, 0), (3, 1), (4, 2)]
        # b and c (ranks 2 and 4) share b: together, before q.
        assert [[job[5] for job in chunk] for chunk in _page_chunks_of(store)] == [[2, 4, 3]]


def test_an_article_whose_page_was_written_while_scored_has_no_page_job():
    with StateStore(":memory:") as store:
        _chain_store(store)  # a (rank 0) is no rewrite
        assert store.run_page_job(2)[5] == 2
        with pytest.raises(KeyError):
            store.run_page_job(0)


def test_a_chain_of_twelve_copies_is_one_chunk_of_the_page_step():
    chain = "abcdefghijkl"
    with StateStore(":memory:") as store:
        _chain_store(store, chain, tuple(zip(chain[1:], chain, strict=False)))
        assert [[job[5] for job in chunk] for chunk in _page_chunks_of(store)] == [[*range(1, 12)]]


def test_a_chunk_decodes_each_stored_result_once(monkeypatch):
    import analyzer.stored_result as stored_result

    with StateStore(":memory:") as store:
        _chain_store(store)
        [chunk] = _page_chunks_of(store)
    decoded: list[str] = []
    real = stored_result.decode

    def noting(stored):
        result = real(stored)
        decoded.append(result.id)
        return result

    monkeypatch.setattr(stored_result, "decode", noting)
    outcomes = html.render_stored_chunk(chunk)
    assert sorted(decoded) == ["a", "b", "c", "p", "q"]  # b is c's source too: decoded once
    apart = [html.render_stored_chunk([job]) for job in chunk]  # one job a chunk
    assert outcomes == [outcome for [outcome] in apart]
    assert sorted(decoded[5:]) == ["a", "b", "b", "c", "p", "q"]


def test_a_chunk_keeps_a_decoded_result_only_until_its_last_use():
    from analyzer.results import ArticleResult
    from analyzer.state import pack

    a, b = (pack(ArticleResult(i, f"{i}.txt", f"It rained {i}.")) for i in "ab")
    decoded = html._decoder([(b, None, a, None, 1, 1), (a, None, None, None, 1, 0)])
    first = decoded(a, None)  # b's source
    assert decoded(a, None) is first  # a's own job: the same result, not decoded again
    assert decoded(a, None) is not first  # no use left: it was not kept
    assert decoded(b, None) is not decoded(b, None)  # read by one job only: never kept


def test_pages_that_fail_in_chunks_out_of_order_are_reported_in_input_order(tmp_path, monkeypatch):
    with StateStore(":memory:") as store:
        _chain_store(store)
        chunks = _page_chunks_of(store)  # ranks 2, 4, 3

    def broken(result, **options):
        raise RuntimeError("template bug")

    monkeypatch.setattr(html, "render_article", broken)
    # The jobs say their early pages were written, but none is in tmp_path: rendered whole.
    failed = html.write_stored_site(tmp_path, chunks)
    assert [str(f) for f in failed] == [
        f"{name}.txt: page could not be rendered (RuntimeError: template bug)" for name in "bqc"
    ]


def test_pages_a_worker_writes_are_the_pages_it_would_send_back(tmp_path):
    # On the local engine the page step's workers write the pages (render_stored_chunk with
    # write): the same bytes as those the batch writes when they are sent back.
    from analyzer.results import ArticleResult, Comparison
    from analyzer.state import pack

    source = ArticleResult("a", "a.txt", "It rained on Monday.", title="Rain")
    rewrite = ArticleResult("b", "b.txt", "It rained.", title="Rain again")
    unsafe = ArticleResult("c d", "c.txt", "It snowed.")
    comparison = Comparison("a", 0.8, "similarity", 0, 0, notes=("Shorter.",))
    jobs = [
        (pack(rewrite), pack(comparison), pack(source), None, 0, 1),
        (pack(source), None, None, None, 0, 0),
        (pack(unsafe), None, None, None, 0, 2),
        (b"damaged", None, None, None, 0, 3),
    ]
    sent = html.render_stored_chunk(jobs, pages=str(tmp_path / "sent"))
    written = html.render_stored_chunk(jobs, pages=str(tmp_path / "out"), write=True)
    [((b_page, b_compare, b_row), _), ((a_page, _, a_row), _), ((c_page, _, c_row), _), lost] = sent
    assert written[0] == ((html.WRITTEN, html.WRITTEN, b_row), None)
    assert written[1] == ((html.WRITTEN, None, a_row), None)
    assert written[2] == ((c_page, None, c_row), None)  # not a file name: sent back
    assert written[3] == lost and lost[0] is None and "Error" in lost[1]
    assert (tmp_path / "out" / "articles" / "b.html").read_bytes() == b_page
    assert (tmp_path / "out" / "compare" / "b.html").read_bytes() == b_compare
    assert (tmp_path / "out" / "articles" / "a.html").read_bytes() == a_page
    found = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.html"))
    assert found == ["articles/a.html", "articles/b.html", "compare/b.html"]
