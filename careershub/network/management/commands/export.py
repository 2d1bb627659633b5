"""careershub export schools|employers [--partnership SLUG]"""
from django.core.management.base import BaseCommand

from careershub.core.csv_import import iter_csv
from careershub.network import services
from careershub.network.management import kinds, partnership_from


class Command(BaseCommand):
    help = "Write the partnership's schools or employers to standard output as CSV, in the format the import reads."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(kinds()), help="What to export.")
        parser.add_argument("--partnership", metavar="SLUG",
                            help="The partnership to export; needed only when there are several.")

    def handle(self, *args, kind, partnership, **options):
        partnership = partnership_from(partnership)
        chosen = kinds()[kind]
        records = chosen.records(partnership)
        services.export_recorded(acting_user=None, kind=kind.removesuffix("s"), count=records.count(), via="command")
        for line in iter_csv(chosen.csv_format, records.iterator(chunk_size=2000)):
            self.stdout.write(line, ending="")
