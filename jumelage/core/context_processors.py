from django.conf import settings


def site(request):
    return {"SITE_LANGUAGES": settings.LANGUAGES, "DEBUG": settings.DEBUG}
