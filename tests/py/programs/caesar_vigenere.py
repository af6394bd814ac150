def caesar(s, k):
    out = []
    for ch in s:
        if ch.isupper():
            out.append(chr((ord(ch) - 65 + k) % 26 + 65))
        elif ch.islower():
            out.append(chr((ord(ch) - 97 + k) % 26 + 97))
        else:
            out.append(ch)
    return ''.join(out)
def vigenere(s, key, sign=1):
    out, j = [], 0
    for ch in s:
        if ch.isalpha():
            base = 65 if ch.isupper() else 97
            shift = ord(key[j % len(key)].lower()) - 97
            out.append(chr((ord(ch) - base + sign * shift) % 26 + base))
            j += 1
        else:
            out.append(ch)
    return ''.join(out)
msg = 'Attack at Dawn! The quick brown fox jumps over the lazy dog.'
for k in [1, 3, 13, 25]:
    enc = caesar(msg, k)
    print(k, enc, caesar(enc, -k) == msg)
e = vigenere(msg, 'LEMON')
print(e)
print(vigenere(e, 'LEMON', -1))
def crack(ct):
    best = None
    for k in range(26):
        cand = caesar(ct, -k)
        score = sum([cand.lower().count(c) for c in 'etaoin '])
        if best is None or score > best[0]:
            best = (score, k, cand)
    return best[1], best[2]
print(crack(caesar('this is a secret message about the weather', 11)))
