"""Which sources count as voices for balance, which are not sources at all, and the titles
news writing puts around a name (session 10 new-user trial, findings 1, 3 and 10)."""

from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.document import Article, build_document
from analyzer.signals.sources import is_named, is_voice, voices


def _sources(text: str) -> dict[str, tuple[str, str, str | None]]:
    return {s.name: (s.kind, s.role, s.description) for s in analyze(text).sources}


@pytest.mark.parametrize(
    "name",
    [
        "experts",
        "critics",
        "some residents",
        "security analysts",
        "Your critics",
        "polls",
        "government data",
        "everyone",
        "many people",
        "locals",
    ],
)
def test_a_vague_crowd_is_not_a_voice(name):
    assert not is_voice("anonymous", name)


@pytest.mark.parametrize(
    "name",
    [
        "the mayor",
        "a rail official",
        "a worker at the depot",
        "the city council",
        "residents of Elm Street",
        "two police officers",
        "the protesters",
        "senior Pentagon officials",
        "police",
    ],
)
def test_an_unnamed_source_pinned_down_is_a_voice(name):
    assert is_voice("anonymous", name)


def test_a_proper_adjective_narrows_a_group_only_when_the_caller_says_so():
    assert is_voice("anonymous", "Mexican authorities", proper_first=True)
    assert not is_voice("anonymous", "Security analysts", proper_first=False)


def test_experts_and_an_editors_note_do_not_make_a_blurb_balanced():
    text = (
        "The council voted on Tuesday to raise fees, the mayor said.\n\n"
        "Experts say fees are rising everywhere.\n\n"
        "Editor's Note: This story highlights the ongoing need for vigilance.\n"
    )
    result = analyze(text)
    assert [s.name for s in result.sources] == ["the mayor", "experts"]
    assert result.metrics["source_roles"] == {"official": 1.0}
    assert result.scores["balance"] == 30.0


def test_a_vague_formula_adds_nothing_to_sourcing():
    text = "Everyone knows this money will be wasted.\n\nExperts say fees are rising.\n"
    result = analyze(text)
    assert result.metrics["attributions"] == 2
    assert result.metrics["sourcing_density"] == 0.0
    assert result.scores["sourcing"] == 0.0


def test_an_anonymous_source_the_reporter_heard_still_counts_for_sourcing():
    result = analyze("Fees will rise in June, officials said on Monday.\n")
    assert result.metrics["sourcing_density"] == 11.111  # 1 attribution in 9 words
    assert result.scores["sourcing"] == 76.0


def test_a_described_resident_counts_but_some_residents_do_not():
    text = (
        "The council will close the bridge for a year, Mayor Ana Ruiz said on Monday.\n\n"
        "Some residents worry about traffic.\n\n"
        "“I will lose half my customers,” said Tom Reyes, who runs a hardware store by the "
        "bridge.\n"
    )
    result = analyze(text)
    assert result.metrics["source_roles"] == {"business": 0.5, "official": 0.5}
    assert result.scores["balance"] == 76.7  # two voices, of two roles


def test_whoever_an_interviewer_cites_in_a_question_is_not_a_source():
    text = (
        "---\noutlet: City Weekly\n---\n"
        "Mayor Jane Park has led Riverton since 2022. We spoke with her about rents. This "
        "interview has been edited and condensed.\n\n"
        "Q: Some residents worry about traffic. What do you tell them?\n\n"
        "We are adding bus lines on every new corridor before the buildings open.\n\n"
        "Q: Your critics say the plan favours developers. Is that fair?\n\n"
        "No. The plan requires that one in five new units be affordable.\n"
    )
    assert list(_sources(text)) == ["Jane Park"]


def test_everyone_is_a_vague_crowd_not_a_named_person():
    text = "Everyone knows this money will be wasted.\n"
    # The attribution signal names the vague source by its folded word.
    assert _sources(text) == {"everyone": ("anonymous", "unknown", "everyone")}
    assert not is_named("anonymous", "Everyone") and not is_named("person", "Everyone")


def test_the_noun_before_a_passive_participle_is_not_a_source():
    text = (
        "The city council approved the new lanes on Tuesday, a project expected to cost "
        "$3.2 million.\n"
    )
    result = analyze(text)
    assert [a.source for a in result.attributions] == ["a project"]  # the cue signal's reading
    assert not result.sources


def test_a_lone_possessive_is_neither_a_source_nor_a_name():
    text = "Editor's Note: This story highlights the ongoing need for vigilance.\n"
    assert _sources(text) == {}
    assert not is_named("person", "Editor's")


@pytest.mark.parametrize(
    ("text", "name", "role", "description"),
    [
        (
            "“We need the lanes,” said council member Grace Liu.",
            "Grace Liu",
            "official",
            "council member",
        ),
        (
            "Fire chief Robert Hale praised the swift response of emergency crews.",
            "Robert Hale",
            "official",
            "Fire chief",
        ),
        (
            "“It is the fastest engine ever built,” said Jordan Ames, chief executive of "
            "Brightwave.",
            "Jordan Ames",
            "business",
            "chief executive of Brightwave",
        ),
        (
            "Tom Reyes, who runs a hardware store on Main Street, said sales fell.",
            "Tom Reyes",
            "business",
            "who runs a hardware store on Main Street",
        ),
        (
            "Priya Nair, a spokeswoman for Southern Rail, said trains would run on Friday.",
            "Priya Nair",
            "business",
            "a spokeswoman for Southern Rail",
        ),
        (
            "She picked a federal police official named Omar García Harfuch. Mr. Harfuch said "
            "crime fell.",
            "Omar García Harfuch",
            "law_enforcement",
            "a federal police official",
        ),
        (
            "John Creamer, the U.S. Embassy’s former No. 2 official in Mexico, said the arrests "
            "mattered.",
            "John Creamer",
            "official",
            "the U.S. Embassy’s former No. 2 official in Mexico",
        ),
        (
            "Officials named Ana Ruiz, the head of Unit A. Ruiz said it rained.",
            "Ana Ruiz",
            "unknown",
            "the head of Unit A",
        ),
        (
            "Claudia Sheinbaum was elected president of Mexico last year. Ms. Sheinbaum said "
            "violence fell.",
            "Claudia Sheinbaum",
            "official",
            "president of Mexico",
        ),
    ],
)
def test_titles_around_a_name_describe_the_source(text, name, role, description):
    assert _sources(text)[name][1:] == (role, description)


def test_a_lower_case_rail_official_stays_an_official():
    text = "Trains will run again on Friday, a rail official said.\n"
    assert _sources(text)["a rail official"][1] == "official"


def test_a_subject_opening_its_sentence_is_not_taken_for_a_passive():
    text = "Officials expected to finish the bridge by Friday, a rail official said.\n"
    assert "officials" in _sources(text)


def test_a_reporting_clause_after_a_name_is_not_its_description():
    text = "The shop was robbed on Monday. “It was fast,” said Maria Gomez, police said.\n"
    assert _sources(text).get("Maria Gomez", (None, None, None))[2] is None


def test_what_happened_to_a_person_is_not_their_title():
    text = "“I did nothing,” said Tom Reyes, who was arrested by police on Monday.\n"
    assert _sources(text)["Tom Reyes"][1:] == ("unknown", None)


def test_capitalised_words_before_a_title_belong_to_it_but_a_verb_does_not():
    text = (
        "“The plan is a disgrace,” said Pulitzer-winning columnist David Brooks. Guards threw famous "
        "reporter Jorge Ramos out, and Jorge Ramos said he would return.\n"
    )
    found = _sources(text)
    assert found["David Brooks"][1:] == ("journalist", "Pulitzer-winning columnist")
    assert found["Jorge Ramos"][1:] == ("journalist", "reporter")


def test_a_proper_adjective_is_told_from_a_sentence_opener_by_the_whole_text():
    text = (
        "Security analysts say the security plan failed. Mexican authorities said on Monday "
        "that the Mexican army had arrested 40 people.\n"
    )
    result = analyze(text)
    heard = voices(build_document(Article("a", "a", text)), result.sources)
    assert [s.name for s in result.sources] == ["Security analysts", "Mexican authorities"]
    assert [s.name for s in heard] == ["Mexican authorities"]


def test_former_stays_with_the_title_it_qualifies():
    text = "Former president Bill Clinton said the deal was fair.\n"
    assert _sources(text)["Bill Clinton"][1:] == ("official", "Former president")
