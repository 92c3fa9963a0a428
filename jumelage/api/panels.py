"""What the API adds to earlier pages: a link to one's tokens in one's space."""

from jumelage.accounts.pages import MY_SPACE
from jumelage.accounts.permissions import manages_any_side
from jumelage.api.models import ApiToken


def register() -> None:
    MY_SPACE.add("api-tokens", order=900, template="api/_my_space.html", context=_my_space)


def _my_space(user) -> dict:
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
    return {"active": active, "webhooks": manages_any_side(user)}
