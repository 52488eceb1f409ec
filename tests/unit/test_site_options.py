"""The site options templates and hooks read (casebook.site_options) are checked before the build:
every mistake is named, with the key and what to write instead."""

from __future__ import annotations

import copy

import pytest
import yaml

from casebook.site_options import SiteOptions, SiteOptionsError, read_site_options
from conftest import ROOT


def _site_extra() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text.replace("!!python", "#"))["extra"]


def _problems(change) -> list[str]:
    extra = copy.deepcopy(_site_extra())
    change(extra)
    with pytest.raises(SiteOptionsError) as raised:
        read_site_options(extra)
    return str(raised.value).splitlines()


def test_the_sites_own_options_are_valid():
    options = read_site_options(_site_extra())
    assert options == SiteOptions(
        support_name="the NSPCC helpline (0808 800 5000)",
        support_url="https://www.nspcc.org.uk/keeping-children-safe/our-services/nspcc-helpline/",
        operator_name="the Casebook project", operator_contact="",
        repository="https://github.com/OWNER/casebook", repository_branch="main", parallel="auto",
    )


@pytest.mark.parametrize("contact", ["feedback@partnership.example.org", "https://partnership.example.org/contact"])
def test_a_contact_is_an_email_address_or_a_web_page(contact):
    extra = _site_extra()
    extra["operator"]["contact"] = contact
    assert read_site_options(extra).operator_contact == contact


@pytest.mark.parametrize("setting, read", [("auto", "auto"), ("off", "off"), (False, "off")])
def test_parallel_is_auto_or_off_even_unquoted(setting, read):
    # YAML reads an unquoted `parallel: off` as false.
    extra = _site_extra()
    extra["casebook"] = {"parallel": setting}
    assert read_site_options(extra).parallel == read


@pytest.mark.parametrize("change, message", [
    (lambda e: e["operator"].update(contact="x"),
     "mkdocs.yml: extra.operator.contact: give an email address or an https:// web page, not 'x'"),
    (lambda e: e["operator"].update(contact="http://partnership.example.org/contact"),
     "mkdocs.yml: extra.operator.contact: give an email address or an https:// web page, not 'http://partnership.example.org/contact'"),
    (lambda e: e["operator"].update(name=""),
     "mkdocs.yml: extra.operator.name: give the name of whoever runs this copy of Casebook"),
    (lambda e: e["operator"].update(email="a@b.org"),
     "mkdocs.yml: extra.operator.email: remove it: extra.operator has only name and contact"),
    (lambda e: e.pop("operator"),
     "mkdocs.yml: extra.operator: give name and contact under it, each on its own indented line"),
    (lambda e: e["support"].update(url="www.nspcc.org.uk"),
     "mkdocs.yml: extra.support.url: give the https:// address of the support service's web page, not 'www.nspcc.org.uk'"),
    (lambda e: e["support"].pop("name"),
     "mkdocs.yml: extra.support.name: give the name of a support service readers of the reviews can turn to"),
    (lambda e: e.update(support="the NSPCC helpline"),
     "mkdocs.yml: extra.support: give name and url under it, each on its own indented line"),
    (lambda e: e.update(repository="git@github.com:OWNER/casebook.git"),
     "mkdocs.yml: extra.repository: give the https:// address of the repository the site is built from, not 'git@github.com:OWNER/casebook.git'"),
    (lambda e: e.update(repository="https://github.com/OWNER/casebook/"),
     "mkdocs.yml: extra.repository: remove the '/' at the end of 'https://github.com/OWNER/casebook/'"),
    (lambda e: e.update(repository_branch="my branch"),
     "mkdocs.yml: extra.repository_branch: give the name of a git branch (such as main), not 'my branch'"),
    (lambda e: e.update(repository_branch=7),
     "mkdocs.yml: extra.repository_branch: give the name of the branch the site is built from as text, not 7"),
    (lambda e: e.update(casebook={"parallel": True}),
     "mkdocs.yml: extra.casebook.parallel: write auto or off, not true"),
    (lambda e: e.update(casebook={"parallel": "sometimes"}),
     "mkdocs.yml: extra.casebook.parallel: write auto or off, not 'sometimes'"),
    (lambda e: e.update(casebook={"paralel": "off"}),
     "mkdocs.yml: extra.casebook.paralel: remove it: extra.casebook has only parallel"),
])
def test_each_mistake_is_named_with_what_to_write(change, message):
    assert _problems(change) == [message]


def test_every_mistake_is_named_at_once():
    def two(extra):
        extra["operator"]["contact"] = "x"
        extra["casebook"] = {"parallel": "sometimes"}
    assert len(_problems(two)) == 2


def test_the_file_named_is_the_one_given():
    extra = _site_extra()
    extra["operator"]["contact"] = "x"
    with pytest.raises(SiteOptionsError, match=r"^mkdocs\.publish\.yml: extra\.operator\.contact: "):
        read_site_options(extra, "mkdocs.publish.yml")
