"""mtcheck: a quality gate for machine-translated news."""

__version__ = "0.1.0"  # the one place the version lives (pyproject reads it): no importlib.metadata at start-up
