"""Parsing XML that comes from outside (XLIFF articles, TBX glossaries) safely.

The parser is ``defusedxml`` (the maintained library for untrusted XML, used over the hand-written
expat pre-check this module had): a DOCTYPE is refused outright, so neither external entities nor
entity-expansion bombs can happen. Every failure of the parser, including the namespace errors that
expat reports only once ElementTree builds the tree (an undeclared prefix ``<x:xliff>``, ``xmlns:p=""``,
a rebound ``xml`` prefix, a namespaced attribute twice) is a ``ValueError`` whose message fits the
one-line errors mtcheck prints after a file name.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_TAGS = 1_000_000  # a project file of some hundreds of articles holds about 100,000


def parse_untrusted(data: bytes | str) -> ET.Element:
    """The root element of ``data``; ValueError if it is not well-formed XML, declares a DOCTYPE or holds more
    than ``MAX_TAGS`` tags (counted as ``<`` before parsing: 11 MB of ``<x/>``, 2.8 million elements, took a
    gigabyte to parse and more than a minute to check; the file's 64 MB limit allows 16 million)."""
    tags = data.count(b"<" if isinstance(data, bytes) else "<")  # type: ignore[arg-type]
    if tags > MAX_TAGS:
        raise ValueError(f"more than {MAX_TAGS:,} tags ({tags:,} '<')")
    try:
        return fromstring(data, forbid_dtd=True)  # type: ignore[no-any-return]
    except DefusedXmlException:
        raise ValueError("DOCTYPE or entity declarations are not allowed") from None
    except ET.ParseError as exc:
        message = str(exc).split(":", 1)[0] if ":" in str(exc) else str(exc)
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise ValueError(f"not well-formed XML ({message}, line {line})") from None
    except (ValueError, RecursionError, MemoryError, LookupError) as exc:  # an encoding expat does not know
        raise ValueError(f"not well-formed XML ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None
