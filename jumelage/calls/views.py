import datetime as dt
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from jumelage.accounts.permissions import is_manager
from jumelage.calls import exports, queries, services
from jumelage.calls.charts import submissions_per_day
from jumelage.calls.enums import ApplicationState
from jumelage.calls.files import download
from jumelage.calls.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    CallForm,
    application_as_data,
    readable_answers,
)
from jumelage.calls.models import Application, Attachment, Call
from jumelage.calls.outcomes import with_outcomes
from jumelage.calls.panels import APPLICATION_FORM_NOTICES, MANAGED_APPLICATION_SECTIONS
from jumelage.calls.permissions import (
    can_read_application,
    get_application_for_applicant,
    get_application_for_manager,
    get_call_for_manager,
    get_call_to_apply,
    get_public_call,
)
from jumelage.core import moments
from jumelage.core.cache import cache_for_anonymous
from jumelage.core.paging import without_page
from jumelage.hosting.queries import offers_for_visitors_from
from jumelage.partnerships.models import Cycle, Side
from jumelage.partnerships.queries import agreed_themes

PAGE_SIZE = 50


def _call_cache_key(request, slug):
    call = get_public_call(slug)
    return f"{call.pk}:{call.updated.timestamp()}", _seconds_to_next_change(call)


def _seconds_to_next_change(call):
    """Cache no longer than until the call opens or closes, so its state is never stale."""
    now = timezone.now()
    upcoming = [moment for moment in (call.opens_at, call.closes_at) if moment > now]
    return min([60, *((moment - now).total_seconds() for moment in upcoming)])


@require_safe
@cache_for_anonymous(_call_cache_key)
def call_detail(request, slug):
    call = get_public_call(slug)
    application = None
    if request.user.is_authenticated:
        application = call.applications.filter(applicant=request.user).first()
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "side_timezone": call.side.timezone,
            "themes": agreed_themes(call.cycle),
            "offers": offers_for_visitors_from(call.side, call.cycle),
            "application": application,
            "is_open": call.is_open(),
        },
    )


@login_required
@require_POST
def apply(request, slug):
    call = get_call_to_apply(slug)
    if not request.user.email_verified:
        messages.warning(request, _("Confirm your email address before you apply."))
        return redirect("accounts:verify_pending")
    language = request.POST.get("language", request.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        language = request.LANGUAGE_CODE
    try:
        application = services.start_application(request.user, call, language)
    except services.ApplicationClosed as error:
        messages.error(request, str(error))
        return redirect("calls:detail", slug=slug)
    return redirect("calls:application", pk=application.pk)


def _form_for(application, data=None, files=None, strict=False):
    questions = services.questions_of(application.call)
    return ApplicationForm(
        application,
        data if data is not None else application_as_data(application, questions),
        files,
        questions=questions,
        attachments=list(application.attachments.all()),
        strict=strict,
    )


@login_required
def application(request, pk):
    if request.method == "POST":
        return _post_application(request, pk)
    application = get_application_for_applicant(request.user, pk)
    editable = application.is_editable
    form = _form_for(application) if editable else None
    if form is not None and request.GET.get("check"):
        form = _form_for(application, strict=True)
        form.is_valid()
    return _render_application(request, application, form)


def _render_application(request, application, form, status=200):
    with_outcomes([application])
    return render(
        request,
        "calls/application.html",
        {
            "application": application,
            "call": application.call,
            "form": form,
            "notices": APPLICATION_FORM_NOTICES.shown(application) if form else [],
            # Each page gets its own: sending this page twice submits once (see _form_token).
            "form_token": secrets.token_urlsafe(16),
            "transitions": application.transitions.all(),  # the applicant's page names no actor
        },
        status=status,
    )


def _post_application(request, pk):
    """The service reads the application under its lock, and refuses another's: no
    look-up beforehand."""
    action = request.POST.get("action", "save")
    try:
        result = services.save_application(
            request.user,
            pk,
            request.POST,
            request.FILES,
            submit=action == "submit",
            form_token=_form_token(request),
        )
    except (Application.DoesNotExist, PermissionDenied):
        raise Http404 from None
    except services.ApplicationClosed as error:
        messages.error(request, str(error))
        return redirect("calls:application", pk=pk)
    if result.repeated:
        return _answer_repeat(request, result.application)
    if result.ok:
        messages.success(request, _submitted_or_saved(result.application, action))
        return redirect("calls:application", pk=pk)
    form = _form_for(result.application, request.POST, request.FILES, strict=action == "submit")
    form.is_valid()
    for name, errors in result.errors.items():
        for error in errors:
            if error not in form.errors.get(name, []):
                form.add_error(name if name in form.fields else None, error)
    return _render_application(request, result.application, form, status=400)


def _form_token(request) -> str:
    """The token the form page was issued with: a page sent again (a retry after a lost
    answer or a database restart, a double click) is known by it."""
    return request.POST.get("form_token", "")[:64]


def _answer_repeat(request, application):
    """The page's form was already submitted: the same answer as the first time, if it
    still holds; else what became of the application since."""
    if application.state == ApplicationState.SUBMITTED:
        messages.success(request, _submitted_or_saved(application, "submit"))
    else:
        messages.info(
            request,
            _(
                "This page was already sent, and your application changed since: nothing "
                "was changed now. Here is your application as it is."
            ),
        )
    return redirect("calls:application", pk=application.pk)


def _submitted_or_saved(application, action):
    if action == "submit" and application.state == ApplicationState.SUBMITTED:
        return _("Your application is submitted. You can still edit it until the deadline.")
    return _("Your changes are saved.")


@require_POST
def autosave(request, pk):
    """Save the fields that changed; answers JSON so the page can say what happened."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {
                "error": _(
                    "Your session has expired. Log in again; your text is kept in this browser."
                )
            },
            status=401,
        )
    application = get_application_for_applicant(request.user, pk)
    only = set(request.POST.getlist("_fields")) | set(request.FILES)
    try:
        result = services.save_application(
            request.user, application.pk, request.POST, request.FILES, only=only
        )
    except services.ApplicationClosed as error:
        return JsonResponse({"error": str(error)}, status=409)
    saved = result.application
    body = {
        "revision": saved.revision,
        "saved_at": saved.updated.isoformat(),
        "errors": {name: [str(e) for e in errors] for name, errors in result.errors.items()},
    }
    return JsonResponse(body, status=200 if result.ok else 422)


@login_required
@require_POST
def submit(request, pk):
    application = get_application_for_applicant(request.user, pk)
    try:
        result = services.submit_application(
            request.user, application.pk, form_token=_form_token(request)
        )
    except services.ApplicationClosed as error:
        messages.error(request, str(error))
        return redirect("calls:application", pk=pk)
    if result.repeated:
        return _answer_repeat(request, result.application)
    if not result.ok:
        messages.error(request, _("Some answers are missing or need a correction."))
        return redirect(reverse("calls:application", kwargs={"pk": pk}) + "?check=1")
    messages.success(request, _submitted_or_saved(result.application, "submit"))
    return redirect("calls:application", pk=pk)


@login_required
@require_POST
def withdraw(request, pk):
    return _applicant_action(
        request, pk, services.withdraw_application, _("Your application is withdrawn.")
    )


@login_required
@require_POST
def reopen(request, pk):
    return _applicant_action(
        request,
        pk,
        services.reopen_application,
        _("Your application is a draft again. Submit it before the deadline."),
    )


def _applicant_action(request, pk, service, success_message):
    application = get_application_for_applicant(request.user, pk)
    try:
        service(request.user, application.pk)
    except services.ApplicationClosed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success_message)
    return redirect("calls:application", pk=pk)


@login_required
@require_safe
def attachment(request, pk, key):
    found = get_object_or_404(
        Attachment.objects.select_related("application__call__side"),
        application_id=pk,
        question_key=key,
    )
    if not can_read_application(request.user, found.application):
        raise Http404
    return download(found)


@login_required
@require_safe
def manage(request, slug):
    call = get_call_for_manager(request.user, slug)
    filters = ApplicationFilterForm(call, request.GET or None)
    applications = filters.apply(queries.applications_for_managers(call))
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = queries.with_call(page.object_list, call)
    statistics = queries.call_statistics(call)
    tz = call.side.tzinfo
    return render(
        request,
        "calls/manage.html",
        {
            "call": call,
            "filters": filters,
            "page": page,
            "counts": statistics["counts"],
            "themes": statistics["themes"],
            "chart": submissions_per_day(
                statistics["per_day"],
                timezone.localtime(call.opens_at, tz).date(),
                timezone.localtime(call.closes_at, tz).date(),
                timezone.localtime(timezone.now(), tz).date(),
            ),
            "querystring": without_page(request.GET),
        },
    )


@login_required
@require_safe
def export(request, slug, fmt):
    call = get_call_for_manager(request.user, slug)
    filters = ApplicationFilterForm(call, request.GET or None)
    applications = filters.apply(queries.applications_for_managers(call))
    questions = services.questions_of(call)
    filename = f"{call.slug}-{moments.file_stamp(dt.date.today())}"
    if fmt == "xlsx":
        return exports.xlsx_response(call, applications, questions, filename)
    return exports.csv_response(call, applications, questions, filename)


@login_required
@require_safe
def manage_application(request, slug, pk):
    call = get_call_for_manager(request.user, slug)
    application = get_application_for_manager(request.user, call, pk)
    return render(
        request,
        "calls/manage_application.html",
        {
            "call": call,
            "application": application,
            "answers": readable_answers(application),
            "attachments": application.attachments.all(),
            "transitions": application.transitions.select_related("actor"),
            "sections": MANAGED_APPLICATION_SECTIONS.shown(request.user, application),
        },
    )


@login_required
def edit_call(request, slug):
    call = get_call_for_manager(request.user, slug)
    with timezone.override(call.side.tzinfo):
        form = CallForm(request.POST or None, instance=call)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("The call is saved."))
            return redirect("calls:manage", slug=call.slug)
        return render(
            request,
            "calls/edit_call.html",
            {"call": call, "form": form},
            status=400 if form.errors else 200,
        )


@login_required
@require_POST
def create_call(request, partnership, cycle, side):
    target_cycle = get_object_or_404(
        Cycle.objects.select_related("partnership"), partnership__slug=partnership, slug=cycle
    )
    target_side = get_object_or_404(Side, partnership=target_cycle.partnership, slug=side)
    if not is_manager(request.user, target_side):
        raise PermissionDenied
    existing = Call.objects.filter(cycle=target_cycle, side=target_side).first()
    if existing:
        return redirect("calls:edit", slug=existing.slug)
    call = services.create_call(request.user, target_cycle, target_side)
    messages.success(
        request, _("The call is created from the timeline. Write its texts, then publish it.")
    )
    return redirect("calls:edit", slug=call.slug)
