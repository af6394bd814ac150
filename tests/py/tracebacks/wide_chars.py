# Wide (East Asian) characters take two columns: carets are drawn in display columns.
def f(s):
    return s + "日本" + 1 + 2


def h(a, b):
    return a[b]


print(f.__name__)
x = h("ｘｙ",
      5)
