text = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope,
it was the winter of despair, we had everything before us, we had nothing before us."""
lines = text.splitlines()
words = []
for line in lines:
    for raw in line.split():
        w = raw.strip('.,;:!?').lower()
        if w:
            words.append(w)
print('lines', len(lines), 'words', len(words), 'chars', len(text))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
for w, c in top:
    print('%-10s %3d %s' % (w, c, '*' * c))
print('unique', len(freq), 'longest', max(words, key=len), 'avg len', round(sum(map(len, words)) / len(words), 3))
letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
print(''.join([k for k, v in sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))]))
by_len = {}
for w in set(words):
    by_len.setdefault(len(w), []).append(w)
for n in sorted(by_len):
    print(n, sorted(by_len[n]))
