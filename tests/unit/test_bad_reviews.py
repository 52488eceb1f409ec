"""Every broken review is caught with the exact line that says what to fix, and no text is ever lost.

tests/fixtures/bad/ holds one fictional file per rule of SPEC sections 3 and 4; EXPECTED pins the
exact lines `casebook check` prints for each (none for the awkward but valid ones). The same lines
come from the check run in-process, from the `casebook` command over all of them at once (one
broken file never hides another) and from the site build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, FIXTURES, ROOT, article_text, build, check, make_project, page
from casebook.cli import github_annotation
from casebook.library.collection import load_library
from casebook.checks.problems import Problem
from casebook.model.vocabulary import load_vocabulary

BAD = FIXTURES / "bad"
VOCABULARY = load_vocabulary(ROOT / "vocabulary")


def _line(name: str, line: int, field: str, message: str) -> str:
    return f"docs/reviews/{name}:{line}: {field}: {message}"


EXPECTED: dict[str, list[str]] = {
    # Awkward but valid: accepted without a word.
    "utf8-bom.md": [],
    "crlf-line-endings.md": [],
    # The file itself.
    "empty.md": [_line("empty.md", 1, "file", 'the file is empty; start from the template: casebook new "TITLE"')],
    "binary.md": [_line("binary.md", 1, "file", "this is not a text file; save the review as UTF-8 Markdown")],
    "not-utf8.md": [_line("not-utf8.md", 9, "file", "the file is not UTF-8; save it as UTF-8 (in most editors: Save with encoding, UTF-8)")],
    "over-5-mb.md": [_line("over-5-mb.md", 1, "file", "the file is 5.2 MB; a review file must be under 5 MB: link to the full report with 'source' instead of pasting it")],
    "Bad_File_Name.md": [_line("Bad_File_Name.md", 1, "file name", "rename the file to 'bad-file-name.md': a slug is lowercase letters, digits and hyphens")],
    "slug-case.md": [_line("Slug-Case.md", 1, "file name", "give this file another slug or merge it into 'slug-case.md': names that differ only in case collide on Windows and macOS")],
    "duplicate-title.md": [_line("duplicate-title.md", 3, "title", "warning: the title is the same as docs/reviews/child-c.md's; add what tells them apart (place, year or name)")],
    "saved-as-text.md.txt": [_line("saved-as-text.md.txt", 1, "file name", "rename the file to 'saved-as-text.md': only .md files are reviews, so this one would not be published")],
    "report-pasted-as-pdf.pdf": [_line("report-pasted-as-pdf.pdf", 1, "file", "remove the file: link to the publisher's own copy of the report with 'source' (Casebook does not re-host reports), and paste the review's text into a .md file")],
    "in-a-subfolder.md": [_line("archive/in-a-subfolder.md", 1, "file name", "move the file into docs/reviews/ itself: a review's address is /reviews/<slug>/, so it cannot sit in a subfolder")],
    # The front matter block.
    "text-before-front-matter.md": [_line("text-before-front-matter.md", 1, "front matter", "the front matter must start on the very first line; move the '---' block from line 2 to the top")],
    "blank-line-before-front-matter.md": [_line("blank-line-before-front-matter.md", 1, "front matter", "the front matter must start on the very first line; delete the 2 blank line(s) above '---'")],
    "no-front-matter.md": [_line("no-front-matter.md", 1, "front matter", "start the file with front matter: a '---' line, the fields, and a closing '---' line")],
    "no-closing-line.md": [_line("no-closing-line.md", 1, "front matter", "no closing '---' line; add one after the last field, before the body")],
    "empty-front-matter.md": [_line("empty-front-matter.md", 2, "front matter", 'the front matter is empty; fill in the fields (see: casebook new "TITLE")')],
    "front-matter-a-list.md": [_line("front-matter-a-list.md", 2, "front matter", "the front matter must be 'key: value' lines; each field starts at the left margin with its name and a colon")],
    # YAML.
    "tab-in-yaml.md": [_line("tab-in-yaml.md", 10, "front matter", "replace the tab with spaces: YAML indents with spaces only")],
    "invalid-yaml.md": [_line("invalid-yaml.md", 3, "title", "put the value in quotes, since it contains ': ': write title: \"Bad: an unquoted colon (fictional)\"")],
    "duplicate-key.md": [_line("duplicate-key.md", 12, "outcome", "'outcome' is given twice (first on line 11); keep one and delete the other")],
    "yaml-alias.md": [_line("yaml-alias.md", 14, "keywords", "write the value out; YAML aliases ('*name') are not accepted")],
    "unquoted-no-in-text.md": [_line("unquoted-no-in-text.md", 13, "keywords[1]", "quote the value: YAML reads no as false (yes/no); write \"no\"")],
    "unquoted-leading-zero-in-text.md": [_line("unquoted-leading-zero-in-text.md", 9, "subject.name", "quote the value: YAML reads 007 as the number 7; write name: \"007\"")],
    "children-leading-zero.md": [_line("children-leading-zero.md", 11, "subject.children", "remove the leading zero: YAML reads 010 as 8; write children: 10")],
    "comment-swallows-title.md": [_line("comment-swallows-title.md", 3, "title", "quote the value: YAML drops '#2 a fictional review' as a comment; write title: \"Child X #2 a fictional review\", or put the comment on its own line")],
    # Keys.
    "unknown-key.md": [_line("unknown-key.md", 12, "outcom", "unknown key 'outcom': did you mean 'outcome'?")],
    "misspelt-required-key.md": [_line("misspelt-required-key.md", 14, "sumary", "unknown key 'sumary': did you mean 'summary'?")],
    "unknown-key-in-learning-point.md": [_line("unknown-key-in-learning-point.md", 17, "learning[1].theme", "unknown key 'theme': did you mean 'themes'?")],
    "nested-key-at-top-level.md": [_line("nested-key-at-top-level.md", 10, "naming", "move 'naming' under 'subject:', indented by two spaces")],
    "missing-required-field.md": [_line("missing-required-field.md", 1, "nation", "add the required field 'nation' (or 'nation: not-stated' if the review does not say)")],
    "empty-required-value.md": [_line("empty-required-value.md", 6, "publisher", "fill in 'publisher', or write 'publisher: not-stated' if the review does not say")],
    "allow-without-reason.md": [_line("allow-without-reason.md", 20, "allow[1].reason", "add the required field 'reason'")],
    # Slugs and choices.
    "unknown-review-type.md": [_line("unknown-review-type.md", 4, "review_type", "unknown review type 'Serious Case Review': did you mean 'serious-case-review'?")],
    "unknown-nation.md": [_line("unknown-nation.md", 5, "nation", "unknown nation 'englund': did you mean 'england'?")],
    "unknown-theme.md": [_line("unknown-theme.md", 13, "themes[1]", "unknown theme 'informaton-sharing': did you mean 'information-sharing'?")],
    "theme-synonym.md": [_line("theme-synonym.md", 13, "themes[1]", "unknown theme 'data sharing': did you mean 'information-sharing'?")],
    "unknown-harm-type.md": [_line("unknown-harm-type.md", 13, "harm_types[1]", "unknown harm type 'county lines': did you mean 'criminal-exploitation'?")],
    "unknown-agency-in-for.md": [_line("unknown-agency-in-for.md", 18, "learning[1].for[1]", "unknown agency 'polise': did you mean 'police'?")],
    "unknown-outcome.md": [_line("unknown-outcome.md", 11, "outcome", "unknown outcome 'injured': use one of: died, serious-harm, not-stated")],
    "unknown-naming.md": [_line("unknown-naming.md", 10, "subject.naming", "unknown naming 'initials': use one of: pseudonym, letter-or-initial, real-name-with-consent")],
    "unknown-age-band.md": [_line("unknown-age-band.md", 11, "subject.age_bands[1]", "unknown age band 'under 1': did you mean 'under-1'?")],
    "unknown-recommendation-status.md": [_line("unknown-recommendation-status.md", 21, "recommendations[1].status", "unknown status 'done': use one of: not-stated, open, in-progress, complete, not-accepted")],
    "not-stated-written-in-words.md": [_line("not-stated-written-in-words.md", 6, "publisher", "write publisher: not-stated (the value Casebook shows as 'Not stated'), not 'Not stated'")],
    # Lists.
    "learning-point-without-themes.md": [_line("learning-point-without-themes.md", 17, "learning[1].themes", "give at least 1 theme in 'themes', e.g. themes: [information-sharing]")],
    "review-without-themes.md": [_line("review-without-themes.md", 13, "themes", "give at least 1 theme in 'themes', e.g. themes: [information-sharing]")],
    "themes-not-a-list.md": [_line("themes-not-a-list.md", 13, "themes", "write 'themes' as a list, e.g. themes: [information-sharing], or one '- item' per line below it")],
    "learning-point-as-plain-text.md": [_line("learning-point-as-plain-text.md", 16, "learning[1]", "write each item as '- text: ...' with 'themes:' on the lines below, lined up with 'text'")],
    "subject-as-plain-text.md": [_line("subject-as-plain-text.md", 8, "subject", "write 'subject' as 'key: value' lines indented under it, with the keys name, naming")],
    "children-not-a-number.md": [_line("children-not-a-number.md", 11, "subject.children", "write 'children' as a whole number, e.g. children: 2")],
    # Plain text.
    "title-too-long.md": [_line("title-too-long.md", 3, "title", "shorten the title to at most 120 characters (it has 152)")],
    "summary-too-long.md": [_line("summary-too-long.md", 14, "summary", "shorten the summary to at most 120 words (it has 124)")],
    "html-in-title.md": [_line("html-in-title.md", 3, "title", "remove the HTML: front matter is plain text")],
    "markdown-link-in-summary.md": [_line("markdown-link-in-summary.md", 14, "summary", "remove the Markdown link: front matter is plain text; put the address in 'source'")],
    # Dates and addresses.
    "published-in-future.md": [_line("published-in-future.md", 7, "published", "'2999-01' is in the future; give the date the review was published")],
    "published-not-a-date.md": [_line("published-not-a-date.md", 7, "published", 'write the date as numbers: published: "2021-03"')],
    "published-impossible-date.md": [_line("published-impossible-date.md", 7, "published", "'2021-02-30' is not a real date; correct the day or the month")],
    "publish-until-before-published.md": [_line("publish-until-before-published.md", 19, "publish_until", "'2020-12-31' is before the publication date '2021-03'; correct one of them")],
    "publish-until-not-full-date.md": [_line("publish-until-not-full-date.md", 19, "publish_until", "write 'publish_until' as \"YYYY-MM-DD\", not '2030'")],
    "incident-full-date.md": [_line("incident-full-date.md", 8, "incident", "give only the year or month of 'incident' (a full date can identify a child): write incident: \"2019-06\"")],
    "incident-after-published.md": [_line("incident-after-published.md", 8, "incident", "'2022' is after the publication date '2021-03'; correct one of them")],
    "source-not-https.md": [_line("source-not-https.md", 19, "source", "link to the secure address: write source: https://example.org/fictional/review (check it opens)")],
    "source-not-a-url.md": [_line("source-not-a-url.md", 19, "source", "give the publisher's https:// address for the review (or not-stated if there is none), not 'the partnership's website'")],
    # Rights: terms that rest on an agreement say whose, in rights_note.
    "rights-with-permission-without-note.md": [_line("rights-with-permission-without-note.md", 20, "rights_note", "add 'rights_note': say who agreed to publication and what they agreed")],
    "rights-provided-without-note.md": [_line("rights-provided-without-note.md", 20, "rights_note", "add 'rights_note': say who provided the text for publication and what is known of where it came from")],
    "rights-unknown.md": [_line("rights-unknown.md", 20, "rights", "unknown rights 'OGL': did you mean 'ogl-3.0'?")],
}

# A good review some fixtures need beside them: the title duplicate-title.md repeats.
COMPANIONS = {"duplicate-title.md": FIXTURES / "library" / "child-c.md"}


def put_fixture(name: str, reviews: Path) -> None:
    """Copy one fixture into a docs/reviews folder, made into its broken form where git cannot hold that."""
    target = reviews / name
    if name == "in-a-subfolder.md":
        target = reviews / "archive" / name
        target.parent.mkdir()
    shutil.copy(BAD / name, target)
    if name == "over-5-mb.md":
        with target.open("a", encoding="utf-8") as f:
            paragraph = "This padding is fictional. " * 40 + "\n\n"
            f.write(paragraph * 5000)  # 5.4 MB: over the limit
    if name == "slug-case.md":
        shutil.copy(target, reviews / "Slug-Case.md")
    if name in COMPANIONS:
        shutil.copy(COMPANIONS[name], reviews / COMPANIONS[name].name)


def fixture_names() -> list[str]:
    return sorted(p.name for p in BAD.iterdir() if p.name != "ABOUT.txt")


def test_there_are_at_least_40_bad_files_each_pinned():
    files = fixture_names()
    assert files == sorted(EXPECTED), "pin the exact line of every fixture in EXPECTED"
    assert sum(bool(lines) for lines in EXPECTED.values()) >= 40


def test_each_bad_file_says_it_is_fictional():
    for path in (BAD / name for name in fixture_names()):
        raw = path.read_bytes()
        if path.name == "empty.md":
            assert raw == b""  # nothing to say it with; ABOUT.txt says it for the folder
            continue
        assert b"FICTIONAL" in raw, path.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_its_exact_line(tmp_path: Path, name: str):
    reviews = tmp_path / "docs" / "reviews"
    reviews.mkdir(parents=True)
    put_fixture(name, reviews)
    library = load_library([reviews], VOCABULARY, root=tmp_path)
    assert [str(p) for p in library.problems] == EXPECTED[name]
    # A file with an error is never made a review; one with none (or only a warning) is. (A review
    # in a subfolder is read, but the error about its place stops the whole build.)
    if name != "in-a-subfolder.md":
        accepted = {r.path for r in library.reviews}
        refused = {p.path for p in library.errors}
        assert (f"docs/reviews/{name}" in accepted) == (f"docs/reviews/{name}" not in refused)


@pytest.fixture(scope="module")
def all_bad(tmp_path_factory) -> Path:
    """One project holding every bad file at once, with the fictional fixture library beside them."""
    project = make_project(tmp_path_factory.mktemp("all-bad"), FIXTURES / "library")
    for name in EXPECTED:
        put_fixture(name, project / "docs" / "reviews")
    return project


def _all_expected() -> list[str]:
    return [line for lines in EXPECTED.values() for line in lines]


def test_check_reports_every_broken_file_in_one_run(all_bad: Path):
    result = check(all_bad)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    files = len(list((all_bad / "docs" / "reviews").rglob("*.md")))
    errors = sum("warning: " not in line for line in _all_expected())
    assert lines[:-1] == sorted(_all_expected(), key=_sort_key)
    assert lines[-1] == f"{errors} errors and 1 warning in {len(_all_expected())} files ({files} files checked)"


def _sort_key(line: str):
    path, number, rest = line.split(":", 2)
    return (path, int(number), rest)


def test_the_build_fails_with_the_same_lines_and_writes_no_page(all_bad: Path):
    result = build(all_bad)
    assert result.returncode == 1
    for line in _all_expected():
        assert line in result.stderr
    assert not (all_bad / "site" / "reviews").exists()


def test_github_annotations_land_on_the_diff(all_bad: Path):
    result = check(all_bad, "--format", "github", "docs/reviews/child-c.md", "docs/reviews/duplicate-title.md",
                   "docs/reviews/unknown-theme.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::warning file=docs/reviews/duplicate-title.md,line=3,title=title-duplicate (title)::the title is the same as docs/reviews/child-c.md's; "
        "add what tells them apart (place, year or name)",
        "::error file=docs/reviews/unknown-theme.md,line=13,title=theme-unknown (themes[1])::unknown theme 'informaton-sharing': "
        "did you mean 'information-sharing'?",
        "1 error and 1 warning in 2 files (3 files checked)",
    ]


def test_github_annotations_escape_what_would_end_a_command():
    problem = Problem("docs/reviews/a,b.md", 4, "title: x", "100% sure\nreally", rule="text-html", column=7)
    assert github_annotation(problem) == "::error file=docs/reviews/a%2Cb.md,line=4,col=7,title=text-html (title%3A x)::100%25 sure%0Areally"


def test_a_clean_library_prints_nothing_and_exits_0(tmp_path: Path):
    for cwd in (ROOT, make_project(tmp_path, FIXTURES / "library")):
        result = subprocess.run([sys.executable, "-m", "casebook", "check"], cwd=cwd, env=ENV, capture_output=True, text=True)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_strict_fails_on_warnings_and_lists_not_stated_facts(all_bad: Path):
    # A repeated title is a warning: listed, exit 0; --strict fails on it.
    paths = ["docs/reviews/duplicate-title.md", "docs/reviews/child-c.md"]
    assert check(all_bad, *paths).returncode == 0
    strict = check(all_bad, "--strict", *paths)
    assert strict.returncode == 1
    # Family B's four honest not-stated facts pass the plain check and fail --strict, each at its line.
    real = subprocess.run([sys.executable, "-m", "casebook", "check", "--strict"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert real.returncode == 1
    assert real.stdout.splitlines() == [
        "docs/reviews/family-b.md:4: nation: warning: 'nation' is not stated; fill it in if the review or its publisher says",
        "docs/reviews/family-b.md:5: publisher: warning: 'publisher' is not stated; fill it in if the review or its publisher says",
        "docs/reviews/family-b.md:6: published: warning: 'published' is not stated; fill it in if the review or its publisher says",
        "docs/reviews/family-b.md:69: source: warning: 'source' is not stated; fill it in if the review or its publisher says",
        "0 errors and 4 warnings in 1 file (1 file checked)",
    ]


# -- the template ------------------------------------------------------------------------------

# What a contributor fills in for each FILL-IN of the template (fictional).
FILLED = {
    "review_type": "child-practice-review",
    "nation": "wales",
    "publisher": "Fictional Regional Safeguarding Board",
    "published": '"2020"',
    "name": "Child Z",
    "naming": "pseudonym",
    "outcome": "serious-harm",
    "summary": "This review is fictional and exists only to test Casebook's template.",
    "text": "Fictional learning Z1 - ask the child.",
    "source": "not-stated",
    "rights": "cc-by-4.0",
}


def test_new_writes_a_commented_template_that_passes_once_filled_in(tmp_path: Path):
    project = make_project(tmp_path, {})
    made = subprocess.run([sys.executable, "-m", "casebook", "new", "Child Z: a fictional review"],
                          cwd=project, env=ENV, capture_output=True, text=True)
    assert made.returncode == 0
    path = project / made.stdout.strip()
    text = path.read_text(encoding="utf-8")
    # Every field of the model is explained in a comment.
    from casebook.model.fields import FIELDS

    for f in FIELDS:
        assert f"# {f.key} (" in text, f.key
    unfinished = check(project)
    assert unfinished.returncode == 1
    assert unfinished.stdout.count("replace FILL-IN with") == 13
    assert "docs/reviews/child-z-a-fictional-review.md:9: nation: replace FILL-IN with one of: england, wales, scotland, northern-ireland, not-stated" in unfinished.stdout.splitlines()

    def fill(match: re.Match) -> str:
        key = match.group(2)
        return f"{match.group(1)}{key}: {FILLED[key]}"

    text = re.sub(r"^(\s*(?:- )?)(\w+): FILL-IN$", fill, text, flags=re.M)
    text = text.replace("- FILL-IN", "- voice-of-the-child")
    path.write_text(text, encoding="utf-8")
    done = check(project)
    assert (done.returncode, done.stdout) == (0, "")


# -- no text is ever lost ----------------------------------------------------------------------

FRONT = """---
# FICTIONAL: a made-up review for Casebook's tests of awkward bodies. No real child or family.
title: "{title}"
review_type: rapid-review
nation: england
publisher: Fictional Safeguarding Children Partnership
published: "2020"
subject:
  name: Child W
  naming: pseudonym
outcome: serious-harm
themes: [information-sharing]
summary: This review is fictional and exists only to test that bodies are kept whole.
learning: []
rights: cc-by-4.0
source: not-stated
---
"""

AWKWARD_BODIES = {
    # Lines MkDocs' own reader would take as metadata if it were reading the file itself.
    "body-like-metadata.md": "Summary: this first line looks like a metadata line, and stays.\n\ntitle: so does this one.\n",
    # A second '---' block that looks like front matter, and thematic breaks.
    "body-with-rules.md": "The body starts here.\n\n---\n\nauthor: this looks like YAML after a rule.\n\n---\n\nAnd it goes on after another rule.\n",
    "body-numbered-paragraphs.md": "## 1. Case summary\n\n1.1. In the summer a child was hurt; this paragraph is fictional.\n\n1.2. The second numbered paragraph, also fictional.\n",
    "body-typography.md": "Quotes “curly” and ‘single’, an en dash – and an em dash —, the pound sign £ and a child aged < 5 or > 2.\n",
    # Looks like a Markdown link reference definition, which Markdown would drop if it were one.
    "body-reference-like.md": "As the guidance says.\n\n[1]: Working Together to Safeguard Children, 2018 (a fictional reference line).\n",
    "body-crlf.md": None,  # written with CRLF line endings below
}


def _paragraphs(body: str) -> list[str]:
    """A body's paragraphs as a reader sees them: Markdown heading marks and rules removed."""
    out = []
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        text = " ".join(re.sub(r"^#+\s*", "", block.strip()).split())
        if text and text != "---":
            out.append(text)
    return out


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory) -> Path:
    reviews = {name: FRONT.format(title=f"Child W: {name[:-3]} (fictional)") + "\n" + body
               for name, body in AWKWARD_BODIES.items() if body}
    project = make_project(tmp_path_factory.mktemp("awkward"), reviews)
    crlf = FRONT.format(title="Child W: CRLF (fictional)") + "\nA body saved on Windows.\n\nIts second paragraph.\n"
    (project / "docs" / "reviews" / "body-crlf.md").write_bytes(crlf.replace("\n", "\r\n").encode())
    for name in ("utf8-bom.md", "crlf-line-endings.md"):
        shutil.copy(BAD / name, project / "docs" / "reviews" / name)
    for path in (FIXTURES / "library").glob("*.md"):
        shutil.copy(path, project / "docs" / "reviews" / path.name)
    assert check(project).returncode == 0
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_every_paragraph_of_every_accepted_body_is_on_its_page(accepted_site: Path):
    reviews = sorted((accepted_site / "docs" / "reviews").glob("*.md"))
    assert len(reviews) == len(AWKWARD_BODIES) + 2 + len(list((FIXTURES / "library").glob("*.md")))
    for path in reviews:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        body = text.split("\n---\n", 1)[1]
        shown = article_text(page(accepted_site / "site", f"/reviews/{path.stem}/"))
        for paragraph in _paragraphs(body):
            assert paragraph in shown, (path.name, paragraph)


def test_every_paragraph_of_family_b_is_on_its_page(real_site: Path):
    text = (ROOT / "docs" / "reviews" / "family-b.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    shown = article_text(page(real_site, "/reviews/family-b/"))
    paragraphs = _paragraphs(body)
    assert len(paragraphs) > 10
    for paragraph in paragraphs:
        assert paragraph in shown, paragraph
