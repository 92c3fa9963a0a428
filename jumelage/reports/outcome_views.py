"""The outcome report's pages: read it (HTML, or download it as PDF or standalone HTML) and
write its texts, a city's or the joint one (`?side=<slug>`), with a draft saved as one
types."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.core import moments
from jumelage.reports import forms, outcome, permissions, services
from jumelage.reports import render as files
from jumelage.reports.dashboard_views import cycle_for, side_from
from jumelage.reports.models import OutcomeReport

TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


@login_required
@require_safe
def outcome_report(request, partnership_slug, cycle_slug):
    cycle = cycle_for(request.user, partnership_slug, cycle_slug)
    context = {
        "cycle": cycle,
        "doc": outcome.build(cycle, get_language()),
        "writable_sides": [
            side
            for side in cycle.partnership.sides.all()
            if permissions.can_write_outcome_text(request.user, cycle, side)
        ],
    }
    return render(request, "reports/outcome.html", context)


@login_required
@require_safe
def outcome_download(request, partnership_slug, cycle_slug, fmt):
    cycle = cycle_for(request.user, partnership_slug, cycle_slug)
    if fmt not in TYPES:
        return HttpResponseBadRequest(_("Choose PDF or HTML."))
    body = files.outcome_report(cycle, get_language(), fmt)
    response = HttpResponse(body, content_type=TYPES[fmt])
    name = f"outcome-{cycle.partnership.slug}-{cycle.slug}-{get_language()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _text_for(request, partnership_slug, cycle_slug):
    cycle = cycle_for(request.user, partnership_slug, cycle_slug)
    side = side_from(cycle, request)
    if not permissions.can_write_outcome_text(request.user, cycle, side):
        raise PermissionDenied
    text = OutcomeReport.objects.filter(cycle=cycle, side=side).first()
    return cycle, side, text or OutcomeReport(cycle=cycle, side=side)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request, partnership_slug, cycle_slug):
    cycle, side, text = _text_for(request, partnership_slug, cycle_slug)
    data = request.POST if request.method == "POST" else None
    form = forms.OutcomeReportForm(data, instance=text)
    if data is not None and form.is_valid():
        services.save_outcome_text(request.user, form.instance)
        messages.success(request, _("The text is saved."))
        return redirect("reports:outcome", cycle.partnership.slug, cycle.slug)
    context = {"cycle": cycle, "side": side, "form": form}
    return render(request, "reports/outcome_form.html", context, status=400 if data else 200)


@login_required
@require_POST
def outcome_autosave(request, partnership_slug, cycle_slug):
    """The draft, saved as the manager types: JSON in, JSON out, errors as 400."""
    _cycle, _side_of, text = _text_for(request, partnership_slug, cycle_slug)
    form = forms.OutcomeReportForm(request.POST, instance=text)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    services.save_outcome_text(request.user, form.instance)
    saved = moments.clock(text.updated)
    return JsonResponse({"saved": _("Draft saved at %(time)s.") % {"time": saved}})
