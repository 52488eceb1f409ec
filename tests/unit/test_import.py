"""`casebook import`: the fictional Child M report, as PDF and as Word, becomes a draft review whose
body carries every sentence of the report and whose front matter holds its learning, its
recommendations and its stated facts, each waiting for a person to confirm it.

The reports are committed beside their generator (tests/fixtures/reports/make_reports.py); a test
that fails after the generator changed may only need them made again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import ENV, ROOT

from casebook import cli
from casebook.authoring.importer.run import import_report
from casebook.authoring.importer.word import Numbering
from casebook.model.vocabulary import load_vocabulary

REPORTS = ROOT / "tests" / "fixtures" / "reports"
BAD = REPORTS / "bad"
sys.path.insert(0, str(REPORTS))
import make_reports  # noqa: E402

CONFIRM_MESSAGE = "confirm the value the import filled in, then delete the '# CONFIRM:' line"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().lower()


def new_project(folder: Path) -> Path:
    """The least a Casebook repository needs for `casebook import` and `casebook check`."""
    (folder / "docs" / "reviews").mkdir(parents=True)
    shutil.copytree(ROOT / "vocabulary", folder / "vocabulary")
    return folder


@contextmanager
def inside(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def split_draft(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


@pytest.fixture(scope="module", params=["pdf", "docx"])
def child_m(request, tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp(f"child-m-{request.param}"))
    result = import_report(REPORTS / f"child-m.{request.param}", project, load_vocabulary(project / "vocabulary"))
    text = result.draft.read_text(encoding="utf-8")
    front, body = split_draft(text)
    return SimpleNamespace(kind=request.param, project=project, result=result, text=text, front=front, body=body)


def test_the_draft_is_written_under_the_subject_name(child_m):
    assert child_m.result.draft == child_m.project / "docs" / "reviews" / "child-m.md"


def test_every_sentence_of_the_report_is_in_the_body(child_m):
    # Line by line: a sentence the page break or a line end cut is not whole on any line.
    lines = [normalise(line) for line in child_m.body.splitlines()]
    sentences = make_reports.report_sentences(make_reports.fictional_report())
    assert len(sentences) > 60
    missing = [s for s in sentences if not any(normalise(s) in line for line in lines)]
    assert missing == []


def test_running_headers_footers_page_numbers_and_the_contents_page_are_gone(child_m):
    body = child_m.body
    assert "Overview Report March 2023 Final" not in body
    assert not re.search(r"Page \d+ of \d+", body)
    assert "Local Child Safeguarding Practice Review: Child M" not in body  # the running header
    assert "Contents" not in body and "....." not in body
    assert not re.search(r"^\s*\d+\s*$", body, re.M)  # no page number left on a line of its own


def test_the_paragraph_a_page_break_cut_is_one_paragraph_again(child_m):
    assert f"3.2.3 {make_reports.SPLIT_PARAGRAPH}" in child_m.body.splitlines()
    assert child_m.result.document.joined_across_pages == 1


def test_a_hyphenated_line_end_is_repaired_and_real_hyphens_kept(child_m):
    assert "without further assessment of the injury." in child_m.body
    assert "assess-" not in child_m.body
    assert "half-brother" in child_m.body and "call-outs" in child_m.body and "two-year review" in child_m.body


def test_headings_numbered_paragraphs_lists_tables_and_footnotes(child_m):
    lines = child_m.body.splitlines()
    assert any(re.fullmatch(r"## 1\.? Introduction", line) for line in lines)
    assert "### 1.1 Why this review was held" in lines
    assert any(line.startswith("3.2.4 The police held information about Mr N") for line in lines)
    assert "- Make sure that information sharing about a new adult in the household happens before a case is closed, not after it." in lines
    assert f"1. {make_reports.RECOMMENDATIONS[0]}" in lines and f"8. {make_reports.RECOMMENDATIONS[7]}" in lines
    assert "| Family member | Relationship to Child M | Age at the time of the incident |" in lines
    assert "| Mr N | Mother's partner and father of Child M | 31 years |" in lines
    assert any(line.endswith("because of the mother's history of low mood.[^1]") for line in lines)
    assert lines[-1] == f"[^1]: {make_reports.FOOTNOTE[1]}"


def test_learning_points_and_recommendations_are_found_in_order_as_published(child_m):
    assert [p["text"] for p in child_m.front["learning"]] == make_reports.LEARNING
    assert [r["text"] for r in child_m.front["recommendations"]] == make_reports.RECOMMENDATIONS


def test_themes_are_suggested_on_the_right_points_with_the_words_that_matched(child_m):
    learning = child_m.front["learning"]
    assert learning[0]["themes"][0] == "information-sharing"
    assert learning[1]["themes"][0] == "joint-meetings"
    assert learning[2]["themes"][0] == "malicious-referral-caution"
    assert '# suggested: information-sharing from "information sharing" (theme name)' in child_m.text
    assert '# suggested: malicious-referral-caution from "anonymous referrals" (synonym)' in child_m.text
    # Nothing in the fifth point names a theme: FILL-IN, with the closest themes to choose from.
    assert learning[4]["themes"] == ["FILL-IN"]
    assert "# no theme's name or synonym occurs in it; the closest themes: voice-of-the-child" in child_m.text
    # The review's themes are the union of the suggestions, marked for confirming.
    assert child_m.front["themes"][:3] == ["information-sharing", "joint-meetings", "malicious-referral-caution"]
    assert "# CONFIRM: themes: suggested from the learning points and recommendations below" in child_m.text


def test_stated_facts_are_filled_in_with_their_page_and_the_rest_not_stated(child_m):
    front, text = child_m.front, child_m.text
    assert front["title"] == "Local Child Safeguarding Practice Review: Child M"
    assert front["review_type"] == "local-child-safeguarding-practice-review"
    assert front["publisher"] == "Anyshire Safeguarding Children Partnership"
    assert front["published"] == "2023-03"
    assert front["incident"] == "2022"
    assert front["subject"] == {"name": "Child M", "naming": "letter-or-initial"}
    assert (front["nation"], front["outcome"], front["source"]) == ("not-stated",) * 3
    assert front["summary"] == "FILL-IN"
    assert '# CONFIRM: review_type: from the words "Local Child Safeguarding Practice Review" (page 1)' in text
    assert '# CONFIRM: published: from "Published March 2023" (page 1)' in text
    assert re.search(r'# CONFIRM: incident: from "The incident that led to this review happened in the spring of 2022" \(page \d\)', text)


def run_check(project: Path, capsys) -> tuple[int, str]:
    with inside(project):
        code = cli.main(["check"])
    return code, capsys.readouterr().out


def test_the_draft_fails_the_check_only_on_what_a_person_must_confirm_or_write(child_m, capsys):
    code, out = run_check(child_m.project, capsys)
    assert code == 1
    problems = out.splitlines()[:-1]
    confirm_lines = [n for n, line in enumerate(child_m.text.splitlines(), start=1) if line.lstrip().startswith("# CONFIRM:")]
    unconfirmed = [p for p in problems if p.endswith(CONFIRM_MESSAGE)]
    assert [int(p.split(":")[1]) for p in unconfirmed] == confirm_lines
    assert "docs/reviews/child-m.md:8: review_type: " + CONFIRM_MESSAGE in problems
    fill_in = [p for p in problems if p not in unconfirmed]
    assert [re.sub(r":\d+:", ":N:", p) for p in fill_in] == [
        "docs/reviews/child-m.md:N: summary: replace FILL-IN with what happened and what the review found, in plain text",
        "docs/reviews/child-m.md:N: learning[5].themes[1]: replace FILL-IN with a slug from vocabulary/themes.yml",
    ]
    assert out.splitlines()[-1] == f"{len(problems)} errors in 1 file (1 file checked)"


def test_once_a_person_has_confirmed_everything_the_draft_passes(child_m, tmp_path, capsys):
    project = new_project(tmp_path / "confirmed")
    text = "\n".join(l for l in child_m.text.splitlines() if not l.lstrip().startswith("# CONFIRM:")) + "\n"
    text = text.replace("summary: FILL-IN", "summary: A fictional summary written by the person who checked the draft.")
    text = text.replace("themes: [FILL-IN]", "themes: [voice-of-the-child]")
    (project / "docs" / "reviews" / "child-m.md").write_text(text, encoding="utf-8")
    assert run_check(project, capsys) == (0, "")


def test_the_printed_report_says_what_was_found_and_what_is_left(tmp_path, capsys):
    project = new_project(tmp_path)
    with inside(project):
        assert cli.main(["import", str(REPORTS / "child-m.pdf")]) == 0
    out = capsys.readouterr().out
    rows = {line.split("  ")[0]: line for line in out.splitlines() if line and not line.startswith(" ")}
    assert set(rows) >= {"report", "draft", "pages", "headings", "paragraphs", "lists, tables", "title", "learning points",
                         "recommendations", "themes suggested", "facts found", "facts not stated", "personal data", "next step"}
    assert re.search(r"^pages +7 \(contents on page 2 removed; \d+ running header, footer or page-number lines removed\)$", out, re.M)
    assert re.search(r"^paragraphs +\d+ \(1 paragraph joined across a page break; 1 hyphenated line end repaired\)$", out, re.M)
    assert re.search(r'^learning points +5, from "4 Learning" \(page 6\)$', out, re.M)
    assert re.search(r'^recommendations +8, from "5 Recommendations" \(page 7\)$', out, re.M)
    assert re.search(r"^themes suggested +learning 1: information-sharing$", out, re.M)
    assert re.search(r"^facts not stated +nation, outcome, source ", out, re.M)
    assert re.search(r"^personal data +none found", out, re.M)
    assert "then run: casebook check docs/reviews/child-m.md   (it lists exactly what is left: now 22 values to confirm, 2 FILL-INs to replace)" in out


def test_personal_data_in_the_report_is_listed_by_line_and_left_in_place(tmp_path, capsys):
    import docx

    report = docx.Document()
    report.add_paragraph("Serious Case Review: Child P", style="Title")
    report.add_paragraph("This fictional report gives a telephone number, 01632 960 123, that a draft must not publish.")
    report.save(tmp_path / "child-p.docx")
    project = new_project(tmp_path / "project")
    with inside(project):
        assert cli.main(["import", str(tmp_path / "child-p.docx")]) == 0
    out = capsys.readouterr().out
    draft = (project / "docs" / "reviews" / "child-p.md").read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(draft.splitlines(), start=1) if "01632 960 123" in text)
    assert re.search(rf"^personal data +1 finding \(nothing was removed: fix each\)$", out, re.M)
    assert re.search(rf"^ +docs/reviews/child-p\.md:{line}: body: remove the UK phone number", out, re.M)


def test_a_word_file_laid_out_by_word_gives_the_pages_word_showed(tmp_path):
    import docx
    from docx.oxml import parse_xml

    report = docx.Document()
    report.add_paragraph("Serious Case Review: Child R", style="Title")
    report.add_paragraph("A fictional report for Casebook's tests.")
    for n in range(2, 5):
        # Where Word broke the pages when the file was last saved: no explicit break at all.
        para = report.add_paragraph()
        para.add_run()._r.append(parse_xml('<w:lastRenderedPageBreak xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
        para.add_run("Date of incident: Spring 2019." if n == 3 else f"Page {n} of this fictional report has this sentence.")
    report.save(tmp_path / "child-r.docx")
    project = new_project(tmp_path / "project")
    result = import_report(tmp_path / "child-r.docx", project, load_vocabulary(project / "vocabulary"))
    assert result.document.pages == 4
    assert '# CONFIRM: incident: from "Date of incident: Spring 2019" (page 3)' in result.draft.read_text(encoding="utf-8")


def test_word_list_numbers_are_worked_out_from_the_numbering_definitions(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%2)"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
        '<w:lvlText w:val="%3)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="71"><w:abstractNumId w:val="70"/><w:lvlOverride w:ilvl="0">'
                               '<w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
    document.save(tmp_path / "lists.docx")
    counters = Numbering.read(docx.Document(tmp_path / "lists.docx"))
    shown = [counters.number(num, level)[0] for num, level in
             [("70", 0), ("70", 1), ("70", 1), ("70", 2), ("70", 2), ("70", 1), ("70", 0), ("70", 1), ("71", 0), ("71", 0)]]
    assert shown == ["1.", "(a)", "(b)", "i)", "ii)", "(c)", "2.", "(a)", "5.", "6."]


# -- what cannot be imported: one line, exit 2, never a traceback --------------------------------

def run_import(project: Path, capsys, *args: str) -> tuple[int, str, str]:
    with inside(project):
        code = cli.main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name, message", [
    ("notes.pdf", "this is not a PDF or a Word (.docx) file; import the report as published, in PDF or .docx"),
    ("encrypted.pdf", "this PDF is password-protected; ask the publisher for an open copy, or open it with the password and print it to a new PDF, then import that"),
    ("empty.pdf", "the file is empty (0 bytes); download the report again and import the new copy"),
    ("truncated.pdf", "this PDF is damaged and cannot be read; download it again, or open it and print it to a new PDF, then import that"),
    ("scan.pdf", "this PDF has no text layer: run OCR first, e.g. with ocrmypdf"),
    ("broken.docx", "this Word document is damaged and cannot be read; open it in Word and save it again (or save it as PDF), then import that copy"),
])
def test_a_report_that_cannot_be_read_gets_one_line_and_exit_2(name, message, tmp_path, capsys):
    code, out, err = run_import(new_project(tmp_path), capsys, str(BAD / name))
    assert (code, out, err) == (2, "", f"casebook import: {BAD / name}: {message}\n")
    assert not any((tmp_path / "docs" / "reviews").iterdir())


def test_a_word_document_without_text_is_refused(tmp_path, capsys):
    import docx

    docx.Document().save(tmp_path / "blank.docx")
    code, out, err = run_import(new_project(tmp_path / "project"), capsys, str(tmp_path / "blank.docx"))
    assert (code, out) == (2, "")
    assert err.endswith("this Word document has no text; check it is the report itself, not a cover sheet or a scan\n")


def test_a_report_over_50_mb_is_refused_before_it_is_read(tmp_path, capsys):
    big = tmp_path / "big.pdf"
    with big.open("wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written to disk
    code, out, err = run_import(new_project(tmp_path / "project"), capsys, str(big))
    assert code == 2 and err == (f"casebook import: {big}: the file is 51 MB, over the 50 MB limit; import a copy without "
                                 "images (e.g. printed to PDF as text), or write the review by hand with casebook new\n")


def test_an_old_word_file_is_asked_for_as_docx(tmp_path, capsys):
    old = tmp_path / "report.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    code, _, err = run_import(new_project(tmp_path / "project"), capsys, str(old))
    assert code == 2 and err.endswith("this is an old Word .doc file; open it and save it as .docx (Word Document), then import that\n")


def test_an_existing_review_is_overwritten_only_with_force(tmp_path, capsys):
    project = new_project(tmp_path)
    report = str(REPORTS / "child-m.docx")
    assert run_import(project, capsys, report)[0] == 0
    draft = project / "docs" / "reviews" / "child-m.md"
    draft.write_text("a person's edits", encoding="utf-8")
    code, out, err = run_import(project, capsys, report)
    assert (code, out) == (2, "")
    assert err == (f"casebook import: {report}: docs/reviews/child-m.md already exists; choose another name with "
                   "--slug SLUG, or add --force to overwrite it\n")
    assert draft.read_text(encoding="utf-8") == "a person's edits"
    assert run_import(project, capsys, report, "--slug", "child-m-copy")[0] == 0
    assert run_import(project, capsys, report, "--force")[0] == 0
    assert draft.read_text(encoding="utf-8").startswith("---\n# A draft written by `casebook import`")


def test_a_slug_must_be_a_file_name_casebook_accepts(tmp_path, capsys):
    code, _, err = run_import(new_project(tmp_path), capsys, str(REPORTS / "child-m.pdf"), "--slug", "Child M")
    assert code == 2 and err.endswith("--slug 'Child M': write the slug in lowercase letters, digits and hyphens, e.g. --slug child-q\n")


def test_the_command_itself_never_prints_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "casebook", "import", str(BAD / "truncated.pdf")], cwd=new_project(tmp_path),
                          env=ENV, capture_output=True, text=True)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
