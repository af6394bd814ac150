# Identifiers, keywords used as attribute-like names, unicode identifiers
_private = 1
__dunder_like = 2
CamelCase = 3
snake_case_123 = 4
café = 5
Δx = 6
print(_private, __dunder_like, CamelCase, snake_case_123, café, Δx)
_ = 7
print(_)
class K:
    pass
k = K()
setattr(k, 'print_', 1)
k.match = 'soft keyword ok'
k.case = 'also ok'
print(k.match, k.case, k.print_)
match = 10
case = 20
type = 30
print(match + case + type)
del type
print(type(1).__name__)
