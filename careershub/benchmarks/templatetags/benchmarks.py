"""Template helpers for the Gatsby Benchmarks pages, and the link other apps' pages show to a
school's benchmarks overview (``{% school_benchmarks_url school as url %}``), given only to people who
may read the school's scores."""
from django import template
from django.urls import reverse

from careershub.benchmarks import gaps, scoring, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def school_benchmarks_url(context, school) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_any_role(selectors.SCORE_READERS):
        return ""
    if not selectors.may_read_scores(user, school):
        return ""
    return reverse("benchmarks:school_overview", args=[school.pk])


@register.filter
def percent(value) -> str:
    """A score as a whole percentage, "67%"; an en dash where there is none."""
    if value is None or value == "":
        return "–"
    return f"{scoring.whole(value)}%"


@register.filter
def bar_width(value) -> str:
    """The width of a decorative bar for a score, as a CSS percentage."""
    if value is None or value == "":
        return "0"
    return str(max(0, min(100, scoring.whole(value))))


@register.filter
def points(value) -> str:
    """A change in whole percentage points, signed: "+6", "−3", "0"; an en dash where there is none."""
    return gaps.points(None if value == "" else value)


@register.simple_tag(takes_context=True)
def benchmark_action_summary(context):
    """The actions the person signed in may read: how many are open and overdue (one query), for the
    hub dashboard. None for people who read no actions."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_any_role(selectors.ACTION_READERS):
        return None
    return selectors.action_summary(user)
