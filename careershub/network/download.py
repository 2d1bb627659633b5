"""CSV downloads."""
from collections.abc import Iterable

from django.http import StreamingHttpResponse


def csv_download(lines: Iterable[str], file_name: str) -> StreamingHttpResponse:
    """Stream the lines of a CSV file to the browser as a download (UTF-8, with a byte-order mark so
    spreadsheets read accented names correctly)."""
    response = StreamingHttpResponse((line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response
