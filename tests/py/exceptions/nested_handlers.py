def level3():
    raise ValueError('deep')
def level2():
    try:
        level3()
    except KeyError:
        print('wrong handler')
    finally:
        print('level2 finally')
def level1():
    try:
        level2()
    except ValueError as e:
        print('level1 caught', e)
        return 'handled'
print(level1())
try:
    try:
        raise TypeError('inner')
    except TypeError as e:
        print('inner handler', e)
        raise
except TypeError as e:
    print('outer re-caught', e)
try:
    try:
        raise IndexError('a')
    finally:
        print('cleanup')
except IndexError as e:
    print('after cleanup', e)
