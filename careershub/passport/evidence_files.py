"""Which files a young person may attach to evidence: a PDF, JPEG or PNG up to 5MB. No Django.

A file is judged by its name's extension and by its first bytes, which must match the kind the
extension claims, so a renamed program or web page is refused. Messages follow the GOV.UK file
upload pattern.
"""
from __future__ import annotations

from pathlib import PurePath

MAX_BYTES = 5 * 1024 * 1024
MAX_SIZE_LABEL = "5MB"
KINDS = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def file_problem(name: str, size: int, head: bytes) -> str | None:
    """Why the file cannot be attached, or None. ``head`` is its first bytes (at least 8)."""
    if size == 0:
        return "The selected file is empty"
    if size > MAX_BYTES:
        return f"The selected file must be smaller than {MAX_SIZE_LABEL}"
    extension = PurePath(name).suffix.lower()
    if extension not in KINDS:
        return "The selected file must be a PDF, JPEG or PNG"
    if not any(head.startswith(signature) for signature in KINDS[extension][1]):
        return f"The selected file is not a real {extension.lstrip('.').upper()} file: choose the file again"
    return None


def content_type_of(name: str) -> str:
    return KINDS[PurePath(name).suffix.lower()][0]
