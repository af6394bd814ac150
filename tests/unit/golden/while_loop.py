def f(n):
    total = 0
    while n > 0:
        n -= 1
        if n % 2:
            continue
        if n == 7:
            break
        total += n
    else:
        total = -1
    return total
