# chaipy bug found by gen_programs.py (seed 5, program 86; minimised by hand).
# sorted() and list.sort() do not call key= for lists of length 1: CPython computes the key of
# every element first, so a failing key raises even for a single element, and side effects happen.
# python3: "TypeError bad operand type for unary -: 'str'", "[5] [5]", "[5, 3]"
# chaipy : "['a']", "[5] []", "[]"
try:
    print(sorted(['a'], key=lambda q: -q))
except Exception as e:
    print(type(e).__name__, e)
calls = []
print(sorted([5], key=lambda q: calls.append(q) or q), calls)
l = [3]
l.sort(key=lambda q: calls.append(q) or q)
print(calls)
