"""The project's URLs plus the bare view the load benchmark compares the pages with."""
from django.http import HttpResponse
from django.urls import path

from careershub.core.permissions import public
from careershub.urls import handler403, handler404, handler500, urlpatterns as project_urlpatterns  # noqa: F401


@public
def bare(request):
    """The least a Django view can do: the whole middleware stack, then a two-byte body."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *project_urlpatterns]
