def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
print(fact(0), fact(1), fact(5), fact(20), fact(21))
print(fact(100))
f = fact(100)
zeros = 0
while f % 10 == 0:
    f //= 10
    zeros += 1
print("trailing zeros", zeros)
print(sum([int(c) for c in str(fact(100))]))
print(fact(50) // fact(48))
