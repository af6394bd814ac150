pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 3), (0, -3), (6, 3), (-6, 3), (1, 10**20), (-1, 10**20)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b), (a // b) * b + a % b == a)
big = -(10 ** 25) - 7
print(big // 10, big % 10, divmod(big, -10 ** 12))
print(-1 // 2, 1 // -2, -1 % 2, 1 % -2)
