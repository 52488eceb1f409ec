"""7-minute briefings: one review, or one theme across all reviews, on at most two printed pages.

Partnerships write these by hand for team meetings: what happened, why it matters, the learning,
questions for reflection, where to read more. Here they are drawn from the same front matter and
vocabulary as every other page. The Markdown is rendered with the briefing template, whose print
styles drop the site's navigation.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from pathlib import Path

from casebook.library.collection import Library
from casebook.model import labels
from casebook.pages.themes import md_text
from casebook.reading.review import Review
from casebook.speed.processes import map_shared
from casebook.speed.switch import Speed
from casebook.model.vocabulary import Vocabulary

# A briefing is read in minutes: a theme's briefing quotes this many of its newest learning points
# and sends the reader to the theme page for the rest.
THEME_BRIEFING_LEARNING = 6
THEME_BRIEFING_REVIEWS = 5

# The text of a briefing comes from contributors: the macros plugin must never run it as a template,
# whatever a site sets as render_by_default.
_FRONT = "---\ntemplate: briefing.html\nrender_macros: false\nhide:\n  - navigation\n  - toc\n---\n\n"

# Every review has a briefing, and rendering each through the theme would double the build (a page
# per review costs the same whatever its length). So MkDocs renders one review's briefing, the
# shell, with a placeholder title; every review's briefing is then that page, chrome and policy
# included (they depend only on the folder depth), with its own title, address and content put in:
# "stamped". Without stamping (casebook.speed.switch: `parallel: off`, or another plugin handling
# page events) each review's briefing is a page MkDocs renders, and the same bytes.
SHELL_TITLE = "casebook-briefing-title-placeholder"
CONTENT_START = "<!-- casebook:briefing -->"
CONTENT_END = "<!-- /casebook:briefing -->"


class BriefingError(Exception):
    """The rendered shell cannot be used: the template lost its markers or the title placeholder."""


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else word + 's'}"


def _absolute(site_url: str | None, path: str) -> str:
    """The page's address as printed text, so that a paper copy still says where to look."""
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def learning_themes(review: Review) -> list[str]:
    """The themes of a review's learning points, in order of first use; its own themes if it has none."""
    themes: list[str] = []
    for lp in review.learning:
        themes += [t for t in lp.themes if t not in themes]
    return themes or list(review.themes)


def review_briefing_html(library: Library, review: Review, site_url: str | None = None) -> str:
    """The content of /reviews/<slug>/briefing/ as HTML, every value escaped, links relative to that page."""
    vocabulary = library.vocabulary
    kind = vocabulary.review_types[review.review_type].name
    facts = [
        kind,
        labels.published_phrase(review.published),
        "published by " + review.publisher if labels.is_stated(review.publisher) else labels.unstated("publisher"),
    ]
    out = [
        f"<h1>7-minute briefing: {_e(review.title)}</h1>",
        f"<p>{_e('; '.join(facts))}.</p>",
        '<h2 id="what-happened">What happened</h2>',
        f"<p>{_e(review.summary)}</p>",
    ]
    # Learning first: it is what a team meets to discuss.
    out.append('<h2 id="learning">Key learning</h2>')
    if not review.learning:
        out.append("<p>The review records no learning points.</p>")
    else:
        out.append("<ol>")
        for lp in review.learning:
            line = f'<li value="{lp.number}">{_e(lp.text)}'
            if lp.for_agencies:
                line += " <em>For: " + _e(", ".join(vocabulary.agencies[a].name for a in lp.for_agencies)) + ".</em>"
            out.append(line + "</li>")
        out.append("</ol>")
    out += ['<h2 id="questions">Questions for reflection</h2>', "<ul>"]
    out += [f"<li>{_e(q)}" + (f" <em>({_e(name)})</em>" if name else "") + "</li>"
            for q, name in _question_list(vocabulary, learning_themes(review))]
    # Why it matters: one sentence per theme of the learning, not a glossary of every theme.
    out += ["</ul>", '<h2 id="why-it-matters">Why it matters</h2>', '<p class="cb-why">']
    out.append(" ".join(f"<strong>{_e(vocabulary.themes[t].name)}</strong>: {_e(vocabulary.themes[t].definition)}"
                        for t in learning_themes(review)))
    out += ["</p>", '<h2 id="read-more">Where to read more</h2>', "<ul>"]
    out.append(f'<li><a href="../">The review on Casebook</a>: {_e(_absolute(site_url, review.url))}</li>')
    if not labels.is_stated(review.source):
        out.append(f"<li>The publisher's own page for the report: {labels.NOT_STATED_LABEL.lower()}.</li>")
    else:
        out.append(f'<li><a href="{_e(review.source)}" rel="noopener">The publisher\'s report</a>: {_e(review.source)}</li>')
    themes = ", ".join(f'<a href="../../../themes/{t}/">{_e(vocabulary.themes[t].name)}</a>' for t in learning_themes(review))
    out += [f"<li>The learning from other reviews on the same themes: {themes} ({_e(_absolute(site_url, 'themes/'))})</li>", "</ul>"]
    # A printed briefing travels: it says on what terms the review's words in it appear.
    out.append(f'<p class="cb-rights"><strong>Rights:</strong> {_e(labels.rights_sentence(review.rights, review.rights_note, review.publisher))}'
               + (f' Licence: {_e(labels.rights_url(review.rights))}' if labels.rights_url(review.rights) else "") + "</p>")
    return "\n".join(out)


def _question_list(vocabulary: Vocabulary, themes: list[str]) -> list[tuple[str, str]]:
    pairs = [(q, vocabulary.themes[t].name) for t in themes for q in vocabulary.themes[t].questions]
    return pairs or [("What in this learning applies to your own service, and what will you change?", "")]


def _questions(vocabulary: Vocabulary, themes: list[str]) -> list[str]:
    out = []
    for t in themes:
        name = md_text(vocabulary.themes[t].name)
        out += [f"- {md_text(q)} *({name})*" for q in vocabulary.themes[t].questions]
    return out or ["- What in this learning applies to your own service, and what will you change?"]


def theme_briefing(library: Library, slug: str, site_url: str | None = None) -> str:
    """/themes/<slug>/briefing/: the briefing for one theme, across all reviews."""
    vocabulary = library.vocabulary
    theme, index = vocabulary.themes[slug], library.themes[slug]
    out = [
        _FRONT + f"# 7-minute briefing: {md_text(theme.name)}",
        "",
        f"Across the library: {_plural(index.review_count, 'review')} and {_plural(index.learning_count, 'learning point')}"
        + (" (including the narrower themes)." if theme.children else "."),
        "",
        "## What it is { #what-it-is }",
        "",
        md_text(theme.definition),
        "",
    ]
    if theme.synonyms:
        out += ["Also called: " + ", ".join(md_text(s) for s in theme.synonyms) + ".", ""]
    # Learning first, then questions, then why it matters (the reviews behind it).
    out += ["## Key learning { #learning }", ""]
    quoted = index.learning[:THEME_BRIEFING_LEARNING]
    if not quoted:
        out.append("No learning point in the library is tagged with this theme yet.")
    for lp in quoted:
        out.append(f"- {md_text(lp.text)} ([{md_text(lp.review.title)}, learning point {lp.number}]"
                   f"(../../reviews/{lp.review.slug}.md#{lp.anchor}))")
    if index.learning_count > len(quoted):
        out.append(f"- and {_plural(index.learning_count - len(quoted), 'more learning point')} on the theme page.")
    out += ["", "## Questions for reflection { #questions }", ""]
    out += _questions(vocabulary, [slug])
    out += ["", "## Why it matters { #why-it-matters }", ""]
    newest = index.reviews[:THEME_BRIEFING_REVIEWS]
    if newest:
        out += ["Reviews that found learning about it, newest first:", ""]
        for review in newest:
            out.append(f"- [{md_text(review.title)}](../../reviews/{review.slug}.md) ({md_text(labels.published_phrase(review.published))})")
        if index.review_count > len(newest):
            out.append(f"- and {_plural(index.review_count - len(newest), 'more review')} on the theme page.")
    else:
        out.append("No review in the library has this theme yet.")
    together = library.co_occurrence[slug][:5]
    if together:
        names = ", ".join(f"{md_text(vocabulary.themes[t].name)} ({n})" for t, n in together)
        out += ["", f"It often occurs with: {names} (counts of reviews)."]
    out += ["", "## Where to read more { #read-more }", ""]
    out.append(f"- [The theme page, with all its learning](../{slug}.md): {md_text(_absolute(site_url, f'themes/{slug}/'))}")
    related = ([theme.parent] if theme.parent else []) + list(theme.children)
    if related:
        out.append("- Broader and narrower themes: " + ", ".join(f"[{md_text(vocabulary.themes[t].name)}](../{t}.md)" for t in related))
    out.append("")
    return "\n".join(out)


# -- review briefings, made from one rendered page ------------------------------------------------


def briefing_title(review: Review) -> str:
    return f"7-minute briefing: {review.title}"


def briefing_title_html(review: Review) -> str:
    """The title as the page prints it (in <title> and the header): escaped, the same both ways."""
    return _e(briefing_title(review))


def _briefing_source(review: Review) -> str:
    return f"reviews/{review.slug}/briefing.md"


def _briefing_markdown(library: Library, review: Review, site_url: str | None, front: str) -> str:
    # One raw HTML block (no blank line inside): Markdown passes it through as it is.
    return front + f'<div class="cb-briefing-content">\n{review_briefing_html(library, review, site_url)}\n</div>\n'


def briefing_shell(library: Library, site_url: str | None = None) -> tuple[str, str] | None:
    """(source path, Markdown) of the one review briefing MkDocs renders; None without reviews."""
    if not library.reviews:
        return None
    review = library.reviews[0]
    front = _FRONT.replace("template: briefing.html\n", f"template: briefing.html\ntitle: {SHELL_TITLE}\n")
    return _briefing_source(review), _briefing_markdown(library, review, site_url, front)


def briefing_pages(library: Library, site_url: str | None = None) -> dict[str, Callable[[], str]]:
    """Every review's briefing as a page for MkDocs to render, by source path (not stamped).

    No title in the front matter: MkDocs would print it unescaped (a review title is contributor
    text). The adapter gives each page `briefing_title_html` as its title instead."""
    return {_briefing_source(review): functools.partial(_briefing_markdown, library, review, site_url, _FRONT)
            for review in library.reviews}


def review_for_briefing(library: Library, src_uri: str) -> Review | None:
    """The review whose briefing page `src_uri` is (reviews/<slug>/briefing.md), or None."""
    parts = src_uri.split("/")
    if len(parts) != 3 or parts[0] != "reviews" or parts[2] != "briefing.md":
        return None
    return library.review(parts[1])


def briefing_path(review: Review) -> str:
    return f"reviews/{review.slug}/briefing/index.html"


def _briefing_maker(shell_html: str, library: Library, site_url: str | None = None) -> Callable[[Review], tuple[str, str]]:
    """What makes one review's briefing page (its path under the site folder, its HTML) from the rendered shell."""
    for marker in (CONTENT_START, CONTENT_END):
        if shell_html.count(marker) != 1:
            raise BriefingError(f"the briefing template must have '{marker}' exactly once around page.content")
    before, rest = shell_html.split(CONTENT_START)
    _, after = rest.split(CONTENT_END)
    if SHELL_TITLE not in before:
        raise BriefingError(f"the briefing page's title placeholder '{SHELL_TITLE}' is missing from the rendered page")
    shell_url = f"reviews/{library.reviews[0].slug}/briefing/"

    def make(review: Review) -> tuple[str, str]:
        url = f"reviews/{review.slug}/briefing/"
        head = before.replace(SHELL_TITLE, briefing_title_html(review)).replace(shell_url, url)
        tail = after.replace(shell_url, url)
        content = f'<div class="cb-briefing-content">\n{review_briefing_html(library, review, site_url)}\n</div>'
        return briefing_path(review), f"{head}{CONTENT_START}{content}{CONTENT_END}{tail}"

    return make


def review_briefing_pages(shell_html: str, library: Library, site_url: str | None = None) -> dict[str, str]:
    """Every review's briefing page, by its path under the site folder, made from the rendered shell."""
    make = _briefing_maker(shell_html, library, site_url)
    return dict(make(review) for review in library.reviews)


def write_review_briefings(site_dir: Path, library: Library, site_url: str | None = None, speed: Speed = Speed(),
                           reviews: list[Review] | None = None, shell_html: str | None = None) -> int:
    """After the build: write every review's briefing from the rendered shell; returns how many.

    A large library's briefings are written by several processes (casebook.speed.processes): the build
    has nothing else left to do, and at 2,000 reviews they are 48 MB of HTML. `shell_html`: the
    shell as rendered, where the site holds the first review's stamped briefing in its place."""
    if not library.reviews:
        return 0
    if shell_html is None:
        shell_html = (site_dir / briefing_path(library.reviews[0])).read_text(encoding="utf-8")
    make = _briefing_maker(shell_html, library, site_url)

    def write(review: Review) -> None:
        path, page = make(review)
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")

    # `reviews`: only these (the preview keeps the others' briefings from the build before).
    reviews = library.reviews if reviews is None else reviews
    map_shared(write, reviews, speed.shares(len(reviews)))
    return len(reviews)
