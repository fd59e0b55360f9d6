"""Where ``--fix`` puts its fixes: the article's text files, a new JSONL file, or a unified diff (``--diff``).

A text file is rewritten atomically, only if it is still what was read, keeping its BOM, its line ends
(CRLF, CR) and its permissions: readers normalise both away, and fixes never touch a line break, so the
fixed text's lines take back the file's own ends and every byte outside the fixed spans stays. A symbolic
link, a special file or the source file is never written. A JSONL batch is copied to ``--fix-output``
with its fixed texts in place (its lines otherwise byte for byte). An XLIFF file gets its fixes in the
``<target>`` text, its inline codes and every other byte untouched (``fix_xliff``).
"""
from __future__ import annotations

import difflib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from mtcheck.facts.markup import MarkupText
from mtcheck.model import Article, InputError, Text
from mtcheck.readers.common import MAX_TEXT_BYTES, normalise
from mtcheck.run.fix import Check, fix_article
from mtcheck.store.output import AtomicOutput, terminal_safe
from mtcheck.store.userfile import SURROGATE, read_bytes

_LINE_END = re.compile(r"(\r\n|\r|\n)")
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")  # a line and its end (\n only: str.splitlines also splits at \x1c, U+2028...)


class FixError(Exception):
    """A fix that cannot be written (one line: why)."""


def restore(raw: str, fixed: str) -> str:
    """``fixed`` (a normalised text with the lines of ``normalise(raw)``) with ``raw``'s BOM and line ends."""
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    ends = _LINE_END.findall(raw[len(bom):])
    lines = fixed.split("\n")
    if len(lines) != len(ends) + 1:
        raise FixError("its lines changed")
    return bom + "".join(line + end for line, end in zip(lines, [*ends, ""]))


def unified(old: str, new: str, name: str) -> str:
    """The diff of ``old`` and ``new``, split at line feeds only, every line's control characters escaped
    (``terminal_safe``) and its end kept: an article's ESC sequence or bidi override reached the terminal
    raw through ``--diff``. A line free of controls is as in the file, so the diff still applies."""
    name = terminal_safe(name)
    lines = difflib.unified_diff(_LINE.findall(old), _LINE.findall(new), name, name)
    return "".join(_shown(line) for line in lines)


def _shown(line: str) -> str:
    body = line.rstrip("\r\n")
    return terminal_safe(body) + line[len(body):]


def _jsonl_line(origin: str) -> tuple[Path, int] | None:
    """(file, line number) of an article read from a JSONL file (origin ``batch.jsonl:12``)."""
    path, _, number = origin.rpartition(":")
    return (Path(path), int(number)) if number.isdigit() and path.lower().endswith(".jsonl") else None


class FixWriter:
    """Fixes each article on its way to the check (``articles``) and writes the fixes where they belong;
    with ``diff`` writes nothing and hands each file's diff to ``emit``. ``failures`` lists what could not
    be written (``report`` says each at once); ``finish`` writes ``--fix-output``."""

    def __init__(self, check: Check, unsafe: bool, diff: bool, fix_output: Path | None,
                 emit: Callable[[str], None], report: Callable[[str], None]) -> None:
        self.check, self.unsafe, self.diff, self.fix_output = check, unsafe, diff, fix_output
        self.emit, self.report = emit, report
        self.fixed: Counter[str] = Counter()  # "safe"/"unsafe" fixes applied
        self.files = 0  # texts changed (or that would change)
        self.failures: list[str] = []
        self.jsonl: dict[Path, dict[int, dict[str, tuple[str, str]]]] = {}  # file -> line -> lang -> texts

    def articles(self, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        for item in items:
            yield item if isinstance(item, InputError) else self._fixed(item)

    def _fixed(self, article: Article) -> Article:
        outcome = fix_article(article, self.check, self.unsafe)
        written: dict[str, Text] = {}
        for lang, findings in outcome.fixed.items():
            old, new = article.targets[lang], outcome.article.targets[lang]
            if old.content == new.content:
                continue
            try:
                self._write(article, old, new.content)
            except FixError as exc:
                self.failures.append(f"{old.path or article.origin}: not fixed ({exc})")
                self.report(self.failures[-1])
                continue
            written[lang] = new
            self.files += 1
            self.fixed.update("safe" if f.fix and f.fix.safe else "unsafe" for f in findings)
        if not written:
            return article
        return Article(article.id, article.source, {**article.targets, **written}, article.origin)

    def _write(self, article: Article, old: Text, fixed: str) -> None:
        if isinstance(old, MarkupText):
            self._xliff_file(article, old, fixed)
            return
        where = _jsonl_line(article.origin)
        if where is not None:
            if self.diff:
                self.emit(unified(old.content, fixed, old.path))
            else:
                self.jsonl.setdefault(where[0], {}).setdefault(where[1], {})[old.lang] = (old.content, fixed)
            return
        self._text_file(Path(old.path), Path(article.source.path), old.content, fixed)

    def _text_file(self, path: Path, source: Path, original: str, fixed: str) -> None:
        data, mode = _read(path, source, MAX_TEXT_BYTES)
        try:
            raw = data.decode("utf-8")
        except ValueError as exc:
            raise FixError(str(exc)) from None
        if normalise(raw) != original:
            raise FixError("the file changed since it was read")
        self._replace(path, raw, restore(raw, fixed), mode)

    def _xliff_file(self, article: Article, text: MarkupText, fixed: str) -> None:
        from mtcheck.readers.xliff import MAX_XLIFF_BYTES
        from mtcheck.run.fix_xliff import XliffFixError, fixed_xliff

        path = Path(text.path.rpartition("#")[0])
        data, mode = _read(path, None, MAX_XLIFF_BYTES)
        try:
            new = fixed_xliff(data, str(path), text, article.id, fixed)
        except XliffFixError as exc:
            raise FixError(str(exc)) from None
        self._replace(path, data.decode("utf-8"), new.decode("utf-8"), mode)

    def _replace(self, path: Path, raw: str, new: str, mode: int) -> None:
        """``path`` (read as ``raw``) now reads ``new``: a diff with ``--diff``, else written atomically."""
        if self.diff:
            self.emit(unified(raw, new, str(path)))
            return
        try:
            out = AtomicOutput(path)
            try:
                out.write(new)
                out.commit()
            except BaseException:
                out.abort()
                raise
            os.chmod(path, stat.S_IMODE(mode))
        except OSError as exc:
            raise FixError(f"cannot write: {exc.strerror or exc}") from None

    def summary(self, remaining: dict[str, object]) -> str:
        """One line: what was fixed, and what the report still holds that a fix could repair."""
        fixed = sum(self.fixed.values())
        line = f"fixed {fixed} finding(s) ({self.fixed['safe']} safe, {self.fixed['unsafe']} unsafe) in {self.files} text(s)"
        left = remaining.get("fixable")
        if isinstance(left, dict) and left.get("unsafe") and not self.unsafe:
            line += f"; {left['unsafe']} more with --unsafe-fixes"
        return line

    def finish(self, jsonl_inputs: list[Path]) -> None:
        """Write ``--fix-output``: the JSONL input with its fixed texts (a copy when nothing was fixed)."""
        if self.diff or self.fix_output is None or not jsonl_inputs:
            return
        source = jsonl_inputs[0]
        try:
            _rewrite_jsonl(source, self.fix_output, self.jsonl.get(Path(source), {}))
        except (OSError, ValueError, FixError) as exc:
            message = getattr(exc, "strerror", None) or str(exc)
            self.failures.append(f"{self.fix_output}: fixes not written ({message})")
            self.report(self.failures[-1])


def _read(path: Path, source: Path | None, limit: int) -> tuple[bytes, int]:
    """The bytes and mode of a file a fix may replace: a regular file, not a link, not the source."""
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise FixError("a symbolic link: not followed")
        if not stat.S_ISREG(mode):
            raise FixError("not a regular file")
        if source is not None and source.exists() and os.path.samefile(path, source):
            raise FixError("it is the source text")
        return read_bytes(path, limit), mode
    except (OSError, ValueError) as exc:
        raise FixError(getattr(exc, "strerror", None) or str(exc)) from None


def _rewrite_jsonl(source: Path, dest: Path, changes: dict[int, dict[str, tuple[str, str]]]) -> None:
    """Copy ``source`` to ``dest`` (atomically), lines numbered as the JSONL reader numbers them, each
    changed line's texts replaced (that line re-serialised; every other byte copied)."""
    out = AtomicOutput(dest)
    try:
        number = 0
        with source.open("rb") as handle:
            for raw in handle:
                pieces = _LINE_END.split(raw.decode("utf-8"))
                lines, ends = pieces[0::2], [*pieces[1::2], ""]
                if len(lines) > 1 and lines[-1] == "":
                    lines.pop()
                for line, end in zip(lines, ends):
                    number += 1
                    out.write((_fixed_line(line, changes[number], number) if number in changes else line) + end)
        out.commit()
    except BaseException:
        out.abort()
        raise


def _fixed_line(line: str, texts: dict[str, tuple[str, str]], number: int) -> str:
    """The line with its texts fixed and every other value as it was written: a number is written back as its
    very literal (``12345678901234567890.5e-3`` came back as ``1.2345678901234568e+16``, a field of the
    user's changed), a lone surrogate as its escape (it made the whole fixed copy unwritable)."""
    bom = "\ufeff" if line.startswith("\ufeff") else ""
    mark = f"\0{os.urandom(8).hex()}:"  # no text holds a NUL (the readers refuse one)
    literals: list[str] = []

    def kept(literal: str) -> str:
        literals.append(literal)
        return f"{mark}{len(literals) - 1}\0"

    obj = json.loads(line[len(bom):], parse_float=kept, parse_int=kept)
    for lang, (original, fixed) in texts.items():
        value = obj["texts"][lang]
        if normalise(value) != original:
            raise FixError(f"line {number} changed since it was read")
        obj["texts"][lang] = restore(value, fixed)
    text = json.dumps(obj, ensure_ascii=False)
    quoted = json.dumps(mark)[:-1]  # the mark as json.dumps writes it inside a string
    text = re.sub(re.escape(quoted) + r'(\d+)\\u0000"', lambda m: literals[int(m.group(1))], text)
    return bom + SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
