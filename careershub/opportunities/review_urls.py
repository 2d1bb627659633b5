"""Reviews and host feedback pages (names in the opportunities namespace)."""
from django.urls import path

from . import review_views

urlpatterns: list = [
    path("reviews/application/<int:pk>/new/", review_views.review_new, name="review_new"),
    path("reviews/moderation/", review_views.moderation_queue, name="moderation_queue"),
    path("reviews/<int:pk>/moderate/", review_views.review_moderate, name="review_moderate"),
    path("reviews/<int:pk>/reply/", review_views.review_reply, name="review_reply"),
    path("reviews/employers/<int:pk>/", review_views.employer_reviews, name="employer_reviews"),
    path("feedback/application/<int:pk>/new/", review_views.feedback_new, name="feedback_new"),
    path("feedback/mine/", review_views.my_feedback, name="my_feedback"),
    path("feedback/school/", review_views.school_feedback, name="school_feedback"),
]
