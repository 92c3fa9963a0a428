"""Build the benchmark world in the database named by the environment, fast.

Run by bench/web.py in a child process that has the server's environment (same
DATABASE_URL and SECRET_KEY, so pre-made sessions are valid for the server):

    python -m bench.seed seed SPEC.json OUT.json     # SPEC: {"small": 50, "large": 5000, ...}
    python -m bench.seed verify SLUG CONFIRMED.json  # prints the submissions found in the DB

The partnership, cycles and stages come from the project's own services; the thousands of
users and applications are bulk-created, the users sharing one precomputed password hash.
"""

import datetime as dt
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from jumelage.accounts.models import Membership, Role, User  # noqa: E402
from jumelage.calls.enums import ApplicationState  # noqa: E402
from jumelage.calls.models import Application, Call  # noqa: E402
from jumelage.hosting.models import HostingOffer, HostOrganisation  # noqa: E402
from jumelage.partnerships.models import Partnership, Side, Theme  # noqa: E402
from jumelage.partnerships.services import create_cycle  # noqa: E402

PASSWORD = "bench password, never used to log in"
BATCH = 1000
LANGUAGES = ["en", "fr", "zh-hant"]
WORDS = ["Alpha", "Lumen", "Orbit", "Quanta", "Rivet", "Sable", "Tessel", "Vega"]
SESSION_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _sides(partnership):
    taichung = Side.objects.create(
        partnership=partnership,
        slug="taichung",
        city="Taichung",
        country_code="TW",
        timezone="Asia/Taipei",
        languages=["zh-hant", "en"],
        currency="TWD",
    )
    toulouse = Side.objects.create(
        partnership=partnership,
        slug="toulouse",
        city="Toulouse",
        country_code="FR",
        timezone="Europe/Paris",
        languages=["fr", "en"],
        currency="EUR",
    )
    return taichung, toulouse


def _themes(cycle, side):
    titles = ["Internet of Things", "Aerospace", "Smart city", "Health tech"]
    return [
        Theme.objects.create(cycle=cycle, proposed_by=side, title=title, state="agreed")
        for title in titles
    ]


def _offers(cycle, sides):
    for side in sides:
        for n in range(2):
            organisation, _created = HostOrganisation.objects.get_or_create(
                side=side,
                slug=f"{side.slug}-host-{n}",
                defaults={"name": f"{side.city} host {n}", "kind": "incubator"},
            )
            HostingOffer.objects.create(
                cycle=cycle,
                organisation=organisation,
                services=["coworking", "pitch"],
                teams=2,
                desks=4,
                starts_on=timezone.localdate() + dt.timedelta(days=60),
                ends_on=timezone.localdate() + dt.timedelta(days=74),
            )


def _call(cycle, side, slug):
    now = timezone.now()
    return Call.objects.create(
        cycle=cycle,
        side=side,
        slug=slug,
        title=f"Call for startups {slug}",
        introduction="Apply with your team. " * 40,
        eligibility="Startups under five years old.",
        privacy_notice="We keep your application for two years. " * 5,
        privacy_notice_version=1,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        published=True,
    )


def build_world():
    """Two sides, two cycles, four open calls (one per side and cycle), agreed themes."""
    partnership = Partnership.objects.create(slug="bench", name="Bench exchange")
    taichung, toulouse = _sides(partnership)
    start = timezone.localdate() - dt.timedelta(days=60)
    first = create_cycle(partnership, slug="2019", name="2019", start=start)
    second = create_cycle(partnership, slug="2020", name="2020", start=start)
    themes = {first.pk: _themes(first, taichung), second.pk: _themes(second, toulouse)}
    for cycle in (first, second):
        _offers(cycle, (taichung, toulouse))
    calls = {
        "small": _call(first, taichung, "bench-small"),
        "large": _call(first, toulouse, "bench-large"),
        "manager": _call(second, taichung, "bench-manager"),
        "submit": _call(second, toulouse, "bench-submit"),
    }
    return calls, themes, taichung


def bulk_users(prefix, count, password_hash):
    users = [
        User(
            email=f"{prefix}{n:06d}@bench.example",
            full_name=f"{prefix.title()} {n:06d}",
            password=password_hash,
            email_verified=True,
        )
        for n in range(count)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    return list(User.objects.filter(email__startswith=prefix).order_by("email"))


def _application(call, user, n, themes, opened):
    submitted = opened + dt.timedelta(seconds=(n * 7919) % (10 * 86400))
    state = ApplicationState.WITHDRAWN if n % 20 == 19 else ApplicationState.SUBMITTED
    word = WORDS[n % len(WORDS)]
    return Application(
        call=call,
        applicant=user,
        state=state,
        language=LANGUAGES[n % 3],
        team_name=f"Team {n:05d} {word}",
        organisation=f"{word} Labs {n % 97}",
        contact_name=user.full_name,
        contact_email=user.email,
        contact_phone="+33 5 00 00 00",
        theme=themes[n % len(themes)],
        submitted_at=submitted,
        revision=3,
        answers={"pitch": f"{word} makes things better, " * 10, "team_size": str(1 + n % 9)},
    )


def bulk_applications(call, users, count, themes):
    """`count` non-draft applications (1 in 20 withdrawn), submitted over the last 10 days."""
    rows = [_application(call, users[n], n, themes, call.opens_at) for n in range(count)]
    Application.objects.bulk_create(rows, batch_size=BATCH)


def _session_row(user, expires):
    data = {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: MODEL_BACKEND,
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }
    key = get_random_string(32, SESSION_CHARS)
    return Session(session_key=key, session_data=SessionStore().encode(data), expire_date=expires)


def bulk_sessions(users):
    """A logged-in session per user, as if each had logged in earlier: {user pk: key}."""
    expires = timezone.now() + dt.timedelta(days=7)
    rows = [_session_row(user, expires) for user in users]
    Session.objects.bulk_create(rows, batch_size=BATCH)
    return {user.pk: row.session_key for user, row in zip(users, rows, strict=True)}


def _manager(side, password_hash):
    manager = User.objects.create(
        email="manager@bench.example",
        full_name="Bench Manager",
        password=password_hash,
        email_verified=True,
    )
    Membership.objects.create(user=manager, side=side, role=Role.MANAGER)
    return manager


@transaction.atomic
def seed(spec):
    password_hash = make_password(PASSWORD)
    calls, themes, manager_side = build_world()
    biggest = max(spec["small"], spec["large"], spec["manager"])
    teams = bulk_users("team", biggest, password_hash)
    for name in ("small", "large", "manager"):
        call = calls[name]
        bulk_applications(call, teams, spec[name], themes[call.cycle_id])
    manager = _manager(manager_side, password_hash)
    applicants = bulk_users("applicant", spec["applicants"], password_hash)
    sessions = bulk_sessions([manager, *applicants])
    submit_themes = themes[calls["submit"].cycle_id]
    return {
        "calls": {name: call.slug for name, call in calls.items()},
        "counts": {name: spec.get(name, 0) for name in calls},
        "manager_session": sessions[manager.pk],
        "manager_theme": themes[calls["manager"].cycle_id][0].pk,
        "submit_theme": submit_themes[0].pk,
        "applicants": [
            {
                "session": sessions[user.pk],
                "csrf": get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS),
                "email": user.email,
            }
            for user in applicants
        ],
    }


def analyze():
    """PostgreSQL plans from statistics, which autovacuum would have gathered in production
    by the time a call has thousands of applications; a bulk load leaves none."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def verify(slug, confirmed_pks):
    """What the database holds after the submissions: counted, not trusted from the client."""
    applications = Application.objects.filter(call__slug=slug)
    submitted = set(
        applications.filter(state=ApplicationState.SUBMITTED).values_list("pk", flat=True)
    )
    return {
        "in_db": applications.count(),
        "submitted_in_db": len(submitted),
        "confirmed_missing": len(set(confirmed_pks) - submitted),
        "attachments_in_db": applications.filter(attachments__isnull=False).distinct().count(),
        "privacy_consents_in_db": applications.filter(
            pk__in=submitted, privacy_notice_version=1, privacy_consent_at__isnull=False
        ).count(),
    }


def main(argv):
    command = argv[1]
    if command == "seed":
        with open(argv[2]) as spec_file:
            spec = json.load(spec_file)
        world = seed(spec)
        analyze()
        with open(argv[3], "w") as out:
            json.dump(world, out)
    elif command == "verify":
        with open(argv[3]) as confirmed_file:
            confirmed = json.load(confirmed_file)
        print(json.dumps(verify(argv[2], confirmed)))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv)
