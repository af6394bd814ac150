# A hot loop calling through a chain of functions deeper than the default inlining limit (8),
# plus a long loop body and a function with many locals; the values at every depth reach the
# output, and one level changes behaviour midway.
def f12(x):
    return x + 12
def f11(x):
    return f12(x) * 1 + 11
def f10(x):
    return f11(x) - 10
def f9(x):
    return f10(x) + 9
def f8(x):
    return f9(x) ^ 8
def f7(x):
    return f8(x) + 7
def f6(x):
    return f7(x) - 6
def f5(x):
    return f6(x) + 5
def f4(x):
    return f5(x) * 2
def f3(x):
    return f4(x) - 3
def f2(x):
    return f3(x) + 2
def f1(x):
    return f2(x) % 100003


t = 0
for i in range(3000):
    t += f1(i)
    if i == 1500:
        def f12(x):
            return x - 12
print(t)

# A loop body long enough to exceed a trace-length limit.
acc = [0] * 8
for i in range(1500):
    a0 = i + 1; a1 = a0 * 3; a2 = a1 - i; a3 = a2 ^ a0; a4 = a3 + a1; a5 = a4 % 97; a6 = a5 * a5
    b0 = a6 + a0; b1 = b0 - a1; b2 = b1 * 2; b3 = b2 // 3; b4 = b3 + a4; b5 = b4 % 1009; b6 = b5 + b0
    c0 = b6 * 3; c1 = c0 - b1; c2 = c1 ^ b2; c3 = c2 + b3; c4 = c3 % 4099; c5 = c4 * a5; c6 = c5 + c0
    d0 = c6 - a6; d1 = d0 * 5; d2 = d1 + c1; d3 = d2 % 8191; d4 = d3 + b6; d5 = d4 ^ c6; d6 = d5 + 1
    e0 = d6 * 7; e1 = e0 - d1; e2 = e1 + d2; e3 = e2 % 131071; e4 = e3 * 3; e5 = e4 - d4; e6 = e5 + e0
    acc[0] += a6; acc[1] += b6; acc[2] += c6; acc[3] += d6; acc[4] += e6
    acc[5] += a3 * b3 - c3; acc[6] += d3 ^ e3; acc[7] = (acc[7] * 31 + e6) % 1000000007
print(acc)

# Deep recursion through an inlining boundary: each level loops a little.
def level(n, x):
    if n == 0:
        return x
    s = 0
    for k in range(3):
        s += k * n
    return level(n - 1, x + s)


r = 0
for i in range(300):
    r += level(i % 15, i)
print(r)
