"""The pages of a side's webhooks, for its managers: subscribe a URL, read the delivery
log of a webhook, remove it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from jumelage.accounts.permissions import is_manager, managed_side_ids
from jumelage.api import webhooks
from jumelage.api.forms import WebhookForm
from jumelage.api.models import Webhook, WebhookAttempt, WebhookDelivery, WebhookEvent
from jumelage.partnerships.models import Side

LOG_LENGTH = 50
MAX_ID = 2**63 - 1


def _sides(user):
    """The sides whose webhooks `user` manages; PermissionDenied when there are none."""
    sides = Side.objects.select_related("partnership")
    if not user.is_superuser:
        sides = sides.filter(pk__in=managed_side_ids(user))
    if not sides.exists():
        raise PermissionDenied
    return sides


def _with_labels(hook: Webhook) -> Webhook:
    """The webhook with `event_labels`: its events as a person reads them."""
    labels = dict(WebhookEvent.choices)
    hook.event_labels = [labels.get(event, event) for event in hook.events]
    return hook


def _list(request, form, status=200):
    sides = _sides(request.user)
    hooks = [
        _with_labels(hook) for hook in Webhook.objects.filter(side__in=sides).select_related("side")
    ]
    context = {"form": form, "webhooks": hooks}
    return render(request, "api/webhooks.html", context, status=status)


@login_required
def webhook_list(request):
    sides = _sides(request.user)
    if request.method != "POST":
        return _list(request, WebhookForm(sides=sides))
    form = WebhookForm(request.POST, sides=sides)
    if not form.is_valid():
        return _list(request, form, status=400)
    data = form.cleaned_data
    try:
        hook = webhooks.subscribe(
            request.user, data["side"], url=data["url"], events=data["events"]
        )
    except ValidationError as error:
        form.add_error("url", error)
        return _list(request, form, status=400)
    messages.success(request, _("The webhook is saved: copy its secret to check our signature."))
    return redirect("api:webhook", pk=hook.pk)


def _own(request, pk) -> Webhook:
    # A URL's <int:pk> may exceed what the database holds: such a webhook does not exist.
    if pk > MAX_ID:
        raise Http404
    hook = get_object_or_404(Webhook.objects.select_related("side"), pk=pk)
    if not is_manager(request.user, hook.side):
        raise PermissionDenied
    return hook


@login_required
@require_safe
def webhook(request, pk):
    hook = _own(request, pk)
    deliveries = WebhookDelivery.objects.filter(webhook=hook).prefetch_related(
        Prefetch("tries", queryset=WebhookAttempt.objects.order_by("number"))
    )[:LOG_LENGTH]
    context = {
        "webhook": _with_labels(hook),
        "deliveries": deliveries,
        "header": webhooks.SIGNATURE_HEADER,
    }
    return render(request, "api/webhook.html", context)


@login_required
@require_POST
def webhook_delete(request, pk):
    hook = _own(request, pk)
    webhooks.remove(request.user, hook)
    messages.success(request, _("The webhook is removed: nothing more is posted to it."))
    return redirect("api:webhooks")
