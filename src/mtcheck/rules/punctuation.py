"""Punctuation and typography of a translation, per locale (PUNC001-PUNC007).

Every fact (quote and bracket pairs, French spacing, the native marks of a script, legitimate
doubled words) comes from the target's ``Locale``. The newsroom disclaimer is never judged, and
nothing inside a web or e-mail address is.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.facts.boilerplate import is_boilerplate
from mtcheck.facts.entities import link_mask
from mtcheck.locales import Locale, get_locale
from mtcheck.model import Edit, Finding, Fix, Paragraph, Severity, Span, Text
from mtcheck.rules.base import Rule, VersionContext, register
from mtcheck.text.words import next_visible, previous_visible

NO_BREAK = "\u00a0\u202f"
STRAIGHT_QUOTE = '"'


@dataclass(frozen=True)
class _Para:
    """A paragraph to judge, with a per-character mask of link characters (offsets into the text)."""

    para: Paragraph
    in_link: list[bool]


def _paragraphs(ctx: VersionContext) -> list[_Para]:
    """The target's paragraphs without the disclaimer (computed once per version)."""

    def compute() -> list[_Para]:
        return [
            _Para(p, link_mask(p.text))
            for p in ctx.target.paragraphs
            if not is_boilerplate(p.text, ctx.target.lang, ctx.config)
        ]

    return ctx.memo(("punctuation.paragraphs", ctx.target.lang, ctx.target.content), compute)


def _span(text: Text, start: int, end: int) -> Span:
    return Span.of(text.content, start, end)


# --- PUNC001 ---------------------------------------------------------------------------------------


MAX_QUOTE_PARAGRAPHS = 6  # a quotation may run over this many paragraphs (one sentence each in some feeds)


@dataclass(frozen=True)
class _Unbalanced:
    offset: int  # in the text
    mark: str
    opener: bool  # an opening mark never closed (else a closing mark never opened)
    at_end: bool = False  # still open when the article ends


@dataclass
class _Open:
    offset: int
    mark: str
    paragraph: int


def _families(locale: Locale) -> list[tuple[frozenset[str], frozenset[str], bool]]:
    """(openers, closers, is_quote) per pair; the straight quote joins the “ ” family as either."""
    families = []
    for opener, closer in locale.quote_pairs:
        ambiguous = {STRAIGHT_QUOTE} if (opener, closer) == ("\u201c", "\u201d") else set()
        if (opener, closer) in locale.symmetric_quote_pairs:
            ambiguous |= {opener, closer}
        families.append((frozenset({opener} | ambiguous), frozenset({closer} | ambiguous), True))
    if not any(STRAIGHT_QUOTE in f[0] for f in families):
        families.append((frozenset({STRAIGHT_QUOTE}), frozenset({STRAIGHT_QUOTE}), True))
    families.extend((frozenset({o}), frozenset({c}), False) for o, c in locale.bracket_pairs)
    return families


@lru_cache(maxsize=256)
def _marks_pattern(marks: frozenset[str]) -> re.Pattern[str]:
    """Any one of the single-character ``marks`` (a character is compared with each of them)."""
    chars = sorted(m for m in marks if len(m) == 1)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)")


def _unbalanced(paras: list[Paragraph], locale: Locale) -> list[_Unbalanced]:
    """Unmatched marks over the whole text, pairing across paragraphs.

    A quotation may run on over several paragraphs (closing in a later one, or reopened at the
    start of the next one, as news style does); one left open longer than ``MAX_QUOTE_PARAGRAPHS``
    or at the end of the article is reported, as is a closing mark with nothing open.
    """
    found: list[_Unbalanced] = []
    for openers, closers, quote in _families(locale):
        marks = _marks_pattern(openers | closers)
        if not any(marks.search(para.text) for para in paras):
            continue  # most pairs never occur in a text: nothing to pair
        stack: list[_Open] = []
        for n, para in enumerate(paras):
            stale = [o for o in stack if n - o.paragraph >= MAX_QUOTE_PARAGRAPHS]
            found.extend(_Unbalanced(o.offset, o.mark, True) for o in stale)
            stack = [o for o in stack if o not in stale]
            lead = para.text.lstrip()
            first = lead[:1]
            if quote and stack and first in openers and (first not in closers or _straight_role(lead, 0) == "open"):
                stack.pop()  # the quotation is reopened in this paragraph
            for m in marks.finditer(para.text):  # other characters do nothing
                i, ch = m.start(), m.group()
                if ch in closers and ch in openers:  # a straight (or symmetric) quote: its neighbours say which
                    role = _straight_role(para.text, i)
                    if role == "open" or (role is None and not stack):
                        stack.append(_Open(para.start + i, ch, n))
                    elif stack:
                        stack.pop()
                    else:
                        found.append(_Unbalanced(para.start + i, ch, False))
                elif ch in closers and stack:
                    stack.pop()
                elif ch in openers:
                    stack.append(_Open(para.start + i, ch, n))
                elif ch in closers:
                    found.append(_Unbalanced(para.start + i, ch, False))
        found.extend(_Unbalanced(o.offset, o.mark, True, at_end=True) for o in stack)
    return sorted(found, key=lambda u: u.offset)


_QUOTE_LEFT = "([{\u2014\u2013-/"  # after these (or a space, or the paragraph start) a straight quote opens
_QUOTE_RIGHT = ".,;:!?)]}\u2026\u2014\u2013-"  # before these (or a space, or the paragraph end) it closes


def _straight_role(text: str, i: int) -> str | None:
    """Whether the straight quote at ``i`` opens ("open") or closes ("close") a quotation, judged by its
    neighbours; None when they do not tell (then it closes what is open, else opens).

    Paired blindly, a quote left open early in an article shifted every later pair by one, and the finding
    pointed at the last quote of the article instead of the one left open.
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before.isspace() or before in _QUOTE_LEFT
    closes = after.isspace() or after in _QUOTE_RIGHT
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return None


def _imbalance(issues: list[_Unbalanced]) -> tuple[int, int]:
    """(unclosed, unopened) marks, whatever the pair: comparable between source and target scripts."""
    return (sum(1 for u in issues if u.opener), sum(1 for u in issues if not u.opener))


@register
class UnbalancedQuotesRule(Rule):
    """A quote or bracket in the translation is opened and never closed, or closed and never opened.

    What it does: checks every quote and bracket pair of the target language (``Locale.quote_pairs``,
    ``bracket_pairs``: “ ”, « », 「 」, 『 』, （ ）, ( ) ...) and straight double quotes, which may
    open or close a “ ” quotation. A quotation may run over a few paragraphs, closing in a later one
    or reopened at the start of the next one, as news style does. Apostrophes (Indonesia’s, l’IA) are
    not quotes. A straight quote opens or closes by its neighbours (a space before it opens, a space or
    punctuation after it closes), so the finding points at the quote left open, not at the last one of
    the article. Minor: a missing quote mark rarely changes what the text says.

    Why is this bad: readers cannot tell where a quotation (someone's words) ends.

    Example:
        flagged  « Nous allons gagner, a-t-il dit.
        accepted « Nous allons gagner », a-t-il dit.
    """

    code = "PUNC001"
    name = "unbalanced-quotes-brackets"
    category = "linguistic-conventions/punctuation"
    severity = Severity.MINOR

    def check(self, ctx: VersionContext) -> Iterator[Finding]:
        locale = get_locale(ctx.target.lang)
        issues = _unbalanced([item.para for item in _paragraphs(ctx)], locale)
        source = ctx.memo(
            ("punctuation.source-unbalanced", ctx.source.lang),
            lambda: _unbalanced(ctx.source.paragraphs, get_locale(ctx.source.lang)),
        )
        if _imbalance(issues) <= _imbalance(source):
            return  # the source is unbalanced the same way: the translation mirrors it
        for issue in issues:
            what = "opened and never closed" if issue.opener else "closed but never opened"
            yield self.finding(
                f"{issue.mark!r} is {what}" + (" (still open at the end of the article)" if issue.at_end else ""),
                target=_span(ctx.target, issue.offset, issue.offset + 1),
            )


# --- PUNC002 ---------------------------------------------------------------------------------------

_FRENCH_MARK = re.compile(r"[:;!?]+|«|»")


def _french_suggestion(mark: str) -> str:
    """Imprimerie nationale: U+00A0 before ``:`` and inside « », U+202F before ``; ! ?``."""
    if mark == "«":
        return "«\u00a0"
    if mark == "»" or mark.startswith(":"):
        return "\u00a0" + mark
    return "\u202f" + mark


@register
class FrenchSpacingRule(Rule):
    """French punctuation lacks its no-break space: before ``: ; ! ?`` and inside « ».

    What it does: in French targets (``Locale.narrow_space_before``, ``spaced_guillemets``), a
    ``:``, ``;``, ``!`` or ``?`` (or a run of them, "?!") must follow a no-break space (U+00A0 or
    U+202F, either is accepted), and « » must have one inside. A plain space (which can break the line
    before the mark) or no space at all is reported, with the right character as the suggestion.
    Addresses (``http://``), times (``10:30``) and ratios (``3:1``) are not punctuation.

    Why is this bad: it is the French typographic norm; a plain space lets ``?`` or ``»`` start a line.

    Example:
        flagged  Pourquoi ? Il a dit: « oui ».   (plain space before ?, none before :, plain spaces in « »)
        accepted Pourquoi\u202f? Il a dit\u00a0: «\u00a0oui\u00a0».
    """

    code = "PUNC002"
    name = "french-spacing"
    category = "linguistic-conventions/punctuation"
    severity = Severity.MINOR
    fixes = "safe: puts the no-break space (U+00A0 or U+202F) in place of the plain space, or adds it"

    def check(self, ctx: VersionContext) -> Iterator[Finding]:
        locale = get_locale(ctx.target.lang)
        if not locale.narrow_space_before and not locale.spaced_guillemets:
            return
        for item in _paragraphs(ctx):
            text = item.para.text
            for m in _FRENCH_MARK.finditer(text):
                mark, i = m.group(), m.start()
                if item.in_link[i]:
                    continue
                if mark == "«":
                    if locale.spaced_guillemets and m.end() < len(text):
                        yield from self._gap(ctx, item.para, m.end(), after=True, mark=mark)
                elif mark == "»":
                    if locale.spaced_guillemets and i > 0:
                        yield from self._gap(ctx, item.para, i, after=False, mark=mark)
                elif set(mark) <= set(locale.narrow_space_before) and i > 0 and not _not_punctuation(text, m):
                    yield from self._gap(ctx, item.para, i, after=False, mark=mark)

    def _gap(self, ctx: VersionContext, para: Paragraph, pos: int, *, after: bool, mark: str) -> Iterator[Finding]:
        """Judge the character between ``mark`` and its neighbour (``pos`` is that neighbour's side)."""
        text = para.text
        gap = text[pos] if after else text[pos - 1]
        if gap in NO_BREAK:
            return
        side = "after" if after else "before"
        if gap == " ":  # the span covers the mark and the plain space
            start = para.start + pos - 1
            span = (start, start + 1 + (1 if after else len(mark)))
            message = f"plain space {side} {mark!r}: use a no-break space"
        else:
            start = para.start + (pos - 1 if after else pos)
            span = (start, start + (1 if after else len(mark)))
            message = f"no space {side} {mark!r}: French needs a no-break space"
        target, suggestion = _span(ctx.target, *span), _french_suggestion(mark)
        yield self.finding(message, target=target, suggestion=suggestion, fix=Fix.replace(target, suggestion, True))


def _not_punctuation(text: str, m: re.Match[str]) -> bool:
    """10:30, 3:1, 1:0, a mark at a paragraph start, or after an opening bracket or another mark."""
    before = text[m.start() - 1]
    after = text[m.end()] if m.end() < len(text) else ""
    if before.isdigit() and after.isdigit():
        return True
    return before in "([/" or (after.isalnum() and before.isalnum())


# --- PUNC003, PUNC004, PUNC007: marks of the wrong script ------------------------------------------------

_CJK_NATIVE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC_NATIVE = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")


def _native(locale: Locale) -> re.Pattern[str] | None:
    if locale.cjk:
        return _CJK_NATIVE
    if locale.script == "arabic":
        return _ARABIC_NATIVE
    return None


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The nearest non-space characters before and after position ``i`` ("" at an edge)."""
    return previous_visible(text, i), next_visible(text, i + 1)


def _foreign_marks(
    item: _Para, locale: Locale, marks: dict[str, str]
) -> Iterator[tuple[int, str, str]]:
    """(offset, mark, native mark) for each ASCII mark of ``marks`` sitting in native running text.

    Both sides must be native script (a mark that ends a question or sentence may end the paragraph);
    an opening bracket needs native text inside it, a closing one native text before it. Digits on
    either side (80,000) and Latin runs never count.
    """
    native = _native(locale)
    if native is None:
        return
    text = item.para.text
    for i, ch in enumerate(text):
        if ch not in marks or item.in_link[i]:
            continue
        before, after = _neighbours(text, i)
        if ch == "(":
            hit = bool(after) and bool(native.match(after)) and bool(before) and bool(native.match(before))
        elif ch == STRAIGHT_QUOTE:  # may open or close a quotation at a paragraph edge
            hit = bool(before or after) and all(not c or bool(native.match(c)) for c in (before, after))
        elif ch in ")?!.":
            hit = bool(before) and bool(native.match(before)) and (not after or bool(native.match(after)))
        else:
            hit = bool(before) and bool(native.match(before)) and bool(after) and bool(native.match(after))
        if hit:
            yield i, ch, marks[ch]


class _ScriptMarksRule(Rule):
    """Shared check: ASCII marks inside running text of a script that has its own marks."""

    category = "linguistic-conventions/punctuation"
    severity = Severity.MINOR

    def applies(self, locale: Locale) -> bool:
        raise NotImplementedError

    def marks(self, locale: Locale) -> dict[str, str]:
        return locale.native_punctuation

    def check(self, ctx: VersionContext) -> Iterator[Finding]:
        locale = get_locale(ctx.target.lang)
        if not self.applies(locale):
            return
        marks = self.marks(locale)
        for item in _paragraphs(ctx):
            hits = list(_foreign_marks(item, locale, marks))
            if not hits:
                continue
            # One finding per paragraph: the same slip repeated is one fix for the editor.
            i, mark, expected = hits[0]
            start = item.para.start + i
            more = f" ({len(hits)} ASCII marks in this paragraph)" if len(hits) > 1 else ""
            yield self.finding(
                f"ASCII {mark!r} in {locale.name} text: use {expected!r}{more}",
                target=_span(ctx.target, start, start + 1),
                suggestion=expected,
                fix=_marks_fix(item, hits, locale.cjk),
            )


def _marks_fix(item: _Para, hits: list[tuple[int, str, str]], cjk: bool) -> Fix | None:
    """Every ASCII mark of the paragraph replaced. Straight quotes only when each of the paragraph's is a
    hit and they pair up (opening, closing, in turn), brackets only when each of its ``( )`` is a hit and
    they balance: a half-converted pair would be a new finding. A full-width mark carries its own space:
    in Chinese and Japanese the space typed after the ASCII mark goes with it."""
    para = item.para
    quotes = [h for h in hits if h[1] == STRAIGHT_QUOTE]
    brackets = [h for h in hits if h[1] in "()"]
    if len(quotes) != para.text.count(STRAIGHT_QUOTE) or len(quotes) % 2:
        quotes = []
    opening = sum(1 for h in brackets if h[1] == "(")
    if len(brackets) != para.text.count("(") + para.text.count(")") or 2 * opening != len(brackets):
        brackets = []
    edits = []
    for i, mark, native in (h for h in hits if h[1] not in '()"' or h in quotes or h in brackets):
        if mark == STRAIGHT_QUOTE:
            native = native.split()[quotes.index((i, mark, native)) % 2]
        end = i + 2 if cjk and mark in ",:;?!" and para.text[i + 1:i + 2] == " " else i + 1
        edits.append(Edit(para.start + i, para.start + end, para.text[i:end], native))
    return Fix(tuple(edits), True) if edits else None


@register
class CjkFullwidthRule(_ScriptMarksRule):
    """ASCII punctuation in running Chinese or Japanese text instead of the full-width mark.

    What it does: in zh/ja targets, reports ``, ? ! : ; ( )`` between Chinese or Japanese characters
    (``Locale.native_punctuation`` gives the expected mark: ， or 、, ？, ！, ：, ；, （ ）). Marks inside
    numbers (80,000), Latin runs (a bracketed English name) and addresses are fine.

    Why is this bad: half-width marks in CJK text look broken and break line-spacing conventions.

    Example:
        flagged  他说,明天(周五)开会.
        accepted 他说，明天（周五）开会。 / 伊丽莎白·沃伦(Elizabeth Warren)表示
    """

    code = "PUNC003"
    name = "cjk-fullwidth-punctuation"
    fixes = "safe: replaces each ASCII mark of the paragraph with its full-width mark (brackets in pairs)"

    def applies(self, locale: Locale) -> bool:
        return locale.cjk


@register
class ArabicPunctuationRule(_ScriptMarksRule):
    """ASCII comma, question mark or semicolon between Arabic words instead of ، ؟ ؛.

    What it does: in Arabic targets, reports ``,`` ``?`` ``;`` with Arabic letters on both sides (a
    question mark may end the paragraph). Numbers (1,5) and Latin runs are fine.

    Why is this bad: Arabic has its own comma, semicolon and question mark; the Latin ones look
    mirrored and wrong in right-to-left text.

    Example:
        flagged  قال الوزير, إن الحكومة مستعدة?
        accepted قال الوزير، إن الحكومة مستعدة؟
    """

    code = "PUNC004"
    name = "arabic-punctuation"
    fixes = "safe: replaces each ASCII mark of the paragraph with the Arabic mark"

    def applies(self, locale: Locale) -> bool:
        return locale.script == "arabic"


@register
class SourcePunctuationRule(_ScriptMarksRule):
    """The source's Latin full stop or straight quotes carried into Chinese or Japanese text.

    What it does: in zh/ja targets, reports a Latin full stop ``.`` ending a sentence right after a
    Chinese or Japanese character (expected 。) and a straight double quote ``"`` with CJK text on
    both sides (expected “ ” in Chinese, 「 」 in Japanese) — marks copied from the Indonesian source
    rather than converted (``Locale.source_marks``). Decimal points and Latin runs are fine. Straight
    quotes in French or Arabic are not reported: both conventions are in real use.

    Why is this bad: it shows the text was not fully localised and reads as a typo.

    Example:
        flagged  他说"我们会赢".
        accepted 他说“我们会赢”。
    """

    code = "PUNC007"
    name = "source-punctuation"
    fixes = "safe: 。 for the full stop; straight quotes become opening and closing marks when they pair up"

    def applies(self, locale: Locale) -> bool:
        return bool(locale.source_marks)

    def marks(self, locale: Locale) -> dict[str, str]:
        return locale.source_marks


# --- PUNC005, PUNC006 --------------------------------------------------------------------------------

_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_REPEAT = re.compile(r"(?<![^\W\d_])([^\W\d_]+)(\s+)(\1)(?![^\W\d_])", re.IGNORECASE)


@register
class DoubleSpaceRule(Rule):
    """Two or more spaces between words of the translation.

    What it does: reports runs of plain spaces inside a line (indentation and line ends are not
    judged).

    Why is this bad: a typing slip that shows up as a gap in print and on the web.

    Example:
        flagged  "The minister  said"
        accepted "The minister said"
    """

    code = "PUNC005"
    name = "double-space"
    category = "linguistic-conventions/punctuation"
    severity = Severity.MINOR
    fixes = "safe: one space"

    def check(self, ctx: VersionContext) -> Iterator[Finding]:
        for item in _paragraphs(ctx):
            for m in _DOUBLE_SPACE.finditer(item.para.text):
                start = item.para.start + m.start()
                target = _span(ctx.target, start, start + len(m.group()))
                yield self.finding(f"{len(m.group())} spaces in a row", target=target, suggestion=" ",
                                   fix=Fix.replace(target, " ", True))


@register
class RepeatedWordRule(Rule):
    """The same word twice in a row in the translation ("the the", "de de").

    What it does: reports a word immediately repeated (case-insensitive) in alphabetic targets.
    Grammatical doublings of the language are allowed (``Locale.repeated_word_allowed``: English
    "had had", "that that"; French reflexive "nous nous", "vous vous"; Arabic letter names that
    spell acronyms, سي إن إن = CNN), as are doubled capitalised words (names: Bora Bora). Chinese and
    Japanese are not checked (no spaces between words).

    Why is this bad: a doubled word is a typo or a machine-translation stutter.

    Example:
        flagged  "the the government", "le projet de de loi"
        accepted "she had had enough", "nous nous sommes levés"
    """

    code = "PUNC006"
    name = "repeated-word"
    category = "linguistic-conventions/grammar"
    severity = Severity.MINOR
    fixes = "unsafe: keeps the first of the two words (some are meant: 'Canada plus plus', Arabic في في, 'V in')"

    def check(self, ctx: VersionContext) -> Iterator[Finding]:
        locale = get_locale(ctx.target.lang)
        if locale.cjk:
            return
        for item in _paragraphs(ctx):
            for m in _REPEAT.finditer(item.para.text):
                word = m.group(1)
                if word.casefold() in locale.repeated_word_allowed or item.in_link[m.start()]:
                    continue
                if word[:1].isupper() and m.group(3)[:1].isupper():
                    continue  # a doubled name: Roa Roa, Bora Bora, Duran Duran
                start = item.para.start + m.start()
                target = _span(ctx.target, start, item.para.start + m.end())
                yield self.finding(f"{word!r} is repeated", target=target, suggestion=word,
                                   fix=Fix.replace(target, word, False))
