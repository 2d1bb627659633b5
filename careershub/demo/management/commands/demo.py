from django.core.management.base import BaseCommand

from careershub.demo import city


class Command(BaseCommand):
    help = "Build the demo city: a deterministic, fictional careers partnership with one account per role."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(city.SIZES), default="city")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, size, seed, **options):
        accounts = city.build(size=size, seed=seed, progress=lambda line: self.stderr.write(line))
        for account in accounts:
            self.stdout.write(f"{account['role']}\t{account['username']}\t{account['password']}")
