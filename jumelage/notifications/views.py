"""Outbox pages. (Being written by the outbox work.)"""

from django.http import Http404


def _pending(request, **kwargs):
    raise Http404


outbox = message = templates = edit_template = _pending
