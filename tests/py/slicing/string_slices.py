s = 'The quick brown fox'
words = []
start = 0
for i in range(len(s) + 1):
    if i == len(s) or s[i] == ' ':
        words.append(s[start:i])
        start = i + 1
print(words)
print(s[4:9].upper(), s[-3:].title(), s[:3] + s[3:] == s)
print([s[i:i + 3] for i in range(0, len(s), 3)])
def is_pal(w):
    w = w.lower()
    return w == w[::-1]
print([w for w in ['Level', 'noon', 'python', 'Racecar', 'a', ''] if is_pal(w)])
print(s[len(s):], s[-len(s)], s[-len(s) - 5:3])
