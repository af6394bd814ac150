import os, sys as system
import a.b.c as d
from .pkg import (x as y, z)
from m import *
x: int = 5
del system
assert x, "message"
