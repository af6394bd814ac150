data = list(range(1, 21))
windows = []
for i in range(len(data) - 3):
    windows.append(sum(data[i:i + 4]))
print(windows)
chunks = [data[i:i + 6] for i in range(0, len(data), 6)]
print(chunks)
rot = data[5:] + data[:5]
print(rot)
evens, odds = data[1::2], data[::2]
print(evens, odds)
merged = [None] * 20
merged[::2] = odds
merged[1::2] = evens
print(merged == data)
