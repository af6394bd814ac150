from .. import TOP as PARENT_TOP
from ..helpers import WHO
from . import leaf
