"""Form pieces: the long select and the organisation choices."""
import pytest

from careershub.accounts.forms import LongSelect, RoleChoiceForm
from careershub.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_long_select_renders_groups_selection_and_escapes():
    widget = LongSelect(choices=[("", "Choose"), ("Schools", [("school:1", "St Mary & St John"), ("school:2", "<b>")])])
    html = widget.render("organisation", "school:1", attrs={"id": "id_organisation"})
    assert html == (
        '<select class="govuk-select" id="id_organisation" name="organisation"><option value="">Choose</option>'
        '<optgroup label="Schools"><option value="school:1" selected>St Mary &amp; St John</option>'
        '<option value="school:2">&lt;b&gt;</option></optgroup></select>'
    )


def test_a_field_with_an_error_gets_the_error_class_and_description(cast):
    form = RoleChoiceForm(
        {"role": "careers_leader", "organisation": f"employer:{cast.employer.pk}"},
        roles=list(Role), partnership_ids={cast.partnership.pk},
    )
    assert not form.is_valid()
    html = str(form["organisation"])
    assert 'class="govuk-select govuk-select--error"' in html
    assert 'aria-describedby="id_organisation_helptext id_organisation-error"' in html
    assert 'aria-invalid="true"' in html
    assert f'<option value="employer:{cast.employer.pk}" selected>' in html


def test_organisations_of_another_partnership_are_not_offered_or_accepted(cast):
    from careershub.network.tests.factories import PartnershipFactory, SchoolFactory

    elsewhere = SchoolFactory(partnership=PartnershipFactory(slug="elsewhere", name="Elsewhere"))
    form = RoleChoiceForm(
        {"role": "teacher", "organisation": f"school:{elsewhere.pk}"}, roles=list(Role), partnership_ids={cast.partnership.pk},
    )
    assert f"school:{elsewhere.pk}" not in str(form["organisation"])
    assert not form.is_valid()
    assert form.errors["organisation"] == ["Choose one of the organisations listed"]
