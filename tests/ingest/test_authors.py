"""Authors of web pages and feeds: names only (junk taken from the 181 eval pages)."""

import pytest

from newsquotes.ingest.authors import author_names


@pytest.mark.parametrize(
    ("given", "site", "names"),
    [
        ("Carrie Arnold November", "Quanta Magazine", "Carrie Arnold"),
        ("Tom Gillespie News reporter", "Sky News", "Tom Gillespie"),
        ("Condé Nast; Molly Wood", "Wired", "Molly Wood"),
        ("David Jeans; Kevin Rebong; Kevin-R", None, "David Jeans; Kevin Rebong"),
        ("STEVE PEOPLES; AP National Political Writer", None, "Steve Peoples"),
        ("Mike Wuerthele; Malcolm Owen Monday; November", None, "Mike Wuerthele; Malcolm Owen"),
        ("ERIC TUCKER Associated Press", None, "Eric Tucker"),
        ("Analysis by Chris Cillizza; CNN Editor-at-large", "CNN", "Chris Cillizza"),
        ("Ilana Muhlstein, MS, RDN", None, "Ilana Muhlstein"),
        ("Troy Smith; Troy L Smith; Cleveland com", "Cleveland", "Troy L Smith"),
        ("Jane Smith and Ali Khan", None, "Jane Smith; Ali Khan"),
        ("Phil Helsel is a reporter", None, "Phil Helsel"),
        ("Bruce Y Lee", None, "Bruce Y Lee"),
        ("Marcus De Guzman", None, "Marcus De Guzman"),
        ("Текст Лида Буслаева", None, "Лида Буслаева"),
    ],
)
def test_names_are_kept_without_dates_titles_or_organisations(given, site, names):
    assert author_names(given, site) == names


@pytest.mark.parametrize(
    ("given", "site"),
    [
        ("Reuters", None),
        ("The Associated Press", None),
        ("Science X staff", "Phys.org"),
        ("Staff Reports", None),
        ("LinkNaija", "LinkNaija | Nigeria's popular news platform"),
        ("Admin", None),
        ("PTI", None),
        ("", None),
        (None, None),
    ],
)
def test_a_credit_that_names_no_person_gives_no_authors(given, site):
    assert author_names(given, site) is None
