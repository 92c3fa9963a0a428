"""Access to calls and applications, decided from memberships (jumelage.accounts.permissions).

An applicant reaches only their own applications; a side's managers reach the submitted
applications of their own side's calls, never another side's."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from jumelage.accounts.permissions import is_manager
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application, Call


def _public_calls():
    return Call.objects.filter(published=True)


def get_public_call(slug) -> Call:
    return get_object_or_404(
        _public_calls().select_related("side", "cycle__partnership"), slug=slug
    )


def get_call_to_apply(slug) -> Call:
    """The call alone, without the page's joins: applying needs only its dates."""
    return get_object_or_404(_public_calls(), slug=slug)


def get_call_for_manager(user, slug) -> Call:
    call = get_object_or_404(Call.objects.select_related("side", "cycle__partnership"), slug=slug)
    if not is_manager(user, call.side):
        raise PermissionDenied
    return call


def get_application_for_applicant(user, pk) -> Application:
    return get_object_or_404(
        Application.objects.select_related("call__side"),
        pk=pk,
        applicant_id=user.pk,
    )


def get_application_for_manager(user, call, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("theme", "applicant").filter(
            state__in=ApplicationState.seen_by_managers()
        ),
        pk=pk,
        call=call,
    )
    if not is_manager(user, call.side):
        raise PermissionDenied
    return application


def can_read_application(user, application) -> bool:
    if application.applicant_id == user.pk:
        return True
    seen = application.state in ApplicationState.seen_by_managers()
    return seen and is_manager(user, application.call.side)
