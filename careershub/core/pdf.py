"""PDFs drawn by WeasyPrint from HTML templates: A4, tagged PDF/UA-1 (headings, tables and reading
order for screen readers). Every report in the platform goes through here."""
PDF_VARIANT = "pdf/ua-1"


def render_document(html: str):
    """The document laid out in pages (a WeasyPrint document), without writing the PDF."""
    from weasyprint import HTML

    return HTML(string=html).render(pdf_variant=PDF_VARIANT)


def render_pdf(html: str) -> bytes:
    return render_document(html).write_pdf(pdf_variant=PDF_VARIANT)


def document_text(document) -> list[str]:
    """The text of each page of a laid-out document, margins (title, date, page numbers) included."""
    pages = []
    for page in document.pages:
        parts = [box.text for box in page._page_box.descendants() if getattr(box, "text", None)]
        pages.append(" ".join(" ".join(parts).split()))
    return pages
