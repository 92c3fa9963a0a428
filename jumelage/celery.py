"""Celery runs tasks on Redis when CELERY_BROKER_URL is set, inline (eagerly) otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")

app = Celery("jumelage")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
