"""Markup the check refuses because the page would break or hide something, and what it lets through.

Each case of issue 12's "check passes, page broken" list, with its exact line: an unclosed <div>,
<plaintext>, an unclosed <textarea>, <div hidden>, 'java⏎script:' over two lines, backslashes and
entities in a scheme, srcset/poster/ping/formaction, an image by reference from another host. Code
and autolinks are not HTML. All fictional.
"""

from __future__ import annotations

import pytest

from casebook.checks.markup import check_markup
from casebook.reading.frontmatter import parse_source
from conftest import FIXTURES

GOOD = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")
FIRST = GOOD.count("\n") + 2  # the first line added below the fixture's body
P = "docs/reviews/x.md"


def lines(body: str) -> list[str]:
    src = parse_source((GOOD + "\n" + body).encode(), P)
    return [str(p) for p in check_markup(src)]


UNCLOSED = ("close the <div> opened here with </div>, or remove it: left open, it swallows the rest of the page, the "
            "review's learning included")
SCRIPT_LINK = "remove the javascript: link: a link must go to an https:// address"

CASES = [
    ("an unclosed div", '<div class="note">\nPasted from the report.\n', [f"{P}:{FIRST}: body: {UNCLOSED}"]),
    ("a div closed twice", "<div>A note.</div></div>\n",
     [f"{P}:{FIRST}: body: remove the </div>: no <div> before it is open, so it closes part of the page around the review"]),
    ("plaintext", "Before.\n\n<plaintext>\n", [f"{P}:{FIRST + 2}: body: remove the <plaintext> element: it turns the rest of the page into raw text"]),
    ("an unclosed textarea", "<textarea>\n", [f"{P}:{FIRST}: body: remove the <textarea> element: it turns what follows into an editable box"]),
    ("xmp", "<xmp>raw</xmp>\n", [f"{P}:{FIRST}: body: remove the <xmp> element: it shows what follows as raw text"]),
    ("noscript", "<noscript>note</noscript>\n",
     [f"{P}:{FIRST}: body: remove the <noscript> element: its text is shown to almost no one, but published in the page's source"]),
    ("title", "<title>A title</title>\n", [f"{P}:{FIRST}: body: remove the <title> element: its text is not shown on the page"]),
    ("div hidden", "<div hidden>An editor's note.</div>\n",
     [f"{P}:{FIRST}: body: remove the hidden attribute from the <div>: readers never see what it hides, but it is published in "
      "the page's source; put the text in the body or delete it"]),
    ("aria-hidden", '<p aria-hidden="true">A note.</p>\n',
     [f"{P}:{FIRST}: body: remove the aria-hidden attribute from the <p>: readers never see what it hides, but it is published in "
      "the page's source; put the text in the body or delete it"]),
    ("a scheme over a line break", "[the report](java\nscript:alert(1))\n", [f"{P}:{FIRST}: body: {SCRIPT_LINK}"]),
    ("a scheme with a backslash", "[the report](java\\script:alert(1))\n", [f"{P}:{FIRST}: body: {SCRIPT_LINK}"]),
    ("a scheme with entities", '<a href="&#106;ava&#x09;script&colon;x">the report</a>\n', [f"{P}:{FIRST}: body: {SCRIPT_LINK}"]),
    ("srcset", '<img src="a.png" srcset="b.png 2x" alt="A chart">\n',
     [f"{P}:{FIRST}: body: remove the srcset attribute: it makes the reader's browser fetch or send something; use an image "
      "stored with the review, with src only"]),
    ("poster", '<video poster="https://x.example/p.png"></video>\n',
     [f"{P}:{FIRST}: body: remove the poster attribute: it makes the reader's browser fetch or send something; use an image "
      "stored with the review, with src only"]),
    ("ping", '<a href="https://example.org/" ping="https://x.example/">the report</a>\n',
     [f"{P}:{FIRST}: body: remove the ping attribute: it makes the reader's browser fetch or send something; use an image "
      "stored with the review, with src only"]),
    ("formaction", '<button formaction="https://x.example/">Send</button>\n',
     [f"{P}:{FIRST}: body: remove the formaction attribute: it makes the reader's browser fetch or send something; use an "
      "image stored with the review, with src only"]),
    ("an image by reference from another host", "![A chart][chart]\n\n[chart]: https://tracker.example/chart.png\n",
     [f"{P}:{FIRST}: body: use an image stored with the review (a relative path): an image from another site tells that site "
      "who reads the review"]),
    # Accepted.
    ("balanced HTML", "<details><summary>More</summary>\n\nText.\n\n</details>\n\n<ul><li>one<li>two</ul>\n<p>a<p>b\n", []),
    ("a void element", "Line one<br>line two<hr/>\n", []),
    ("HTML in code is text", "Write `<div>` or:\n\n```html\n<div>\n<plaintext>\n```\n", []),
    ("autolinks and an email in brackets are not tags", "See <https://example.org/report> and <Child Q>.\n", []),
    ("a local image by reference", "![A chart][chart]\n\n[chart]: images/chart.png\n", []),
    ("'JavaScript:' in prose is refused too: a pattern cannot tell it from a link", "The page needed JavaScript: it did not load.\n", [f"{P}:{FIRST}: body: {SCRIPT_LINK}"]),
]


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_markup_case(case: str):
    _, body, expected = next(c for c in CASES if c[0] == case)
    assert lines(body) == expected
