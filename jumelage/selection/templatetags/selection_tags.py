from django import template

register = template.Library()

# The site's stylesheet colours a badge by these classes: green, blue, orange, red.
BADGE_CLASSES = {
    "draft": "draft",
    "sent": "sent",
    "proposed": "proposed",
    "offered": "proposed",
    "confirmed": "sent",
    "selected": "sent",
    "reserve": "proposed",
    "nominated": "sent",
    "waiting": "draft",
    "declined": "declined",
}


@register.filter
def badge(state: str) -> str:
    """The badge class that colours `state` (a nomination's, pick's or place's)."""
    return BADGE_CLASSES.get(state, "")
