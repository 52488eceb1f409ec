"""What a contributor meets: /contributing/ with the generated field reference, "Edit this page",
/completeness/, the pull-request template, the "Propose a review" form and the pre-commit hook.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ENV, FIXTURES, ROOT, article_text, build, check, make_project, page
from casebook.model.fields import FIELDS, NATIONS
from casebook.model.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary(ROOT / "vocabulary")

# A fictional review tagged with a theme the real vocabulary does not have.
NEW_THEME_REVIEW = """---
# FICTIONAL: a made-up review for Casebook's tests of the vocabulary. No real child or family.
title: "Child V: a fictional review"
review_type: rapid-review
nation: england
publisher: Fictional Safeguarding Children Partnership
published: "2023"
subject:
  name: Child V
  naming: pseudonym
outcome: serious-harm
themes: [private-fostering]
summary: This review is fictional and exists only to test that the vocabulary drives the check.
learning:
  - text: Fictional learning V1 - ask who the child lives with.
    themes: [private-fostering]
rights: cc-by-4.0
source: not-stated
---

This body is fictional.
"""

NEW_THEME = """
private-fostering:
  name: Private fostering
  definition: Fictional test entry - children cared for by someone who is not a close relative, by private arrangement.
  synonyms: [informal care arrangement]
"""


def test_contributing_page_explains_the_steps_and_carries_the_field_reference(real_site: Path):
    text = article_text(page(real_site, "/contributing/"))
    for step in ("Adding a review, step by step", "Running the check", "casebook new", "casebook check --strict",
                 "--format github", "Propose a review", "Field reference"):
        assert step in text, step
    # Every field of the model, and every slug of every vocabulary, is in the reference.
    for f in FIELDS:
        assert f.key in text, f.key
    for name in ("themes", "review_types", "agencies", "harm_types"):
        for slug in getattr(VOCABULARY, name):
            assert slug in text, slug
    assert "casebook: field reference" not in page(real_site, "/contributing/").read_text(encoding="utf-8")
    # The hand-written page holds no copy of the rules: the reference is generated.
    source = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert "| `title`" not in source and "Slug" not in source
    slugs = [s for name in ("themes", "review_types", "agencies", "harm_types") for s in getattr(VOCABULARY, name)]
    assert sum(f"'{slug}'" in source or f"`{slug}`" in source for slug in slugs) <= 1  # one in an example message


def test_the_contributing_page_lists_every_rule(real_site: Path):
    from casebook.checks.registry import rules

    text = article_text(page(real_site, "/contributing/"))
    for r in rules():
        assert f"{r.id} {r.severity}" in text, r.id
    assert "casebook: rule reference" not in page(real_site, "/contributing/").read_text(encoding="utf-8")


def test_contributing_md_points_to_the_page():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "/contributing/" in text and "docs/contributing.md" in text


def test_adding_a_theme_changes_the_check_and_the_field_reference(tmp_path: Path, real_site: Path):
    project = make_project(tmp_path, {"child-v.md": NEW_THEME_REVIEW})
    before = check(project)
    assert before.returncode == 1
    assert "docs/reviews/child-v.md:12: themes[1]: unknown theme 'private-fostering': use a slug from vocabulary/themes.yml" in before.stdout
    assert "private-fostering" not in article_text(page(real_site, "/contributing/"))

    with (project / "vocabulary" / "themes.yml").open("a", encoding="utf-8") as f:
        f.write(NEW_THEME)
    after = check(project)
    assert (after.returncode, after.stdout) == (0, "")
    built = build(project)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    reference = article_text(page(site, "/contributing/"))
    assert "private-fostering Private fostering" in reference
    assert "Fictional test entry - children cared for by someone who is not a close relative" in reference
    # The schema editors use changes with it.
    schema = json.loads((site / "data" / "review.schema.json").read_text(encoding="utf-8"))
    assert "private-fostering" in schema["properties"]["themes"]["items"]["enum"]


def test_every_review_page_has_an_edit_link_and_no_github_api_call(real_site: Path):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    assert "repo_url" not in config, "repo_url makes Material call the GitHub API from every reader's browser"
    repository = config["extra"]["repository"]
    html = page(real_site, "/reviews/family-b/").read_text(encoding="utf-8")
    assert f'<a href="{repository}/edit/main/docs/reviews/family-b.md">Edit this page</a>' in html
    for built in real_site.rglob("*.html"):
        text = built.read_text(encoding="utf-8")
        assert "api.github.com" not in text and "md-source" not in text, built


def test_review_pages_of_a_fork_link_to_the_fork(tmp_path: Path):
    project = make_project(tmp_path, FIXTURES / "library")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"repository: \S+", "repository: https://github.com/fictional-partnership/casebook", text), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    for path in (FIXTURES / "library").glob("*.md"):
        html = page(project / "site", f"/reviews/{path.stem}/").read_text(encoding="utf-8")
        assert f'href="https://github.com/fictional-partnership/casebook/edit/main/docs/reviews/{path.stem}.md"' in html
    # The completeness page lists what each fixture does not say, from the same build.
    text = article_text(page(project / "site", "/completeness/"))
    assert "Child C: a fictional review" in text  # its source is not-stated
    assert "Metadata completeness" in text


def test_completeness_lists_family_b_s_unstated_facts(real_site: Path):
    text = article_text(page(real_site, "/completeness/"))
    row = text[text.index("By review"):]
    assert "Serious Case Review Report: Family B nation , publisher , published , source subject.age_bands" in row
    assert "0 of 1 review has every field below filled in." in text


def test_the_pull_request_template_carries_the_publishing_checklist():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?):\*\*", text, flags=re.M)
    assert boxes == ["Published", "Consent", "Rights", "Proceedings concluded", "Anonymised", "Facts as stated", "Checked"]


def test_the_issue_form_proposes_a_review():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-a-review.yml").read_text(encoding="utf-8"))
    assert form["name"] == "Propose a review"
    assert form["description"]
    kinds = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    ids = []
    for item in form["body"]:
        assert item["type"] in kinds
        if item["type"] != "markdown":
            assert item["attributes"]["label"]
            ids.append(item["id"])
    assert len(ids) == len(set(ids))
    assert {"title", "publisher", "source", "nation", "checklist"} <= set(ids)
    nation = next(i for i in form["body"] if i.get("id") == "nation")
    # The same nations the check accepts.
    assert nation["attributes"]["options"] == [n.replace("-", " ").title() for n in NATIONS] + ["Not stated"]


@pytest.fixture(scope="module")
def pre_commit_hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"  # offline: nothing for pre-commit to download
    return repo["hooks"]


def test_pre_commit_checks_changed_review_files(pre_commit_hooks, tmp_path: Path):
    hook = next(h for h in pre_commit_hooks if h["id"] == "casebook-check")
    assert hook["language"] == "system"
    matches = re.compile(hook["files"])
    assert matches.search("docs/reviews/family-b.md") and not matches.search("docs/index.md")
    # Run the hook's command the way pre-commit does: the entry, then the changed files.
    entry = shlex.split(hook["entry"])
    assert (ROOT / entry[0]).exists(), "the hook runs the casebook in .venv"
    good = subprocess.run(entry + ["docs/reviews/family-b.md"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert (good.returncode, good.stdout) == (0, "")
    broken = tmp_path / "child-q.md"
    broken.write_bytes((FIXTURES / "bad" / "unknown-theme.md").read_bytes())
    bad = subprocess.run(entry + [str(broken)], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert bad.returncode == 1
    assert f"{broken}:13: themes[1]: unknown theme 'informaton-sharing': did you mean 'information-sharing'?" in bad.stdout


def test_pre_commit_checks_every_review_when_the_vocabulary_changes(pre_commit_hooks):
    hook = next(h for h in pre_commit_hooks if h["id"] == "casebook-check-vocabulary")
    assert hook["pass_filenames"] is False and re.search(hook["files"], "vocabulary/themes.yml")


def test_step_three_shows_its_command_as_a_code_block(real_site: Path):
    """A fenced block inside a list item is code (pymdownx.superfences), not inline text."""
    html = page(real_site, "/contributing/").read_text(encoding="utf-8")
    step = html[html.index("Start the file from the template"):]
    block = step[: step.index("</pre>")]
    assert "<pre>" in block and ".venv/bin/casebook" in re.sub(r"<[^>]+>", "", block)
    assert "<code>sh" not in step[:400]


def test_the_data_page_shows_values_as_code_not_backticks(real_site: Path):
    html = page(real_site, "/data/").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert "`" not in re.sub(r"<pre.*?</pre>", "", article, flags=re.S)
    assert "<code>england</code>" in article


def test_the_not_found_page_offers_a_search_and_the_ways_in(real_site: Path):
    html = (real_site / "404.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert 'action="/search/"' in article and 'name="q"' in article
    assert 'href="/reviews/"' in article and 'href="/themes/"' in article
