"""Committees for the review tests: built through the review services where they decide."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jumelage.calls import services as call_services
from jumelage.review import services
from jumelage.review.models import Committee, Criterion, Member
from tests import factories as f


def close_call(call):
    """Move the call into the past: reviews open when it has closed."""
    now = timezone.now()
    call.opens_at, call.closes_at = now - dt.timedelta(days=60), now - dt.timedelta(days=1)
    call.save(update_fields=["opens_at", "closes_at"])


def submitted_application(world, call, user, team, **fields):
    """An application submitted through the services while the call is open."""
    application = call_services.start_application(user, call, "en")
    answers = {
        "language": "en",
        "team_name": team,
        "organisation": fields.get("organisation", f"{team} Ltd"),
        "contact_name": fields.get("contact_name", user.full_name),
        "contact_email": fields.get("contact_email", user.email),
        "theme": world.theme.pk,
    }
    deck = {"pitch_deck": SimpleUploadedFile(f"{team}-deck.pdf", f.MINIMAL_PDF)}
    call_services.save_application(user, application.pk, answers, deck)
    assert call_services.submit_application(user, application.pk).ok
    application.refresh_from_db()
    return application


def committee(world, side=None, **settings) -> Committee:
    side = side or world.taichung
    return Committee.objects.create(cycle=world.cycle, side=side, **settings)


def criterion(committee, name="Team", scale=(1, 5), weight=1, required=True) -> Criterion:
    return Criterion.objects.create(
        committee=committee,
        name=name,
        scale_min=scale[0],
        scale_max=scale[1],
        weight=weight,
        required=required,
        guidance="1: no team yet\n5: complete, experienced team",
    )


def seat(committee, user, role="reviewer", **fields) -> Member:
    """A member who has joined (the invitation accepted)."""
    return Member.objects.create(
        committee=committee,
        user=user,
        email=user.email,
        name=user.full_name,
        role=role,
        joined_at=timezone.now(),
        **fields,
    )


def submit_review(member, application, scores, comment="Solid."):
    data = {
        "scores": {str(k): v for k, v in scores.items()},
        "answers": {},
        "comment": comment,
        "comment_for_applicant": "",
    }
    result = services.save_review(member.user, member, application, data, submit=True)
    assert result.problems == []
    return result.review
