calls = [0]
def dive(n):
    calls[0] += 1
    try:
        return dive(n + 1)
    finally:
        pass
try:
    dive(0)
except RecursionError as e:
    print("recursion", type(e).__name__, calls[0] > 100)
def nested(n):
    if n == 0:
        raise ValueError('bottom')
    try:
        return nested(n - 1)
    except KeyError:
        return 'wrong'
try:
    nested(500)
except ValueError as e:
    print('ValueError from depth 500:', e)
