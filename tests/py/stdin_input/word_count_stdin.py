import sys
counts = {}
lines = 0
while True:
    try:
        line = input()
    except EOFError:
        break
    lines += 1
    for w in line.lower().split():
        w = w.strip('.,!?')
        if w:
            counts[w] = counts.get(w, 0) + 1
print('lines', lines)
for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(w, c)
