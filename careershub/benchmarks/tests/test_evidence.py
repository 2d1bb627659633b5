import pytest

from careershub.benchmarks.evidence import MAX_BYTES, evidence_problem

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(("name", "head"), [
    ("programme.pdf", PDF), ("Careers plan.DOCX", DOCX), ("tracker.xlsx", DOCX), ("photo.png", PNG),
    ("visit.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"), ("notes.txt", "Réunion — notes".encode()),
    ("log.csv", b"year,group,count\n"),
])
def test_documents_spreadsheets_and_pictures_are_accepted(name, head):
    assert evidence_problem(name, 2048, head) is None


def test_an_empty_or_too_large_file_is_refused():
    assert evidence_problem("a.pdf", 0, b"") == "The selected file is empty"
    assert evidence_problem("a.pdf", MAX_BYTES + 1, PDF) == "The selected file must be smaller than 10MB"
    assert evidence_problem("a.pdf", MAX_BYTES, PDF) is None


def test_other_kinds_of_file_are_refused():
    assert evidence_problem("setup.exe", 100, b"MZ\x90\x00").startswith("The selected file must be a PDF, Word")
    assert evidence_problem("no-extension", 100, PDF).startswith("The selected file must be")


def test_a_file_whose_contents_do_not_match_its_name_is_refused():
    assert evidence_problem("programme.pdf", 100, b"MZ\x90\x00") == (
        "The selected file is not a real PDF file: choose the file again"
    )
    assert evidence_problem("notes.txt", 100, b"\x00\x01binary") is not None
    assert evidence_problem("photo.png", 100, PDF) is not None


def test_text_cut_off_in_the_middle_of_a_character_is_still_text():
    assert evidence_problem("notes.txt", 100, "café".encode()[:-1]) is None
