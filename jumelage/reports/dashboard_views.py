"""The cycle dashboard's pages: the charts with their tables, and each table (or all of
them) as CSV or XLSX. `?side=<slug>` narrows the page to one city."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jumelage.core.spreadsheets import csv_response, xlsx_response
from jumelage.partnerships.queries import cycle_or_404
from jumelage.reports import permissions
from jumelage.reports.dashboard import CHARTS
from jumelage.reports.dashboard import dashboard as figures

ALL = "all"
NOT_IN_SHEET_TITLES = str.maketrans("", "", "[]:*?/\\")


def _sheet(chart) -> str:
    return chart.title.translate(NOT_IN_SHEET_TITLES)


def cycle_for(user, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    if not permissions.can_see_dashboard(user, cycle):
        raise PermissionDenied
    return cycle


def side_from(cycle, request):
    slug = request.GET.get("side")
    if not slug:
        return None
    found = [side for side in cycle.partnership.sides.all() if side.slug == slug]
    if not found:
        raise Http404(_("This partnership has no such city."))
    return found[0]


@login_required
@require_safe
def dashboard(request, partnership_slug, cycle_slug):
    cycle = cycle_for(request.user, partnership_slug, cycle_slug)
    side = side_from(cycle, request)
    context = {
        "cycle": cycle,
        "side": side,
        "sides": cycle.partnership.sides.all(),
        "charts": figures(cycle, side),
        "query": f"?side={side.slug}" if side else "",
    }
    return render(request, "reports/dashboard.html", context)


@login_required
@require_safe
def dashboard_export(request, partnership_slug, cycle_slug, table, fmt):
    cycle = cycle_for(request.user, partnership_slug, cycle_slug)
    if fmt not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Choose CSV or XLSX."))
    if table != ALL and table not in CHARTS:
        return HttpResponseBadRequest(_("The dashboard has no such table."))
    side = side_from(cycle, request)
    suffix = f"-{side.slug}" if side else ""
    filename = f"{table}-{cycle.partnership.slug}-{cycle.slug}{suffix}"
    if table == ALL:
        if fmt == "csv":
            return HttpResponseBadRequest(_("All the tables come together as XLSX only."))
        return xlsx_response({_sheet(c): c.table for c in figures(cycle, side)}, filename)
    chart = CHARTS[table](cycle, side)
    if fmt == "csv":
        return csv_response(chart.table, filename)
    return xlsx_response({_sheet(chart): chart.table}, filename)
