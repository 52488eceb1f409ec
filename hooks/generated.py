"""Casebook's generated files as MkDocs files that hold their content only while it is used.

The generated pages' Markdown and the downloads are large for a large library (at 5,000 reviews
80 MB of Markdown, a theme page's up to 4 MB, and 48 MB of JSON and CSV). Held in MkDocs' File
objects, as File.generated(content=...) holds them, they would all stay in memory from on_files to
the end of the build, through its busiest moment (every page rendered, Pagefind writing its index).
So a generated page makes its Markdown each time it is read (MkDocs reads it once, when the page is
rendered), and a download is written into the site when it is made and read back from there by
whatever asks for it. What any plugin reads from `content_string` or `content_bytes` is the same
either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.structure.files import File


class GeneratedFile(File):
    """A file of the site that Casebook makes (casebook.pages.registry), added in memory."""

    _make: Callable[[], str] | None = None

    @classmethod
    def named(cls, config, src_uri: str) -> GeneratedFile:
        """The file under its name, with no content yet (`made_by` gives it one), so that links to it resolve."""
        return cls.generated(config, src_uri, content="")

    def made_by(self, make: Callable[[], str]) -> None:
        if self.is_documentation_page():
            self._make = make  # made when MkDocs reads the page
            return
        # MkDocs emptied the site folder before on_files; copy_static_files then finds the file in
        # place (copying a file onto itself is skipped) and anyone reading it reads it from there.
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(make())
        self._content, self._make = None, None
        self.abs_src_path = target

    @property
    def content_string(self) -> str:
        return self._make() if self._make is not None else File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._make = None
        File.content_string.fset(self, value)

    @property
    def content_bytes(self) -> bytes:
        return self._make().encode() if self._make is not None else File.content_bytes.fget(self)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._make = None
        File.content_bytes.fset(self, value)
