"""Texts not in English: named in the record, said in the batch's output, the pages and --json;
their scores are computed but marked as not meaningful."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

from analyzer import analyze
from analyzer.language import ENGLISH_SHARE, MIN_WORDS, detect, english_share
from analyzer.stored_result import decode, encode
from analyzer.writers.html import render_article, render_index

FRENCH = (
    "Le maire de Montréal a déclaré mardi que le budget de la ville augmentera de cinq pour cent "
    "l'an prochain. « Nous devons investir dans les écoles », a dit José Pérez, porte-parole de "
    "la ville, lors d'une conférence de presse à l'hôtel de ville."
)
GERMAN = (
    "Der Bürgermeister sagte am Dienstag, dass die Stadt im nächsten Jahr fünf Prozent mehr für "
    "Schulen ausgeben werde. Die Opposition kritisierte den Plan als zu teuer und forderte eine "
    "Abstimmung im Stadtrat."
)
ENGLISH = "The council voted on Tuesday to raise fees, the mayor said, and the vote was close."


def test_english_news_is_english_by_its_function_words_alone():
    share, words = english_share(ENGLISH)
    assert share >= ENGLISH_SHARE and words == 16
    assert detect(ENGLISH) == "en"


def test_french_and_german_are_named():
    assert (detect(FRENCH), detect(GERMAN)) == ("fr", "de")


def test_a_text_too_short_to_tell_gets_no_language():
    headline = "Beto O'Rourke defends Ilhan Omar, assails Trump"
    assert len(headline.split()) < MIN_WORDS
    assert detect(headline) is None


def test_the_record_names_the_language_and_marks_the_scores():
    french, english = analyze(FRENCH).to_record(), analyze(ENGLISH).to_record()
    assert (french["language"], french["scores_meaningful"]) == ("fr", False)
    assert (english["language"], english["scores_meaningful"]) == ("en", True)
    assert french["scores"]["sourcing"] is not None  # computed all the same


def test_a_text_too_short_to_tell_keeps_meaningful_scores():
    record = analyze("Hello.").to_record()
    assert (record["language"], record["scores_meaningful"]) == (None, True)


def test_the_state_store_gives_the_language_back():
    result = analyze(FRENCH)
    assert decode(encode(result)) == result
    assert decode(encode(result)).language == "fr"


def test_the_article_page_says_the_scores_mean_nothing():
    page = render_article(analyze(FRENCH))
    assert '<aside class="warn" role="note" aria-label="Language">The text reads as French' in page
    assert "Not meaningful here: the text is not English." in page
    assert "not English" not in render_article(analyze(ENGLISH))


def test_the_index_row_says_so_and_greys_the_scores():
    page = render_index([analyze(FRENCH, id="fr"), analyze(ENGLISH, id="en")])
    assert page.count("French text, not English: scores not meaningful") == 1
    assert page.count('title="Not meaningful: the text is not English"') == 6  # six scores
    assert "<dt>Greyed scores</dt>" in page


def test_the_index_explains_greyed_scores_only_when_there_are_some():
    assert "Greyed scores" not in render_index([analyze(ENGLISH)])


def _score(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analyzer", "score", *args],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_batch_warns_about_each_file_not_in_english_and_still_succeeds(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "in" / "en.txt").write_text(ENGLISH, encoding="utf-8")
    proc = _score(tmp_path, "in", "--out", "out")
    assert proc.returncode == 0
    assert proc.stderr == (
        "warning: in/fr.txt: The text reads as French, not English: the analyzer's word lists "
        "and models are English only, so its scores and findings are computed but do not mean "
        "anything here.\n"
    )
    again = _score(tmp_path, "in", "--out", "out")  # nothing scored again: still said
    assert again.stderr == proc.stderr


def test_json_output_warns_and_marks_the_record(tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    proc = _score(tmp_path, "fr.txt", "--json")
    record = json.loads(proc.stdout)
    assert (record["language"], record["scores_meaningful"]) == ("fr", False)
    assert proc.stderr.startswith("warning: fr.txt: The text reads as French, not English")
