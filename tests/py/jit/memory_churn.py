# chaipy-test: max-rss-mb=50 timeout=120
# A long-running hot loop that allocates small objects, lists, tuples, strings and big
# ints and drops them at once: memory must stay bounded while the compiled loop runs (the
# runner checks chaipy's peak RSS), and the checksum depends on every allocated value.
class Cell:
    def __init__(self, a, b):
        self.a = a
        self.b = b


chk = 0
keep = None
for i in range(300000):
    c = Cell(i, (i, i + 1))
    lst = [i, c.a, c.b[1]]
    s = "k" + str(i % 1000)
    big = (i + 2 ** 70) * 3
    chk = (chk * 31 + lst[2] + len(s) + big % 1009 + c.b[0]) % 1000000007
    if i % 50000 == 0:
        keep = (c, lst, s)          # one object survives for a while
        print(i, chk, keep[1], keep[2])
print(chk, keep[0].a)
