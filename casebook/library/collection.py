"""The library: every review, validated together, and the cross-review indexes built from them.

Indexes are built once per build in a single pass over the learning points, so no page ever
loops over every review (that is what keeps a 5,000-review build linear).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Callable

from casebook.library.actions import Actions, track_recommendations
from casebook.library.agencies import AgencyIndex, index_agencies
from casebook.library.facets import FacetValue, facet_counts
from casebook.library.figures import co_occurring_themes
from casebook.checks.echo import escaped, without_names
from casebook.checks.files import review_paths
from casebook.checks.problems import Problem, sort_problems
from casebook.library.related import Related, RelatedReviews
from casebook.reading.review import LearningPoint, Review, read_review
from casebook.speed.processes import map_shared
from casebook.checks.registry import FOLDER, LIBRARY, checks_at
from casebook.model.build_date import build_date
from casebook.speed.switch import Speed
from casebook.model.vocabulary import Vocabulary, load_vocabulary


@dataclass
class ThemeIndex:
    """What the library holds about one theme, its narrower themes included."""

    slug: str
    learning: list[LearningPoint] = field(default_factory=list)  # tagged with it or a narrower theme
    reviews: list[Review] = field(default_factory=list)  # that list it, a narrower theme, or have such learning

    @property
    def review_count(self) -> int:
        return len(self.reviews)

    @property
    def learning_count(self) -> int:
        return len(self.learning)


@dataclass
class Library:
    vocabulary: Vocabulary
    reviews: list[Review]
    problems: list[Problem]
    files_checked: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def learning_count(self) -> int:
        return sum(len(r.learning) for r in self.reviews)

    def review(self, slug: str) -> Review | None:
        return self._by_slug.get(slug)

    def __post_init__(self) -> None:
        self._by_slug = {r.slug: r for r in self.reviews}

    @cached_property
    def themes(self) -> dict[str, ThemeIndex]:
        """Each theme's learning points and reviews (a preview's save to a body never needs them)."""
        return index_themes(self.vocabulary, self.reviews)

    def newest(self, n: int | None = None) -> list[Review]:
        return self._newest[:n]

    @cached_property
    def _newest(self) -> list[Review]:
        # Sorted once: every list page, export and index asks for this order (65 sorts a build).
        return sorted_newest_first(self.reviews)

    @cached_property
    def facet_counts(self) -> dict[str, list[FacetValue]]:
        """Every facet value with its count of reviews (casebook.library.facets), once for every page that shows them."""
        return facet_counts(self.reviews, self.vocabulary)

    @cached_property
    def related(self) -> Mapping[str, list[Related]]:
        """Each review's related reviews (shared themes), by slug, each worked out once when first asked for."""
        return RelatedReviews(self.newest())

    def reuse_front_matter_indexes(self, before: "Library") -> None:
        """Take from the library `before` a save that changed only bodies what front matter alone
        decides: the related reviews (each naming this library's review of the same slug) and the
        agencies with a page."""
        self.__dict__["related"] = {slug: [Related(self._by_slug[r.review.slug], r.shared) for r in found]
                                    for slug, found in before.related.items()}
        self.__dict__["agency_pages"] = before.agency_pages

    @cached_property
    def co_occurrence(self) -> dict[str, list[tuple[str, int]]]:
        """Each theme's co-occurring themes with counts of reviews, computed once."""
        return co_occurring_themes(self.vocabulary, self.reviews)

    @cached_property
    def actions(self) -> Actions:
        """Every recommendation with its status and whether it is overdue on the build's date."""
        return track_recommendations(self.newest(), build_date())

    @cached_property
    def agency_pages(self) -> set[str]:
        """The agencies with something addressed to them: review pages link only those to their page."""
        return {slug for slug, index in self.agencies.items() if index.addressed_count}

    @cached_property
    def agencies(self) -> dict[str, AgencyIndex]:
        """What is addressed to each agency (learning `for`, recommendations `for` and `owner`)."""
        return index_agencies(self.vocabulary, self.newest())


def sorted_newest_first(reviews: list[Review]) -> list[Review]:
    """Newest publication first; reviews with no stated date last; then by title."""
    stated = sorted((r for r in reviews if r.published_year), key=lambda r: r.title.lower())
    stated.sort(key=lambda r: r.published, reverse=True)
    unstated = sorted((r for r in reviews if not r.published_year), key=lambda r: r.title.lower())
    return stated + unstated


def index_themes(vocabulary: Vocabulary, reviews: list[Review]) -> dict[str, ThemeIndex]:
    """Each theme's learning points and reviews, a broader theme gathering its narrower ones."""
    index = {slug: ThemeIndex(slug) for slug in vocabulary.themes}
    seen_reviews: dict[str, set[str]] = defaultdict(set)
    ancestors = {slug: [slug, *vocabulary.ancestors(slug)] for slug in vocabulary.themes}
    for review in reviews:
        for theme in review.themes:
            for slug in ancestors[theme]:
                if review.slug not in seen_reviews[slug]:
                    seen_reviews[slug].add(review.slug)
                    index[slug].reviews.append(review)
        for lp in review.learning:
            gathered: list[str] = []
            for theme in lp.themes:
                for slug in ancestors[theme]:
                    if slug not in gathered:
                        gathered.append(slug)
            for slug in gathered:
                index[slug].learning.append(lp)
    for entry in index.values():
        entry.reviews = sorted_newest_first(entry.reviews)
        order = {r.slug: i for i, r in enumerate(entry.reviews)}
        entry.learning.sort(key=lambda lp: (order[lp.review.slug], lp.number))
    return index


def review_files(paths: list[Path]) -> list[Path]:
    """The review files named, folders expanded to the Markdown files in them."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(review_paths(path))
        else:
            files.append(path)
    return files


def _display(path: Path, root: Path | None, folders: dict[str, str | None] | None = None) -> str:
    """How messages name a file: its path from the project's root. `folders` remembers each
    folder's path from the root within one load (working it out for each file cost 0.2 s at 2,000 reviews)."""
    if root is not None:
        folders = {} if folders is None else folders
        parent = os.path.dirname(path)  # a string: hashing a new Path for each file costs as much
        if parent not in folders:
            try:
                # The folder resolved, not the file: a link is shown where it is, not where it points.
                folders[parent] = (path.parent.resolve() / "_").relative_to(root.resolve()).parent.as_posix()
            except ValueError:
                folders[parent] = None
        folder = folders[parent]
        if folder is not None:
            return escaped(path.name if folder == "." else f"{folder}/{path.name}")
    return escaped(path.as_posix())


def load_library(
    paths: list[Path],
    vocabulary: Vocabulary,
    root: Path | None = None,
    today: dt.date | None = None,
    speed: Speed = Speed(),
    read: Callable[[Path, str], tuple[Review | None, list[Problem]]] | None = None,
) -> Library:
    """Read and validate every review file; one broken file never hides another.

    `read` (a path and its display name to read_review's result) stands in for reading every
    file: the preview's cache (casebook.preview.review_cache) reads only the files that changed."""
    reviews: list[Review] = []
    problems: list[Problem] = []
    files = review_files(paths)
    # Files beside the reviews that are not review files: a .txt, a PDF, a review in a subfolder.
    display = partial(_display, root=root, folders={})
    problems.extend(p for folder in paths if folder.is_dir() for check in checks_at(FOLDER) for p in check(folder, display))
    jobs = [(path, display(path)) for path in files]
    results = _read_reviews(jobs, vocabulary, today, speed) if read is None else [read(*job) for job in jobs]
    for review, found in results:
        problems.extend(found)
        if review is not None:
            reviews.append(review)
    # Rules that need the whole library: case collisions, repeated titles.
    across = [p for check in checks_at(LIBRARY) for p in check(reviews, files, display)]
    # A case collision says more than 'rename the file to <lowercase>', which would name the taken file.
    collided = {p.path for p in across if p.rule == "slug-case-collision"}
    problems = [p for p in problems if not (p.rule == "file-name-slug" and p.path in collided)] + across
    # A message never repeats a listed name, whichever rule quoted the value it was in.
    problems = without_names(problems, getattr(vocabulary, "deny_names", None) or ())
    return Library(vocabulary, reviews, sort_problems(problems), len(files))


def _read_reviews(jobs: list[tuple[Path, str]], vocabulary: Vocabulary, today: dt.date | None, speed: Speed):
    """read_review for every (path, display name), results in the same order; a large library's
    in several processes (casebook.speed)."""
    return map_shared(lambda job: read_review(job[0], vocabulary, job[1], today), jobs, speed.shares(len(jobs)))


def load_project(project_root: str | Path, paths: list[Path] | None = None, today: dt.date | None = None,
                 speed: Speed = Speed(), cache=None, vocabulary: Vocabulary | None = None) -> Library:
    """The library of a Casebook project: vocabulary/ and docs/reviews/ under its root; with a
    cache (casebook.preview.review_cache.ReviewCache), only the files changed since it last read
    them are read and checked. `vocabulary`: the project's, already read (the preview's, when
    nothing but reviews changed)."""
    root = Path(project_root)
    vocabulary = load_vocabulary(root / "vocabulary") if vocabulary is None else vocabulary
    read = None
    if cache is not None:
        cache.begin(root / "vocabulary", today)
        read = cache.reader(vocabulary, today)
    library = load_library(paths or [root / "docs" / "reviews"], vocabulary, root=root, today=today, speed=speed, read=read)
    if cache is not None:
        cache.end()
    return library
