"""Generated files hold no content between being made and being used (hooks/generated.py), and
another plugin still reads what the site has: a generated page's Markdown as Casebook makes it, a
download as it is written into the site."""

from __future__ import annotations

import json
from pathlib import Path

from casebook.library.collection import load_project
from casebook.pages.registry import generated_files
from conftest import FIXTURES, build, make_project

# A fictional partnership's hook that reads generated files once the build is over, as a plugin
# making an archive of the site's sources might.
READER_HOOK = '''
import json
from pathlib import Path

_files = None

def on_files(files, config):
    global _files
    _files = files
    return files

def on_post_build(config):
    read = {uri: _files.get_file_from_path(uri).content_string
            for uri in ("themes/index.md", "actions/index.md", "data/reviews.json", "data/learning.csv")}
    Path(config.config_file_path).with_name("reader-saw.json").write_text(json.dumps(read))
'''


def test_another_plugin_reads_the_generated_pages_markdown_and_the_downloads_the_site_has(tmp_path: Path, monkeypatch):
    project = make_project(tmp_path, FIXTURES / "library")
    (project / "hooks" / "reader.py").write_text(READER_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hooks/csp.py\n", "  - hooks/csp.py\n  - hooks/reader.py\n"),
                      encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    result = build(project, env=env)
    assert result.returncode == 0, result.stderr
    read = json.loads((project / "reader-saw.json").read_text(encoding="utf-8"))
    site = project / "site"
    for download in ("data/reviews.json", "data/learning.csv"):
        assert read[download] == (site / download).read_text(encoding="utf-8")
    # The pages' Markdown, made again when read: what Casebook makes for them (on the same build date).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", env["SOURCE_DATE_EPOCH"])
    makers = generated_files(load_project(project), site_url="http://127.0.0.1:8000/")
    for page in ("themes/index.md", "actions/index.md"):
        assert read[page] and read[page] == makers[page]()
