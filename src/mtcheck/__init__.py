"""mtcheck: a quality gate for machine-translated news."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mtcheck")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"
