"""`casebook import` of a long fictional report (about 12,000 words: Child M padded to 30 pages),
made by the test itself as a PDF printed by Debian's Chromium and as a Word file: every sentence
reaches the body, and the eight recommendations are found in order as published.

In the browser layer because the PDF is printed by Chromium; the short Child M report's committed
copies keep tests/unit free of a browser.
"""

from __future__ import annotations

import re
import shutil
import sys

import pytest
import yaml

from conftest import ROOT

from casebook.authoring.importer.run import import_report
from casebook.model.vocabulary import load_vocabulary

REPORTS = ROOT / "tests" / "fixtures" / "reports"
sys.path.insert(0, str(REPORTS))
import make_reports  # noqa: E402
from report_model import write_docx, write_pdf  # noqa: E402


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().lower()


@pytest.fixture(scope="module")
def long_report():
    report = make_reports.long_report(30)
    assert report.words() >= 11_000
    return report


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_long_report_keeps_every_sentence_and_its_recommendations_in_order(kind, long_report, tmp_path):
    write = write_pdf if kind == "pdf" else write_docx
    source = write(long_report, tmp_path / f"long-report.{kind}")
    project = tmp_path / "project"
    (project / "docs" / "reviews").mkdir(parents=True)
    shutil.copytree(ROOT / "vocabulary", project / "vocabulary")
    draft = import_report(source, project, load_vocabulary(project / "vocabulary")).draft
    _, front, body = draft.read_text(encoding="utf-8").split("---\n", 2)
    front = yaml.safe_load(front)
    assert [r["text"] for r in front["recommendations"]] == make_reports.RECOMMENDATIONS
    assert [p["text"] for p in front["learning"]] == make_reports.LEARNING
    lines = [_normalise(line) for line in body.splitlines()]
    sentences = make_reports.report_sentences(long_report)
    missing = [s for s in sentences if not any(_normalise(s) in line for line in lines)]
    assert missing == []
    assert not re.search(r"Page \d+ of \d+", body)
