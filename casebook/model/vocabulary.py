"""The controlled vocabularies (themes, review types, agencies, harm types) read from vocabulary/*.yml."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class VocabularyError(Exception):
    """A vocabulary file the site cannot be built from; says which file and what to fix."""


# A private list of names kept outside the repository (the repository is public, so a list of
# real names in it would itself be a leak); CI can point this at a secret file.
DENY_NAMES_ENV = "CASEBOOK_DENY_NAMES"


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
    # The names the anonymisation check refuses: vocabulary/deny-names.yml and the private list,
    # read once with the vocabulary. Never shown on a page or in a message.
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
    except OSError as exc:
        raise VocabularyError(f"{path}:1: cannot read this vocabulary file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{path}:1: the vocabulary file is not UTF-8; save it as UTF-8") from None
    except yaml.YAMLError as exc:
        # One line, PATH:LINE first, as every message: YAML's own text spans several lines.
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = " ".join(str(getattr(exc, "problem", None) or "invalid YAML").split())
        raise VocabularyError(f"{path}:{mark.line + 1 if mark else 1}: fix the YAML of this vocabulary file ({what})") from None
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


def _names(path: Path, shown_as: str) -> list[str]:
    """A list of names to refuse. A broken list stops the check (exit 2): checking without it would
    pass the very names it exists to catch. The message gives the line, never the file's text."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VocabularyError(f"{shown_as}: cannot read the list of names ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{shown_as}: the list of names is not UTF-8; save it as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{shown_as}:{mark.line + 1}" if mark else shown_as
        raise VocabularyError(f"{where}: the list of names is not valid YAML; write one name a line, as '- Name'") from None
    names = raw.get("names", []) if isinstance(raw, dict) else raw
    if names is None:
        return []
    if not isinstance(names, list):
        raise VocabularyError(f"{shown_as}: write the list of names one a line, as '- Name'")
    return [str(n) for n in names if n is not None and str(n).strip()]


def read_deny_names(folder: Path) -> list[str]:
    """vocabulary/deny-names.yml, then the private list $CASEBOOK_DENY_NAMES names, if it names one."""
    names = _names(folder / "deny-names.yml", str(folder / "deny-names.yml")) if (folder / "deny-names.yml").exists() else []
    private = os.environ.get(DENY_NAMES_ENV)
    if private:
        names += _names(Path(private), f"{DENY_NAMES_ENV}={private}")
    return names


def load_vocabulary(folder: str | Path) -> Vocabulary:
    """The vocabularies; a file that cannot be read or has the wrong shape is a VocabularyError
    naming it, never a traceback (the check then exits 2: it cannot run without them)."""
    try:
        return _load_vocabulary(Path(folder))
    except VocabularyError:
        raise
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        raise VocabularyError(f"{folder}:1: a vocabulary file does not have the shape Casebook reads "
                              f"({type(exc).__name__}); each entry is 'slug:' with 'name:' under it") from None


def _load_vocabulary(folder: Path) -> Vocabulary:
    deny = read_deny_names(folder)
    return Vocabulary(
        themes=_themes(folder / "themes.yml"),
        review_types=_terms(folder / "review-types.yml"),
        agencies=_terms(folder / "agencies.yml"),
        harm_types=_terms(folder / "harm-types.yml"),
        deny_names=deny,
    )
