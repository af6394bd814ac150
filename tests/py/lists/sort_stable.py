data = [('b', 2), ('a', 2), ('c', 1), ('d', 3), ('e', 1)]
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
x = [5, 2, 8, 1, 9, 3]
x.sort(); print(x)
x.sort(reverse=True); print(x)
words = ['banana', 'Apple', 'cherry', 'date', 'Fig', 'elderberry']
words.sort(key=len); print(words)
words.sort(key=str.lower); print(words)
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted([3, 1, 2], reverse=True), sorted('hello'), sorted({3: 'a', 1: 'b'}))
nums = [-3, 2, -1, 5, -4]
print(sorted(nums, key=abs), sorted(nums, key=abs, reverse=True))
recs = [(i % 3, i) for i in range(12)]
recs.sort(key=lambda r: r[0])
print(recs)
try:
    [1, 'a'].sort()
except TypeError as e:
    print("TypeError")
