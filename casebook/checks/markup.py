"""Markup safety (SPEC section 3): nothing in a review file may become live code in a reader's browser
or at build time.

A review body is Markdown, and Python-Markdown passes raw HTML, `on...=` attributes (also through
attr_list's `{ onclick=... }`) and `javascript:` links straight into the page; the macros plugin
would run `{{ ... }}` as Jinja. So the body may not contain `<script>`, `<iframe>`, `<object>`,
`<embed>`, `<style>` (nor the other elements that load or submit elsewhere: base, link, meta, form,
frames, applets, svg and math), event-handler or style attributes, `javascript:`/`vbscript:`/`data:`
URLs, template syntax, or images from other hosts (a request to a third party); and its raw HTML
must be balanced and hide nothing (casebook.checks.raw_html), so that whatever the check accepts the
build renders with the review's learning intact. Each is an error with its line.

Front-matter text is plain text: checks/front_matter.py already refuses HTML tags and template syntax there;
this module adds what a tag-free value can still carry into an attribute: `on...=` and script URLs,
and, in the `source` address (not plain text, so not checked there), quotes, brackets and braces.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterator

from casebook.reading.frontmatter import SourceFile, field_name, front_strings
from casebook.checks.problems import ERROR, Problem
from casebook.checks.raw_html import html_problems
from casebook.checks.registry import CONTENT, Rule

_ELEMENTS = (
    "script", "iframe", "object", "embed", "style", "base", "link", "meta", "form", "frame",
    "frameset", "applet", "svg", "math", "template", "portal",
)
_ELEMENT = re.compile(r"<\s*/?\s*(" + "|".join(_ELEMENTS) + r")(?![\w-])", re.IGNORECASE)
# An event handler in a tag or an attr_list: '<img onerror=', '{ onclick="..." }', '<svg/onload='.
_EVENT_ATTRIBUTE = re.compile(r"(?<![\w-])(on[a-z]{3,})\s*=", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"(?<![\w-])style\s*=", re.IGNORECASE)
# Browsers decode entities in an address and drop the whitespace, control characters and (in some)
# backslashes inside a scheme: 'java&#115;cript:', 'jav&#x09;ascript:', 'JaVaScRiPt :' and
# 'java⏎script:' split over two lines all run. So a scheme is sought over the whole body with
# each letter allowed as itself or an entity, and anything a browser drops allowed between them.
_DROPPED = r"(?:[\s\\\x00-\x1f]|&(?:#0*(?:9|10|13)|#[xX]0*(?:9|[aA]|[dD])|[Tt]ab|[Nn]ew[Ll]ine);?)*"


def _letter(c: str) -> str:
    code = ord(c.lower())
    forms = [re.escape(c.lower()), re.escape(c.upper()), f"&#0*{code};?", f"&#[xX]0*{code:x};?"]
    if c.upper() != c.lower():
        forms.append(f"&#0*{ord(c.upper())};?")
        forms.append(f"&#[xX]0*{ord(c.upper()):x};?")
    return "(?:" + "|".join(forms) + ")"


def _obfuscated(word: str) -> str:
    return _DROPPED.join(_letter(c) for c in word)


_COLON = r"(?::|&#0*58;?|&#[xX]0*3[aA];?|&colon;?)"
_SCRIPT_SCHEME = re.compile(
    "(?P<scheme>" + "|".join(_obfuscated(w) for w in ("javascript", "vbscript", "livescript")) + ")" + _DROPPED + _COLON)
# 'data:' is ordinary prose ('Data: ...'), so it counts only where a URL goes, or with a media type.
_DATA_URL = re.compile(
    r"(?:\]\(<?|^\[[^\]]+\]:<?|(?:href|src|action|formaction|poster|background|cite|srcset|xlink:href|url)=[\"']?)data:"
    r"|data:[a-z]+/[a-z0-9.+-]+[;,]"
)
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")
# An HTML comment is invisible on the page but published in its source: a place where a name or a
# note meant for the editors would leak unseen, and text the reader never gets.
_COMMENT = re.compile(r"<!--")
# An image from another host is a request to that host from every reader's browser (SPEC section 8).
_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:https?:)?//|<img\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)
# The source address is checked by checks/front_matter.py only for https:// and spaces; these would break out
# of the attribute it is printed in, or run as a template.
_URL_BREAKOUT = re.compile(r"[<>\"`]|\{\{|\{%|\{#")


@dataclass(frozen=True)
class UnsafeMarkup:
    """One piece of markup that could run: where it starts in the text, and what to do."""

    start: int
    message: str
    rule: str
    # False where only the line is known: a script link is found in the line as a browser decodes it.
    column_known: bool = True


_NEWLINE = re.compile("\n")


def _normalised(line: str) -> str:
    """A line as a browser would read a URL in it: entities decoded, whitespace and controls gone."""
    text = html.unescape(html.unescape(line))
    return re.sub(r"[\s\x00-\x1f\\]+", "", text).lower()


def _template_message(token: str) -> str:
    if token == "{#":
        return ("remove the template syntax '{#': it opens a template comment; write a heading id as "
                "'{ #id }' with a space")
    return (f"remove the template syntax '{token}': review text is never run as a template; "
            "if you need the characters, put a space between them")


def _scheme_problems(text: str, line_starts: list[int]) -> Iterator[UnsafeMarkup]:
    if ":" in text or "&" in text:
        for m in _SCRIPT_SCHEME.finditer(text):
            scheme = _normalised(m.group("scheme"))
            yield UnsafeMarkup(m.start(), f"remove the {scheme}: link: a link must go to an https:// address", "markup-script-link")
    for start in line_starts:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        # The pattern needs a colon, which only a ':' or an entity ('&colon;', '&#58;') can give:
        # most lines have neither, and decoding them is most of this check's time.
        if ":" not in line and "&" not in line:
            continue
        norm = _normalised(line)
        if _DATA_URL.search(norm):
            yield UnsafeMarkup(start, "remove the data: URL: link to an https:// address; embedded content is not accepted", "markup-data-url", column_known=False)


# '![chart][1]' with '[1]: https://tracker.example/chart.png' further down is a remote image too.
_REMOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?[ \t]*(?:https?:)?//", re.MULTILINE | re.IGNORECASE)
_IMAGE_REFERENCE = re.compile(r"!\[([^\]\n]*)\](?:[ ]?\[([^\]\n]*)\])?(?!\()")


def _remote_image_references(text: str) -> list[int]:
    if "]:" not in text:
        return []
    remote = {" ".join(m.group(1).lower().split()) for m in _REMOTE_DEFINITION.finditer(text)}
    if not remote:
        return []
    out = []
    for m in _IMAGE_REFERENCE.finditer(text):
        label = m.group(2) or m.group(1)
        if " ".join(label.lower().split()) in remote:
            out.append(m.start())
    return out


def find_unsafe_markup(text: str, body: bool = True) -> list[UnsafeMarkup]:
    """Everything in `text` that could become live markup. `body=False` for front-matter values."""
    found: list[UnsafeMarkup] = []
    if body:
        for m in _ELEMENT.finditer(text):
            name = m.group(1).lower()
            found.append(UnsafeMarkup(m.start(), f"remove the <{name}> element: a review body may not contain "
                                                 "scripts, frames, embedded objects, styles or forms",
                                      "markup-script" if name == "script" else "markup-element"))
        for m in _STYLE_ATTRIBUTE.finditer(text):
            found.append(UnsafeMarkup(m.start(), "remove the style attribute: the site's stylesheet styles every review",
                                      "markup-style-attribute"))
        for m in _TEMPLATE.finditer(text):
            found.append(UnsafeMarkup(m.start(), _template_message(m.group()), "markup-template"))
        for m in _COMMENT.finditer(text):
            found.append(UnsafeMarkup(m.start(), "remove the HTML comment ('<!--'): readers never see it, but it is "
                                                 "published in the page's source; put the text in the body or delete it",
                                      "markup-comment"))
        for start in [m.start() for m in _REMOTE_IMAGE.finditer(text)] + _remote_image_references(text):
            found.append(UnsafeMarkup(start, "use an image stored with the review (a relative path): an image "
                                             "from another site tells that site who reads the review",
                                      "markup-remote-image"))
        found.extend(UnsafeMarkup(p.start, p.message, p.rule) for p in html_problems(text))
    for m in _EVENT_ATTRIBUTE.finditer(text):
        found.append(UnsafeMarkup(m.start(), f"remove the {m.group(1).lower()}= attribute: event handlers run scripts",
                                  "markup-event-handler"))
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    found.extend(_scheme_problems(text, line_starts))
    return sorted(found, key=lambda u: u.start)


def check_markup(src: SourceFile, vocabulary=None, review=None) -> list[Problem]:
    """Content check: unsafe markup in the body and the front matter, each an error with its line."""
    problems: set[Problem] = set()
    if src.front is not None:
        for path, value in front_strings(src.front.data):
            for unsafe in find_unsafe_markup(value, body=False):
                problems.add(Problem(src.path, src.front.line_of(path), field_name(path), unsafe.message, rule=unsafe.rule))
            if path == ("source",) and _URL_BREAKOUT.search(value):
                problems.add(Problem(src.path, src.front.line_of(path), "source",
                                     "remove the quotes, angle brackets and braces from the address; copy it from the browser's address bar",
                                     rule="source-unsafe-characters"))
    body = src.body
    for unsafe in find_unsafe_markup(body):
        line = src.body_line + body.count("\n", 0, unsafe.start)
        column = unsafe.start - body.rfind("\n", 0, unsafe.start) if unsafe.column_known else None
        # A set: the same fix twice on one line is one line to print (Problem leaves the column
        # out of its equality, so the first one found names it).
        problems.add(Problem(src.path, line, "body", unsafe.message, rule=unsafe.rule, column=column))
    return sorted(problems, key=lambda p: (p.line, p.message))


def _rule(rule_id: str, asks: str) -> Rule:
    return Rule(rule_id, ERROR, asks, "markup", check_markup, CONTENT)


RULES = [
    _rule("markup-script", "the body has no <script> element"),
    _rule("markup-element", "the body has no <iframe>, <object>, <embed>, <style>, <form> or other element that loads or sends"),
    _rule("markup-event-handler", "no on...= attribute (onclick, onerror), in the body or the front matter"),
    _rule("markup-script-link", "no javascript: or vbscript: link, in the body or the front matter"),
    _rule("markup-data-url", "no data: URL, in the body or the front matter"),
    _rule("markup-style-attribute", "the body has no style attribute"),
    _rule("markup-template", "the body has no template syntax ('{{', '{%' or '{#')"),
    _rule("markup-comment", "the body has no HTML comment: it is published in the page's source"),
    _rule("markup-remote-image", "an image is stored with the review, not loaded from another site (inline or by reference)"),
    _rule("markup-unbalanced", "every HTML element opened in the body is closed, and nothing is closed that was not opened"),
    _rule("markup-hidden-content", "no hidden content: no hidden or aria-hidden, no <plaintext>, <textarea>, <xmp>, <noscript> or <title>"),
    _rule("markup-remote-attribute", "no srcset, poster, ping or formaction attribute: nothing fetched or sent elsewhere"),
    _rule("source-unsafe-characters", "the 'source' address has no quotes, angle brackets or braces"),
]
