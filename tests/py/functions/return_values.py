def none_implicit():
    x = 1
def none_explicit():
    return
def multi():
    return 1, 'two', [3]
def early(n):
    for i in range(n):
        if i * i > n:
            return i
    return -1
print(none_implicit(), none_explicit(), multi(), early(50), early(0))
def nested_return(x):
    if x > 0:
        if x > 10:
            return 'big'
        return 'small'
    return 'nonpositive'
print([nested_return(v) for v in [-1, 5, 50]])
def returns_func():
    return returns_func
print(returns_func()()() is returns_func)
