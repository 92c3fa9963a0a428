"""Worlds for the selection tests: submitted applications, committees that reviewed them,
and the steps of the selection taken through its services."""

import datetime as dt

from django.utils import timezone

from jumelage.calls.enums import ApplicationState
from jumelage.review.enums import ReviewState
from jumelage.review.models import Committee, Criterion, Member, Review
from jumelage.selection import services
from jumelage.selection.enums import EntryKind, PickChoice
from jumelage.selection.models import Nomination, Place
from tests.factories import ApplicationFactory, UserFactory

LANGUAGES = {"taichung": ["zh-hant", "en"], "toulouse": ["fr", "en"]}


def submitted(call, team, language="en", applicant=None, **extra):
    return ApplicationFactory(
        call=call,
        applicant=applicant or UserFactory(language=language),
        team_name=team,
        language=language,
        state=ApplicationState.SUBMITTED,
        submitted_at=timezone.now(),
        theme=None,
        **extra,
    )


def committee_with_reviews(cycle, side, applications):
    """A committee of two whose submitted reviews rank `applications` in the given order."""
    committee = Committee.objects.create(cycle=cycle, side=side)
    criterion = Criterion.objects.create(committee=committee, name="Team", scale_max=100)
    members = [
        Member.objects.create(
            committee=committee, email=f"m{i}-{side.slug}@example.org", name=f"M{i}"
        )
        for i in range(2)
    ]
    for rank, application in enumerate(applications):
        for member in members:
            Review.objects.create(
                member=member,
                application=application,
                state=ReviewState.SUBMITTED,
                scores={str(criterion.pk): 95 - 5 * rank},
                submitted_at=timezone.now(),
            )
    return committee


def close(call):
    """End the call a day ago, as nominating waits for it."""
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save(update_fields=["closes_at"])


def reviewed(world, per_side=7):
    """Each side's call with `per_side` submitted applications, closed and reviewed by its
    committee; world.ranked[slug] lists them best first."""
    world.ranked = {}
    for side, call in ((world.taichung, world.call_tc), (world.toulouse, world.call_tl)):
        languages = LANGUAGES[side.slug]
        applications = [
            submitted(call, f"{side.city} team {i + 1}", languages[i % 2]) for i in range(per_side)
        ]
        committee_with_reviews(world.cycle, side, applications)
        close(call)
        world.ranked[side.slug] = applications
    return world


def choices(applications, n, waiting=0):
    return [
        services.EntryChoice(
            a.pk,
            EntryKind.NOMINATED if i < n else EntryKind.WAITING,
            f"Why {a}",
            f"Summary of {a} for the partner",
        )
        for i, a in enumerate(applications[: n + waiting])
    ]


def nominate(world, side, actor, n=None):
    """Save and send the side's top N."""
    n = n or world.cycle.nominations_per_side
    services.save_nomination(actor, world.cycle, side, choices(world.ranked[side.slug], n))
    return services.send_nomination(actor, world.cycle, side)


def pick_lines(nomination, m, reserves=1):
    entries = list(nomination.entries.filter(kind=EntryKind.NOMINATED).order_by("order"))
    lines = [
        services.PickLine(e.pk, PickChoice.SELECTED, f"We host {e}", i)
        for i, e in enumerate(entries[:m], 1)
    ]
    lines += [
        services.PickLine(e.pk, PickChoice.RESERVE, "", i)
        for i, e in enumerate(entries[m : m + reserves], 1)
    ]
    return lines


def pick(world, nomination, actor, reserves=1):
    """Save and propose the first M of the nomination, the next ones in reserve."""
    services.save_pick(
        actor, nomination.pk, pick_lines(nomination, world.cycle.picks_per_side, reserves)
    )
    return services.propose_pick(actor, nomination.pk)


def finish(world, reserves=1):
    """Both directions nominated, picked and confirmed by the managers tina and theo."""
    tina, theo = world.users.tina, world.users.theo
    tc = nominate(world, world.taichung, tina)
    tl = nominate(world, world.toulouse, theo)
    pick(world, tc, theo, reserves)
    pick(world, tl, tina, reserves)
    services.confirm_pick(tina, tc.pk)
    services.confirm_pick(theo, tl.pk)
    return Nomination.objects.get(pk=tc.pk), Nomination.objects.get(pk=tl.pk)


def place_of(application):
    return Place.objects.get(application=application)
