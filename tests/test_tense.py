"""Whether the clause around a date looks ahead of the time of writing or back from it."""

from __future__ import annotations

import pytest

from analyzer.tense import direction


def tense_of(sentence: str, date: str) -> tuple[str | None, str | None]:
    start = sentence.index(date)
    return direction(sentence, start, start + len(date))


@pytest.mark.parametrize(
    "sentence, date, expected",
    [
        ("The suspects are expected to appear in court on Thursday.", "Thursday",
         ("future", "are expected")),
        ("Voters must throw these clowns out in November.", "November", ("future", "must")),
        ("The council will vote on the budget on Tuesday.", "Tuesday", ("future", "will")),
        ("The hearing is scheduled for Friday.", "Friday", ("future", "scheduled for")),
        ("The company plans to open a plant in March.", "March", ("future", "plans to")),
        ("We'll meet again on Friday.", "Friday", ("future", "we'll")),
        ("The next hearing is on Thursday.", "Thursday", ("future", "next")),
        ("The results will be released on Thursday.", "Thursday", ("future", "will")),
    ],
)  # fmt: skip
def test_a_clause_about_what_is_to_come_looks_ahead(sentence, date, expected):
    assert tense_of(sentence, date) == expected


@pytest.mark.parametrize(
    "sentence, date, expected",
    [
        ("Police arrested two men on Monday.", "Monday", ("past", "arrested")),
        ("The mayor said on Tuesday that the plan was dead.", "Tuesday", ("past", "said")),
        ("The vote was in September.", "September", ("past", "was")),
        ("It happened in September.", "September", ("past", "happened")),
        ("The strike began in January.", "January", ("past", "began")),
        ("He must have left on Sunday.", "Sunday", ("past", "must have")),
        ("By then he had resigned on Friday.", "Friday", ("past", "had")),
    ],
)
def test_a_clause_that_reports_what_happened_looks_back(sentence, date, expected):
    assert tense_of(sentence, date) == expected


def test_a_date_that_opens_its_sentence_takes_the_verb_after_it():
    assert tense_of("On Thursday, the council will vote.", "Thursday") == ("future", "will")
    assert tense_of("On Monday, police said the men fled.", "Monday") == ("past", "said")


def test_each_date_takes_the_verb_of_its_own_clause():
    sentence = "He said on Monday that he will resign on Friday."
    assert tense_of(sentence, "Monday") == ("past", "said")
    assert tense_of(sentence, "Friday") == ("future", "will")


def test_a_verb_in_an_earlier_clause_does_not_decide():
    sentence = "The suspects, whose names were not released, are expected to appear on Thursday."
    assert tense_of(sentence, "Thursday") == ("future", "are expected")
    assert tense_of("Officials said that on Friday the road reopens.", "Friday") == (None, None)


@pytest.mark.parametrize(
    "sentence, date",
    [
        ("The council votes on Thursday.", "Thursday"),  # the present tense decides nothing
        ("He said he would resign on Friday.", "Friday"),  # spoken from an unknown moment
        ("He was expected to be sentenced on Friday.", "Friday"),
        ("The hearing was scheduled for Thursday.", "Thursday"),  # a past plan
        ("The vote has been moved to Thursday.", "Thursday"),
        ("The rule could take effect in March.", "March"),
    ],
)
def test_the_present_and_plans_seen_from_an_unknown_moment_decide_nothing(sentence, date):
    assert tense_of(sentence, date) == (None, None)


def test_a_past_form_after_be_have_or_an_article_is_not_a_past_tense():
    assert tense_of("The men will be arraigned on Monday.", "Monday") == ("future", "will")
    assert tense_of("The work will have ended by Friday.", "Friday") == ("future", "will")
    assert tense_of("Police questioned the armed men on Monday.", "Monday") == (
        "past",
        "questioned",
    )


def test_only_a_date_that_opens_its_clause_takes_the_verb_after_it():
    # Here the date belongs to the subject ("her victories on Tuesday"), not to "will".
    sentence = "Her victories in four states on Tuesday will only accelerate that shift."
    assert tense_of(sentence, "Tuesday") == (None, None)
    # The verb after the comma belongs to the main clause, not to "states that vote in March".
    sentence = "We feel good about states that vote in March, the memo stated."
    assert tense_of(sentence, "March") == (None, None)


def test_a_date_that_describes_a_noun_is_not_dated_by_the_verb():
    sentence = "Officials said Russia engineered the release to influence the Nov. 8 election."
    assert tense_of(sentence, "Nov. 8") == (None, None)
    assert tense_of("It campaigned ahead of the state's June 7 primary.", "June 7") == (None, None)


def test_an_intention_formed_in_the_past_decides_nothing():
    sentence = "The campaign vowed to remain in the fight through the primary in June."
    assert tense_of(sentence, "June") == (None, None)
    assert tense_of("She went to Iowa in June.", "June") == ("past", "went")
    sentence = "The campaign challenged Hillary Clinton to debate him in Brooklyn on April 14."
    assert tense_of(sentence, "April 14") == (None, None)


def test_a_marker_far_before_the_date_does_not_decide():
    sentence = "He bought the course and is rushing to get it ready for a golf tournament in March."
    assert tense_of(sentence, "March") == (None, None)


def test_an_abbreviation_does_not_end_the_sentence():
    sentence = "Mr. Moody said at Mr. Trump's rally on Tuesday that he agreed."
    assert tense_of(sentence, "Tuesday") == ("past", "said")


def test_names_are_not_markers():
    assert tense_of("Theresa May spoke on Tuesday.", "Tuesday") == ("past", "spoke")
    assert tense_of("The actor Will Smith arrives on Tuesday.", "Tuesday") == (None, None)


def test_a_quotation_is_its_own_clause():
    assert tense_of('"We will reopen on Thursday," she said.', "Thursday") == ("future", "will")
    assert tense_of('She said: "The line reopens Thursday."', "Thursday") == (None, None)
