"""Reading a review file: its front matter with the line of every value, and its body.

MkDocs' own reader swallows YAML errors and silently drops metadata, and YAML itself changes
values (`no` becomes false, `010` becomes 8, `4:00` becomes 240). So Casebook reads the file
itself: it refuses characters that hide text or move line numbers, reads the YAML as a stream of
events (with no recursion, so no nesting depth can crash it, and no tag, alias or merge key gets
through), keeps the line of every key and value, refuses duplicate keys and the values YAML 1.1
would have changed, and remembers how each scalar was written so the model's rules can refuse
the rest. It never raises for what a file contains: every finding is a Problem at its line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
import yaml.constructor
from yaml.events import (
    AliasEvent, CollectionStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
    SequenceEndEvent, SequenceStartEvent,
)
from yaml.nodes import MappingNode, ScalarNode

from casebook.checks.characters import blanked, has_odd_characters, odd_characters
from casebook.checks.echo import shown
from casebook.checks.problems import Problem

MAX_BYTES = 5 * 1024 * 1024

# A review's fields nest three deep at most (learning: - for: [...]); ten leaves room for a
# mistake to be reported as what it is, and stops a 1,000-deep paste long before it costs anything.
MAX_DEPTH = 10

Path_ = tuple  # a path into the front matter: ("learning", 0, "text")


@dataclass
class Scalar:
    """How one scalar was written in the file."""

    line: int
    tag: str  # YAML's resolved tag: str, bool, int, float, null, timestamp
    plain: bool  # written without quotes, so YAML chose its type
    source: str  # the characters as written
    # What follows an unquoted value on its line, if it is a comment (the reader refuses it:
    # YAML drops ' #...' silently, so 'title: Child Q #2' would lose its end).
    comment_after: str = ""
    column: int = 1  # where the value starts on its line, 1-based


@dataclass
class FrontMatter:
    data: dict[str, Any]
    lines: dict[Path_, int]  # line of each key or item, 1-based in the whole file
    scalars: dict[Path_, Scalar]
    end_line: int  # the line of the closing '---'
    # Values the reader has refused already (an alias, a tag, 4:00, a comment after it): the model
    # says nothing more about them, so that one mistake is one message.
    refused: set = field(default_factory=set)

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


# libyaml's parser, where PyYAML has it, reads front matter several times faster; its events carry
# the same lines, columns and styles. A file it refuses is read again by the pure-Python parser,
# whose error messages the checks quote, so a message never depends on which one is installed.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _events(text: str) -> Iterator:
    loader = _FAST_LOADER or yaml.SafeLoader
    # Where the two parsers are known to disagree, the Python one decides, so that a file is never
    # accepted only where libyaml is installed (or only where it is not): libyaml takes a tab
    # inside a plain scalar or key that PyYAML refuses, and '? ' inside a plain scalar of a [list]
    # or {mapping}, which PyYAML reads as a key, and a block scalar's '|' or '>' with something
    # other than its indicators right after it ('|#'). (tests/unit/test_mutations.py looks for more.)
    if (loader is not yaml.SafeLoader and "\t" not in text and not _FLOW_QUESTION.search(text)
            and not _ODD_BLOCK_HEADER.search(text)):
        try:
            # libyaml is faster than the Python parser at everything but starting: list() so that
            # a file it refuses is refused before any event is used.
            return iter(list(yaml.parse(text, Loader=loader)))
        except yaml.YAMLError:
            pass
    return iter(list(yaml.parse(text, Loader=yaml.SafeLoader)))


_FLOW_QUESTION = re.compile(r"[\[{][^\n]*\?[ \n\]},]")
_ODD_BLOCK_HEADER = re.compile(r"[:-][ ]+[|>][^ \n]*[^-+0-9 \n]")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
# The tag YAML gives each plain value, worked out once per distinct value (slugs repeat thousands
# of times in a library).
_PLAIN_TAGS: dict[str, str] = {}


def _tag_name(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


def _field(path: Path_) -> str:
    """'learning[2].themes' for ('learning', 1, 'themes'): items are counted from 1 for people."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + (part if _SIMPLE_KEY.match(part) else shown(part, limit=40))
    return out or "front matter"


field_name = _field

_SIMPLE_KEY = re.compile(r"[A-Za-z_-]{1,40}\Z")


# -- values YAML 1.1 reads as something else ----------------------------------------------------

_PLAIN_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_OCTAL = re.compile(r"[-+]?0[0-7]+\Z")  # left to the model's number rules, which say 'leading zero'
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?\Z")
_DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DIGITS_AND_MARKS = re.compile(r"[\d\s\-:./+,]+\Z")


def _number_form(source: str) -> str:
    """What kind of YAML 1.1 number `source` is, where a reader would not expect one; '' if plain."""
    if ":" in source:
        return "a base-60 number"
    if "_" in source:
        return "a number with its underscores dropped"
    lowered = source.lstrip("+-").lower()
    if lowered.startswith("0x"):
        return "a hexadecimal number"
    if lowered.startswith("0b"):
        return "a binary number"
    if lowered in (".inf", ".nan"):
        return "infinity" if lowered == ".inf" else "not-a-number"
    return ""


def _is_date_field(path: Path_) -> bool:
    """A date of the model ('published', 'recommendations[].due'): its value may be a full date,
    so a message may show one."""
    from casebook.model import fields  # the model's keys, as the reader meets them

    key = _key_of(path)
    return any(f.key == key and f.kind == "date" for f in _every_field(fields.FIELDS))


def _every_field(model):
    for f in model:
        yield f
        inner = f.fields if f.kind == "mapping" else (f.item.fields if f.kind == "list" and f.item is not None and f.item.kind == "mapping" else ())
        yield from _every_field(inner or ())


def _key_of(path: Path_) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "value")


def _fix(path: Path_, written: str) -> str:
    """How a fix is written: 'key: VALUE', or the item alone in a list."""
    return written if path and isinstance(path[-1], int) else f"{_key_of(path)}: {written}"


class _Builder:
    """Turns YAML events into plain Python values, recording lines as it goes. Iterative: the
    stack is a list, so the depth of a file costs memory, never Python's recursion limit."""

    def __init__(self, display: str, line_offset: int, yaml_lines: list[str]):
        self.display = display
        self.offset = line_offset
        self.yaml_lines = yaml_lines
        self.lines: dict[Path_, int] = {}
        self.scalars: dict[Path_, Scalar] = {}
        self.problems: list[Problem] = []
        self.refused: set[Path_] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def line(self, mark) -> int:
        return mark.line + 1 + self.offset

    def problem(self, mark, path: Path_, message: str, rule: str) -> None:
        self.refused.add(path)
        self.problems.append(Problem(self.display, self.line(mark), _field(path), message, rule=rule, column=mark.column + 1))

    def build(self, events: Iterator) -> Any:
        """The document's value (_ABANDONED if it could not be read safely to its end)."""
        # A frame: [container, path, recording, flow, pending key, start mark].
        stack: list[list] = []
        result: Any = None
        for event in events:
            if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag is not None:
                # '!!str', '!!timestamp', '!custom': a tag makes YAML build something the model
                # never declared (or crash on it). Nothing in a review needs one.
                tag = event.tag if not event.tag.startswith("tag:yaml.org,2002:") else "!!" + event.tag.rsplit(":", 1)[-1]
                self.problem(event.start_mark, self._path_here(stack), f"remove the YAML tag '{shown(tag, limit=30)}': write the "
                             "value alone (in quotes if it is text)", "yaml-tag")
                return _ABANDONED
            if isinstance(event, ScalarEvent):
                value, start, is_scalar = self._scalar(event, stack), event.start_mark, True
            elif isinstance(event, AliasEvent):
                if not self._waiting_for_key(stack):
                    # An alias ('*name') repeats another value; nested aliases can also blow up to
                    # billions of values. Refused where it is used: a review's facts are written out.
                    self.problem(event.start_mark, self._path_here(stack), "write the value out; YAML aliases ('*name') are not accepted", "yaml-alias")
                value, start, is_scalar = _ALIAS, event.start_mark, False
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                path = self._path_here(stack)
                recording = self._recording(stack)
                if len(stack) >= MAX_DEPTH:
                    self.problem(event.start_mark, path, f"write the front matter with at most {MAX_DEPTH} levels of nesting: "
                                 "a review's fields nest three deep at most (learning: - for: [...])", "yaml-too-deep")
                    return _ABANDONED
                if recording and stack and isinstance(stack[-1][0], list):
                    self.lines[path] = self.line(event.start_mark)
                container = {} if isinstance(event, MappingStartEvent) else []
                stack.append([container, path, recording, bool(event.flow_style), _NO_KEY, event.start_mark])
                continue
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                frame = stack.pop()
                if frame[3] and frame[2]:
                    self._comment_after(event.end_mark, frame[1])
                value, start, is_scalar = frame[0], frame[5], False
            else:
                continue  # stream and document events
            if not stack:
                result = value
            else:
                self._deliver(stack[-1], value, start, event if is_scalar else None)
        return result

    @staticmethod
    def _waiting_for_key(stack: list[list]) -> bool:
        return bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][4] is _NO_KEY

    def _recording(self, stack: list[list]) -> bool:
        """Whether the value the next event starts is kept: not inside a refused key or its value."""
        if not stack:
            return True
        return stack[-1][2] and not self._waiting_for_key(stack) and stack[-1][4] is not _SKIP

    def _path_here(self, stack: list[list]) -> Path_:
        """The path of the value the next event starts."""
        if not stack:
            return ()
        container, path = stack[-1][0], stack[-1][1]
        if isinstance(container, list):
            return path + (len(container),)
        key = stack[-1][4]
        return path if key is _NO_KEY or key is _SKIP else path + (key,)

    def _deliver(self, frame: list, value: Any, start, scalar: ScalarEvent | None) -> None:
        container, path, recording = frame[0], frame[1], frame[2]
        if isinstance(container, list):
            container.append(None if value is _ALIAS else value)
            return
        if frame[4] is _NO_KEY:
            # A key.
            if scalar is None:
                self.problem(start, path, "use a plain word as the key", "key-not-plain")
                frame[4] = _SKIP
                return
            key = scalar.value
            if key == "<<" and scalar.implicit[0]:
                self.problem(start, path, "write the values out; YAML merge keys ('<<') are not accepted", "yaml-alias")
                frame[4] = _SKIP
                return
            if key in container:
                first = self.lines.get(path + (key,))
                self.problems.append(Problem(
                    self.display, self.line(start), _field(path + (key,)),
                    f"'{shown(key, limit=40)}' is given twice" + (f" (first on line {first})" if first else "") + "; keep one and delete the other",
                    rule="key-duplicate", column=start.column + 1,
                ))
                frame[4] = _SKIP
                return
            if recording:
                self.lines[path + (key,)] = self.line(start)
            frame[4] = key
            return
        key = frame[4]
        frame[4] = _NO_KEY
        if key is _SKIP:
            return
        container[key] = None if value is _ALIAS else value

    def _scalar(self, event: ScalarEvent, stack: list[list]) -> Any:
        path = self._path_here(stack)
        plain = not event.style  # a plain scalar: None from PyYAML's parser, "" from libyaml's
        recording = self._recording(stack)
        if not event.implicit[0]:
            tag, name = _STR_TAG, "str"  # quoted (a tag is refused before this)
        else:
            tag = _PLAIN_TAGS.get(event.value)
            if tag is None:
                tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
                if len(_PLAIN_TAGS) < 10_000:
                    _PLAIN_TAGS[event.value] = tag
            name = tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else _tag_name(tag)
        if name == "value":
            # YAML 1.1's '=' ('the default value'), which PyYAML cannot build: text like any other.
            tag, name = event_tag("str"), "str"
        if not recording:
            return event.value
        line = self.line(event.start_mark)
        if stack and isinstance(stack[-1][0], list):
            self.lines[path] = line
        self.lines.setdefault(path, line)
        comment = self._comment_after(event.end_mark, path, report=False) if plain and event.value else ""
        self.scalars[path] = Scalar(line=line, tag=name, plain=plain, source=event.value, comment_after=comment,
                                    column=event.start_mark.column + 1)
        if comment:
            self._comment_problem(event.end_mark, path, comment, event.value)
        if plain:
            self._yaml_11_surprises(event, path, name)
        if (not event.value.isascii() and _DIGITS_AND_MARKS.match(event.value)
                and any(c.isdigit() and not c.isascii() for c in event.value)):
            self.problem(event.start_mark, path, f"write the digits as 0-9: '{shown(event.value, limit=20)}' is written with "
                         "other digits, which Casebook does not read as a number or a date", "value-digits-not-ascii")
            # Read as the digits they stand for, so that no other rule compares them as text.
            return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in event.value)
        if name == "str":
            return event.value
        try:
            return self.constructor.construct_object(
                ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style), deep=True)
        except Exception as exc:  # noqa: BLE001 - whatever YAML cannot make of a value is the value's problem
            reason = getattr(exc, "problem", None) or str(exc)
            self.problem(event.start_mark, path, f"quote the value: YAML cannot read '{shown(event.value, limit=30, dates=not _is_date_field(path))}' "
                         f"({shown(reason)})", "yaml-value-unreadable")
            return event.value

    def _yaml_11_surprises(self, event: ScalarEvent, path: Path_, tag: str) -> None:
        source = event.value
        if tag in ("int", "float") and not (_PLAIN_INTEGER.match(source) or _OCTAL.match(source) or _PLAIN_FLOAT.match(source)):
            form = _number_form(source)
            if form:
                try:
                    read_as = self.constructor.construct_object(ScalarNode(event_tag(tag), source, event.start_mark, event.end_mark))
                except Exception:  # noqa: BLE001
                    read_as = "a number"
                self.problem(event.start_mark, path,
                             f"quote the value if it is text ({_fix(path, shown(_quoted(source), limit=30))}), or write the number "
                             f"in plain digits: YAML reads {shown(source, limit=20)} as {shown(read_as, limit=20)} ({form})",
                             "yaml-number-form")
        elif tag == "timestamp" and not _DATE_ONLY.match(source):
            day = source[:10]
            dates = not _is_date_field(path)
            self.problem(event.start_mark, path, f"give the date alone: YAML reads '{shown(source, limit=30, dates=dates)}' as a "
                         f"date and a time, and the time would be dropped; write {_fix(path, shown(_quoted(day), dates=dates))}",
                         "yaml-date-with-time")

    def _comment_after(self, end, path: Path_, report: bool = True) -> str:
        if end.line >= len(self.yaml_lines):
            return ""
        line = self.yaml_lines[end.line]
        if line.find("#", end.column) < 0:
            return ""
        rest = line[end.column:]
        comment = rest.strip() if rest.lstrip().startswith("#") and (not rest or rest[0] in " \t") else ""
        if comment and report:
            self._comment_problem(end, path, comment)
        return comment

    def _comment_problem(self, end, path: Path_, comment: str, source: str | None = None) -> None:
        said = shown(comment, limit=40)
        if source is None:
            message = f"move the comment '{said}' to a line of its own: YAML drops it silently"
        else:
            message = (f"quote the value: YAML drops '{said}' as a comment; write "
                       f"{_fix(path, shown(_quoted(source + ' ' + comment)))}, or put the comment on its own line")
        self.refused.add(path)
        self.problems.append(Problem(self.display, self.line(end), _field(path), message,
                                     rule="yaml-comment-after-value", column=end.column + 1))


def event_tag(name: str) -> str:
    return f"tag:yaml.org,2002:{name}"


_NO_KEY = object()  # a mapping waiting for its next key
_SKIP = object()  # a mapping dropping the value of a refused key
_ALIAS = object()  # the value of a refused alias
_ABANDONED = object()  # the front matter could not be read safely past this point


_KEY_AND_VALUE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):\s+(.*\S)\s*$")


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_problem(display: str, exc: yaml.YAMLError, offset: int, lines: list[str]) -> Problem:
    """YAML's own error, turned into the edit that fixes it where the cause is a common one."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + 1 + offset) if mark else 1 + offset
    what = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    fm_line = lines[line - 1] if 0 < line <= len(lines) else ""
    column = mark.column + 1 if mark else None
    if "\t" in fm_line or "found character '\\t'" in what:
        return Problem(display, line, "front matter", "replace the tab with spaces: YAML indents with spaces only", rule="yaml-invalid", column=column)
    written = _KEY_AND_VALUE.match(fm_line)
    if what == "mapping values are not allowed here" and written and ": " in written.group(3):
        key, value = written.group(2), written.group(3)
        return Problem(display, line, shown(key, limit=40), f"put the value in quotes, since it contains ': ': write {shown(key, limit=40)}: {shown(_quoted(value))}", rule="yaml-invalid", column=column)
    if "quoted scalar" in context and "end of stream" in what and getattr(exc, "context_mark", None) is not None:
        start = exc.context_mark.line + 1 + offset
        return Problem(display, start, "front matter", "close the quote opened on this line (a value that starts with a quote must end with the same quote)",
                       rule="yaml-invalid", column=exc.context_mark.column + 1)
    if "cannot start any token" in what and written:
        key, value = written.group(2), written.group(3)
        return Problem(display, line, shown(key, limit=40), f"put the value in quotes, since it starts with '{shown(value[0])}': write {shown(key, limit=40)}: {shown(_quoted(value))}", rule="yaml-invalid", column=column)
    detail = f"{context}, {what}" if context else what
    return Problem(display, line, "front matter", f"fix the YAML here ({shown(detail, limit=120)}); if a value contains ': ' or starts with a quote, '[' or '{{', put it in quotes", rule="yaml-invalid", column=column)


def read_source(path: str | Path, display: str | None = None) -> SourceFile:
    """Read one review file. Never raises for bad content: problems are collected instead."""
    path = Path(path)
    display = display or str(path)
    src = SourceFile(path=display)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            src.problems.append(Problem(display, 1, "file", "replace the link with the file itself: a symbolic link can point "
                                        "anywhere (outside the repository, at a device), so Casebook never follows one", rule="file-symlink"))
            return src
        if not stat.S_ISREG(info.st_mode):
            raise IsADirectoryError(21, "Is a directory") if stat.S_ISDIR(info.st_mode) else OSError(0, "not a regular file")
        # Read at most one byte past the limit, whatever the file's size says (a file can grow
        # while it is read, and a size is only what the file system reports).
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
            size = max(len(raw), info.st_size)
    except OSError as exc:
        src.problems.append(Problem(display, 1, "file", f"cannot read the file ({exc.strerror or 'not a regular file'}); check it exists and is readable", rule="file-unreadable"))
        return src
    if len(raw) > MAX_BYTES:
        src.problems.append(Problem(display, 1, "file", f"the file is {size / 1024 / 1024:.1f} MB; a review file must be under 5 MB: link to the full report with 'source' instead of pasting it", rule="file-too-large"))
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
        line = raw[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        src.problems.append(Problem(display, line, "file", "the file is not UTF-8; save it as UTF-8 (in most editors: Save with encoding, UTF-8)", rule="file-not-utf8"))
        return src
    # Lines end as editors end them: at \n, \r\n or \r, and nowhere else (U+2028 and U+0085 are
    # characters here, refused below, never line ends).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    src.text = text
    if not text.strip():
        src.problems.append(Problem(display, 1, "file", "the file is empty; start from the template: casebook new \"TITLE\"", rule="file-empty"))
        return src
    odd = has_odd_characters(text)
    if odd:
        for found in odd_characters(text):
            src.problems.append(Problem(display, found.line, "file", found.message(), rule=found.rule, column=found.column))
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
    yaml_lines = lines[1:end]
    if odd:
        # YAML reads the rest of the file, with its lines where the messages put them.
        yaml_lines = [blanked(l) for l in yaml_lines]
    yaml_text = "\n".join(yaml_lines)
    # Counting brackets is cheap; walking the characters only where there are that many.
    deep = _far_too_deep(yaml_lines) if yaml_text.count("[") + yaml_text.count("{") > _FAR_TOO_DEEP else None
    if deep is not None:
        line, key = deep
        src.problems.append(Problem(display, line + 2, key or "front matter", f"write the front matter with at most {MAX_DEPTH} levels of nesting: "
                                    "a review's fields nest three deep at most (learning: - for: [...])", rule="yaml-too-deep"))
        return src
    try:
        events = _events(yaml_text)
    except yaml.YAMLError as exc:
        src.problems.append(_yaml_problem(display, exc, 1, lines))
        return src
    builder = _Builder(display, line_offset=1, yaml_lines=yaml_lines)
    first = _first_node(events)
    if first is None:
        src.problems.append(Problem(display, 2, "front matter", "the front matter is empty; fill in the fields (see: casebook new \"TITLE\")", rule="front-matter-empty"))
        return src
    if not isinstance(first, MappingStartEvent) and getattr(first, "tag", None) is None:
        src.problems.append(Problem(display, first.start_mark.line + 2, "front matter", "the front matter must be 'key: value' lines; each field starts at the left margin with its name and a colon", rule="front-matter-not-mapping"))
        return src
    data = builder.build(_chain(first, events))
    src.problems.extend(builder.problems)
    if data is _ABANDONED or not isinstance(data, dict):
        return src
    src.front = FrontMatter(data=data, lines=builder.lines, scalars=builder.scalars, end_line=end + 1, refused=builder.refused)
    src.body = "\n".join(lines[end + 1 :])
    src.body_line = end + 2
    return src


# PyYAML's pure-Python scanner takes time that grows with the square of the flow nesting ('[[[[...'
# 5,000 deep: 9 s for 10 KB). Nesting that deep is refused before any parser sees it; shallower
# nesting is refused by the builder at MAX_DEPTH, with the path of the value.
_FAR_TOO_DEEP = 100


def _far_too_deep(yaml_lines: list[str]) -> tuple[int, str] | None:
    """(0-based line, top-level key) where [ and { nest past _FAR_TOO_DEEP outside quotes, else None."""
    depth, quote, key = 0, "", ""
    for number, line in enumerate(yaml_lines):
        if not quote and line[:1] not in ("", " ", "-", "#") and ":" in line:
            key = line.split(":", 1)[0].strip()
        previous = " "
        for char in line:
            if quote:
                if char == quote and not (quote == '"' and previous == "\\"):
                    quote = ""
            elif char in "\"'" and previous in " [{,:":
                quote = char
            elif char == "#" and previous in " \t":
                break
            elif char in "[{":
                depth += 1
                if depth > _FAR_TOO_DEEP:
                    return number, key
            elif char in "]}":
                depth = max(0, depth - 1)
            previous = char
    return None


def _first_node(events: Iterator):
    for event in events:
        if isinstance(event, (ScalarEvent, CollectionStartEvent, AliasEvent)):
            if isinstance(event, ScalarEvent) and event.value == "" and event.tag is None and event.implicit[0]:
                return None  # an empty document
            return event
    return None


def _chain(first, events: Iterator) -> Iterator:
    yield first
    yield from events


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
