"""The options in mkdocs.yml that Casebook's templates and hooks read (under `extra:`), checked
before anything is built, so that a mistyped address fails the build instead of printing a broken
link on every review page."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from casebook.speed.switch import AUTO, OFF, SETTINGS


class SiteOptionsError(ValueError):
    """One line per problem: `mkdocs.yml: extra.operator.contact: give ...`."""


@dataclass(frozen=True)
class SiteOptions:
    support_name: str
    support_url: str
    operator_name: str
    operator_contact: str  # "" (readers are pointed to the repository), an email address or an https:// page
    repository: str  # "" for none (no "Edit this page" link)
    repository_branch: str
    parallel: str  # casebook.speed.switch.AUTO or OFF


# What each table of options may hold, so that a misspelt key is reported instead of ignored.
_KEYS = {
    "extra.support": ("name", "url"),
    "extra.operator": ("name", "contact"),
    "extra.casebook": ("parallel",),
}
_EMAIL = re.compile(r"[^@\s/:]+@[^@\s/:]+\.[^@\s/:.]+")
# Git's own rules for a branch name, the ones a mistake is likely to break.
_BRANCH = re.compile(r"(?!/)(?!.*(?:\.\.|//|@\{))[^\s~^:?*\[\\]+(?<![/.])")


def _shown(value: object) -> str:
    """The value as the message quotes it; YAML's true and false as YAML spells them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _is_https_page(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.hostname) and " " not in value


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.source}: {where}: {message}")

    def table(self, extra: Mapping, name: str, required: bool) -> Mapping | None:
        """The table of options `name`; None if it is not one (and that is reported)."""
        value = extra.get(name.split(".", 1)[1])
        if value is None and not required:
            return {}
        if not isinstance(value, Mapping):
            keys = " and ".join(_KEYS[name])
            self.problem(name, f"give {keys} under it, each on its own indented line")
            return None
        for key in value:
            if key not in _KEYS[name]:
                self.problem(f"{name}.{key}", f"remove it: {name} has only {' and '.join(_KEYS[name])}")
        return value

    def text(self, table: Mapping | None, where: str, what: str, required: bool = True) -> str:
        if table is None:
            return ""  # the table itself was reported
        value = table.get(where.rsplit(".", 1)[1])
        if value is None or value == "":
            if required:
                self.problem(where, f"give {what}")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(where, f"give {what} as text, not {_shown(value)}")
            return ""
        return value


def read_site_options(extra: Mapping | None, source: str = "mkdocs.yml") -> SiteOptions:
    """The options under `extra:`, or SiteOptionsError naming every problem (`source` is the file)."""
    extra = extra or {}
    read = _Reader(source)

    support = read.table(extra, "extra.support", required=True)
    support_name = read.text(support, "extra.support.name", "the name of a support service readers of the reviews can turn to")
    support_url = read.text(support, "extra.support.url", "the https:// address of the support service's web page")
    if support_url and not _is_https_page(support_url):
        read.problem("extra.support.url", f"give the https:// address of the support service's web page, not {_shown(support_url)}")

    operator = read.table(extra, "extra.operator", required=True)
    operator_name = read.text(operator, "extra.operator.name", "the name of whoever runs this copy of Casebook")
    contact = read.text(operator, "extra.operator.contact", "an email address or an https:// web page", required=False)
    if contact and not (_EMAIL.fullmatch(contact) or _is_https_page(contact)):
        read.problem("extra.operator.contact", f"give an email address or an https:// web page, not {_shown(contact)}")

    repository = read.text(extra, "extra.repository", "the https:// address of the repository", required=False)
    if repository and not _is_https_page(repository):
        read.problem("extra.repository", f"give the https:// address of the repository the site is built from, not {_shown(repository)}")
    elif repository.endswith("/"):
        # Review pages link to <repository>/edit/<branch>/...: a trailing slash would double.
        read.problem("extra.repository", f"remove the '/' at the end of {_shown(repository)}")
    branch = read.text(extra, "extra.repository_branch", "the name of the branch the site is built from", required=False)
    if branch and not _BRANCH.fullmatch(branch):
        read.problem("extra.repository_branch", f"give the name of a git branch (such as main), not {_shown(branch)}")

    casebook = read.table(extra, "extra.casebook", required=False)
    parallel = (casebook or {}).get("parallel", AUTO)
    # YAML reads an unquoted `off` as false.
    parallel = OFF if parallel is False else parallel
    if parallel not in SETTINGS:
        read.problem("extra.casebook.parallel", f"write {AUTO} or {OFF}, not {_shown(parallel)}")

    if read.problems:
        raise SiteOptionsError("\n".join(read.problems))
    return SiteOptions(support_name, support_url, operator_name, contact, repository, branch or "main", parallel)
