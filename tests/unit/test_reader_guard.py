"""The reader never crashes, and refuses what YAML would silently change, at the line an editor shows.

Each case of issue 12's first list is here with its exact line: a file nested 1,000 deep, explicit
tags, YAML 1.1's numbers and dates, comments after values, aliases, control and invisible
characters. Every case runs twice, with libyaml's parser and with PyYAML's own, and must give the
same lines: a file is never accepted only where libyaml is (or is not) installed. All fictional.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casebook.library.collection import load_library
from casebook.model.vocabulary import VocabularyError, load_vocabulary
from casebook.reading import frontmatter
from conftest import ENV, FIXTURES, ROOT, make_project

GOOD = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")
VOCABULARY = load_vocabulary(ROOT / "vocabulary")
P = "docs/reviews/x.md"


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    if request.param == "pure-python":
        monkeypatch.setattr(frontmatter, "_FAST_LOADER", None)
    elif frontmatter._FAST_LOADER is None:
        pytest.skip("PyYAML has no libyaml here")
    return request.param


def problems(tmp_path: Path, text: str) -> list[str]:
    reviews = tmp_path / "docs" / "reviews"
    reviews.mkdir(parents=True, exist_ok=True)
    (reviews / "x.md").write_bytes(text.encode("utf-8"))
    library = load_library([reviews], VOCABULARY, root=tmp_path)
    return [str(p) for p in library.problems]


def edited(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (case, the file, the lines the check prints: all of them)
CASES = [
    ("nesting 1,000 deep in a flow list", edited("themes: [school-attendance]\n", "themes: [school-attendance]\nkeywords: " + "[" * 1000 + "]" * 1000 + "\n"),
     [f"{P}:14: keywords: write the front matter with at most 10 levels of nesting: a review's fields "
      "nest three deep at most (learning: - for: [...])"]),
    ("nesting 1,000 deep in block mappings", edited("source: not-stated\n", "source: not-stated\nkeywords:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1000)) + " " * 1000 + "x: y\n"),
     [f"{P}:34: keywords.k1.k2.k3.k4.k5.k6.k7.k8.k9: write the front matter with at most 10 levels of nesting: a review's fields "
      "nest three deep at most (learning: - for: [...])"]),
    ("a tag on a value that crashed YAML", edited('published: "2019"', "published: !!timestamp x"),
     [f"{P}:7: published: remove the YAML tag '!!timestamp': write the value alone (in quotes if it is text)"]),
    ("a tag on a list", edited("themes: [school-attendance]", "themes: !!seq [school-attendance]"),
     [f"{P}:13: themes: remove the YAML tag '!!seq': write the value alone (in quotes if it is text)"]),
    ("a tag on a mapping", edited("subject:\n", "subject: !!map\n"),
     [f"{P}:8: subject: remove the YAML tag '!!map': write the value alone (in quotes if it is text)"]),
    ("a local tag", edited("nation: wales", "nation: !nation wales"),
     [f"{P}:5: nation: remove the YAML tag '!nation': write the value alone (in quotes if it is text)"]),
    ("a string tag on a quoted value", edited('title: "Child C: a fictional review"', 'title: !!str "Child C: a fictional review"'),
     [f"{P}:3: title: remove the YAML tag '!!str': write the value alone (in quotes if it is text)"]),
    ("a comment after a slug", edited("nation: wales", "nation: wales # the board covers two"),
     [f"{P}:5: nation: quote the value: YAML drops '# the board covers two' as a comment; write nation: \"wales # the board "
      "covers two\", or put the comment on its own line"]),
    ("a comment after a flow list", edited("themes: [school-attendance]", "themes: [school-attendance] # and neglect"),
     [f"{P}:13: themes: move the comment '# and neglect' to a line of its own: YAML drops it silently"]),
    ("a comment after a number", edited("  naming: pseudonym\n", "  naming: pseudonym\n  children: 2 # twins\n"),
     [f"{P}:11: subject.children: quote the value: YAML drops '# twins' as a comment; write children: \"2 # twins\", or put the "
      "comment on its own line"]),
    ("a comment on its own line is fine", edited("nation: wales", "# the board covers two nations\nnation: wales"), []),
    ("a comment after a quoted value is fine", edited('title: "Child C: a fictional review"', 'title: "Child C: a fictional review" # as published'), []),
    ("a base-60 number", edited("  naming: pseudonym\n", "  naming: pseudonym\n  children: 4:00\n"),
     [f'{P}:11: subject.children: quote the value if it is text (children: "4:00"), or write the number in plain digits: YAML '
      "reads 4:00 as 240 (a base-60 number)"]),
    ("underscores in a number", edited("  naming: pseudonym\n", "  naming: pseudonym\n  children: 1_000\n"),
     [f'{P}:11: subject.children: quote the value if it is text (children: "1_000"), or write the number in plain digits: YAML '
      "reads 1_000 as 1000 (a number with its underscores dropped)"]),
    ("a hexadecimal number", edited("  naming: pseudonym\n", "  naming: pseudonym\n  children: 0x1F\n"),
     [f'{P}:11: subject.children: quote the value if it is text (children: "0x1F"), or write the number in plain digits: YAML '
      "reads 0x1F as 31 (a hexadecimal number)"]),
    ("an octal number", edited("  naming: pseudonym\n", "  naming: pseudonym\n  children: 010\n"),
     [f"{P}:11: subject.children: remove the leading zero: YAML reads 010 as 8; write children: 10"]),
    ("a base-60 number in text", edited("publisher: Fictional Regional Safeguarding Board", "publisher: 4:00"),
     [f'{P}:6: publisher: quote the value if it is text (publisher: "4:00"), or write the number in plain digits: YAML reads '
      "4:00 as 240 (a base-60 number)"]),
    ("a time in a date", edited('published: "2019"', "published: 2019-03-01 23:59:59"),
     [f"{P}:7: published: give the date alone: YAML reads '2019-03-01 23:59:59' as a date and a time, and the time would be "
      'dropped; write published: "2019-03-01"']),
    ("Arabic-Indic digits in a date", edited('published: "2019"', 'published: "2019"\nincident: "\u0662\u0660\u0661\u0669"'),
     [f"{P}:8: incident: write the digits as 0-9: '\u0662\u0660\u0661\u0669' is written with other digits, which Casebook does "
      "not read as a number or a date"]),
    ("an alias, at the alias", edited("themes: [school-attendance]\n", "themes: &t [school-attendance]\nkeywords: *t\n"),
     [f"{P}:14: keywords: write the value out; YAML aliases ('*name') are not accepted"]),
    ("an alias in a list, at the alias", edited("themes: [school-attendance]\n", "themes: [&t school-attendance]\nkeywords: [a, *t]\n"),
     [f"{P}:14: keywords[2]: write the value out; YAML aliases ('*name') are not accepted"]),
    ("U+2028 does not hide the comment on the next line", edited(
        'title: "Child C: a fictional review"\nreview_type: child-practice-review\nnation: wales\npublisher: Fictional Regional Safeguarding Board',
        'title: "Child C:\u2028a fictional review"\nreview_type: child-practice-review\nnation: wales\npublisher: Fictional Board #2 of the north'),
     [f"{P}:3: file: replace the U+2028 (line separator) at column 17 with an ordinary line break or a space: YAML and some "
      "editors start a new line there, others do not",
      f"{P}:6: publisher: quote the value: YAML drops '#2 of the north' as a comment; write publisher: \"Fictional Board #2 of "
      "the north\", or put the comment on its own line"]),
    ("U+0085 and U+2029 shift no later line", edited("nation: wales", "nation: englund").replace("Fictional Regional", "Fictional\x85Regional\u2029"),
     [f"{P}:5: nation: unknown nation 'englund': did you mean 'england'?",
      f"{P}:6: file: replace the U+0085 (unnamed) at column 21 (and 1 more on this line) with an ordinary line break or a "
      "space: YAML and some editors start a new line there, others do not"]),
    ("a control character in the front matter", edited("publisher: Fictional", "publisher: \x07Fictional"),
     [f"{P}:6: file: remove the control character U+0007 at column 12: it is not text, and it came with a paste from another program"]),
    ("a C1 control character in the body", GOOD + "\nA pasted\x9b paragraph.\n",
     [f"{P}:28: file: remove the control character U+009B at column 9: it is not text, and it came with a paste from another program"]),
    ("a byte order mark inside the file", GOOD + "\nA second\ufeffparagraph.\n",
     [f"{P}:28: file: remove the invisible character U+FEFF (zero width no-break space) at column 9: readers cannot see it, and "
      "it hides the words around it from the checks and from search"]),
    ("a zero-width space in a title", edited("Child C: a", "Child\u200b C: a"),
     [f"{P}:3: file: remove the invisible character U+200B (zero width space) at column 14: readers cannot see it, and it "
      "hides the words around it from the checks and from search"]),
    ("a carriage return alone ends a line", GOOD.replace("\n", "\r").replace("nation: wales", "nation: englund"),
     [f"{P}:5: nation: unknown nation 'englund': did you mean 'england'?"]),
    ("a merge key", edited("subject:\n", "subject:\n  <<: {children: 2}\n"),
     [f"{P}:9: subject: write the values out; YAML merge keys ('<<') are not accepted"]),
    ("a list as a key", edited("source: not-stated\n", "source: not-stated\n[a, b]: c\n"),
     [f"{P}:24: front matter: use a plain word as the key"]),
    ("an equals sign (YAML 1.1's 'value', which PyYAML cannot build) is text", edited("nation: wales", "nation: ="),
     [f"{P}:5: nation: unknown nation '=': use one of: england, wales, scotland, northern-ireland, not-stated"]),
    ("a number too long for Python", edited("  naming: pseudonym\n", "  naming: pseudonym\n  children: " + "9" * 5000 + "\n"),
     [f"{P}:11: subject.children: quote the value: YAML cannot read '99999999999999999999999999999…' (Exceeds the limit (4300 "
      "digits) for integer string conversi…)"]),
]


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_each_case_has_its_exact_lines_with_either_parser(case: str, tmp_path: Path, loader):
    _, text, expected = next(c for c in CASES if c[0] == case)
    assert problems(tmp_path, text) == expected


def test_one_file_that_cannot_be_read_never_hides_another(tmp_path: Path):
    project = make_project(tmp_path, {
        "deep.md": edited("themes: [school-attendance]\n", "themes: [school-attendance]\nkeywords: " + "[" * 5000 + "]" * 5000 + "\n"),
        "tagged.md": edited('published: "2019"', "published: !!timestamp x").replace("Child C", "Child T"),
        "other.md": edited("nation: wales", "nation: englund").replace("Child C", "Child O"),
    })
    result = subprocess.run([sys.executable, "-m", "casebook", "check"], cwd=project, env=ENV, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert [line.split(": ")[0] for line in result.stdout.splitlines()[:-1]] == [
        "docs/reviews/deep.md:14", "docs/reviews/other.md:5", "docs/reviews/tagged.md:7"]


def test_an_unexpected_failure_is_that_files_problem(tmp_path: Path, monkeypatch):
    from casebook.reading import review

    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(review, "check_front_matter", broken)
    assert problems(tmp_path, GOOD) == [f"{P}:1: file: cannot check the file (RuntimeError); simplify what changed last and "
                                        "report this to the Casebook maintainers"]


@pytest.mark.parametrize("file,content,message", [
    ("themes.yml", "child-neglect: [unclosed\n", "themes.yml:2: fix the YAML of this vocabulary file (expected ',' or ']', but got '<stream end>')"),
    ("agencies.yml", "police: just a string\n", "agencies.yml: police: give the entry a 'name'"),
    ("agencies.yml", "police:\n  name: Police\n  synonyms: 5\n", ":1: a vocabulary file does not have the shape Casebook reads (TypeError)"),
    ("deny-names.yml", "- [unclosed\n", "deny-names.yml:2: the list of names is not valid YAML; write one name a line, as '- Name'"),
])
def test_a_broken_vocabulary_stops_the_check_with_its_line(tmp_path: Path, file: str, content: str, message: str):
    project = make_project(tmp_path, {"x.md": GOOD})
    (project / "vocabulary" / file).write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "casebook", "check"], cwd=project, env=ENV, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("casebook: ") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_the_reader_reads_one_byte_past_the_limit_and_no_more(tmp_path: Path, monkeypatch):
    # A file that grows (or a size the file system gets wrong) is still cut at the limit.
    monkeypatch.setattr(frontmatter, "MAX_BYTES", 1000)
    path = tmp_path / "big.md"
    path.write_bytes(GOOD.encode() + b"x" * 2000)
    reads = []
    real_open = open

    def counting_open(*args, **kwargs):
        f = real_open(*args, **kwargs)
        real_read = f.read
        f_read = lambda n=-1: reads.append(n) or real_read(n)  # noqa: E731
        return type("F", (), {"read": staticmethod(f_read), "__enter__": lambda s: s, "__exit__": lambda s, *a: f.close()})()

    monkeypatch.setattr("builtins.open", counting_open)
    src = frontmatter.read_source(path, "big.md")
    assert reads == [1001]
    assert [p.rule for p in src.problems] == ["file-too-large"]


# -- files beside the reviews -----------------------------------------------------------------------


def test_files_beside_reviews_are_refused_with_why(tmp_path: Path):
    import os

    reviews = tmp_path / "docs" / "reviews"
    reviews.mkdir(parents=True)
    (reviews / "child-c.md").write_text(GOOD, encoding="utf-8")
    for name, content in [("app.js", b"window.cbxss=1"), ("site.css", b"body{}"), ("feed.xml", b"<x/>"),
                          ("chart.png", b"<svg onload=1>"), ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 8),
                          ("data.json", b"{}")]:
        (reviews / name).write_bytes(content)
    os.symlink("/dev/zero", reviews / "zero.md")
    (reviews / "child-q\n.md").write_text(GOOD.replace("Child C", "Child Q"), encoding="utf-8")
    library = load_library([reviews], VOCABULARY, root=tmp_path)
    assert [str(p) for p in library.problems] == [
        "docs/reviews/app.js:1: file: remove the file: a script would run on the site's own address",
        "docs/reviews/chart.png:1: file: save the image again as a real PNG file: this one does not start like one, and a "
        "browser may read it as something that runs",
        "docs/reviews/child-q\\n.md:1: file name: rename the file to 'child-q.md': a slug is lowercase letters, digits and hyphens",
        "docs/reviews/data.json:1: file: remove the file: beside the reviews only .md files and PNG, JPEG, WebP or GIF images are published",
        "docs/reviews/feed.xml:1: file: remove the file: an XML file can carry script (and styles) that a browser runs",
        "docs/reviews/site.css:1: file: remove the file: a stylesheet would restyle the site's pages; the site's own stylesheet "
        "styles every review",
        "docs/reviews/zero.md:1: file: replace the link with the file itself: a symbolic link can point anywhere (outside the "
        "repository, at a device), so Casebook never follows one",
    ]


def test_a_link_named_on_the_command_line_is_not_followed(tmp_path: Path):
    import os

    os.symlink("/dev/zero", tmp_path / "zero.md")
    src = frontmatter.read_source(tmp_path / "zero.md", "zero.md")
    assert [p.rule for p in src.problems] == ["file-symlink"]
