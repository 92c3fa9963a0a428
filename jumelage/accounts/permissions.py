"""Who may do what, decided from a user's memberships. Every view asks here or in its
app's permissions module, never checks roles by hand."""

from jumelage.accounts.models import Membership, Role


def managed_side_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_managed_side_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, role=Role.MANAGER).values_list(
                "side_id", flat=True
            )
        )
        user._managed_side_ids = cached
    return cached


def staffed_organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_staffed_organisation_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, role=Role.HOST_STAFF).values_list(
                "organisation_id", flat=True
            )
        )
        user._staffed_organisation_ids = cached
    return cached


def manages_any_side(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(managed_side_ids(user)))


def is_manager(user, side) -> bool:
    return user.is_authenticated and (user.is_superuser or side.pk in managed_side_ids(user))


def is_partnership_member(user, partnership) -> bool:
    """Managers of any side, and host staff of any organisation, of the partnership."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, side__partnership=partnership).exists()
