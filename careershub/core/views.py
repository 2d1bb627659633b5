from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from .permissions import public


@public
def start(request):
    demo_accounts = []
    if settings.DEMO_MODE:
        from careershub.demo.accounts import listed_accounts

        demo_accounts = listed_accounts()  # from the database: the city is built by another process
    return render(request, "core/start.html", {"demo_accounts": demo_accounts})


@public
def privacy(request):
    return render(request, "core/privacy.html")


@public
def accessibility(request):
    return render(request, "core/accessibility.html")


@public
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
