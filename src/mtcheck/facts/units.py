"""Physical units: one table of conversions, so that "60 mil" and "97 km" are recognised as one distance.

Why: news translations convert units for their readers (a US story's "550 pounds" becomes "250 kg" in
French), and the source itself often gives both ("45 mil (72 kilometer)"). A value comparison that ignores
units reports every such conversion as a wrong number. Here each unit has a dimension and a factor to the
dimension's base unit (metre, kilogram, square metre, litre, metre per second, degree Celsius); the words
and symbols that name the units live in each ``locales/<lang>.py`` (``unit_words``), the language-neutral
symbols (km, kg, °C) here.

A converted value agrees with a written one within the writer's rounding: half a unit of the written
number's last digit, or ``REL_ROUNDING`` of the value (writers round "300 km" to "180 miles"), or one
degree for temperatures. "Derajat"/"degrees" with no scale is compared as both Celsius and Fahrenheit.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

REL_ROUNDING = 0.05  # a conversion written to 2 significant figures: 186.4 miles as "180 miles"
DEGREE_ROUNDING = 1.0  # 80 °F = 26.7 °C, written "26 degrees"
DEGREES = "deg"  # a temperature whose scale the text does not name


@dataclass(frozen=True)
class Unit:
    code: str
    dimension: str
    factor: float  # base units per unit
    offset: float = 0.0  # base = value * factor + offset (temperatures)
    name: str = ""  # how messages name it


_TABLE = (
    Unit("km", "length", 1000.0, name="km"), Unit("m", "length", 1.0, name="m"),
    Unit("cm", "length", 0.01, name="cm"), Unit("mm", "length", 0.001, name="mm"),
    Unit("mi", "length", 1609.344, name="miles"), Unit("ft", "length", 0.3048, name="feet"),
    Unit("in", "length", 0.0254, name="inches"), Unit("yd", "length", 0.9144, name="yards"),
    Unit("nmi", "length", 1852.0, name="nautical miles"),
    Unit("kg", "mass", 1.0, name="kg"), Unit("g", "mass", 0.001, name="g"), Unit("t", "mass", 1000.0, name="t"),
    Unit("lb", "mass", 0.45359237, name="pounds"), Unit("oz", "mass", 0.028349523125, name="ounces"),
    Unit("km2", "area", 1e6, name="km²"), Unit("m2", "area", 1.0, name="m²"), Unit("ha", "area", 1e4, name="ha"),
    Unit("acre", "area", 4046.8564224, name="acres"), Unit("mi2", "area", 2589988.110336, name="square miles"),
    Unit("l", "volume", 1.0, name="l"), Unit("ml", "volume", 0.001, name="ml"),
    Unit("gal", "volume", 3.785411784, name="gallons"), Unit("bbl", "volume", 158.987294928, name="barrels"),
    Unit("kmh", "speed", 1 / 3.6, name="km/h"), Unit("mph", "speed", 0.44704, name="mph"),
    Unit("kn", "speed", 0.514444, name="knots"),
    Unit("C", "temperature", 1.0, name="°C"), Unit("F", "temperature", 5 / 9, -160 / 9, name="°F"),
    Unit(DEGREES, "temperature", 1.0, name="degrees"),
)
UNITS: dict[str, Unit] = {u.code: u for u in _TABLE}

# Symbols every language writes the same way (a locale's unit_words add its own words).
SYMBOLS: dict[str, str] = {
    "km": "km", "m": "m", "cm": "cm", "mm": "mm", "kg": "kg", "g": "g", "km2": "km2", "km²": "km2",
    "m2": "m2", "m²": "m2", "ha": "ha", "ml": "ml", "km/h": "kmh", "km/j": "kmh", "kph": "kmh", "mph": "mph",
    "°C": "C", "° C": "C", "℃": "C", "°F": "F", "° F": "F", "℉": "F", "°": DEGREES, "lb": "lb", "lbs": "lb",
    "ft": "ft", "mi": "mi",
}


def dimension(code: str | None) -> str | None:
    return UNITS[code].dimension if code in UNITS else None


def _to_base(value: float, unit: Unit) -> float:
    return value * unit.factor + unit.offset


def convert(value: float, source: str, target: str) -> float:
    """``value`` in unit ``source`` expressed in unit ``target`` (same dimension)."""
    a, b = UNITS[source], UNITS[target]
    return (_to_base(value, a) - b.offset) / b.factor


def _readings(code: str) -> tuple[str, ...]:
    """A bare "degrees" may be either scale."""
    return ("C", "F") if code == DEGREES else (code,)


@lru_cache(4096)
def rounding(written: str) -> float:
    """Half a unit of the last digit written: "97" -> 0.5, "1,83" / "1.83" -> 0.005."""
    digits = written.replace("\u00a0", " ").replace("\u202f", " ")
    for mark in (".", ",", "\u066b"):
        _, sep, tail = digits.rpartition(mark)
        if sep and tail.isdigit() and len(tail) != 3:
            return 0.5 * 10 ** -len(tail)
    return 0.5


def equivalent(s_value: float, s_unit: str, t_value: float, t_unit: str, t_written: str = "") -> bool:
    """Whether ``t_value t_unit`` is ``s_value s_unit`` converted and rounded (same dimension only)."""
    if dimension(s_unit) is None or dimension(s_unit) != dimension(t_unit):
        return False
    for a in _readings(s_unit):
        for b in _readings(t_unit):
            converted = convert(s_value, a, b)
            if UNITS[a].dimension == "temperature":
                tolerance = max(rounding(t_written), DEGREE_ROUNDING)
            else:
                tolerance = max(rounding(t_written), REL_ROUNDING * abs(converted))
            if abs(converted - t_value) <= tolerance + 1e-9:
                return True
    return False


def same_unit(a: str | None, b: str | None) -> bool:
    """Equal values in these units are one quantity (a missing unit is no evidence of another one)."""
    if a is None or b is None or a == b:
        return True
    return dimension(a) == "temperature" and DEGREES in (a, b)


def describe(value: float, unit: str) -> str:
    """"96.6 km": a converted value for a message, to 3 significant figures."""
    return f"{value:.3g} {UNITS[unit].name}" if abs(value) < 1000 else f"{value:,.0f} {UNITS[unit].name}"
