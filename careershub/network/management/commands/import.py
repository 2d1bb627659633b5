"""careershub import schools|employers FILE.csv [--partnership SLUG]"""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careershub.network.management import kinds, partnership_from


class Command(BaseCommand):
    help = (
        "Import schools or employers from a CSV file (UTF-8), in the format the export writes. The whole "
        "file is checked first: if any row has a problem, every problem is printed as "
        "'row N, column X: message' and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(kinds()), help="What the file holds.")
        parser.add_argument("file", help="The CSV file, or - to read standard input.")
        parser.add_argument("--partnership", metavar="SLUG",
                            help="The partnership to import into; needed only when there are several.")

    def handle(self, *args, kind, file, partnership, **options):
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
        result = kinds()[kind].run_import(acting_user=None, partnership=partnership, content=content,
                                          file_name=file_name, via="command")
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            problems = len(result.errors)
            raise CommandError(f"Nothing imported: {problems} problem{'s' if problems != 1 else ''} in {file_name}")
        self.stdout.write(f"Imported {kind} into {partnership.name}: {result.summary()}")
