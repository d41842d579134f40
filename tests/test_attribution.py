"""Quotes with speakers, attributions, sources and unnamed-source findings."""

from __future__ import annotations

import pytest
from conftest import seed_path

from analyzer.document import Article, Metadata, build_document
from analyzer.pipeline import analyze_article
from analyzer.readers import read_inputs
from analyzer.signals import anonymity, attribution, people, quotes


def doc_of(text: str, outlet: str | None = None):
    return build_document(Article("t", "t.txt", text, Metadata(outlet=outlet)))


def speakers(text: str) -> list[tuple[str, str | None]]:
    doc = doc_of(text)
    found = quotes.find(doc)
    attrs = attribution.find(doc, quotes=found)
    return [(q.text, q.speaker) for q in quotes.assign_speakers(found, attrs)]


def seed_result(prefix: str):
    (article,) = read_inputs([str(seed_path(prefix))])
    return analyze_article(article)


def test_speaker_after_the_quote_with_honorific_resolves_to_full_name():
    text = "Ana María Ruiz is the mayor. “We will rebuild the bridge,” said Ms. Ruiz."
    assert speakers(text) == [("“We will rebuild the bridge,”", "Ana María Ruiz")]


def test_typewriter_quotation_marks_take_their_speaker_like_curly_ones():
    text = (
        "Ana María Ruiz is the mayor. ''We will rebuild the bridge,'' said Ms. Ruiz. "
        "''It will take a year.''"
    )
    assert speakers(text) == [
        ("“We will rebuild the bridge,”", "Ana María Ruiz"),
        ("“It will take a year.”", "Ana María Ruiz"),
    ]


def test_speaker_before_the_quote_after_an_appositive():
    text = "Luis Soto, a retired judge, said: “The court has lost its way.”"
    assert speakers(text) == [("“The court has lost its way.”", "Luis Soto")]


def test_split_quote_gives_both_halves_the_same_speaker():
    text = "Luis Soto spoke. “The court,” he said, “has lost its way.”"
    assert speakers(text) == [("“The court,”", "Luis Soto"), ("“has lost its way.”", "Luis Soto")]


def test_pronoun_follows_the_person_quoted_before():
    text = (
        "“We will rebuild the bridge,” said Ana Ruiz, the mayor.\n"
        "“It will take two years,” she said."
    )
    assert [s for _, s in speakers(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_quote_opening_a_paragraph_continues_the_previous_speaker():
    text = "“We will rebuild,” said Ana Ruiz.\n“The work starts in May and ends next year.”"
    assert [s for _, s in speakers(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_scare_quotes_and_nicknames_are_not_quotes():
    text = "They called it “golden parachutes” and Joaquin “El Chapo” Guzman laughed."
    assert speakers(text) == []


def test_indirect_attribution_has_source_cue_and_content():
    doc = doc_of("Security analysts say that the cartels are too powerful to eradicate.")
    (a,) = attribution.find(doc)
    assert (a.kind, a.source, a.source_kind, a.cue) == (
        "indirect",
        "Security analysts",
        "anonymous",
        "say",
    )
    assert doc.text[a.content_start : a.content_end] == "the cartels are too powerful to eradicate."


def test_according_to_a_document():
    doc = doc_of("Homicides fell 40 percent, according to government data.")
    (a,) = attribution.find(doc)
    assert (a.kind, a.source, a.source_kind) == ("according_to", "government data", "document")
    assert doc.text[a.content_start : a.content_end] == "Homicides fell 40 percent"


def test_an_action_verb_is_not_an_attribution_but_a_speech_verb_is():
    doc = doc_of(
        "The city council voted 5-2 on Tuesday to raise water fees by 22 percent. "
        "The mayor said the money would replace old pipes."
    )
    assert [(a.source, a.cue) for a in attribution.find(doc)] == [("the mayor", "said")]


def test_a_figure_of_speech_is_not_a_source_but_a_record_is():
    doc = doc_of(
        "Yet Mexico’s history says the smart money is on the cartels. "
        "The record shows that prices rose 10 percent."
    )
    assert [(a.source, a.cue) for a in attribution.find(doc)] == [("the record", "shows")]


def test_a_claim_next_to_an_action_verb_stays_unsupported():
    from analyzer import analyze

    result = analyze(
        "The city council voted 5-2 on Tuesday to raise water fees by 22 percent, "
        "the largest increase in a decade."
    )
    assert [f.kind for f in result.findings if f.kind == "unsupported_claim"] == [
        "unsupported_claim"
    ]


def test_qa_answers_go_to_the_interviewee_and_questions_to_the_outlet():
    text = (
        "The Daily Planet spoke with Lena Park, the city's new police chief.\n"
        "Here are edited excerpts from our conversation.\n"
        "What is your first priority?\n"
        "Response times. People wait too long for help.\n"
        "How will you pay for it?\n"
        "We will move officers from desks to patrols.\n"
        "Sam Lee contributed reporting."
    )
    attrs = attribution.find(doc_of(text, outlet="Daily Planet"))
    assert [(a.kind, a.source) for a in attrs] == [
        ("interview", "Daily Planet"),
        ("interview", "Lena Park"),
        ("interview", "Daily Planet"),
        ("interview", "Lena Park"),
    ]


def test_anonymous_and_vague_sources_are_flagged():
    doc = doc_of(
        "Critics say the plan failed. A senior official, who spoke on condition of "
        "anonymity, said the plan was dropped."
    )
    kinds = [(f.kind, f.text) for f in anonymity.find(doc, attribution.find(doc))]
    assert kinds == [
        ("vague_attribution", "Critics"),
        ("anonymous_source", "A senior official"),
    ]


def test_offsets_of_attributions_quotes_and_findings_slice_the_text():
    for prefix in ("000", "001", "004"):
        r = seed_result(prefix)
        for q in r.quotes:
            assert r.text[q.start : q.end] == q.text
        for f in r.findings:
            assert r.text[f.start : f.end] == f.text
        for a in r.attributions:
            assert 0 <= a.start <= a.content_start <= a.content_end <= a.end <= len(r.text)
            if a.cue_start is not None:
                assert r.text[a.cue_start : a.cue_end] == a.cue


def test_seed_000_names_its_quoted_people():
    r = seed_result("000")
    quoted = {s.name: (s.kind, s.quotes) for s in r.sources if s.quotes}
    assert quoted["Omar García Harfuch"] == ("person", 14)
    assert quoted["Eduardo Guerrero"][0] == "person"
    assert quoted["Pedro Casas Alatriste"] == ("person", 1)
    assert quoted["Evangelina Contreras"] == ("person", 2)
    assert "Claudia Sheinbaum" in {s.name for s in r.sources}
    assert all(q.speaker for q in r.quotes)


def test_seed_001_answers_are_harfuchs():
    r = seed_result("001")
    answers = [a for a in r.attributions if a.kind == "interview" and a.source != r.outlet]
    assert len(answers) >= 15
    assert {a.source for a in answers} == {"Omar García Harfuch"}


def test_a_stage_directions_pronoun_in_a_qa_is_the_interviewee_not_a_person_a_question_cited():
    text = (
        "The Daily Planet spoke with Mr. Tom Reyes, the city's police chief.\n"
        "Here are edited excerpts from our conversation.\n"
        "What is your first priority?\n"
        "Response times. People wait too long for help.\n"
        "Mayor Dan Cole has said he would cut your budget. Are you concerned?\n"
        "No. We have a plan.\n"
        "(A phone rings — he says it’s Ms. Ana Ruiz — and he leaves the room.)\n"
        "What happened?\n"
        "She called to say, “Hey, we need to reduce extortion.”\n"
        "Sam Lee contributed reporting."
    )
    assert speakers(text) == [("“Hey, we need to reduce extortion.”", "Ana Ruiz")]
    attrs = attribution.find(doc_of(text, outlet="Daily Planet"))
    assert [a.source for a in attrs if a.cue == "says"] == ["Tom Reyes"]


def test_an_answers_i_is_the_interviewee_and_a_questions_i_is_not():
    text = (
        "The Daily Planet spoke with Lena Park, the city's new police chief.\n"
        "Here are edited excerpts from our conversation.\n"
        "I said on Monday that response times matter. Is that your first priority?\n"
        "Yes. I told the council last year that people wait too long for help.\n"
        "How will you pay for it?\n"
        "We will move officers from desks to patrols.\n"
        "Sam Lee contributed reporting."
    )
    attrs = attribution.find(doc_of(text, outlet="Daily Planet"))
    assert [(a.cue, a.source) for a in attrs if a.cue] == [("said", None), ("told", "Lena Park")]


def test_an_answers_i_with_an_auxiliary_before_its_cue_is_still_the_interviewee():
    text = (
        "The Daily Planet spoke with Lena Park, the city's new police chief.\n"
        "Here are edited excerpts from our conversation.\n"
        "Should soldiers patrol the city?\n"
        "No. I don’t see why they would be needed.\n"
        "Sam Lee contributed reporting."
    )
    attrs = attribution.find(doc_of(text, outlet="Daily Planet"))
    assert [(a.cue, a.source) for a in attrs if a.cue] == [("see", "Lena Park")]


def test_seed_001_trump_is_talked_about_not_a_source():
    r = seed_result("001")
    assert {s.name for s in r.sources if s.kind == "person"} == {
        "Omar García Harfuch",
        "Claudia Sheinbaum",
    }
    assert [(q.text, q.speaker) for q in r.quotes if "extortion" in q.text] == [
        ("“Hey, we need to reduce extortion.”", "Claudia Sheinbaum")
    ]


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_ai_rewrites_have_no_quotes_of_speech(prefix):
    assert seed_result(prefix).quotes == ()


def test_seed_004_scare_quotes_are_not_quotes_and_think_tanks_are_sources():
    r = seed_result("004")
    assert r.quotes == ()
    kinds = {s.name: s.kind for s in r.sources}
    assert kinds["Brookings Institution"] == "organization"
    assert kinds["World Justice Project"] == "organization"


def test_quote_signed_after_a_dash_goes_to_the_name():
    text = "Readers wrote in.\n“He cannot answer a question.” ― Ana Ruiz, 34, teacher"
    assert speakers(text) == [("“He cannot answer a question.”", "Ana Ruiz")]


def test_transcript_labels_attribute_each_line():
    text = "The debate went on.\nKAINE: We will raise wages.\nPENCE: Well, look, taxes will fall."
    attrs = attribution.find(doc_of(text))
    assert [(a.kind, a.source, a.cue) for a in attrs] == [
        ("direct", "Kaine", ":"),
        ("direct", "Pence", ":"),
    ]


def test_pronoun_prefers_a_subject_introduced_after_the_last_speaker():
    r = seed_result("000")
    (q,) = [q for q in r.quotes if q.text.startswith("“He’s uniquely suited")]
    assert q.speaker == "John Creamer"


def test_short_name_seen_before_the_full_name_merges_into_it():
    r = seed_result("003")
    assert [(s.name, s.kind) for s in r.sources] == [("Omar García Harfuch", "person")]


def test_headings_hold_no_attribution_and_names_stop_at_line_breaks():
    text = "A Renewed Offensive Against Cartels\nEditor’s Note\nAna Ruiz said the plan worked."
    attrs = attribution.find(doc_of(text))
    assert [(a.source, a.cue) for a in attrs] == [("Ana Ruiz", "said")]


def sourced(text: str) -> list[tuple[str | None, str | None, str]]:
    """(source, source kind, content) of each attribution of ``text``."""
    doc = doc_of(text)
    attrs = attribution.find(doc, quotes=quotes.find(doc))
    return [(a.source, a.source_kind, text[a.content_start : a.content_end]) for a in attrs]


def described(text: str) -> list[tuple[str, str | None]]:
    """(name, description) of each source of ``text`` as the pipeline reports them."""
    result = analyze_article(Article("t", "t.txt", text))
    return [(s.name, s.description) for s in result.sources]


@pytest.mark.parametrize(
    ("text", "source", "description", "content"),
    [
        (
            "The store’s owner, Maria Gomez, said the men took about $80,000 in watches.",
            "Maria Gomez",
            "The store’s owner",
            "the men took about $80,000 in watches.",
        ),
        (
            "Her lawyer, John Smith, told reporters that she was innocent.",
            "John Smith",
            "Her lawyer",
            "reporters that she was innocent.",
        ),
        (
            "A spokeswoman for the utility, Ana Ruiz, said crews were working through the night.",
            "Ana Ruiz",
            "A spokeswoman for the utility",
            "crews were working through the night.",
        ),
        (
            "Meanwhile, the city’s mayor, Ana Ruiz, said the plan had failed.",
            "Ana Ruiz",
            "the city’s mayor",
            "the plan had failed.",
        ),
        (
            "The company's chief executive, Tim Cook, added that sales were strong.",
            "Tim Cook",
            "The company's chief executive",
            "sales were strong.",
        ),
    ],
)
def test_a_description_set_off_before_the_name_describes_the_speaker(
    text, source, description, content
):
    assert sourced(text) == [(source, "person", content)]
    assert described(text) == [(source, description)]


def test_a_name_set_off_by_commas_before_the_cue_is_its_subject_not_the_words_after_it():
    text = "Police spokesman, Sgt. Alan Cho, said the men fled on foot."
    assert sourced(text) == [("Alan Cho", "person", "the men fled on foot.")]


def test_a_time_set_off_before_a_name_is_not_its_description():
    text = "The next day, Maria Gomez, the owner, said the men took watches."
    assert sourced(text) == [("Maria Gomez", "person", "the men took watches.")]
    assert described(text) == [("Maria Gomez", "the owner")]


def test_the_quote_after_a_described_speaker_stays_with_her():
    text = (
        "“Both suspects were taken into custody,” said Sgt. Alan Cho, a police spokesman.\n\n"
        "The store’s owner, Maria Gomez, said the men took about $80,000 in watches. "
        "“I have never been so scared in my life,” she said."
    )
    assert [s for _, s in speakers(text)] == ["Alan Cho", "Maria Gomez"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Rovers manager Tom Beck said his team had switched off for one moment.", "Tom Beck"),
        (
            "White House spokesman Josh Earnest said the president would veto the bill.",
            "Josh Earnest",
        ),
        ("Apple chief executive Tim Cook said sales were strong in China.", "Tim Cook"),
        ("Boeing spokesman Dan Smith told reporters the jet was safe to fly.", "Dan Smith"),
    ],
)
def test_an_organisation_and_title_before_a_name_credit_the_person(text, source):
    assert [(s, k) for s, k, _ in sourced(text)] == [(source, "person")]


def test_a_club_named_earlier_does_not_take_its_managers_words():
    text = (
        "Harbor City beat Northfield Rovers 2-1 on Saturday.\n\n"
        "Rovers manager Tom Beck said his team had switched off for one moment."
    )
    assert [(s, k) for s, k, _ in sourced(text)] == [("Tom Beck", "person")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "A worker at the depot, who asked not to be named because he was not authorized to "
            "speak to the press, said the trains were late.",
            "a worker at the depot",
        ),
        (
            "Two officials, who spoke on condition of anonymity, said the talks stalled.",
            "two officials",
        ),
        ("A neighbor, whose house was damaged, told reporters the fire spread fast.", "a neighbor"),
    ],
)
def test_a_relative_clause_set_off_before_the_cue_leaves_the_subject_the_source(text, source):
    assert [(s, k) for s, k, _ in sourced(text)] == [(source, "anonymous")]


def test_one_anonymous_source_is_one_finding_that_sees_the_reason_given():
    doc = doc_of(
        "A worker at the depot, who asked not to be named because he was not authorized to "
        "speak to the press, said the trains were late."
    )
    found = anonymity.find(doc, attribution.find(doc))
    assert [(f.kind, f.text, f.message) for f in found] == [
        ("anonymous_source", "who asked not to be named", anonymity.REASONED_MESSAGE)
    ]


def test_an_anonymous_source_without_a_reason_is_asked_for_one():
    doc = doc_of("Two officials, who spoke on condition of anonymity, said the talks stalled.")
    found = anonymity.find(doc, attribution.find(doc))
    assert [(f.text, f.message) for f in found] == [("Two officials", anonymity.ANONYMOUS_MESSAGE)]


@pytest.mark.parametrize(
    "text",
    [
        "Once again, our city council has shown its utter contempt for the people.",
        "The mayor has shown no interest in the plan.",
        "The governor showed little patience with reporters on Monday.",
    ],
)
def test_showing_a_trait_of_ones_own_reports_nothing(text):
    assert sourced(text) == []


def test_data_showing_little_change_is_still_a_source():
    text = "Polls show little change in the race since the debate."
    assert sourced(text) == [("polls", "document", "little change in the race since the debate.")]


@pytest.mark.parametrize(
    "text",
    ["Everyone knows this money will be wasted.", "Everyone agrees the bridge must be rebuilt."],
)
def test_everyone_is_a_vague_attribution_not_a_person(text):
    doc = doc_of(text)
    attrs = attribution.find(doc)
    assert [(a.source, a.source_kind) for a in attrs] == [("everyone", "anonymous")]
    assert [(f.kind, f.text) for f in anonymity.find(doc, attrs)] == [
        ("vague_attribution", "Everyone")
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Woodrow Benford, 58, who lives outside Minneapolis, says he did not know.",
            "Woodrow Benford",
        ),
        (
            "Six Gannett newspapers in New Jersey, including the Asbury Park Press, said he erred.",
            "Six Gannett",
        ),
        ("White America embracing Obama announced a different era.", "White America"),
    ],
)
def test_names_that_are_not_a_title_and_a_speaker_keep_the_subject(text, source):
    assert [s for s, _, _ in sourced(text)] == [source]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A place after an appositive is not a described name.
        (
            "Dean Johnson, a salesman from Sumter, South Carolina, says Cruz will win.",
            "South Carolina",
        ),
        # A clause with a verb and its object is not a description.
        (
            "Last month, an assassin murdered one of the mayors, Carlos Manzo, who had spoken out.",
            "Carlos Manzo",
        ),
    ],
)
def test_words_before_a_name_that_do_not_describe_it_are_no_description(text, name):
    start = text.index(name)
    assert people.description_before(text, start, start + len(name)) is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony, said the "
            "event brought back memories.",
            "Donna Sampson Rawlings",
        ),
        (
            "On “Face the Nation,” Sen. Bernie Sanders (Vt.), who lost the primaries, said young "
            "voters were tired.",
            "Bernie Sanders",
        ),
        (
            "His former business partner at Lenox, Lawrence B. Cummings, said he was a master "
            "at deals.",
            "Lawrence B. Cummings",
        ),
    ],
)
def test_a_relative_clause_after_appositives_leaves_the_first_name_the_source(text, source):
    assert [s for s, _, _ in sourced(text)] == [source]


def test_a_reason_before_the_unnamed_source_is_not_its_reason():
    doc = doc_of("Because Murphy ran an earlier effort, people suspected that he was behind it.")
    found = anonymity.find(doc, attribution.find(doc))
    assert [(f.text, f.message) for f in found] == [("people", anonymity.ANONYMOUS_MESSAGE)]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Tom Reyes runs a hardware store on Main Street.\n\nIn an interview with a local "
            "radio station on Monday he said the new sales tax would hurt every shop in town.",
            "Tom Reyes",
        ),
        (
            "At the state party convention in Springfield on Saturday Sen. Ana Ruiz (D-Mo.) said "
            "the plan had failed because nobody in the capital wanted it.",
            "Ana Ruiz",
        ),
    ],
)
def test_words_too_many_for_a_subject_leave_the_pronoun_or_name_closing_them_the_source(
    text, source
):
    assert [s for s, _, _ in sourced(text)] == [source]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A party tag between the name and the comma.
        (
            "After winning the primary on Tuesday, Gov. John Hale (R-Ohio), said he would stay.",
            "John Hale",
        ),
        (
            "Rep. Ana Ruiz (D-Md.), chair of the budget committee, said the vote would be in June.",
            "Ana Ruiz",
        ),
        # A "which" clause about the appositive's organisation, and a figure with a comma.
        (
            "Tom Reyes, president of the Harbor Teachers Union, which represents 5,000 teachers, "
            "said the strike would go on.",
            "Tom Reyes",
        ),
        (
            "The complaint, which was filed in federal court on Friday, alleged that the city broke "
            "the law.",
            "the complaint",
        ),
    ],
)
def test_party_tags_and_which_clauses_between_subject_and_cue_leave_the_subject_the_source(
    text, source
):
    assert [s for s, _, _ in sourced(text)] == [source]


def test_age_and_hometown_set_off_after_a_name_leave_the_name_the_source():
    text = "Maria Lopez, 34, of Dayton, Ohio, said she would vote for the first time this year."
    assert sourced(text) == [
        ("Maria Lopez", "person", "she would vote for the first time this year.")
    ]


def test_an_adverbial_set_off_before_the_clause_is_not_a_source():
    text = (
        "In August, several environmental groups granted the company an extension, saying its "
        "money had run out."
    )
    assert [s for s, _, _ in sourced(text)] == [None]


def test_a_title_with_a_slash_before_an_inverted_speaker_keeps_the_name():
    text = "“We will keep fighting for our day in court,” said 9/11 widow Ana Ruiz."
    assert [s for s, _, _ in sourced(text)] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "genders"),
    [
        (
            "Spokeswoman Ana Ruiz opened the briefing. Tom Reyes, the mayor’s husband, left.",
            {"Spokeswoman Ana Ruiz": "f", "Tom Reyes": "m"},
        ),
        (
            "Ana Ruiz, a lawyer for the man, spoke. Tom Reyes said he was tired. Reyes said his "
            "team was ready.",
            {"Ana Ruiz": None, "Tom Reyes": "m"},
        ),
        # One pronoun is not enough.
        ("Tom Reyes said he was tired.", {"Tom Reyes": None}),
    ],
)
def test_a_persons_sex_comes_from_gendered_nouns_and_pronouns_after_the_name(text, genders):
    found = people.find_people(doc_of(text))
    found.learn_genders()
    assert {e.name: e.gender for e in found.entities} == genders


def test_genders_no_title_gave_are_learned_when_asked_for_not_before():
    found = people.find_people(doc_of("Ms. Lee met Tom Reyes, the mayor’s husband. He left."))
    assert [(e.name, e.gender) for e in found.entities] == [("Tom Reyes", None), ("Lee", "f")]
    found.learn_genders()
    assert [(e.name, e.gender) for e in found.entities] == [("Tom Reyes", "m"), ("Lee", "f")]


def test_the_person_named_last_of_a_gender_is_found_with_genders_learned():
    found = people.find_people(
        doc_of("Ana Ruiz, the mayor’s wife, met Tom Reyes, the mayor’s son.")
    )
    assert found.last_before(59, gender="f").name == "Ana Ruiz"


def test_she_said_skips_a_man_the_article_called_a_husband():
    text = (
        "Ana Ruiz spoke at the rally on Sunday. Tom Reyes, the mayor’s husband, said the crowd "
        "was the largest of the year.\n\n“We were moved by all of it,” she said."
    )
    assert [s for _, s in speakers(text)] == ["Ana Ruiz"]


def test_he_said_is_the_last_speaker_not_a_subject_named_before_the_speaker():
    text = "Tom Reyes, the mayor’s husband, arrived. “Yes, we will,” Ana Ruiz said. He said no."
    assert [s for s, _, _ in sourced(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_he_said_with_no_man_quoted_is_the_last_subject_not_the_man_named_last():
    text = "Tom Reyes, the mayor’s husband, arrived. “Yes,” said Ms. Lee of Sam Ortiz. He said no."
    assert [s for s, _, _ in sourced(text)] == ["Lee", "Tom Reyes"]


def test_a_quote_after_another_cue_in_the_sentence_stays_with_the_speaker_quoted():
    text = (
        "“My name is not on the ballot, but our progress is,” Mr. Obama said on Saturday at a "
        "gala dinner in Washington, where Mrs. Clinton also spoke. “Justice is on the ballot.”"
    )
    assert [s for _, s in speakers(text)] == ["Obama", "Obama"]
    # Mrs. Clinton's words are not the quotation before Mr. Obama's cue.
    assert sourced(text)[-1] == (
        "Clinton",
        "person",
        "on Saturday at a gala dinner in Washington, where",
    )


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "WASHINGTON — Sen. Ana Ruiz (D-Mo.) on Wednesday played down the attack on the judge "
            "and said it was the same as a remark made years ago by another senator.",
            "Ana Ruiz",
        ),
        (
            "Washington (AFP) – Democrat Ana Ruiz has taken a swipe at her rival over the trade "
            "deal, saying his comments do more harm than good.",
            "Democrat Ana Ruiz",
        ),
    ],
)
def test_the_subject_after_a_dateline_speaks_again_in_a_later_clause(text, source):
    assert [s for s, _, _ in sourced(text)] == [source]


def test_a_clause_after_an_inverting_verb_is_not_its_subject():
    text = "The architect who said he was stiffed after the job sued the club."
    doc = doc_of(text)
    assert [(a.source, a.source_start) for a in attribution.find(doc)] == [(None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ms. Ruiz attacked the police chief over the raid, saying the officers had acted "
            "without a warrant.",
            [
                ("Ruiz", "person", "the police chief over the raid"),
                ("Ruiz", "person", "the officers had acted without a warrant."),
            ],
        ),
        (
            "Mr. Reyes told reporters the vote was fair, but he said the count had taken too long.",
            [
                ("Reyes", "person", "reporters the vote was fair"),
                ("Reyes", "person", "the count had taken too long."),
            ],
        ),
        # "ordered" is no verb of speech: the reported clause goes on.
        (
            "According to the police, officers saw the man leave the car and they ordered him to "
            "drop the weapon.",
            [
                (
                    "the police",
                    "organization",
                    "officers saw the man leave the car and they ordered him to drop the weapon.",
                )
            ],
        ),
    ],
)
def test_a_verb_of_speech_joined_to_a_cues_clause_reports_on_its_own(text, expected):
    assert sourced(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Senator Tom Reyes sees the trade deal as a threat to factory jobs in his state.",
            [("Tom Reyes", "person", "the trade deal as a threat to factory jobs in his state.")],
        ),
        (
            "Ruiz knew the budget would not pass without the votes of the opposition.",
            [("Ruiz", "person", "the budget would not pass without the votes of the opposition.")],
        ),
        # "see" of an experience, not a view: the context tells the model it is no cue.
        ("Some families would see their taxes rise under the plan.", []),
    ],
)
def test_a_cue_word_the_model_was_not_trained_on_is_judged_by_its_context(text, expected):
    assert sourced(text) == expected


def test_a_thought_judged_by_context_needs_a_holder_else_it_is_the_writers():
    text = "It is important to recognize that the new bridge was finished two years late."
    assert sourced(text) == []
    assert sourced(text.replace("It is important to", "The council members")) == [
        ("the council members", "anonymous", "the new bridge was finished two years late.")
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The president knew about the payments, prosecutors said in a court filing.",
            "prosecutors",
        ),
        (
            "Parents want more teachers in classrooms, the superintendent said.",
            "the superintendent",
        ),
    ],
)
def test_a_thought_judged_by_context_leaves_the_sentence_to_its_reporting_cue(text, source):
    assert [name for name, _, _ in sourced(text)] == [source]


def test_an_awards_title_is_not_part_of_the_winners_name():
    text = "Time named Person of the Year Donald Trump on Wednesday. Trump said he was honored."
    assert [e.name for e in people.find_people(doc_of(text)).entities] == ["Donald Trump"]
