"""Every rule has fixtures: an invalid one that breaks it, with the exact line pinned, and a valid one
that does not. A rule without both fails this file, so a new rule cannot be registered untested.

FIXTURES below is the one table: for each rule id of casebook/checks/registry.py, where its invalid
fixture is, the lines `casebook check --strict` prints for that rule, and its valid fixture. The
invalid fixtures reuse tests/fixtures/bad/ (pinned in test_bad_reviews.py) where one fits; the others
are in tests/fixtures/rules/, named by their rule. Most valid fixtures are the invalid one with the
fix its message asks for: proof that doing what the message says is enough. All are fictional.

Every fixture runs through `casebook check --strict` in this process, as text and as JSON: the rule
named in the JSON is the rule pinned here, with its registered severity, line for line.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from casebook import cli
from casebook.checks import registry
from casebook.checks.problems import Problem
from casebook.model.vocabulary import load_vocabulary
from casebook.pages import rule_reference
from conftest import FIXTURES, ROOT
from test_bad_reviews import EXPECTED, put_fixture

RULE_FIXTURES = FIXTURES / "rules"


@dataclass(frozen=True)
class Edit:
    """The invalid fixture with `old` replaced by `new` in one file (bytes where the file is not text)."""

    old: str | bytes
    new: str | bytes
    file: str = ""  # in docs/reviews/; the invalid fixture's own file if not given


@dataclass(frozen=True)
class Rename:
    """The invalid fixture with a file renamed, or removed (to=None)."""

    file: str
    to: str | None


@dataclass(frozen=True)
class Case:
    invalid: str  # 'bad/NAME' (set up as test_bad_reviews does), 'library/NAME' or 'rules/NAME'
    valid: str | Edit | Rename
    expected: tuple[str, ...] = ()  # the rule's lines; for 'bad/NAME', EXPECTED's are used
    deny_names: tuple[str, ...] = ()  # written to the project's vocabulary/deny-names.yml


def bad(name: str, valid) -> Case:
    return Case(f"bad/{name}", valid)


def rules(name: str, valid, *expected: str, deny_names: tuple[str, ...] = ()) -> Case:
    return Case(f"rules/{name}", valid, tuple(expected), deny_names)


def _body(rule: str, old: str, new: str, message: str) -> Case:
    """A rules/ fixture whose one offending line is the body's second paragraph (line 23)."""
    return rules(f"{rule}.md", Edit(old, new), f"docs/reviews/{rule}.md:23: body: {message}")


_FOUND = "if it is safe to publish, add the exact text to 'allow' with a reason"

FIXTURES_OF: dict[str, Case] = {
    # -- files --------------------------------------------------------------------------------
    "file-unreadable": rules("file-unreadable", Rename("unreadable.md", None),
                             "docs/reviews/unreadable.md:1: file: cannot read the file (Is a directory); check it exists and is readable"),
    "file-too-large": bad("over-5-mb.md", "library/child-c.md"),
    "file-binary": bad("binary.md", "bad/utf8-bom.md"),
    "file-not-utf8": bad("not-utf8.md", Edit(b"Child \xc9", "Child É".encode())),
    "file-empty": bad("empty.md", "bad/crlf-line-endings.md"),
    "file-name-slug": bad("Bad_File_Name.md", Rename("Bad_File_Name.md", "bad-file-name.md")),
    "file-not-markdown": bad("saved-as-text.md.txt", Rename("saved-as-text.md.txt", "saved-as-text.md")),
    "file-in-subfolder": bad("in-a-subfolder.md", Rename("archive/in-a-subfolder.md", "in-a-subfolder.md")),
    "file-not-allowed": bad("report-pasted-as-pdf.pdf", Rename("report-pasted-as-pdf.pdf", None)),
    "file-symlink": rules("file-symlink", Rename("link.md", None),
                          "docs/reviews/link.md:1: file: replace the link with the file itself: a symbolic link can point anywhere "
                          "(outside the repository, at a device), so Casebook never follows one"),
    "file-generated-page": rules("file-generated-page", Rename("index.md", None),
                                 "docs/reviews/index.md:1: file: remove the file: /reviews/ is the list of every review, which Casebook "
                                 "makes itself; write what it says into a review, or into docs/index.md"),
    "file-live-content": rules("file-live-content", Rename("chart.svg", None),
                               "docs/reviews/chart.svg:1: file: remove the file: an SVG image can carry script that runs on the site's "
                               "own address; save the image as PNG"),
    "character-control": rules("character-control.md", Edit("rang\x07 the", "rang the"),
                               "docs/reviews/character-control.md:23: file: remove the control character U+0007 at column 16: it is not "
                               "text, and it came with a paste from another program"),
    "character-line-separator": rules("character-line-separator.md", Edit("Child K:\u2028a", "Child K: a"),
                                      "docs/reviews/character-line-separator.md:3: file: replace the U+2028 (line separator) at column 17 "
                                      "with an ordinary line break or a space: YAML and some editors start a new line there, others do not"),
    "character-invisible": rules("character-invisible.md", Edit("Jay\u00adden", "Jayden"),
                                 "docs/reviews/character-invisible.md:23: file: remove the invisible character U+00AD (soft hyphen) at "
                                 "column 4: readers cannot see it, and it hides the words around it from the checks and from search"),
    # -- front matter: the block and its YAML -------------------------------------------------
    "front-matter-missing": bad("no-front-matter.md", "library/child-c.md"),
    "front-matter-not-at-top": bad("blank-line-before-front-matter.md", Edit("\n\n---", "---")),
    "front-matter-unclosed": bad("no-closing-line.md", Edit("\n\nThis body", "\n---\n\nThis body")),
    "front-matter-empty": bad("empty-front-matter.md", "library/child-c.md"),
    "front-matter-not-mapping": bad("front-matter-a-list.md", "library/child-c.md"),
    "yaml-invalid": bad("invalid-yaml.md", Edit("title: Bad: an unquoted colon (fictional)", 'title: "Bad: an unquoted colon (fictional)"')),
    "yaml-alias": bad("yaml-alias.md", Edit("themes: &t [information-sharing]\nkeywords: *t", "themes: [information-sharing]\nkeywords: [information-sharing]")),
    "yaml-value-unreadable": rules("yaml-value-unreadable.md", Edit("published: 2021-02-30", "published: 2021-02-28"),
                                   "docs/reviews/yaml-value-unreadable.md:7: published: quote the value: YAML cannot read '2021-02-30' (day is out of range for month)"),
    "key-not-plain": rules("key-not-plain.md", Edit("[agencies, themes]: police\n", ""),
                           "docs/reviews/key-not-plain.md:12: front matter: use a plain word as the key"),
    "key-duplicate": bad("duplicate-key.md", Edit("outcome: serious-harm\noutcome: died\n", "outcome: died\n")),
    "yaml-tag": rules("yaml-tag.md", Edit("published: !!timestamp x", 'published: "2021"'),
                      "docs/reviews/yaml-tag.md:7: published: remove the YAML tag '!!timestamp': write the value alone (in quotes if it is text)"),
    "yaml-too-deep": rules("yaml-too-deep.md", Edit("[[[[[[[[[[[neglect]]]]]]]]]]]", "[neglect]"),
                           "docs/reviews/yaml-too-deep.md:13: keywords[1][1][1][1][1][1][1][1][1]: write the front matter with at most 10 "
                           "levels of nesting: a review's fields nest three deep at most (learning: - for: [...])"),
    "yaml-number-form": rules("yaml-number-form.md", Edit("children: 4:00", "children: 4"),
                              'docs/reviews/yaml-number-form.md:11: subject.children: quote the value if it is text (children: "4:00"), or '
                              "write the number in plain digits: YAML reads 4:00 as 240 (a base-60 number)"),
    "yaml-date-with-time": rules("yaml-date-with-time.md", Edit("published: 2021-03-01 23:59:59", 'published: "2021-03-01"'),
                                 "docs/reviews/yaml-date-with-time.md:7: published: give the date alone: YAML reads '2021-03-01 23:59:59' "
                                 'as a date and a time, and the time would be dropped; write published: "2021-03-01"'),
    "yaml-comment-after-value": rules("yaml-comment-after-value.md", Edit("review_type: rapid-review # the partnership calls it an RR",
                                                                          "# the partnership calls it an RR\nreview_type: rapid-review"),
                                      "docs/reviews/yaml-comment-after-value.md:4: review_type: quote the value: YAML drops '# the "
                                      'partnership calls it an RR\' as a comment; write review_type: "rapid-review # the partnership '
                                      'calls it an RR", or put the comment on its own line'),
    "value-digits-not-ascii": rules("value-digits-not-ascii.md", Edit('incident: "\u0662\u0660\u0661\u0669"', 'incident: "2019"'),
                                    "docs/reviews/value-digits-not-ascii.md:8: incident: write the digits as 0-9: '\u0662\u0660\u0661\u0669' is "
                                    "written with other digits, which Casebook does not read as a number or a date"),
    # -- front matter: the fields -------------------------------------------------------------
    "key-unknown": bad("unknown-key.md", Edit("outcome: serious-harm\noutcom: died\n", "outcome: died\n")),
    "key-misplaced": bad("nested-key-at-top-level.md", Edit("\nnaming: pseudonym", "\n  naming: pseudonym")),
    "field-required": bad("missing-required-field.md", Edit("\npublisher:", "\nnation: england\npublisher:")),
    "field-empty": bad("empty-required-value.md", Edit("publisher:\n", "publisher: not-stated\n")),
    "field-placeholder": rules("field-placeholder.md", Edit("publisher: FILL-IN", "publisher: Fictional Safeguarding Children Partnership"),
                               "docs/reviews/field-placeholder.md:6: publisher: replace FILL-IN with the partnership or board that "
                               "published it, or not-stated if the review does not say"),
    "field-not-mapping": bad("subject-as-plain-text.md", Edit("subject: Child X\n", "subject:\n  name: Child X\n  naming: letter-or-initial\n")),
    "field-not-list": bad("themes-not-a-list.md", Edit("themes: information-sharing", "themes: [information-sharing]")),
    "list-too-short": bad("review-without-themes.md", Edit("themes: []", "themes: [information-sharing]")),
    "value-not-single": rules("value-not-single.md", Edit("publisher: [Fictional Board, Another Fictional Board]", "publisher: Fictional Board"),
                              "docs/reviews/value-not-single.md:6: publisher: write 'publisher' as a single value, not a list or mapping"),
    "value-needs-quotes": bad("unquoted-no-in-text.md", Edit("keywords: [no]", 'keywords: ["no"]')),
    "not-stated-spelling": bad("not-stated-written-in-words.md", Edit("publisher: Not stated", "publisher: not-stated")),
    "number-not-whole": bad("children-not-a-number.md", Edit("children: two", "children: 2")),
    "number-leading-zero": bad("children-leading-zero.md", Edit("children: 010", "children: 10")),
    "text-template": rules("text-template.md", Edit("Child K {{ 7*7 }}: a fictional review", "Child K: a fictional review"),
                           "docs/reviews/text-template.md:3: title: remove the template syntax ('{{', '{%' or '{#'): front matter is plain text"),
    "text-html": bad("html-in-title.md", Edit("<b>HTML</b>", "HTML")),
    "text-markdown-link": bad("markdown-link-in-summary.md", Edit("see [the report](https://example.org/fictional).", "see the report.")),
    "text-too-long": bad("title-too-long.md", "library/child-c.md"),
    "source-not-https": bad("source-not-https.md", Edit("source: http://", "source: https://")),
    "source-not-url": bad("source-not-a-url.md", Edit("source: the partnership's website", "source: not-stated")),
    "date-format": bad("published-not-a-date.md", Edit("published: March 2021", 'published: "2021-03"')),
    "date-too-precise": bad("incident-full-date.md", Edit("incident: 2019-06-14", 'incident: "2019-06"')),
    "date-impossible": bad("published-impossible-date.md", Edit('published: "2021-02-30"', 'published: "2021-02-28"')),
    "date-future": bad("published-in-future.md", Edit('published: "2999-01"', 'published: "2021-01"')),
    "date-order": bad("incident-after-published.md", Edit('incident: "2022"', 'incident: "2020"')),
    "review-type-unknown": bad("unknown-review-type.md", Edit("review_type: Serious Case Review", "review_type: serious-case-review")),
    "nation-unknown": bad("unknown-nation.md", Edit("nation: englund", "nation: england")),
    "naming-unknown": bad("unknown-naming.md", Edit("naming: initials", "naming: letter-or-initial")),
    "age-band-unknown": bad("unknown-age-band.md", Edit("under 1", "under-1")),
    "outcome-unknown": bad("unknown-outcome.md", Edit("outcome: injured", "outcome: serious-harm")),
    "harm-type-unknown": bad("unknown-harm-type.md", Edit("county lines", "criminal-exploitation")),
    "agency-unknown": bad("unknown-agency-in-for.md", Edit("polise", "police")),
    "theme-unknown": bad("unknown-theme.md", Edit("informaton-sharing", "information-sharing")),
    "status-unknown": bad("unknown-recommendation-status.md", Edit("status: done", "status: complete")),
    "rights-unknown": bad("rights-unknown.md", Edit("rights: OGL", "rights: ogl-3.0")),
    "rights-note-missing": bad("rights-with-permission-without-note.md", Edit(
        "rights: with-permission\n", 'rights: with-permission\nrights_note: "The fictional partnership agreed by a fictional letter."\n')),
    # -- front matter: a recommendation's fields together -----------------------------------------
    "recommendation-id-form": rules("recommendation-id-form.md", Edit('id: "R 1"', "id: R1"),
                                    "docs/reviews/recommendation-id-form.md:19: recommendations[1].id: write the id with letters, "
                                    "digits and single hyphens only, e.g. id: R1, not 'R 1'"),
    "recommendation-id-duplicate": rules("recommendation-id-duplicate.md", Edit("id: R2", "id: R1"),
                                         "docs/reviews/recommendation-id-duplicate.md:20: recommendations[2].id: give recommendation 2 "
                                         "an id of its own: 'R2' (its id by position, as it gives none) is already recommendation 1's"),
    "recommendation-updated-missing": rules("recommendation-updated-missing.md",
                                            Edit("status: in-progress\n", 'status: in-progress\n    updated: "2021-05-04"\n'),
                                            "docs/reviews/recommendation-updated-missing.md:20: recommendations[1].updated: add the date the "
                                            "status last changed on the line below 'status: in-progress': updated: \"YYYY-MM-DD\" (or \"YYYY-MM\")"),
    "recommendation-evidence-missing": rules("recommendation-evidence-missing.md",
                                             Edit('updated: "2022-01-10"\n', 'updated: "2022-01-10"\n    evidence: Every practice has the pathway; annual report, page 4.\n'),
                                             "docs/reviews/recommendation-evidence-missing.md:20: recommendations[1].evidence: add 'evidence:' "
                                             "saying what was done and where that is reported: a status of complete needs it"),
    "recommendation-updated-future": rules("recommendation-updated-future.md", Edit('updated: "2999-01-01"', 'updated: "2021-06-01"'),
                                           "docs/reviews/recommendation-updated-future.md:20: recommendations[1].updated: '2999-01-01' is in "
                                           "the future; give the date the status last changed"),
    "recommendation-updated-before-published": rules("recommendation-updated-before-published.md",
                                                     Edit('updated: "2020-12-01"', 'updated: "2021-03"'),
                                                     "docs/reviews/recommendation-updated-before-published.md:20: recommendations[1].updated: "
                                                     "'2020-12-01' is before the publication date '2021-03'; a status changes after the review "
                                                     "is published: correct one of them"),
    "recommendation-due-before-published": rules("recommendation-due-before-published.md", Edit('due: "2020-06"', 'due: "2022-06"'),
                                                 "docs/reviews/recommendation-due-before-published.md:19: recommendations[1].due: '2020-06' is "
                                                 "before the publication date '2021-03'; correct the due date or the publication date"),
    # -- markup -------------------------------------------------------------------------------
    "markup-script": _body("markup-script", "<script>window.cbxss=1</script>", "<b>a bold word</b>",
                           "remove the <script> element: a review body may not contain scripts, frames, embedded objects, styles or forms"),
    "markup-element": _body("markup-element", '<iframe src="https://example.org/"></iframe>', "<em>an emphasis</em>",
                            "remove the <iframe> element: a review body may not contain scripts, frames, embedded objects, styles or forms"),
    "markup-event-handler": _body("markup-event-handler", ' onerror="window.cbxss=1"', ' alt="A chart of referrals"',
                                  "remove the onerror= attribute: event handlers run scripts"),
    "markup-script-link": _body("markup-script-link", "javascript:window.cbxss=1", "https://example.org/fictional/child-k",
                                "remove the javascript: link: a link must go to an https:// address"),
    "markup-data-url": _body("markup-data-url", "[Read the report](data:text/html;base64,PHNjcmlwdD4=)",
                             "Data: the review drew on chronologies from eight agencies.",
                             "remove the data: URL: link to an https:// address; embedded content is not accepted"),
    "markup-style-attribute": _body("markup-style-attribute", '<p style="position:fixed;top:0">An overlay.</p>',
                                    "The style of supervision changed after 2018.",
                                    "remove the style attribute: the site's stylesheet styles every review"),
    "markup-template": _body("markup-template", "{{ 7*7 }}", "{ 7*7 }",
                             "remove the template syntax '{{': review text is never run as a template; if you need the "
                             "characters, put a space between them"),
    "markup-comment": _body("markup-comment", "<!-- a note for the editors, about page 3 -->", "A note for readers.",
                            "remove the HTML comment ('<!--'): readers never see it, but it is published in the page's source; "
                            "put the text in the body or delete it"),
    "markup-remote-image": _body("markup-remote-image", "https://tracker.example/chart.png", "images/chart.png",
                                 "use an image stored with the review (a relative path): an image from another site tells that "
                                 "site who reads the review"),
    "markup-unbalanced": _body("markup-unbalanced", '<div class="note">A note', "A note",
                               "close the <div> opened here with </div>, or remove it: left open, it swallows the rest of the "
                               "page, the review's learning included"),
    "markup-hidden-content": _body("markup-hidden-content", "<span hidden>", "<span>",
                                   "remove the hidden attribute from the <span>: readers never see what it hides, but it is "
                                   "published in the page's source; put the text in the body or delete it"),
    "markup-remote-attribute": _body("markup-remote-attribute", ' srcset="https://tracker.example/chart-2x.png 2x"', "",
                                     "remove the srcset attribute: it makes the reader's browser fetch or send something; use an "
                                     "image stored with the review, with src only"),
    "source-unsafe-characters": rules("source-unsafe-characters.md", Edit("""'https://example.org/fictional/child-k"><b>x</b>'""", "https://example.org/fictional/child-k"),
                                      "docs/reviews/source-unsafe-characters.md:17: source: remove the quotes, angle brackets and braces "
                                      "from the address; copy it from the browser's address bar"),
    # -- personal data: the valid fixture is a near miss the detector must pass -------------------
    "personal-data-postcode": _body("personal-data-postcode", "SW1A 1AA", "SW1A",
                                    f"remove the UK postcode; name the area in words if the review needs it (a UK postcode at "
                                    f"column 23: 'SW…', 8 characters); {_FOUND}"),
    "personal-data-phone": _body("personal-data-phone", "rang 01632 960001", "rang about 123 456 7890",
                                 f"remove the UK phone number (a UK phone number at column 17: '01…', 12 characters); {_FOUND}"),
    "personal-data-email": _body("personal-data-email", "jo.bloggs@example.org", "the family",
                                 f"remove the email address (a email address at column 21: 'jo…', 21 characters); {_FOUND}"),
    "personal-data-nhs-number": _body("personal-data-nhs-number", "943 476 5919", "943 476 5918",
                                      f"remove the NHS number (a NHS number at column 23: '94…', 12 characters); {_FOUND}"),
    "personal-data-ni-number": _body("personal-data-ni-number", "AB 12 34 56 C", "TN 12 34 56 A",
                                     f"remove the National Insurance number (a National Insurance number at column 24: 'AB…', "
                                     f"13 characters); {_FOUND}"),
    "personal-data-full-date": _body("personal-data-full-date", "On 12 March 2021", "In March 2021",
                                     f"give only the month and year (e.g. 'March 2021') or a season instead of the full date (a full "
                                     f"date at column 4: '12…', 13 characters); {_FOUND}"),
    "personal-data-address": _body("personal-data-address", "12 Acacia Avenue", "a house on an avenue",
                                   f"remove the street address; name the area in words if the review needs it (a street address at "
                                   f"column 21: '12…', 16 characters); {_FOUND}"),
    "personal-data-date-of-birth": _body("personal-data-date-of-birth", "date of birth: 3 May", "date of birth was not recorded",
                                         f"remove the date of birth (even a month and year); give an age band in 'subject.age_bands' instead (a date of "
                                         f"birth at column 13: 'da…', 21 characters); {_FOUND}"),
    "personal-data-name": Case("rules/personal-data-name.md", Edit("Jayden told", "Jaydenson told"), (
        f"docs/reviews/personal-data-name.md:23: body: replace the name (listed in vocabulary/deny-names.yml) with the name the "
        f"review uses, e.g. 'Child Q' (a name from vocabulary/deny-names.yml at column 1: 'Ja…', 6 characters); {_FOUND}",
    ), deny_names=("Jayden",)),
    "allow-unused": rules("allow-unused.md", Edit("given the helpline's number.", "given the helpline's number, 0808 800 5000."),
                          "docs/reviews/allow-unused.md:19: allow[1].text: warning: this text does not occur in the file; remove the allow entry"),
    # -- import -------------------------------------------------------------------------------
    "import-unconfirmed": rules("import-unconfirmed.md", Edit('# CONFIRM: review_type: from the words "Rapid review" (page 1)\n', ""),
                                "docs/reviews/import-unconfirmed.md:4: review_type: confirm the value the import filled in, "
                                "then delete the '# CONFIRM:' line"),
    # -- library ------------------------------------------------------------------------------
    "slug-case-collision": bad("slug-case.md", Rename("Slug-Case.md", None)),
    "title-duplicate": bad("duplicate-title.md", Edit('title: "Child C: a fictional review"', 'title: "Child C: a second fictional review"')),
    # -- completeness (--strict) ---------------------------------------------------------------
    "fact-not-stated": rules("fact-not-stated.md", Edit("nation: not-stated", "nation: england"),
                             "docs/reviews/fact-not-stated.md:5: nation: warning: 'nation' is not stated; fill it in if the review or its publisher says"),
}


# -- running a fixture --------------------------------------------------------------------------


def _project(tmp_path: Path, case: Case) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "vocabulary", project / "vocabulary")
    if case.deny_names:
        (project / "vocabulary" / "deny-names.yml").write_text("".join(f"- {n}\n" for n in case.deny_names), encoding="utf-8")
    (project / "docs" / "reviews").mkdir(parents=True)
    return project


def _put(source: str, reviews: Path) -> None:
    kind, name = source.split("/", 1)
    if kind == "bad":
        put_fixture(name, reviews)
    elif (FIXTURES / source).is_dir():
        shutil.copytree(FIXTURES / source, reviews, dirs_exist_ok=True, symlinks=True)
    else:
        shutil.copy(FIXTURES / source, reviews / Path(name).name)


def _apply(change: Edit | Rename, case: Case, reviews: Path) -> None:
    if isinstance(change, Rename):
        target = reviews / change.file
        assert target.exists(), change
        if change.to is None:
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        else:
            target.rename(reviews / change.to)
        return
    path = reviews / (change.file or Path(case.invalid).name)
    old, new = (change.old, change.new) if isinstance(change.old, bytes) else (change.old.encode(), change.new.encode())
    raw = path.read_bytes()
    assert old in raw, (path.name, old)
    path.write_bytes(raw.replace(old, new, 1))


_VOCABULARIES: dict[tuple, object] = {}


def _load_vocabulary_once(folder):
    """load_vocabulary, once per distinct vocabulary: reading it is most of a check of one file."""
    key = tuple(sorted((p.name, p.read_bytes()) for p in Path(folder).glob("*.yml")))
    if key not in _VOCABULARIES:
        _VOCABULARIES[key] = load_vocabulary(folder)
    return _VOCABULARIES[key]


def _check(project: Path, monkeypatch, capsys) -> list[tuple[str, dict]]:
    """`casebook check --strict` on the project: each problem as its text line and its JSON object."""
    monkeypatch.chdir(project)
    monkeypatch.delenv("CASEBOOK_DENY_NAMES", raising=False)
    monkeypatch.setattr(cli, "load_vocabulary", _load_vocabulary_once)
    text_code = cli.main(["check", "--strict"])
    text = capsys.readouterr()
    json_code = cli.main(["check", "--strict", "--format", "json"])
    objects = capsys.readouterr()
    assert (text.err, objects.err) == ("", "")
    assert text_code == json_code
    lines = text.out.splitlines()[:-1]  # the last is the count
    found = [json.loads(line) for line in objects.out.splitlines()]
    assert len(lines) == len(found), (lines, found)
    return list(zip(lines, found))


def _run(tmp_path: Path, case: Case, monkeypatch, capsys, change: Edit | Rename | None = None) -> list[tuple[str, dict]]:
    project = _project(tmp_path, case)
    reviews = project / "docs" / "reviews"
    if isinstance(change, str):
        _put(change, reviews)
    else:
        _put(case.invalid, reviews)
        if change is not None:
            _apply(change, case, reviews)
    return _check(project, monkeypatch, capsys)


def _expected(case: Case) -> list[str]:
    if case.invalid.startswith("bad/"):
        assert not case.expected, "a bad/ fixture's lines are pinned in test_bad_reviews.EXPECTED"
        return EXPECTED[case.invalid[len("bad/"):]]
    return list(case.expected)


# -- the tests ----------------------------------------------------------------------------------


def test_every_rule_has_fixtures_and_every_fixture_a_rule():
    registered = [r.id for r in registry.rules()]
    missing = [r for r in registered if r not in FIXTURES_OF]
    assert not missing, f"give these rules an invalid and a valid fixture in FIXTURES_OF: {missing}"
    unknown = [r for r in FIXTURES_OF if r not in registered]
    assert not unknown, f"fixtures for rules the registry does not have: {unknown}"


def test_every_rules_fixture_is_used_and_says_it_is_fictional():
    used = {Path(c.invalid).name for c in FIXTURES_OF.values() if c.invalid.startswith("rules/")}
    used |= {Path(c.valid).name for c in FIXTURES_OF.values() if isinstance(c.valid, str) and c.valid.startswith("rules/")}
    present = {p.name for p in RULE_FIXTURES.iterdir() if p.name != "ABOUT.txt"}
    assert present == used, "each file of tests/fixtures/rules/ is some rule's fixture"
    for path in RULE_FIXTURES.rglob("*"):
        if path.is_file():
            assert "FICTIONAL" in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("rule_id", sorted(FIXTURES_OF))
def test_the_invalid_fixture_breaks_the_rule_with_the_pinned_line(rule_id: str, tmp_path: Path, monkeypatch, capsys):
    case = FIXTURES_OF[rule_id]
    found = _run(tmp_path, case, monkeypatch, capsys)
    mine = [line for line, obj in found if obj["rule"] == rule_id]
    assert mine == _expected(case)
    rule = registry.rule(rule_id)
    for line, obj in found:
        # Every problem names a registered rule, with that rule's severity.
        assert registry.rule(obj["rule"]).severity == obj["severity"], line
    assert all(obj["severity"] == rule.severity for _, obj in found if obj["rule"] == rule_id)


@pytest.mark.parametrize("rule_id", sorted(FIXTURES_OF))
def test_the_valid_fixture_does_not_break_the_rule(rule_id: str, tmp_path: Path, monkeypatch, capsys):
    case = FIXTURES_OF[rule_id]
    found = _run(tmp_path, case, monkeypatch, capsys, case.valid)
    assert [line for line, obj in found if obj["rule"] == rule_id] == []


def test_json_gives_every_key_of_a_problem(tmp_path: Path, monkeypatch, capsys):
    found = _run(tmp_path, FIXTURES_OF["personal-data-phone"], monkeypatch, capsys)
    (_, obj), = [(line, obj) for line, obj in found if obj["rule"] == "personal-data-phone"]
    assert list(obj) == ["path", "line", "column", "field", "rule", "severity", "message"]
    assert (obj["path"], obj["line"], obj["column"], obj["field"], obj["severity"]) == (
        "docs/reviews/personal-data-phone.md", 23, 17, "body", "error")


# Problems are made in many modules; a rule id written there must be one the registry has.
_RULE_LITERAL = re.compile(r"""\brule\s*=\s*["']([a-z0-9-]+)["']|(?:msg|message), rule = [^\n]*?, ["']([a-z0-9-]+)["']""")


def test_every_rule_id_written_in_the_code_is_registered():
    registered = {r.id for r in registry.rules()}
    written = {}
    for path in (ROOT / "casebook").rglob("*.py"):
        for m in _RULE_LITERAL.finditer(path.read_text(encoding="utf-8")):
            written[m.group(1) or m.group(2)] = path.relative_to(ROOT).as_posix()
    assert len(written) > 40
    assert {k: v for k, v in written.items() if k not in registered} == {}


def test_a_problem_cannot_be_made_without_a_rule():
    with pytest.raises(TypeError):
        Problem("docs/reviews/x.md", 1, "title", "a message")  # type: ignore[call-arg]


def test_casebook_rules_lists_every_rule_once_by_family(capsys):
    assert cli.main(["rules"]) == 0
    out = capsys.readouterr().out
    listed = re.findall(r"^  ([a-z0-9-]+) +(error|warning) +(\S.*)$", out, re.M)
    assert sorted(i for i, _, _ in listed) == sorted(r.id for r in registry.rules())
    for rule_id, severity, asks in listed:
        assert (severity, asks) == (registry.rule(rule_id).severity, registry.rule(rule_id).asks)
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")][:-1]
    assert headings == list(registry.FAMILIES)


def test_casebook_rules_looks_one_up_and_offers_the_closest(capsys):
    assert cli.main(["rules", "theme-unknown"]) == 0
    assert capsys.readouterr().out == "front matter\n  theme-unknown  error    every theme is a slug from vocabulary/themes.yml\n"
    assert cli.main(["rules", "theme-unkown"]) == 2
    assert capsys.readouterr().err == "casebook rules: there is no rule 'theme-unkown'; did you mean 'theme-unknown'?\n"


def test_the_contributing_page_lists_every_rule():
    source = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert rule_reference.MARKER in source
    page = rule_reference.with_rule_reference(source)
    assert rule_reference.MARKER not in page
    for r in registry.rules():
        assert f"| `{r.id}` | {r.severity} |" in page, r.id
    # The listing is plain text in the page: a rule about <script> does not put one in it.
    assert "<script>" not in page


def test_every_module_imports_on_its_own():
    # The registry loads the family modules when the review reader is imported: a family module that
    # imported the library or a page at its top would make a cycle, whichever module comes first.
    modules = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for p in (ROOT / "casebook").rglob("*.py") if p.name != "__main__.py")
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'casebook' or m.startswith('casebook.')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
