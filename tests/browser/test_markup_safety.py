"""Nothing executable: unsafe markup and template syntax in a review are refused with their line,
the templates escape every front-matter value even if the check is bypassed, and the macros plugin
never runs a review.

The hostile reviews are in tests/fixtures/hostile/ (fictional). Every payload sets `window.cbxss`
or creates a file `cb-macro-*`, so a live payload can be told from an escaped one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import nh3
import pytest

from casebook.pages import themes as pages
from casebook.library.collection import load_library, load_project
from casebook.checks.markup import find_unsafe_markup
from casebook.model.vocabulary import load_vocabulary
from conftest import ENV, FIXTURES, ROOT, article_text, check, make_project, page

HOSTILE = FIXTURES / "hostile"

# One hostile input a line; each must be refused in a review body.
HOSTILE_BODY_INPUTS = [
    "<script>window.cbxss=1</script>",
    "<SCRIPT SRC=https://example.org/x.js></SCRIPT>",
    "< script >window.cbxss=1</script>",
    "<iframe src=https://example.org/></iframe>",
    "<object data=x.swf></object>",
    "<embed src=x.swf>",
    "<style>body{display:none}</style>",
    "<img src=x onerror=window.cbxss=1>",
    "<img src=x ONERROR = 'window.cbxss=1'>",
    "<svg/onload=window.cbxss=1>",
    "<body onload=window.cbxss=1>",
    "<details open ontoggle=window.cbxss=1>",
    "## Heading { onclick=\"window.cbxss=1\" }",
    "[a link](http://example.org){ onmouseover=window.cbxss=1 }",
    "[Read more](javascript:window.cbxss=1)",
    "[Read more](JaVaScRiPt:window.cbxss=1)",
    "[Read more]( javascript:window.cbxss=1 )",
    "[Read more](java&#115;cript:window.cbxss=1)",
    "[Read more](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.cbxss=1)",
    "[Read more](jav&#x09;ascript:window.cbxss=1)",
    "[Read more](javascript&colon;window.cbxss=1)",
    "[Read more](<javascript:window.cbxss=1>)",
    "[ref]: javascript:window.cbxss=1",
    "<a href=\"javascript:window.cbxss=1\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "[Read more](data:text/html;base64,PHNjcmlwdD4=)",
    "![pixel](data:image/svg+xml;base64,PHN2Zz4=)",
    "<a href='DATA:text/html,<script>window.cbxss=1</script>'>x</a>",
    "<p style=\"position:fixed;top:0\">overlay</p>",
    "<base href=\"https://example.org/\">",
    "<form action=\"https://example.org/\"><input name=q></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org/\">",
    "<link rel=stylesheet href=https://example.org/x.css>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.cbxss=1>",
    "Seven sevens: {{ 7*7 }}",
    "{{ cycler.__init__.__globals__.os.getuid() }}",
    "{% set x = 1 %}",
    "{#- a template comment -#}",
    "## Heading {#id}",
    "<!-- note for the editor: the mother's name is on page 3 -->",
]

# Ordinary review prose that must pass.
BODY_NEAR_MISSES = [
    "## Heading { #id }",
    "Data: the review drew on chronologies from eight agencies.",
    "Information shared on Monday = the same day.",
    "The school used an online system; the report is at https://example.org/data/report.pdf.",
    "[The report](https://example.org/report.pdf)",
    "Professionals did not act on concerns (Data: agency records).",
    "The style of supervision changed after 2018.",
    "Braces { like this } are fine.",
    "She wrote javascript for a living.",
    "A <b>bold</b> claim and an <em>emphasis</em>.",
    "![A chart of referrals](images/referrals.png)",
]


@pytest.mark.parametrize("text", HOSTILE_BODY_INPUTS)
def test_hostile_body_input_is_refused(text: str):
    assert find_unsafe_markup(text), text


# Not executable, but a request to another host from every reader's browser (SPEC section 8).
THIRD_PARTY_INPUTS = [
    "![pixel](https://tracker.example/p.gif)",
    "![pixel]( //tracker.example/p.gif )",
    "<img src=\"https://tracker.example/p.gif\" alt=\"\">",
]


@pytest.mark.parametrize("text", THIRD_PARTY_INPUTS)
def test_image_from_another_host_is_refused(text: str):
    (unsafe,) = find_unsafe_markup(text)
    assert unsafe.message.startswith("use an image stored with the review")


def test_source_address_cannot_break_out_of_its_attribute():
    from casebook.reading.frontmatter import parse_source
    from casebook.checks.markup import check_markup

    good = (FIXTURES / "library" / "child-a.md").read_text(encoding="utf-8")
    line = good.split("\n").index("source: https://example.org/fictional/child-a") + 1
    bad = good.replace("source: https://example.org/fictional/child-a", "source: 'https://example.org/\"><script>window.cbxss=1</script>'")
    problems = [str(p) for p in check_markup(parse_source(bad.encode(), "docs/reviews/child-a.md"))]
    assert problems == [f"docs/reviews/child-a.md:{line}: source: remove the quotes, angle brackets and braces from the "
                        "address; copy it from the browser's address bar"]
    assert check_markup(parse_source(good.encode(), "docs/reviews/child-a.md")) == []


@pytest.mark.parametrize("text", BODY_NEAR_MISSES)
def test_ordinary_prose_passes(text: str):
    assert find_unsafe_markup(text) == []


HOSTILE_FRONT_VALUES = [
    '" onmouseover="window.cbxss=1',
    "x' onfocus='window.cbxss=1' autofocus='",
    "see javascript:window.cbxss=1",
    "data:text/html,<script>window.cbxss=1</script>",
]


@pytest.mark.parametrize("value", HOSTILE_FRONT_VALUES)
def test_hostile_front_matter_value_without_tags_is_refused(value: str):
    assert find_unsafe_markup(value, body=False), value


def _fixture_check(tmp_path: Path) -> list[str]:
    project = make_project(tmp_path, HOSTILE)
    result = check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_every_hostile_fixture_is_refused_line_by_line(tmp_path: Path):
    out = _fixture_check(tmp_path)
    refused = {line.split(":")[0] for line in out if ":" in line and line.startswith("docs/")}
    assert refused == {f"docs/reviews/{p.name}" for p in HOSTILE.glob("*.md")}
    # Every hostile line of the body is refused on its own line.
    body = (HOSTILE / "hostile-body.md").read_text(encoding="utf-8").split("\n")
    first = body.index("<script>window.cbxss=20</script>") + 1
    last = first + 21  # the two-line tag: the handler is on the second line
    hostile_lines = [n for n in range(first, last + 1) if n != last - 1]
    reported = {int(l.split(":")[1]) for l in out if l.startswith("docs/reviews/hostile-body.md:") and ": body: " in l}
    assert reported == set(hostile_lines)
    # Hostile front-matter values, each on its field's line.
    for file, line, field in [
        ("hostile-title.md", 3, "title"), ("hostile-summary.md", 9, "subject.name"),
        ("hostile-summary.md", 13, "summary"), ("hostile-summary.md", 14, "incident_note"),
        ("hostile-summary.md", 15, "keywords[1]"), ("hostile-summary.md", 19, "source"),
        ("hostile-publisher.md", 6, "publisher"), ("hostile-learning.md", 15, "learning[1].text"),
        ("hostile-learning.md", 17, "learning[2].text"), ("hostile-learning.md", 19, "learning[3].text"),
        ("hostile-learning.md", 22, "recommendations[1].text"),
    ]:
        assert any(l.startswith(f"docs/reviews/{file}:{line}: {field}: remove ") for l in out), (file, line, field)


def test_a_macro_in_a_review_is_refused_with_a_clear_message(tmp_path: Path):
    out = _fixture_check(tmp_path)
    assert ("docs/reviews/macro-payload.md:22: body: remove the template syntax '{{': review text is never run "
            "as a template; if you need the characters, put a space between them") in out
    assert any(l.startswith("docs/reviews/macro-payload.md:26: body: remove the template syntax '{%'") for l in out)


# -- the templates, with the check bypassed ------------------------------------------------------

# Build a project with Casebook's checks switched off: the front matter is taken as written and
# no content check runs, so only the templates and generated pages stand between a hostile value
# and the reader. (Not a configuration anyone can choose: the monkeypatch exists only here.)
_BYPASSED_BUILD = r"""
import sys
import casebook.checks.content, casebook.reading.review
casebook.checks.content.CONTENT_CHECKS.clear()
casebook.reading.review.check_front_matter = lambda path, front, vocabulary, today=None: (front.data, [])
from mkdocs.__main__ import cli
cli(["build", "--no-strict", "-f", sys.argv[1], "-d", sys.argv[2]])  # the hostile links warn
"""


QUOTED_TITLE = 'O\'Brien & "Family" review'
QUOTED_TITLE_YAML = "'O''Brien & \"Family\" review'"


@pytest.fixture(scope="module")
def bypassed_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"), HOSTILE)
    # A control: the same payload in a page the project owns (the home page renders macros) does
    # run, so the payload is a real one and only the confinement keeps it out of reviews.
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n{{ cycler.__init__.__globals__.os.system('touch cb-macro-control') }}\n", encoding="utf-8")
    # And an ordinary title with quotes and an ampersand, which must not be escaped twice.
    child_c = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")
    (project / "docs" / "reviews" / "quoting.md").write_text(child_c.replace('"Child C: a fictional review"', QUOTED_TITLE_YAML), encoding="utf-8")
    site = project / "site"
    result = subprocess.run([sys.executable, "-c", _BYPASSED_BUILD, str(project / "mkdocs.yml"), str(site)],
                            cwd=project, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


class _LiveMarkup(HTMLParser):
    """Every place a hostile payload (marked 'cbxss') would run in a browser."""

    RUNS = {"script", "iframe", "object", "embed", "style", "svg", "math", "base", "form", "meta", "link", "frame", "img"}

    def __init__(self):
        super().__init__()
        self.live: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            squashed = re.sub(r"\s+", "", value).lower()
            if name.startswith("on") and "cbxss" in value:
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "data", "formaction") and squashed.startswith(("javascript:", "vbscript:", "data:")):
                self.live.append(f"<{tag} {name}={value!r}>")
        if tag in self.RUNS and any("cbxss" in (v or "") for _, v in attrs):
            self.live.append(f"<{tag} {attrs!r}>")
        if tag in ("script", "style"):
            self._in = tag

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in and ("cbxss" in data or "display:none" in data.replace(" ", "")):
            self.live.append(f"<{self._in}>{data[:80]}")


def _live_markup(html_file: Path) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.live


def test_templates_emit_no_live_markup_from_hostile_front_matter(bypassed_site: Path):
    pages_built = sorted(bypassed_site.rglob("*.html"))
    assert len(pages_built) > 10
    live = {str(p.relative_to(bypassed_site)): _live_markup(p) for p in pages_built}
    assert {k: v for k, v in live.items() if v} == {
        # The body is Markdown: only the check stands in its way (and it refuses every line, above).
        "reviews/hostile-body/index.html": live["reviews/hostile-body/index.html"],
    }


def test_hostile_values_reach_the_pages_as_visible_text(bypassed_site: Path):
    """The escaping test above is not vacuous: every hostile value is printed, as text."""
    title = article_text(page(bypassed_site, "/reviews/hostile-title/"))
    assert "</title><script>window.cbxss=1</script>" in title
    html_title = page(bypassed_site, "/reviews/hostile-title/").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;window.cbxss=1" in html_title
    summary = article_text(page(bypassed_site, "/reviews/hostile-summary/"))
    assert "<img src=x onerror=window.cbxss=4>" in summary and "[click](javascript:window.cbxss=5)" in summary
    publisher = article_text(page(bypassed_site, "/reviews/hostile-publisher/"))
    assert '<a href="javascript:window.cbxss=10">Fictional Board</a>' in publisher
    learning = article_text(page(bypassed_site, "/reviews/hostile-learning/"))
    assert "<script>window.cbxss=11</script> Fictional learning L1 {{ 7*7 }}" in learning
    assert "<img src=x onerror=window.cbxss=16>" in learning
    listing = (bypassed_site / "reviews" / "index.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;window.cbxss=1" in listing


def test_macros_never_run_a_review(bypassed_site: Path):
    project = bypassed_site.parent
    assert (project / "cb-macro-control").exists(), "the control payload in an owned page should have run"
    assert not (project / "cb-macro-ran").exists()
    assert not (project / "cb-macro-block-ran").exists()
    text = article_text(page(bypassed_site, "/reviews/macro-payload/"))
    assert "Seven sevens: {{ 7*7 }}." in text and "49" not in text
    learning = article_text(page(bypassed_site, "/reviews/hostile-learning/"))
    assert "{{ 7*7 }}" in learning and "49" not in learning


# -- the whole corpus against a sanitiser --------------------------------------------------------

# What Markdown legitimately makes of a review: anything else in a rendered body is markup a
# contributor wrote by hand, and the sanitiser would remove it.
_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "b", "i",
    "blockquote", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "code", "pre", "br", "hr",
    "div", "span", "dl", "dt", "dd", "sup", "sub", "abbr", "img",
}
_ATTRIBUTES = {
    "*": {"id"}, "a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"},
    "div": {"class"}, "p": {"class"},  # admonitions
    "th": {"style"}, "td": {"style"},  # table alignment, filtered to text-align below
    "ol": {"start"},
}


# Markdown's footnotes (a report's notes, as `casebook import` writes them) mark their links with
# these classes, and only these.
_FOOTNOTE_LINK_CLASSES = {"footnote-ref", "footnote-backref"}


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "class":
        return value if value in _FOOTNOTE_LINK_CLASSES else None
    return value


def sanitised(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, attributes={**_ATTRIBUTES, "a": _ATTRIBUTES["a"] | {"class"}}, link_rel=None,
                     strip_comments=True, filter_style_properties={"text-align"}, url_schemes={"https", "http", "mailto"},
                     attribute_filter=_attribute)


class _Tokens(HTMLParser):
    """HTML as a comparable sequence: serialisation details ('<hr />' or '<hr>') do not count."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        norm = sorted((k, re.sub(r"\s+|;$", "", v or "") if k == "style" else (v or "")) for k, v in attrs)
        self.tokens.append(("start", tag, tuple(norm)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_comment(self, data):
        # A comment is hidden from readers but published in the source: it counts as a difference.
        self.tokens.append(("comment", data))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "data":
            self.tokens[-1] = ("data", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("data", data))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))


def tokens(html: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


@pytest.fixture(scope="module")
def renderer():
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return lambda text: md.reset().convert(text)


def _corpus() -> list:
    real = load_project(ROOT)
    fixtures = load_library([FIXTURES / "library"], load_vocabulary(ROOT / "vocabulary"), root=ROOT)
    assert real.reviews and len(fixtures.reviews) == len(list((FIXTURES / "library").glob("*.md")))
    return [(r, lib.vocabulary) for lib in (real, fixtures) for r in lib.reviews]


def test_every_rendered_review_body_is_what_the_sanitiser_would_leave(renderer):
    corpus = _corpus()
    for review, vocabulary in corpus:
        markdown, learning = pages.review_page(review, vocabulary)
        html = pages.put_back_blocks(renderer(markdown), learning)
        assert tokens(html) == tokens(sanitised(html)), review.path


def test_a_footnote_as_the_import_writes_it_is_markup_the_sanitiser_keeps(renderer):
    html = renderer("A fictional finding.[^1]\n\n[^1]: A fictional note.\n")
    assert 'class="footnote-ref"' in html and 'class="footnote-backref"' in html
    assert tokens(html) == tokens(sanitised(html))
    hand_written = renderer('A <a class="md-button" href="https://example.org/">fictional link</a>.')
    assert tokens(hand_written) != tokens(sanitised(hand_written))


def test_the_sanitiser_comparison_catches_hand_written_markup(renderer):
    """The corpus test can fail: each hostile body line, rendered, differs from its sanitised copy."""
    markup = [line for line in HOSTILE_BODY_INPUTS if not re.search(r"\{\{|\{%|\{#", line)]
    differ = 0
    for line in markup:
        html = renderer(line)
        if tokens(html) != tokens(sanitised(html)):
            differ += 1
        else:  # Markdown itself made it text (an unquoted attribute, an unused link reference)
            assert all(t[0] == "data" or t[1] == "p" for t in tokens(html)), (line, html)
    assert differ >= len(markup) - 2


def test_feeds_and_data_stay_well_formed_with_hostile_values(bypassed_site: Path):
    """A title like '</title><script>' must not break the Atom feed or the JSON downloads either."""
    import json
    import xml.etree.ElementTree as ET

    for path in bypassed_site.rglob("*.xml"):
        ET.parse(path)
    for path in bypassed_site.rglob("*.json"):
        if "pagefind" not in path.parts:
            json.loads(path.read_text(encoding="utf-8"))


def test_an_ordinary_title_is_escaped_once(bypassed_site: Path):
    import html as html_module

    text = page(bypassed_site, "/reviews/quoting/").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    assert html_module.unescape(title).startswith(QUOTED_TITLE + " - ")
    assert "&amp;#" not in text and "&amp;amp;" not in text and "&amp;quot;" not in text
    assert QUOTED_TITLE in article_text(page(bypassed_site, "/reviews/quoting/"))
