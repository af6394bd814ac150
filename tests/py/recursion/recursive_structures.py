def build(n):
    return [] if n == 0 else [n, build(n - 1)]
def count(t):
    return 0 if not t else 1 + count(t[1])
t = build(700)
print(count(t))
def flatten(x):
    if isinstance(x, list):
        out = []
        for y in x:
            out.extend(flatten(y))
        return out
    return [x]
print(flatten([1, [2, [3, [4, [5, [6]]]]], [[[[7]]]]]))
def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]
print(len(power_set(list(range(12)))), power_set([1, 2, 3]))
