"""The page that imports a CSV file and shows what happened: the problems, or the counts."""
from django.shortcuts import render

from .forms import CsvUploadForm

PROBLEMS_SHOWN = 500  # the problems listed on the page; the rest are counted


def import_page(request, *, csv_format, heading: str, noun_plural: str, list_url_name: str,
                export_url_name: str, run, extra: dict | None = None):
    """GET: the upload form with the file's documentation. POST: import the file through ``run``
    (content, file name) -> ImportResult, and show the result beside the form."""
    form = CsvUploadForm(request.POST, request.FILES) if request.method == "POST" else CsvUploadForm()
    result = None
    file_name = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        file_name = upload.name
        result = run(upload.read(), file_name)
    problems = result.errors[:PROBLEMS_SHOWN] if result else []
    return render(request, "network/import.html", {
        "form": form, "heading": heading, "noun_plural": noun_plural, "columns": csv_format.columns,
        "example_header": ",".join(csv_format.headers()),
        "example_row": ",".join(column.example for column in csv_format.columns),
        "list_url_name": list_url_name, "export_url_name": export_url_name,
        "result": result, "file_name": file_name, "problems": problems,
        "problems_not_shown": len(result.errors) - len(problems) if result else 0,
        **(extra or {}),
    })
