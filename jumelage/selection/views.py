"""Pages of the cross-selection: the overview of both directions, a side's nomination, the
partner's pick, the nominated applications as the partner reads them, the public results
and a selected team's place. Views parse and render; selection.services decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.calls.files import download
from jumelage.calls.forms import readable_answers
from jumelage.calls.models import Attachment, Call
from jumelage.partnerships.queries import cycle_or_404
from jumelage.selection import permissions, queries, services
from jumelage.selection.enums import PickState
from jumelage.selection.forms import NominationForm, PickForm, ReturnPickForm
from jumelage.selection.panels import DECISION_SECTIONS

GET_OR_POST = require_http_methods(["GET", "POST"])


def _page(cycle, side=None):
    """The slugs every selection address of the cycle carries."""
    kwargs = {"partnership_slug": cycle.partnership.slug, "cycle_slug": cycle.slug}
    if side is not None:
        kwargs["side_slug"] = side.slug
    return kwargs


@login_required
@require_safe
def overview(request, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    permissions.require(permissions.can_see_overview(request.user, cycle))
    rows = [
        (
            direction,
            permissions.can_nominate(request.user, direction.side),
            permissions.can_pick_from(request.user, cycle, direction.side),
        )
        for direction in queries.directions(cycle)
    ]
    return render(
        request,
        "selection/overview.html",
        {
            "cycle": cycle,
            "partnership": cycle.partnership,
            "rows": rows,
            "final": queries.both_final(cycle),
            "history": queries.history(cycle)[:30],
        },
    )


# The nominating side


@login_required
@GET_OR_POST
def nominate(request, partnership_slug, cycle_slug, side_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = permissions.side_of(cycle, side_slug)
    permissions.require(permissions.can_nominate(request.user, side))
    nomination = queries.nomination_of(cycle, side)
    if nomination is not None and nomination.is_sent:
        if request.method == "POST":
            messages.error(
                request, _("The nomination was sent to the partner: it can no longer change.")
            )
            return redirect("selection:nominate", **_page(cycle, side))
        return _sent_nomination(request, cycle, side, nomination)
    not_open = queries.nomination_not_open(cycle, side)
    if not_open:
        status = 409 if request.method == "POST" else 200
        return _nomination_page(request, cycle, side, None, status=status, not_open=not_open)
    sending = request.POST.get("action") == "send"
    form = NominationForm(
        request.POST or None,
        candidates=queries.candidates(cycle, side),
        nomination=nomination,
        n=cycle.nominations_per_side,
        sending=sending,
    )
    if request.method != "POST":
        return _nomination_page(request, cycle, side, form)
    if not form.is_valid():
        return _nomination_page(request, cycle, side, form, status=400)
    try:
        services.save_nomination(request.user, cycle, side, form.choices(), **form.flags())
        if sending:
            services.send_nomination(request.user, cycle, side)
    except services.Refused as error:
        form.add_error(None, str(error))
        return _nomination_page(request, cycle, side, form, status=409)
    messages.success(request, _sent_or_saved(sending))
    return redirect("selection:nominate", **_page(cycle, side))


def _sent_or_saved(sending):
    if sending:
        return _("The nomination is sent: the partner's managers can now read it.")
    return _("The nomination is saved as a draft. The partner sees nothing until you send it.")


def _nomination_page(request, cycle, side, form, status=200, not_open=None):
    partner = services.partner_of(side)
    return render(
        request,
        "selection/nominate.html",
        {
            "cycle": cycle,
            "partnership": cycle.partnership,
            "side": side,
            "call": Call.objects.filter(cycle=cycle, side=side).first(),
            "partners": permissions.partner_sides(cycle, side),
            "partner_city": partner.city,
            "partner_language": services.working_language_name(partner),
            "form": form,
            "not_open": not_open,
            "sections": DECISION_SECTIONS.shown(request.user, cycle),
            "has_committee": form is not None
            and any(row[0].review_count is not None for row in form.rows()),
        },
        status=status,
    )


def _sent_nomination(request, cycle, side, nomination, return_form=None, status=200):
    pick = queries.pick_of(nomination)
    return render(
        request,
        "selection/nomination_sent.html",
        {
            "cycle": cycle,
            "partnership": cycle.partnership,
            "side": side,
            "nomination": nomination,
            "entries": queries.entries_of(nomination),
            "pick": pick,
            "lines": queries.pick_lines(pick),
            "return_form": return_form or ReturnPickForm(),
        },
        status=status,
    )


@login_required
@require_POST
def decide_pick(request, partnership_slug, cycle_slug, side_slug):
    """The nominating side confirms the partner's pick, or sends it back with a reason."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = permissions.side_of(cycle, side_slug)
    permissions.require(permissions.can_nominate(request.user, side))
    nomination = queries.nomination_of(cycle, side)
    if nomination is None or not nomination.is_sent:
        raise Http404
    action = request.POST.get("action")
    if action not in {"confirm", "return"}:
        messages.error(request, _("Choose whether you confirm the pick or send it back."))
        return redirect("selection:nominate", **_page(cycle, side))
    form = ReturnPickForm(request.POST)
    if action == "return" and not form.is_valid():
        return _sent_nomination(request, cycle, side, nomination, form, status=400)
    try:
        if action == "confirm":
            services.confirm_pick(request.user, nomination.pk)
        else:
            services.return_pick(request.user, nomination.pk, form.cleaned_data["reason"])
    except services.Refused as error:
        messages.error(request, str(error))
        return redirect("selection:nominate", **_page(cycle, side))
    messages.success(request, _confirmed_or_returned(action))
    return redirect("selection:nominate", **_page(cycle, side))


def _confirmed_or_returned(action):
    if action == "confirm":
        return _("The pick is confirmed: it is final, and the selected teams are offered a place.")
    return _("The pick is sent back to the partner with your reason.")


# The picking side


@login_required
@GET_OR_POST
def pick(request, partnership_slug, cycle_slug, side_slug):
    """The partner's managers pick among `side_slug`'s nominated applicants."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = permissions.side_of(cycle, side_slug)
    permissions.require(permissions.can_pick_from(request.user, cycle, side))
    nomination = queries.nomination_of(cycle, side)
    entries = list(queries.entries_for_partner(nomination))
    if not entries:
        if request.method == "POST":
            messages.error(request, _("There is nothing to pick from yet."))
        return _pick_page(request, cycle, side, nomination, None, None)
    current = queries.pick_of(nomination)
    if request.method == "POST" and current is not None and current.state != PickState.DRAFT:
        messages.error(request, _("This pick is proposed or final: it can no longer change."))
        return redirect("selection:pick", **_page(cycle, side))
    proposing = request.POST.get("action") == "propose"
    form = PickForm(
        request.POST or None,
        entries=entries,
        pick=current,
        m=cycle.picks_per_side,
        proposing=proposing,
    )
    if request.method != "POST":
        return _pick_page(request, cycle, side, nomination, current, form)
    if not form.is_valid():
        return _pick_page(request, cycle, side, nomination, current, form, status=400)
    try:
        services.save_pick(request.user, nomination.pk, form.lines())
        if proposing:
            services.propose_pick(request.user, nomination.pk)
    except services.Refused as error:
        form.add_error(None, str(error))
        return _pick_page(request, cycle, side, nomination, current, form, status=409)
    messages.success(request, _proposed_or_saved(proposing, side))
    return redirect("selection:pick", **_page(cycle, side))


def _proposed_or_saved(proposing, side):
    if proposing:
        return _("Your pick is proposed: %(city)s confirms it to make it final.") % {
            "city": side.city
        }
    return _("Your pick is saved as a draft.")


def _pick_page(request, cycle, side, nomination, current, form, status=200):
    return render(
        request,
        "selection/pick.html",
        {
            "cycle": cycle,
            "partnership": cycle.partnership,
            "side": side,
            "nomination": nomination if nomination and nomination.is_sent else None,
            "pick": current,
            "lines": queries.pick_lines(current),
            "form": form if current is None or current.state == PickState.DRAFT else None,
            "sections": DECISION_SECTIONS.shown(request.user, cycle),
        },
        status=status,
    )


@login_required
@require_safe
def nominated_application(request, partnership_slug, cycle_slug, side_slug, pk):
    """A nominated application in full, as the partner reads it before picking."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = permissions.side_of(cycle, side_slug)
    entry = permissions.get_nominated_entry(request.user, cycle, side, pk)
    application = entry.application
    answers = readable_answers(application)
    return render(
        request,
        "selection/application.html",
        {
            "cycle": cycle,
            "partnership": cycle.partnership,
            "side": side,
            "entry": entry,
            "application": application,
            "answers": answers,
            "attachments": application.attachments.order_by("question_key"),
            "own_side": permissions.can_nominate(request.user, side),
        },
    )


@login_required
@require_safe
def attachment(request, partnership_slug, cycle_slug, side_slug, pk, key):
    """A nominated application's file, for those who may read the nominated application."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = permissions.side_of(cycle, side_slug)
    entry = permissions.get_nominated_entry(request.user, cycle, side, pk)
    found = get_object_or_404(Attachment, application=entry.application, question_key=key)
    return download(found)


# Announcement


@login_required
@GET_OR_POST
def decisions(request, partnership_slug, cycle_slug, side_slug):
    """The decisions of the side's applicants: draft their messages, read them per outcome
    and language, then publish (each applicant sees their outcome, the messages go)."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    side = permissions.side_of(cycle, side_slug)
    permissions.require(permissions.can_nominate(request.user, side))
    if request.method == "GET":
        return _decisions_page(request, cycle, side)
    action = request.POST.get("action")
    if action not in {"draft", "publish"}:
        messages.error(request, _("Choose whether you draft or publish the decisions."))
        return _decisions_page(request, cycle, side, status=400)
    try:
        if action == "draft":
            count = services.draft_decisions(request.user, cycle, side)
        else:
            count = services.publish_decisions(request.user, cycle, side)
    except services.Refused as error:
        messages.error(request, str(error))
        return _decisions_page(request, cycle, side, status=409)
    messages.success(request, _decisions_done(action, count))
    return redirect("selection:decisions", **_page(cycle, side))


def _decisions_done(action, count):
    if action == "draft":
        text = ngettext(
            "%(count)d decision message is drafted: read it, then publish.",
            "%(count)d decision messages are drafted: read them, then publish.",
            count,
        )
    else:
        text = ngettext(
            "The decisions are published: %(count)d message is sent.",
            "The decisions are published: %(count)d messages are sent.",
            count,
        )
    return text % {"count": count}


def _decisions_page(request, cycle, side, status=200):
    nomination = queries.nomination_of(cycle, side)
    context = {
        "cycle": cycle,
        "partnership": cycle.partnership,
        "side": side,
        "final": queries.both_final(cycle),
        "published_at": nomination.decisions_published_at if nomination else None,
        "groups": queries.decision_preview(cycle, side),
    }
    return render(request, "selection/decisions.html", context, status=status)


@require_safe
def results(request, partnership_slug, cycle_slug):
    """The public announcement, once both directions are final."""
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    if not queries.both_final(cycle):
        raise Http404
    return render(
        request,
        "selection/results.html",
        {
            "cycle": cycle,
            "partnership": cycle.partnership,
            "results": queries.results(cycle),
        },
    )


# The selected team


@login_required
@GET_OR_POST
def place(request, pk):
    found = permissions.get_place_for_applicant(request.user, pk)
    if request.method == "GET":
        return _place_page(request, found)
    action = request.POST.get("action")
    if action not in {"confirm", "decline"}:
        messages.error(request, _("Choose whether you confirm or decline your place."))
        return _place_page(request, found, status=400)
    try:
        if action == "confirm":
            services.confirm_place(request.user, found.pk)
        else:
            services.decline_place(request.user, found.pk)
    except services.Refused as error:
        messages.error(request, str(error))
        return _place_page(request, found, status=409)
    messages.success(request, _place_answered(action))
    return redirect("selection:place", pk=found.pk)


def _place_answered(action):
    if action == "confirm":
        return _("Your place is confirmed. The programme team will contact you about the trip.")
    return _("You declined your place. Thank you for telling us.")


def _place_page(request, found, status=200):
    found.refresh_from_db(fields=["state", "answered_at"])
    context = {"place": found, "heir": queries.heir_of(found)}
    return render(request, "selection/place.html", context, status=status)
