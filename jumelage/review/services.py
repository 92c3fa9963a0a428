"""Decisions of a committee: invitations, conflicts, assignments, reviews, reminders.

Each function takes the acting user, runs in a transaction and leaves an Event row; views
call these and never write review data themselves."""

from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.calls.enums import ApplicationState
from jumelage.core import moments
from jumelage.notifications.services import draft_message, queue_message
from jumelage.optimize.assignment import assign as solve_assignment
from jumelage.optimize.assignment import assign_reviewers
from jumelage.optimize.instance import InfeasibleAssignment
from jumelage.review import affinity, permissions
from jumelage.review.enums import AssignmentSource, EventKind, ReviewState
from jumelage.review.models import Assignment, Bid, Committee, Conflict, Event, Member, Review
from jumelage.review.queries import applications_to_review, conflicted_pairs

INVITATION_SALT = "jumelage.review.invitation"
INVITATION_MAX_AGE = 30 * 24 * 3600
FAIRNESS_SECONDS = 30  # the fair assignment's search stops there with the best found


class ReviewRefused(Exception):
    """The change is not allowed now; the message says why, for the person who asked."""


def _record(committee, kind, actor, *, member=None, application=None, **detail) -> Event:
    return Event.objects.create(
        committee=committee,
        kind=kind,
        actor=actor,
        member=member,
        application=application,
        detail=detail,
    )


def _require_manager(actor, committee):
    if not permissions.can_manage(actor, committee):
        raise PermissionDenied(_("Only the programme managers of this city can do this."))


# Committee and members


@transaction.atomic
def save_committee(actor, committee: Committee, changed: list[str]) -> Committee:
    """Create or update a committee from a validated form's instance."""
    _require_manager(actor, committee)
    created = committee.pk is None
    committee.save()
    if not created and changed:
        _record(committee, EventKind.COMMITTEE_CHANGED, actor, fields=sorted(changed))
    return committee


def invitation_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=INVITATION_SALT)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def invitation_link(member: Member) -> str:
    return _absolute(reverse("review:invitation", kwargs={"token": invitation_token(member)}))


@transaction.atomic
def invite_member(actor, member: Member, themes) -> Member:
    """Seat `member` (an unsaved instance from a form) and send the invitation by email."""
    committee = member.committee
    _require_manager(actor, committee)
    member.email = member.email.lower()
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise ReviewRefused(_("%(email)s is already invited.") % {"email": member.email}) from None
    member.themes.set(themes)
    _record(committee, EventKind.MEMBER_INVITED, actor, member=member, email=member.email)
    _queue_invitation(member)
    return member


def _queue_invitation(member):
    queue_message(
        "committee-invitation",
        **_invitation(member),
        dedupe_key=f"committee-invitation:{member.pk}",
    )


def draft_invitation(member):
    """The invitation as a draft in the side's outbox, for its managers to release when
    they are ready (a seat carried over into next year's committee)."""
    draft_message("committee-invitation", **_invitation(member), slot=f"invitation:{member.pk}")


def _invitation(member) -> dict:
    committee = member.committee
    return {
        "recipient": _recipient(member),
        "language": member.language,
        "context": {
            "name": member.name,
            "city": str(committee.side.city),
            "cycle": committee.cycle.name,
            "role": member.get_role_display(),
            "link": invitation_link(member),
        },
        "side": committee.side,
    }


def _recipient(member):
    """The outbox addresses users; an invitee without an account gets a stand-in."""
    return member.user or User(email=member.email, full_name=member.name)


def member_for_token(token: str) -> Member:
    try:
        member_id = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        raise ReviewRefused(_("This invitation link is not valid or has expired.")) from None
    member = (
        Member.objects.select_related("committee__side", "committee__cycle")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise ReviewRefused(_("This invitation was withdrawn."))
    return member


@transaction.atomic
def accept_invitation(user, token: str) -> Member:
    """Give the seat to `user`, who must be signed in with the address it was sent to."""
    member = member_for_token(token)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user_id == user.pk:
        return member
    if member.user_id is not None or member.email.lower() != user.email.lower():
        raise ReviewRefused(
            _("This invitation was sent to %(email)s: sign in with that address to accept it.")
            % {"email": member.email}
        )
    member.user, member.joined_at = user, timezone.now()
    member.save(update_fields=["user", "joined_at"])
    _record(member.committee, EventKind.MEMBER_JOINED, user, member=member)
    return member


@transaction.atomic
def remove_member(actor, member: Member) -> None:
    committee = member.committee
    _require_manager(actor, committee)
    if member.reviews.filter(state=ReviewState.SUBMITTED).exists():
        raise ReviewRefused(
            _("%(name)s has submitted reviews: they stay on the committee so their scores count.")
            % {"name": member.name}
        )
    _record(committee, EventKind.MEMBER_REMOVED, actor, email=member.email, name=member.name)
    member.delete()


# Conflicts of interest


@transaction.atomic
def declare_conflict(actor, member: Member, application, reason: str = "") -> Conflict:
    """The member may neither see nor score the application from now on; a draft review
    and the assignment go, a submitted review stays on record but never counts."""
    if not (actor.pk == member.user_id or permissions.can_manage(actor, member.committee)):
        raise PermissionDenied(_("Only the reviewer or a programme manager can declare this."))
    conflict, created = Conflict.objects.get_or_create(
        member=member,
        application=application,
        defaults={"reason": reason[:300], "declared_by": actor},
    )
    if created:
        Assignment.objects.filter(member=member, application=application).delete()
        Review.objects.filter(
            member=member, application=application, state=ReviewState.DRAFT
        ).delete()
        _record(
            member.committee,
            EventKind.CONFLICT_DECLARED,
            actor,
            member=member,
            application=application,
        )
    return conflict


# Assignments


def _check_pair(member, application, conflicts):
    if (member.pk, application.pk) in conflicts:
        raise ReviewRefused(
            _("%(name)s declared a conflict with %(reference)s.")
            % {"name": member.name, "reference": application.reference}
        )


@transaction.atomic
def assign(actor, member: Member, applications, source=AssignmentSource.HAND) -> int:
    """Assign `applications` to `member`; returns how many were new. Conflicted pairs and
    loads beyond the member's limit are refused, all or nothing."""
    committee = member.committee
    _require_manager(actor, committee)
    Member.objects.select_for_update().get(pk=member.pk)  # one assigner at a time per member
    allowed = set(applications_to_review(committee).values_list("pk", flat=True))
    conflicts = conflicted_pairs(committee)
    current = set(member.assignments.values_list("application_id", flat=True))
    new = [a for a in applications if a.pk not in current]
    for application in new:
        if application.pk not in allowed:
            raise ReviewRefused(_("Only submitted applications of this call can be assigned."))
        _check_pair(member, application, conflicts)
    if len(current) + len(new) > member.load_cap:
        raise ReviewRefused(
            _("%(name)s would have %(count)s applications; the limit is %(cap)s.")
            % {"name": member.name, "count": len(current) + len(new), "cap": member.load_cap}
        )
    for application in new:
        Assignment.objects.create(member=member, application=application, source=source)
        _record(committee, EventKind.ASSIGNED, actor, member=member, application=application)
    return len(new)


@transaction.atomic
def unassign(actor, assignment: Assignment) -> None:
    member = assignment.member
    _require_manager(actor, member.committee)
    review = Review.objects.filter(member=member, application=assignment.application_id).first()
    if review and review.state == ReviewState.SUBMITTED:
        raise ReviewRefused(_("The review is submitted: send it back before removing it."))
    if review:
        review.delete()
    _record(
        member.committee,
        EventKind.UNASSIGNED,
        actor,
        member=member,
        application=assignment.application,
    )
    assignment.delete()


@transaction.atomic
def set_pinned(actor, assignment: Assignment, pinned: bool) -> None:
    """A pinned pair survives every automatic re-run."""
    member = assignment.member
    _require_manager(actor, member.committee)
    Assignment.objects.filter(pk=assignment.pk).update(pinned=pinned)
    kind = EventKind.PINNED if pinned else EventKind.UNPINNED
    _record(member.committee, kind, actor, member=member, application=assignment.application)


def forbid(actor, assignment: Assignment) -> Conflict:
    """A manager rules a pair out: it counts as a conflict (never assigned again)."""
    _require_manager(actor, assignment.member.committee)
    return declare_conflict(
        actor, assignment.member, assignment.application, _("Ruled out by a programme manager.")
    )


@transaction.atomic
def save_bids(actor, member: Member, levels: dict) -> int:
    """Store the member's wishes ({application id: level, or "" for none}) for the
    applications they may see; returns how many wishes they now hold."""
    if actor.pk != member.user_id:
        raise PermissionDenied(_("Only the reviewer can state their wishes."))
    visible = set(biddable(member).values_list("pk", flat=True))
    for application_id, level in levels.items():
        if application_id not in visible:
            continue
        if level:
            Bid.objects.update_or_create(
                member=member, application_id=application_id, defaults={"level": level}
            )
        else:
            Bid.objects.filter(member=member, application_id=application_id).delete()
    _record(member.committee, EventKind.BIDS_SAVED, actor, member=member)
    return member.bids.count()


def biddable(member: Member):
    """The committee's applications the member may bid on: all but their conflicts."""
    return applications_to_review(member.committee).exclude(conflicts__member=member)


@dataclass(frozen=True)
class AutoAssignment:
    added: int
    removed: int
    short: dict  # application id → how many reviewers it still lacks
    optimal: bool  # False when only a partial assignment was possible


def plan_assignment(committee: Committee):
    """The committee as plain data for the partial solver (`optimize.assignment.assign`)."""
    members = list(committee.members.prefetch_related("themes"))
    applications = applications_to_review(committee).values_list("pk", "theme_id")
    existing = Assignment.objects.filter(member__committee=committee).values_list(
        "member_id", "application_id"
    )
    return {
        "applications": dict(applications),
        "reviewers": [m.pk for m in members],
        "k": committee.reviews_per_application,
        "load_cap": {m.pk: m.load_cap for m in members},
        "conflicts": conflicted_pairs(committee),
        "interests": {m.pk: {t.pk for t in m.themes.all()} for m in members},
        "existing": list(existing),
    }


@transaction.atomic
def auto_assign(actor, committee: Committee, progress=None, fairness=False) -> AutoAssignment:
    """Give every application the committee's k reviewers with the greatest total
    affinity (texts, themes, wishes), respecting conflicts and limits, keeping pinned
    pairs and begun reviews, and moving as few other pairs as that allows. When no full
    assignment exists, fill what can be filled and say which applications are short.
    With `fairness`, the worst-matched application is served first, then the total."""
    _require_manager(actor, committee)
    Committee.objects.select_for_update().get(pk=committee.pk)
    found = affinity.matrices(committee)
    if not found.applications:
        return AutoAssignment(0, 0, {}, optimal=True)
    try:
        result = assign_reviewers(
            found.affinity,
            committee.reviews_per_application,
            max_load=np.array([m.load_cap for m in found.members]),
            conflicts=found.conflicts,
            pinned=found.pinned,
            previous=found.previous,
            progress=progress,
            fairness=fairness,
            time_limit=FAIRNESS_SECONDS if fairness else None,
        )
    except InfeasibleAssignment:
        return _fill_what_fits(actor, committee)
    return _replace_assignments(actor, committee, found, result.pairs)


def _replace_assignments(actor, committee, found, pairs) -> AutoAssignment:
    wanted = {
        (found.members[j].pk, found.applications[i].pk): float(found.affinity[i, j])
        for i, j in pairs
    }
    current = {(a.member_id, a.application_id): a for a in _assignments_of(committee)}
    gone = [a.pk for pair, a in current.items() if pair not in wanted]
    Assignment.objects.filter(pk__in=gone).delete()
    for pair, value in wanted.items():
        if pair in current:
            Assignment.objects.filter(pk=current[pair].pk).update(affinity=value)
        else:
            Assignment.objects.create(
                member_id=pair[0],
                application_id=pair[1],
                source=AssignmentSource.AUTOMATIC,
                affinity=value,
            )
    added = len(wanted.keys() - current.keys())
    _record(committee, EventKind.ASSIGNED, actor, automatic=added, removed=len(gone))
    return AutoAssignment(added, len(gone), {}, optimal=True)


def _assignments_of(committee):
    return Assignment.objects.filter(member__committee=committee)


def _fill_what_fits(actor, committee) -> AutoAssignment:
    result = solve_assignment(**plan_assignment(committee))
    members = {m.pk: m for m in committee.members.all()}
    for member_id, application_id in result.added:
        Assignment.objects.create(
            member=members[member_id],
            application_id=application_id,
            source=AssignmentSource.AUTOMATIC,
        )
    if result.added:
        _record(committee, EventKind.ASSIGNED, actor, automatic=len(result.added))
    return AutoAssignment(len(result.added), 0, result.short, optimal=False)


# Reviews


def _scored_problems(review, committee) -> list[str]:
    problems = []
    for criterion in committee.criteria.all():
        value = review.scores.get(str(criterion.pk))
        if value is None and criterion.required:
            problems.append(_("Give a score for “%(name)s”.") % {"name": criterion.name})
    for question in committee.reviewer_questions.all():
        if question.required and not str(review.answers.get(str(question.pk), "")).strip():
            problems.append(_("Answer “%(label)s”.") % {"label": question.label})
    return problems


def _locked_review(member, application) -> Review:
    review, _created = Review.objects.get_or_create(member=member, application=application)
    return Review.objects.select_for_update().get(pk=review.pk)


def review_not_open(application) -> str | None:
    """Why the application cannot be reviewed yet or any more, or None."""
    if application.state != ApplicationState.SUBMITTED:
        return _("This application was withdrawn: it is no longer reviewed.")
    if not application.call.has_closed():
        return _(
            "Reviews open when the call has closed, on %(deadline)s: until then applicants "
            "may still change their answers."
        ) % {
            "deadline": moments.moment_for_reader(
                application.call.closes_at, application.call.side.tzinfo
            )
        }
    return None


def _require_reviewable(member, application):
    if not permissions.may_review(member, application):
        raise PermissionDenied(_("This application is not assigned to you."))
    reason = review_not_open(application)
    if reason:
        raise ReviewRefused(reason)


@dataclass(frozen=True)
class ReviewResult:
    review: Review
    problems: list[str]  # why it could not be submitted; the draft is saved all the same


@transaction.atomic
def save_review(actor, member, application, data: dict, *, submit=False) -> ReviewResult:
    """Store the member's scores, answers and comments as a draft; with `submit`, submit
    it when every required criterion and question is answered. A submitted review only
    changes after a chair or manager sends it back."""
    if actor.pk != member.user_id:
        raise PermissionDenied(_("Only the reviewer can write their review."))
    _require_reviewable(member, application)
    review = _locked_review(member, application)
    if review.state == ReviewState.SUBMITTED:
        raise ReviewRefused(_("This review is already submitted."))
    for field in ("scores", "answers", "comment", "comment_for_applicant"):
        setattr(review, field, data[field])
    problems = _scored_problems(review, member.committee) if submit else []
    if submit and not problems:
        _move(review, actor, ReviewState.SUBMITTED)
    review.save()
    return ReviewResult(review, problems)


def _move(review, actor, to_state):
    """The one place where a review's status changes."""
    if (review.state, to_state) not in ReviewState.allowed_moves():
        raise ReviewRefused(_("This review cannot change that way."))
    review.state = to_state
    review.submitted_at = timezone.now() if to_state == ReviewState.SUBMITTED else None
    kind = (
        EventKind.REVIEW_SUBMITTED
        if to_state == ReviewState.SUBMITTED
        else EventKind.REVIEW_REOPENED
    )
    _record(
        review.member.committee,
        kind,
        actor,
        member=review.member,
        application=review.application,
    )


@transaction.atomic
def reopen_review(actor, review: Review) -> Review:
    """Send a submitted review back to its reviewer (chairs and managers)."""
    committee = review.member.committee
    if not (permissions.can_manage(actor, committee) or permissions.is_chair(actor, committee)):
        raise PermissionDenied(_("Only the chair or a programme manager can send a review back."))
    review = Review.objects.select_for_update().get(pk=review.pk)
    _move(review, actor, ReviewState.DRAFT)
    review.save()
    return review


# Reminders


def late_members(committee):
    """Members with at least one assigned application whose review is not submitted."""
    late = []
    submitted = set(
        Review.objects.filter(member__committee=committee, state=ReviewState.SUBMITTED).values_list(
            "member_id", "application_id"
        )
    )
    for member in committee.members.prefetch_related("assignments"):
        missing = [
            a for a in member.assignments.all() if (member.pk, a.application_id) not in submitted
        ]
        if missing:
            late.append((member, len(missing)))
    return late


@transaction.atomic
def remind_late(actor, committee: Committee) -> int:
    """Queue one templated reminder per late member (at most one per member per day)."""
    _require_manager(actor, committee)
    today = timezone.localdate()
    late = late_members(committee)
    for member, missing in late:
        queue_message(
            "review-reminder",
            recipient=_recipient(member),
            language=member.language,
            context={
                "name": member.name,
                "count": str(missing),
                "city": str(committee.side.city),
                "deadline": _deadline_text(committee, member.language),
                "link": _absolute(reverse("review:queue", kwargs=_committee_kwargs(committee))),
            },
            side=committee.side,
            dedupe_key=f"review-reminder:{member.pk}:{today.isoformat()}",
        )
        _record(committee, EventKind.REMINDED, actor, member=member, missing=missing)
    return len(late)


def _deadline_text(committee, language) -> str:
    if committee.review_deadline is None:
        return "—"
    return moments.moment(committee.review_deadline, committee.side.tzinfo, language)


def _committee_kwargs(committee) -> dict:
    return {
        "partnership_slug": committee.cycle.partnership.slug,
        "cycle_slug": committee.cycle.slug,
        "side_slug": committee.side.slug,
    }


# Likely conflicts, offered to the reviewer to declare

# Addresses at these providers say nothing about where a person works.
PUBLIC_MAIL_DOMAINS = {
    "gmail.com",
    "yahoo.com",
    "yahoo.com.tw",
    "hotmail.com",
    "outlook.com",
    "icloud.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "wanadoo.fr",
    "sfr.fr",
    "qq.com",
    "163.com",
    "msn.com",
    "example.org",
}


def _domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


def _conflict_reasons(member, application) -> list[str]:
    """Why `member` may be conflicted with `application`, in words that name no one (a
    blind committee's reviewer reads them)."""
    reasons = []
    domain = _domain(member.email)
    applicant_domains = {_domain(application.contact_email), _domain(application.applicant.email)}
    if domain not in PUBLIC_MAIL_DOMAINS and domain in applicant_domains:
        reasons.append(_("Your email address is at the same domain as the team's."))
    organisation = member.organisation.strip().casefold()
    if organisation and organisation in application.organisation.casefold():
        reasons.append(_("The team's organisation is yours."))
    name = member.name.strip().casefold()
    team_text = " ".join(
        [application.contact_name, application.team_name, str(application.answers)]
    )
    if name and name in team_text.casefold():
        reasons.append(_("Your name appears in the application."))
    return reasons


def likely_conflicts(member, applications) -> dict:
    """{application id: reasons} for the applications that look conflicted."""
    found = {}
    for application in applications:
        reasons = _conflict_reasons(member, application)
        if reasons:
            found[application.pk] = reasons
    return found
