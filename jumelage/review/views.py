"""Pages of a committee: the managers' set-up and dashboard, the reviewers' queue."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.calls.files import download
from jumelage.calls.forms import readable_answers
from jumelage.calls.queries import pitch_of
from jumelage.core import moments
from jumelage.partnerships.models import Side
from jumelage.partnerships.queries import cycle_or_404
from jumelage.review import affinity, blind, exports, permissions, progress, queries, services
from jumelage.review.enums import Aggregate, AssignmentSource, ReviewState
from jumelage.review.forms import (
    AssignForm,
    BidsForm,
    CommitteeForm,
    ConflictForm,
    CriterionForm,
    MemberForm,
    ReviewerQuestionForm,
    ReviewForm,
)
from jumelage.review.models import (
    Assignment,
    Committee,
    Criterion,
    Member,
    Review,
    ReviewerQuestion,
)
from jumelage.review.scrub import scrubbed
from jumelage.review.tasks import run_assignment

RECENT_EVENTS = 15


def _managed_committee(request, partnership_slug, cycle_slug, side_slug) -> Committee:
    committee = permissions.committee_or_404(partnership_slug, cycle_slug, side_slug)
    if not permissions.can_manage(request.user, committee):
        raise PermissionDenied
    return committee


def _back(committee, name="review:dashboard"):
    return redirect(name, **services._committee_kwargs(committee))


def _refused(request, error):
    messages.error(request, str(error))


# Managers: set-up


@login_required
@require_http_methods(["GET", "POST"])
def setup(request, partnership_slug, cycle_slug, side_slug):
    """Create the committee of a side and cycle, or change its settings."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = get_object_or_404(Side, partnership=cycle.partnership, slug=side_slug)
    committee = queries.committee_for(cycle, side) or Committee(cycle=cycle, side=side)
    if not permissions.can_manage(request.user, committee):
        raise PermissionDenied
    with timezone.override(side.tzinfo):
        form = CommitteeForm(request.POST or None, instance=committee)
        if request.method == "POST" and form.is_valid():
            services.save_committee(request.user, form.instance, form.changed_data)
            messages.success(request, _("The committee's settings are saved."))
            return _back(form.instance)
        context = {"committee": committee, "cycle": cycle, "side": side, "form": form}
        status = 400 if form.errors else 200
        return render(request, "review/setup.html", context, status=status)


@login_required
@require_safe
def dashboard(request, partnership_slug, cycle_slug, side_slug):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    applications = list(queries.assignments_by_application(committee))
    for application in applications:
        application.submitted_reviews = _submitted_count(application)
    context = {
        "committee": committee,
        "members": queries.members_with_progress(committee),
        "applications": applications,
        "reviews_done": sum(a.submitted_reviews for a in applications),
        "reviews_wanted": len(applications) * committee.reviews_per_application,
        "late": services.late_members(committee),
        "events": committee.events.select_related("actor", "member", "application__call").order_by(
            "-created", "-id"
        )[:RECENT_EVENTS],
    }
    return render(request, "review/dashboard.html", context)


def _submitted_count(application):
    return sum(1 for r in application.committee_reviews if r.state == ReviewState.SUBMITTED)


@login_required
@require_http_methods(["GET", "POST"])
def members(request, partnership_slug, cycle_slug, side_slug):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    form = MemberForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(request.user, form.instance, form.cleaned_data["themes"])
        except services.ReviewRefused as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("The invitation is in the outbox."))
            return _back(committee, "review:members")
    context = {
        "committee": committee,
        "form": form,
        "members": queries.members_with_progress(committee).prefetch_related("themes"),
    }
    return render(request, "review/members.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def member_remove(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    member = get_object_or_404(Member, committee=committee, pk=pk)
    try:
        services.remove_member(request.user, member)
    except services.ReviewRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("%(name)s left the committee.") % {"name": member.name})
    return _back(committee, "review:members")


@login_required
@require_http_methods(["GET", "POST"])
def criteria(request, partnership_slug, cycle_slug, side_slug):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    adding = request.POST.get("add")
    criterion_form = CriterionForm(
        request.POST if adding == "criterion" else None,
        instance=Criterion(committee=committee),
        prefix="criterion",
    )
    question_form = ReviewerQuestionForm(
        request.POST if adding == "question" else None,
        instance=ReviewerQuestion(committee=committee),
        prefix="question",
    )
    form = {"criterion": criterion_form, "question": question_form}.get(adding)
    if form is not None and form.is_valid():
        form.save()
        messages.success(request, _("Added."))
        return _back(committee, "review:criteria")
    context = {
        "committee": committee,
        "criteria": committee.criteria.all(),
        "questions": committee.reviewer_questions.all(),
        "criterion_form": criterion_form,
        "question_form": question_form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "review/criteria.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    criterion = get_object_or_404(Criterion, committee=committee, pk=pk)
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The criterion is saved."))
        return _back(committee, "review:criteria")
    context = {"committee": committee, "criterion": criterion, "form": form}
    return render(
        request, "review/criterion_edit.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def criterion_delete(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    get_object_or_404(Criterion, committee=committee, pk=pk).delete()
    messages.success(request, _("The criterion is deleted; its scores no longer count."))
    return _back(committee, "review:criteria")


@login_required
@require_POST
def question_delete(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    get_object_or_404(ReviewerQuestion, committee=committee, pk=pk).delete()
    messages.success(request, _("The question is deleted."))
    return _back(committee, "review:criteria")


# Managers: assignments, ranking, export, reminders


@login_required
@require_http_methods(["GET", "POST"])
def assignments(request, partnership_slug, cycle_slug, side_slug):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    form = AssignForm(
        request.POST or None,
        members=committee.members.all(),
        applications=queries.applications_to_review(committee),
    )
    if request.method == "POST" and form.is_valid():
        try:
            added = services.assign(
                request.user,
                form.cleaned_data["member"],
                list(form.cleaned_data["applications"]),
                source=AssignmentSource.BULK,
            )
        except services.ReviewRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(count)s assignment(s) added.") % {"count": added})
            return _back(committee, "review:assignments")
    context = {
        "committee": committee,
        "form": form,
        "applications": _with_wishes(queries.assignments_by_application(committee)),
        "conflicts": queries.conflicted_pairs(committee),
        "members": committee.members.all(),
        "match": affinity.match_parts(),
        "stopped_run": _stopped_run(committee),
    }
    return render(request, "review/assignments.html", context, status=400 if form.errors else 200)


def _stopped_run(committee):
    """The last automatic run, when it stopped without finishing: the page offers it again."""
    run = progress.read(committee.pk)
    return run if run is not None and progress.is_stopped(run) else None


def _with_wishes(applications):
    """Each assignment learns its reviewer's wish for the application, to show why."""
    applications = list(applications)
    for application in applications:
        wishes = {bid.member_id: bid for bid in application.committee_bids}
        for assignment in application.committee_assignments:
            assignment.wish = wishes.get(assignment.member_id)
    return applications


@login_required
@require_POST
def auto_assign(request, partnership_slug, cycle_slug, side_slug):
    """Start the automatic assignment; inline tasks finish before the answer, a worker
    reports its progress on the progress page. A run that stopped without finishing may
    be started again; one that is alive is not started twice."""
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    if progress.is_running(progress.read(committee.pk)):
        messages.info(request, _("The automatic assignment is already running."))
        return _back(committee, "review:assignment_progress")
    fairness = request.POST.get("fairness") == "on"
    progress.begin(committee.pk)
    run_assignment.delay(committee.pk, request.user.pk, fairness)
    return _back(committee, "review:assignment_progress")


@login_required
@require_safe
def assignment_progress(request, partnership_slug, cycle_slug, side_slug):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    run = progress.read(committee.pk)
    if run is None:
        return _back(committee, "review:assignments")
    if not progress.is_finished(run):
        context = {"committee": committee, "run": run, "stopped": progress.is_stopped(run)}
        return render(request, "review/assignment_progress.html", context)
    progress.clear(committee.pk)
    _announce(request, committee, run.outcome)
    return _back(committee, "review:assignments")


def _announce(request, committee, result):
    messages.success(
        request,
        _("%(added)s assignment(s) added, %(removed)s moved away.")
        % {"added": result["added"], "removed": result["removed"]},
    )
    if result["short"]:
        messages.error(
            request,
            _(
                "%(count)s application(s) could not get %(k)s reviewers: invite more members, "
                "raise the limits or review the conflicts."
            )
            % {"count": result["short"], "k": committee.reviews_per_application},
        )


@login_required
@require_POST
def pin(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    assignment = _assignment_or_404(committee, pk)
    services.set_pinned(request.user, assignment, not assignment.pinned)
    return _back(committee, "review:assignments")


@login_required
@require_POST
def forbid(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    assignment = _assignment_or_404(committee, pk)
    services.forbid(request.user, assignment)
    messages.success(
        request,
        _("%(name)s will not review %(reference)s.")
        % {"name": assignment.member.name, "reference": assignment.application.reference},
    )
    return _back(committee, "review:assignments")


def _assignment_or_404(committee, pk) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("member__committee", "application__call"),
        member__committee=committee,
        pk=pk,
    )


@login_required
@require_POST
def unassign(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    assignment = _assignment_or_404(committee, pk)
    try:
        services.unassign(request.user, assignment)
    except services.ReviewRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The assignment is removed."))
    return _back(committee, "review:assignments")


RANKING_METHODS = [*Aggregate.choices, *queries.CALIBRATIONS.items()]


def _method(request, committee):
    method = request.GET.get("method")
    return method if method in dict(RANKING_METHODS) else committee.aggregate


@login_required
@require_safe
def ranking(request, partnership_slug, cycle_slug, side_slug):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    method = _method(request, committee)
    context = {
        "committee": committee,
        "method": method,
        "methods": RANKING_METHODS,
        "cut": committee.cycle.nominations_per_side,
    }
    if method in queries.CALIBRATIONS:
        context["calibrated"], context["tied"] = queries.calibrated_ranking(committee, method)
    else:
        context["lines"] = queries.ranking_of(committee, method)
    return render(request, "review/ranking.html", context)


@login_required
@require_safe
def export(request, partnership_slug, cycle_slug, side_slug, fmt):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    if fmt not in exports.FORMATS:
        raise Http404
    stamp = moments.file_stamp(dt.date.today())
    filename = f"reviews-{committee.side.slug}-{committee.cycle.slug}-{stamp}"
    return exports.response(committee, fmt, filename)


@login_required
@require_POST
def remind(request, partnership_slug, cycle_slug, side_slug):
    committee = _managed_committee(request, partnership_slug, cycle_slug, side_slug)
    count = services.remind_late(request.user, committee)
    messages.success(request, _("%(count)s reminder(s) queued in the outbox.") % {"count": count})
    return _back(committee)


@login_required
@require_POST
def reopen(request, partnership_slug, cycle_slug, side_slug, pk):
    committee = permissions.committee_or_404(partnership_slug, cycle_slug, side_slug)
    review = get_object_or_404(
        Review.objects.select_related("member__committee", "application"),
        member__committee=committee,
        pk=pk,
    )
    try:
        services.reopen_review(request.user, review)
    except services.ReviewRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The review is back with its reviewer."))
    return _back(committee, "review:assignments")


# Invitations


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    try:
        member = services.member_for_token(token)
    except services.ReviewRefused as error:
        return render(request, "review/invitation.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        try:
            member = services.accept_invitation(request.user, token)
        except services.ReviewRefused as error:
            context = {"member": member, "error": str(error)}
            return render(request, "review/invitation.html", context, status=403)
        messages.success(request, _("Welcome to the committee."))
        return _back(member.committee, "review:queue")
    return render(request, "review/invitation.html", {"member": member})


# Reviewers


def _seat(request, partnership_slug, cycle_slug, side_slug):
    committee = permissions.committee_or_404(partnership_slug, cycle_slug, side_slug)
    return permissions.seat_or_404(request.user, committee)


@login_required
@require_safe
def queue(request, partnership_slug, cycle_slug, side_slug):
    seat = _seat(request, partnership_slug, cycle_slug, side_slug)
    committee = seat.committee
    assigned = (
        seat.assignments.select_related(
            "application__call", "application__theme", "application__applicant"
        )
        .prefetch_related(
            Prefetch(
                "application__reviews", queryset=Review.objects.filter(member=seat), to_attr="mine"
            )
        )
        .order_by("application_id")
    )
    rows = [
        (a.application, a.application.mine[0] if a.application.mine else None) for a in assigned
    ]
    context = {
        "committee": committee,
        "seat": seat,
        "rows": rows,
        "likely": services.likely_conflicts(seat, [application for application, _r in rows]),
        "shows_identity": permissions.sees_identity(request.user, committee),
        "call_closed": bool(rows) and rows[0][0].call.has_closed(),
    }
    return render(request, "review/queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bids(request, partnership_slug, cycle_slug, side_slug):
    seat = _seat(request, partnership_slug, cycle_slug, side_slug)
    applications = services.biddable(seat).select_related("applicant")
    current = dict(seat.bids.values_list("application_id", "level"))
    form = BidsForm(request.POST or None, applications=applications, bids=current)
    if request.method == "POST" and form.is_valid():
        count = services.save_bids(request.user, seat, form.levels())
        messages.success(request, _("%(count)s wish(es) saved.") % {"count": count})
        return _back(seat.committee, "review:bids")
    shows_identity = permissions.sees_identity(request.user, seat.committee)
    context = {
        "committee": seat.committee,
        "seat": seat,
        "form": form,
        "rows": [
            (application, field, _pitch_for(application, shows_identity))
            for application, field in form.rows()
        ],
        "shows_identity": shows_identity,
    }
    return render(request, "review/bids.html", context, status=400 if form.errors else 200)


def _pitch_for(application, shows_identity) -> str:
    if shows_identity:
        return pitch_of(application)
    return blind.pitch(application, blind.identity_of(application))


@login_required
@require_http_methods(["GET", "POST"])
def review(request, partnership_slug, cycle_slug, side_slug, pk):
    seat = _seat(request, partnership_slug, cycle_slug, side_slug)
    application = permissions.application_for_member(seat, pk)
    committee = seat.committee
    mine = Review.objects.filter(member=seat, application=application).first()
    form = ReviewForm(
        request.POST or None,
        initial=ReviewForm.initial_from(mine),
        criteria=committee.criteria.all(),
        questions=committee.reviewer_questions.all(),
    )
    not_open = services.review_not_open(application)
    if request.method == "POST" and not_open and not _submitted(seat, application):
        return _render_review(request, seat, application, mine, form, not_open, status=409)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        data = form.review_data()
        try:
            result = services.save_review(request.user, seat, application, data, submit=submit)
        except services.ReviewRefused as error:
            if _submitted(seat, application):
                # A double click or a second tab: the first submission stands, say so.
                messages.info(request, str(error))
                return redirect(request.path)
            form.add_error(None, str(error))
        else:
            if not result.problems:
                done = _("Your review is submitted.") if submit else _("Draft saved.")
                messages.success(request, done)
                return redirect(request.path)
            mine = result.review
            form.add_error(None, _("Your draft is saved but not submitted:"))
            for problem in result.problems:
                form.add_error(None, problem)
    return _render_review(request, seat, application, mine, form, not_open)


def _submitted(seat, application) -> bool:
    return Review.objects.filter(
        member=seat, application=application, state=ReviewState.SUBMITTED
    ).exists()


def _render_review(request, seat, application, mine, form, not_open=None, status=None):
    committee = seat.committee
    criteria = list(committee.criteria.all())
    submitted = mine is not None and mine.state == ReviewState.SUBMITTED
    others_visible = submitted or not committee.hide_others_until_submitted
    shows_identity = permissions.sees_identity(request.user, committee)
    identity = None if shows_identity else blind.identity_of(application)
    others = _other_reviews(seat, application, criteria, identity) if others_visible else None
    context = {
        "committee": committee,
        "seat": seat,
        "application": application,
        "review": mine,
        "submitted": submitted,
        "form": form,
        "not_open": not_open,
        "answers": _answers(application, identity),
        "files": blind.files(application, identity),
        "shows_identity": shows_identity,
        "my_scores": _scores(criteria, mine),
        "others": others,
        "conflict_form": ConflictForm(),
    }
    status = status or (400 if form.errors else 200)
    return render(request, "review/review.html", context, status=status)


def _answers(application, identity):
    """Every answer for a reviewer who sees the team; masked ones for a blind reviewer."""
    if identity is None:
        return [blind.Answer(q, text) for q, text in readable_answers(application)]
    return blind.answers(application, identity)


def _scores(criteria, review):
    """(criterion, score or None) for each criterion, in the committee's order."""
    scores = review.scores if review else {}
    return [(criterion, scores.get(str(criterion.pk))) for criterion in criteria]


def _other_reviews(seat, application, criteria, identity):
    """The other members' submitted reviews, except those of members in conflict; in a
    blind committee, a comment that names the team is masked too."""
    reviews = list(
        Review.objects.filter(application=application, state=ReviewState.SUBMITTED)
        .exclude(member=seat)
        .exclude(member__conflicts__application=application)
        .select_related("member")
    )
    for other in reviews:
        if identity is not None:
            other.comment = blind.masked_text(other.comment, identity)
    return [(other, _scores(criteria, other)) for other in reviews]


@login_required
@require_POST
def conflict(request, partnership_slug, cycle_slug, side_slug, pk):
    seat = _seat(request, partnership_slug, cycle_slug, side_slug)
    application = permissions.application_for_member(seat, pk)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.declare_conflict(request.user, seat, application, reason)
    messages.success(
        request,
        _("Conflict recorded: %(reference)s is no longer in your queue.")
        % {"reference": application.reference},
    )
    return _back(seat.committee, "review:queue")


@login_required
@require_safe
def attachment(request, partnership_slug, cycle_slug, side_slug, pk, key):
    """A file of an application under review, under a neutral name in a blind committee."""
    seat = _seat(request, partnership_slug, cycle_slug, side_slug)
    application = permissions.application_for_member(seat, pk)
    if permissions.sees_identity(request.user, seat.committee):
        return download(get_object_or_404(application.attachments, question_key=key))
    shown = {
        f.attachment.question_key: f
        for f in blind.files(application, blind.identity_of(application))
    }
    if key not in shown:
        raise Http404
    found = shown[key]
    content = None if found.withheld else _scrubbed(found.attachment)
    if content is None:
        return _withheld(request, found)
    return download(
        found.attachment, exports.neutral_filename(application, found.attachment), content
    )


def _scrubbed(attachment):
    with attachment.file.open("rb") as stored:
        return scrubbed(stored.read(), attachment.content_type)


def _withheld(request, file):
    """The file is not served; the reviewer is told why (the managers see it listed)."""
    file.withheld = file.withheld or blind.WITHHELD_UNCLEANABLE
    context = {"title": _("This file is withheld"), "explanation": file.reason}
    return render(request, "core/error.html", context, status=403)
