from . import helpers
from .helpers import twice
TOP = "top"
