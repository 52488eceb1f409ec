"""Reading a review file: its front matter with the line of every value, and its body.

MkDocs' own reader swallows YAML errors and silently drops metadata, and YAML itself changes
values (`no` becomes false, `010` becomes 8). So Casebook parses the file itself, keeps the line
number of every key and value, refuses duplicate keys, and remembers how each scalar was written
so the rules can refuse values YAML would have changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
import yaml.constructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from casebook.checks.problems import Problem

MAX_BYTES = 5 * 1024 * 1024

Path_ = tuple  # a path into the front matter: ("learning", 0, "text")


@dataclass
class Scalar:
    """How one scalar was written in the file."""

    line: int
    tag: str  # YAML's resolved tag: str, bool, int, float, null, timestamp
    plain: bool  # written without quotes, so YAML chose its type
    source: str  # the characters as written
    # What follows an unquoted value on its line, if it is a comment: YAML drops ' #...' silently,
    # so 'title: Child Q #2' would lose its end. Text rules refuse it.
    comment_after: str = ""


@dataclass
class FrontMatter:
    data: dict[str, Any]
    lines: dict[Path_, int]  # line of each key or item, 1-based in the whole file
    scalars: dict[Path_, Scalar]
    end_line: int  # the line of the closing '---'

    def line_of(self, path: Path_) -> int:
        """The line of a value, or of its nearest enclosing key."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


@dataclass
class SourceFile:
    path: str
    text: str = ""
    front: FrontMatter | None = None
    body: str = ""
    body_line: int = 1  # the file line where the body starts
    problems: list[Problem] = field(default_factory=list)


# libyaml's parser, where PyYAML has it, reads front matter about nine times faster (measured on
# 2,000 generated reviews: 1.0 s against 9.4 s); its nodes carry the same lines and styles. A file
# it refuses is read again by the pure-Python parser, whose error messages the checks quote.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str):
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _tag_name(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


class _Builder:
    """Turns YAML nodes into plain Python values, recording lines as it goes."""

    def __init__(self, display: str, line_offset: int, yaml_lines: list[str]):
        self.display = display
        self.offset = line_offset
        self.yaml_lines = yaml_lines
        self.seen: set[int] = set()  # node ids: an alias is the same node met twice
        self.lines: dict[Path_, int] = {}
        self.scalars: dict[Path_, Scalar] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node, path: Path_) -> Any:
        if id(node) in self.seen:
            # An alias ('*name') repeats another value; nested aliases can also blow up to billions
            # of values. Refuse them: a review's facts are written out where they apply.
            self.problems.append(Problem(self.display, self.line(node), _field(path), "write the value out; YAML aliases ('*name') are not accepted", rule="yaml-alias"))
            return None
        self.seen.add(id(node))
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problems.append(Problem(self.display, self.line(key_node), _field(path), "use a plain word as the key", rule="key-not-plain"))
                    continue
                key = key_node.value
                if key == "<<":
                    self.problems.append(Problem(self.display, self.line(key_node), _field(path), "write the values out; YAML merge keys ('<<') are not accepted", rule="yaml-alias"))
                    continue
                if key in out:
                    self.problems.append(Problem(
                        self.display, self.line(key_node), _field(path + (key,)),
                        f"'{key}' is given twice (first on line {self.lines[path + (key,)]}); keep one and delete the other",
                        rule="key-duplicate",
                    ))
                    continue
                self.lines[path + (key,)] = self.line(key_node)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.lines[path + (i,)] = self.line(item)
                items.append(self.build(item, path + (i,)))
            return items
        # A scalar. Its line is the value's own line, which matters for multi-line lists.
        self.lines.setdefault(path, self.line(node))
        plain = not node.style  # a plain scalar: None from PyYAML's parser, "" from libyaml's
        self.scalars[path] = Scalar(
            line=self.line(node),
            tag=_tag_name(node.tag),
            plain=plain,
            source=node.value,
            comment_after=self._comment_after(node) if plain else "",
        )
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            self.problems.append(Problem(self.display, self.line(node), _field(path), f"quote the value: YAML cannot read '{node.value}' ({exc})", rule="yaml-value-unreadable"))
            return node.value


    def _comment_after(self, node) -> str:
        end = node.end_mark
        if end.line >= len(self.yaml_lines):
            return ""
        rest = self.yaml_lines[end.line][end.column:]
        return rest.strip() if rest.lstrip().startswith("#") else ""


def _field(path: Path_) -> str:
    """'learning[2].themes' for ('learning', 1, 'themes'): items are counted from 1 for people."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out or "front matter"


field_name = _field


_KEY_AND_VALUE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):\s+(.*\S)\s*$")


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_problem(display: str, exc: yaml.YAMLError, offset: int, lines: list[str]) -> Problem:
    """YAML's own error, turned into the edit that fixes it where the cause is a common one."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + 1 + offset) if mark else 1 + offset
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    fm_line = lines[line - 1] if 0 < line <= len(lines) else ""
    column = mark.column + 1 if mark else None
    if "\t" in fm_line or "found character '\\t'" in what:
        return Problem(display, line, "front matter", "replace the tab with spaces: YAML indents with spaces only", rule="yaml-invalid", column=column)
    written = _KEY_AND_VALUE.match(fm_line)
    if what == "mapping values are not allowed here" and written and ": " in written.group(3):
        key, value = written.group(2), written.group(3)
        return Problem(display, line, key, f"put the value in quotes, since it contains ': ': write {key}: {_quoted(value)}", rule="yaml-invalid", column=column)
    if "quoted scalar" in context and "end of stream" in what:
        start = exc.context_mark.line + 1 + offset
        return Problem(display, start, "front matter", "close the quote opened on this line (a value that starts with a quote must end with the same quote)",
                       rule="yaml-invalid", column=exc.context_mark.column + 1)
    if "cannot start any token" in what and written:
        key, value = written.group(2), written.group(3)
        return Problem(display, line, key, f"put the value in quotes, since it starts with '{value[0]}': write {key}: {_quoted(value)}", rule="yaml-invalid", column=column)
    detail = f"{context}, {what}" if context else what
    return Problem(display, line, "front matter", f"fix the YAML here ({detail}); if a value contains ': ' or starts with a quote, '[' or '{{', put it in quotes", rule="yaml-invalid", column=column)


def read_source(path: str | Path, display: str | None = None) -> SourceFile:
    """Read one review file. Never raises for bad content: problems are collected instead."""
    path = Path(path)
    display = display or str(path)
    src = SourceFile(path=display)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            src.problems.append(Problem(display, 1, "file", f"the file is {size / 1024 / 1024:.1f} MB; a review file must be under 5 MB: link to the full report with 'source' instead of pasting it", rule="file-too-large"))
            return src
        raw = path.read_bytes()
    except OSError as exc:
        src.problems.append(Problem(display, 1, "file", f"cannot read the file ({exc.strerror}); check it exists and is readable", rule="file-unreadable"))
        return src
    return parse_source(raw, display)


def parse_source(raw: bytes, display: str) -> SourceFile:
    src = SourceFile(path=display)
    if b"\x00" in raw:
        src.problems.append(Problem(display, 1, "file", "this is not a text file; save the review as UTF-8 Markdown", rule="file-binary"))
        return src
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark from Windows editors is harmless
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        src.problems.append(Problem(display, line, "file", "the file is not UTF-8; save it as UTF-8 (in most editors: Save with encoding, UTF-8)", rule="file-not-utf8"))
        return src
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    src.text = text
    if not text.strip():
        src.problems.append(Problem(display, 1, "file", "the file is empty; start from the template: casebook new \"TITLE\"", rule="file-empty"))
        return src
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        where = next((i + 1 for i, l in enumerate(lines) if l.rstrip() == "---"), None)
        if where is not None and all(not l.strip() for l in lines[: where - 1]):
            msg, rule = f"the front matter must start on the very first line; delete the {where - 1} blank line(s) above '---'", "front-matter-not-at-top"
        elif where is not None:
            msg, rule = f"the front matter must start on the very first line; move the '---' block from line {where} to the top", "front-matter-not-at-top"
        else:
            msg, rule = "start the file with front matter: a '---' line, the fields, and a closing '---' line", "front-matter-missing"
        src.problems.append(Problem(display, 1, "front matter", msg, rule=rule))
        return src
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        src.problems.append(Problem(display, 1, "front matter", "no closing '---' line; add one after the last field, before the body", rule="front-matter-unclosed"))
        return src
    yaml_text = "\n".join(lines[1:end])
    try:
        node = _compose(yaml_text)
    except yaml.YAMLError as exc:
        src.problems.append(_yaml_problem(display, exc, 1, lines))
        return src
    if node is None:
        src.problems.append(Problem(display, 2, "front matter", "the front matter is empty; fill in the fields (see: casebook new \"TITLE\")", rule="front-matter-empty"))
        return src
    if not isinstance(node, MappingNode):
        src.problems.append(Problem(display, node.start_mark.line + 2, "front matter", "the front matter must be 'key: value' lines; each field starts at the left margin with its name and a colon", rule="front-matter-not-mapping"))
        return src
    builder = _Builder(display, line_offset=1, yaml_lines=lines[1:end])
    data = builder.build(node, ())
    src.problems.extend(builder.problems)
    src.front = FrontMatter(data=data, lines=builder.lines, scalars=builder.scalars, end_line=end + 1)
    src.body = "\n".join(lines[end + 1 :])
    src.body_line = end + 2
    return src


def front_strings(data, skip_keys=frozenset(), path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value of the front matter with its path, for checks that read all of them.

    `skip_keys` leaves out top-level fields (dates, for instance, which are not prose)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in skip_keys:
                continue
            yield from front_strings(value, skip_keys, path + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from front_strings(item, skip_keys, path + (i,))
    elif isinstance(data, str):
        yield path, data
