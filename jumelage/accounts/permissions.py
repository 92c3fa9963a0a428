"""Who may do what, decided from a user's memberships. Every view asks here or in its
app's permissions module, never checks roles by hand."""

from jumelage.accounts.models import Membership, Role


def _memoised(user, name, compute) -> set[int]:
    """Memberships are read once per request: the user object lives as long as it."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, name):
        setattr(user, name, set(compute()))
    return getattr(user, name)


def managed_side_ids(user) -> set[int]:
    return _memoised(
        user,
        "_managed_side_ids",
        lambda: Membership.objects.filter(user=user, role=Role.MANAGER).values_list(
            "side_id", flat=True
        ),
    )


def staffed_organisation_ids(user) -> set[int]:
    return _memoised(
        user,
        "_staffed_organisation_ids",
        lambda: Membership.objects.filter(user=user, role=Role.HOST_STAFF).values_list(
            "organisation_id", flat=True
        ),
    )


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
