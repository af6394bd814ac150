votes = [True, False, True, True, False]
print(sum(votes), len(votes) - sum(votes))
print(True + 1.5, True * 'ab', [0] * True, 'x' * False)
print(int(3 > 2) + int(2 > 3))
score = 0
for a in range(10):
    score += (a % 2 == 0) * 10 + (a % 3 == 0)
print(score)
print(divmod(True, True), True ** 10, 2 ** True, True // True, True % 2)
print(round(True), abs(False), -False)
