# `in` on lists and tuples in a hot loop; an item with __eq__ appended mid-loop must be honoured.
class Weird:
    def __eq__(self, o):
        return o == 7
    __hash__ = object.__hash__

def main():
    seen = [1, 5, 9, 2.0, "a", None, True]
    t = (3, 4, "x")
    c = 0
    for i in range(3000):
        k = i % 12
        if k in seen: c += 1
        if k not in t: c += 2
        if str(k) in t: c += 5
        if i == 2000: seen.append(Weird())
        if None in seen: c += 1
    print(c)
main()
