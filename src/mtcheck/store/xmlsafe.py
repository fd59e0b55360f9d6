"""Parsing XML that comes from outside (XLIFF articles, TBX glossaries) safely.

A DOCTYPE (hence any entity declaration) is refused before ElementTree sees the document, so neither
external entities nor entity-expansion bombs can happen. Every problem is a ``ValueError`` whose
message fits the one-line errors mtcheck prints after a file name.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat


class _Forbidden(Exception):
    pass


def _refuse_doctype(data: bytes | str) -> None:
    """Run expat once over the document with a handler that stops at a DOCTYPE or entity declaration."""
    parser = expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise _Forbidden

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except _Forbidden:
        raise ValueError("DOCTYPE or entity declarations are not allowed") from None
    except expat.ExpatError as exc:
        raise ValueError(f"not well-formed XML ({expat.ErrorString(exc.code)}, line {exc.lineno})") from None


def parse_untrusted(data: bytes | str) -> ET.Element:
    """The root element of ``data``; ValueError if it is not well-formed or declares a DOCTYPE."""
    _refuse_doctype(data)
    return ET.fromstring(data)
