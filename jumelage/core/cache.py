"""Whole-page caching for anonymous visitors of public pages."""

import functools

from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language


def cache_for_anonymous(key_and_timeout):
    """Serve a cached copy to visitors with no session: the page is the same for all of them.

    `key_and_timeout(request, **kwargs)` returns a version key for the page's content (it
    changes when the content does) and how many seconds the copy may live.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated or request.COOKIES:
                return view(request, *args, **kwargs)
            version, timeout = key_and_timeout(request, **kwargs)
            key = f"page:{view.__module__}.{view.__name__}:{get_language()}:{version}"
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and timeout > 0:
                    cache.set(key, response, timeout)
            patch_cache_control(response, public=True, max_age=0)
            return response

        return wrapper

    return decorator
