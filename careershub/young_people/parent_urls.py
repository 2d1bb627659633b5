from django.urls import path

from . import parent_views

urlpatterns = [
    path("my-children/overview/", parent_views.children_overview, name="children_overview"),
    path("<int:pk>/parents/", parent_views.parents_manage, name="parents_manage"),
    path("<int:pk>/parents/link/", parent_views.parent_link, name="parent_link"),
    path("<int:pk>/parents/<int:link_pk>/unlink/", parent_views.parent_unlink, name="parent_unlink"),
    path("<int:pk>/parents/<int:link_pk>/resend/", parent_views.parent_resend, name="parent_resend"),
    path("<int:pk>/consents/", parent_views.consent_list, name="consents"),
    path("<int:pk>/consents/<str:purpose>/give/", parent_views.consent_give, name="consent_give"),
    path("<int:pk>/consents/<str:purpose>/withdraw/", parent_views.consent_withdraw, name="consent_withdraw"),
]
