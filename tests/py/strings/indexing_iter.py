s = "Python"
print(s[0], s[-1], s[2], s[-3], len(s))
for ch in s:
    print(ch, ord(ch), end='; ')
print()
print(list(s), tuple('ab'), sorted('banana'), set('aab') == {'a', 'b'})
print(s * 2, 3 * 'ab', s + '!' , 'y' in s, 'Y' in s)
print(''.join(reversed(s)), s[::-1], s[::2])
try:
    s[10]
except IndexError as e:
    print("IndexError", e)
try:
    s[0] = 'J'
except TypeError as e:
    print("TypeError", e)
print(min(s), max(s), s.count('o'))
