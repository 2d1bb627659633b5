from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("careershub.core.urls")),
    path("accounts/", include("careershub.accounts.urls")),
    path("network/", include("careershub.network.urls")),
    path("advisers/", include("careershub.advisers.urls")),
    path("young-people/", include("careershub.young_people.urls")),
    path("benchmarks/", include("careershub.benchmarks.urls")),
    path("opportunities/", include("careershub.opportunities.urls")),
    path("allocation/", include("careershub.allocation.urls")),
    path("plans/", include("careershub.plans.urls")),
    path("passport/", include("careershub.passport.urls")),
    path("mentoring/", include("careershub.mentoring.urls")),
    path("cohorts/", include("careershub.cohorts.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]

handler403 = "careershub.core.errors.forbidden"
handler404 = "careershub.core.errors.not_found"
handler500 = "careershub.core.errors.server_error"
