"""AI-style findings and the document-level parts of the ai_style score."""

from __future__ import annotations

from _docs import doc_of

from analyzer.signals import ai_style, quotes


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in ai_style.find(doc_of(text))]


def test_stock_filler_is_an_ai_phrase():
    assert found("His work is a testament to his resolve.") == [("ai_phrase", "a testament to")]


def test_filler_inside_a_quotation_is_the_speakers():
    assert found("“It is a testament to our work,” she said.") == []


def test_an_unsigned_editors_note_that_comments_is_flagged():
    text = "A story.\nEditor’s Note\nThis saga invites reflection on power."
    assert ("unsigned_note", "Editor’s Note") in found(text)


def test_a_signed_note_and_a_correction_note_are_not_flagged():
    signed = "A story.\nEditor’s Note\nWe chose to publish this.\n— Ana Ruiz, Editor"
    correction = "A story.\nEditor’s note: An earlier version of this article misspelled a name."
    assert found(signed) == [] and found(correction) == []


def test_a_closing_question_in_the_writers_voice_is_rhetorical():
    (finding,) = ai_style.find(doc_of("Crime fell.\nIt rose later.\nCan the city win?"))
    assert (finding.kind, finding.detail) == ("rhetorical_question", {"closing": True})


def test_an_opinion_pieces_closing_question_is_argument_not_a_machine_habit():
    text = "Taxes rose.\nThe council must go.\nIsn't it time we had leaders who listen?"
    (finding,) = ai_style.find(doc_of(text), opinion=True)
    assert finding.message == (
        "A question the writer asks the reader: in an opinion piece it is a device of argument, "
        "so it is not counted as a sign of machine writing; the answer it invites is the "
        "writer's view, not reported fact."
    )


def test_quoted_and_interview_questions_are_not_rhetorical():
    quoted = "“Why now?” she asked."
    interview = "Edited excerpts.\nWhy?\nBecause.\nHow?\nSlowly.\nWhen?\nSoon."
    assert found(quoted) == [] and found(interview) == []


def test_a_heading_with_no_reporting_under_it_is_empty():
    doc = doc_of("Title\nThe Big Picture\nThings are changing.\nVoices\nShe said so.")
    profile = ai_style.profile(doc, quotes.find(doc))
    assert [doc.span_text(h) for h in profile.empty_headings] == ["The Big Picture"]


def test_speech_without_quotes_needs_reporting_and_no_quotation():
    doc = doc_of("He said A. He noted B. He argued C.")
    assert ai_style.profile(doc, quotes.find(doc)).speech_without_quotes
