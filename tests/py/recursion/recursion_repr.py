class R:
    def __repr__(self):
        return repr(self)
try:
    repr(R())
except RecursionError as e:
    print("recursion", type(e).__name__)
l = [1]
l.append(l)
print(l, len(str(l)))
d = {}
d['me'] = d
print(d)
