"""Changes to host organisations that need more than a form's save."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jumelage.accounts.permissions import is_manager
from jumelage.hosting.models import HostOrganisation
from jumelage.partnerships.forms import localized

SLUG_BASE_LENGTH = 40  # leaves room for a "-12" suffix within the 50 of a SlugField


@transaction.atomic
def add_organisation(actor, organisation: HostOrganisation) -> HostOrganisation:
    """Save a new organisation of `organisation.side`, with a slug unique on that side."""
    if not is_manager(actor, organisation.side):
        raise PermissionDenied(_("Only the managers of a side can add its organisations."))
    organisation.slug = _unique_slug(organisation)
    organisation.save()
    return organisation


def _unique_slug(organisation) -> str:
    names = (getattr(organisation, column) or "" for column in localized("name"))
    # Names in Chinese characters only slugify to nothing; a Latin-script one is preferred.
    base = next(filter(None, map(slugify, names)), "organisation")[:SLUG_BASE_LENGTH].strip("-")
    taken = set(
        HostOrganisation.objects.filter(side=organisation.side, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
