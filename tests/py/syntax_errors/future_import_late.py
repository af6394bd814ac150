# A future import after other code is a compile-time error.
x = 1
from __future__ import annotations
