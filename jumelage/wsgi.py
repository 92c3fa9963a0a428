import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
application = get_wsgi_application()
# Every view and what it imports (solvers, PDF fonts, spreadsheets) load as the worker
# starts, before it accepts a request: no visitor waits for them on a first request.
import_module(settings.ROOT_URLCONF)
