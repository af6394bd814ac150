# reversed() over dict views: newest entry first, after deletions and re-insertions too.
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
d["b"] = 20
d["d"] = 4
print(list(reversed(d)), list(reversed(d.keys())))
print(list(reversed(d.values())), list(reversed(d.items())))
print(list(reversed({}.items())), list(reversed({}.values())))
r = reversed(d.items())
print(next(r), list(r))
print(list(reversed(dict.fromkeys(range(5)).keys())))
