"""GOV.UK Design System form rendering without a third-party layout package.

Every form in the project inherits ``GovukForm`` (or ``GovukModelForm``): fields render as GOV.UK form
groups with label, hint and the error message beside the field, and pages show the error summary
from ``core/includes/error_summary.html``. See docs/decisions/0002-govuk-forms.md.
"""
from django import forms
from django.forms.renderers import TemplatesSetting

INPUT_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input govuk-input--width-10",
    "password": "govuk-input",
    "date": "govuk-input govuk-input--width-10",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def _widget_kind(widget: forms.Widget) -> str:
    return widget.__class__.__name__.lower().removesuffix("input").removesuffix("widget")


class GovukFormMixin:
    """Renders fields the GOV.UK way. A field that is not required is labelled "(optional)", unless it
    is one of a group where one must be given: set ``field.required_one_of = True`` on those."""

    template_name_label = "core/forms/label.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            kind = _widget_kind(widget)
            # CheckboxSelectMultiple is a subclass of RadioSelect: it is checked first.
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.template_name = "core/forms/checkboxes.html"
            elif isinstance(widget, forms.RadioSelect):
                widget.template_name = "core/forms/radios.html"
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "govuk-checkboxes__input")
            elif kind in INPUT_CLASSES:
                widget.attrs.setdefault("class", INPUT_CLASSES[kind])

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = widget.attrs.get("class", "").split()
            extra = [ERROR_CLASSES[c] for c in classes if c in ERROR_CLASSES]
            widget.attrs["class"] = " ".join(dict.fromkeys(classes + extra))
            if not self.auto_id:
                continue
            field_id = self.auto_id % self.add_prefix(name)
            # Setting aria-describedby stops Django adding the hint's id itself, so name both.
            described = [widget.attrs.get("aria-describedby", "")]
            if self.fields[name].help_text:
                described.append(f"{field_id}_helptext")
            described.append(f"{field_id}-error")
            widget.attrs["aria-describedby"] = " ".join(dict.fromkeys(filter(None, " ".join(described).split())))


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


# Dates are typed as people write them ("31/3/2027"); ISO dates are accepted too.
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y"]


class GovukDateField(forms.DateField):
    """A date typed in one box, shown back as 31/03/2027, with GOV.UK's wording for errors."""

    def __init__(self, *, label: str, required_message: str, example: str = "31/3/2027", **kwargs):
        kwargs.setdefault("help_text", f"For example, {example}")
        super().__init__(
            label=label, input_formats=DATE_FORMATS,
            error_messages={"required": required_message,
                            "invalid": f"{label} must be a real date, like {example}"},
            **kwargs,
        )
        self.widget.format = "%d/%m/%Y"
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off",
                                  "class": "govuk-input govuk-input--width-10"})
