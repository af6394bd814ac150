# -*- coding: latin-1 -*-
# A latin-1 source file: the cookie makes é a character, not a byte.
print("café", len("café"))
