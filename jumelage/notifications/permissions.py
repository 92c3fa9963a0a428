from django.db.models import Count
from django.shortcuts import get_object_or_404

from jumelage.accounts.permissions import managed_side_ids, manages_any_side
from jumelage.notifications.models import OutboxMessage, OutboxState


def _sides():
    # The outbox names sides by its foreign key only: a foundation imports no stage app.
    return OutboxMessage._meta.get_field("side").related_model.objects.all()


def readable_outbox(user):
    """Messages a user may read: those of the sides they manage (all, for operators)."""
    messages = OutboxMessage.objects.select_related("side")
    if user.is_superuser:
        return messages
    return messages.filter(side_id__in=managed_side_ids(user))


def get_message_for_user(user, pk) -> OutboxMessage:
    return get_object_or_404(readable_outbox(user), pk=pk)


def can_use_outbox(user) -> bool:
    """Managers of any side run the programme's messages; operators see everything."""
    return manages_any_side(user)


def releasable_sides(user):
    """The sides whose drafts this user may release: those they manage (all, for operators)."""
    sides = _sides()
    if user.is_superuser:
        return sides
    return sides.filter(pk__in=managed_side_ids(user))


def drafts_by_side(user) -> list[tuple[object, int]]:
    """(side, number of drafts waiting for review) for the sides this user may release."""
    counts = (
        releasable_sides(user)
        .filter(outbox__state=OutboxState.DRAFT)
        .annotate(drafts=Count("outbox"))
        .order_by("id")
    )
    return [(side, side.drafts) for side in counts]


def get_side_for_template_editor(user, side_id):
    """The side whose own message templates `user` may edit: one they manage, else 404."""
    return get_object_or_404(releasable_sides(user), pk=side_id)
