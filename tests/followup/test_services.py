import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jumelage.accounts.models import Role
from jumelage.followup import permissions, services
from jumelage.followup.enums import Stage
from jumelage.followup.models import Event, Milestone, Outcome
from tests import factories as f
from tests.exchange.factories import selected_team

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 3, 1)


def _validate(actor, team, stage, reached_on=DAY):
    return services.validate_milestone(
        actor, team, stage, reached_on=reached_on, evidence="A pilot with Airbus"
    )


# Milestones


def test_the_path_is_validated_in_order_with_an_event_per_milestone(world, team):
    _validate(world.users.hana, team, Stage.PROOF_OF_CONCEPT)
    _validate(world.users.tina, team, Stage.PROOF_OF_SERVICE, DAY + dt.timedelta(days=30))
    stages = list(Milestone.objects.filter(application=team).values_list("stage", flat=True))
    assert stages == ["concept", "service"]
    assert Event.objects.filter(application=team, action="milestone_validated").count() == 2


def test_a_milestone_cannot_be_validated_before_the_previous_one(world, team):
    with pytest.raises(ValidationError, match="Proof of service must be validated"):
        _validate(world.users.hana, team, Stage.PROOF_OF_BUSINESS)
    assert not Milestone.objects.filter(application=team).exists()


def test_a_milestone_validated_twice_is_refused_the_second_time(world, team):
    _validate(world.users.hana, team, Stage.PROOF_OF_CONCEPT)
    with pytest.raises(ValidationError, match="already validated"):
        _validate(world.users.theo, team, Stage.PROOF_OF_CONCEPT)
    assert Milestone.objects.filter(application=team).count() == 1


def test_a_milestone_cannot_be_dated_before_the_one_it_follows(world, team):
    _validate(world.users.hana, team, Stage.PROOF_OF_CONCEPT)
    with pytest.raises(ValidationError, match="cannot be reached before"):
        _validate(world.users.hana, team, Stage.PROOF_OF_SERVICE, DAY - dt.timedelta(days=1))


def test_an_unknown_stage_is_refused(world, team):
    with pytest.raises(ValueError):
        _validate(world.users.hana, team, "unicorn")


def test_the_applicant_cannot_validate_their_own_milestone(world, team):
    with pytest.raises(PermissionDenied):
        _validate(world.users.alice, team, Stage.PROOF_OF_CONCEPT)


# Who follows a team


def test_a_host_follows_only_the_teams_it_hosts(world, team):
    other_host = f.HostOrganisationFactory(side=world.toulouse)
    stranger = f.UserFactory(email="staff@elsewhere.example")
    f.MembershipFactory(
        user=stranger, side=world.toulouse, role=Role.HOST_STAFF, organisation=other_host
    )
    assert permissions.can_follow(world.users.hana, team)
    assert not permissions.can_follow(stranger, team)


def test_a_team_without_a_residency_is_followed_by_managers_not_hosts(world):
    application = selected_team(world)
    assert permissions.can_follow(world.users.tina, application)
    assert permissions.can_follow(world.users.theo, application)
    assert not permissions.can_follow(world.users.hana, application)


# Outcomes


def test_outcomes_are_recorded_with_who_recorded_them(world, team):
    outcome = Outcome(
        application=team, funds_raised=Decimal("250000"), currency="EUR", jobs_created=3
    )
    services.save_outcome(world.users.theo, outcome)
    outcome.refresh_from_db()
    assert (outcome.updated_by, outcome.jobs_created) == (world.users.theo, 3)
    assert Event.objects.filter(application=team, action="outcome_recorded").exists()


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [(Decimal("-1"), "EUR", "funds_raised"), (Decimal("10"), "USD", "currency")],
)
def test_a_negative_amount_or_an_unknown_currency_is_refused(world, team, amount, currency, field):
    outcome = Outcome(application=team, funds_raised=amount, currency=currency)
    with pytest.raises(ValidationError) as refused:
        services.save_outcome(world.users.theo, outcome)
    assert field in refused.value.message_dict
    assert not Outcome.objects.exists()
