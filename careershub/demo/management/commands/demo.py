from datetime import date

from django.core.management.base import BaseCommand, CommandError

from careershub.demo import city
from careershub.demo.accounts import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Build the demo city: a deterministic, fictional careers partnership (Riverford) with one account per "
        "role. Replaces any previous demo city. Prints the accounts as role, username and password separated "
        "by tabs, one per line; progress goes to standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", choices=list(city.SIZES), default="city",
            help="small (about a tenth of a city), city (about 120 schools and 25,000 young people, the default) "
                 "or region (about five times a city)",
        )
        parser.add_argument("--seed", type=int, default=2026, help="the same seed builds the same city (default 2026)")
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
            help="the day the city is built as of: year groups and dates follow it (default today)",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="build even though the database holds another partnership, which is left untouched",
        )

    def handle(self, *args, size, seed, as_of, force, **options):
        def progress(line):
            self.stderr.write(line, style_func=str)

        try:
            built = city.build(size=size, seed=seed, as_of=as_of, force=force, progress=progress)
        except city.DemoRefused as refused:
            raise CommandError(str(refused)) from None
        for user in built.users:
            if user.listed:
                self.stdout.write(f"{user.role}\t{user.username}\t{DEMO_PASSWORD}")
