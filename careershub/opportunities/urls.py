"""The opportunities app's pages, gathered from each part of it."""
from . import application_urls, encounter_urls, menu_urls, placement_urls, pledge_urls, review_urls

app_name = "opportunities"
urlpatterns = [
    *menu_urls.urlpatterns,
    *application_urls.urlpatterns,
    *placement_urls.urlpatterns,
    *encounter_urls.urlpatterns,
    *pledge_urls.urlpatterns,
    *review_urls.urlpatterns,
]
