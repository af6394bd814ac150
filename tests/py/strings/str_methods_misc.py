s = 'The rain in Spain stays mainly in the plain'
words = s.split()
print(len(words), sorted(words), sorted(words, key=str.lower))
print(sorted(words, key=len), max(words, key=len), min(words, key=len))
print([w for w in words if 'ain' in w])
print({w: len(w) for w in words if len(w) > 4})
print(s.lower().count('ain'), s.upper()[:8], s.title())
vowels = 0
for c in s.lower():
    if c in 'aeiou':
        vowels += 1
print('vowels', vowels)
print(' '.join([w[::-1] for w in words]))
print(s.encode('ascii')[:5])
