def check(v):
    assert v > 0, 'value must be positive, got %d' % v
    return v
print(check(3))
check(-2)
