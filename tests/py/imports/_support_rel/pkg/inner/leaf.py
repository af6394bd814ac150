from ...pkg import helpers as h
from .. import helpers
from . import __name__ as _pkgname
SAME = h is helpers
PKG = __package__
