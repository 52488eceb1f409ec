"""The raw HTML in a review body, read as a browser reads it: what is left open, what is hidden.

Python-Markdown passes raw HTML through. An unclosed `<div>` (a common paste) swallows everything
after it, the generated learning section included; `<plaintext>`, `<xmp>` or an unclosed
`<textarea>` turn the rest of the page into raw text; `hidden` or `aria-hidden` publish an editor's
note in the page's source that no reader sees. So every element opened must be closed (void
elements and those HTML closes itself aside), nothing may hide content, and no attribute may make
the page load or send something elsewhere (`srcset`, `poster`, `ping`, `formaction`).

Code is not HTML: fenced blocks and `inline code` are left out before the tags are read, and a
name that is no HTML element (`<https://...>`, an email in angle brackets) is not a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements with no end tag.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements whose end tag HTML supplies itself when the next one starts or the parent ends.
SELF_CLOSING = frozenset("p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rp rt rb rtc".split())
# The elements a body may use; any other name in angle brackets is text to Casebook (and mostly to
# Python-Markdown too: '<https://...>' is a link, '<Child Q>' is escaped).
KNOWN = frozenset((
    "a abbr address article aside audio b bdi bdo blockquote body br button canvas caption cite code col colgroup "
    "data datalist dd del details dfn dialog div dl dt em fieldset figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "head header hgroup hr html i img input ins kbd label legend li main map mark menu meter nav noscript ol "
    "optgroup option output p picture pre progress q rp rt ruby s samp search section select slot small source "
    "span strong sub summary sup table tbody td textarea tfoot th thead time title tr track u ul var video wbr "
    "plaintext xmp listing area"
).split())
# Elements whose content a reader never sees as the page's text.
HIDING = {
    "plaintext": "it turns the rest of the page into raw text",
    "xmp": "it shows what follows as raw text",
    "listing": "it shows what follows as raw text",
    "textarea": "it turns what follows into an editable box",
    "noscript": "its text is shown to almost no one, but published in the page's source",
    "title": "its text is not shown on the page",
}
LOADING = ("srcset", "poster", "ping", "formaction", "background", "lowsrc", "dynsrc")

_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class HtmlProblem:
    start: int  # offset in the body
    message: str
    rule: str


def _blank(m: re.Match) -> str:
    # Same length, same line breaks: offsets and lines stay those of the body.
    return re.sub(r"[^\n]", " ", m.group())


def without_code(body: str) -> str:
    if "`" not in body and "~~~" not in body:
        return body
    return _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, body))


class _Reader(HTMLParser):
    def __init__(self, line_starts: list[int]):
        super().__init__(convert_charrefs=False)
        self.line_starts = line_starts
        self.open: list[tuple[str, int]] = []  # (name, offset)
        self.problems: list[HtmlProblem] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        # '<div/>' opens a div in HTML (only void elements end themselves).
        self._start(tag, attrs, closed=tag in VOID)

    def _start(self, tag: str, attrs, closed: bool) -> None:
        if tag not in KNOWN:
            return
        at = self._offset()
        for name, _ in attrs:
            if name in ("hidden", "aria-hidden", "inert"):
                self.problems.append(HtmlProblem(at, f"remove the {name} attribute from the <{tag}>: readers never see "
                                                 "what it hides, but it is published in the page's source; put the text "
                                                 "in the body or delete it", "markup-hidden-content"))
            elif name in LOADING:
                self.problems.append(HtmlProblem(at, f"remove the {name} attribute: it makes the reader's browser fetch or "
                                                 "send something; use an image stored with the review, with src only",
                                                 "markup-remote-attribute"))
        if tag in HIDING:
            self.problems.append(HtmlProblem(at, f"remove the <{tag}> element: {HIDING[tag]}", "markup-hidden-content"))
            return
        if closed or tag in VOID:
            return
        if tag in SELF_CLOSING and self.open and self.open[-1][0] == tag:
            self.open.pop()  # '<li>a<li>b': the second closes the first
        self.open.append((tag, at))

    def handle_endtag(self, tag):
        if tag not in KNOWN or tag in VOID or tag in HIDING:
            return
        at = self._offset()
        names = [name for name, _ in self.open]
        if tag not in names:
            if tag not in SELF_CLOSING:
                self.problems.append(HtmlProblem(at, f"remove the </{tag}>: no <{tag}> before it is open, so it closes "
                                                 "part of the page around the review", "markup-unbalanced"))
            return
        # Close what is open inside it: an element HTML closes itself is fine, any other is not.
        while self.open and self.open[-1][0] != tag:
            name, opened = self.open.pop()
            if name not in SELF_CLOSING:
                self.problems.append(_unclosed(name, opened))
        self.open.pop()


def _unclosed(name: str, at: int) -> HtmlProblem:
    return HtmlProblem(at, f"close the <{name}> opened here with </{name}>, or remove it: left open, it swallows the rest "
                           "of the page, the review's learning included", "markup-unbalanced")


def html_problems(body: str) -> list[HtmlProblem]:
    """What is unbalanced, hidden or loading in the body's raw HTML, each at its offset."""
    if "<" not in body:
        return []
    text = without_code(body)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    reader = _Reader(line_starts)
    try:
        reader.feed(text)
        reader.close()
    except Exception:  # noqa: BLE001 - html.parser gives up on some garbage; what it read so far stands
        pass
    problems = list(reader.problems)
    problems.extend(_unclosed(name, at) for name, at in reader.open if name not in SELF_CLOSING)
    return sorted(problems, key=lambda p: p.start)
