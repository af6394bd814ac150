def level1(a):
    def level2(b):
        def level3(c):
            def level4(d):
                return a + b + c + d
            return level4
        return level3
    return level2
print(level1(1)(2)(3)(4), level1('a')('b')('c')('d'))
def outer():
    items = []
    def add(x):
        items.append(x)
        return helper()
    def helper():
        return len(items)
    return add
add = outer()
print(add('x'), add('y'))
