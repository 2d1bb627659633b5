"""Which evidence files are accepted: documents, spreadsheets, slides and pictures up to 10MB. No Django.

A file is judged by its name's extension and by its first bytes, which must match the kind of file the
extension claims (a PDF starts "%PDF", an Office or OpenDocument file is a ZIP archive, and so on), so
that a renamed program is refused. Messages follow the GOV.UK file upload pattern.
"""
from __future__ import annotations

from pathlib import PurePath

MAX_BYTES = 10 * 1024 * 1024
MAX_SIZE_LABEL = "10MB"

ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".docx": ZIP, ".xlsx": ZIP, ".pptx": ZIP, ".odt": ZIP, ".ods": ZIP, ".odp": ZIP,
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".txt": None, ".csv": None,  # text: checked for being text instead
}
KINDS = "a PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or text file"
ACCEPT = ",".join(SIGNATURES)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def evidence_problem(name: str, size: int, head: bytes) -> str | None:
    """Why the file cannot be accepted as evidence, or None. ``head`` is its first bytes (at least
    the first 16, when the file is that long)."""
    if size == 0:
        return "The selected file is empty"
    if size > MAX_BYTES:
        return f"The selected file must be smaller than {MAX_SIZE_LABEL}"
    extension = PurePath(name).suffix.lower()
    if extension not in SIGNATURES:
        return f"The selected file must be {KINDS}"
    signatures = SIGNATURES[extension]
    if signatures is None:
        ok = _looks_like_text(head)
    else:
        ok = any(head.startswith(signature) for signature in signatures)
    if not ok:
        return f"The selected file is not a real {extension.lstrip('.').upper()} file: choose the file again"
    return None
