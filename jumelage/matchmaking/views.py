"""Pages of a matchmaking session: a participant's profile, suggestions, requests and
agenda; the organiser's grid, meetings and schedule runs; check-in and feedback; the
private calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.calls.models import Application
from jumelage.hosting.models import HostOrganisation
from jumelage.matchmaking import (
    agenda,
    forms,
    pdf,
    permissions,
    queries,
    reasons,
    services,
    tasks,
)
from jumelage.matchmaking import outcomes as outcome_rules
from jumelage.matchmaking.enums import MeetingState
from jumelage.matchmaking.models import (
    Feedback,
    Meeting,
    Participant,
    Place,
    Request,
    ScheduleRun,
    Slot,
    Venue,
)
from jumelage.partnerships.models import Cycle
from jumelage.partnerships.permissions import is_partnership_manager


def _session_for(user, pk):
    session = queries.session_or_404(pk)
    permissions.require(permissions.can_see(user, session))
    return session


def _refused(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_safe
def session(request, pk):
    session = _session_for(request.user, pk)
    me = permissions.participant_for(request.user, session)
    context = {"session": session, "me": me}
    if me is not None:
        context.update(_participant_context(me))
    if permissions.is_organiser(request.user, session):
        context.update(
            organiser=True,
            figures=queries.figures(session),
            run=session.runs.first(),
        )
    return render(request, "matchmaking/session.html", context)


def _participant_context(me):
    themes = {str(t.pk): t.title for t in me.session.cycle.themes.all()}
    suggested = [
        (other, suggestion, reasons.reasons(suggestion, themes))
        for other, suggestion in queries.suggestions_for(me)
    ]
    return {
        "suggested": suggested,
        "received": me.received_requests.select_related("sender").order_by("-created"),
        "sent": me.sent_requests.select_related("recipient").order_by("-created"),
        "meetings": queries.meetings_of(me),
        "counts": queries.own_counts(me),
        "request_form": forms.RequestForm(),
    }


def _me(request, session):
    me = permissions.participant_for(request.user, session)
    permissions.require(me is not None)
    return me


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    session = _session_for(request.user, pk)
    me = _me(request, session)
    profile = getattr(me, "profile", None) or services.blank_profile(me)
    data = request.POST if request.method == "POST" else None
    form = forms.ProfileForm(data, instance=profile, themes=session.cycle.themes.all())
    if data is not None and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("matchmaking:session", session.pk)
    return render(request, "matchmaking/form.html", _form(session, form, _("Your profile")))


def _form(session, form, title):
    return {"session": session, "form": form, "title": title}


@login_required
@require_POST
def request_send(request, pk):
    session = _session_for(request.user, pk)
    me = _me(request, session)
    form = forms.RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whom to meet and a priority."))
        return redirect("matchmaking:session", session.pk)
    recipient = Participant.objects.filter(pk=form.cleaned_data["recipient"]).first()
    if recipient is None:
        messages.error(request, _("This participant is not in your matchmaking session."))
        return redirect("matchmaking:session", session.pk)
    try:
        services.send_request(
            request.user,
            me,
            recipient,
            priority=form.cleaned_data["priority"],
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your request is sent to %(name)s.") % {"name": recipient})
    return redirect("matchmaking:session", session.pk)


@login_required
@require_POST
def request_answer(request, pk):
    meeting_request = get_object_or_404(Request.objects.select_related("session"), pk=pk)
    _session_for(request.user, meeting_request.session_id)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Accept or decline the request."))
    else:
        try:
            services.answer_request(
                request.user,
                meeting_request.pk,
                accept=form.cleaned_data["accept"],
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Your answer is sent."))
    return redirect("matchmaking:session", meeting_request.session_id)


def _organised(user, pk):
    session = queries.session_or_404(pk)
    permissions.require(permissions.is_organiser(user, session))
    return session


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, pk):
    session = _organised(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = forms.MeetingForm(data, session=session)
    if data is not None and form.is_valid():
        try:
            services.add_meeting(
                request.user,
                session,
                form.cleaned_data["parties"],
                slot=form.cleaned_data["slot"],
                place=form.cleaned_data["place"],
                priority=form.cleaned_data["priority"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is added."))
            return redirect("matchmaking:grid", session.pk)
    return render(request, "matchmaking/form.html", _form(session, form, _("Add a meeting")))


@login_required
@require_POST
def schedule_run(request, pk):
    session = _organised(request.user, pk)
    try:
        run = services.start_run(request.user, session)
    except ValidationError as error:
        _refused(request, error)
        return redirect("matchmaking:grid", session.pk)
    tasks.run_schedule.delay(run.pk)
    messages.info(request, _("The schedule run has started."))
    return redirect("matchmaking:grid", session.pk)


@login_required
@require_safe
def grid(request, pk):
    session = _organised(request.user, pk)
    meetings = list(queries.session_meetings(session))
    slots = list(session.slots.select_related("venue"))
    participants = list(session.participants.order_by("name"))
    places = list(session.places.select_related("venue"))
    context = {
        "session": session,
        "slots": slots,
        "rows": agenda.grid_rows(participants, slots, meetings),
        "place_rows": agenda.place_rows(places, slots, meetings),
        "unscheduled": [m for m in meetings if m.state == MeetingState.TO_SCHEDULE],
        "conflicts": [m for m in meetings if m.conflict and m.state == MeetingState.SCHEDULED],
        "figures": queries.figures(session),
        "run": ScheduleRun.objects.filter(session=session).first(),
    }
    return render(request, "matchmaking/grid.html", context)


@login_required
@require_safe
def my_agenda(request, pk):
    session = _session_for(request.user, pk)
    me = _me(request, session)
    context = {
        "session": session,
        "me": me,
        "meetings": queries.meetings_of(me),
        "rated": set(me.feedback.values_list("meeting_id", flat=True)),
        "asked": outcome_rules.asked_of(me),
    }
    return render(request, "matchmaking/agenda.html", context)


@login_required
@require_safe
def agenda_pdf(request, pk):
    session = _session_for(request.user, pk)
    me = _me(request, session)
    try:
        body = pdf.render(me, queries.meetings_of(me), translation.get_language())
    except pdf.NoFont:
        return HttpResponse(_("The PDF agenda is not available here."), status=503)
    response = HttpResponse(body, content_type="application/pdf")
    name = f"agenda-{slugify(me.name) or me.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_safe
def agenda_ical(request, token):
    me = Participant.objects.select_related("session").filter(ical_token=token).first()
    if me is None:
        raise Http404
    body = agenda.calendar(me, queries.meetings_of(me))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _meeting_for(user, pk, check):
    meeting = get_object_or_404(
        Meeting.objects.select_related("session__cycle__partnership", "slot", "place"), pk=pk
    )
    permissions.require(check(user, meeting))
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, pk):
    meeting = _meeting_for(request.user, pk, permissions.can_check_in)
    form = forms.CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_in(request.user, meeting, form.cleaned_data["state"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is checked in."))
            return redirect("matchmaking:check_in", meeting.pk)
    return render(request, "matchmaking/check_in.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk):
    meeting = _meeting_for(request.user, pk, permissions.can_check_in)
    me = _me(request, meeting.session)
    given = meeting.feedback.filter(participant=me).first()
    initial = {"interest": given.interest, "satisfaction": given.satisfaction} if given else {}
    form = forms.FeedbackForm(
        request.POST or None, initial={**initial, "note": getattr(given, "note", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_feedback(request.user, meeting, me, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("matchmaking:agenda", meeting.session_id)
    context = {**_form(meeting.session, form, _("Feedback on the meeting")), "meeting": meeting}
    context["me"] = me
    return render(request, "matchmaking/form.html", context)


# Organising a session


def _cycle_organised(user, pk):
    cycle = get_object_or_404(Cycle.objects.select_related("partnership"), pk=pk)
    permissions.require(is_partnership_manager(user, cycle.partnership))
    return cycle


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, cycle):
    cycle = _cycle_organised(request.user, cycle)
    form = forms.SessionForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        form.instance.cycle = cycle
        session = form.save()
        messages.success(request, _("The session is created: add its venues, slots and places."))
        return redirect("matchmaking:setup", session.pk)
    context = {"form": form, "title": _("New matchmaking session"), "cycle": cycle}
    return render(request, "matchmaking/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = _organised(request.user, pk)
    form = forms.SessionForm(request.POST or None, instance=session, cycle=session.cycle)
    return _save_or_show(request, session, form, _("Edit the session"))


def _save_or_show(request, session, form, title):
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("matchmaking:setup", session.pk)
    return render(request, "matchmaking/form.html", _form(session, form, title))


@login_required
@require_safe
def setup(request, pk):
    session = _organised(request.user, pk)
    context = {
        "session": session,
        "venues": session.venues.select_related("organisation"),
        "slots": session.slots.select_related("venue").annotate(booked=_live_meetings),
        "places": session.places.select_related("venue"),
        "participants": session.participants.select_related("user").order_by("kind", "name"),
        "invite_form": _invite_form(session),
    }
    return render(request, "matchmaking/setup.html", context)


_live_meetings = Count("meetings", filter=~Q(meetings__state=MeetingState.CANCELLED))


def _invite_form(session, data=None):
    """On the page, only those not yet in the session are offered; a posted form accepts
    them all (inviting twice changes nothing)."""
    organisations = session.host_side.organisations.order_by("name")
    teams = services.invitable_teams(session)
    if data is None:
        present = list(session.participants.values_list("organisation_id", "application_id"))
        orgs, apps = (set(ids) for ids in zip(*present, strict=True)) if present else ((), ())
        organisations = organisations.exclude(pk__in=[pk for pk in orgs if pk])
        teams = [a for a in teams if a.pk not in apps]
    return forms.InviteForm(data, teams=teams, organisations=organisations)


def _with_session(model, user, pk):
    row = get_object_or_404(model.objects.select_related("session"), pk=pk)
    _organised(user, row.session_id)
    return row


def _row_form(request, model, form_class, *, session_pk=None, pk=None):
    """Add (under session `session_pk`) or edit (row `pk`) a venue or a place."""
    if pk is not None:
        instance = _with_session(model, request.user, pk)
        session = instance.session
    else:
        session = _organised(request.user, session_pk)
        instance = model(session=session)
    form = form_class(request.POST or None, instance=instance, session=session)
    title = ROW_TITLES[model, pk is None]
    return _save_or_show(request, session, form, title)


ROW_TITLES = {
    (Venue, True): _lazy("Add a venue"),
    (Venue, False): _lazy("Edit the venue"),
    (Place, True): _lazy("Add a place"),
    (Place, False): _lazy("Edit the place"),
}


@login_required
@require_http_methods(["GET", "POST"])
def venue_add(request, pk):
    return _row_form(request, Venue, forms.VenueForm, session_pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def venue_edit(request, pk):
    return _row_form(request, Venue, forms.VenueForm, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def place_add(request, pk):
    return _row_form(request, Place, forms.PlaceForm, session_pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request, pk):
    return _row_form(request, Place, forms.PlaceForm, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def slots_add(request, pk):
    session = _organised(request.user, pk)
    form = forms.SlotsForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_slots(request.user, session, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(n)d slots added.") % {"n": len(added)})
            return redirect("matchmaking:setup", session.pk)
    return render(request, "matchmaking/form.html", _form(session, form, _("Add slots")))


@login_required
@require_POST
def slot_delete(request, pk):
    slot = _with_session(Slot, request.user, pk)
    try:
        services.remove_slot(request.user, slot)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The slot is removed."))
    return redirect("matchmaking:setup", slot.session_id)


@login_required
@require_POST
def invite(request, pk):
    session = _organised(request.user, pk)
    form = _invite_form(session, request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            _refused(request, ValidationError(error))
        return redirect("matchmaking:setup", session.pk)
    try:
        added = services.invite(
            request.user,
            session,
            applications=Application.objects.filter(pk__in=form.cleaned_data["applications"]),
            organisations=HostOrganisation.objects.filter(
                pk__in=form.cleaned_data["organisations"]
            ),
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("%(n)d participants invited.") % {"n": len(added)})
    return redirect("matchmaking:setup", session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def partner_add(request, pk):
    session = _organised(request.user, pk)
    form = forms.PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = services.add_partner(request.user, session, form)
        messages.success(request, _("%(name)s is invited.") % {"name": partner.name})
        return redirect("matchmaking:setup", session.pk)
    return render(request, "matchmaking/form.html", _form(session, form, _("Invite a partner")))


@login_required
@require_http_methods(["GET", "POST"])
def outcome(request, pk):
    """The six-month question: what came of a meeting whose feedback hoped for more."""
    feedback = get_object_or_404(
        Feedback.objects.select_related("participant__session", "meeting__slot__venue"), pk=pk
    )
    permissions.require(permissions.can_answer_for(request.user, feedback.participant))
    session, due = feedback.participant.session, outcome_rules.is_due(feedback)
    initial = {"outcome": feedback.outcome, "note": feedback.outcome_note}
    form = forms.OutcomeForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(request.user, feedback, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
            return redirect("matchmaking:agenda", session.pk)
    context = {
        **_form(session, form, _("What came of the meeting?")),
        "meeting": feedback.meeting,
        "me": feedback.participant,
        "not_yet": None if due else outcome_rules.not_yet_message(feedback),
    }
    return render(request, "matchmaking/form.html", context, status=status)
