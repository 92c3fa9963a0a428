"""The API's ear on core.events: each announced event goes to the subscribed webhooks."""

from jumelage.api import dispatch, webhooks
from jumelage.core import events


def on_event(sender, side_ids, data, **kwargs) -> None:
    for delivery_id in webhooks.fan_out(sender, side_ids, data):
        dispatch.dispatch(delivery_id)


def connect() -> None:
    events.happened.connect(on_event, dispatch_uid="api-webhooks")
