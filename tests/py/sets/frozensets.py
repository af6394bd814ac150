f = frozenset([3, 1, 2, 3])
print(f, len(f), 2 in f, f | {9}, f & {1, 5}, type(f | {9}).__name__, type({9} | f).__name__)
d = {f: 'frozen key'}
print(d[frozenset({1, 2, 3})])
print(frozenset() == set(), frozenset('aab') == {'a', 'b'}, hash(frozenset()) == hash(frozenset()))
ss = {frozenset({1}), frozenset({1}), frozenset({2})}
print(len(ss))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError", e)
try:
    {{1}}
except TypeError as e:
    print("TypeError", e)
