"""The Markdown of the pages the build generates: the review list, the theme index, theme pages,
and the learning section appended to each review page.

Links are written as Markdown links to source files ('../reviews/family-b.md#learning-1') so that
the site generator converts and validates them: a broken anchor fails the strict build. The
exception is the long, repeated part of a theme page (every learning point quoted, every review
listed): that is written as ready-made HTML with relative URLs computed here, because Markdown
and the generator's link processing cost seconds per page on a large library. The generator does
not check links inside HTML, so tests/build/test_theme_links.py resolves every link of every theme page
in the built site. Every value from a review is escaped, since review text is contributor input.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from casebook.pages.charts import reviews_by_year_chart
from casebook.library.figures import reviews_by_year
from casebook.library.actions import is_overdue
from casebook.library.collection import Library
from casebook.model import labels
from casebook.reading.review import WITHHELD_BY_RIGHTS, WITHHELD_EXPIRED, LearningPoint, Review
from casebook.model.build_date import build_date
from casebook.model.vocabulary import Vocabulary

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~^])")


def md_text(text: str) -> str:
    """Plain text made safe inside Markdown: no HTML, no emphasis, links or attribute lists."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=True))


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def review_link(review: Review, from_folder: str, anchor: str = "", label: str = "") -> str:
    """A link to a review page from a page in `from_folder` ('themes', 'reviews' or '')."""
    prefix = {"reviews": "", "": "reviews/"}.get(from_folder, "../reviews/")
    return f"[{md_text(label or review.title)}]({prefix}{review.slug}.md{'#' + anchor if anchor else ''})"


def theme_link(vocabulary: Vocabulary, slug: str, from_folder: str) -> str:
    prefix = {"themes": "", "": "themes/"}.get(from_folder, "../themes/")
    return f"[{md_text(vocabulary.themes[slug].name)}]({prefix}{slug}.md)"


# -- review pages -------------------------------------------------------------------------------


# The learning and recommendations of a review page are written as ready-made HTML, like the long
# blocks of a theme page: as Markdown they doubled the Markdown each review page costs (3 s at 2,000
# reviews). Their headings stay Markdown, so that they are in the page's contents and the generator
# knows their anchors (links to #learning-N are checked) and keeps a body heading off their ids.
_FROM_REVIEW_PAGE = "../../"


def agency_href(slug: str, from_review_page: bool = True) -> str:
    """The address of an agency's page (/agencies/<slug>/) from a review page."""
    return f"{_FROM_REVIEW_PAGE if from_review_page else ''}agencies/{slug}/"


def _learning_point_html(lp: LearningPoint, vocabulary: Vocabulary) -> str:
    themes = ", ".join(
        f'<a href="{_FROM_REVIEW_PAGE}themes/{t}/">{_h(vocabulary.themes[t].name)}</a>' for t in lp.themes
    )
    tags = [f"<span>Themes: {themes}</span>"]
    if lp.for_agencies:
        tags.append("<span>For: " + ", ".join(
            f'<a href="{agency_href(a)}">{_h(vocabulary.agencies[a].name)}</a>' for a in lp.for_agencies) + "</span>")
    return f'<p class="cb-point">{_h(lp.text)}</p>\n<p class="cb-point-tags">{" ".join(tags)}</p>'


def _recommendations_html(review: Review, vocabulary: Vocabulary, on: dt.date) -> str:
    """Each recommendation with its id (the anchor #recommendation-ID), for whom, owner, status in
    words, due date, last update and evidence; overdue said in words."""
    out = ['<div class="cb-recommendations">', "<ul>"]
    for rec in review.recommendations:
        facts = []
        if rec.for_agencies:
            facts.append("<span>For: " + ", ".join(
                f'<a href="{agency_href(a)}">{_h(vocabulary.agencies[a].name)}</a>' for a in rec.for_agencies) + "</span>")
        owner = rec.fields.get("owner")
        facts.append("<span>Owner: " + (f'<a href="{agency_href(owner)}">{_h(vocabulary.agencies[owner].name)}</a>'
                                        if labels.is_stated(owner) else labels.NOT_STATED_LABEL) + "</span>")
        facts.append(f"<span>Status: {_h(labels.status_heading(rec.fields.get('status')))}</span>")
        facts.append(f"<span>Due: {_h(labels.shown_date(rec.fields.get('due')))}</span>")
        facts.append(f"<span>Last update: {_h(labels.shown_date(rec.fields.get('updated')))}</span>")
        item = [f'<li id="{_h(rec.anchor)}"><p class="cb-point"><strong>{_h(rec.id)}</strong> {_h(rec.text)}</p>',
                f'<p class="cb-point-tags">{" ".join(facts)}</p>']
        if is_overdue(rec, on):
            item.append(f'<p class="cb-overdue"><strong>{_h(labels.overdue_note(rec.fields["due"]))}.</strong></p>')
        if labels.is_stated(rec.fields.get("evidence")):
            item.append(f'<p class="cb-evidence">Evidence: {_h(rec.fields["evidence"])}</p>')
        out.append("\n".join(item) + "</li>")
    out += ["</ul>", "</div>"]
    return "\n".join(out)


def learning_section(review: Review, vocabulary: Vocabulary, blocks: list[str] | None = None) -> list[str]:
    """'Key learning', from front matter: Markdown lines (the heading, one heading with its anchor per
    point, and placeholders); the HTML blocks the placeholders stand for are appended to `blocks`."""
    blocks = [] if blocks is None else blocks
    out = ["## Key learning { #learning }", ""]
    if not review.learning:
        out += ["The review records no learning points.", ""]
    for lp in review.learning:
        blocks.append(_learning_point_html(lp, vocabulary))
        out += [f"### Learning point {lp.number} {{ #{lp.anchor} }}", "", _placeholder(len(blocks) - 1), ""]
    return out


def recommendations_section(review: Review, vocabulary: Vocabulary, blocks: list[str], on: dt.date | None = None) -> list[str]:
    """The recommendations, after the body: Markdown lines, the HTML block appended to `blocks`.
    Overdue is worked out on `on`, the build's date unless given."""
    if not review.recommendations:
        return []
    blocks.append(_recommendations_html(review, vocabulary, on or build_date()))
    return ["", "## Recommendations { #recommendations }", "", _placeholder(len(blocks) - 1), ""]


# A body that ends by introducing a list ("Relevant Services were therefore asked to:") introduces
# the learning points, which the page shows under Key learning, at the top: say where they are.
_ENDS_INTRODUCING_A_LIST = re.compile(r":\s*$")


def _pointer_to_the_learning(body: str) -> list[str]:
    if not _ENDS_INTRODUCING_A_LIST.search(body):
        return []
    return ["", "The points that follow in the review are listed under [Key learning](#learning), at the top of this page.", ""]


def withdrawn_notice(review: Review) -> str:
    """What a review past its publish_until date shows instead of its body: since when, and why."""
    until = dt.date.fromisoformat(review.publish_until)
    since = until + dt.timedelta(days=1)
    return "\n".join([
        "## Full text withdrawn { #withdrawn }",
        "",
        f"The full text of this review was published here until {_long_date(until)}, the date its publisher set. "
        f"Since {_long_date(since)} this page keeps only the facts, the summary and the learning: a review tells "
        "the story of real children and their family, and it stays online in full no longer than agreed.",
        "",
    ])


def not_reproduced_notice(review: Review) -> str:
    """What a review whose terms allow only its summary and learning (summary-only, or not stated)
    shows instead of its body: that the text is not here, why, and where it is."""
    if labels.is_stated(review.source):
        where = f"Read it in full on [the publisher's page for this review]({_link_target(review.source)})."
    else:
        where = "No address is given for the publisher's own copy."
    why = ("" if review.rights == "summary-only"
           else "The review does not say on what terms its text may be reproduced, so ")
    shown = "only its facts, summary and learning are shown here" if why else "Only this review's facts, summary and learning are shown here"
    return "\n".join([
        "## Full text not reproduced { #not-reproduced }",
        "",
        f"{why}{shown}: the full text stays with its publisher. {where}",
        "",
    ])


def _link_target(url: str) -> str:
    """A checked https:// address as a Markdown link target: the characters that would end it encoded."""
    return url.translate({ord(c): f"%{ord(c):02X}" for c in "()<>\"' "})


# What each reason for withholding a body (Review.body_withheld_reason) shows in its place.
WITHHELD_NOTICES = {WITHHELD_BY_RIGHTS: not_reproduced_notice, WITHHELD_EXPIRED: withdrawn_notice}


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def review_page(review: Review, vocabulary: Vocabulary, today: dt.date | None = None) -> tuple[str, list[str]]:
    """The page's Markdown: Key learning first (the template puts the facts and summary above it),
    then the body as written (or, where it is withheld, why it is not), then the recommendations. The HTML
    blocks (returned too) go back into the page after Markdown."""
    blocks: list[str] = []
    lines = learning_section(review, vocabulary, blocks)
    withheld = review.body_withheld_reason(today)
    if withheld:
        lines += [WITHHELD_NOTICES[withheld](review)]
    else:
        body = review.body.rstrip()
        lines += [body] + _pointer_to_the_learning(body)
    lines += recommendations_section(review, vocabulary, blocks)
    return "\n".join(lines) + "\n", blocks


# -- themes -------------------------------------------------------------------------------------


def themes_index(library: Library) -> str:
    vocabulary = library.vocabulary
    out = [
        "# Themes",
        "",
        "Learning from reviews, gathered by theme. A broader theme counts the learning of the themes under it.",
        "",
    ]

    def entry(slug: str, depth: int) -> None:
        theme, index = vocabulary.themes[slug], library.themes[slug]
        indent = "    " * depth
        if index.review_count:
            out.append(
                f"{indent}- {theme_link(vocabulary, slug, 'themes')}: {md_text(theme.definition)} "
                f"({_plural(index.review_count, 'review')}, {_plural(index.learning_count, 'learning point')})"
            )
        else:  # no link to a page with nothing on it
            out.append(f"{indent}- {md_text(theme.name)}: {md_text(theme.definition)} (no reviews yet)")
        for child in theme.children:
            entry(child, depth + 1)

    for theme in vocabulary.top_level_themes():
        entry(theme.slug, 0)
    return "\n".join(out) + "\n"


def _h(text: str) -> str:
    """Contributor text as HTML text: escaped, whitespace folded as Markdown would."""
    return html.escape(" ".join(str(text).split()), quote=True)


# A theme page is served at /themes/<slug>/ (MkDocs' directory URLs), so a review is two folders up.
_FROM_THEME_PAGE = "../../"


def _quote_html(lp: LearningPoint, vocabulary: Vocabulary, theme: str) -> str:
    """One learning point as body text, linked to its anchor on the review page, with its other themes.

    The review is named once, in the group's heading; the link says which review to a screen reader
    reading links out of context."""
    review = lp.review
    href = html.escape(f"{_FROM_THEME_PAGE}{review.url}#{lp.anchor}", quote=True)
    others = [t for t in lp.themes if t != theme]
    also = (" · also: " + ", ".join(_h(vocabulary.themes[t].name) for t in others)) if others else ""
    return (
        f'<div class="cb-quoted"><p class="cb-point">{_h(lp.text)}</p>'
        f'<p class="cb-point-from"><a href="{href}">Learning point {lp.number}'
        f'<span class="cb-visually-hidden"> of {_h(review.title)}</span></a>{also}</p></div>'
    )


def _learning_by_review(learning: list[LearningPoint], vocabulary: Vocabulary, theme: str) -> list[str]:
    """The learning grouped under each review (the index keeps a review's points together), as one HTML block.

    The group headings are HTML so that Material's table of contents does not list every review
    of a large library; they are real headings all the same for screen readers. The block has no
    blank line inside and blank lines around it, as Python-Markdown needs to pass it through.
    """
    if not learning:
        return []
    out: list[str] = ['<div class="cb-learning-by-review">']
    current = None
    for lp in learning:
        if lp.review is not current:
            current = lp.review
            href = html.escape(f"{_FROM_THEME_PAGE}{current.url}", quote=True)
            out.append(f'<h3 class="cb-from-review" id="from-{html.escape(current.slug, quote=True)}">'
                       f'<a href="{href}">{_h(current.title)}</a> '
                       f'<span class="cb-when">({_h(_published_phrase(current))})</span></h3>')
        out.append(_quote_html(lp, vocabulary, theme))
    out += ["</div>", ""]
    return out


def _published_phrase(review: Review) -> str:
    return labels.published_phrase(review.published)


def _reviews_list(reviews: list[Review]) -> list[str]:
    """The theme's reviews as one HTML list block, each linked to its page."""
    if not reviews:
        return []
    out = ['<ul class="cb-theme-reviews">']
    for review in reviews:
        href = html.escape(f"{_FROM_THEME_PAGE}{review.url}", quote=True)
        out.append(f'<li><a href="{href}">{_h(review.title)}</a> ({_h(_published_phrase(review))})</li>')
    out += ["</ul>", ""]
    return out


# The HTML blocks above, and the table of a page of the list of reviews (casebook.pages.browse), go through
# the site generator untouched: Python-Markdown would still parse every tag of them (~160,000 on
# the theme pages at 2,000 reviews, 2.5 s; the table 0.7 s), so the adapter sets them aside
# before Markdown and puts them back after (review pages' blocks never enter the Markdown).
_SET_ASIDE = re.compile(
    r'^(?:<div class="cb-learning-by-review">\n.*?\n</div>|<ul class="cb-theme-reviews">\n.*?\n</ul>'
    r'|<table class="cb-reviews" data-cb-reviews[^>\n]*>\n.*?\n</table>|<table data-cb-actions>\n.*?\n</table>)$',
    re.M | re.S,
)


def set_aside_blocks(markdown: str) -> tuple[str, list[str]]:
    """A theme page's, /reviews/' or /actions/' Markdown with its big HTML blocks replaced by empty
    placeholders, and the blocks (Markdown parses a raw HTML block tag by tag: /actions/' table,
    3.5 MB at 2,000 reviews, took 1.4 s)."""
    blocks: list[str] = []

    def placeholder(match: re.Match) -> str:
        blocks.append(match.group(0))
        return _placeholder(len(blocks) - 1)

    return _SET_ASIDE.sub(placeholder, markdown), blocks


def put_back_blocks(html_text: str, blocks: list[str]) -> str:
    """The rendered page with each set-aside block in its placeholder's place."""
    for i, block in enumerate(blocks):
        mark = _placeholder(i)
        if html_text.count(mark) != 1:
            raise ValueError(f"the placeholder of HTML block {i} is not in the rendered page once")
        html_text = html_text.replace(mark, block)
    return html_text


def _placeholder(i: int) -> str:
    return f'<div data-cb-block="{i}"></div>'


def has_learning(library: Library, slug: str) -> bool:
    """Whether a theme has anything to brief on: a briefing is made, and linked, only then."""
    return bool(library.themes[slug].learning_count)


def theme_page(library: Library, slug: str) -> str:
    vocabulary = library.vocabulary
    theme, index = vocabulary.themes[slug], library.themes[slug]
    out = [f"# {md_text(theme.name)}", "", md_text(theme.definition), ""]
    if theme.synonyms:
        out += ["Also called: " + ", ".join(md_text(s) for s in theme.synonyms), ""]
    if theme.parent:
        out += ["Broader theme: " + theme_link(vocabulary, theme.parent, "themes"), ""]
    if theme.children:
        out += ["Narrower themes: " + ", ".join(theme_link(vocabulary, c, "themes") for c in theme.children), ""]
    if not index.review_count:
        # Still a page, so that links to it (a broader theme's, a contributor's) land somewhere useful.
        out += ["No review in the library has this theme yet. [All themes](index.md)", ""]
        return "\n".join(out + _questions_section(theme))
    out += [
        f"{_plural(index.review_count, 'review')} and {_plural(index.learning_count, 'learning point')}"
        + (" (including the narrower themes)." if theme.children else "."),
        "",
    ]
    if has_learning(library, slug):
        out += [f"[A printable 7-minute briefing on this theme]({slug}/briefing.md)", ""]
    out += ["## Learning { #learning }", ""]
    if not index.learning:
        out += ["No learning point in the library is tagged with this theme yet.", ""]
    out += _learning_by_review(index.learning, vocabulary, slug)
    out += ["## Reviews { #reviews }", ""]
    out += _reviews_list(index.reviews)
    out += ["## Themes that occur with it { #co-occurring }", ""]
    together = library.co_occurrence[slug]
    if together:
        out += ["Other themes of the reviews above, and how many of those reviews have each:", ""]
        out += [f"- {theme_link(vocabulary, other, 'themes')}: {_plural(n, 'review')}" for other, n in together]
    else:
        out.append("No other theme occurs in the same reviews yet.")
    out += ["", "## Reviews by year { #by-year }", ""]
    out += [reviews_by_year_chart(reviews_by_year(index.reviews), f"Reviews with the theme {theme.name}", f"by-year-{slug}"), ""]
    return "\n".join(out + _questions_section(theme))


def _questions_section(theme) -> list[str]:
    if not theme.questions:
        return []
    return ["## Questions for reflection { #questions }", "", *(f"- {md_text(q)}" for q in theme.questions), ""]
