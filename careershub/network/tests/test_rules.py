"""Pure rules of the network: status dates, postcodes, page links."""
import datetime

import pytest

from careershub.network.models import School, normalise_postcode
from careershub.core.paging import page_numbers

MAY = datetime.date(2026, 5, 1)
JUNE = datetime.date(2026, 6, 1)
JULY = datetime.date(2026, 7, 1)


def saved_school(**fields) -> School:
    school = School(**fields)
    school.pk = 1  # as if stored: set_status needs no database
    return school


def test_a_new_school_is_stamped_targeted_and_engaged_when_it_starts_engaged():
    school = School()
    school.set_status(School.Status.ENGAGED, on=MAY)
    assert (school.status, school.targeted_on, school.engaged_on, school.declined_on) == ("engaged", MAY, MAY, None)


def test_a_new_target_school_is_stamped_targeted_only():
    school = School()
    school.set_status(School.Status.TARGET, on=MAY)
    assert (school.targeted_on, school.engaged_on, school.declined_on) == (MAY, None, None)


def test_engaging_then_declining_keeps_both_dates():
    school = saved_school(status=School.Status.TARGET, targeted_on=MAY)
    school.set_status(School.Status.ENGAGED, on=JUNE)
    school.set_status(School.Status.DECLINED, on=JULY)
    assert (school.status, school.targeted_on, school.engaged_on, school.declined_on) == ("declined", MAY, JUNE, JULY)


def test_re_engaging_records_the_latest_engagement():
    school = saved_school(status=School.Status.DECLINED, engaged_on=MAY, declined_on=JUNE)
    school.set_status(School.Status.ENGAGED, on=JULY)
    assert (school.engaged_on, school.declined_on) == (JULY, JUNE)


def test_the_same_status_again_changes_no_date():
    school = saved_school(status=School.Status.ENGAGED, engaged_on=MAY)
    school.set_status(School.Status.ENGAGED, on=JULY)
    assert school.engaged_on == MAY


def test_returning_to_target_keeps_the_first_targeted_date():
    school = saved_school(status=School.Status.DECLINED, targeted_on=MAY, declined_on=JUNE)
    school.set_status(School.Status.TARGET, on=JULY)
    assert school.targeted_on == MAY


@pytest.mark.parametrize(("typed", "tidied"), [
    ("st41ab", "ST4 1AB"), ("  st4   1ab ", "ST4 1AB"), ("B1 1BB", "B1 1BB"), ("sw1a1aa", "SW1A 1AA"),
    ("", ""), ("ab1", "AB1"),
])
def test_postcodes_are_tidied_to_royal_mail_form(typed, tidied):
    assert normalise_postcode(typed) == tidied


@pytest.mark.parametrize(("current", "total", "links"), [
    (1, 1, [1]),
    (1, 2, [1, 2]),
    (1, 5, [1, 2, None, 5]),
    (3, 5, [1, 2, 3, 4, 5]),
    (5, 10, [1, None, 4, 5, 6, None, 10]),
    (10, 10, [1, None, 9, 10]),
])
def test_page_links_show_first_last_and_neighbours(current, total, links):
    assert page_numbers(current, total) == links
