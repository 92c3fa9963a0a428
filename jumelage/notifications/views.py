"""The outbox pages: the messages a side's managers may read, and the templates they edit."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from jumelage.core.paging import without_page
from jumelage.notifications import services
from jumelage.notifications.forms import (
    SAMPLE_CONTEXT,
    MessageTemplateForm,
    OutboxFilterForm,
    ReleaseDraftsForm,
)
from jumelage.notifications.models import MessageTemplate
from jumelage.notifications.permissions import (
    can_use_outbox,
    drafts_by_side,
    get_message_for_user,
    get_side_for_template_editor,
    readable_outbox,
    releasable_sides,
)
from jumelage.notifications.services import render_template

PAGE_SIZE = 50


def _require_manager(user) -> None:
    if not can_use_outbox(user):
        raise PermissionDenied


@login_required
@require_safe
def outbox(request):
    _require_manager(request.user)
    filters = OutboxFilterForm(request.GET or None)
    found = filters.apply(readable_outbox(request.user)).order_by("-created", "-id")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/outbox.html",
        {
            "filters": filters,
            "page": page,
            "querystring": without_page(request.GET),
            "drafts": drafts_by_side(request.user),
        },
    )


@login_required
@require_safe
def message(request, pk):
    _require_manager(request.user)
    found = get_message_for_user(request.user, pk)
    return render(
        request,
        "notifications/message.html",
        {"message": found, "can_release": services.can_release(request.user, found)},
    )


@login_required
@require_POST
def release(request, pk):
    """Send one reviewed draft."""
    _require_manager(request.user)
    found = get_message_for_user(request.user, pk)
    services.release_message(request.user, found.pk)
    messages.success(request, _("The message is released: it is being sent."))
    return redirect("notifications:message", pk=found.pk)


@login_required
@require_POST
def release_all(request):
    """Send every draft of one side, once its managers have reviewed them."""
    _require_manager(request.user)
    form = ReleaseDraftsForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a side whose drafts you may release."))
        return redirect("notifications:outbox")
    count = services.release_drafts(request.user, form.cleaned_data["side"])
    messages.success(
        request,
        ngettext(
            "%(count)d draft is released: it is being sent.",
            "%(count)d drafts are released: they are being sent.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:outbox")


@login_required
@require_safe
def templates(request):
    _require_manager(request.user)
    return render(
        request,
        "notifications/templates.html",
        {
            "templates": MessageTemplate.objects.filter(side__isnull=True),
            "sides": releasable_sides(request.user).order_by("id"),
        },
    )


@login_required
def edit_template(request, key):
    _require_manager(request.user)
    template = get_object_or_404(MessageTemplate, key=key, side__isnull=True)
    return _edit(request, template, _("The message “%(key)s” is saved.") % {"key": key})


@login_required
def edit_side_template(request, key, side_id):
    """A side's own copy of a message, in its voice and languages; made on its first save."""
    _require_manager(request.user)
    side = get_side_for_template_editor(request.user, side_id)
    try:
        template = services.side_copy(key, side)
    except MessageTemplate.DoesNotExist as missing:
        raise Http404 from missing
    saved = _("%(city)s's own copy of the message is saved.") % {"city": side.city}
    return _edit(request, template, saved)


def _edit(request, template, saved: str):
    """The editor's one flow: show, preview, or save and go back to the list."""
    form = MessageTemplateForm(request.POST or None, instance=template)
    if request.method != "POST":
        return _render_edit(request, form, template)
    if not form.is_valid():
        return _render_edit(request, form, template, status=400)
    if request.POST.get("action") == "preview":
        return _render_edit(request, form, template)
    try:
        form.save()
    except IntegrityError:  # a second tab made the side's copy first: keep it, say so
        messages.error(request, _("This copy was just saved elsewhere; open it again."))
        return redirect("notifications:templates")
    messages.success(request, saved)
    return redirect("notifications:templates")


def _render_edit(request, form, template, status=200):
    """The form, and unless it has errors, each language rendered with sample values
    (the posted text when previewing, the saved text otherwise)."""
    previews = [] if form.errors else _previews(form.instance)
    return render(
        request,
        "notifications/edit_template.html",
        {"form": form, "template": template, "previews": previews, "sample": SAMPLE_CONTEXT},
        status=status,
    )


def _previews(template):
    return [
        (name, *render_template(template, code, SAMPLE_CONTEXT))
        for code, name in settings.LANGUAGES
    ]
