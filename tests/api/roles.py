"""Who may see the API's pages (see tests/roles.py): everyone signed in has their own
tokens; a side's managers (and the operator) manage its webhooks and read their delivery
log. Taichung has one webhook here, which theo, Toulouse's manager, may not read."""

from jumelage.api.models import Webhook
from tests.roles import ANY_SIGNED_IN, MANAGERS_OF_EITHER_SIDE, OK, POST_ONLY, members_only


def extend(world):
    world.webhook = Webhook.objects.create(
        side=world.taichung,
        url="https://hooks.example.org/jumelage",
        events=["application.submitted"],
        secret="s" * 64,
    )


def _none(c):
    return {}


def _hook(c):
    return {"pk": c.webhook.pk}


ROWS = {
    "api:tokens": (_none, ANY_SIGNED_IN),
    "api:create": (_none, POST_ONLY),
    "api:revoke": (lambda c: {"pk": 1}, POST_ONLY),
    "api:webhooks": (_none, MANAGERS_OF_EITHER_SIDE),
    "api:webhook": (_hook, members_only(tina=OK, olga=OK)),
    "api:webhook_delete": (_hook, POST_ONLY),
}
