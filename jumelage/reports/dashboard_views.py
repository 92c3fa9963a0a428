"""The cycle dashboard's pages: the tables, and each table as CSV or XLSX."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jumelage.core.spreadsheets import csv_response, xlsx_response
from jumelage.partnerships.queries import cycle_or_404
from jumelage.reports import permissions
from jumelage.reports.dashboard import funnel_rows


def _cycle_for(user, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    if not permissions.can_see_dashboard(user, cycle):
        raise PermissionDenied
    return cycle


@login_required
@require_GET
def dashboard(request, partnership_slug, cycle_slug):
    cycle = _cycle_for(request.user, partnership_slug, cycle_slug)
    header, *rows = funnel_rows(cycle)
    context = {"cycle": cycle, "header": header, "rows": rows}
    return render(request, "reports/dashboard.html", context)


@login_required
@require_GET
def dashboard_export(request, partnership_slug, cycle_slug, fmt):
    cycle = _cycle_for(request.user, partnership_slug, cycle_slug)
    rows = funnel_rows(cycle)
    filename = f"funnel-{cycle.partnership.slug}-{cycle.slug}"
    if fmt == "csv":
        return csv_response(rows, filename)
    if fmt == "xlsx":
        return xlsx_response({_("Funnel"): rows}, filename)
    return HttpResponseBadRequest(_("Choose CSV or XLSX."))
