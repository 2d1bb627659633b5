"""careershub verify-credential FILE: check a skills passport credential from the command line.

Exits 0 when the credential is valid, 1 otherwise (revoked, changed, unsigned, signed with a key that
is not a partnership's, or not a credential at all), saying why. FILE "-" reads standard input.
"""
import sys

from django.core.management.base import BaseCommand

from careershub.passport import credentials


class Command(BaseCommand):
    help = "Check a skills passport credential (Open Badges 3.0 JSON): exit 0 if valid, 1 if not."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the credential's JSON file, or - for standard input")

    def handle(self, *args, file, **options):
        try:
            if file == "-":
                text = sys.stdin.buffer.read(credentials.MAX_DOCUMENT_BYTES + 1)
            else:
                with open(file, "rb") as handle:
                    text = handle.read(credentials.MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            self.stderr.write(f"Not valid: the file cannot be read ({error.strerror or error}).")
            sys.exit(1)
        result = credentials.verify_text(text)
        details = result.details
        if result.valid:
            self.stdout.write(f"Valid. {result.reason}")
        elif result.status == credentials.REVOKED:
            self.stdout.write(f"Revoked. {result.reason}.")
        else:
            self.stdout.write(f"Not valid. {result.reason}")
        for label, key in (("Issued by", "issuer"), ("Awarded to", "awarded_to"), ("Achievement", "achievement"),
                           ("Endorsed by", "endorsed_by"), ("Valid from", "valid_from"), ("Credential", "credential_id")):
            if details.get(key):
                self.stdout.write(f"  {label}: {details[key]}")
        sys.exit(0 if result.valid else 1)
