"""The controlled vocabularies (themes, review types, agencies, harm types) read from vocabulary/*.yml."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class VocabularyError(Exception):
    """A vocabulary file the site cannot be built from; says which file and what to fix."""


@dataclass
class Term:
    """An entry of a simple vocabulary: an agency, a harm type or a review type."""

    slug: str
    name: str
    synonyms: list[str] = field(default_factory=list)
    note: str = ""
    nations: list[str] = field(default_factory=list)


@dataclass
class Theme:
    """A learning theme. A parent ('broader') theme gathers the learning of its children."""

    slug: str
    name: str
    definition: str
    parent: str | None = None
    synonyms: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass(repr=False)  # a short repr, as for Review: it travels in page metadata
class Vocabulary:
    themes: dict[str, Theme]
    review_types: dict[str, Term]
    agencies: dict[str, Term]
    harm_types: dict[str, Term]
    deny_names: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Vocabulary({len(self.themes)} themes)"

    def ancestors(self, slug: str) -> list[str]:
        """The broader themes of a theme, nearest first."""
        out = []
        parent = self.themes[slug].parent
        while parent and parent not in out:
            out.append(parent)
            parent = self.themes[parent].parent
        return out

    def descendants(self, slug: str) -> list[str]:
        """Every narrower theme, at any depth."""
        out: list[str] = []
        stack = list(self.themes[slug].children)
        while stack:
            child = stack.pop(0)
            if child not in out:
                out.append(child)
                stack.extend(self.themes[child].children)
        return out

    def top_level_themes(self) -> list[Theme]:
        return [t for t in self.themes.values() if t.parent is None]


def closest(value: str, choices, synonyms: dict[str, str] | None = None) -> str | None:
    """The valid slug a mistyped value most probably meant, for 'did you mean' messages.

    Synonyms count: 'domestic violence' suggests 'domestic-abuse'.
    """
    value_norm = str(value).strip().lower()
    if synonyms:
        hit = synonyms.get(value_norm) or synonyms.get(value_norm.replace("-", " "))
        if hit:
            return hit
    choices = list(choices)
    match = difflib.get_close_matches(value_norm, choices, n=1, cutoff=0.6)
    if match:
        return match[0]
    if synonyms:
        match = difflib.get_close_matches(value_norm.replace("-", " "), list(synonyms), n=1, cutoff=0.75)
        if match:
            return synonyms[match[0]]
    return None


def synonym_index(terms: dict) -> dict[str, str]:
    """Lower-case names and synonyms pointing at their slug."""
    index = {}
    for slug, term in terms.items():
        index[term.name.lower()] = slug
        for s in term.synonyms:
            index.setdefault(s.lower(), slug)
    return index


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: cannot read this vocabulary file: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}:1: the vocabulary must be a mapping of slug to entry")
    return data


def _terms(path: Path) -> dict[str, Term]:
    terms = {}
    for slug, entry in _load_yaml(path).items():
        if not isinstance(entry, dict) or "name" not in entry:
            raise VocabularyError(f"{path}: {slug}: give the entry a 'name'")
        terms[slug] = Term(
            slug=slug,
            name=entry["name"],
            synonyms=list(entry.get("synonyms") or []),
            note=entry.get("note", ""),
            nations=list(entry.get("nation") or []),
        )
    return terms


def _themes(path: Path) -> dict[str, Theme]:
    themes = {}
    for slug, entry in _load_yaml(path).items():
        for key in ("name", "definition"):
            if not isinstance(entry, dict) or not entry.get(key):
                raise VocabularyError(f"{path}: {slug}: give the theme a '{key}'")
        themes[slug] = Theme(
            slug=slug,
            name=entry["name"],
            definition=entry["definition"],
            parent=entry.get("parent"),
            synonyms=list(entry.get("synonyms") or []),
            questions=list(entry.get("questions") or []),
        )
    for theme in themes.values():
        if theme.parent is None:
            continue
        if theme.parent not in themes:
            raise VocabularyError(f"{path}: {theme.slug}: parent '{theme.parent}' is not a theme")
        themes[theme.parent].children.append(theme.slug)
    # A cycle would make a theme its own ancestor and every index loop forever.
    for theme in themes.values():
        seen, parent = {theme.slug}, theme.parent
        while parent:
            if parent in seen:
                raise VocabularyError(f"{path}: {theme.slug}: its parents form a loop; break it")
            seen.add(parent)
            parent = themes[parent].parent
    return themes


def load_vocabulary(folder: str | Path) -> Vocabulary:
    folder = Path(folder)
    deny_path = folder / "deny-names.yml"
    deny = []
    if deny_path.exists():
        raw = yaml.safe_load(deny_path.read_text(encoding="utf-8")) or []
        deny = [str(n) for n in (raw.get("names", []) if isinstance(raw, dict) else raw)]
    return Vocabulary(
        themes=_themes(folder / "themes.yml"),
        review_types=_terms(folder / "review-types.yml"),
        agencies=_terms(folder / "agencies.yml"),
        harm_types=_terms(folder / "harm-types.yml"),
        deny_names=deny,
    )
