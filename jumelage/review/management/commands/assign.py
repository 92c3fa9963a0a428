"""`jumelage assign PARTNERSHIP CYCLE SIDE --as EMAIL`: the committee's automatic assignment
from the command line, with its progress, for committees large enough to wait for."""

from django.core.management.base import BaseCommand, CommandError

from jumelage.accounts.models import User
from jumelage.review import services
from jumelage.review.models import Committee


class Command(BaseCommand):
    help = "Assign the committee's reviewers automatically, showing the solver's progress."

    def add_arguments(self, parser):
        parser.add_argument("partnership")
        parser.add_argument("cycle")
        parser.add_argument("side")
        parser.add_argument("--as", dest="actor", required=True, help="a manager's email")

    def handle(self, *args, partnership, cycle, side, actor, **options):
        committee = Committee.objects.filter(
            cycle__partnership__slug=partnership, cycle__slug=cycle, side__slug=side
        ).first()
        if committee is None:
            raise CommandError(f"No committee for {partnership} / {cycle} / {side}.")
        manager = User.objects.filter(email=actor.lower()).first()
        if manager is None:
            raise CommandError(f"No user with the address {actor}.")
        result = services.auto_assign(manager, committee, progress=self._progress)
        self.stdout.write(
            f"{result.added} assignment(s) added, {result.removed} moved away"
            + ("" if result.optimal else f"; {len(result.short)} application(s) short")
        )

    def _progress(self, fraction: float, message: str) -> None:
        self.stdout.write(f"{fraction:5.0%}  {message}")
