import datetime as dt
from decimal import Decimal

import pytest

from jumelage.followup import services
from jumelage.followup.enums import Stage
from jumelage.followup.models import Outcome
from tests import factories as f
from tests.exchange.factories import selected_team
from tests.followup.factories import hosted


@pytest.fixture
def team(world):
    """Taichung's selected team of alice, hosted by La Cantine in Toulouse."""
    application = selected_team(world, applicant=world.users.alice)
    hosted(application, f.HostingOfferFactory(cycle=world.cycle, organisation=world.host))
    return application


@pytest.fixture
def next_cycle(world):
    """2019's team of "Smart mobility" reached proof of service and raised funds; 2020
    offers the theme again."""
    theme = f.ThemeFactory(cycle=world.cycle, proposed_by=world.taichung, title="Smart mobility")
    team = selected_team(world, theme=theme)
    for number, stage in enumerate([Stage.PROOF_OF_CONCEPT, Stage.PROOF_OF_SERVICE]):
        services.validate_milestone(
            world.users.tina,
            team,
            stage,
            reached_on=dt.date(2020, 1, 1) + dt.timedelta(days=number),
            evidence="Pilot",
        )
    outcome = Outcome(
        application=team, funds_raised=Decimal("5000"), currency="EUR", jobs_created=2
    )
    services.save_outcome(world.users.tina, outcome)
    start = world.cycle.stages.order_by("starts_on").first().starts_on
    cycle = f.cycle_factory(world.partnership, slug="2020", start=start + dt.timedelta(days=366))
    return f.ThemeFactory(cycle=cycle, proposed_by=world.taichung, title="Smart mobility")
