from django.conf import settings


def platform(request):
    user = getattr(request, "user", None)
    return {
        "service_name": "Careers Hub",
        "demo_mode": settings.DEMO_MODE,
        "navigation": user.navigation() if user is not None and user.is_authenticated else [],
    }
