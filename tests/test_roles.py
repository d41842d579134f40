"""Source roles from description, title and name; on hand-made sources and on the seeds."""

from __future__ import annotations

import pytest
from conftest import seed_path

from analyzer.batch import analyze_paths
from analyzer.results import Source
from analyzer.signals import roles


@pytest.mark.parametrize(
    ("name", "description", "titles", "role"),
    [
        ("Ana Ruiz", "the mayor of Springfield", (), "official"),
        ("Tom Hale", "a spokesman for the county sheriff", (), "law_enforcement"),
        ("Dana Wu", "an economist at the University of Michigan", (), "expert"),
        ("Raj Patel", "an organizer with the tenants’ rights group Housing Now", (), "advocate"),
        ("Lena Ortiz", "chief executive of Ortiz Foods", (), "business"),
        ("Maria Gomez", "a resident whose home flooded twice", (), "affected"),
        ("Sam Ng", "a reporter for the local newspaper", (), "journalist"),
        ("Bo Chen", None, ("Sen.",), "unknown"),
        ("Bo Chen", None, ("Senator",), "official"),
        ("Acme Corporation", None, (), "business"),
        ("Human Rights Watch", None, (), "advocate"),
        ("Pat Lee", None, (), "unknown"),
        ("Omar García Harfuch", "Mexico’s Security Chief", (), "official"),
        ("Robert Hale", "Fire chief", (), "official"),
        ("Tom Reyes", "who runs a hardware store on Main Street", (), "business"),
        ("Jordan Ames", "chief operating officer of Brightwave", (), "business"),
        ("Priya Nair", "a spokeswoman for Southern Rail", (), "business"),
        ("Lee Kim", "a rail official", (), "official"),
    ],
)
def test_role_of_reads_the_title_first(name, description, titles, role):
    assert roles.role_of(name, description, titles) == role


def test_an_empty_description_title_or_name_holds_neither_role_word_nor_company():
    # (role_of does not search them)
    assert roles._first_role("") is None
    assert roles._company_name().search("") is None


def test_a_former_title_gives_way_to_the_present_one():
    desc = "a former police chief who now teaches criminology as a professor at Yale"
    assert roles.role_of("Ed Park", desc) == "expert"


def test_a_former_title_alone_still_counts():
    assert roles.role_of("Ed Park", "a former police chief") == "law_enforcement"


def test_assign_fills_the_role_and_keeps_everything_else():
    (source,) = roles.assign([Source("Brookings Institution", "organization", mentions=2)])
    assert (source.role, source.mentions) == ("expert", 2)


def _roles(prefix: str) -> dict[str, str]:
    result = analyze_paths([str(seed_path(prefix))]).results[0]
    return {s.name: s.role for s in result.sources}


def test_seed_000_quotes_officials_and_others():
    found = _roles("000")
    assert found["Omar García Harfuch"] == "official"
    assert found["Eduardo Guerrero"] == "expert"
    assert found["Pedro Casas Alatriste"] == "business"
    assert found["Evangelina Contreras"] == "advocate"
    assert found["locals"] == "affected"
    assert len({r for r in found.values() if r != "unknown"}) >= 4


def test_seed_004_think_tank_and_government_sources_get_their_roles():
    found = _roles("004")
    assert found["Brookings Institution"] == "expert"
    assert found["World Justice Project"] == "expert"
    assert found["Mexican authorities"] == "official"
