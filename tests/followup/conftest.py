import pytest

from tests import factories as f
from tests.exchange.factories import selected_team
from tests.followup.factories import hosted


@pytest.fixture
def team(world):
    """Taichung's selected team of alice, hosted by La Cantine in Toulouse."""
    application = selected_team(world, applicant=world.users.alice)
    hosted(application, f.HostingOfferFactory(cycle=world.cycle, organisation=world.host))
    return application
