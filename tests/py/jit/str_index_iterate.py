# Indexing and iterating strs (and bytes, reversed lists) inside hot loops: ASCII and non-ASCII
# text, negative indices, IndexError on a late iteration, iterators that end inside the trace,
# a scanner loop in the style of a tokenizer.
text = "let x1 = (y + 42) * zeta; # done"
uni = "naïve café ☕ ok"
data = b"\x00\x01ab\xff"
acc = 0
out = []
for i in range(400):
    c = text[i % len(text)]
    d = uni[-(i % len(uni)) - 1]
    acc += ord(c) + ord(d)
    for ch in uni:
        if ch == "é":
            acc += i % 7
    for b in data:
        acc += b
    for x in reversed([i, 2, 3]):
        acc += x
    try:
        acc += ord(text[40 if i == 350 else 0])
    except IndexError as e:
        print(i, e)
    j = 0
    word = ""
    while j < len(text) and text[j] != "=":
        if text[j].isalnum():
            word += text[j]
        j += 1
    if i % 100 == 0:
        out.append(word)
print(acc, out)
