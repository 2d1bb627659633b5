from django import forms

from careershub.core.forms import GovukForm


class PostcodeForm(GovukForm):
    postcode = forms.CharField(help_text="For example, ST4 1AB")
    sector = forms.ChoiceField(choices=[("C", "Manufacturing"), ("Q", "Health")], widget=forms.RadioSelect)


def test_hint_is_linked_to_its_field():
    html = str(PostcodeForm())
    assert 'id="id_postcode_helptext"' in html
    assert 'aria-describedby="id_postcode_helptext"' in html


def test_an_error_is_shown_beside_the_field_and_linked_with_the_hint():
    form = PostcodeForm(data={"postcode": "", "sector": "Z"})
    assert not form.is_valid()
    html = str(form)
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'aria-describedby="id_postcode_helptext id_postcode-error"' in html
    assert html.count('id="id_postcode-error"') == 1
    assert 'id="id_sector-error"' in html
    assert "govuk-form-group--error" in html


def test_the_error_summary_links_a_radio_group_to_its_first_option():
    from django.template.loader import render_to_string

    form = PostcodeForm(data={"postcode": "ST4 1AB", "sector": "Z"})
    form.is_valid()
    html = render_to_string("core/includes/error_summary.html", {"form": form})
    assert 'href="#id_sector_0"' in html
    assert 'id="id_sector_0"' in str(form)


def test_several_choices_render_as_govuk_checkboxes_not_radios():
    class AreasForm(GovukForm):
        areas = forms.MultipleChoiceField(choices=[("n", "North"), ("s", "South")], widget=forms.CheckboxSelectMultiple)

    html = str(AreasForm(initial={"areas": ["n", "s"]}))
    assert html.count('type="checkbox"') == 2 and 'type="radio"' not in html
    assert 'class="govuk-checkboxes govuk-checkboxes--small"' in html and html.count("checked") == 2
