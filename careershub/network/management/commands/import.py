"""careershub import schools|employers FILE.csv [--partnership SLUG]
careershub import postcodes FILE.csv"""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careershub.core import audit
from careershub.core.csv_import import import_csv
from careershub.core.models import AuditEntry
from careershub.network.csv_formats import postcode_file
from careershub.network.management import kinds, partnership_from

POSTCODES = "postcodes"


class Command(BaseCommand):
    help = (
        "Import schools or employers from a CSV file (UTF-8), in the format the export writes, or postcode "
        "locations (postcode,latitude,longitude; or the national postcode directory's file, whose pcds, lat "
        "and long columns are read). The whole file is checked first: if any row has a problem, every "
        "problem is printed as 'row N, column X: message' and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted([*kinds(), POSTCODES]), help="What the file holds.")
        parser.add_argument("file", help="The CSV file, or - to read standard input.")
        parser.add_argument("--partnership", metavar="SLUG",
                            help="The partnership to import into; needed only when there are several "
                                 "(postcode locations are shared by every partnership).")

    def handle(self, *args, kind, file, partnership, **options):
        if kind != POSTCODES:
            partnership = partnership_from(partnership)
        if file == "-":
            content, file_name = sys.stdin.buffer.read(), "standard input"
        else:
            path = Path(file)
            try:
                content = path.read_bytes()
            except OSError as error:
                raise CommandError(f"Cannot read {file}: {error.strerror}") from None
            file_name = path.name
        if kind == POSTCODES:
            self.import_postcodes(content, file_name)
            return
        result = kinds()[kind].run_import(acting_user=None, partnership=partnership, content=content,
                                          file_name=file_name, via="command")
        self.refuse_if_problems(result, file_name)
        self.stdout.write(f"Imported {kind} into {partnership.name}: {result.summary()}")

    def refuse_if_problems(self, result, file_name):
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            problems = len(result.errors)
            raise CommandError(f"Nothing imported: {problems} problem{'s' if problems != 1 else ''} in {file_name}")

    def import_postcodes(self, content, file_name):
        """Postcode locations, for travel distances on the menu of opportunities. All or nothing;
        importing again updates the locations of postcodes already loaded."""
        prepared = postcode_file(content)
        result = import_csv(prepared.csv_format, prepared.content)
        summary = result.summary()
        audit.record(actor=None, action=AuditEntry.Action.IMPORT, subject_type="network.postcodelocation",
                     summary=f"Postcode locations from {file_name}: {summary}"[:255], via="command")
        self.refuse_if_problems(result, file_name)
        left_out = ""
        if prepared.without_location:
            count = prepared.without_location
            left_out = f"; {count} postcode{'s' if count != 1 else ''} without a location left out"
        self.stdout.write(f"Imported postcode locations: {summary}{left_out}")
