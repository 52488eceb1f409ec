"""Theme suggestions: the vocabulary's theme names and synonyms found in a learning point's words.

A suggestion is only that: the draft writes the words that matched beside it, so a person can see
why, and `casebook check` keeps the draft unpublished until they have confirmed it. Where nothing
matches, the three themes whose definitions share most words with the text are offered instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from casebook.model.vocabulary import Vocabulary

NAME = "theme name"
SYNONYM = "synonym"

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")
_STOP = set("""a an and are as at be been being but by can could did do does for from had has have he her his how i if in
into is it its may might more most must no not of on or our she should so such than that the their them then there these
they this those to too under up was we were what when where whether which while who whom why will with would you your
all any each every other some own same about after again against also before between both during further here just
ensure make made take taken need needs use used where clear particular""".split())


_IRREGULAR = {"children": "child", "seen": "see", "saw": "see", "said": "say", "heard": "hear", "shown": "show",
              "men": "man", "women": "woman", "people": "person", "told": "tell", "known": "know", "knew": "know"}


def _stem(word: str) -> str:
    """A light stem, enough for 'meetings' to meet 'meeting' and 'seeing' to meet 'seen'."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 5 and word.endswith("ed"):
        word = word[:-2]
    return word


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each word; hyphens and slashes separate words ('Early Help/Supporting')."""
    return [(_stem(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text.replace("’", "'"))]


@dataclass(frozen=True)
class Phrase:
    slug: str
    words: tuple[str, ...]  # stems
    kind: str  # NAME or SYNONYM
    acronym: str = ""  # an all-capitals synonym ('NAI', 'DNA') matches only as written


@dataclass
class Suggestion:
    slug: str
    matched: list[tuple[str, str]]  # (the words as written in the text, NAME or SYNONYM)

    @property
    def score(self) -> float:
        return sum(2 if kind == NAME else 1 for _, kind in self.matched) + 0.01 * sum(len(w) for w, _ in self.matched)


def _phrases(vocabulary: Vocabulary) -> tuple[Phrase, ...]:
    out = []
    for slug, theme in vocabulary.themes.items():
        for text, kind in [(theme.name, NAME)] + [(s, SYNONYM) for s in theme.synonyms]:
            plain = re.sub(r"[\"“”]", "", text)
            if plain.isupper() and len(plain) <= 6 and " " not in plain:
                out.append(Phrase(slug, (), kind, acronym=plain))
                continue
            stems = tuple(t for t, _, _ in _tokens(plain))
            if stems:
                out.append(Phrase(slug, stems, kind))
    return tuple(out)


def suggest(text: str, vocabulary: Vocabulary) -> list[Suggestion]:
    """The themes whose name or synonyms occur in the text, best first; a broader theme gives way
    to the narrower one it contains (a parent's page gathers its children's learning anyway)."""
    tokens = _tokens(text)
    stems = [t for t, _, _ in tokens]
    found: dict[str, Suggestion] = {}
    for phrase in _phrases(vocabulary):
        if phrase.acronym:
            for m in re.finditer(rf"(?<![A-Za-z]){re.escape(phrase.acronym)}(?![A-Za-z])", text):
                found.setdefault(phrase.slug, Suggestion(phrase.slug, [])).matched.append((m.group(), phrase.kind))
                break
            continue
        n = len(phrase.words)
        for i in range(len(stems) - n + 1):
            if tuple(stems[i:i + n]) == phrase.words:
                written = text[tokens[i][1]:tokens[i + n - 1][2]]
                suggestion = found.setdefault(phrase.slug, Suggestion(phrase.slug, []))
                if written.lower() not in (w.lower() for w, _ in suggestion.matched):
                    suggestion.matched.append((written, phrase.kind))
                break
    for slug in list(found):
        for ancestor in vocabulary.ancestors(slug):
            found.pop(ancestor, None)
    return sorted(found.values(), key=lambda s: -s.score)


def _theme_words(vocabulary: Vocabulary) -> tuple[dict[str, set[str]], dict[str, float]]:
    words = {}
    for slug, theme in vocabulary.themes.items():
        text = " ".join([theme.name, theme.definition, *theme.synonyms])
        words[slug] = {t for t, _, _ in _tokens(text) if t not in _STOP and len(t) > 2}
    df: dict[str, int] = {}
    for ws in words.values():
        for w in ws:
            df[w] = df.get(w, 0) + 1
    idf = {w: math.log(1 + len(words) / n) for w, n in df.items()}
    return words, idf


def closest(text: str, vocabulary: Vocabulary, n: int = 3) -> list[str]:
    """The n themes whose name, definition and synonyms share the rarest words with the text."""
    words, idf = _theme_words(vocabulary)
    mine = {t for t, _, _ in _tokens(text) if t not in _STOP and len(t) > 2}
    scored = sorted(((sum(idf[w] for w in mine & ws), slug) for slug, ws in words.items()), key=lambda x: (-x[0], x[1]))
    return [slug for score, slug in scored[:n]]


def describe(suggestion: Suggestion) -> str:
    """'"information sharing" (theme name), "Vulnerable Child Meetings" (synonym)'."""
    return ", ".join(f'"{w}" ({kind})' for w, kind in suggestion.matched)
