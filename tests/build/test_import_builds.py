"""A draft `casebook import` wrote, once a person has confirmed it, builds with the strict site build:
its headings, table, lists and footnote render as the report had them."""

from __future__ import annotations

import shutil

from conftest import ROOT, build, make_project, page

from casebook.authoring.importer.run import import_report
from casebook.model.vocabulary import load_vocabulary


def test_a_confirmed_draft_builds_with_its_table_lists_and_footnote(tmp_path):
    scratch = tmp_path / "scratch"
    (scratch / "docs" / "reviews").mkdir(parents=True)
    shutil.copytree(ROOT / "vocabulary", scratch / "vocabulary")
    draft = import_report(ROOT / "tests" / "fixtures" / "reports" / "child-m.pdf", scratch, load_vocabulary(scratch / "vocabulary")).draft
    text = "\n".join(l for l in draft.read_text(encoding="utf-8").splitlines() if not l.lstrip().startswith("# CONFIRM:")) + "\n"
    text = text.replace("summary: FILL-IN", "summary: A fictional summary written by the person who checked the draft.")
    text = text.replace("themes: [FILL-IN]", "themes: [voice-of-the-child]")
    # The person also gives the publisher's terms: with rights not stated the page shows no body.
    assert "\nrights: not-stated\n" in text
    text = text.replace("\nrights: not-stated\n", "\nrights: cc-by-4.0\n")
    project = make_project(tmp_path, {"child-m.md": text})
    done = build(project)
    assert done.returncode == 0, done.stderr[-3000:]
    html = page(project / "site", "/reviews/child-m/").read_text(encoding="utf-8")
    assert '<h3 id="11-why-this-review-was-held">1.1 Why this review was held</h3>' in html
    assert "<th>Family member</th>" in html and "<td>Mr N</td>" in html
    # The body's own numbered list (the page lists the recommendations again, from the front matter).
    assert "eight recommendations to Anyshire Safeguarding Children Partnership.</p>\n<ol>\n<li>Anyshire Safeguarding" in html
    assert 'low mood.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert 'id="fn:1"' in html and "Universal Plus is the name this fictional report gives" in html
