def run(x):
    log = []
    try:
        log.append('try')
        r = 10 / x
    except ZeroDivisionError:
        log.append('except')
        r = None
    else:
        log.append('else')
    finally:
        log.append('finally')
    return r, log
print(run(2))
print(run(0))
def f():
    try:
        return 'from try'
    finally:
        print('finally runs before return')
print(f())
def g():
    try:
        return 'try'
    finally:
        return 'finally wins'
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print('finally', i)
h()
