"""Every URL against every role: who may see what.

alice applied to Taichung's call; bob is another applicant; tina manages Taichung, theo
manages Toulouse; hana is staff of La Cantine (a Toulouse host); olga is an operator.
A new URL fails `test_every_url_is_in_the_matrix` until its row is written here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["anonymous", "alice", "bob", "tina", "theo", "hana", "olga"]
OK, LOGIN, DENIED, MISSING, NOT_ALLOWED, REDIRECT = 200, "login", 403, 404, 405, 302


def everyone(status):
    return dict.fromkeys(ROLES, status)


def members_only(**overrides):
    """Signed-in people get 403 unless overridden; anonymous visitors are sent to log in."""
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], DENIED), **overrides}


PUBLIC = everyone(OK)
TAICHUNG_MANAGERS = members_only(tina=OK, olga=OK)
PARTNERSHIP_MEMBERS = members_only(tina=OK, theo=OK, hana=OK, olga=OK)
ANY_SIGNED_IN = {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], OK)}
POST_ONLY = {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], NOT_ALLOWED)}
ALICES = {
    **members_only(alice=OK),
    "bob": MISSING,
    "tina": MISSING,
    "theo": MISSING,
    "hana": MISSING,
    "olga": MISSING,
}

P = {"partnership_slug": "taichung-toulouse"}


def cycle_kwargs(c, **extra):
    return {**P, "cycle_slug": c.cycle.slug, **extra}


MANAGERS_OF_EITHER_SIDE = members_only(tina=OK, theo=OK, olga=OK)
LA_CANTINE_EDITORS = members_only(theo=OK, hana=OK, olga=OK)

# name: (kwargs from the context, expected GET status per role)
MATRIX = {
    "partnerships:detail": (lambda c: P, PUBLIC),
    "partnerships:cycle": (cycle_kwargs, PUBLIC),
    "partnerships:themes": (cycle_kwargs, PUBLIC),
    "partnerships:theme_propose": (cycle_kwargs, POST_ONLY),
    "partnerships:theme_decide": (lambda c: cycle_kwargs(c, theme_id=c.theme.pk), POST_ONLY),
    "partnerships:theme_withdraw": (lambda c: cycle_kwargs(c, theme_id=c.theme.pk), POST_ONLY),
    "partnerships:stages": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "partnerships:budget": (lambda c: cycle_kwargs(c, side_slug="taichung"), TAICHUNG_MANAGERS),
    "partnerships:budget_line_edit": (
        lambda c: cycle_kwargs(c, side_slug="taichung", line_id=c.budget_line.pk),
        TAICHUNG_MANAGERS,
    ),
    "partnerships:budget_line_delete": (
        lambda c: cycle_kwargs(c, side_slug="taichung", line_id=c.budget_line.pk),
        TAICHUNG_MANAGERS,
    ),
    "hosting:organisations": (lambda c: P, PUBLIC),
    "hosting:schemes": (lambda c: P, PUBLIC),
    "hosting:organisation": (lambda c: {**P, "pk": c.host.pk}, PUBLIC),
    "hosting:organisation_add": (lambda c: P, MANAGERS_OF_EITHER_SIDE),
    "hosting:organisation_edit": (lambda c: {**P, "pk": c.host.pk}, LA_CANTINE_EDITORS),
    "hosting:offer_add": (lambda c: {**P, "pk": c.host.pk}, LA_CANTINE_EDITORS),
    "hosting:offer_edit": (lambda c: {**P, "pk": c.offer.pk}, LA_CANTINE_EDITORS),
    "hosting:offer_delete": (lambda c: {**P, "pk": c.offer.pk}, LA_CANTINE_EDITORS),
    "hosting:offers": (cycle_kwargs, PARTNERSHIP_MEMBERS),
    "core:home": (lambda c: {}, PUBLIC),
    "accounts:home": (lambda c: {}, ANY_SIGNED_IN),
    "accounts:register": (lambda c: {}, {"anonymous": OK, **dict.fromkeys(ROLES[1:], REDIRECT)}),
    "accounts:login": (lambda c: {}, {"anonymous": OK, **dict.fromkeys(ROLES[1:], REDIRECT)}),
    "accounts:logout": (lambda c: {}, everyone(NOT_ALLOWED)),
    "accounts:verify_pending": (
        lambda c: {},
        {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], REDIRECT)},
    ),
    "accounts:resend_verification": (lambda c: {}, POST_ONLY),
    "accounts:verify": (lambda c: {"token": "not-a-token"}, everyone(400)),
    "accounts:password_reset": (lambda c: {}, PUBLIC),
    "accounts:password_reset_done": (lambda c: {}, PUBLIC),
    "accounts:password_reset_confirm": (lambda c: {"uidb64": "MQ", "token": "x-y"}, PUBLIC),
    "accounts:password_reset_complete": (lambda c: {}, PUBLIC),
    "calls:detail": (lambda c: {"slug": c.call_tc.slug}, PUBLIC),
    "calls:apply": (lambda c: {"slug": c.call_tc.slug}, POST_ONLY),
    "calls:create": (
        lambda c: {"partnership": "taichung-toulouse", "cycle": c.cycle.slug, "side": "taichung"},
        POST_ONLY,
    ),
    "calls:edit": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:manage": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:export": (lambda c: {"slug": c.call_tc.slug, "fmt": "csv"}, TAICHUNG_MANAGERS),
    "calls:manage_application": (
        lambda c: {"slug": c.call_tc.slug, "pk": c.application.pk},
        TAICHUNG_MANAGERS,
    ),
    "calls:application": (lambda c: {"pk": c.application.pk}, ALICES),
    "calls:autosave": (lambda c: {"pk": c.application.pk}, everyone(NOT_ALLOWED)),
    "calls:submit": (lambda c: {"pk": c.application.pk}, POST_ONLY),
    "calls:withdraw": (lambda c: {"pk": c.application.pk}, POST_ONLY),
    "calls:reopen": (lambda c: {"pk": c.application.pk}, POST_ONLY),
    "calls:attachment": (
        lambda c: {"pk": c.application.pk, "key": "pitch_deck"},
        {**ALICES, "tina": OK, "olga": OK},
    ),
    "calls:builder": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:builder_add": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:builder_preview": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:builder_reorder": (lambda c: {"slug": c.call_tc.slug}, POST_ONLY),
    "calls:builder_edit": (
        lambda c: {"slug": c.call_tc.slug, "pk": c.question.pk},
        TAICHUNG_MANAGERS,
    ),
    "calls:builder_delete": (
        lambda c: {"slug": c.call_tc.slug, "pk": c.question.pk},
        TAICHUNG_MANAGERS,
    ),
    "notifications:outbox": (lambda c: {}, members_only(tina=OK, theo=OK, olga=OK)),
    "notifications:message": (
        lambda c: {"pk": c.message.pk},
        members_only(tina=OK, theo=MISSING, olga=OK),
    ),
    "notifications:templates": (lambda c: {}, members_only(tina=OK, theo=OK, olga=OK)),
    "notifications:edit_template": (
        lambda c: {"key": "verify-email"},
        members_only(tina=OK, theo=OK, olga=OK),
    ),
}


def _named_urls(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and namespace:
            yield namespace + entry.name


OWN_NAMESPACES = ("core", "accounts", "partnerships", "hosting", "calls", "notifications")


def test_every_url_is_in_the_matrix():
    names = {name for name in _named_urls(get_resolver()) if name.split(":")[0] in OWN_NAMESPACES}
    assert sorted(names - set(MATRIX)) == []


def _cases():
    for name in MATRIX:
        for role in ROLES:
            yield pytest.param(name, role, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "role"), list(_cases()))
def test_role_gets_the_expected_answer(client, rich_world, name, role):
    kwargs, expectations = MATRIX[name]
    expected = expectations[role]
    if role != "anonymous":
        client.force_login(getattr(rich_world.users, role))
    response = client.get(reverse(name, kwargs=kwargs(rich_world)))
    response.close()
    if expected == LOGIN:
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == expected
