"""Pages of a trip report: read it (HTML, PDF), write its prose with autosave, its visits
and their photos."""

import filetype
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.core import moments
from jumelage.exchange.permissions import require
from jumelage.exchange.queries import delegation_or_404
from jumelage.reports import document, forms, pdf, permissions, services
from jumelage.reports.models import TripReport, VisitPhoto, VisitSection


def _delegation(request, slug, check):
    delegation = delegation_or_404(slug)
    require(check(request.user, delegation))
    return delegation


def _report(delegation):
    report = TripReport.objects.filter(delegation=delegation).first()
    if report is not None:
        report.delegation = delegation
    return report


@login_required
@require_safe
def trip(request, slug):
    delegation = _delegation(request, slug, permissions.can_read)
    report = _report(delegation)
    context = {
        "delegation": delegation,
        "report": report,
        "doc": document.build(report, get_language()) if report else None,
        "can_write": permissions.can_write(request.user, delegation),
    }
    return render(request, "reports/trip.html", context)


@login_required
@require_safe
def trip_pdf(request, slug):
    delegation = _delegation(request, slug, permissions.can_read)
    report = _report(delegation)
    if report is None:
        return HttpResponse(_("This trip has no report yet."), status=404)
    body = pdf.render(document.build(report, get_language()))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-{get_language()}.pdf"'
    return response


def _new_report(delegation):
    return TripReport(delegation=delegation, title=str(delegation.title))


@login_required
@require_http_methods(["GET", "POST"])
def trip_edit(request, slug):
    delegation = _delegation(request, slug, permissions.can_write)
    report = _report(delegation) or _new_report(delegation)
    data = request.POST if request.method == "POST" else None
    form = forms.TripReportForm(data, instance=report)
    if data is not None and form.is_valid():
        services.save_report(request.user, form.instance)
        messages.success(request, _("The report is saved."))
        return redirect("reports:trip", slug)
    context = {"delegation": delegation, "report": report, "form": form}
    return render(request, "reports/trip_form.html", context, status=400 if data else 200)


@login_required
@require_POST
def trip_autosave(request, slug):
    """The draft, saved as the manager types: JSON in, JSON out, errors as 400."""
    delegation = _delegation(request, slug, permissions.can_write)
    report = _report(delegation) or _new_report(delegation)
    form = forms.TripReportForm(request.POST, instance=report)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    services.save_report(request.user, form.instance)
    saved = moments.clock(report.updated)
    return JsonResponse({"saved": _("Draft saved at %(time)s.") % {"time": saved}})


def _writable_report(request, slug):
    delegation = _delegation(request, slug, permissions.can_write)
    report = _report(delegation)
    if report is None:
        messages.info(request, _("Write the report's cover and summary first."))
    return delegation, report


def _section_page(request, delegation, section, title):
    data = request.POST if request.method == "POST" else None
    form = forms.VisitSectionForm(data, instance=section)
    if data is not None and form.is_valid():
        services.save_section(request.user, form.instance)
        messages.success(request, _("The visit is saved."))
        return redirect("reports:section_edit", delegation.slug, form.instance.pk)
    photo_form = forms.VisitPhotoForm() if section.pk else None
    context = {
        "delegation": delegation,
        "section": section,
        "form": form,
        "photo_form": photo_form,
        "title": title,
    }
    return render(request, "reports/section_form.html", context, status=400 if data else 200)


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request, slug):
    delegation, report = _writable_report(request, slug)
    if report is None:
        return redirect("reports:trip_edit", slug)
    section = VisitSection(report=report, order=report.sections.count() + 1)
    return _section_page(request, delegation, section, _("Add a visit"))


def _section(report, pk):
    return get_object_or_404(VisitSection.objects.prefetch_related("photos"), pk=pk, report=report)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk):
    delegation, report = _writable_report(request, slug)
    if report is None:
        return redirect("reports:trip_edit", slug)
    section = _section(report, pk)
    section.report = report
    return _section_page(request, delegation, section, _("Edit the visit"))


@login_required
@require_POST
def photo_add(request, slug, pk):
    delegation, report = _writable_report(request, slug)
    if report is None:
        return redirect("reports:trip_edit", slug)
    section = _section(report, pk)
    section.report = report
    photo_form = forms.VisitPhotoForm(
        request.POST, request.FILES, instance=VisitPhoto(section=section)
    )
    if not photo_form.is_valid():
        form = forms.VisitSectionForm(instance=section)
        context = {
            "delegation": delegation,
            "section": section,
            "form": form,
            "photo_form": photo_form,
            "title": _("Edit the visit"),
        }
        return render(request, "reports/section_form.html", context, status=400)
    services.add_photo(request.user, photo_form.instance)
    messages.success(request, _("The photo is added."))
    return redirect("reports:section_edit", slug, pk)


def _photo(delegation, pk):
    return get_object_or_404(
        VisitPhoto.objects.select_related("section__report"),
        pk=pk,
        section__report__delegation=delegation,
    )


@login_required
@require_safe
def photo(request, slug, pk):
    delegation = _delegation(request, slug, permissions.can_read)
    image = _photo(delegation, pk).image.open("rb")
    kind = filetype.guess(image.read(262))
    image.seek(0)
    return FileResponse(image, content_type=kind.mime if kind else "application/octet-stream")


@login_required
@require_http_methods(["GET", "POST"])
def photo_delete(request, slug, pk):
    delegation = _delegation(request, slug, permissions.can_write)
    photo = _photo(delegation, pk)
    photo.section.report.delegation = delegation
    if request.method == "POST":
        services.delete_photo(request.user, photo)
        messages.success(request, _("The photo is deleted."))
        return redirect("reports:section_edit", slug, photo.section_id)
    context = {"delegation": delegation, "photo": photo}
    return render(request, "reports/photo_delete.html", context)
