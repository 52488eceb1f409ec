"""Fictional review corpora for the benchmark: N review files with valid, varied front matter and
a body of summary length (about 1,200 words) or full-report length (about 12,000 words).

Everything is made up and every file says so. The text is drawn from the project's own
vocabulary (theme definitions, reflective questions, synonyms) and a few generic sentences of
practice, recombined by a word-pair chain, with a long tail of invented place and service names:
search indexes grow with the number of distinct words, so a corpus of a few hundred words
repeated would flatter them. The same seed gives the same corpus.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from casebook.model.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]

SUMMARY_WORDS = 1_200
FULL_WORDS = 12_000

# Generic sentences of safeguarding practice, written for the benchmark (no real case).
PRACTICE = """
The practitioners involved met the family on several occasions and recorded their concerns.
The school noticed that the child was often tired and hungry and shared this with the health visitor.
The review considered whether agencies had understood the daily experience of the child.
Information held by one agency was not always known to the others, and decisions rested on part of the picture.
The social worker completed an assessment which did not include the views of the father.
Supervision gave the worker space to reflect, but the plan was not reviewed when circumstances changed.
Professionals were reassured by the parents' engagement and did not test what they were told.
The threshold for a statutory assessment was discussed and the case was stepped down to early help.
A strategy discussion was held and the police and children's social care agreed a joint visit.
The general practitioner was not invited to the meeting and the records of the practice were not shared.
The family moved between two local authority areas and the transfer of the case was delayed.
The panel heard from the mother, who described how difficult it had been to ask for help.
Learning from this review has been shared with the partnership and its training programme.
Agencies have since changed their procedures and the partnership will audit the changes.
The chronology shows a pattern of missed appointments that was not seen as a whole.
Each agency completed a report for the review and took part in a learning event with practitioners.
The review did not find that any single agency could have predicted what happened.
Managers should make sure that practitioners have the time and support to be curious.
The child was not seen alone and the voice of the child is largely absent from the records.
Housing, health and education services each held a part of the history of the family.
""".strip().split("\n")

HEADINGS_SUMMARY = ["Introduction", "What happened", "Findings", "Conclusion"]
HEADINGS_FULL = [
    "Introduction", "Terms of reference", "Methodology", "Family structure", "Background",
    "Chronology of key events", "Analysis", "Involvement of the family", "Agency responses",
    "Good practice", "Findings", "Conclusions", "Recommendations and actions", "Glossary",
]

NATION_WEIGHTS = {"england": 70, "wales": 12, "scotland": 9, "northern-ireland": 4, "not-stated": 5}
AGE_BANDS = ["unborn", "under-1", "1-4", "5-10", "11-15", "16-17"]
STATUSES = ["not-stated", "open", "in-progress", "complete", "not-accepted"]
SYLLABLES = ["bar", "ford", "ham", "ley", "ton", "wick", "cot", "mere", "brook", "dale", "ing", "ash",
             "hol", "wen", "stan", "mor", "lin", "sea", "pen", "tre", "caer", "glen", "kirk", "by"]


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'-]*|[.,;:?]", text)


class TextMaker:
    """Plausible-sounding practice prose from a word-pair chain, with invented rare names."""

    def __init__(self, vocabulary: Vocabulary, rng: random.Random):
        self.rng = rng
        texts = list(PRACTICE)
        for theme in vocabulary.themes.values():
            texts += [theme.definition, *theme.questions, f"{theme.name} and {', '.join(theme.synonyms)}."]
        for terms in (vocabulary.agencies, vocabulary.harm_types, vocabulary.review_types):
            texts += [f"The {t.name.lower()} {' and '.join(t.synonyms) or 'service'} was involved." for t in terms.values()]
        self.chain: dict[str, list[str]] = {}
        for text in texts:
            words = ["."] + _words(text)
            for a, b in zip(words, words[1:]):
                self.chain.setdefault(a.lower() if a != "." else a, []).append(b)
        # A long tail of made-up names (places, teams, services): each review uses a few.
        self.rare = sorted({
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(40_000)
        })

    def rare_word(self) -> str:
        # Zipf-like: a few names recur across many reviews, most appear in one or two.
        index = int(len(self.rare) * self.rng.random() ** 3)
        return self.rare[index]

    def sentence(self, max_words: int = 30) -> str:
        out, word = [], "."
        while len(out) < max_words:
            nxt = self.rng.choice(self.chain.get(word.lower() if word != "." else word) or ["the"])
            if nxt == ".":
                break
            if nxt in ",;:?" and (not out or out[-1] in ",;:?"):
                continue
            out.append(self.rare_word() if self.rng.random() < 0.03 else nxt)
            word = nxt
        while out and out[-1] in ",;:?":
            out.pop()
        if len(out) < 4:
            return self.sentence(max_words)
        text = " ".join(out).replace(" ,", ",").replace(" ;", ";").replace(" :", ":").replace(" ?", "?")
        return text[0].upper() + text[1:] + "."

    def paragraph(self, words: int) -> str:
        out, n = [], 0
        while n < words:
            s = self.sentence()
            out.append(s)
            n += len(s.split())
        return " ".join(out)

    def words(self, n: int) -> str:
        text = self.paragraph(n)
        return " ".join(text.split()[:n]).rstrip(",;:") + "."


def _body(maker: TextMaker, rng: random.Random, words: int) -> str:
    headings = HEADINGS_FULL if words > 3_000 else HEADINGS_SUMMARY
    per_section = words // len(headings)
    out = ["This review is fictional: Casebook's benchmark generated it. No real child or family.", ""]
    for s, heading in enumerate(headings, 1):
        out += [f"## {s}. {heading}", ""]
        written, p = 0, 1
        while written < per_section:
            n = max(20, min(rng.randint(60, 140), per_section - written))
            out += [f"{s}.{p}. {maker.words(n)}", ""]
            written += n
            p += 1
    return "\n".join(out)


def _track(rec: dict, year: int, rng: random.Random) -> None:
    """A recommendation's owner, due date, last update and evidence, as the rules ask. From a generator
    of their own, so that the rest of the corpus is the one earlier benchmarks built."""
    rec["owner"] = rec["for"][0]
    rec["due"] = f"{year + rng.randint(1, 2)}-{rng.randint(1, 12):02d}"
    if rec["status"] != "not-stated":
        # In December of the year of publication: never before it, never in the future.
        rec["updated"] = f"{year}-12-{rng.randint(1, 28):02d}"
    if rec["status"] == "complete":
        rec["evidence"] = "Fictional evidence: the board's annual report says it was done."


def review(n: int, vocabulary: Vocabulary, maker: TextMaker, rng: random.Random, words: int) -> str:
    """One fictional review file, valid against the project's model."""
    nation = rng.choices(list(NATION_WEIGHTS), weights=list(NATION_WEIGHTS.values()))[0]
    types = [t.slug for t in vocabulary.review_types.values() if nation in t.nations] or list(vocabulary.review_types)
    review_type = rng.choice(types)
    year = rng.randint(2008, 2025)
    published = rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}", "not-stated"] if rng.random() < 0.04
                           else [f"{year}", f"{year}-{rng.randint(1, 12):02d}"])
    themes = list(vocabulary.themes)
    agencies = list(vocabulary.agencies)
    review_agencies = rng.sample(agencies, rng.randint(2, 7))
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(2))
    name = f"Child {letters}{n}"
    learning = []
    for _ in range(rng.randint(3, 8)):
        point = {"text": maker.words(rng.randint(25, 60)), "themes": rng.sample(themes, rng.randint(1, 2))}
        if rng.random() < 0.5:
            point["for"] = rng.sample(review_agencies, rng.randint(1, 2))
        learning.append(point)
    recommendations = [
        {"text": maker.words(rng.randint(15, 35)), "for": rng.sample(review_agencies, 1), "status": rng.choice(STATUSES)}
        for _ in range(rng.randint(0, 5))
    ]
    for i, rec in enumerate(recommendations):
        _track(rec, year, random.Random(f"{n}-{i}"))
    front = {
        "title": f"{name}: a fictional {vocabulary.review_types[review_type].name.lower()}",
        "review_type": review_type,
        "nation": nation,
        "publisher": f"Fictional {maker.rare_word()} Safeguarding Partnership",
        "published": published,
        "incident": str(rng.randint(year - 3, year - 1)),
        "subject": {"name": name, "naming": "letter-or-initial", "children": rng.randint(1, 4),
                    "age_bands": sorted(rng.sample(AGE_BANDS, rng.randint(1, 2)), key=AGE_BANDS.index)},
        "outcome": rng.choice(["died", "serious-harm", "serious-harm", "not-stated"]),
        "harm_types": rng.sample(list(vocabulary.harm_types), rng.randint(1, 3)),
        "agencies": review_agencies,
        "themes": rng.sample(themes, rng.randint(1, 4)),
        "summary": "This review is fictional. " + maker.words(rng.randint(60, 100)),
        "learning": learning,
        "recommendations": recommendations,
        "source": f"https://example.org/fictional/review-{n}",
        # Fixed, not drawn, so that the rest of a seed's corpus stays as it was; and terms that
        # reproduce the body, which the full corpora are there to measure.
        "rights": "cc-by-4.0",
    }
    header = "# FICTIONAL: generated by Casebook's benchmark (bench/corpus.py). No real child or family.\n"
    matter = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100)
    # The file as a whole is about `words` long: the body makes up what the front matter leaves.
    return "---\n" + header + matter + "---\n\n" + _body(maker, rng, max(words - len(matter.split()), 200))


def write_corpus(folder: Path, n: int, words: int = SUMMARY_WORDS, seed: int = 2024) -> list[Path]:
    """Write N fictional reviews into `folder` (created; never docs/ of the project)."""
    folder = Path(folder)
    if folder.resolve() == (ROOT / "docs" / "reviews").resolve():
        raise ValueError("the benchmark never writes into the project's docs/reviews/")
    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = load_vocabulary(ROOT / "vocabulary")
    rng = random.Random(seed)
    maker = TextMaker(vocabulary, rng)
    paths = []
    for i in range(1, n + 1):
        path = folder / f"fictional-review-{i:05d}.md"
        path.write_text(review(i, vocabulary, maker, rng, words), encoding="utf-8")
        paths.append(path)
    return paths
