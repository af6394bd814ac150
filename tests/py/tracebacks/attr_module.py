# AttributeError on a module, with a suggestion.
import math
print(math.floor(2.5))
print(math.sine(1.0))
