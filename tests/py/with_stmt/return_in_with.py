class T:
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, *a):
        print('exit', a[0] is None)
def f():
    with T():
        return 'returned value'
print(f())
def g():
    for i in range(3):
        with T():
            if i == 1:
                continue
            if i == 2:
                break
            print('body', i)
    return 'loop done'
print(g())
