# -*- coding: bogus-enc -*-
# A coding cookie naming no codec.
print(1)
