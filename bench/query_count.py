"""SQL queries per page of the managers' list, counted in-process (django.test.Client).

    python -m bench.query_count SLUG SESSION_KEY LATE_PAGE

Prints {"page1": N, "late": N, "late_page": P}. Run with the server's environment so the
pre-made manager session is valid.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(captured.captured_queries)


def main(argv):
    slug, session_key, late_page = argv[1], argv[2], int(argv[3])
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    url = f"/en/calls/{slug}/applications/"
    count_queries(client, url)  # warm-up: first-use lookups are not the page's own cost
    result = {
        "page1": count_queries(client, url),
        "late": count_queries(client, f"{url}?page={late_page}"),
        "late_page": late_page,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
