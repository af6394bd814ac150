log = []
def t(name):
    log.append(name)
    return True
def f(name):
    log.append(name)
    return False
r = f('a') and t('b')
print(r, log); log.clear()
r = t('a') or f('b')
print(r, log); log.clear()
r = f('a') or f('b') or t('c') or t('d')
print(r, log); log.clear()
r = t('a') and t('b') and f('c') and t('d')
print(r, log); log.clear()
r = (f('a') or t('b')) and (t('c') or f('d'))
print(r, log); log.clear()
d = {}
print(d and d['missing'])
lst = []
print(len(lst) > 0 and lst[0] > 0)
print(1 if (t('x') and f('y')) else 2, log)
